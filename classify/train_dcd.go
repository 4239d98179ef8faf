package classify

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
)

// fitLinearSVMDual fits one-vs-rest linear support vector machines with the
// squared hinge loss, one per class, by dual coordinate descent (Hsieh,
// Chang, Lin, Keerthi and Sundararajan, "A dual coordinate descent method
// for large-scale linear SVM", ICML 2008; LIBLINEAR's solver 1 and
// scikit-learn's LinearSVC). For class c, with t_d = +1 when y_d = c and
// -1 otherwise, and x̃_d = (x_d, 1) so that the bias is the last weight
// (regularised, as in LIBLINEAR with bias 1), it minimises the primal
//
//	f(w̃) = C · Σ_d cw(y_d) · max(0, 1 - t_d w̃·x̃_d)² + ½ ‖w̃‖²
//
// through its dual, min over α ≥ 0 of ½ αᵀ(Q + D)α - Σ α_d, with
// Q_de = t_d t_e x̃_d·x̃_e and D_dd = 1 / (2 C cw(y_d)); w̃ = Σ_d α_d t_d x̃_d.
// Each sweep visits the still active coordinates in a seeded random order
// and shrinks those at the bound; it stops when the projected gradient's
// spread, max - min, falls to tol (LIBLINEAR's eps) over all coordinates,
// or after maxIter sweeps. The classes are fitted in parallel, each with its
// own seeded order, so the result does not depend on scheduling.
func fitLinearSVMDual(vecs []sparse, y []int, K, V int, C float64, maxIter int, tol float64, classWeight string, nbAlpha float64) ([][]float64, []float64, error) {
	cw, err := classWeights(y, K, classWeight)
	if err != nil {
		return nil, nil, fmt.Errorf("fit linear SVM: %w", err)
	}
	if maxIter <= 0 {
		maxIter = 1000
	}
	if tol <= 0 {
		tol = 1e-3
	}
	var classSum [][]float64
	var all []float64
	var signed []bool // features with a negative value somewhere: no counts
	if nbAlpha > 0 {
		classSum = make([][]float64, K)
		for c := range classSum {
			classSum[c] = make([]float64, V)
		}
		all = make([]float64, V)
		signed = make([]bool, V)
		for d, vec := range vecs {
			for _, e := range vec {
				classSum[y[d]][e.i] += e.v
				all[e.i] += e.v
				if e.v < 0 {
					signed[e.i] = true
				}
			}
		}
	}
	W := make([][]float64, K)
	b := make([]float64, K)
	next := make(chan int, K)
	for c := range K {
		next <- c
	}
	close(next)
	var wg sync.WaitGroup
	for range min(K, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				var scale []float64
				if nbAlpha > 0 {
					scale = nbRatio(classSum[c], all, signed, nbAlpha)
				}
				W[c], b[c] = dualCD(vecs, y, c, V, C, cw, scale, maxIter, tol, uint64(c))
				for i := range scale {
					W[c][i] *= scale[i]
				}
			}
		}()
	}
	wg.Wait()
	return W, b, nil
}

// dualCD solves the L2-loss SVM dual of class c against the rest (see
// fitLinearSVMDual), following LIBLINEAR's solve_l2r_l1l2_svc_dual.
func dualCD(vecs []sparse, y []int, c, V int, C float64, cw, scale []float64, maxIter int, tol float64, seed uint64) ([]float64, float64) {
	N := len(vecs)
	if scale != nil { // scaled copies of the vectors
		sv := make([]sparse, N)
		for d, vec := range vecs {
			sv[d] = make(sparse, len(vec))
			for j, e := range vec {
				sv[d][j] = entry{e.i, e.v * scale[e.i]}
			}
		}
		vecs = sv
	}
	sq := make([]float64, N) // x̃_d·x̃_d
	for d, vec := range vecs {
		s := 1.0
		for _, e := range vec {
			s += e.v * e.v
		}
		sq[d] = s
	}
	w := make([]float64, V+1) // the bias last
	alpha := make([]float64, N)
	diag := make([]float64, N)
	t := make([]float64, N)
	qd := make([]float64, N)
	index := make([]int, N)
	for d := range N {
		t[d] = -1
		if y[d] == c {
			t[d] = 1
		}
		if cw[y[d]] > 0 {
			diag[d] = 0.5 / (C * cw[y[d]])
		} else {
			diag[d] = math.Inf(1) // a class with no weight: α stays 0
		}
		qd[d] = sq[d] + diag[d]
		index[d] = d
	}
	r := rand.New(rand.NewPCG(seed, 0xdcd))
	active := N
	pgMaxOld := math.Inf(1) // the upper bound is infinite: no shrinking at it
	for it := 0; it < maxIter; it++ {
		pgMax, pgMin := math.Inf(-1), math.Inf(1)
		r.Shuffle(active, func(i, j int) { index[i], index[j] = index[j], index[i] })
		for s := 0; s < active; s++ {
			d := index[s]
			if math.IsInf(diag[d], 1) {
				continue
			}
			vec := vecs[d]
			g := w[V]
			for _, e := range vec {
				g += w[e.i] * e.v
			}
			g = t[d]*g - 1 + alpha[d]*diag[d]
			pg := 0.0
			if alpha[d] == 0 {
				if g > pgMaxOld {
					active--
					index[s], index[active] = index[active], index[s]
					s--
					continue
				}
				if g < 0 {
					pg = g
				}
			} else {
				pg = g
			}
			pgMax, pgMin = math.Max(pgMax, pg), math.Min(pgMin, pg)
			if math.Abs(pg) > 1e-12 {
				old := alpha[d]
				alpha[d] = math.Max(old-g/qd[d], 0)
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
			active = N // check the shrunk coordinates once more
			pgMaxOld = math.Inf(1)
			continue
		}
		pgMaxOld = pgMax
		if pgMaxOld <= 0 {
			pgMaxOld = math.Inf(1)
		}
	}
	return w[:V:V], w[V]
}

// nbRatio returns the naive Bayes log-count ratio of each feature for a
// class against the rest (Wang and Manning, "Baselines and bigrams: simple,
// good sentiment and topic classification", ACL 2012):
//
//	r_i = ln( (α + p_i) / ‖α + p‖₁ ) - ln( (α + q_i) / ‖α + q‖₁ )
//
// with p the class's summed feature values and q the rest's; its absolute
// value scales the features, so that those that tell the class apart
// weigh more under the same L2 penalty. The ratio is one of counts: a
// feature that takes a negative value (signed[i], such as the lexicon
// features' sentiment score) is left out of the sums and keeps scale 1
// (its logarithm would be of a negative number, NaN, and every weight with
// it: a model that named one class for every text).
func nbRatio(class, all []float64, signed []bool, alpha float64) []float64 {
	V := len(all)
	var sp, sq float64
	for i := range V {
		if !signed[i] {
			sp += alpha + class[i]
			sq += alpha + all[i] - class[i]
		}
	}
	r := make([]float64, V)
	for i := range V {
		if signed[i] {
			r[i] = 1
			continue
		}
		r[i] = math.Abs(math.Log((alpha+class[i])/sp) - math.Log((alpha+all[i]-class[i])/sq))
	}
	return r
}
