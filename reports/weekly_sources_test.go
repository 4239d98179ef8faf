package reports

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

// surveyWeeks inserts, for each Monday from first on for n weeks, 40 CSAT
// answers of source src, top of them 5 and the rest 2 (surveyWeek); ids
// from prefix and the week's number.
func surveyWeeks(prefix, src, first string, n, top int) []string {
	start, err := time.Parse("2006-01-02", first)
	if err != nil {
		panic(err)
	}
	var out []string
	for w := range n {
		monday := start.AddDate(0, 0, 7*w).Format("2006-01-02")
		out = append(out, surveyWeek(prefix+monday+"-", src, monday, "csat", 40, top, 5, 2))
	}
	return out
}

// weeklyAlertsOf writes the reports of a warehouse of the surveys given,
// as of Sunday 2024-03-31 (the latest complete week 2024-03-25), and
// returns the weekly page's trend alerts section and its alerts in brief,
// unescaped.
func weeklyAlertsOf(t *testing.T, stmts ...string) (alerts, brief string) {
	t.Helper()
	dir := reportsOf(t, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), stmts...)
	page := html.UnescapeString(readPage(t, dir, "weekly.html"))
	alerts, brief = sectionOf(page, "alerts"), sectionOf(page, "alerts-summary")
	if alerts == "" || brief == "" {
		t.Fatalf("weekly.html lacks its trend alerts or their brief:\n%s", page)
	}
	return alerts, brief
}

// TestWeeklySurveySourcesLeftOut: the trend detector compares a score
// with the same survey source's answers only (metrics/trend, commits
// e5b4320, 3a13d8e, 3f18162) and records every source a test left out,
// and why (trend.Result.SurveySourcesLeftOut), and the tests the sources
// kept from being made (MetricsNotTested, Reason survey_sources). The QA
// pass's cs.duckdb has it-csat-2018 answered to 2019-08 and it-csat-2019
// from 2019-11, and its CSAT test of 2020-02 compared it-csat-2019's
// answers only. The weekly page said neither which sources an alert
// compared nor, where it found no CSAT change, that it-csat-2018 was left
// out of the test. Here, in the same shape by weeks: it-csat-2018 answers
// 40 a week from 2024-01-01 for 9 weeks (to 2024-02-26), it-csat-2019 40
// a week from 2024-02-05; the week judged, 2024-03-25, is it-csat-2019's
// only. The reasons are the detector's: no_responses for it-csat-2018.
func TestWeeklySurveySourcesLeftOut(t *testing.T) {
	old := surveyWeeks("a", "it-csat-2018", "2024-01-01", 9, 36) // 90%

	// it-csat-2019 at 75% (30 of 40) for 7 weeks, then 25% (10 of 40):
	// a CSAT shift against it-csat-2019's own baseline, it-csat-2018 left
	// out; the method is the detector's (of one source compared, its own
	// baseline pooled over the weeks before: no rewriting)
	fall := append(append(old, surveyWeeks("b", "it-csat-2019", "2024-02-05", 7, 30)...),
		surveyWeek("c", "it-csat-2019", "2024-03-25", "csat", 40, 10, 5, 2))
	alerts, brief := weeklyAlertsOf(t, fall...)
	row := rowWith(tableRows(alerts), "shift", "all (csat)")
	if row == "" {
		t.Fatalf("no CSAT shift on the weekly page; its alerts:\n%s", alerts)
	}
	if !strings.Contains(row, "z test of the period against the pooled baseline (sampling variances)") {
		t.Errorf("CSAT shift row = %q, want the detector's method as it gives it", row)
	}
	note := "CSAT alert of the week of 2024-03-25 (the week's level against the 12 weeks before it): the test compared it-csat-2019's answers only, and left out it-csat-2018 (no answers in the week): " +
		"a score is compared with the same survey source's answers only, so a change of instrument is not read as a change of score."
	pageHas(t, "weekly.html trend alerts", alerts, []string{note,
		// the trend line, made without an alert, left it out too
		"CSAT trend test (rising/falling) of the week of 2024-03-25 raised no alert, and left out it-csat-2018 (no answers in the week); " +
			"a score is compared with the same survey source's answers only, so its \"no change\" says nothing of it-csat-2018.",
	}, nil)
	pageHas(t, "weekly.html alerts in brief", brief, []string{note}, nil)

	// it-csat-2019 at 75% throughout: no CSAT alert, and both tests left
	// it-csat-2018 out; unsaid, "no CSAT changed" read as of every
	// source's
	same := append(old, surveyWeeks("b", "it-csat-2019", "2024-02-05", 8, 30)...)
	alerts, _ = weeklyAlertsOf(t, same...)
	pageHas(t, "weekly.html trend alerts (no CSAT change)", alerts, []string{
		// surveys alone: no count nor share was tested (a QA pass: the
		// page said "no count, share or CSAT changed")
		"No alert: no CSAT changed beyond what the baselines expect.",
		"CSAT level test (the week against the 12 weeks before it) and trend test (rising/falling) of the week of 2024-03-25 raised no alert, and left out it-csat-2018 (no answers in the week); " +
			"a score is compared with the same survey source's answers only, so their \"no change\" says nothing of it-csat-2018.",
	}, []string{"(csat)"})

	// it-csat-2019's first week is the one judged, 40 answers: no source
	// with answers in it has a baseline of its own, so CSAT got neither
	// test (the detector's record: 0 answers of sources with a baseline,
	// 30 needed, metrics.MinTestResponses), naming the sources set aside
	// and why; "too few survey answers" alone read as a week of few
	// answers
	alerts, _ = weeklyAlertsOf(t, append(surveyWeeks("a", "it-csat-2018", "2024-01-01", 12, 36),
		surveyWeek("c", "it-csat-2019", "2024-03-25", "csat", 40, 10, 5, 2))...)
	pageHas(t, "weekly.html trend alerts (CSAT not tested)", alerts, []string{
		"NPS and resolution time could not be tested: too few survey answers",
		"CSAT could not be tested within survey sources: see the notes below.",
		"CSAT of the week of 2024-03-25 not tested within survey sources: it-csat-2018 (no answers in the week) and it-csat-2019 (no answers in the 12 weeks before it; 40 answers this week) left out; " +
			"0 answers of survey sources with 30 or more of their own in the 12 weeks before it, a test needs 30 " +
			"(a score is compared with the same survey source's answers only, so a new instrument's answers are not compared with an old one's).",
	}, []string{"CSAT, NPS", "CSAT trend test"})

	// it-csat-2018 answers every week at 90%; it-csat-2019's pilot of 10
	// answers in 2024-03-18 (under the 30 a baseline needs) and
	// it-csat-2020's first answers are in the week judged, both at 25%:
	// the tests compare it-csat-2018 alone, no change, and say why the
	// others were left out (few_baseline, no_baseline)
	alerts, _ = weeklyAlertsOf(t, append(surveyWeeks("a", "it-csat-2018", "2024-01-01", 13, 36),
		surveyWeek("b", "it-csat-2019", "2024-03-18", "csat", 10, 2, 5, 2), surveyWeek("c", "it-csat-2019", "2024-03-25", "csat", 40, 10, 5, 2),
		surveyWeek("d", "it-csat-2020", "2024-03-25", "csat", 40, 10, 5, 2))...)
	pageHas(t, "weekly.html trend alerts (CSAT, pilot and new source)", alerts, []string{
		"CSAT level test (the week against the 12 weeks before it) and trend test (rising/falling) of the week of 2024-03-25 raised no alert, and left out " +
			"it-csat-2019 (fewer than 30 answers in the 12 weeks before it) and it-csat-2020 (no answers in the 12 weeks before it); " +
			"a score is compared with the same survey source's answers only, so their \"no change\" says nothing of it-csat-2019 and it-csat-2020.",
	}, []string{"(csat)"})
}

// TestWeeklySurveySourcesRecord: the notes follow the detector's record
// as passed in (Options.Analytics): an NPS falling alert gets its trend
// test's reasons, not its level test's; the level test, without an
// alert, its own note; a reason the page does not know a general
// wording; a trend line the sources kept from being made, with its level
// test made, says so; a hostile source name is shown escaped.
func TestWeeklySurveySourcesRecord(t *testing.T) {
	const week = "2024-03-25"
	an := &Analytics{Tests: 10, MetricsTested: []string{trend.MetricNPS, trend.MetricCSAT},
		Alerts: []trend.Alert{{Kind: trend.KindFalling, Dimension: "all", Group: "all", PeriodStart: week, Since: "2024-01-01", Metric: trend.MetricNPS,
			Observed: 10, Expected: 40, PValue: 0.001, QValue: 0.01, Method: "test",
			SurveySources: &trend.SurveySources{Compared: []string{"nps-a", "nps-b"}, LeftOut: []string{"nps-old", hostile}}}},
		SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "level", Source: "nps-old", Reason: trend.ReasonFewBaseline},
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "trend", Source: "nps-old", Reason: trend.ReasonNoResponses},
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "trend", Source: hostile, Reason: "something_new"},
		},
		MetricsNotTested: []trend.MetricNotTested{
			{PeriodStart: week, Metric: trend.MetricCSAT, Test: "trend", Reason: trend.ReasonSurveySources, Responses: 45, MinResponses: 30},
		},
	}
	page := pageOf(t, writeAnalytics(t, an), "weekly.html")
	if strings.Contains(page, hostile) {
		t.Errorf("weekly.html shows the hostile survey source unescaped")
	}
	alerts := html.UnescapeString(sectionOf(page, "alerts"))
	brief := html.UnescapeString(sectionOf(page, "alerts-summary"))
	note := "NPS alert of the week of 2024-03-25 (a falling trend line): the test compared the answers of nps-a and nps-b only, and left out nps-old (no answers in the week) and " +
		shownLabel(hostile) + " (no answers of its own to compare with)"
	pageHas(t, "weekly.html trend alerts", alerts, []string{note,
		"NPS level test (the week against the 12 weeks before it) of the week of 2024-03-25 raised no alert, and left out nps-old (fewer than 30 answers in the 12 weeks before it); " +
			"a score is compared with the same survey source's answers only, so its \"no change\" says nothing of nps-old.",
		"CSAT trend test (rising/falling) of the week of 2024-03-25 not tested within survey sources: fewer than 4 weeks of 30 or more answers of the compared survey sources, from the first week they all answered",
	}, nil)
	pageHas(t, "weekly.html alerts in brief", brief, []string{note}, []string{"raised no alert", "not tested within"})
}
