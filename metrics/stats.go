package metrics

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// ZFor returns the two-sided standard normal quantile for a confidence
// level, e.g. 1.959964 for 0.95. A level outside (0, 1) means 0.95.
func ZFor(confidence float64) float64 {
	if !(confidence > 0 && confidence < 1) {
		confidence = 0.95
	}
	return distuv.UnitNormal.Quantile(1 - (1-confidence)/2)
}

// NormalSurvival is P(Z > z) for a standard normal Z, from the
// complementary error function: gonum's UnitNormal.Survival is 1 - CDF,
// which is 0 beyond z = 8.3 (the p-value of z = 9 is 2.3e-19).
func NormalSurvival(z float64) float64 {
	return math.Erfc(z/math.Sqrt2) / 2
}

// NormalTwoSided is the two-sided p-value of a standard normal statistic z.
func NormalTwoSided(z float64) float64 {
	return 2 * NormalSurvival(math.Abs(z))
}

// Wilson returns the Wilson score interval for a binomial proportion with x
// successes in n trials at normal quantile z (Wilson 1927; Newcombe 1998,
// method 3):
//
//	p = x/n
//	centre = (p + z²/2n) / (1 + z²/n)
//	half   = z/(1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)
//
// The bounds are clamped to 0..1, and are exactly 0 at p = 0 and 1 at p = 1
// (rounding left 3e-17 and 0.9999999999999999 there). It returns
// NaN bounds when n is 0. The same formula is in compute.sql.
func Wilson(x, n, z float64) (low, high float64) {
	if n <= 0 {
		return math.NaN(), math.NaN()
	}
	p := x / n
	d := 1 + z*z/n
	c := (p + z*z/(2*n)) / d
	h := z / d * math.Sqrt(p*(1-p)/n+z*z/(4*n*n))
	low, high = math.Max(0, c-h), math.Min(1, c+h)
	// the bound at p = 0 or 1 is exactly 0 or 1, which c -/+ h misses by
	// rounding (3e-17, 0.9999999999999999)
	if x == 0 {
		low = 0
	}
	if x == n {
		high = 1
	}
	return low, high
}

// NPSInterval returns the net promoter score and its normal-approximation
// interval on the -100..100 scale, for promoters and detractors among n
// responses at normal quantile z. With p = promoters/n and d = detractors/n,
// NPS = 100(p - d) and, the score per response being +1, 0 or -1,
//
//	Var(p - d) = (p + d - (p - d)²) / n
//
// (the multinomial variance of a difference of shares; see e.g. Rocks 2016,
// "Confidence intervals for the Net Promoter Score"). The bounds are clipped
// to -100..100. It returns NaNs when n is 0. The same formula is in compute.sql.
func NPSInterval(promoters, detractors, n, z float64) (nps, low, high float64) {
	if n <= 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	p, d := promoters/n, detractors/n
	v := (p + d - (p-d)*(p-d)) / n
	se := math.Sqrt(math.Max(v, 0))
	return 100 * (p - d), math.Max(-100, 100*(p-d-z*se)), math.Min(100, 100*(p-d+z*se))
}

// ptr returns a pointer to f, or nil when f is NaN or infinite.
func ptr(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

// BenjaminiHochberg returns the Benjamini-Hochberg adjusted p-values
// (q-values) of p, in the same order:
//
//	q_(i) = min_{j >= i} min(1, m p_(j) / j)
//
// where p_(1) <= ... <= p_(m) are the sorted p-values and m = len(p).
// Rejecting every test with q <= Q controls the false discovery rate at Q
// for independent or positively dependent tests (Benjamini and Hochberg 1995;
// Benjamini and Yekutieli 2001). NaN p-values are left out of m and get a
// NaN q-value. Package trend, which imports this
// one, and the drivers both use it.
func BenjaminiHochberg(p []float64) []float64 {
	q := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, v := range p {
		if math.IsNaN(v) {
			q[i] = math.NaN()
			continue
		}
		idx = append(idx, i)
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	m := float64(len(idx))
	running := 1.0
	for r := len(idx) - 1; r >= 0; r-- {
		v := p[idx[r]] * m / float64(r+1)
		if v < running {
			running = v
		}
		q[idx[r]] = running
	}
	return q
}
