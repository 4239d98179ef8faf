package trend

import (
	"math"
	"sort"
	"time"
)

// Panel holds the complaint counts of every group of one dimension, period
// by period, with the period totals as denominator.
type Panel struct {
	Dimension string
	Starts    []time.Time // consecutive period starts
	Totals    []float64   // complaints of the period in all groups
	Groups    []string    // group names, sorted
	Counts    [][]float64 // Counts[g][t]: complaints of group g in period t
	// TotalOnly marks the panel of all complaints (dimension "all"): it has
	// no denominator, so only its volume is tested for spikes.
	TotalOnly bool
}

// Test kinds and methods.
const (
	KindSpike    = "spike"
	KindEmerging = "emerging"
	KindRising   = "rising"
	KindFalling  = "falling"
	KindShift    = "shift"

	methodShareSpike = "quasi-Poisson share baseline, negative binomial upper tail"
	methodCountSpike = "quasi-Poisson volume baseline (trend), negative binomial upper tail"
	methodEmerging   = "exact conditional binomial test against the baseline share"
	methodShift      = "changepoint quasi-likelihood ratio on the share, Bonferroni over recent starts"
	methodTrend      = "Mann-Kendall on the share, Hamed-Rao corrected, Sen slope"
)

// test is one hypothesis test of a run, before the false discovery control.
type test struct {
	kind, method string
	dim, group   string
	t            int // judged period
	from         int // first period of the shifted segment or trend window; -1 if none
	observed     float64
	expected     float64
	p, q         float64
	material     bool // large enough to report (MinCount, MinRatio)
}

func (ts test) ratio() float64 {
	if ts.expected <= 0 {
		return math.Inf(1)
	}
	return ts.observed / ts.expected
}

// config is the resolved detector configuration.
type config struct {
	period   Period
	prm      params
	minCount float64
	minRatio float64
}

// testsAt runs every test of every group of pn judging period T, reading
// nothing after T. frac is the elapsed fraction of period T (1 when it is
// complete); volume expectations are scaled by it.
func (c config) testsAt(pn *Panel, T int, frac float64, out []test) []test {
	for g, name := range pn.Groups {
		out = c.groupTests(pn, name, pn.Counts[g][:T+1], pn.Totals[:T+1], pn.Starts[:T+1], frac, out)
	}
	return out
}

// groupTests tests one group's series y (with totals n) at its last period.
func (c config) groupTests(pn *Panel, group string, y, n []float64, starts []time.Time, frac float64, out []test) []test {
	T := len(y) - 1
	prm := c.prm
	lo := T - prm.window
	if lo < 0 {
		lo = 0
	}
	base := 0
	var yb, nb, ywin float64
	for t := lo; t < T; t++ {
		if n[t] > 0 {
			base++
		}
		yb += y[t]
		nb += n[t]
	}
	ywin = yb + y[T]
	if base < prm.minBase || ywin == 0 || n[T] == 0 {
		return out
	}
	yT, nT := y[T], n[T]
	mk := func(kind, method string, from int, obs, exp, p float64) test {
		return test{kind: kind, method: method, dim: pn.Dimension, group: group, t: T, from: from, observed: obs, expected: exp, p: p}
	}

	// A significant change of level inside the baseline becomes a step
	// covariate, so the baseline describes the current regime.
	step := -1
	if !pn.TotalOnly {
		if cp, ok := BestChangepoint(y[lo:T], n[lo:T], 2, 0); ok {
			cands := float64(T - lo - 3)
			if cands >= 1 && cands*chi2Survival(cp.LR, 1) < 0.001 {
				step = lo + cp.Tau
			}
		}
	}
	design := func(withTrend bool) [][]float64 {
		x := make([][]float64, T-lo+1)
		annual := float64(T-lo) >= 1.9*prm.year
		weekday := c.period == Day && T-lo >= 21
		for t := lo; t <= T; t++ {
			row := []float64{1}
			if withTrend && T-lo >= 8 {
				row = append(row, float64(t-T)/float64(prm.window))
			}
			if weekday {
				wd := (int(starts[t].Weekday()) + 6) % 7
				for d := 1; d < 7; d++ {
					row = append(row, b2f(wd == d))
				}
			}
			if annual {
				a := 2 * math.Pi * float64(starts[t].YearDay()) / 365.25
				row = append(row, math.Sin(a), math.Cos(a))
			}
			if step >= 0 {
				row = append(row, b2f(t >= step))
			}
			x[t-lo] = row
		}
		return x
	}

	// Volume spike: the group's own count against a baseline with trend.
	if xc := design(true); true {
		if g, ok := FitRobust(y[lo:T], nil, xc[:T-lo], nil); ok {
			mu, v := g.Predict(xc[T-lo], 0)
			mu, v = mu*frac, v*frac*frac
			ts := mk(KindSpike, methodCountSpike, -1, yT, mu, CountUpperTail(yT, mu, v))
			ts.material = yT >= c.minCount && ts.ratio() >= c.minRatio
			out = append(out, ts)
		}
	}
	if pn.TotalOnly {
		return out
	}

	e0 := nT * yb / nb
	if e0 < 1 {
		// Emerging: negligible in the baseline (under one complaint expected).
		p := BinomialUpperTail(yT, yT+yb, nT/(nT+nb))
		ts := mk(KindEmerging, methodEmerging, -1, yT, nT*(yb+0.5)/nb, p)
		ts.material = yT >= c.minCount
		out = append(out, ts)
	} else {
		off := make([]float64, T-lo+1)
		for t := lo; t <= T; t++ {
			off[t-lo] = math.Log(math.Max(n[t], 1))
		}
		xs := design(false)
		if g, ok := FitRobust(y[lo:T], off[:T-lo], xs[:T-lo], nil); ok {
			mu, v := g.Predict(xs[T-lo], off[T-lo])
			ts := mk(KindSpike, methodShareSpike, -1, yT, mu, CountUpperTail(yT, mu, v))
			ts.material = yT >= c.minCount && ts.ratio() >= c.minRatio
			out = append(out, ts)
		}
	}

	// Shift: the best single changepoint of the window, if it is recent.
	if cp, ok := BestChangepoint(y[lo:T+1], n[lo:T+1], prm.minPost, 0); ok {
		tau := lo + cp.Tau
		cands := float64(prm.recent - prm.minPost + 1)
		p := 1.0
		if tau >= T-prm.recent+1 {
			p = math.Min(1, cands*chi2Survival(cp.LR, 1))
		}
		var ya, na float64
		for t := tau; t <= T; t++ {
			ya += y[t]
			na += n[t]
		}
		k := float64(T - tau + 1)
		ts := mk(KindShift, methodShift, tau, ya/k, cp.RateBefore*na/k, p)
		r := ts.ratio()
		ts.material = math.Max(ts.observed, ts.expected) >= c.minCount && (r >= c.minRatio || r <= 1/c.minRatio)
		out = append(out, ts)
	}

	// Rising or falling: Mann-Kendall on the recent shares.
	if K := min(prm.trendLen, T-lo+1); K >= 8 {
		s := make([]float64, 0, K)
		var nk float64
		for t := T - K + 1; t <= T; t++ {
			if n[t] <= 0 {
				return out
			}
			s = append(s, y[t]/n[t])
			nk += n[t]
		}
		r := MannKendallTest(s)
		floor := 0.5 / (nk / float64(K))
		start := math.Max(r.Intercept, floor)
		end := math.Max(r.Intercept+r.SenSlope*float64(K-1), floor)
		kind := KindRising
		if r.S < 0 {
			kind = KindFalling
		}
		ts := mk(kind, methodTrend, T-K+1, nT*end, nT*start, r.P)
		if kind == KindRising {
			ts.material = ts.observed >= c.minCount && ts.ratio() >= c.minRatio
		} else {
			ts.material = ts.expected >= c.minCount && ts.ratio() <= 1/c.minRatio
		}
		out = append(out, ts)
	}
	return out
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// decide applies Benjamini-Hochberg to every test of one run and returns
// the reportable ones (q <= Q and material), one spike per group: when both
// the share and the volume spike tests reject, the one with the smaller
// q-value is kept.
func decide(tests []test, q float64) []test {
	p := make([]float64, len(tests))
	for i, ts := range tests {
		p[i] = ts.p
	}
	for i, v := range BenjaminiHochberg(p) {
		tests[i].q = v
	}
	var out []test
	for _, ts := range tests {
		if ts.q <= q && ts.material {
			out = append(out, ts)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.dim != b.dim {
			return a.dim < b.dim
		}
		if a.group != b.group {
			return a.group < b.group
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.q < b.q
	})
	kept := out[:0]
	for i, ts := range out {
		if i > 0 && ts.kind == KindSpike && out[i-1].kind == KindSpike && ts.dim == out[i-1].dim && ts.group == out[i-1].group {
			continue
		}
		kept = append(kept, ts)
	}
	return kept
}
