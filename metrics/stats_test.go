package metrics

import (
	"math"
	"testing"
)

func TestWilson(t *testing.T) {
	// Newcombe RG (1998), "Two-sided confidence intervals for the single
	// proportion: comparison of seven methods", Stat Med 17:857-872, Table II,
	// method 3 (score interval without continuity correction), to 4 places.
	tests := []struct {
		x, n, low, high float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0000, 0.1611},
		{1, 29, 0.0061, 0.1718},
	}
	z := ZFor(0.95)
	for _, tt := range tests {
		lo, hi := Wilson(tt.x, tt.n, z)
		if math.Abs(lo-tt.low) > 5e-5 || math.Abs(hi-tt.high) > 5e-5 {
			t.Errorf("Wilson(%v, %v) = %.4f, %.4f, want %.4f, %.4f", tt.x, tt.n, lo, hi, tt.low, tt.high)
		}
	}
	if lo, hi := Wilson(0, 0, z); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("Wilson(0, 0) = %v, %v, want NaN", lo, hi)
	}
	// at p = 0 the lower bound is 0 and at p = 1 the upper 1, exactly
	// (rounding gave 3e-17 and 0.9999999999999999 for some n)
	for n := 1.0; n <= 300; n++ {
		if lo, _ := Wilson(0, n, z); lo != 0 {
			t.Errorf("Wilson(0, %v) low = %v, want 0", n, lo)
		}
		if _, hi := Wilson(n, n, z); hi != 1 {
			t.Errorf("Wilson(%v, %v) high = %v, want 1", n, n, hi)
		}
	}
}

func TestNPSInterval(t *testing.T) {
	z := ZFor(0.95)
	tests := []struct {
		name           string
		p, d, n        float64
		nps, low, high float64
	}{
		// p = .5, d = .2: Var = (.7 - .09)/100 = .0061, se = .078102,
		// 1.959964 * 7.8102 = 15.308 points.
		{"50 promoters 20 detractors of 100", 50, 20, 100, 30, 30 - 15.3078, 30 + 15.3078},
		// p = d = .25: Var = .5/40 = .0125, se = .111803, half-width 21.913.
		{"10 and 10 of 40", 10, 10, 40, 0, -21.9131, 21.9131},
		// all promoters: Var = 0, a degenerate interval at 100.
		{"all promoters", 7, 0, 7, 100, 100, 100},
		// 1 detractor of 2: p = 0, d = .5, Var = (.5 - .25)/2 = .125,
		// se = .353553, -50 -/+ 69.295, the lower bound clipped to -100.
		{"clipped", 0, 1, 2, -50, -100, 19.2952},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nps, lo, hi := NPSInterval(tt.p, tt.d, tt.n, z)
			if math.Abs(nps-tt.nps) > 1e-9 || math.Abs(lo-tt.low) > 5e-4 || math.Abs(hi-tt.high) > 5e-4 {
				t.Errorf("NPSInterval(%v, %v, %v) = %.4f [%.4f, %.4f], want %.4f [%.4f, %.4f]",
					tt.p, tt.d, tt.n, nps, lo, hi, tt.nps, tt.low, tt.high)
			}
		})
	}
}

func TestZFor(t *testing.T) {
	tests := []struct{ level, z float64 }{
		{0.95, 1.959964}, // standard normal tables
		{0.90, 1.644854},
		{0, 1.959964}, // default
	}
	for _, tt := range tests {
		if got := ZFor(tt.level); math.Abs(got-tt.z) > 1e-6 {
			t.Errorf("ZFor(%v) = %v, want %v", tt.level, got, tt.z)
		}
	}
}

// TestNormalTail: the normal tail far out, where 1 - CDF is 0 in float64:
// P(|Z| > 9.02) = erfc(9.02 / sqrt 2) = 1.881e-19 and P(Z > 9.02) half of
// it (Abramowitz and Stegun 26.2.12's asymptotic series, phi(z)/z (1 -
// 1/z^2 + 3/z^4), gives 9.405e-20); near 0 the familiar values.
func TestNormalTail(t *testing.T) {
	for _, c := range []struct{ got, want float64 }{
		{NormalTwoSided(9.02), 1.881e-19}, {NormalTwoSided(-9.02), 1.881e-19}, {NormalSurvival(9.02), 9.405e-20},
		{NormalTwoSided(1.959964), 0.05}, {NormalSurvival(0), 0.5}, {NormalSurvival(-1.959964), 0.975},
	} {
		if math.Abs(c.got-c.want) > 1e-3*c.want {
			t.Errorf("got %.4g, want %.4g", c.got, c.want)
		}
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	tests := []struct {
		name string
		p    []float64
		want []float64
	}{
		// R: p.adjust(c(.01, .04, .03, .2), "BH") = 0.04 0.05333 0.05333 0.2
		{"r-oracle", []float64{0.01, 0.04, 0.03, 0.2}, []float64{0.04, 0.16 / 3, 0.16 / 3, 0.2}},
		// By hand: m=3 counting only non-NaN; sorted 0.02, 0.5 -> 0.04... m=2 here.
		{"nan-skipped", []float64{0.02, math.NaN(), 0.5}, []float64{0.04, math.NaN(), 0.5}},
		// By hand: 3 * 0.9 / 1 would exceed 1 but the monotone step caps at p_(3)=0.9.
		{"capped", []float64{0.9, 0.9, 0.9}, []float64{0.9, 0.9, 0.9}},
		{"empty", nil, []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BenjaminiHochberg(tt.p)
			if len(got) != len(tt.want) {
				t.Fatalf("BenjaminiHochberg(%v) = %v, want %v", tt.p, got, tt.want)
			}
			for i := range got {
				if !(math.IsNaN(got[i]) && math.IsNaN(tt.want[i]) || math.Abs(got[i]-tt.want[i]) <= 1e-12*math.Max(1, math.Abs(tt.want[i]))) {
					t.Errorf("BenjaminiHochberg(%v) = %v, want %v", tt.p, got, tt.want)
				}
			}
		})
	}
}
