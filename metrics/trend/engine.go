package trend

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/complaints/complaints/metrics"
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
	// bySource holds each source's part of Counts (bySource[s][g][t]; nil
	// where the source has no complaint in group g), for without. Nil in a
	// panel built by hand.
	bySource map[string][][]float64
}

// without returns the panel of the complaints of every source but those
// named: the groups only they fill are dropped.
func (pn *Panel) without(sources []string) *Panel {
	out := &Panel{Dimension: pn.Dimension, Starts: pn.Starts, Totals: slices.Clone(pn.Totals), TotalOnly: pn.TotalOnly}
	counts := make([][]float64, len(pn.Counts))
	for g := range pn.Counts {
		counts[g] = slices.Clone(pn.Counts[g])
	}
	for _, src := range sources {
		for g, c := range pn.bySource[src] {
			for t, n := range c {
				counts[g][t] -= n
				out.Totals[t] -= n
			}
		}
	}
	var kept []int
	for g, name := range pn.Groups {
		if slices.ContainsFunc(counts[g], func(n float64) bool { return n != 0 }) {
			out.Groups = append(out.Groups, name)
			out.Counts = append(out.Counts, counts[g])
			kept = append(kept, g)
		}
	}
	if pn.bySource != nil {
		out.bySource = make(map[string][][]float64, len(pn.bySource))
		for src, c := range pn.bySource {
			if slices.Contains(sources, src) {
				continue
			}
			sc := make([][]float64, len(kept))
			for i, g := range kept {
				sc[i] = c[g]
			}
			out.bySource[src] = sc
		}
	}
	return out
}

// Test kinds and methods.
const (
	KindSpike    = "spike"
	KindEmerging = "emerging"
	KindRising   = "rising"
	KindFalling  = "falling"
	KindShift    = "shift"

	methodShareSpike = "quasi-Poisson share baseline, negative binomial upper tail, studentized"
	methodCountSpike = "quasi-Poisson recent volume baseline, negative binomial upper tail, studentized"
	methodEmerging   = "exact conditional binomial test against the baseline share"
	methodShift      = "changepoint quasi-likelihood F test on the share, Bonferroni over recent starts"
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
	material     bool   // large enough to report (MinCount, MinRatio)
	metric       string // for metric alerts: MetricNPS, MetricCSAT or MetricResolution
	noRatio      bool   // the ratio means nothing (NPS can be negative)
	newGroup     bool   // a shift or trend from no complaint at all: expected 0, no ratio
	continuing   bool   // a shift the run of the period before raised too (markContinuing)
	coverage     *TextCoverage
	sources      *SurveySources // an NPS or CSAT test's, when its periods hold two or more survey sources
}

// rises reports whether the test reads a rise (observed above expected).
func (ts test) rises() bool { return ts.observed > ts.expected }

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
// nothing after T. paces, when period T is partial, holds each group's
// share of its complaints of a period expected by now (nil when T is
// complete: see pace): its volume expectation is scaled by it, and its
// share of the partial period is judged at its pace against the others'
// (pacedAt). With allTested (the
// panel of all complaints is tested too), a group holding every complaint
// of the window is skipped: its share is 1 throughout, and its volume
// tests would repeat the "all" panel's alerts under another name
// ("product unknown" for a source that records no product).
func (c config) testsAt(pn *Panel, T int, paces []float64, allTested bool, out []test) []test {
	whole := pn
	if paces != nil {
		whole = pn.pacedAt(T, paces)
	}
	denom := whole.Totals[:T+1]
	if !pn.TotalOnly {
		denom = c.sizeFactors(whole, T)
	}
	std := c.standardised(whole, T)
	gaps := c.volumeGaps(pn.Totals, pn.Starts, T)
	for g, name := range pn.Groups {
		if allTested && !pn.TotalOnly && c.wholeGroup(pn, g, T) {
			continue
		}
		n := denom
		if std != nil && std[g] != nil {
			n = std[g]
		}
		frac := 1.0
		if paces != nil {
			// the group's part of the whole period's volume, at its pace
			frac = paces[g]
			n = slices.Clone(n)
			n[T] *= frac
		}
		out = c.groupTests(pn, name, pn.Counts[g][:T+1], n, pn.Starts[:T+1], gaps, frac, out)
	}
	return out
}

// pacedAt returns the panel with each group's count of the partial period
// T divided by its pace (paces[g]): the whole period's at that pace, of
// which the denominators of T are read. Each group's exposure at T is
// then that volume times its own pace, so its expected share of the
// partial period is its share of a whole one times its pace over the
// groups' mean pace (weighted by their shares): against a whole period's
// shares, a group whose complaints come early in the week (92% by
// Tuesday) read as a spike of its share every Tuesday beside one whose
// complaints come evenly (QA pass BD, TestPartialWeekGroupRhythms). A
// group's pace is read over its sources, so each source's part of it is
// divided by the same pace.
func (pn *Panel) pacedAt(T int, paces []float64) *Panel {
	out := *pn
	out.Totals = slices.Clone(pn.Totals)
	out.Totals[T] = 0
	out.Counts = make([][]float64, len(pn.Counts))
	for g, y := range pn.Counts {
		out.Counts[g] = slices.Clone(y)
		out.Counts[g][T] /= paces[g]
		out.Totals[T] += out.Counts[g][T]
	}
	if pn.bySource != nil {
		out.bySource = make(map[string][][]float64, len(pn.bySource))
		for src, counts := range pn.bySource {
			sc := make([][]float64, len(counts))
			for g, y := range counts {
				if y != nil {
					sc[g] = slices.Clone(y)
					sc[g][T] /= paces[g]
				}
			}
			out.bySource[src] = sc
		}
	}
	return &out
}

// gapLevel is the median volume of like periods above which a period of
// no complaint at all is a gap in the data: a true zero is then under 0.1%
// likely, even at twice the Poisson variance (a negative binomial of mean
// 10 and size 10: 0.5^10).
const gapLevel = 10

// volumeGaps marks the periods before T (within the window) whose total
// volume, zero, is no reading of the volume, so that the volume baseline
// leaves them out: (1) a gap in the data, a period with no row at all
// where its like periods (the same weekday for days, any period else)
// have a median volume of gapLevel or more (a helpdesk's export lacking a
// week read the day after it at half its level, TestGapIsMissing); (2) a
// day the complaints never come, its weekday zero throughout the window
// (a helpdesk closed at weekends): it says nothing of an open day's volume
// and is never judged (a period of no volume is not), while its terms,
// whose estimates have no bound, made the weekday terms insignificant and
// the weekdays' expected count 5/7 of their level. Zeros among small
// volumes are read as zeros. The year-ago factor of the volume baseline
// (yearAgo) and the rising/falling test's series leave the same periods
// out; the shares' other tests leave out periods of no volume anyway
// (their exposure is zero).
func (c config) volumeGaps(totals []float64, starts []time.Time, T int) []bool {
	lo := max(0, T-c.prm.window)
	gaps := make([]bool, T+1)
	for t := lo; t < T; t++ {
		if totals[t] != 0 {
			continue
		}
		var like []float64
		for u := lo; u < T; u++ {
			if c.period != Day || starts[u].Weekday() == starts[t].Weekday() {
				like = append(like, totals[u])
			}
		}
		closed := c.period == Day && !slices.ContainsFunc(like, func(v float64) bool { return v != 0 })
		gaps[t] = closed || median(like) >= gapLevel
	}
	return gaps
}

// standardised returns each group's expected volume in periods 0..T when
// the complaints of the window up to T come from two or more sources, by
// indirect standardisation over the sources:
//
//	E_gt = sum_s p_sg D_st,   p_sg = sum_t' y_sgt' / sum_t' D_st'
//
// where D_st is source s's volume in period t (its own size factors, as
// sizeFactors gives them for a panel of its complaints alone), y_sgt its
// complaints in group g, and t' runs over the baseline (the window before
// T). A group's share is then judged against what each source's volume
// predicts from that source's own mix, so a source joining, leaving or
// changing its volume is no change in any group: against the volume of
// all sources, a second source's everyday topics read as "emerging" (none
// in the first source's history) and its weekly ups and downs as shifts of
// every group. Within one source nothing changes: a group's rising share
// of its source's complaints is still found.
//
// A group's history starts when the last of the sources carrying a tenth
// or more of its expected volume at T began (its volume is zero before):
// a group nearly all of whose complaints come from a source added half a
// year ago has half a year of history, and no yearly season is fitted to
// it, however long the other source's history.
//
// A group none of whose complaints fall in the baseline has no row (nil)
// and is judged against all sources' volume, as a new group is. Nil when
// the window holds one source, for the panel of all complaints, and for a
// dimension that splits by source, whose groups would each be a whole
// source (its share of itself, constant).
func (c config) standardised(pn *Panel, T int) [][]float64 {
	if pn.TotalOnly || len(pn.bySource) < 2 || splitsBySource(pn.Dimension) {
		return nil
	}
	lo := max(0, T-c.prm.window)
	var sources []string
	for src, counts := range pn.bySource {
		if slices.ContainsFunc(counts, func(y []float64) bool {
			return y != nil && slices.ContainsFunc(y[lo:T+1], func(n float64) bool { return n != 0 })
		}) {
			sources = append(sources, src)
		}
	}
	if len(sources) < 2 {
		return nil
	}
	sort.Strings(sources) // sums in one order: the same bytes every run
	exp := make([][]float64, len(pn.Groups))
	// from[g] is the first period of group g's history: the latest first
	// period of the sources that carry a tenth or more of its expected
	// volume at T
	from := make([]int, len(pn.Groups))
	type part struct {
		first int       // the source's first period in the window
		atT   []float64 // its share of each group's expected volume at T
	}
	parts := make([]part, 0, len(sources))
	zero := make([]float64, len(pn.Starts))
	for _, src := range sources {
		sub := &Panel{Starts: pn.Starts, Groups: pn.Groups, Counts: make([][]float64, len(pn.Groups)), Totals: make([]float64, len(pn.Starts))}
		for g, y := range pn.bySource[src] {
			if y == nil {
				y = zero
			}
			sub.Counts[g] = y
			for t, n := range y {
				sub.Totals[t] += n
			}
		}
		d := c.sizeFactors(sub, T)
		var dBase float64
		for t := lo; t < T; t++ {
			dBase += d[t]
		}
		if dBase == 0 {
			continue // nothing of this source in the baseline
		}
		pt := part{first: lo, atT: make([]float64, len(pn.Groups))}
		for pt.first < T && d[pt.first] <= 0 {
			pt.first++
		}
		for g, y := range sub.Counts {
			var yBase float64
			for t := lo; t < T; t++ {
				yBase += y[t]
			}
			if yBase == 0 {
				continue
			}
			if exp[g] == nil {
				exp[g] = make([]float64, T+1)
			}
			p := yBase / dBase
			for t := lo; t <= T; t++ {
				exp[g][t] += p * d[t]
			}
			pt.atT[g] = p * d[T]
		}
		parts = append(parts, pt)
	}
	for g := range exp {
		if exp[g] == nil {
			continue
		}
		for _, pt := range parts {
			if pt.atT[g] >= 0.1*exp[g][T] {
				from[g] = max(from[g], pt.first)
			}
		}
		clear(exp[g][:from[g]]) // groupTests starts at the first volume
	}
	return exp
}

// splitsBySource reports whether a dimension's groups are, or are split
// by, the complaints' sources.
func splitsBySource(dim string) bool {
	a, b, _ := strings.Cut(dim, ",")
	return strings.TrimSpace(a) == "source" || strings.TrimSpace(b) == "source"
}

// wholeGroup reports whether group g holds every complaint of every period
// of the window groupTests reads up to T.
func (c config) wholeGroup(pn *Panel, g, T int) bool {
	for t := max(0, T-c.prm.window); t <= T; t++ {
		if pn.Counts[g][t] != pn.Totals[t] {
			return false
		}
	}
	return true
}

// sizeFactors returns the denominators of periods 0..T: the period's volume
// estimated robustly by the median-of-ratios method (Anders and Huber 2010),
//
//	s_t = median_g y_gt / ybar_g,   denominator_t = s_t sum_g ybar_g,
//
// over the groups g averaging at least DefaultMinCount complaints a period in the
// window up to T (ybar_g their mean there). Like the period total it grows
// with overall volume, so growth is not a change in any group; unlike the
// total it does not move when a few groups surge, so one group's event
// does not show as a fall in the others' shares. With fewer than three
// such groups the period totals are used, and so with groups too few and
// small for the median to be steady: its Poisson noise, about
// 1.25 sqrt(mean_g(1 / ybar_g) / k) of k groups, over maxSizeNoise.
func (c config) sizeFactors(pn *Panel, T int) []float64 {
	lo := max(0, T-c.prm.window)
	var refs []int
	var mean []float64
	sumRef := 0.0
	for g := range pn.Groups {
		sum := 0.0
		for t := lo; t <= T; t++ {
			sum += pn.Counts[g][t]
		}
		m := sum / float64(T-lo+1)
		// by the default floor, not the user's --min-count: a floor of
		// what is reported must not change the estimates of what is (it
		// moved an alert's expected count from 0.70 to 1.04)
		if m >= DefaultMinCount {
			refs = append(refs, g)
			mean = append(mean, m)
			sumRef += m
		}
	}
	if len(refs) < 3 {
		return pn.Totals[:T+1]
	}
	inv := 0.0
	for _, m := range mean {
		inv += 1 / m
	}
	if 1.2533*math.Sqrt(inv/float64(len(refs))/float64(len(refs))) > maxSizeNoise {
		return pn.Totals[:T+1]
	}
	out := make([]float64, T+1)
	ratios := make([]float64, len(refs))
	for t := lo; t <= T; t++ {
		if pn.Totals[t] == 0 {
			continue
		}
		for i, g := range refs {
			ratios[i] = pn.Counts[g][t] / mean[i]
		}
		out[t] = median(ratios) * sumRef
		if out[t] <= 0 {
			out[t] = pn.Totals[t]
		}
	}
	return out
}

// maxSizeNoise is the relative noise of the median-of-ratios size factor
// above which sizeFactors takes the period totals instead: a day of four
// groups averaging 5 to 11 (0.24) read 0.41 of its volume when its total
// read 0.87, and three steady groups were flagged (QA pass W); four groups
// of 30 a week (0.11) keep the median, whose robustness to one group's
// surge the tests of the others' shares need (TestDetectEmergingAndShift:
// with the totals, the three steady groups fell as A rose).
const maxSizeNoise = 0.2

// groupTests tests one group's series y (with totals n) at its last period.
func (c config) groupTests(pn *Panel, group string, y, n []float64, starts []time.Time, gaps []bool, frac float64, out []test) []test {
	T := len(y) - 1
	prm := c.prm
	lo := T - prm.window
	if lo < 0 {
		lo = 0
	}
	// Periods before the group could be observed at all (before any
	// source that has it began, when n is a standardised volume) are not
	// its history: a yearly season fitted over them would be fitted to the
	// few months after.
	for lo < T && n[lo] <= 0 {
		lo++
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

	// Seasons of the share: weekday (days, three weeks of history or more)
	// and yearly (sine and cosine, about two years) terms of a first robust
	// fit over the baseline become part of the exposure, n_t exp(season_t),
	// for every test after, so that neither a changepoint nor a trend is
	// read into a season.
	seasonalAdjusted := false
	if !pn.TotalOnly {
		if adj, ok := c.seasonalExposure(y, n, starts, lo, T); ok {
			n, seasonalAdjusted = adj, true
		}
	}

	// A change of level inside the baseline (the best changepoint, at
	// Bonferroni-adjusted p < 0.001) becomes a step covariate, so the
	// baseline describes the current regime.
	step := -1
	if !pn.TotalOnly {
		if cp, ok := BestChangepoint(y[lo:T], n[lo:T], 2, 0); ok {
			cands := float64(T - lo - 3)
			if cands >= 1 && cands*chi2Survival(cp.LR, 1) < 0.001 {
				step = lo + cp.Tau
			}
		}
	}
	// After a change with enough periods since, the baseline is the
	// current regime alone.
	blo := lo
	if step >= 0 && T-step >= 8 {
		blo, step = step, -1
	}
	// The share baseline's design: intercept and the step of a recent
	// change (seasons are in the exposure already).
	shareDesign := func() [][]float64 {
		x := make([][]float64, T-lo+1)
		for t := lo; t <= T; t++ {
			row := []float64{1}
			if step >= 0 {
				row = append(row, b2f(t >= step))
			}
			x[t-lo] = row
		}
		return x
	}

	// Volume spike: the group's own count against its recent level (the
	// last trendLen periods, weekday terms for days), so slow growth and
	// seasons of total volume are followed rather than alerted on.
	if llo := max(blo, T-prm.trendLen); T-llo >= prm.minBase {
		// Weekday terms stay only when significant (Wald F at 1%, as the
		// seasons of the share baseline): in a sparse daily series a
		// weekday with no complaint in the window drove its expected count
		// to nearly 0 (5 complaints on a Thursday of Comcast's Virginia,
		// 11 in the 28 days before, against 0.0000000001).
		weekday := c.period == Day && T-llo >= 21
		// gaps in the data and closed days are no reading of the volume
		use := make([]bool, T-llo)
		for t := llo; t < T; t++ {
			use[t-llo] = !gaps[t]
		}
		xc, wdCols := localDesign(starts, llo, T, step, T-llo >= 8, weekday)
		xc, wdCols = withoutUnread(xc, use, wdCols)
		g, ok := FitRobust(y[llo:T], nil, xc[:T-llo], use)
		if ok && len(wdCols) > 0 && !(g.Wald(wdCols) < 0.01) {
			xc, wdCols = localDesign(starts, llo, T, step, T-llo >= 8, false)
			g, ok = FitRobust(y[llo:T], nil, xc[:T-llo], use)
		}
		if ok {
			mu, v := g.Predict(xc[T-llo], 0)
			// No baseline expects less than half a complaint over the
			// window's periods like the one judged (its weekday's, when
			// the weekdays differ), as the emerging test's expectation
			// adds half a complaint: a weekday that never had one still
			// has an expected count to compare with.
			like := 0
			for t := llo; t < T; t++ {
				if use[t-llo] && (len(wdCols) == 0 || starts[t].Weekday() == starts[T].Weekday()) {
					like++
				}
			}
			if floor := 0.5 / float64(max(like, 1)); mu < floor {
				mu, v = floor, math.Max(v, g.Phi*floor)
			}
			method := methodCountSpike
			if f, ok := c.yearAgo(y, gaps, lo, T); ok {
				mu, v, method = mu*f, v*f*f, method+", yearly"
			}
			// the part of the period elapsed holds each of its complaints
			// with probability frac (binomial thinning): its variance is the
			// whole period's scaled, plus the thinning's own
			mu, v = mu*frac, v*frac*frac+frac*(1-frac)*mu
			ts := mk(KindSpike, method, -1, yT, mu, Studentize(CountUpperTail(yT, mu, v), g.DF))
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
		xs := shareDesign()
		use := make([]bool, T-lo)
		for t := blo; t < T; t++ {
			use[t-lo] = n[t] > 0
		}
		if g, ok := FitRobust(y[lo:T], off[:T-lo], xs[:T-lo], use); ok {
			mu, v := g.Predict(xs[T-lo], off[T-lo])
			ts := mk(KindSpike, methodShareSpike, -1, yT, mu, Studentize(CountUpperTail(yT, mu, v), g.DF))
			if seasonalAdjusted {
				ts.method += ", seasonal"
			}
			ts.material = yT >= c.minCount && ts.ratio() >= c.minRatio
			out = append(out, ts)
		}
	}

	// Shift: the best single changepoint of the window, if it is recent
	// (on seasonally adjusted exposures when the baseline has seasons).
	if cp, ok := BestChangepoint(y[lo:T+1], n[lo:T+1], prm.minPost, 0); ok {
		tau := lo + cp.Tau
		cands := float64(prm.recent - prm.minPost + 1)
		p := 1.0
		if tau >= T-prm.recent+1 {
			p = math.Min(1, cands*fSurvival(cp.LR, 1, float64(cp.DF)))
		}
		var ya, na float64
		for t := tau; t <= T; t++ {
			ya += y[t]
			na += n[t]
		}
		k := float64(T - tau + 1)
		ts := mk(KindShift, methodShift, tau, ya/k, cp.RateBefore*na/k, p)
		ts.newGroup = cp.RateBefore == 0
		r := ts.ratio()
		// MinCount counts the complaints the change stands on as they
		// were received, as a spike's count does: the group's a period on
		// the higher side of the change, since its start (observed) or
		// just before it (levelBefore). A fall's expected, its share
		// before at the volume since, is no count it had: where the volume
		// grew fivefold, a group of 0 to 2 complaints a week read 7.1
		// (the QA pass's fraud_security; TestShiftMinCountBeforeLevel).
		before, _ := c.levelBefore(y, n, lo, tau)
		ts.material = math.Max(before, ts.observed) >= c.minCount && (r >= c.minRatio || r <= 1/c.minRatio)
		out = append(out, ts)
	}

	// Rising or falling: Mann-Kendall on the recent shares; observed is
	// the Sen line at T, expected the share before the window, both at
	// T's volume. A period of no volume is no reading of a share (no
	// volume, no share: 0 of 0, and every group's would read 0): gaps in
	// the data, closed days (volumeGaps) and periods of no complaint
	// otherwise (a small helpdesk's quiet day) are left out of the series,
	// whose periods left are tested while they are 8 or more (a helpdesk
	// closed at weekends had no trend test, nor a window with a day
	// missing from the export: TestTrendGaps; nor one with a quiet day:
	// TestTrendZeroVolumeDay). A group's zero on a period others had
	// complaints is its share, 0.
	if K := min(prm.trendLen, T-lo+1); K >= 8 {
		at := make([]float64, 0, K) // periods since the window's first
		s := make([]float64, 0, K)
		var nk float64
		for t := T - K + 1; t <= T; t++ {
			if gaps[t] || n[t] <= 0 {
				continue
			}
			at = append(at, float64(t-(T-K+1)))
			s = append(s, y[t]/n[t])
			nk += n[t]
		}
		if len(s) < 8 {
			return out
		}
		r := mannKendallAt(at, s)
		floor := 0.5 / (nk / float64(len(s)))
		// the level before the window: of the baseline's current regime
		// (as the share spike's) when it started before the window
		from := lo
		if blo < T-K+1 {
			from = blo
		}
		before, ok := shareBefore(y, n, from, T-K+1)
		// a group with no complaint before the window, as a shift's from
		// none (newGroup), expects none: the floor of half a complaint
		// was no level it had, and read a ratio of about 50 (a group of
		// none rising to 24 a week, TestRisingNewGroup)
		newGroup := ok && before == 0
		start := math.Max(before, floor)
		switch {
		case !ok:
			// no history before the window: the line's own start
			start = math.Max(r.Intercept, floor)
		case newGroup:
			start = 0
		}
		end := math.Max(r.Intercept+r.SenSlope*float64(K-1), floor)
		kind := KindRising
		if r.S < 0 {
			kind = KindFalling
		}
		ts := mk(kind, methodTrend, T-K+1, nT*end, nT*start, r.P)
		ts.newGroup = newGroup
		if kind == KindRising {
			ts.material = ts.observed >= c.minCount && ts.ratio() >= c.minRatio
		} else {
			// a fall stands on the complaints the group had a period
			// just before the window, as a shift's (expected, the
			// share before at T's volume, is no count it had); with no
			// history before it, on the line's start at T's volume
			level, ok := c.levelBefore(y, n, from, T-K+1)
			if !ok {
				level = ts.expected
			}
			ts.material = math.Max(level, ts.observed) >= c.minCount && ts.ratio() <= 1/c.minRatio
		}
		out = append(out, ts)
	}
	return out
}

// shareBefore is the pooled share sum y / sum n of periods from..to-1:
// for a rising or falling trend, the level the group held before its trend
// window, which is what the period judged would have been without the
// change, as a shift's expected is its share before the change, pooled
// over the baseline as the shift's is. The start of the Sen line is no
// such level: over a noisy step its line starts far below it (a doubling
// of 5 a week read 4.81, TestRisingExpectedIsLevelBefore). ok is false
// when the periods hold no volume (the window is the whole history).
func shareBefore(y, n []float64, from, to int) (float64, bool) {
	var yb, nb float64
	for t := from; t < to; t++ {
		if n[t] > 0 {
			yb += y[t]
			nb += n[t]
		}
	}
	if nb <= 0 {
		return 0, false
	}
	return yb / nb, true
}

// levelBefore is the mean count of the last periods with a volume (n > 0;
// the others are no reading of the group) among from..to-1, up to the
// recent periods (the reach of a shift: 8 weeks, 6 months, 14 days): the
// complaints a group had a period just before its change, which MinCount
// judges a fall by. Not over the whole window: where the volume grew, its
// early periods would understate it (the QA pass's Mortgage: 12.6 a week
// in the 8 weeks before its change, 2.6 over the 66 weeks of its window
// with any complaint). ok is false when no period has a volume.
func (c config) levelBefore(y, n []float64, from, to int) (float64, bool) {
	var sum float64
	k := 0
	for t := to - 1; t >= from && k < c.prm.recent; t-- {
		if n[t] > 0 {
			sum += y[t]
			k++
		}
	}
	if k == 0 {
		return 0, false
	}
	return sum / float64(k), true
}

// yearAgo is the factor by which the periods around T's a year before (T
// less a year, and the periods either side) rose above their own recent
// level, when they did significantly (upper tail under 1%, as the seasons'
// terms): the volume baseline, which follows the last trendLen periods, is
// multiplied by it. A peak that comes every December read as a spike every
// December (an exploratory QA pass: 690 against 366.6 expected, the
// Decembers before it as high); a pulse of a few weeks is what a sine and
// a cosine over the year cannot fit. Weeks and months only (a day's year
// ago is too few complaints), with history from lo, the first period with
// data: a year and the trendLen periods before it. Last year's incident in
// the same weeks raises this year's expectation too: the price of a
// baseline that knows the season. Gaps in the data (volumeGaps) are left
// out, of the baseline and of the periods around tk, as the volume
// baseline leaves them out: read as periods of no complaint, two weeks
// missing before a flat year ago of 40 a week made it a peak (113.74
// expected), and one missing among a peak's three weeks hid it
// (TestYearAgoGaps).
func (c config) yearAgo(y []float64, gaps []bool, lo, T int) (float64, bool) {
	if c.period == Day {
		return 1, false
	}
	prm := c.prm
	tk := T - int(math.Round(prm.year))
	blo := tk - 1 - prm.trendLen // the baseline of tk-1..tk+1: the trendLen periods before
	if blo < lo || tk+1 >= T {
		return 1, false
	}
	use := make([]bool, tk-1-blo)
	for t := blo; t < tk-1; t++ {
		use[t-blo] = !gaps[t]
	}
	x, _ := localDesign(nil, blo, tk+1, -1, true, false)
	g, ok := FitRobust(y[blo:tk-1], nil, x[:tk-1-blo], use)
	if !ok {
		return 1, false
	}
	var obs, mu, v float64
	for t := tk - 1; t <= tk+1; t++ {
		if gaps[t] {
			continue
		}
		m, vv := g.Predict(x[t-blo], 0)
		obs, mu, v = obs+y[t], mu+m, v+vv
	}
	if mu <= 0 || obs <= mu || Studentize(CountUpperTail(obs, mu, v), g.DF) >= 0.01 {
		return 1, false
	}
	return obs / mu, true
}

// localDesign is the design of the volume baseline over periods lo..T:
// intercept, a linear trend when asked, weekday terms when asked (daily
// data with three weeks or more), and the step of a changepoint inside the
// window. wd are the weekday terms' columns (none without them).
func localDesign(starts []time.Time, lo, T, step int, trend, weekday bool) (x [][]float64, wd []int) {
	x = make([][]float64, T-lo+1)
	if weekday {
		first := 1
		if trend {
			first = 2
		}
		wd = []int{first, first + 1, first + 2, first + 3, first + 4, first + 5}
	}
	for t := lo; t <= T; t++ {
		row := []float64{1}
		if trend {
			row = append(row, float64(t-T)/float64(T-lo))
		}
		if weekday {
			day := (int(starts[t].Weekday()) + 6) % 7
			for d := 1; d < 7; d++ {
				row = append(row, b2f(day == d))
			}
		}
		if step > lo+1 && step < T {
			row = append(row, b2f(t >= step))
		}
		x[t-lo] = row
	}
	return x, wd
}

// withoutUnread drops from the design x the weekday columns (among wd)
// that no row read (use) sets: a weekday whose days are all closed or
// missing has no term to estimate, and its column would make the fit
// singular. The day judged, if of such a weekday, is read at the
// reference weekday's level. It returns the design and the weekday
// columns left.
func withoutUnread(x [][]float64, use []bool, wd []int) ([][]float64, []int) {
	var drop []int
	for _, j := range wd {
		read := false
		for i, u := range use {
			read = read || (u && x[i][j] != 0)
		}
		if !read {
			drop = append(drop, j)
		}
	}
	if len(drop) == 0 {
		return x, wd
	}
	out := make([][]float64, len(x))
	for i, row := range x {
		for j, v := range row {
			if !slices.Contains(drop, j) {
				out[i] = append(out[i], v)
			}
		}
	}
	var kept []int
	for _, j := range wd {
		if !slices.Contains(drop, j) {
			// columns after dropped ones move left
			shift := 0
			for _, d := range drop {
				if d < j {
					shift++
				}
			}
			kept = append(kept, j-shift)
		}
	}
	return out, kept
}

// seasonalExposure fits log E[y_t] = log n_t + a + weekday_t + yearly_t
// (+ a step at a significant changepoint) over the baseline lo..T-1,
// robustly (FitRobust), when there is history for either season, and
// returns n_t times the factors of the seasons whose terms are significant
// (Wald F test at 1%), for t <= T.
func (c config) seasonalExposure(y, n []float64, starts []time.Time, lo, T int) ([]float64, bool) {
	annual := float64(T-lo) >= 1.9*c.prm.year
	weekday := c.period == Day && T-lo >= 21
	if !annual && !weekday {
		return nil, false
	}
	// A change of level would pass for a season: the best changepoint of
	// the raw series, when significant, is a step of the first fit.
	step := -1
	if cp, ok := BestChangepoint(y[lo:T], n[lo:T], 2, 0); ok {
		if cands := float64(T - lo - 3); cands >= 1 && cands*chi2Survival(cp.LR, 1) < 0.001 {
			step = lo + cp.Tau
		}
	}
	x := make([][]float64, T-lo+1)
	off := make([]float64, T-lo+1)
	use := make([]bool, T-lo)
	var wdCols, yrCols []int
	for t := lo; t <= T; t++ {
		row := []float64{1}
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
		off[t-lo] = math.Log(math.Max(n[t], 1))
		if t < T {
			use[t-lo] = n[t] > 0
		}
	}
	if weekday {
		wdCols = []int{1, 2, 3, 4, 5, 6}
	}
	if annual {
		yrCols = []int{len(wdCols) + 1, len(wdCols) + 2}
	}
	g, ok := FitRobust(y[lo:T], off[:T-lo], x[:T-lo], use)
	if !ok {
		return nil, false
	}
	// Keep a season only if its terms are significant (Wald F, 1%).
	var cols []int
	for _, cs := range [][]int{wdCols, yrCols} {
		if len(cs) > 0 && g.Wald(cs) < 0.01 {
			cols = append(cols, cs...)
		}
	}
	if len(cols) == 0 {
		return nil, false
	}
	adj := append([]float64(nil), n...)
	for t := lo; t <= T; t++ {
		e := 0.0
		for _, j := range cols {
			e += x[t-lo][j] * g.Beta[j]
		}
		adj[t] = n[t] * math.Exp(e)
	}
	return adj, true
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// decide applies Benjamini-Hochberg to every test of one run and returns
// the reportable ones (q <= Q and material), at most one spike or emerging
// alert per group: when both the share and the volume spike tests reject,
// the one with the smaller q-value is kept, and an emerging group is not
// also reported as a spike.
func decide(tests []test, q float64) []test {
	p := make([]float64, len(tests))
	for i, ts := range tests {
		p[i] = ts.p
	}
	for i, v := range metrics.BenjaminiHochberg(p) {
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
		if a.metric != b.metric {
			return a.metric < b.metric
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.q < b.q
	})
	// An emerging group is not also a spike; of two spikes (share and
	// volume) the stronger stays.
	emerging := map[[2]string]bool{}
	for _, ts := range out {
		if ts.kind == KindEmerging && ts.metric == "" {
			emerging[[2]string{ts.dim, ts.group}] = true
		}
	}
	kept := out[:0]
	for i, ts := range out {
		if ts.kind == KindSpike && ts.metric == "" && emerging[[2]string{ts.dim, ts.group}] {
			continue
		}
		if i > 0 && ts.kind == KindSpike && out[i-1].kind == KindSpike && ts.dim == out[i-1].dim && ts.group == out[i-1].group && ts.metric == out[i-1].metric {
			continue
		}
		kept = append(kept, ts)
	}
	return kept
}
