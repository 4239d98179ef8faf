package classify

// The round-5 experiments on the airline negative reasons (issue 3; see
// the round-5 table in cv_test.go), kept in history only: each TestExpRound5*
// prints the 5-fold accuracy of its variants on reasonHyper's features.
//
//	EXP_RUN=1 [CV_SEED=2] [EXP=substring] go test -tags=duckdb_arrow -run TestExpRound5 -v ./classify

import (
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

type expFold struct {
	cp     *corpus
	h      Hyper
	tr, te []int
	vocab  []string
	idf    []float64
	local  []int32
	trV    []sparse
	teV    []sparse
	trY    []int
	teY    []int
	K, V   int
	isChar []bool
	sw     []float64 // per training doc sample weight (may be nil)
}

// airlineReasonsConf also returns negativereason:confidence.
func airlineReasonsConf(t testing.TB) (labels, texts []string, conf []float64) {
	h, recs := readCSV(t, sharedData(t, "airline-sentiment/airline_sentiment_shared.csv"), ',')
	s, r, x, c := column(t, h, "airline_sentiment"), column(t, h, "negativereason"), column(t, h, "text"), column(t, h, "negativereason:confidence")
	for _, rec := range recs {
		if rec[s] == Negative && rec[r] != "" && rec[r] != "Can't Tell" {
			v, _ := strconv.ParseFloat(rec[c], 64)
			labels, texts, conf = append(labels, rec[r]), append(texts, rec[x]), append(conf, v)
		}
	}
	return
}

func buildFolds(labels, texts []string, h Hyper, seed uint64) ([]*expFold, []string) {
	cp := newCorpus(texts, &h)
	docs := allDocs(len(texts))
	fold := foldsOf(labels, docs, 5, seed)
	var names []string
	li := map[string]int{}
	for _, l := range labels {
		if _, ok := li[l]; !ok {
			li[l] = 0
			names = append(names, l)
		}
	}
	sort.Strings(names)
	for i, l := range names {
		li[l] = i
	}
	var out []*expFold
	for f := range 5 {
		e := &expFold{cp: cp, h: h, K: len(names)}
		for j, d := range docs {
			if fold[j] == f {
				e.te = append(e.te, d)
				e.teY = append(e.teY, li[labels[d]])
			} else {
				e.tr = append(e.tr, d)
				e.trY = append(e.trY, li[labels[d]])
			}
		}
		e.vocab, e.idf, e.local = cp.vocabulary(e.tr, &h)
		e.V = len(e.vocab)
		e.isChar = make([]bool, e.V)
		for i, k := range e.vocab {
			e.isChar[i] = isCharFeature(k)
		}
		for _, d := range e.tr {
			e.trV = append(e.trV, cp.vector(d, e.local, e.idf, &h, nil))
		}
		for _, d := range e.te {
			e.teV = append(e.teV, cp.vector(d, e.local, e.idf, &h, nil))
		}
		out = append(out, e)
	}
	return out, names
}

func scoreAll(W [][]float64, b []float64, vecs []sparse) [][]float64 {
	out := make([][]float64, len(vecs))
	for j, v := range vecs {
		s := make([]float64, len(W))
		for c := range W {
			for _, e := range v {
				s[c] += e.v * W[c][e.i]
			}
			if b != nil {
				s[c] += b[c]
			}
		}
		out[j] = s
	}
	return out
}

func argmax(s []float64) int {
	best := 0
	for c := range s {
		if s[c] > s[best] {
			best = c
		}
	}
	return best
}

func accOf(folds []*expFold, scores [][][]float64) (int, int) {
	correct, total := 0, 0
	for f, e := range folds {
		for j := range e.te {
			if argmax(scores[f][j]) == e.teY[j] {
				correct++
			}
			total++
		}
	}
	return correct, total
}

// svmX is dualCD with per-sample cost multipliers and an L1-loss option.
func svmX(vecs []sparse, y []int, K, V int, C float64, cw []float64, sw []float64, l1 bool, seed uint64) ([][]float64, []float64) {
	W := make([][]float64, K)
	b := make([]float64, K)
	var wg sync.WaitGroup
	next := make(chan int, K)
	for c := range K {
		next <- c
	}
	close(next)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				W[c], b[c] = dualCDX(vecs, y, c, V, C, cw, sw, l1, 300, 1e-3, seed+uint64(c))
			}
		}()
	}
	wg.Wait()
	return W, b
}

func dualCDX(vecs []sparse, y []int, c, V int, C float64, cw, sw []float64, l1 bool, maxIter int, tol float64, seed uint64) ([]float64, float64) {
	N := len(vecs)
	sq := make([]float64, N)
	for d, vec := range vecs {
		s := 1.0
		for _, e := range vec {
			s += e.v * e.v
		}
		sq[d] = s
	}
	w := make([]float64, V+1)
	alpha := make([]float64, N)
	diag := make([]float64, N)
	upper := make([]float64, N)
	t := make([]float64, N)
	qd := make([]float64, N)
	index := make([]int, N)
	for d := range N {
		t[d] = -1
		if y[d] == c {
			t[d] = 1
		}
		ci := C * cw[y[d]]
		if sw != nil {
			ci *= sw[d]
		}
		if l1 {
			upper[d] = ci
		} else {
			upper[d] = math.Inf(1)
			diag[d] = 0.5 / ci
		}
		qd[d] = sq[d] + diag[d]
		index[d] = d
	}
	r := rand.New(rand.NewPCG(seed, 0xdcd))
	active := N
	pgMaxOld, pgMinOld := math.Inf(1), math.Inf(-1)
	for it := 0; it < maxIter; it++ {
		pgMax, pgMin := math.Inf(-1), math.Inf(1)
		r.Shuffle(active, func(i, j int) { index[i], index[j] = index[j], index[i] })
		for s := 0; s < active; s++ {
			d := index[s]
			if upper[d] == 0 {
				continue
			}
			vec := vecs[d]
			g := w[V]
			for _, e := range vec {
				g += w[e.i] * e.v
			}
			g = t[d]*g - 1 + alpha[d]*diag[d]
			pg := 0.0
			switch {
			case alpha[d] == 0:
				if g > pgMaxOld {
					active--
					index[s], index[active] = index[active], index[s]
					s--
					continue
				}
				if g < 0 {
					pg = g
				}
			case alpha[d] == upper[d]:
				if g < pgMinOld {
					active--
					index[s], index[active] = index[active], index[s]
					s--
					continue
				}
				if g > 0 {
					pg = g
				}
			default:
				pg = g
			}
			pgMax, pgMin = math.Max(pgMax, pg), math.Min(pgMin, pg)
			if math.Abs(pg) > 1e-12 {
				old := alpha[d]
				alpha[d] = math.Min(math.Max(old-g/qd[d], 0), upper[d])
				delta := (alpha[d] - old) * t[d]
				for _, e := range vec {
					w[e.i] += delta * e.v
				}
				w[V] += delta
			}
		}
		if pgMax-pgMin <= tol {
			if active == N {
				break
			}
			active = N
			pgMaxOld, pgMinOld = math.Inf(1), math.Inf(-1)
			continue
		}
		pgMaxOld, pgMinOld = pgMax, pgMin
		if pgMaxOld <= 0 {
			pgMaxOld = math.Inf(1)
		}
		if pgMinOld >= 0 {
			pgMinOld = math.Inf(-1)
		}
	}
	return w[:V:V], w[V]
}

func cwPow(y []int, K int, p float64) []float64 {
	N := len(y)
	counts := make([]float64, K)
	for _, c := range y {
		counts[c]++
	}
	cw := make([]float64, K)
	for c := range cw {
		if counts[c] > 0 {
			cw[c] = math.Pow(float64(N)/(float64(K)*counts[c]), p)
		}
	}
	return cw
}

type variant struct {
	name string
	run  func(e *expFold) [][]float64
}

func runVariants(t *testing.T, folds []*expFold, vs []variant) {
	for _, v := range vs {
		if f := os.Getenv("EXP"); f != "" && !strings.Contains(v.name, f) {
			continue
		}
		scores := make([][][]float64, len(folds))
		for f, e := range folds {
			scores[f] = v.run(e)
		}
		c, n := accOf(folds, scores)
		t.Logf("%-50s %.4f (%d of %d)", v.name, float64(c)/float64(n), c, n)
	}
}

func expSeed() uint64 {
	if s := os.Getenv("CV_SEED"); s != "" {
		v, _ := strconv.ParseUint(s, 10, 64)
		return v
	}
	return 1
}

func TestExpRound5(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, conf := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	for _, e := range folds {
		e.sw = make([]float64, len(e.tr))
		for j, d := range e.tr {
			e.sw[j] = conf[d]
		}
	}
	base := func(C float64) func(e *expFold) [][]float64 {
		return func(e *expFold) [][]float64 {
			W, b, _ := fitLinearSVMDual(e.trV, e.trY, e.K, e.V, C, 300, 1e-3, "sqrt", 0)
			return scoreAll(W, b, e.teV)
		}
	}
	cbag := func(cs ...float64) func(e *expFold) [][]float64 {
		return func(e *expFold) [][]float64 {
			var sum [][]float64
			for _, C := range cs {
				W, b, _ := fitLinearSVMDual(e.trV, e.trY, e.K, e.V, C, 300, 1e-3, "sqrt", 0)
				s := scoreAll(W, b, e.teV)
				if sum == nil {
					sum = s
					continue
				}
				for j := range s {
					for c := range s[j] {
						sum[j][c] += s[j][c]
					}
				}
			}
			return sum
		}
	}
	boot := func(n int, frac float64, C float64) func(e *expFold) [][]float64 {
		return func(e *expFold) [][]float64 {
			var sum [][]float64
			r := rand.New(rand.NewPCG(42, 1))
			N := len(e.trV)
			for range n {
				sw := make([]float64, N)
				for range int(frac * float64(N)) {
					sw[r.IntN(N)]++
				}
				var vv []sparse
				var yy []int
				var ww []float64
				for j := range sw {
					if sw[j] > 0 {
						vv, yy, ww = append(vv, e.trV[j]), append(yy, e.trY[j]), append(ww, sw[j])
					}
				}
				W, b := svmX(vv, yy, e.K, e.V, C, cwPow(yy, e.K, 0.5), ww, false, 0)
				s := scoreAll(W, b, e.teV)
				if sum == nil {
					sum = s
					continue
				}
				for j := range s {
					for c := range s[j] {
						sum[j][c] += s[j][c]
					}
				}
			}
			return sum
		}
	}
	vs := []variant{
		{"baseline C0.1", base(0.1)},
		{"svmX baseline C0.1", func(e *expFold) [][]float64 {
			W, b := svmX(e.trV, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			return scoreAll(W, b, e.teV)
		}},
		{"cbag 0.05 0.1 0.2", cbag(0.05, 0.1, 0.2)},
		{"cbag 0.03 0.1 0.3", cbag(0.03, 0.1, 0.3)},
		{"cbag 0.1 0.3 1", cbag(0.1, 0.3, 1)},
		{"boot 10x1.0 C0.1", boot(10, 1, 0.1)},
		{"boot 10x1.0 C0.15", boot(10, 1, 0.15)},
	}
	for _, p := range []float64{0.3, 0.4, 0.6, 0.7} {
		vs = append(vs, variant{"cw power " + strconv.FormatFloat(p, 'g', -1, 64), func(e *expFold) [][]float64 {
			W, b := svmX(e.trV, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, p), nil, false, 0)
			return scoreAll(W, b, e.teV)
		}})
	}
	for _, C := range []float64{0.03, 0.1, 0.3, 1} {
		vs = append(vs, variant{"L1-loss hinge C " + strconv.FormatFloat(C, 'g', -1, 64), func(e *expFold) [][]float64 {
			W, b := svmX(e.trV, e.trY, e.K, e.V, C, cwPow(e.trY, e.K, 0.5), nil, true, 0)
			return scoreAll(W, b, e.teV)
		}})
	}
	for _, pw := range []float64{0.5, 1, 2} {
		for _, C := range []float64{0.1, 0.15} {
			vs = append(vs, variant{"conf weight^" + strconv.FormatFloat(pw, 'g', -1, 64) + " C " + strconv.FormatFloat(C, 'g', -1, 64), func(e *expFold) [][]float64 {
				sw := make([]float64, len(e.sw))
				for j := range sw {
					sw[j] = math.Pow(e.sw[j], pw)
				}
				W, b := svmX(e.trV, e.trY, e.K, e.V, C, cwPow(e.trY, e.K, 0.5), sw, false, 0)
				return scoreAll(W, b, e.teV)
			}})
		}
	}
	runVariants(t, folds, vs)
}

// splitBlocks returns the word-block and char-block parts of vectors.
func splitBlocks(vecs []sparse, isChar []bool) (w, c []sparse) {
	for _, v := range vecs {
		var a, b sparse
		for _, e := range v {
			if isChar[e.i] {
				b = append(b, e)
			} else {
				a = append(a, e)
			}
		}
		w, c = append(w, a), append(c, b)
	}
	return
}

type trainer func(vecs []sparse, y []int, K, V int) ([][]float64, []float64)

func svmTrainer(C, cwp float64) trainer {
	return func(vecs []sparse, y []int, K, V int) ([][]float64, []float64) {
		return svmX(vecs, y, K, V, C, cwPow(y, K, cwp), nil, false, 0)
	}
}

// oofScores returns out-of-fold scores of the training docs by an inner k-fold.
func oofScores(vecs []sparse, y []int, K, V, k int, tr trainer) [][]float64 {
	docs := allDocs(len(vecs))
	ls := make([]string, len(y))
	for i, c := range y {
		ls[i] = strconv.Itoa(c)
	}
	fold := foldsOf(ls, docs, k, 7)
	out := make([][]float64, len(vecs))
	for f := range k {
		var tv, te []sparse
		var ty []int
		var tei []int
		for j := range vecs {
			if fold[j] == f {
				te, tei = append(te, vecs[j]), append(tei, j)
			} else {
				tv, ty = append(tv, vecs[j]), append(ty, y[j])
			}
		}
		W, b := tr(tv, ty, K, V)
		s := scoreAll(W, b, te)
		for i, j := range tei {
			out[j] = s[i]
		}
	}
	return out
}

// platt fits p = 1/(1+exp(A s + B)) to labels (Platt 1999 with Lin's
// Newton method).
func platt(s []float64, pos []bool) (A, B float64) {
	var np, nn float64
	for _, p := range pos {
		if p {
			np++
		} else {
			nn++
		}
	}
	hi, lo := (np+1)/(np+2), 1/(nn+2)
	t := make([]float64, len(s))
	for i, p := range pos {
		if p {
			t[i] = hi
		} else {
			t[i] = lo
		}
	}
	A, B = 0, math.Log((nn+1)/(np+1))
	sigma := 1e-12
	fval := 0.0
	for i := range s {
		fApB := s[i]*A + B
		if fApB >= 0 {
			fval += t[i]*fApB + math.Log(1+math.Exp(-fApB))
		} else {
			fval += (t[i]-1)*fApB + math.Log(1+math.Exp(fApB))
		}
	}
	for it := 0; it < 100; it++ {
		h11, h22, h21, g1, g2 := sigma, sigma, 0.0, 0.0, 0.0
		for i := range s {
			fApB := s[i]*A + B
			var p, q float64
			if fApB >= 0 {
				p = math.Exp(-fApB) / (1 + math.Exp(-fApB))
				q = 1 / (1 + math.Exp(-fApB))
			} else {
				p = 1 / (1 + math.Exp(fApB))
				q = math.Exp(fApB) / (1 + math.Exp(fApB))
			}
			d2 := p * q
			h11 += s[i] * s[i] * d2
			h22 += d2
			h21 += s[i] * d2
			d1 := t[i] - p
			g1 += s[i] * d1
			g2 += d1
		}
		if math.Abs(g1) < 1e-5 && math.Abs(g2) < 1e-5 {
			break
		}
		det := h11*h22 - h21*h21
		dA := -(h22*g1 - h21*g2) / det
		dB := -(-h21*g1 + h11*g2) / det
		gd := g1*dA + g2*dB
		step := 1.0
		for step >= 1e-10 {
			nA, nB := A+step*dA, B+step*dB
			nf := 0.0
			for i := range s {
				fApB := s[i]*nA + nB
				if fApB >= 0 {
					nf += t[i]*fApB + math.Log(1+math.Exp(-fApB))
				} else {
					nf += (t[i]-1)*fApB + math.Log(1+math.Exp(fApB))
				}
			}
			if nf < fval+0.0001*step*gd {
				A, B, fval = nA, nB, nf
				break
			}
			step /= 2
		}
		if step < 1e-10 {
			break
		}
	}
	return
}

// plattAll fits per-class sigmoids to OOF scores and returns a function
// mapping raw scores to calibrated probabilities.
func plattAll(oof [][]float64, y []int, K int) func([]float64) []float64 {
	A, B := make([]float64, K), make([]float64, K)
	for c := range K {
		s := make([]float64, len(oof))
		pos := make([]bool, len(oof))
		for j := range oof {
			s[j], pos[j] = oof[j][c], y[j] == c
		}
		A[c], B[c] = platt(s, pos)
	}
	return func(s []float64) []float64 {
		out := make([]float64, K)
		for c := range K {
			out[c] = 1 / (1 + math.Exp(A[c]*s[c]+B[c]))
		}
		return out
	}
}

func dense(rows [][]float64) []sparse {
	out := make([]sparse, len(rows))
	for j, r := range rows {
		for i, v := range r {
			out[j] = append(out[j], entry{int32(i), v})
		}
	}
	return out
}

func concatRows(a, b [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for j := range a {
		out[j] = append(append([]float64{}, a[j]...), b[j]...)
	}
	return out
}

func softmaxRow(s []float64, temp float64) []float64 {
	mx := s[argmax(s)]
	out := make([]float64, len(s))
	z := 0.0
	for c := range s {
		out[c] = math.Exp((s[c] - mx) / temp)
		z += out[c]
	}
	for c := range out {
		out[c] /= z
	}
	return out
}

func TestExpRound5b(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	type blk struct {
		trW, trC, teW, teC []sparse
	}
	bl := make(map[*expFold]*blk)
	for _, e := range folds {
		b := &blk{}
		b.trW, b.trC = splitBlocks(e.trV, e.isChar)
		b.teW, b.teC = splitBlocks(e.teV, e.isChar)
		bl[e] = b
	}
	sep := func(Cw, Cc, ww float64, mode string) func(e *expFold) [][]float64 {
		return func(e *expFold) [][]float64 {
			b := bl[e]
			Ww, bw := svmX(b.trW, e.trY, e.K, e.V, Cw, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			Wc, bc := svmX(b.trC, e.trY, e.K, e.V, Cc, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			sw, sc := scoreAll(Ww, bw, b.teW), scoreAll(Wc, bc, b.teC)
			var fw, fc func([]float64) []float64
			switch mode {
			case "platt":
				fw = plattAll(oofScores(b.trW, e.trY, e.K, e.V, 3, svmTrainer(Cw, 0.5)), e.trY, e.K)
				fc = plattAll(oofScores(b.trC, e.trY, e.K, e.V, 3, svmTrainer(Cc, 0.5)), e.trY, e.K)
			case "softmax":
				fw = func(s []float64) []float64 { return softmaxRow(s, 0.3) }
				fc = fw
			default:
				fw = func(s []float64) []float64 { return s }
				fc = fw
			}
			out := make([][]float64, len(sw))
			for j := range sw {
				a, c := fw(sw[j]), fc(sc[j])
				out[j] = make([]float64, e.K)
				for k := range out[j] {
					out[j][k] = ww*a[k] + (1-ww)*c[k]
				}
			}
			return out
		}
	}
	vs := []variant{
		{"sep raw C0.1 w0.5", sep(0.1, 0.1, 0.5, "raw")},
		{"sep raw C0.2 w0.5", sep(0.2, 0.2, 0.5, "raw")},
		{"sep raw C0.3 w0.5", sep(0.3, 0.3, 0.5, "raw")},
		{"sep raw C0.2 w0.4", sep(0.2, 0.2, 0.4, "raw")},
		{"sep raw C0.2 w0.6", sep(0.2, 0.2, 0.6, "raw")},
		{"sep softmax C0.2 w0.5", sep(0.2, 0.2, 0.5, "softmax")},
		{"sep platt C0.2 w0.5", sep(0.2, 0.2, 0.5, "platt")},
		{"sep platt C0.1 w0.5", sep(0.1, 0.1, 0.5, "platt")},
		{"sep platt C0.3 w0.5", sep(0.3, 0.3, 0.5, "platt")},
		{"platt single C0.1", func(e *expFold) [][]float64 {
			W, b := svmX(e.trV, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			f := plattAll(oofScores(e.trV, e.trY, e.K, e.V, 3, svmTrainer(0.1, 0.5)), e.trY, e.K)
			s := scoreAll(W, b, e.teV)
			for j := range s {
				s[j] = f(s[j])
			}
			return s
		}},
	}
	stack := func(C float64, cw string, withSep bool) func(e *expFold) [][]float64 {
		return func(e *expFold) [][]float64 {
			W, b := svmX(e.trV, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			te := scoreAll(W, b, e.teV)
			oof := oofScores(e.trV, e.trY, e.K, e.V, 3, svmTrainer(0.1, 0.5))
			if withSep {
				bb := bl[e]
				Ww, bw := svmX(bb.trW, e.trY, e.K, e.V, 0.2, cwPow(e.trY, e.K, 0.5), nil, false, 0)
				Wc, bc := svmX(bb.trC, e.trY, e.K, e.V, 0.2, cwPow(e.trY, e.K, 0.5), nil, false, 0)
				te = concatRows(te, concatRows(scoreAll(Ww, bw, bb.teW), scoreAll(Wc, bc, bb.teC)))
				oof = concatRows(oof, concatRows(oofScores(bb.trW, e.trY, e.K, e.V, 3, svmTrainer(0.2, 0.5)), oofScores(bb.trC, e.trY, e.K, e.V, 3, svmTrainer(0.2, 0.5))))
			}
			F := len(oof[0])
			Ws, bs, err := fitLogReg(dense(oof), e.trY, e.K, F, C, 500, cw)
			if err != nil {
				t.Fatal(err)
			}
			return scoreAll(Ws, bs, dense(te))
		}
	}
	for _, C := range []float64{0.1, 1, 10} {
		for _, cw := range []string{"none", "sqrt"} {
			vs = append(vs, variant{"stack LR C " + strconv.FormatFloat(C, 'g', -1, 64) + " " + cw, stack(C, cw, false)})
			vs = append(vs, variant{"stack+sep LR C " + strconv.FormatFloat(C, 'g', -1, 64) + " " + cw, stack(C, cw, true)})
		}
	}
	runVariants(t, folds, vs)
}

// tfVector is corpus.vector with tf transformed by tfFn(tf, dl/avgdl) per block.
func tfVector(cp *corpus, d int, local []int32, idf []float64, tfFn func(tf, rel float64) float64, avgW, avgC float64) sparse {
	var out sparse
	blk := func(counts []termCount, avg float64) {
		from := len(out)
		dl := 0.0
		for _, tc := range counts {
			if local[tc.id] >= 0 {
				dl += float64(tc.n)
			}
		}
		for _, tc := range counts {
			k := local[tc.id]
			if k < 0 {
				continue
			}
			out = append(out, entry{k, tfFn(float64(tc.n), dl/avg) * idf[k]})
		}
		block := out[from:]
		sort.Slice(block, func(a, b int) bool { return block[a].i < block[b].i })
		norm := 0.0
		for _, e := range block {
			norm += e.v * e.v
		}
		if norm > 0 {
			norm = 1 / math.Sqrt(norm)
			for i := range block {
				block[i].v *= norm
			}
		}
	}
	blk(cp.words[d], avgW)
	if cp.chars != nil {
		blk(cp.chars[d], avgC)
	}
	return out
}

func TestExpRound5c(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	svm := func(C float64, tr, te []sparse, e *expFold) [][]float64 {
		W, b := svmX(tr, e.trY, e.K, e.V, C, cwPow(e.trY, e.K, 0.5), nil, false, 0)
		return scoreAll(W, b, te)
	}
	tfv := func(name string, fn func(tf, rel float64) float64) []variant {
		var out []variant
		for _, C := range []float64{0.1, 0.2} {
			out = append(out, variant{name + " C " + strconv.FormatFloat(C, 'g', -1, 64), func(e *expFold) [][]float64 {
				var avgW, avgC float64
				for _, d := range e.tr {
					for _, tc := range e.cp.words[d] {
						if e.local[tc.id] >= 0 {
							avgW += float64(tc.n)
						}
					}
					for _, tc := range e.cp.chars[d] {
						if e.local[tc.id] >= 0 {
							avgC += float64(tc.n)
						}
					}
				}
				avgW /= float64(len(e.tr))
				avgC /= float64(len(e.tr))
				var tr, te []sparse
				for _, d := range e.tr {
					tr = append(tr, tfVector(e.cp, d, e.local, e.idf, fn, avgW, avgC))
				}
				for _, d := range e.te {
					te = append(te, tfVector(e.cp, d, e.local, e.idf, fn, avgW, avgC))
				}
				return svm(C, tr, te, e)
			}})
		}
		return out
	}
	var vs []variant
	vs = append(vs, tfv("sublinear (check)", func(tf, _ float64) float64 { return 1 + math.Log(tf) })...)
	vs = append(vs, tfv("binary", func(tf, _ float64) float64 { return 1 })...)
	for _, k1 := range []float64{0.5, 1.2, 2} {
		for _, b := range []float64{0, 0.3, 0.75} {
			vs = append(vs, tfv("bm25 k1 "+strconv.FormatFloat(k1, 'g', -1, 64)+" b "+strconv.FormatFloat(b, 'g', -1, 64), func(tf, rel float64) float64 {
				return tf * (k1 + 1) / (tf + k1*(1-b+b*rel))
			})...)
		}
	}
	runVariants(t, folds, vs)

	// Numbers kept as words.
	h2 := h
	h2.Numbers = true
	folds2, _ := buildFolds(labels, texts, h2, expSeed())
	runVariants(t, folds2, []variant{
		{"numbers C 0.1", func(e *expFold) [][]float64 { return svm(0.1, e.trV, e.teV, e) }},
		{"numbers C 0.15", func(e *expFold) [][]float64 { return svm(0.15, e.trV, e.teV, e) }},
	})
}

// lsaBasis returns P (V×k) such that x·P are the LSA coordinates of x
// (right singular vectors of the training matrix), by randomized SVD.
func lsaBasis(vecs []sparse, V, k int, seed uint64) [][]float64 {
	N := len(vecs)
	l := k + 20
	r := rand.New(rand.NewPCG(seed, 3))
	omega := make([][]float64, V) // V×l
	for i := range omega {
		omega[i] = make([]float64, l)
		for j := range omega[i] {
			omega[i][j] = r.NormFloat64()
		}
	}
	mulX := func(M [][]float64) *mat.Dense { // X (N×V) · M (V×l)
		Y := mat.NewDense(N, l, nil)
		for d, v := range vecs {
			row := Y.RawRowView(d)
			for _, e := range v {
				for j, m := range M[e.i] {
					row[j] += e.v * m
				}
			}
		}
		return Y
	}
	mulXt := func(Q *mat.Dense) [][]float64 { // Xᵀ (V×N) · Q (N×l)
		out := make([][]float64, V)
		for i := range out {
			out[i] = make([]float64, l)
		}
		for d, v := range vecs {
			q := Q.RawRowView(d)
			for _, e := range v {
				row := out[e.i]
				for j := range row {
					row[j] += e.v * q[j]
				}
			}
		}
		return out
	}
	orth := func(Y *mat.Dense) *mat.Dense {
		var qr mat.QR
		qr.Factorize(Y)
		var Q mat.Dense
		qr.QTo(&Q)
		return mat.DenseCopyOf(Q.Slice(0, N, 0, l))
	}
	Q := orth(mulX(omega))
	for range 2 {
		Q = orth(mulX(mulXt(Q)))
	}
	Bt := mulXt(Q) // V×l = (QᵀX)ᵀ
	// B Bᵀ = Btᵀ Bt (l×l)
	G := mat.NewSymDense(l, nil)
	for _, row := range Bt {
		for a := range l {
			if row[a] == 0 {
				continue
			}
			for b := a; b < l; b++ {
				G.SetSym(a, b, G.At(a, b)+row[a]*row[b])
			}
		}
	}
	var eig mat.EigenSym
	eig.Factorize(G, true)
	vals := eig.Values(nil)
	var U mat.Dense
	eig.VectorsTo(&U)
	// largest k eigenvalues are at the end
	P := make([][]float64, V)
	for i := range P {
		P[i] = make([]float64, k)
		for j := range k {
			col := l - 1 - j
			s := math.Sqrt(math.Max(vals[col], 1e-12))
			v := 0.0
			for a := range l {
				v += Bt[i][a] * U.At(a, col)
			}
			P[i][j] = v / s
		}
	}
	return P
}

func lsaAppend(vecs []sparse, P [][]float64, V, k int, gamma float64) []sparse {
	out := make([]sparse, len(vecs))
	for d, v := range vecs {
		z := make([]float64, k)
		for _, e := range v {
			for j, p := range P[e.i] {
				z[j] += e.v * p
			}
		}
		n := 0.0
		for _, x := range z {
			n += x * x
		}
		n = math.Sqrt(n)
		o := append(sparse{}, v...)
		if n > 0 {
			for j, x := range z {
				o = append(o, entry{int32(V + j), gamma * x / n})
			}
		}
		out[d] = o
	}
	return out
}

func TestExpRound5d(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	var vs []variant
	for _, k := range []int{100, 300} {
		P := map[*expFold][][]float64{}
		basis := func(e *expFold) [][]float64 {
			if P[e] == nil {
				P[e] = lsaBasis(e.trV, e.V, k, 1)
			}
			return P[e]
		}
		for _, gamma := range []float64{0.5, 1} {
			for _, C := range []float64{0.1} {
				vs = append(vs, variant{"lsa k " + strconv.Itoa(k) + " gamma " + strconv.FormatFloat(gamma, 'g', -1, 64) + " C " + strconv.FormatFloat(C, 'g', -1, 64), func(e *expFold) [][]float64 {
					p := basis(e)
					tr, te := lsaAppend(e.trV, p, e.V, k, gamma), lsaAppend(e.teV, p, e.V, k, gamma)
					W, b := svmX(tr, e.trY, e.K, e.V+k, C, cwPow(e.trY, e.K, 0.5), nil, false, 0)
					return scoreAll(W, b, te)
				}})
			}
		}
	}
	runVariants(t, folds, vs)
}

// ovo trains one-vs-one SVMs and returns votes (+ small margin tie-break).
func ovo(e *expFold, C float64, cwp float64, soft bool) [][]float64 {
	cw := cwPow(e.trY, e.K, cwp)
	type pair struct{ a, b int }
	var pairs []pair
	for a := range e.K {
		for b := a + 1; b < e.K; b++ {
			pairs = append(pairs, pair{a, b})
		}
	}
	out := make([][]float64, len(e.teV))
	for j := range out {
		out[j] = make([]float64, e.K)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan pair, len(pairs))
	for _, p := range pairs {
		next <- p
	}
	close(next)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				var vv []sparse
				var yy []int
				for j, y := range e.trY {
					if y == p.a || y == p.b {
						vv, yy = append(vv, e.trV[j]), append(yy, y)
					}
				}
				w, b := dualCDX(vv, yy, p.a, e.V, C, cw, nil, false, 300, 1e-3, uint64(p.a*100+p.b))
				s := scoreAll([][]float64{w}, []float64{b}, e.teV)
				mu.Lock()
				for j := range s {
					m := s[j][0]
					if soft {
						pa := 1 / (1 + math.Exp(-2*m))
						out[j][p.a] += pa
						out[j][p.b] += 1 - pa
						continue
					}
					if m > 0 {
						out[j][p.a] += 1 + 1e-3*m
					} else {
						out[j][p.b] += 1 - 1e-3*m
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}

// mhuber fits OvR linear models with the modified Huber loss by averaged SGD.
func mhuber(vecs []sparse, y []int, K, V int, lambda float64, cw []float64, epochs int) ([][]float64, []float64) {
	W := make([][]float64, K)
	B := make([]float64, K)
	var wg sync.WaitGroup
	for c := range K {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			N := len(vecs)
			w := make([]float64, V)
			avg := make([]float64, V)
			var b, avgB float64
			r := rand.New(rand.NewPCG(uint64(c), 9))
			order := allDocs(N)
			// scale trick: w_true = scale * w
			scale := 1.0
			step := 0
			t0 := 1 / (lambda * 10)
			n := 0.0
			for range epochs {
				r.Shuffle(N, func(i, j int) { order[i], order[j] = order[j], order[i] })
				for _, d := range order {
					step++
					eta := 1 / (lambda * (t0 + float64(step)))
					tt := -1.0
					if y[d] == c {
						tt = 1
					}
					s := b
					for _, e := range vecs[d] {
						s += scale * w[e.i] * e.v
					}
					z := tt * s
					var g float64 // dloss/ds * t
					switch {
					case z >= 1:
						g = 0
					case z >= -1:
						g = -2 * (1 - z)
					default:
						g = -4
					}
					scale *= 1 - eta*lambda
					if g != 0 {
						f := -eta * g * tt * cw[y[d]]
						for _, e := range vecs[d] {
							w[e.i] += f * e.v / scale
						}
						b += f * 0.1
					}
					if scale < 1e-6 {
						for i := range w {
							w[i] *= scale
						}
						scale = 1
					}
				}
				// average over epochs' end points
				n++
				for i := range w {
					avg[i] += (scale*w[i] - avg[i]) / n
				}
				avgB += (b - avgB) / n
			}
			W[c], B[c] = avg, avgB
		}(c)
	}
	wg.Wait()
	return W, B
}

func TestExpRound5e(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	var vs []variant
	for _, C := range []float64{0.1, 0.3, 1} {
		for _, soft := range []bool{false, true} {
			vs = append(vs, variant{"ovo C " + strconv.FormatFloat(C, 'g', -1, 64) + " soft " + strconv.FormatBool(soft), func(e *expFold) [][]float64 { return ovo(e, C, 0.5, soft) }})
		}
	}
	for _, lam := range []float64{1e-4, 3e-4, 1e-3} {
		vs = append(vs, variant{"mhuber lambda " + strconv.FormatFloat(lam, 'g', -1, 64), func(e *expFold) [][]float64 {
			W, b := mhuber(e.trV, e.trY, e.K, e.V, lam, cwPow(e.trY, e.K, 0.5), 20)
			return scoreAll(W, b, e.teV)
		}})
		for _, wt := range []float64{0.5, 1} {
			vs = append(vs, variant{"svm + " + strconv.FormatFloat(wt, 'g', -1, 64) + " mhuber lambda " + strconv.FormatFloat(lam, 'g', -1, 64), func(e *expFold) [][]float64 {
				W, b := mhuber(e.trV, e.trY, e.K, e.V, lam, cwPow(e.trY, e.K, 0.5), 20)
				s := scoreAll(W, b, e.teV)
				W2, b2 := svmX(e.trV, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
				s2 := scoreAll(W2, b2, e.teV)
				for j := range s {
					for c := range s[j] {
						s[j][c] = s2[j][c] + wt*s[j][c]
					}
				}
				return s
			}})
		}
	}
	runVariants(t, folds, vs)
}

func TestExpRound5f(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	var vs []variant
	for _, lam := range []float64{2e-3, 4e-3} {
		vs = append(vs, variant{"mhuber lambda " + strconv.FormatFloat(lam, 'g', -1, 64), func(e *expFold) [][]float64 {
			W, b := mhuber(e.trV, e.trY, e.K, e.V, lam, cwPow(e.trY, e.K, 0.5), 20)
			return scoreAll(W, b, e.teV)
		}})
		vs = append(vs, variant{"svm + 1 mhuber lambda " + strconv.FormatFloat(lam, 'g', -1, 64), func(e *expFold) [][]float64 {
			W, b := mhuber(e.trV, e.trY, e.K, e.V, lam, cwPow(e.trY, e.K, 0.5), 20)
			s := scoreAll(W, b, e.teV)
			W2, b2 := svmX(e.trV, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			s2 := scoreAll(W2, b2, e.teV)
			for j := range s {
				for c := range s[j] {
					s[j][c] = s2[j][c] + s[j][c]
				}
			}
			return s
		}})
	}
	// combination: BM25 (k1 0.5, b 0.3) vectors, separate word and char SVMs, Platt-averaged
	bm := func(tf, rel float64) float64 { return tf * 1.5 / (tf + 0.5*(0.7+0.3*rel)) }
	vs = append(vs, variant{"bm25 + sep platt C 0.2", func(e *expFold) [][]float64 {
		var avgW, avgC float64
		for _, d := range e.tr {
			for _, tc := range e.cp.words[d] {
				if e.local[tc.id] >= 0 {
					avgW += float64(tc.n)
				}
			}
			for _, tc := range e.cp.chars[d] {
				if e.local[tc.id] >= 0 {
					avgC += float64(tc.n)
				}
			}
		}
		avgW /= float64(len(e.tr))
		avgC /= float64(len(e.tr))
		var tr, te []sparse
		for _, d := range e.tr {
			tr = append(tr, tfVector(e.cp, d, e.local, e.idf, bm, avgW, avgC))
		}
		for _, d := range e.te {
			te = append(te, tfVector(e.cp, d, e.local, e.idf, bm, avgW, avgC))
		}
		trW, trC := splitBlocks(tr, e.isChar)
		teW, teC := splitBlocks(te, e.isChar)
		Ww, bw := svmX(trW, e.trY, e.K, e.V, 0.2, cwPow(e.trY, e.K, 0.5), nil, false, 0)
		Wc, bc := svmX(trC, e.trY, e.K, e.V, 0.2, cwPow(e.trY, e.K, 0.5), nil, false, 0)
		fw := plattAll(oofScores(trW, e.trY, e.K, e.V, 3, svmTrainer(0.2, 0.5)), e.trY, e.K)
		fc := plattAll(oofScores(trC, e.trY, e.K, e.V, 3, svmTrainer(0.2, 0.5)), e.trY, e.K)
		sw, sc := scoreAll(Ww, bw, teW), scoreAll(Wc, bc, teC)
		out := make([][]float64, len(sw))
		for j := range sw {
			a, c := fw(sw[j]), fc(sc[j])
			out[j] = make([]float64, e.K)
			for k := range out[j] {
				out[j][k] = a[k] + c[k]
			}
		}
		return out
	}})
	runVariants(t, folds, vs)
}

// extraBlock builds a TF-IDF block (min df 2, sublinear, L2 * weight) from
// per-document keys, with vocabulary from the fold's training docs, and
// appends it (indices from base) to the vectors.
func extraBlock(e *expFold, keys [][]string, weight float64) (tr, te []sparse, V int) {
	df := map[string]int{}
	for _, d := range e.tr {
		seen := map[string]bool{}
		for _, k := range keys[d] {
			if !seen[k] {
				seen[k] = true
				df[k]++
			}
		}
	}
	idx := map[string]int32{}
	var idf []float64
	n := float64(len(e.tr))
	for k, c := range df {
		if c >= 2 {
			idx[k] = int32(e.V + len(idf))
			idf = append(idf, math.Log((1+n)/(1+float64(c)))+1)
		}
	}
	mk := func(d int, base sparse) sparse {
		cnt := map[int32]float64{}
		for _, k := range keys[d] {
			if i, ok := idx[k]; ok {
				cnt[i]++
			}
		}
		o := append(sparse{}, base...)
		from := len(o)
		norm := 0.0
		for i, c := range cnt {
			v := (1 + math.Log(c)) * idf[int(i)-e.V]
			o = append(o, entry{i, v})
			norm += v * v
		}
		blk := o[from:]
		sort.Slice(blk, func(a, b int) bool { return blk[a].i < blk[b].i })
		if norm > 0 {
			for i := range blk {
				blk[i].v *= weight / math.Sqrt(norm)
			}
		}
		return o
	}
	for j, d := range e.tr {
		tr = append(tr, mk(d, e.trV[j]))
	}
	for j, d := range e.te {
		te = append(te, mk(d, e.teV[j]))
	}
	return tr, te, e.V + len(idf)
}

func TestExpRound5g(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	// skip-bigrams and trigrams of stemmed words
	var f featurizer
	skip := make([][]string, len(texts))
	tri := make([][]string, len(texts))
	for d, x := range texts {
		f.toks = tokenize(x, f.toks[:0])
		w := f.wordsOf(f.toks, &h)
		for i := range w {
			if i >= 2 {
				skip[d] = append(skip[d], w[i-2]+" _ "+w[i])
				tri[d] = append(tri[d], w[i-2]+" "+w[i-1]+" "+w[i])
			}
		}
	}
	var vs []variant
	for _, wt := range []float64{0.3, 0.5} {
		vs = append(vs, variant{"skip-bigrams weight " + strconv.FormatFloat(wt, 'g', -1, 64), func(e *expFold) [][]float64 {
			tr, te, V := extraBlock(e, skip, wt)
			W, b := svmX(tr, e.trY, e.K, V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			return scoreAll(W, b, te)
		}})
		vs = append(vs, variant{"trigrams weight " + strconv.FormatFloat(wt, 'g', -1, 64), func(e *expFold) [][]float64 {
			tr, te, V := extraBlock(e, tri, wt)
			W, b := svmX(tr, e.trY, e.K, V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			return scoreAll(W, b, te)
		}})
	}
	vs = append(vs, variant{"tol 1e-4", func(e *expFold) [][]float64 {
		W, b, _ := fitLinearSVMDual(e.trV, e.trY, e.K, e.V, 0.1, 1000, 1e-4, "sqrt", 0)
		return scoreAll(W, b, e.teV)
	}})
	// label-noise cleaning by out-of-fold predictions
	oofCache := map[*expFold][][]float64{}
	oof := func(e *expFold) [][]float64 {
		if oofCache[e] == nil {
			oofCache[e] = oofScores(e.trV, e.trY, e.K, e.V, 3, svmTrainer(0.1, 0.5))
		}
		return oofCache[e]
	}
	for _, omega := range []float64{0, 0.3, 0.6} {
		for _, marg := range []float64{0, 0.5} {
			vs = append(vs, variant{"oof-wrong weight " + strconv.FormatFloat(omega, 'g', -1, 64) + " margin>" + strconv.FormatFloat(marg, 'g', -1, 64), func(e *expFold) [][]float64 {
				o := oof(e)
				sw := make([]float64, len(e.trY))
				nw := 0
				for j := range sw {
					sw[j] = 1
					p := argmax(o[j])
					if p != e.trY[j] && o[j][p]-o[j][e.trY[j]] > marg {
						sw[j] = omega
						nw++
					}
				}
				_ = nw
				W, b := svmX(e.trV, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, 0.5), sw, false, 0)
				return scoreAll(W, b, e.teV)
			}})
		}
	}
	runVariants(t, folds, vs)
}

func TestExpRound5h(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	bm := func(tf, rel float64) float64 { return tf * 1.5 / (tf + 0.5*(0.7+0.3*rel)) }
	vs := []variant{
		{"baseline C0.1", func(e *expFold) [][]float64 {
			W, b, _ := fitLinearSVMDual(e.trV, e.trY, e.K, e.V, 0.1, 300, 1e-3, "sqrt", 0)
			return scoreAll(W, b, e.teV)
		}},
		{"cbag 0.05 0.1 0.2", func(e *expFold) [][]float64 {
			var sum [][]float64
			for _, C := range []float64{0.05, 0.1, 0.2} {
				W, b, _ := fitLinearSVMDual(e.trV, e.trY, e.K, e.V, C, 300, 1e-3, "sqrt", 0)
				s := scoreAll(W, b, e.teV)
				if sum == nil {
					sum = s
					continue
				}
				for j := range s {
					for c := range s[j] {
						sum[j][c] += s[j][c]
					}
				}
			}
			return sum
		}},
		{"bm25 k1 0.5 b 0.3 C 0.1", func(e *expFold) [][]float64 {
			var avgW, avgC float64
			for _, d := range e.tr {
				for _, tc := range e.cp.words[d] {
					if e.local[tc.id] >= 0 {
						avgW += float64(tc.n)
					}
				}
				for _, tc := range e.cp.chars[d] {
					if e.local[tc.id] >= 0 {
						avgC += float64(tc.n)
					}
				}
			}
			avgW /= float64(len(e.tr))
			avgC /= float64(len(e.tr))
			var tr, te []sparse
			for _, d := range e.tr {
				tr = append(tr, tfVector(e.cp, d, e.local, e.idf, bm, avgW, avgC))
			}
			for _, d := range e.te {
				te = append(te, tfVector(e.cp, d, e.local, e.idf, bm, avgW, avgC))
			}
			W, b := svmX(tr, e.trY, e.K, e.V, 0.1, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			return scoreAll(W, b, te)
		}},
		{"sep platt C0.2", func(e *expFold) [][]float64 {
			trW, trC := splitBlocks(e.trV, e.isChar)
			teW, teC := splitBlocks(e.teV, e.isChar)
			Ww, bw := svmX(trW, e.trY, e.K, e.V, 0.2, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			Wc, bc := svmX(trC, e.trY, e.K, e.V, 0.2, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			fw := plattAll(oofScores(trW, e.trY, e.K, e.V, 3, svmTrainer(0.2, 0.5)), e.trY, e.K)
			fc := plattAll(oofScores(trC, e.trY, e.K, e.V, 3, svmTrainer(0.2, 0.5)), e.trY, e.K)
			sw, sc := scoreAll(Ww, bw, teW), scoreAll(Wc, bc, teC)
			out := make([][]float64, len(sw))
			for j := range sw {
				a, c := fw(sw[j]), fc(sc[j])
				out[j] = make([]float64, e.K)
				for k := range out[j] {
					out[j][k] = a[k] + c[k]
				}
			}
			return out
		}},
	}
	runVariants(t, folds, vs)
}

func TestExpRound5i(t *testing.T) {
	if os.Getenv("EXP_RUN") == "" {
		t.Skip("experiments")
	}
	labels, texts, _ := airlineReasonsConf(t)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	folds, _ := buildFolds(labels, texts, h, expSeed())
	drop := func(p float64, copies int, C float64, keepOrig bool) func(e *expFold) [][]float64 {
		return func(e *expFold) [][]float64 {
			r := rand.New(rand.NewPCG(11, 5))
			var vv []sparse
			var yy []int
			if keepOrig {
				vv, yy = append(vv, e.trV...), append(yy, e.trY...)
			}
			for range copies {
				for j, v := range e.trV {
					var o sparse
					for _, en := range v {
						if r.Float64() >= p {
							o = append(o, entry{en.i, en.v / (1 - p)})
						}
					}
					vv, yy = append(vv, o), append(yy, e.trY[j])
				}
			}
			W, b := svmX(vv, yy, e.K, e.V, C, cwPow(e.trY, e.K, 0.5), nil, false, 0)
			return scoreAll(W, b, e.teV)
		}
	}
	var vs []variant
	for _, p := range []float64{0.3, 0.5} {
		for _, C := range []float64{0.01, 0.015} {
			vs = append(vs, variant{"dropout p " + strconv.FormatFloat(p, 'g', -1, 64) + " 4 copies + orig, C " + strconv.FormatFloat(C, 'g', -1, 64), drop(p, 4, C, true)})
		}
	}
	runVariants(t, folds, vs)
}
