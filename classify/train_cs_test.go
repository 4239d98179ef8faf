package classify

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
)

// TestCrammerSingerOptimal checks crammerSingerDual against the maths of
// fitCrammerSinger on random sparse data (4 classes, unequal mix, balanced
// class weights), for the hinge and the squared hinge loss: α is feasible
// (Σ_m α_d^m = 0, α_d^m ≤ its bound), the weights are Σ_d α_d^m x̃_d, and at
// a tight tolerance the primal objective meets the dual one (strong
// duality: the gap closes only at the optimum).
func TestCrammerSingerOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const N, K, V, C = 300, 4, 40, 0.5
	vecs := make([]sparse, N)
	y := make([]int, N)
	for d := range vecs {
		y[d] = r.IntN(K)
		if d < 150 {
			y[d] = 0
		}
		for i := range V {
			if r.Float64() < 0.2 {
				v := r.Float64()
				if i%K == y[d] {
					v += 0.5 // a signal for the class
				}
				vecs[d] = append(vecs[d], entry{int32(i), v})
			}
		}
	}
	cw, err := classWeights(y, K, "balanced")
	if err != nil {
		t.Fatal(err)
	}
	bound := make([]float64, N) // C_d
	for d := range bound {
		bound[d] = C * cw[y[d]]
	}
	for _, squared := range []bool{false, true} {
		w, alpha := crammerSingerDual(vecs, y, K, V, bound, squared, 100000, 1e-8, 1)
		again := make([]float64, len(w)) // Σ_d α_d^m x̃_d
		for d, vec := range vecs {
			sum := 0.0
			for m := range K {
				a := alpha[d*K+m]
				sum += a
				if m == y[d] && !squared && a > bound[d]+1e-12 || m != y[d] && a > 1e-12 {
					t.Fatalf("squared %v: α[%d][%d] = %g above its bound", squared, d, m, a)
				}
				for _, e := range vec {
					again[int(e.i)*K+m] += a * e.v
				}
				again[V*K+m] += a
			}
			if math.Abs(sum) > 1e-9 {
				t.Fatalf("squared %v: Σ_m α[%d] = %g, want 0", squared, d, sum)
			}
		}
		reg := 0.0
		for i, v := range w {
			if math.Abs(v-again[i]) > 1e-9 {
				t.Fatalf("squared %v: w[%d] = %g, Σ α x̃ = %g", squared, i, v, again[i])
			}
			reg += v * v / 2
		}
		// primal = ½‖w̃‖² + Σ_d C_d ξ_d (ξ_d² if squared), with the hinge
		// ξ_d = max(0, max_{m≠y} 1 + w̃_m·x̃_d - w̃_y·x̃_d); dual = -½‖w̃‖² -
		// Σ_d Σ_{m≠y_d} α_d^m (- Σ_d (α_d^y)²/(4 C_d) if squared).
		primal, dual := reg, -reg
		for d, vec := range vecs {
			sc := make([]float64, K)
			for m := range K {
				sc[m] = w[V*K+m]
				for _, e := range vec {
					sc[m] += w[int(e.i)*K+m] * e.v
				}
			}
			xi := 0.0
			for m := range K {
				if m != y[d] {
					xi = max(xi, 1+sc[m]-sc[y[d]])
					dual -= alpha[d*K+m]
				}
			}
			if squared {
				xi *= xi
				dual -= alpha[d*K+y[d]] * alpha[d*K+y[d]] / (4 * bound[d])
			}
			primal += bound[d] * xi
		}
		t.Logf("squared %v: primal %.9f dual %.9f", squared, primal, dual)
		if gap := primal - dual; gap < -1e-9 || gap > 1e-6*primal {
			t.Errorf("squared %v: duality gap %g (primal %g, dual %g), want 0 <= gap <= 1e-6 of the primal", squared, gap, primal, dual)
		}
	}
}

// TestTrainCrammerSinger trains the Crammer-Singer solvers, fixed and
// chosen from a solver grid, on a small separable set (as
// TestTrainMethods), checks predictions and the save/load round trip, and
// that hyper-parameters they cannot use are refused.
func TestTrainCrammerSinger(t *testing.T) {
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery", "fraud", "fraud", "fraud"}
	texts := []string{
		"I was charged twice on my bill",
		"the bill has a wrong charge",
		"double charge on my bill again",
		"my package never arrived",
		"the package delivery is late",
		"delivery of my package failed",
		"someone stole my card number",
		"a stolen card used by a thief",
		"identity theft, a card I never opened",
	}
	grid := []string{SolverDualCD, SolverCrammerSingerL2, SolverCrammerSinger}
	for _, h := range []Hyper{
		{Method: MethodLinearSVM, Solver: SolverCrammerSinger, C: 1, MinDF: 1, Sublinear: true, Bigrams: true},
		{Method: MethodLinearSVM, Solver: SolverCrammerSingerL2, C: 1, MinDF: 1, ClassWeight: "sqrt", CharMin: 2, CharMax: 4},
		{Method: MethodLinearSVM, Solver: SolverDualCD, SolverGrid: grid, C: 1, CGrid: []float64{0.1, 1}, MinDF: 1},
	} {
		m, err := Train(labels, texts, TrainOptions{Name: "test", Hyper: &h})
		if err != nil {
			t.Fatal(err)
		}
		if len(h.SolverGrid) > 0 && !slices.Contains(grid, m.Hyper.Solver) {
			t.Errorf("chosen solver %q, not in the grid %v", m.Hyper.Solver, grid)
		}
		path := filepath.Join(t.TempDir(), "m.json")
		if err := m.Save(path); err != nil {
			t.Fatal(err)
		}
		m2, err := LoadModel(path)
		if err != nil {
			t.Fatal(err)
		}
		if m2.Hyper.Solver != m.Hyper.Solver || !slices.Equal(m2.Hyper.SolverGrid, h.SolverGrid) {
			t.Errorf("loaded solver %q grid %v, want %q %v", m2.Hyper.Solver, m2.Hyper.SolverGrid, m.Hyper.Solver, h.SolverGrid)
		}
		for _, q := range []struct{ in, want string }{
			{"another wrong charge on the bill", "billing"},
			{"where is my package", "delivery"},
			{"my card was stolen", "fraud"},
		} {
			for _, mm := range []*Model{m, m2} {
				if got, p := mm.Predict(q.in); got != q.want || p <= 0 || p > 1 {
					t.Errorf("%s: Predict(%q) = %q, %.3f, want %q", h.Solver, q.in, got, p, q.want)
				}
			}
		}
	}
	for _, h := range []Hyper{
		{Method: MethodLinearSVM, Solver: "crammer", MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, SolverGrid: []string{SolverDualCD, "lbfgs"}, MinDF: 1},
		{Method: MethodLogReg, Solver: SolverCrammerSinger, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverCrammerSinger, NBAlpha: 0.1, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, SolverGrid: []string{SolverDualCD, SolverCrammerSingerL2}, NBAlpha: 0.1, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverCrammerSinger, CNBWeight: 0.1, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, SolverGrid: []string{SolverCrammerSinger}, CNBWeightGrid: []float64{0, 0.1}, MinDF: 1},
	} {
		if _, err := Train(labels, texts, TrainOptions{Hyper: &h}); err == nil {
			t.Errorf("Train(%+v) succeeded, want an error", h)
		}
	}
}
