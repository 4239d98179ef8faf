package trend

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/complaints/complaints/metrics"
)

func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
}

func TestCountUpperTail(t *testing.T) {
	tests := []struct {
		name     string
		y, mu, v float64
		want     float64
	}{
		// Poisson(1): 1 - e^-1.
		{"poisson-1", 1, 1, 1, 0.6321205588285577},
		// Poisson(2): 1 - e^-2 (1 + 2).
		{"poisson-2", 2, 2, 2, 0.5939941502901619},
		// NB size 1 is geometric: mean 1 gives variance 1 + 1 = 2 and P(Y >= 3) = (1/2)^3.
		{"geometric", 3, 1, 2, 0.125},
		// NB size 2, mean 2 (variance 2 + 4/2 = 4): pmf (y+1) 0.5^(y+2), so P(Y >= 2) = 1 - 0.25 - 0.25.
		{"nb-size2", 2, 2, 4, 0.5},
		{"zero", 0, 5, 10, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountUpperTail(tt.y, tt.mu, tt.v); !near(got, tt.want, 1e-10) {
				t.Errorf("CountUpperTail(%v, %v, %v) = %v, want %v", tt.y, tt.mu, tt.v, got, tt.want)
			}
		})
	}
}

func TestCountUpperTailMatchesPMFSum(t *testing.T) {
	// Independent oracle: 1 - sum_{j<y} NB pmf, the pmf computed from its
	// definition Gamma(j+k)/(Gamma(k) j!) p^k (1-p)^j with p = k/(k+mu).
	mu, v := 12.0, 30.0
	k := mu * mu / (v - mu)
	p := k / (k + mu)
	cdf := 0.0
	for y := 0; y < 40; y++ {
		want := 1 - cdf
		if got := CountUpperTail(float64(y), mu, v); !near(got, want, 1e-9) {
			t.Errorf("CountUpperTail(%d, %v, %v) = %v, want %v", y, mu, v, got, want)
		}
		lg, _ := math.Lgamma(float64(y) + k)
		lk, _ := math.Lgamma(k)
		lf, _ := math.Lgamma(float64(y) + 1)
		cdf += math.Exp(lg - lk - lf + k*math.Log(p) + float64(y)*math.Log(1-p))
	}
}

func TestBinomialUpperTail(t *testing.T) {
	// By hand: P(X >= 8 | n=10, p=1/2) = (C(10,8)+C(10,9)+C(10,10))/2^10 = 56/1024.
	if got, want := BinomialUpperTail(8, 10, 0.5), 56.0/1024; !near(got, want, 1e-12) {
		t.Errorf("BinomialUpperTail(8, 10, 0.5) = %v, want %v", got, want)
	}
	if got := BinomialUpperTail(0, 10, 0.5); got != 1 {
		t.Errorf("BinomialUpperTail(0, 10, 0.5) = %v, want 1", got)
	}
}

func TestFitQuasiPoisson(t *testing.T) {
	one := func(n int) [][]float64 {
		x := make([][]float64, n)
		for i := range x {
			x[i] = []float64{1}
		}
		return x
	}
	t.Run("intercept", func(t *testing.T) {
		// By hand: mu = mean(2,4,6,8) = 5; Pearson = (9+1+1+9)/5 = 4 on 3 df,
		// phi = 4/3; Var(beta) = phi / sum(mu) = phi/20, so the prediction
		// variance is phi*5 + 25*phi/20 = 25/3.
		g, ok := FitQuasiPoisson([]float64{2, 4, 6, 8}, nil, one(4), nil)
		if !ok {
			t.Fatal("fit failed")
		}
		if !near(g.Beta[0], math.Log(5), 1e-9) || !near(g.Phi, 4.0/3, 1e-9) {
			t.Errorf("beta, phi = %v, %v; want log 5, 4/3", g.Beta[0], g.Phi)
		}
		mu, v := g.Predict([]float64{1}, 0)
		if !near(mu, 5, 1e-9) || !near(v, 25.0/3, 1e-9) {
			t.Errorf("Predict = %v, %v; want 5, 25/3", mu, v)
		}
	})
	t.Run("offset-share", func(t *testing.T) {
		// Counts 1, 2, 3 of totals 10, 20, 30: share 0.1 exactly, phi floored at 1.
		y, n := []float64{1, 2, 3}, []float64{10, 20, 30}
		off := []float64{math.Log(n[0]), math.Log(n[1]), math.Log(n[2])}
		g, ok := FitQuasiPoisson(y, off, one(3), nil)
		if !ok || !near(math.Exp(g.Beta[0]), 0.1, 1e-9) || g.Phi != 1 {
			t.Errorf("share = %v, phi = %v; want 0.1, 1", math.Exp(g.Beta[0]), g.Phi)
		}
	})
	t.Run("trend", func(t *testing.T) {
		// y = 10 * 2^t is fitted exactly by beta = (log 10, log 2).
		var y []float64
		var x [][]float64
		for i := 0; i < 5; i++ {
			y = append(y, 10*math.Pow(2, float64(i)))
			x = append(x, []float64{1, float64(i)})
		}
		g, ok := FitQuasiPoisson(y, nil, x, nil)
		if !ok || !near(g.Beta[0], math.Log(10), 1e-7) || !near(g.Beta[1], math.Log(2), 1e-7) {
			t.Errorf("beta = %v; want log 10, log 2", g.Beta)
		}
	})
	t.Run("all-zero", func(t *testing.T) {
		if _, ok := FitQuasiPoisson([]float64{0, 0, 0}, nil, one(3), nil); ok {
			t.Error("fit of all-zero counts succeeded")
		}
	})
	t.Run("robust", func(t *testing.T) {
		// Twelve 10s and one 80. Plain fit: mu = 200/13 = 15.38, Pearson =
		// 12*5.38^2/15.38 + 64.6^2/15.38 = 294 on 12 df, phi0 = 24.5, and the
		// 80 has standardized residual 64.6/sqrt(24.5*15.38) = 3.3 > 2.58, so
		// the robust refit drops it: mu = 10. Its squared residual against
		// mu = 10, 70^2/10 = 490, is winsorized at 2.58^2 phi0, the others
		// are 0: phi = 2.58^2 phi0 / 12.
		y := []float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 80}
		g, _ := FitQuasiPoisson(y, nil, one(13), nil)
		if !near(math.Exp(g.Beta[0]), 200.0/13, 1e-9) {
			t.Errorf("plain mean = %v, want 200/13", math.Exp(g.Beta[0]))
		}
		m := 200.0 / 13
		phi0 := (12*(10-m)*(10-m)/m + (80-m)*(80-m)/m) / 12
		wantPhi := 2.58 * 2.58 * phi0 / 12
		r, ok := FitRobust(y, nil, one(13), nil)
		if !ok || !near(math.Exp(r.Beta[0]), 10, 1e-9) || !near(r.Phi, wantPhi, 1e-9) || r.Used[12] || r.DF != 12 {
			t.Errorf("robust mean = %v, phi = %v, used[12] = %v, df = %d; want 10, %v, false, 12", math.Exp(r.Beta[0]), r.Phi, r.Used[12], r.DF, wantPhi)
		}
	})
}

func TestMannKendall(t *testing.T) {
	tests := []struct {
		name          string
		x             []float64
		s, varS, z, p float64
		sen           float64
	}{
		// By hand: S = 10 (all 10 pairs increase), Var = 5*4*15/18 = 16.667,
		// Z = 9/sqrt(16.667) = 2.2045, p = 0.02749 (as pymannkendall.original_test).
		{"increasing", []float64{1, 2, 3, 4, 5}, 10, 50.0 / 3, 2.204540768502656, 0.027486336111665288, 1},
		// Ties: S = 5, Var = (4*3*13 - 2*1*9)/18 = 138/18, Z = 4/sqrt(138/18),
		// slopes 0, .5, .667, 1, 1, 1 -> Sen = (0.667+1)/2.
		{"ties", []float64{1, 1, 2, 3}, 5, 138.0 / 18, 1.4446302370292303, 0.14856177489186884, (2.0/3 + 1) / 2},
		{"decreasing", []float64{5, 4, 3, 2, 1}, -10, 50.0 / 3, -2.204540768502656, 0.027486336111665288, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := MannKendallTest(tt.x)
			if r.S != tt.s || !near(r.VarS, tt.varS, 1e-9) || !near(r.Z, tt.z, 1e-9) || !near(r.P, tt.p, 1e-7) || !near(r.SenSlope, tt.sen, 1e-12) {
				t.Errorf("MannKendallTest(%v) = %+v; want S %v Var %v Z %v p %v Sen %v", tt.x, r, tt.s, tt.varS, tt.z, tt.p, tt.sen)
			}
		})
	}
}

func TestMannKendallHamedRaoInflates(t *testing.T) {
	// A slow cycle (period 20) on a weak trend: the detrended ranks are
	// strongly autocorrelated, so Hamed-Rao must inflate Var(S) and weaken
	// the evidence relative to the uncorrected test.
	var x []float64
	for i := 0; i < 40; i++ {
		x = append(x, 0.05*float64(i)+math.Sin(2*math.Pi*float64(i)/20))
	}
	r := MannKendallTest(x)
	if r.Factor <= 1.5 {
		t.Errorf("Hamed-Rao factor = %v, want > 1.5 for a smooth cycle", r.Factor)
	}
	plain := metrics.NormalTwoSided((r.S - 1) / math.Sqrt(r.VarS/r.Factor))
	if r.P <= plain {
		t.Errorf("corrected p = %v, uncorrected %v: correction did not weaken the test", r.P, plain)
	}
}

func TestStudentize(t *testing.T) {
	// p = 0.025 is z = 1.959964; P(T_10 >= 1.959964) = 0.03921 (R: pt(qnorm(0.975), 10, lower = FALSE)).
	if got := Studentize(0.025, 10); !near(got, 0.039213, 1e-4) {
		t.Errorf("Studentize(0.025, 10) = %v, want 0.039213", got)
	}
	// Many degrees of freedom leave p as it was.
	if got := Studentize(1e-6, 1000000); !near(got, 1e-6, 1e-3) {
		t.Errorf("Studentize(1e-6, 1e6) = %v, want 1e-6", got)
	}
	if got := Studentize(0.7, 5); got != 0.7 {
		t.Errorf("Studentize(0.7, 5) = %v, want 0.7", got)
	}
}

func TestBestChangepoint(t *testing.T) {
	// Shares 10% then 20% of 100 complaints a period. By hand:
	// LR(4) = 2[40 log(40/60) + 80 log(80/60)] = 13.592; with the most
	// extreme post observation left out (the first 20; all tie),
	// 2[40 log(40/57.143) + 60 log(60/42.857)] = 11.843, the smaller.
	// The fit is exact, so phi = 1.
	y := []float64{10, 10, 10, 10, 20, 20, 20, 20}
	e := []float64{100, 100, 100, 100, 100, 100, 100, 100}
	cp, ok := BestChangepoint(y, e, 2, 0)
	if !ok || cp.Tau != 4 || !near(cp.LR, 11.842672879446965, 1e-9) || cp.Phi != 1 {
		t.Errorf("BestChangepoint = %+v, want tau 4, LR 11.8427, phi 1", cp)
	}
	if !near(cp.RateBefore, 0.1, 1e-12) || !near(cp.RateAfter, 0.2, 1e-12) {
		t.Errorf("rates = %v, %v; want 0.1, 0.2", cp.RateBefore, cp.RateAfter)
	}
	// A single spike does not make a shift: with it left out the second
	// segment matches the first.
	spike := []float64{10, 10, 10, 10, 10, 10, 60, 10}
	cp, ok = BestChangepoint(spike, e, 2, 0)
	if !ok || cp.LR > 1 {
		t.Errorf("BestChangepoint(spike) = %+v, want LR < 1", cp)
	}
}

func TestGLMWald(t *testing.T) {
	// One coefficient: the Wald F on 1 and DF degrees of freedom is the
	// square of t = beta/SE, so its p-value is the two-sided Student t one.
	y := []float64{12, 9, 15, 14, 20, 18, 25, 24}
	var x [][]float64
	for i := range y {
		x = append(x, []float64{1, float64(i)})
	}
	g, ok := FitQuasiPoisson(y, nil, x, nil)
	if !ok {
		t.Fatal("fit failed")
	}
	se := math.Sqrt(g.Phi * g.inv.At(1, 1))
	want := 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(g.DF)}.Survival(math.Abs(g.Beta[1])/se)
	if got := g.Wald([]int{1}); !near(got, want, 1e-9) {
		t.Errorf("Wald([1]) = %v, want %v", got, want)
	}
}

// TestChangepointFewExposures: a window in which only two periods have an
// exposure (a source that began in the last two weeks) leaves the
// two-segment fit no degree of freedom: no changepoint, where the F test
// of its statistic made gonum panic ("parameter out of bounds") and took
// the reports down.
func TestChangepointFewExposures(t *testing.T) {
	y := []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 700}
	e := []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 7000}
	if cp, ok := BestChangepoint(y, e, 1, 0); ok {
		t.Errorf("BestChangepoint = %+v, true; want false (DF %d)", cp, cp.DF)
	}
	for _, c := range [][3]float64{{2, 1, 0}, {2, 1, -1}, {math.NaN(), 1, 5}, {2, 0, 5}} {
		if p := fSurvival(c[0], c[1], c[2]); p != 1 {
			t.Errorf("fSurvival(%v) = %v, want 1", c, p)
		}
	}
	if p := fSurvival(4, 1, 10); !(p > 0 && p < 0.1) {
		t.Errorf("fSurvival(4, 1, 10) = %v, want about 0.073", p)
	}
}

// TestFSurvival: the F distribution's upper tail. F(1, 10) exceeds its
// 5% critical value 4.9646 (tables) with probability 0.05; F(1, nu) is the
// square of Student's t with nu degrees of freedom, so P(F > t^2) = 2 P(T >
// t), which gonum computes from the incomplete beta function directly:
// compared far out (t = 20, nu = 30: about 1e-18), where 1 - CDF is 0.
func TestFSurvival(t *testing.T) {
	if p := fSurvival(4.9646, 1, 10); math.Abs(p-0.05) > 1e-4 {
		t.Errorf("P(F(1,10) > 4.9646) = %.5f, want 0.05", p)
	}
	for _, tt := range []float64{2, 5, 20} {
		want := 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: 30}.Survival(tt)
		if got := fSurvival(tt*tt, 1, 30); math.Abs(got-want) > 1e-9*want {
			t.Errorf("P(F(1,30) > %g) = %.6g, want %.6g", tt*tt, got, want)
		}
	}
	if fSurvival(math.Inf(1), 1, 30) != 0 || fSurvival(0, 1, 30) != 1 || fSurvival(math.NaN(), 1, 30) != 1 || fSurvival(3, 0, 30) != 1 {
		t.Error("fSurvival at the edges")
	}
}

// TestMannKendallAt: with periods missing, Sen's slope and line are per
// period, not per observation. Days 0-13 but the weekend ones (5, 6, 12,
// 13) of x = 3 + 0.5 t: by hand, every pair's slope is 0.5, the line 3 +
// 0.5 t (at day 13, 9.5); per observation (MannKendallTest of the 10
// values) the slope reads 0.625, the median of pairs' 0.5 (within a week)
// to 1.5 (Friday to Monday). S is the order's: all 45 pairs rise.
func TestMannKendallAt(t *testing.T) {
	var at, x []float64
	for d := range 14 {
		if d%7 == 5 || d%7 == 6 {
			continue
		}
		at, x = append(at, float64(d)), append(x, 3+0.5*float64(d))
	}
	r := mannKendallAt(at, x)
	if r.S != 45 || !near(r.SenSlope, 0.5, 1e-12) || !near(r.Intercept+r.SenSlope*13, 9.5, 1e-12) {
		t.Errorf("mannKendallAt = %+v; want S 45, slope 0.5, line 9.5 at day 13", r)
	}
	if per := MannKendallTest(x); near(per.SenSlope, 0.5, 1e-6) {
		t.Errorf("MannKendallTest's slope per observation = %v: want it unlike the slope per day (or this test shows nothing)", per.SenSlope)
	}
}
