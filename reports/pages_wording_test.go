package reports

// What the pages say of the figures beside them, from two QA passes: the
// classifier a page's topics come from, an NPS interval of no width, a
// change of two weeks told beside a trend detector that saw none, q-values
// to fewer significant figures than their p-values, and an NPS or CSAT
// level test read as a lasting shift.

import (
	"context"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

// TestTopicsOfOneModelNamed: with one vocabulary, every page that shows
// topics says which classifier made them, in one line where the note on
// two vocabularies goes, and the index says it of its classified
// complaints: only the audit's list of classify runs named the custom
// taxonomy retail@2 and the trained model linear-svm:issue@1 (QA pass BC,
// qa/out1, qa/det1, qa/outair).
func TestTopicsOfOneModelNamed(t *testing.T) {
	// the retrain fixture, every complaint classified by one model
	oneModel := func(model string) []string {
		return []string{retrainStatements()[0], strings.ReplaceAll(strings.ReplaceAll(retrainStatements()[1], marModel, model), janModel, model)}
	}
	for _, tt := range []struct{ model, want string }{
		{janModel, "Topics by the trained model linear-svm:Helpdesk Category@1+648bcf67."},
		// not "the taxonomy file taxonomy:retail@2+5abe9faf" (QA pass BE)
		{"classify/1 taxonomy:retail@2+5abe9faf", "Topics by a taxonomy file (retail@2+5abe9faf)."},
		{"classify/1 taxonomy:default@9", "Topics by the built-in taxonomy (default@9)."},
		{"classify/1 linear-svm:issue@1+0d94da52 routing:routing@2+1a2b3c4d", "Topics by the trained model linear-svm:issue@1+0d94da52."},
	} {
		dir := reportsOf(t, retrainAsOf, oneModel(tt.model)...)
		weekly := html.UnescapeString(readPage(t, dir, "weekly.html"))
		defects := html.UnescapeString(readPage(t, dir, "defects.html"))
		index := html.UnescapeString(readPage(t, dir, "index.html"))
		for _, c := range []struct{ page, file, section string }{
			{weekly, "weekly.html", "volume"},
			{defects, "defects.html", "heatmap"},
			{index, "index.html", "data"},
		} {
			pageHas(t, c.file+" section "+c.section+" of "+tt.model, sectionOf(c.page, c.section), []string{tt.want}, []string{"different vocabularies"})
		}
	}

	// the executive page's drivers, as TestTopicsOfTwoModels passes them
	f := func(x float64) *float64 { return &x }
	drivers := []metrics.Driver{{Metric: "nps", Topic: "Delays", Responses: 40, Value: f(-30), Without: f(10), Overall: f(5),
		Impact: f(7), Coef: f(-35), CILow: f(-50), CIHigh: f(-20), PValue: f(0.001), Reference: "Baggage"}}
	db := openTestDB(t)
	for _, q := range append(oneModel(janModel), `INSERT INTO surveys (response_id, source, complaint_id, responded_at, nps, ingest_run_id, row_hash)
		VALUES ('S1', 'desk', 'c00-0', TIMESTAMP '2024-03-20 12:00', 5, 1, 1)`) {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: retrainAsOf,
		Analytics: &Analytics{Tests: 10, Drivers: drivers, Recovery: &metrics.Recovery{}}}); err != nil {
		t.Fatal(err)
	}
	exec := html.UnescapeString(readPage(t, dir, "executive.html"))
	pageHas(t, "executive.html drivers", sectionOf(exec, "drivers-nps"), []string{"Topics by the trained model linear-svm:Helpdesk Category@1+648bcf67."}, nil)
}

// TestNPSIntervalAllAlike: an NPS of answers all alike has an interval of
// no width by the formula (Var = (p + d - (p - d)^2) / n is 0), which the
// page showed as certainty at any number of answers: "NPS was 100 (95% CI
// 100 to 100, 75 responses)" of a week of promoters (QA pass BB). It says
// so, and gives the rule of three's bound instead: 40 promoters of 40, the
// promoters' share is above 1 - 3/40 = 92.5% (95% confidence), so NPS,
// the rest all detractors at worst, above 100 - 2 x 7.5 = 85. CSAT's
// Wilson interval of answers all alike has a width (40 of 40 satisfied:
// 91.2% to 100%): nothing is said of it.
func TestNPSIntervalAllAlike(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "svy", "2024-03-04", "nps", 40, 20, 10, 0), surveyWeek("b", "svy", "2024-03-11", "nps", 40, 40, 10, 0),
		surveyWeek("c", "svy", "2024-03-04", "csat", 40, 20, 5, 1), surveyWeek("d", "svy", "2024-03-11", "csat", 40, 40, 5, 1))
	summary := summaryOf(t, dir)
	pageHas(t, "executive.html summary", summary, []string{
		"40 responses, all promoters, for which the interval formula gives no width: the true NPS may be lower; " +
			"by the rule of three promoters are above 92.5% of all answers (95% confidence), so NPS is above 85",
		"CSAT rose 50.0 percentage points to 100.0% (95% CI 91.2% to 100.0%, 40 responses)",
	}, []string{"100 to 100"})
	nps := html.UnescapeString(sectionOf(readPage(t, dir, "executive.html"), "nps"))
	pageHas(t, "executive.html NPS section", nps, []string{"of answers all alike, of any number, has no width"}, nil)
}

// TestRuleOfThree: the bound of every case of no width, and where the
// rule of three bounds nothing (3 answers or fewer).
func TestRuleOfThree(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	for _, tt := range []struct {
		v    float64
		n    int64
		want string
	}{
		{100, 75, "75 responses, all promoters, for which the interval formula gives no width: the true NPS may be lower; by the rule of three promoters are above 96.0% of all answers (95% confidence), so NPS is above 92"},
		{-100, 60, "60 responses, all detractors, for which the interval formula gives no width: the true NPS may be higher; by the rule of three detractors are above 95.0% of all answers (95% confidence), so NPS is below -90"},
		{0, 50, "50 responses, all passives, for which the interval formula gives no width: the true NPS may be lower or higher; by the rule of three passives are above 94.0% of all answers (95% confidence), so NPS is between -6 and 6"},
		{100, 3, "3 responses, all promoters, for which the interval formula gives no width: the true NPS may be lower; too few for the rule of three to bound it"},
	} {
		if got := intervalText("nps", "", f(tt.v), f(tt.v), tt.n, 0); got != tt.want {
			t.Errorf("NPS %g of %d:\n got %q\nwant %q", tt.v, tt.n, got, tt.want)
		}
	}
}

// TestChangeOfTwoWeeksOnly: the summary's change of NPS between two weeks
// is one uncorrected test of those two weeks; beside a trend detector that
// tested the week against its baseline and raised nothing, the page says
// the baseline does not call it a change (QA pass BB, telecom NPS as of
// 2018-05-09: "beyond the two weeks' sampling noise (p = 0.046)" above "The
// trend detector raised no alerts", the week before itself an outlier).
// Twelve weeks of NPS -20 (24 promoters, 36 detractors of 60), one of +20
// (36 of 60), then -20 again: the two last weeks differ (pooled z test
// p = 0.028), the last is its baseline's level.
func TestChangeOfTwoWeeksOnly(t *testing.T) {
	var stmts []string
	for w := range 14 {
		monday := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*w).Format(time.DateOnly)
		top := 24
		if w == 12 {
			top = 36
		}
		stmts = append(stmts, surveyWeek(string(rune('a'+w)), "svy", monday, "nps", 60, top, 10, 0))
	}
	summary := summaryOf(t, reportsOf(t, time.Date(2024, 4, 7, 0, 0, 0, 0, time.UTC), stmts...))
	pageHas(t, "executive.html summary", summary, []string{
		"NPS fell 40 points to -20 (95% CI -45 to 5, 60 responses) in the week of 2024-04-01: against the week before alone, beyond the two weeks' sampling noise (p = 0.028; one test, not corrected for the other tests made); " +
			"the trend detector, testing the week against the 12 weeks before it, raised no alert on NPS: it found no change against that baseline of 5 points or more, the least it alerts on.",
		"The trend detector raised no alerts for the latest week.",
	}, nil)
}

// TestBaselineWordsOfAnAlert: where the detector raised an NPS alert for
// the week the change is told against, the sentence says which way and
// against what: "raised an alert on NPS too" read beside "NPS fell 12
// points" of a week far above its baseline (QA pass BE, qa/nps2: shift
// 53.3 against 0.8, rising 35.3 against -5.0); "too" only where the change
// of the two weeks was beyond their noise the same way.
func TestBaselineWordsOfAnAlert(t *testing.T) {
	const week = "2025-03-31"
	above := trend.Alert{Kind: trend.KindShift, Metric: trend.MetricNPS, PeriodStart: week, Observed: 53.3, Expected: 0.8}
	rising := trend.Alert{Kind: trend.KindRising, Metric: trend.MetricNPS, PeriodStart: week, Observed: 35.3, Expected: -5, Since: "2025-01-06"}
	below := trend.Alert{Kind: trend.KindShift, Metric: trend.MetricNPS, PeriodStart: week, Observed: 10, Expected: 40}
	fig := func(x float64) string { return scoreNum(&x, 0) }
	r := &run{opt: Options{Period: "week"}}
	tested := []string{trend.MetricNPS}
	for _, tt := range []struct {
		name   string
		alerts []trend.Alert
		beyond bool
		change float64
		want   string
	}{
		{"QA pass BE: fell within noise, both alerts above", []trend.Alert{rising, above}, false, -12,
			"; the trend detector finds NPS above its level of the 12 weeks before (53 against 1) and on a rising trend line fitted over the 13 weeks 2025-01-06 to 2025-03-31 (35 at the line's end against a baseline of -5; the quality report lists both)"},
		{"fell beyond noise, alert above", []trend.Alert{above}, true, -12,
			"; the trend detector finds NPS above its level of the 12 weeks before (53 against 1; the quality report lists it)"},
		{"fell beyond noise, alert below", []trend.Alert{below}, true, -12,
			"; the trend detector too finds NPS below its level of the 12 weeks before (10 against 40; the quality report lists it)"},
		{"fell within noise, alert below", []trend.Alert{below}, false, -12,
			"; the trend detector finds NPS below its level of the 12 weeks before (10 against 40; the quality report lists it)"},
		{"rose beyond noise, alerts above", []trend.Alert{above, rising}, true, 20,
			"; the trend detector too finds NPS above its level of the 12 weeks before (53 against 1) and on a rising trend line fitted over the 13 weeks 2025-01-06 to 2025-03-31 (35 at the line's end against a baseline of -5; the quality report lists both)"},
		{"no alert, beyond noise", nil, true, -12,
			"; the trend detector, testing the week against the 12 weeks before it, raised no alert on NPS: it found no change against that baseline of 5 points or more, the least it alerts on"},
	} {
		a := &analytics{metricsTested: tested, alerts: tt.alerts}
		if got := r.baselineWords(a, "nps", week, tt.beyond, tt.change, fig); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// within the two weeks' noise, the detector's silence adds nothing
	if got := r.baselineWords(&analytics{metricsTested: tested}, "nps", week, false, -12, fig); got != "" {
		t.Errorf("no alert, within noise: %q, want nothing said of the detector", got)
	}
	for name, a := range map[string]*analytics{
		"CSAT alerted, NPS not tested": {alerts: []trend.Alert{{Kind: trend.KindShift, Metric: trend.MetricCSAT, PeriodStart: week}}},
		"the level test not made": {metricsTested: tested,
			metricsNotTested: []trend.MetricNotTested{{PeriodStart: week, Metric: trend.MetricNPS, Test: "level"}}},
	} {
		if got := r.baselineWords(a, "nps", week, true, -12, fig); got != "" {
			t.Errorf("%s: %q, want nothing said of the detector", name, got)
		}
	}
}

// TestBaselineWordsAboveAfterAFall: the QA pass's warehouse in small (QA
// pass BE, qa/nps2_surveys.csv): twelve weeks of NPS 0 (30 promoters, 30
// detractors of 60), a week of 70 (51 promoters), then one of 60 (48): NPS
// fell 10 points within the two weeks' noise, while the week is far above
// the 12 before it (pooled, 70 / 12 = 5.8, which the sentence gives as 6).
// The page said the detector "raised an alert on NPS too". CSAT alike, its
// alert's figures shares, written as percentages: 50% satisfied, then 85%
// and 80% (pooled before, (11 x 50 + 85) / 12 = 52.9%).
func TestBaselineWordsAboveAfterAFall(t *testing.T) {
	var stmts []string
	for w := range 14 {
		monday := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*w).Format(time.DateOnly)
		top := map[int]int{12: 51, 13: 48}[w]
		if top == 0 {
			top = 30
		}
		stmts = append(stmts, surveyWeek(string(rune('a'+w)), "svy", monday, "nps", 60, top, 10, 0),
			surveyWeek(string(rune('A'+w)), "svy", monday, "csat", 60, top, 5, 1))
	}
	summary := summaryOf(t, reportsOf(t, time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC), stmts...))
	pageHas(t, "executive.html summary", summary, []string{
		"NPS fell 10 points to 60 (95% CI",
		"the trend detector finds NPS above its level of the 12 weeks before (60 against 6",
		"CSAT fell 5.0 percentage points to 80.0% (95% CI",
		"the trend detector finds CSAT above its level of the 12 weeks before (80.0% against 52.9%",
	}, []string{"too", "raised an alert"})
}

// TestSciSignificantFigures: a p- or q-value of the tables has three
// significant figures at any size, as one written with its exponent: the
// weekly page's q 0.0014 read "0.001" beside p "1.51e-05" (QA pass BB).
func TestSciSignificantFigures(t *testing.T) {
	for p, want := range map[float64]string{0.0014: "0.00140", 0.00142: "0.00142", 0.0123: "0.0123", 0.5: "0.500", 1.51e-05: "1.51e-05", 0.04953: "0.0495"} {
		if got := trend.FormatP(p); got != want {
			t.Errorf("trend.FormatP(%g) = %q, want %q", p, got, want)
		}
	}
}

// TestLevelTestWords: an NPS or CSAT alert of kind shift is a z test of
// the period against its pooled baseline (trend's methodMetricLevel), no
// lasting shift: the weekly page's notes say what was tested (QA pass BB).
func TestLevelTestWords(t *testing.T) {
	const week = "2024-03-25"
	ss := &trend.SurveySources{Compared: []string{"a"}, LeftOut: []string{"b"}}
	an := &Analytics{Tests: 10, MetricsTested: []string{trend.MetricNPS, trend.MetricCSAT},
		Alerts: []trend.Alert{{Kind: trend.KindShift, Dimension: "all", Group: "all", PeriodStart: week, Metric: trend.MetricNPS,
			Observed: 10, Expected: 40, PValue: 0.001, QValue: 0.01, Method: "z test of the period against the pooled baseline (sampling variances)", SurveySources: ss}},
		SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "level", Source: "b", Reason: trend.ReasonNoBaseline, Responses: 40},
			{PeriodStart: week, Metric: trend.MetricCSAT, Test: "level", Source: "b", Reason: trend.ReasonNoBaseline, Responses: 40},
		},
	}
	alerts := html.UnescapeString(sectionOf(pageOf(t, writeAnalytics(t, an), "weekly.html"), "alerts"))
	pageHas(t, "weekly.html trend alerts", alerts, []string{
		"NPS alert of the week of 2024-03-25 (the week's level against the 12 weeks before it): the test compared a's answers only",
		"CSAT level test (the week against the 12 weeks before it) of the week of 2024-03-25 raised no alert",
	}, []string{"NPS shift", "(shift)"})
}
