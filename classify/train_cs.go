package classify

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// fitCrammerSinger fits one multiclass linear SVM in the formulation of
// Crammer and Singer ("On the algorithmic implementation of multiclass
// kernel-based vector machines", JMLR 2001) by the sequential dual method
// of Keerthi, Sundararajan, Chang, Hsieh and Lin ("A sequential dual method
// for large scale multi-class linear SVMs", KDD 2008; LIBLINEAR's solver 4).
// Unlike one-vs-rest, the K weight vectors are fitted together, so each
// document only asks that its own class outscore every other by a margin
// of 1, not that each class separate itself from all the rest. With x̃_d = (x_d, 1), the bias last (regularised, as fitLinearSVMDual)
// and C_d = C · cw(y_d), it minimises
//
//	½ Σ_m ‖w̃_m‖² + Σ_d C_d · max_m (e_d^m + w̃_m·x̃_d - w̃_{y_d}·x̃_d),  e_d^m = [m ≠ y_d]
//
// (the hinge loss; with squared set, the squared hinge, see
// crammerSingerDual)
// through its dual: min over α of ½ Σ_m ‖w̃_m‖² + Σ_d Σ_m e_d^m α_d^m with
// w̃_m = Σ_d α_d^m x̃_d, subject to Σ_m α_d^m = 0 and α_d^m ≤ C_d^m (C_d for
// m = y_d, 0 otherwise). Each step solves the K variables of one document
// exactly (see csStep.solve) and the sweeps visit the documents in a seeded random
// order. A class that scores far below the others on a document, with its
// α at the bound, is shrunk from that document's active classes, and a
// document left with its own class alone is shrunk from the sweep; the
// sweeps stop when the largest violation of the optimality conditions,
// max_m G_m - min_{m: α < C} G_m over the gradient G_m = e_d^m + w̃_m·x̃_d,
// falls to tol over every document and class, or after maxIter sweeps.
func fitCrammerSinger(vecs []sparse, y []int, K, V int, C float64, squared bool, maxIter int, tol float64, classWeight string, seed uint64) ([][]float64, []float64, error) {
	cw, err := classWeights(y, K, classWeight)
	if err != nil {
		return nil, nil, fmt.Errorf("fit Crammer-Singer SVM: %w", err)
	}
	if maxIter <= 0 {
		maxIter = 1000
	}
	if tol <= 0 {
		tol = 1e-3
	}
	bound := make([]float64, len(vecs)) // C_d
	for d := range bound {
		bound[d] = C * cw[y[d]]
	}
	w, _ := crammerSingerDual(vecs, y, K, V, bound, squared, maxIter, tol, seed)
	W := make([][]float64, K)
	for m := range W {
		W[m] = make([]float64, V)
		for i := range V {
			W[m][i] = w[i*K+m]
		}
	}
	b := make([]float64, K)
	copy(b, w[V*K:])
	return W, b, nil
}

// crammerSingerDual solves the dual of fitCrammerSinger for the bounds C_d
// of the documents and returns the weights feature by feature (w̃_m's
// feature i at i*K + m, the bias as feature V) and α (α_d^m at d*K + m).
//
// With squared set it solves instead the squared hinge loss, C_d·ξ_d²
// for the hinge ξ_d, as fitLinearSVMDual does one class against the rest.
// Its dual (derived as the L1 one) adds Σ_d (α_d^y)² / (4 C_d) to the
// objective and lifts the upper bound of α_d^y: the same steps with a
// larger curvature for the document's own class and no bound.
func crammerSingerDual(vecs []sparse, y []int, K, V int, bound []float64, squared bool, maxIter int, tol float64, seed uint64) (w, alpha []float64) {
	N := len(vecs)
	// The weights feature by feature (K to a feature, the bias last): a
	// document's K scores then read consecutive memory.
	w = make([]float64, (V+1)*K)
	alpha = make([]float64, N*K)
	classes := make([]int32, N*K) // d's classes at d*K.., the active first
	nActive := make([]int, N)     // d's active classes, y_d always first
	sq := make([]float64, N)      // x̃_d·x̃_d
	index := make([]int, N)       // the documents, the active first
	for d, vec := range vecs {
		s := 1.0
		for _, e := range vec {
			s += e.v * e.v
		}
		sq[d], index[d], nActive[d] = s, d, K
		cs := classes[d*K : d*K+K]
		for m := range cs {
			cs[m] = int32(m)
		}
		cs[0], cs[y[d]] = cs[y[d]], cs[0] // y_d first, never shrunk
	}
	step := csStep{b: make([]float64, K), dv: make([]float64, K), order: make([]int, K), delta: make([]float64, K)}
	g := make([]float64, K)
	r := rand.New(rand.NewPCG(seed, 0xc5))
	active := N
	whole := true // the sweep visits every document and class
	for it := 0; it < maxIter; it++ {
		worst := 0.0
		r.Shuffle(active, func(i, j int) { index[i], index[j] = index[j], index[i] })
		for s := 0; s < active; s++ {
			d := index[s]
			cs := classes[d*K : d*K+nActive[d]]
			a := alpha[d*K : d*K+K]
			// The own class's bound u and extra curvature q.
			u, q := bound[d], 0.0
			if squared {
				u, q = math.Inf(1), 0.5/bound[d]
			}
			g := g[:len(cs)] // G_m = e_d^m + w̃_m·x̃_d (+ q α_d^y)
			for j, m := range cs {
				g[j] = w[V*K+int(m)] + 1 // the bias
			}
			g[0] += q*a[y[d]] - 1
			for _, e := range vecs[d] {
				row := w[int(e.i)*K : int(e.i)*K+K]
				for j, m := range cs {
					g[j] += row[m] * e.v
				}
			}
			// The violation; then shrink the other classes at their
			// bound (α = 0) whose gradient is under every one that may
			// still rise: moving α to them cannot lower the objective.
			maxG, minG := math.Inf(-1), math.Inf(1)
			if a[y[d]] < u {
				minG = g[0]
			}
			for j, m := range cs {
				maxG = max(maxG, g[j])
				if j > 0 && a[m] < 0 {
					minG = min(minG, g[j])
				}
			}
			worst = max(worst, maxG-minG)
			for j := len(cs) - 1; j > 0 && !math.IsInf(minG, 1); j-- {
				if a[cs[j]] == 0 && g[j] < minG {
					n := len(cs) - 1
					cs[j], cs[n], g[j], g[n] = cs[n], cs[j], g[n], g[j]
					cs, g = cs[:n], g[:n]
				}
			}
			nActive[d] = len(cs)
			if len(cs) == 1 { // only y_d: nothing to move
				active--
				index[s], index[active] = index[active], index[s]
				s--
				continue
			}
			if maxG-minG <= 1e-12 {
				continue
			}
			delta := step.solve(cs, a, g, sq[d], q, u)
			for j, m := range cs {
				a[m] += delta[j]
			}
			for _, e := range vecs[d] {
				row := w[int(e.i)*K : int(e.i)*K+K]
				for j, m := range cs {
					row[m] += delta[j] * e.v
				}
			}
			for j, m := range cs {
				w[V*K+int(m)] += delta[j]
			}
		}
		switch {
		case worst <= tol && whole:
			it = maxIter // optimal
		case worst <= tol:
			// Optimal on what is active: check everything once more.
			active, whole = N, true
			for d := range nActive {
				nActive[d] = K
			}
		default:
			whole = false
		}
	}
	return w, alpha
}

// csStep holds the scratch of one document's sub-problem.
type csStep struct {
	b, dv, delta []float64
	order        []int
}

// solve returns the change of α_d on the active classes cs, the document's
// own first (the others stay at α = 0), that minimises the dual with the
// rest of α fixed, given the gradient g, A = x̃_d·x̃_d, and the own class's
// extra curvature q and bound u (the others' bound is 0). With β the new
// α and a_m the curvature (A + q for the own class, A for the others), the
// sub-problem is
//
//	min Σ (½ a_m β_m² + B_m β_m),  B_m = G_m - a_m α_m,  Σ β_m = 0,  β_m ≤ u_m,
//
// whose solution is β_m = min(u_m, (θ - B_m)/a_m) for the θ at which the β
// sum to 0: their sum rises with θ, each β_m leaving its bound when θ falls
// under D_m = B_m + a_m u_m. Taking the classes by falling D_m, with the
// first r free, θ = (Σ_free B_m/a_m - Σ_bound u_m) / Σ_free 1/a_m, and the
// first r at which θ ≥ D_{r+1} is the solution (Keerthi et al., section 3,
// for q = 0; derived again here).
func (s *csStep) solve(cs []int32, a, g []float64, A, q, u float64) []float64 {
	n := len(cs)
	B, D, order := s.b[:n], s.dv[:n], s.order[:n]
	for j, m := range cs {
		curv, bound := A, 0.0
		if j == 0 {
			curv, bound = A+q, u
		}
		B[j] = g[j] - curv*a[m]
		D[j] = B[j] + curv*bound // +Inf when unbounded
		order[j] = j
	}
	slices.SortFunc(order, func(i, j int) int { return cmp.Compare(D[j], D[i]) })
	sumB, sumInv, bounded := 0.0, 0.0, 0.0
	if !math.IsInf(u, 1) {
		bounded = u
	}
	theta := 0.0
	for r, j := range order {
		curv := A
		if j == 0 {
			curv, bounded = A+q, 0
		}
		sumB += B[j] / curv
		sumInv += 1 / curv
		theta = (sumB - bounded) / sumInv
		if r == n-1 || theta >= D[order[r+1]] {
			break
		}
	}
	delta := s.delta[:n]
	for j, m := range cs {
		curv, bound := A, 0.0
		if j == 0 {
			curv, bound = A+q, u
		}
		delta[j] = min(bound, (theta-B[j])/curv) - a[m]
	}
	return delta
}

func isCrammerSinger(solver string) bool {
	return solver == SolverCrammerSinger || solver == SolverCrammerSingerL2
}

func positive(x float64) bool { return x > 0 }
