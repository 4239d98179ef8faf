package classify

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/floats"
)

// fitLogReg fits class-weighted multinomial logistic regression on the
// document vectors by L-BFGS (see lbfgs). It minimises
//
//	f(W, b) = C · Σ_d w(y_d) · -ln softmax(W x_d + b)_{y_d} + ½ ‖W‖²
//
// with class weights w(c) = N / (K · N_c) ("balanced", as in
// scikit-learn), so that every class weighs the same in total however rare
// it is; "sqrt" takes the square root of that (a compromise between macro-F1
// and accuracy) and "none" weighs every document 1. Returns W as
// [class][feature] and b.
func fitLogReg(vecs []sparse, y []int, K, V int, C float64, maxIter int, classWeight string) ([][]float64, []float64, error) {
	N := len(vecs)
	cw, err := classWeights(y, K, classWeight)
	if err != nil {
		return nil, nil, fmt.Errorf("fit logistic regression: %w", err)
	}
	dim := K*V + K
	workers := runtime.GOMAXPROCS(0)
	grads := make([][]float64, workers)
	for i := range grads {
		grads[i] = make([]float64, dim)
	}
	lastX := make([]float64, dim)
	lastG := make([]float64, dim)
	lastF := math.NaN()
	eval := func(x []float64) {
		if !math.IsNaN(lastF) && slices.Equal(x, lastX) {
			return
		}
		loss := make([]float64, workers)
		var wg sync.WaitGroup
		for wi := range workers {
			wg.Add(1)
			go func(wi int) {
				defer wg.Done()
				g := grads[wi]
				clear(g)
				z := make([]float64, K)
				for d := wi; d < N; d += workers {
					for c := range K {
						s := x[K*V+c]
						row := x[c*V : (c+1)*V]
						for _, e := range vecs[d] {
							s += row[e.i] * e.v
						}
						z[c] = s
					}
					mx := floats.Max(z)
					sum := 0.0
					for c := range z {
						z[c] = math.Exp(z[c] - mx)
						sum += z[c]
					}
					yc := y[d]
					w := cw[yc]
					loss[wi] += w * -(math.Log(z[yc] / sum))
					for c := range K {
						gc := z[c] / sum
						if c == yc {
							gc--
						}
						gc *= w
						if gc == 0 {
							continue
						}
						row := g[c*V : (c+1)*V]
						for _, e := range vecs[d] {
							row[e.i] += gc * e.v
						}
						g[K*V+c] += gc
					}
				}
			}(wi)
		}
		wg.Wait()
		f := 0.0
		for wi := range workers {
			f += loss[wi]
		}
		f *= C
		for i := range lastG {
			s := 0.0
			for wi := range workers {
				s += grads[wi][i]
			}
			lastG[i] = C * s
		}
		for i := 0; i < K*V; i++ {
			f += 0.5 * x[i] * x[i]
			lastG[i] += x[i]
		}
		copy(lastX, x)
		lastF = f
	}
	x := make([]float64, dim)
	if err := lbfgs(x, func(x, grad []float64) float64 {
		eval(x)
		copy(grad, lastG)
		return lastF
	}, maxIter, 1e-6); err != nil {
		return nil, nil, fmt.Errorf("fit logistic regression: %w", err)
	}
	W := make([][]float64, K)
	for c := range W {
		W[c] = slices.Clone(x[c*V : (c+1)*V])
	}
	return W, slices.Clone(x[K*V:]), nil
}

// classWeights returns the weight of each class's documents: N / (K·N_c)
// for "balanced" (or ""), its square root for "sqrt", 1 for "none".
func classWeights(y []int, K int, classWeight string) ([]float64, error) {
	N := len(y)
	counts := make([]float64, K)
	for _, c := range y {
		counts[c]++
	}
	cw := make([]float64, K)
	for c := range cw {
		if counts[c] == 0 {
			continue
		}
		switch classWeight {
		case "none":
			cw[c] = 1
		case "sqrt":
			cw[c] = math.Sqrt(float64(N) / (float64(K) * counts[c]))
		case "", "balanced":
			cw[c] = float64(N) / (float64(K) * counts[c])
		default:
			return nil, fmt.Errorf("unknown class weight %q", classWeight)
		}
	}
	return cw, nil
}

// fitLinearSVM fits one-vs-rest linear support vector machines with the
// squared hinge loss (the L2-loss SVM of LIBLINEAR and scikit-learn's
// LinearSVC), one per class, by L-BFGS. For class c, with t_d = +1 when
// y_d = c and -1 otherwise, it minimises
//
//	f(w, b) = C · Σ_d cw(y_d) · max(0, 1 - t_d (w·x_d + b))² + ½ ‖w‖²
//
// with the class weights of classWeights; the bias is not penalised. The
// classes are fitted in parallel. Returns W as [class][feature] and b.
func fitLinearSVM(vecs []sparse, y []int, K, V int, C float64, maxIter int, classWeight string) ([][]float64, []float64, error) {
	cw, err := classWeights(y, K, classWeight)
	if err != nil {
		return nil, nil, fmt.Errorf("fit linear SVM: %w", err)
	}
	W := make([][]float64, K)
	b := make([]float64, K)
	errs := make([]error, K)
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
				x := make([]float64, V+1)
				errs[c] = lbfgs(x, func(x, grad []float64) float64 {
					clear(grad)
					f := 0.0
					for d, vec := range vecs {
						t := -1.0
						if y[d] == c {
							t = 1
						}
						s := x[V]
						for _, e := range vec {
							s += x[e.i] * e.v
						}
						m := 1 - t*s
						if m <= 0 {
							continue
						}
						w := C * cw[y[d]]
						f += w * m * m
						g := -2 * w * m * t
						for _, e := range vec {
							grad[e.i] += g * e.v
						}
						grad[V] += g
					}
					for i := range V {
						f += 0.5 * x[i] * x[i]
						grad[i] += x[i]
					}
					return f
				}, maxIter, 1e-6)
				W[c], b[c] = x[:V:V], x[V]
			}
		}()
	}
	wg.Wait()
	for c, err := range errs {
		if err != nil {
			return nil, nil, fmt.Errorf("fit linear SVM, class %d: %w", c, err)
		}
	}
	return W, b, nil
}

// lbfgs minimises a smooth convex function in place of x by limited-memory
// BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., algorithms 7.4
// and 7.5) with m = 10 correction pairs and a backtracking Armijo line
// search (c1 = 1e-4). It stops after maxIter iterations or when the
// function decreases by less than tol relative to its value. fg returns
// f(x) and writes the gradient into grad.
//
// It stands in for gonum/optimize.LBFGS, whose package imports
// gonum/stat/distmv and through it golang.org/x/tools, a module this
// project does not otherwise need.
func lbfgs(x []float64, fg func(x, grad []float64) float64, maxIter int, tol float64) error {
	const m = 10
	n := len(x)
	g := make([]float64, n)
	f := fg(x, g)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("lbfgs: objective is %v at the start", f)
	}
	var S, Y [][]float64
	var rho []float64
	d := make([]float64, n)
	xNew := make([]float64, n)
	gNew := make([]float64, n)
	alpha := make([]float64, m)
	for it := 0; it < maxIter; it++ {
		// two-loop recursion: d = -H g
		copy(d, g)
		for i := len(S) - 1; i >= 0; i-- {
			alpha[i] = rho[i] * floats.Dot(S[i], d)
			floats.AddScaled(d, -alpha[i], Y[i])
		}
		if k := len(S) - 1; k >= 0 {
			floats.Scale(floats.Dot(S[k], Y[k])/floats.Dot(Y[k], Y[k]), d)
		} else if gn := floats.Norm(g, 2); gn > 0 {
			floats.Scale(1/gn, d)
		}
		for i := range S {
			beta := rho[i] * floats.Dot(Y[i], d)
			floats.AddScaled(d, alpha[i]-beta, S[i])
		}
		floats.Scale(-1, d)
		slope := floats.Dot(g, d)
		if slope >= 0 { // not a descent direction: restart from steepest descent
			S, Y, rho = S[:0], Y[:0], rho[:0]
			copy(d, g)
			floats.Scale(-1, d)
			slope = floats.Dot(g, d)
		}
		step := 1.0
		var fNew float64
		for ls := 0; ; ls++ {
			floats.AddScaledTo(xNew, x, step, d)
			fNew = fg(xNew, gNew)
			if fNew <= f+1e-4*step*slope {
				break
			}
			if ls == 40 {
				return nil // no further decrease possible: converged to precision
			}
			step /= 2
		}
		s := make([]float64, n)
		yv := make([]float64, n)
		floats.SubTo(s, xNew, x)
		floats.SubTo(yv, gNew, g)
		if sy := floats.Dot(s, yv); sy > 1e-12 {
			if len(S) == m {
				S, Y, rho = S[1:], Y[1:], rho[1:]
			}
			S, Y, rho = append(S, s), append(Y, yv), append(rho, 1/sy)
		}
		copy(x, xNew)
		copy(g, gNew)
		done := math.Abs(f-fNew) <= tol*math.Max(1, math.Abs(f))
		f = fNew
		if done {
			return nil
		}
	}
	return nil
}
