package trend

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/complaints/complaints/metrics"
)

//go:embed surveys.sql
var surveysSQL string

//go:embed resolution.sql
var resolutionSQL string

//go:embed metric_evidence.sql
var metricEvidenceSQL string

// Metrics are the metrics Options.Metrics tests, in the order results
// name them.
var Metrics = []string{MetricNPS, MetricCSAT, MetricResolution}

// Metric names of metric alerts.
const (
	MetricNPS        = "nps"
	MetricCSAT       = "csat"
	MetricResolution = "median_resolution_hours"

	methodMetricLevel = "z test of the period against the pooled baseline (sampling variances)"
	// methodMetricLevelBySource is the level test's of two or more
	// survey sources, each expected at its own baseline score.
	methodMetricLevelBySource = "z test of the period, each source against its own baseline (sampling variances)"
	methodMetricTrend         = "weighted least squares slope (weights 1/variance, over-dispersion scaled)"
	methodResolution          = "Mann-Whitney U test of the period's resolution times against the baseline's"
)

// Smallest changes worth reporting: 5 NPS points, 5 CSAT percentage points,
// a fifth of the median resolution time. A smaller change raises no alert
// whatever its p-value (a policy against trivial alerts), which the pages
// say where they tell of the detector's silence.
const (
	MinNPSChange        = 5    // NPS points
	MinCSATChange       = 0.05 // a share: 5 percentage points
	minResolutionChange = 1.2
)

// surveyCounts are NPS and CSAT answers per period on the grid of a
// metricData.
type surveyCounts struct {
	npsN, promoters, detrac []float64
	csatN, csatTop          []float64
}

func newSurveyCounts(k int) *surveyCounts {
	return &surveyCounts{npsN: make([]float64, k), promoters: make([]float64, k), detrac: make([]float64, k),
		csatN: make([]float64, k), csatTop: make([]float64, k)}
}

// metricData holds the survey and resolution figures per period on the grid
// starts.
type metricData struct {
	starts       []time.Time
	surveyCounts // the answers of every source
	// bySource holds each survey source's answers (surveys.source), which
	// the survey tests compare with the same source's (metricTestsAt); nil
	// in a metricData built by hand, whose answers are one source's.
	bySource map[string]*surveyCounts
	hours    [][]float64 // resolution times of complaints resolved in the period
}

// index is the position of period start s on the grid.
func (md *metricData) index(s time.Time) int {
	for i, t := range md.starts {
		if t.Equal(s) {
			return i
		}
	}
	panic("trend: period outside the metric grid")
}

// surveySources returns the survey sources, sorted (sums in one order:
// the same bytes every run), and their answers; the answers of all as one
// unnamed source in a metricData built by hand.
func (md *metricData) surveySources() (names []string, counts []*surveyCounts) {
	if md.bySource == nil {
		return []string{""}, []*surveyCounts{&md.surveyCounts}
	}
	for src := range md.bySource {
		names = append(names, src)
	}
	sort.Strings(names)
	for _, src := range names {
		counts = append(counts, md.bySource[src])
	}
	return names, counts
}

func loadMetrics(ctx context.Context, db Querier, period Period, from, last, asOf time.Time) (*metricData, error) {
	md := &metricData{bySource: map[string]*surveyCounts{}}
	index := map[time.Time]int{}
	for s := from; !s.After(last); s = period.Add(s, 1) {
		index[s] = len(md.starts)
		md.starts = append(md.starts, s)
	}
	k := len(md.starts)
	md.surveyCounts = *newSurveyCounts(k)
	md.hours = make([][]float64, k)
	end := period.Add(last, 1)
	if end.After(asOf) {
		end = asOf
	}
	rows, err := db.QueryContext(ctx, surveysSQL, string(period), from, end)
	if err != nil {
		return nil, fmt.Errorf("survey series: %w", err)
	}
	for rows.Next() {
		var s time.Time
		var src string
		var n, p, d, cn, ct int64
		if err := rows.Scan(&s, &src, &n, &p, &d, &cn, &ct); err != nil {
			rows.Close()
			return nil, fmt.Errorf("survey series: %w", err)
		}
		t, ok := index[s.UTC()]
		if !ok {
			continue
		}
		sc := md.bySource[src]
		if sc == nil {
			sc = newSurveyCounts(k)
			md.bySource[src] = sc
		}
		for _, c := range []*surveyCounts{&md.surveyCounts, sc} {
			c.npsN[t] += float64(n)
			c.promoters[t] += float64(p)
			c.detrac[t] += float64(d)
			c.csatN[t] += float64(cn)
			c.csatTop[t] += float64(ct)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("survey series: %w", err)
	}
	rows, err = db.QueryContext(ctx, resolutionSQL, string(period), from, end)
	if err != nil {
		return nil, fmt.Errorf("resolution times: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s time.Time
		var h float64
		if err := rows.Scan(&s, &h); err != nil {
			return nil, fmt.Errorf("resolution times: %w", err)
		}
		if t, ok := index[s.UTC()]; ok {
			md.hours[t] = append(md.hours[t], h)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resolution times: %w", err)
	}
	return md, nil
}

// npsPoint is the NPS of a period (-100..100) with its sampling variance
//
//	Var = 100^2 (p + d - (p - d)^2) / n,
//
// p and d the promoter and detractor shares; for the variance only they are
// smoothed as (count + 1/2)/(n + 1) so a period of all promoters does not
// claim zero variance.
func npsPoint(n, prom, det float64) (value, variance float64) {
	p, d := prom/n, det/n
	ps, ds := (prom+0.5)/(n+1), (det+0.5)/(n+1)
	return 100 * (p - d), 1e4 * (ps + ds - (ps-ds)*(ps-ds)) / n
}

// sharePoint is a top-2-box share with its variance p(1-p)/n (smoothed alike).
func sharePoint(n, top float64) (value, variance float64) {
	ps := (top + 0.5) / (n + 1)
	return top / n, ps * (1 - ps) / n
}

// LevelTest compares the latest value y with variance v against a baseline
// value yb with variance vb: z = (y - yb)/sqrt(v + vb), two-sided normal
// p-value.
func LevelTest(y, v, yb, vb float64) (z, p float64) {
	z = (y - yb) / math.Sqrt(v+vb)
	return z, metrics.NormalTwoSided(z)
}

// WeightedTrend is a weighted least squares line through (t_i, y_i) with
// weights 1/v_i:
//
//	slope = sum w (t - tbar)(y - ybar) / sum w (t - tbar)^2,  SE^2 = 1 / sum w (t - tbar)^2,
//
// with weighted means tbar and ybar. When the residuals vary more than the
// variances allow (X^2 = sum w (y - fit)^2 above its k - 2 degrees of
// freedom), SE^2 is multiplied by X^2/(k-2) and the p-value comes from
// Student's t on k - 2 degrees of freedom; otherwise from the normal.
type WeightedTrend struct {
	Slope, Intercept float64 // y = Intercept + Slope*t
	SE, Z, P         float64
}

// FitWeightedTrend fits the line; it needs at least three points.
func FitWeightedTrend(t, y, v []float64) (WeightedTrend, bool) {
	k := len(t)
	if k < 3 || len(y) != k || len(v) != k {
		return WeightedTrend{}, false
	}
	var sw, st, sy float64
	for i := range t {
		w := 1 / v[i]
		sw += w
		st += w * t[i]
		sy += w * y[i]
	}
	tbar, ybar := st/sw, sy/sw
	var sxx, sxy float64
	for i := range t {
		w := 1 / v[i]
		sxx += w * (t[i] - tbar) * (t[i] - tbar)
		sxy += w * (t[i] - tbar) * (y[i] - ybar)
	}
	if sxx <= 0 {
		return WeightedTrend{}, false
	}
	r := WeightedTrend{Slope: sxy / sxx}
	r.Intercept = ybar - r.Slope*tbar
	x2 := 0.0
	for i := range t {
		e := y[i] - r.Intercept - r.Slope*t[i]
		x2 += e * e / v[i]
	}
	se2 := 1 / sxx
	df := float64(k - 2)
	inflated := df > 0 && x2/df > 1 // two points leave no degree of freedom
	if inflated {
		se2 *= x2 / df
	}
	r.SE = math.Sqrt(se2)
	r.Z = r.Slope / r.SE
	if inflated {
		r.P = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(r.Z))
	} else {
		r.P = metrics.NormalTwoSided(r.Z)
	}
	return r, true
}

// MannWhitney is the two-sided Mann-Whitney U test of x against y with the
// normal approximation, tie correction and continuity correction:
//
//	U = R_x - n_x(n_x+1)/2,  E[U] = n_x n_y / 2,
//	Var[U] = n_x n_y / 12 [(n+1) - sum_t (t^3 - t) / (n(n-1))].
//
// It returns U and the p-value.
func MannWhitney(x, y []float64) (u, p float64) {
	nx, ny := float64(len(x)), float64(len(y))
	if nx == 0 || ny == 0 {
		return 0, math.NaN()
	}
	all := append(append([]float64(nil), x...), y...)
	rk := ranks(all)
	rx := 0.0
	for i := range x {
		rx += rk[i]
	}
	u = rx - nx*(nx+1)/2
	n := nx + ny
	sorted := append([]float64(nil), all...)
	sort.Float64s(sorted)
	ties := 0.0
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j] == sorted[i] {
			j++
		}
		t := float64(j - i)
		ties += t*t*t - t
		i = j
	}
	v := nx * ny / 12 * ((n + 1) - ties/(n*(n-1)))
	if v <= 0 {
		return u, 1
	}
	d := u - nx*ny/2
	d = math.Copysign(math.Max(math.Abs(d)-0.5, 0), d)
	return u, metrics.NormalTwoSided(d / math.Sqrt(v))
}

// answers are a survey metric's answers pooled over some periods: n
// answers, a promoters (NPS) or top-2-box answers (CSAT), b detractors
// (NPS).
type answers struct{ n, a, b float64 }

func (x answers) plus(y answers) answers { return answers{x.n + y.n, x.a + y.a, x.b + y.b} }

// point is the metric's score of the answers with its sampling variance.
func (x answers) point(metric string) (value, variance float64) {
	if metric == MetricNPS {
		return npsPoint(x.n, x.a, x.b)
	}
	return sharePoint(x.n, x.a)
}

// surveySeries is one source's answers to one metric by period (b nil for
// CSAT).
type surveySeries struct{ n, a, b []float64 }

func (sc *surveyCounts) series(metric string) surveySeries {
	if metric == MetricNPS {
		return surveySeries{sc.npsN, sc.promoters, sc.detrac}
	}
	return surveySeries{n: sc.csatN, a: sc.csatTop}
}

// sum pools the answers of periods from..to (inclusive).
func (ss surveySeries) sum(from, to int) answers {
	var x answers
	for t := max(from, 0); t <= to; t++ {
		x.n += ss.n[t]
		x.a += ss.a[t]
		if ss.b != nil {
			x.b += ss.b[t]
		}
	}
	return x
}

// firstAnswer is the first of periods from..to with an answer, to+1 when
// none has.
func (ss surveySeries) firstAnswer(from, to int) int {
	t := max(from, 0)
	for t <= to && ss.n[t] == 0 {
		t++
	}
	return t
}

// metricTestsAt tests NPS, CSAT and median resolution time at period T:
// the period against the previous trendLen periods, and the line
// through the last trendLen periods (NPS and CSAT), observed its end at
// T, expected the score pooled over the baseline's periods before them.
// It returns the tests appended to out and the NPS and CSAT tests the
// survey sources kept from being made (below).
//
// A survey test needs metrics.MinTestResponses answers (or MinCount, when
// more) in the period judged and in the baseline it pools, and a line
// goes only through periods of as many answers: the executive page tests
// a change between two periods only so (a week of 40 answers against a
// baseline of 29 read p = 1e-9 here while that page said the change could
// not be told from sampling noise). (CES is not tested.)
//
// A survey score is compared with answers of the same survey sources only
// (surveys.source: each export profile or mapping loads its own, an
// instrument each). A QA pass's CSAT of a 1-10 agreement item, rescaled,
// read as a fall against a baseline of a 5-point item's answers ("shift
// csat 77.1% against 93.3%"): a change of instrument, not of customers.
// Comparing within the sources, rather than only saying they changed (as
// TextCoverage does for the texts' share, which no stratum removes: the
// groups read from text are the complaints'), leaves no such alert to be
// read past its caveat, and still finds a change where the sources
// overlap. Both tests compare the sources with answers in the period
// judged and as many of their own in the baseline as a test needs
// (sourceLeftOut): a source's baseline score is a level its answers are
// expected at, and a pilot's 5 answers (NPS 100) weighted by its share of
// the week made an expected 73.7 no week had. The level test expects the
// period's answers at each source's own baseline score (indirect
// standardisation, as standardised does for complaint groups); the line
// goes through the compared sources' answers, from when the last of them
// began; the period judged needs its minimum of the compared sources'
// answers. An alert names the sources compared and those left out
// (Alert.SurveySources). A test that pooling every source's answers
// would make and the sources do not (a new instrument alone in the
// period, a line of too few periods since a source began) is returned,
// Reason ReasonSurveySources, so that it is said (Result.MetricsNotTested).
//
// When T is a partial period (Options.IncludePartial), its level tests
// are made as a complete period's: a score's sampling variance is that of
// its answers so far, and the resolution times are of the complaints
// resolved so far, selected by when they were resolved. Its trend lines
// are not: a line's points are whole periods, and the partial one's
// answers sit at its start (partialNotTested says so).
func (c config) metricTestsAt(md *metricData, T int, partial bool, out []test) ([]test, []MetricNotTested) {
	K := c.prm.trendLen
	lo := max(0, T-K)
	mk := func(metric, kind, method string, from int, obs, exp, p float64) test {
		return test{kind: kind, method: method, dim: "all", group: "all", metric: metric, t: T, from: from, observed: obs, expected: exp, p: p, noRatio: metric != MetricResolution}
	}
	names, counts := md.surveySources()
	var notMade []MetricNotTested
	survey := func(metric string) {
		minChange := float64(MinNPSChange)
		if metric == MetricCSAT {
			minChange = MinCSATChange
		}
		need := c.minResponses()
		all := md.series(metric)
		if all.n[T] < need {
			return
		}
		series := make([]surveySeries, len(counts))
		for i, sc := range counts {
			series[i] = sc.series(metric)
		}
		// pooled sums the answers of the sources in over periods from..to.
		pooled := func(in []int, from, to int) answers {
			var x answers
			for _, i := range in {
				x = x.plus(series[i].sum(from, to))
			}
			return x
		}
		var in []int
		for i, ss := range series {
			if sourceLeftOut(ss, lo, T, need) == "" {
				in = append(in, i)
			}
		}
		sources := surveySourcesOf(names, series, in, lo, T)
		cur := pooled(in, T, T)
		notTested := func(name string) {
			notMade = append(notMade, MetricNotTested{PeriodStart: md.starts[T].Format(dateLayout), Metric: metric,
				Test: name, Reason: ReasonSurveySources, Responses: int(cur.n), MinResponses: int(need)})
		}
		// Level against the baseline; each compared source's holds need
		// answers, so their pool does.
		switch {
		case cur.n >= need:
			y, v := cur.point(metric)
			var yb, vb float64
			baseFrom := T
			for _, i := range in {
				w := series[i].n[T] / cur.n
				ys, vs := series[i].sum(lo, T-1).point(metric)
				yb += w * ys
				vb += w * w * vs
				baseFrom = min(baseFrom, series[i].firstAnswer(lo, T-1))
			}
			_, p := LevelTest(y, v, yb, vb)
			method := methodMetricLevel
			if len(in) > 1 {
				method = methodMetricLevelBySource
			}
			ts := mk(metric, KindShift, method, baseFrom, y, yb, p)
			ts.material = math.Abs(y-yb) >= minChange
			ts.sources = sources
			out = append(out, ts)
		case all.sum(lo, T-1).n >= need:
			notTested("level")
		}
		if partial {
			return
		}
		// Trend over the window including T, of the compared sources
		// from when the last of them began, T a point of its own.
		start := lo
		for _, i := range in {
			start = max(start, series[i].firstAnswer(lo, T))
		}
		var tt, yy, vv []float64
		for t := start; t <= T && cur.n >= need; t++ {
			x := pooled(in, t, t)
			if x.n < need {
				continue
			}
			y, v := x.point(metric)
			tt, yy, vv = append(tt, float64(t)), append(yy, y), append(vv, v)
		}
		if len(tt) < 4 {
			if linePoints(all, lo, T, need) >= 4 {
				notTested("trend")
			}
			return
		}
		if r, ok := FitWeightedTrend(tt, yy, vv); ok {
			// Expected is the level before the window, the score
			// pooled over the periods before it (as a complaint
			// trend's share before its window), when they hold as
			// many answers as a level test's baseline, of every
			// compared source: the line's start is no level the metric
			// had (over a step of NPS 20 to 40 it read 15.59,
			// TestMetricTrendExpectedIsLevelBefore); otherwise the
			// line's start.
			start := r.Intercept + r.Slope*tt[0]
			pre := max(0, T-c.prm.window)
			before := pooled(in, pre, lo-1)
			if before.n >= need && !slices.ContainsFunc(in, func(i int) bool { return series[i].sum(pre, lo-1).n == 0 }) {
				start, _ = before.point(metric)
			}
			end := r.Intercept + r.Slope*float64(T)
			kind := KindRising
			if r.Slope < 0 {
				kind = KindFalling
			}
			ts := mk(metric, kind, methodMetricTrend, int(tt[0]), end, start, r.P)
			ts.material = math.Abs(end-start) >= minChange
			ts.sources = sources
			out = append(out, ts)
		}
	}
	survey(MetricNPS)
	survey(MetricCSAT)

	if cur := md.hours[T]; float64(len(cur)) >= c.minCount {
		var base []float64
		for t := lo; t < T; t++ {
			base = append(base, md.hours[t]...)
		}
		if float64(len(base)) >= c.minCount {
			_, p := MannWhitney(cur, base)
			obs, exp := median(cur), median(base)
			kind := KindShift
			ts := mk(MetricResolution, kind, methodResolution, lo, obs, exp, p)
			r := ts.ratio()
			ts.material = exp > 0 && (r >= minResolutionChange || r <= 1/minResolutionChange)
			out = append(out, ts)
		}
	}
	return out, notMade
}

// linePoints counts the periods lo..T of a line through answers ss: those
// of need answers or more.
func linePoints(ss surveySeries, lo, T int, need float64) int {
	k := 0
	for t := lo; t <= T; t++ {
		if ss.n[t] >= need {
			k++
		}
	}
	return k
}

// sourceLeftOut is why the survey tests of period T, whose baseline is
// periods lo..T-1, leave out a source of answers ss (a SurveySourceLeftOut
// reason), "" when they compare it: a source needs answers in T and need
// of its own in the baseline, as the pooled baseline does.
func sourceLeftOut(ss surveySeries, lo, T int, need float64) string {
	switch base := ss.sum(lo, T-1).n; {
	case ss.n[T] == 0:
		return ReasonNoResponses
	case base == 0:
		return ReasonNoBaseline
	case base < need:
		return ReasonFewBaseline
	}
	return ""
}

// surveySourcesOf is the Alert.SurveySources of a survey test comparing
// the sources in (indexes of names and series) over periods from..to: nil
// when those periods hold answers of one source only.
func surveySourcesOf(names []string, series []surveySeries, in []int, from, to int) *SurveySources {
	ss := &SurveySources{Compared: []string{}}
	for i, name := range names {
		switch {
		case slices.Contains(in, i):
			ss.Compared = append(ss.Compared, name)
		case series[i].sum(from, to).n > 0:
			ss.LeftOut = append(ss.LeftOut, name)
		}
	}
	if len(ss.Compared)+len(ss.LeftOut) < 2 {
		return nil
	}
	return ss
}

// sourcesLeftOut lists the survey sources the NPS and CSAT tests of
// period T left out (Result.SurveySourcesLeftOut), and why
// (sourceLeftOut): of the tests made among tests, and of those notMade
// for the survey sources (ReasonSurveySources), whose sources answered
// too and were set aside (unsaid, a QA pass's April read "1 answer of
// survey sources with a baseline" with tel-new's 384 named nowhere). Nps
// before csat, level before trend, sources sorted.
func (c config) sourcesLeftOut(md *metricData, tests []test, notMade []MetricNotTested, T int) []SurveySourceLeftOut {
	lo := max(0, T-c.prm.trendLen)
	need := c.minResponses()
	names, counts := md.surveySources()
	var out []SurveySourceLeftOut
	add := func(metric, name, src string) {
		ss := counts[slices.Index(names, src)].series(metric)
		out = append(out, SurveySourceLeftOut{PeriodStart: md.starts[T].Format(dateLayout),
			Metric: metric, Test: name, Source: src,
			Reason: sourceLeftOut(ss, lo, T, need), Responses: int(ss.n[T])})
	}
	for _, ts := range tests {
		if ts.sources == nil {
			continue
		}
		name := "level"
		if ts.kind != KindShift {
			name = "trend"
		}
		for _, src := range ts.sources.LeftOut {
			add(ts.metric, name, src)
		}
	}
	for _, nt := range notMade {
		if nt.Reason != ReasonSurveySources {
			continue
		}
		// as surveySourcesOf: the sources of answers in the periods read
		// that the test would not have compared
		for i, src := range names {
			ss := counts[i].series(nt.Metric)
			if ss.sum(lo, T).n > 0 && sourceLeftOut(ss, lo, T, need) != "" {
				add(nt.Metric, nt.Test, src)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b SurveySourceLeftOut) int {
		return cmp.Or(cmp.Compare(slices.Index(Metrics, a.Metric), slices.Index(Metrics, b.Metric)), cmp.Compare(a.Test, b.Test))
	})
	return out
}

// minResponses is the fewest answers of a survey test, in the period
// judged and in the baseline it pools: metrics.MinTestResponses, or
// MinCount when more.
func (c config) minResponses() float64 {
	return max(c.minCount, float64(metrics.MinTestResponses))
}

// partialNotTested lists the NPS and CSAT tests metricTestsAt does not
// make of the partial period T, for a metric with answers in T or its
// baseline (with none anywhere, as from a warehouse of no surveys, there
// is nothing to say): the trend line always, the level test when T holds
// too few answers so far. Unsaid, a partial period's "0 alerts" read as
// its scores having been judged unchanged.
func (c config) partialNotTested(md *metricData, T int) []MetricNotTested {
	need := c.minResponses()
	lo := max(0, T-c.prm.trendLen)
	var out []MetricNotTested
	for _, m := range []struct {
		name string
		n    []float64
	}{{MetricNPS, md.npsN}, {MetricCSAT, md.csatN}} {
		seen := false
		for t := lo; t <= T; t++ {
			seen = seen || m.n[t] > 0
		}
		if !seen {
			continue
		}
		nt := MetricNotTested{PeriodStart: md.starts[T].Format(dateLayout), Metric: m.name,
			Responses: int(m.n[T]), MinResponses: int(need)}
		if m.n[T] < need {
			level := nt
			level.Test, level.Reason = "level", ReasonTooFewResponses
			out = append(out, level)
		}
		nt.Test, nt.Reason = "trend", ReasonIncompletePeriod
		out = append(out, nt)
	}
	return out
}

// metricEvidence returns up to five response IDs (nps, csat) or complaint
// IDs (resolution) behind a metric alert of the period [s, end): the
// responses of the survey sources the test compared (SurveySources,
// nil when the periods it read hold one source's answers). Another
// source's are no answers the test read: a QA pass's shift of tA's
// CSAT cited tB's responses, which it left out.
func metricEvidence(ctx context.Context, db Querier, metric string, sources *SurveySources, s, end time.Time) ([]string, error) {
	kind := metric
	if metric == MetricResolution {
		kind = "resolution"
	}
	var compared any // NULL: every source's
	if sources != nil {
		compared = sources.Compared
	}
	rows, err := db.QueryContext(ctx, metricEvidenceSQL, s, end, kind, compared)
	if err != nil {
		return nil, fmt.Errorf("evidence for %s: %w", metric, err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("evidence for %s: %w", metric, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
