package trend

import (
	"context"
	"math"
	"reflect"
	"slices"
	"testing"
)

// The survey weeks of a QA pass's regression hunt (qa/two/gen.py), on the
// fixture's grid: week 12 (2024-03-25) judged, its baseline weeks 0-11
// (trendLen 12), NPS only. "a" answers 54 a week, 30 promoters and 6
// detractors: NPS 100 (30 - 6)/54 = 44.444, with sampling variance
// 1e4 (30.5/55 + 6.5/55 - (24/55)^2)/54 = 89.317 (npsPoint); its 12
// baseline weeks pool 648 answers, 360 promoters and 72 detractors:
// 44.444, variance 1e4 (360.5/649 + 72.5/649 - (288/649)^2)/648 = 7.257.
func aWeeks(last int) []surveyWeek {
	var weeks []surveyWeek
	for w := 0; w <= last; w++ {
		weeks = append(weeks, surveyWeek{week: w, n: 54, nps: true, npsOnly: true, promoters: 30, detractors: 6, source: "a"})
	}
	return weeks
}

// npsWeek is a week of source src's NPS answers only.
func npsWeek(src string, week, n, promoters, detractors int) surveyWeek {
	return surveyWeek{week: week, n: n, nps: true, npsOnly: true, promoters: promoters, detractors: detractors, source: src}
}

// npsShift is the NPS shift alert of res, nil when there is none.
func npsShift(res Result) *Alert {
	for i, a := range res.Alerts {
		if a.Metric == MetricNPS && a.Kind == KindShift {
			return &res.Alerts[i]
		}
	}
	return nil
}

// leftOut is week 12's NPS level and trend record of src left out for
// reason, of responses answers in week 12.
func leftOut(src, reason string, responses int) []SurveySourceLeftOut {
	return []SurveySourceLeftOut{
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "level", Source: src, Reason: reason, Responses: responses},
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "trend", Source: src, Reason: reason, Responses: responses},
	}
}

// TestSurveySourceNeedsOwnBaseline: a source entered the level test with
// any answer in its baseline, and its baseline score set the level its
// answers were expected at. The QA pass's srcA (54 answers a week, NPS
// 44.4 every week) and a pilot srcB (5 promoters in the week before the
// one judged, then 60 answers at NPS -20) read `shift nps observed 10.526
// expected 73.684 p 2.6e-05`, srcA unchanged: srcB's 5-answer baseline,
// NPS 100, weighted by its share of the week. A source now enters a test
// only with metrics.MinTestResponses (30) answers of its own in the
// baseline, as the pooled baseline needs; one with fewer is left out
// ("few_baseline") and the period's observed is the compared sources'.
func TestSurveySourceNeedsOwnBaseline(t *testing.T) {
	// Before: observed (24 - 12)/114 = 10.526, expected
	// (54 x 44.444 + 60 x 100)/114 = 73.684, one test (the line started
	// in week 11, when b began: two points). Now: a alone, 44.444 against
	// 44.444, no alert; the line through a's weeks 0-12, flat: two tests.
	res := detectSurveyWeeks(t, aWeeks(12), []surveyWeek{npsWeek("b", 11, 5, 5, 0), npsWeek("b", 12, 60, 12, 24)})
	if a := npsShift(res); a != nil {
		t.Errorf("nps shift %.3f against %.3f (p %.3g, sources %+v), want none: a is unchanged", a.Observed, a.Expected, a.PValue, a.SurveySources)
	}
	if res.Tests != 2 {
		t.Errorf("%d tests, want 2 (a's level and line)", res.Tests)
	}
	if want := leftOut("b", ReasonFewBaseline, 60); !reflect.DeepEqual(res.SurveySourcesLeftOut, want) {
		t.Errorf("survey sources left out %+v, want %+v", res.SurveySourcesLeftOut, want)
	}
	if len(res.MetricsNotTested) != 0 {
		t.Errorf("metrics not tested %+v, want none", res.MetricsNotTested)
	}
}

// TestSurveyComparedSourcesNeedMinResponses: the minimum of answers in the
// period judged holds for the sources compared, not for every source's:
// a has 20 answers in week 12 (10 promoters, 2 detractors), b 60 with a
// 5-answer baseline. Pooled, 80 answers would be tested; a's 20 are too
// few for the level test, and a line's period judged is a point of as
// many answers as any other (a line through weeks 0-11 alone would judge
// week 12 by no answer of it). Neither test is made, and
// metrics_not_tested says why (Responses: a's 20).
func TestSurveyComparedSourcesNeedMinResponses(t *testing.T) {
	res := detectSurveyWeeks(t, aWeeks(11), []surveyWeek{npsWeek("a", 12, 20, 10, 2),
		npsWeek("b", 11, 5, 5, 0), npsWeek("b", 12, 60, 12, 24)})
	if res.Tests != 0 || len(res.Alerts) != 0 {
		t.Errorf("%d tests, %d alerts; want none", res.Tests, len(res.Alerts))
	}
	want := []MetricNotTested{
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "level", Reason: ReasonSurveySources, Responses: 20, MinResponses: 30},
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "trend", Reason: ReasonSurveySources, Responses: 20, MinResponses: 30},
	}
	if !reflect.DeepEqual(res.MetricsNotTested, want) {
		t.Errorf("metrics not tested %+v, want %+v", res.MetricsNotTested, want)
	}
}

// TestSurveyStrayAnswerKeepsLine: one stray answer of a new source took
// the trend test away and moved the level. The QA pass's srcA collapsed
// from 44.4 to -44.4 in the week judged, srcB gave 1 promoter the week
// before and 60 answers at -20 in it: the binary before survey sources
// read a shift p 5.4e-25 and a falling line; with them, `shift observed
// -31.579 expected 73.684 p 0.022` and one test, the line starting "when
// the last of them began" (srcB's stray week, two points). The line now
// goes through the sources with a baseline of their own as the level
// test's, b left out of both (few_baseline).
//
// Before: observed (6 - 30 + 12 - 24)/114 = -31.579, expected
// (54 x 44.444 + 60 x 100)/114 = 73.684, one test. Now the level test is
// a's: -44.444 (variance 1e4 (6.5/55 + 30.5/55 - (24/55)^2)/54 = 89.317)
// against 44.444 (7.257): z = -88.889/sqrt(96.574) = -9.045, p 1.494e-19.
// The line through a's weeks 0-12, all of variance 89.317, is an
// unweighted one: slope 6 x (-88.889)/182 = -2.9304 (sum (t - 6)^2 = 182),
// intercept 44.444 - 88.889/13 + 6 x 2.9304 = 55.189, end at week 12
// 20.024; one point off a flat line gives t = -sqrt(3) on 11 degrees of
// freedom (residuals inflate the standard error), p 0.111: a test made,
// no alert (the level test is the one a week's collapse shows in).
func TestSurveyStrayAnswerKeepsLine(t *testing.T) {
	weeks := append(aWeeks(11), npsWeek("a", 12, 54, 6, 30), npsWeek("b", 11, 1, 1, 0), npsWeek("b", 12, 60, 12, 24))
	res := detectSurveyWeeks(t, weeks)
	if res.Tests != 2 {
		t.Errorf("%d tests, want 2 (a's level and line)", res.Tests)
	}
	shift := npsShift(res)
	if shift == nil {
		t.Fatal("no nps shift of a's -44.444 against 44.444")
	}
	if shift.Observed != -44.444 || shift.Expected != 44.444 || !near(shift.PValue/1.494e-19, 1, 1e-3) {
		t.Errorf("nps shift %.3f against %.3f, p %.4g; want -44.444 against 44.444, p 1.494e-19", shift.Observed, shift.Expected, shift.PValue)
	}
	if want := (&SurveySources{Compared: []string{"a"}, LeftOut: []string{"b"}}); !reflect.DeepEqual(shift.SurveySources, want) {
		t.Errorf("survey sources %+v, want %+v", shift.SurveySources, want)
	}
	if want := leftOut("b", ReasonFewBaseline, 60); !reflect.DeepEqual(res.SurveySourcesLeftOut, want) {
		t.Errorf("survey sources left out %+v, want %+v", res.SurveySourcesLeftOut, want)
	}

	// the line itself, not an alert
	db := openTestDB(t)
	loadSurveyWeeks(t, db, weeks)
	end := fixtureStart.AddDate(0, 0, 7*13)
	md, err := loadMetrics(context.Background(), db, Week, fixtureStart, fixtureStart.AddDate(0, 0, 7*12), end)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config{period: Week, prm: paramsOf(Week), minCount: DefaultMinCount, minRatio: 1.5}
	tests, _ := cfg.metricTestsAt(md, 12, false, nil)
	i := slices.IndexFunc(tests, func(ts test) bool { return ts.kind == KindFalling })
	if i < 0 {
		t.Fatalf("no falling line among %+v", tests)
	}
	if ln := tests[i]; math.Abs(ln.observed-20.024) > 1e-3 || math.Abs(ln.expected-55.189) > 1e-3 || !near(ln.p/0.1112, 1, 1e-3) || ln.from != 0 {
		t.Errorf("line from week %d, %.3f against %.3f, p %.4g; want from week 0, 20.024 against 55.189, p 0.1112", ln.from, ln.observed, ln.expected, ln.p)
	}
}

// TestSurveyTestNotMadeForSources: a test the sources stop (its answers
// pooled over every source would have been tested) was said nowhere:
// survey_sources_left_out lists the tests made. It is in
// metrics_not_tested, reason "survey_sources", Responses the period's
// answers of the sources it could compare.
func TestSurveyTestNotMadeForSources(t *testing.T) {
	notTested := func(test string, responses int) MetricNotTested {
		return MetricNotTested{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: test, Reason: ReasonSurveySources, Responses: responses, MinResponses: 30}
	}
	for _, tt := range []struct {
		name  string
		weeks []surveyWeek
		tests int
		want  []MetricNotTested
	}{
		// b (30 a week, 6 promoters and 6 detractors: NPS 0) began in
		// week 10 with a baseline of 60: compared. The level test expects
		// (54 x 44.444 + 30 x 0)/84 = 28.571, what week 12 scores; the
		// line of a and b starts in week 10, three points, too few (four),
		// where the pooled line had 13.
		{"source began late", append(aWeeks(12), npsWeek("b", 10, 30, 6, 6), npsWeek("b", 11, 30, 6, 6), npsWeek("b", 12, 30, 6, 6)), 1,
			[]MetricNotTested{notTested("trend", 84)}},
		// A change of instrument: "a" until week 11, "b" in week 12
		// only. Nothing to compare week 12's answers with.
		{"instrument changed", append(aWeeks(11), npsWeek("b", 12, 60, 12, 24)), 0,
			[]MetricNotTested{notTested("level", 0), notTested("trend", 0)}},
		// One source: nothing left out, nothing said.
		{"one source", aWeeks(12), 2, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := detectSurveyWeeks(t, tt.weeks)
			if len(res.Alerts) != 0 {
				t.Errorf("%d alerts, want none", len(res.Alerts))
			}
			if res.Tests != tt.tests {
				t.Errorf("%d tests, want %d", res.Tests, tt.tests)
			}
			if !reflect.DeepEqual(res.MetricsNotTested, tt.want) {
				t.Errorf("metrics not tested %+v, want %+v", res.MetricsNotTested, tt.want)
			}
		})
	}
}

// TestSurveyTestNotMadeForSourcesPartial: in an incomplete period
// (Options.IncludePartial) the tests the sources stop are listed with
// those the period's incompleteness stops, nps before csat, level before
// trend. Week 12 as of its Saturday holds its answers, all of "b", new:
// neither level test can be made (survey_sources, 0 answers of a source
// with a baseline) nor a line (incomplete_period; 60 answers so far).
// Week 11, complete and of "a" alone, has its four tests and nothing to
// say.
func TestSurveyTestNotMadeForSourcesPartial(t *testing.T) {
	var weeks []surveyWeek
	for _, w := range aWeeks(11) {
		w.npsOnly, w.csatTop = false, 50
		weeks = append(weeks, w)
	}
	weeks = append(weeks, surveyWeek{week: 12, n: 60, csatTop: 30, nps: true, promoters: 12, detractors: 24, source: "b"})
	db := openTestDB(t)
	loadSurveyWeeks(t, db, weeks)
	res, err := Detect(context.Background(), db, Options{Metrics: true, IncludePartial: true, AsOf: fixtureStart.AddDate(0, 0, 7*12+5)})
	if err != nil {
		t.Fatal(err)
	}
	nt := func(metric, test, reason string, responses int) MetricNotTested {
		return MetricNotTested{PeriodStart: "2024-03-25", Metric: metric, Test: test, Reason: reason, Responses: responses, MinResponses: 30}
	}
	want := []MetricNotTested{
		nt(MetricNPS, "level", ReasonSurveySources, 0), nt(MetricNPS, "trend", ReasonIncompletePeriod, 60),
		nt(MetricCSAT, "level", ReasonSurveySources, 0), nt(MetricCSAT, "trend", ReasonIncompletePeriod, 60),
	}
	if !reflect.DeepEqual(res.MetricsNotTested, want) {
		t.Errorf("metrics not tested %+v, want %+v", res.MetricsNotTested, want)
	}
}
