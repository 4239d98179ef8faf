package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

// writeTrendsTable is the trends table of res.
func writeTrendsTable(t *testing.T, res trend.Result) string {
	t.Helper()
	var out strings.Builder
	if err := writeTrends(&env{stdout: &out, stderr: io.Discard}, res, "table", time.Time{}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestTrendsKeptTestNamesSources: a test the survey sources kept from
// being made said "1 answer of survey sources with a baseline of their
// own" and named none of the sources that answered: the QA pass's April
// 2018 of telA held 384 answers of tel-new (none before: no_baseline) and
// 1 of tel-old. The detector records the sources such a test set aside
// (survey_sources_left_out, with each one's answers of the month); the
// line names them, and the record is no "no alert" line of a test made.
func TestTrendsKeptTestNamesSources(t *testing.T) {
	const month = "2018-04-01"
	res := trend.Result{Period: trend.Month, AsOf: "2018-05-01", Tests: 1, MetricsTested: []string{"median_resolution_hours"},
		MetricsNotTested: []trend.MetricNotTested{
			{PeriodStart: month, Metric: trend.MetricNPS, Test: "level", Reason: trend.ReasonSurveySources, Responses: 1, MinResponses: 30},
			{PeriodStart: month, Metric: trend.MetricNPS, Test: "trend", Reason: trend.ReasonSurveySources, Responses: 1, MinResponses: 30},
		}, SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
			{PeriodStart: month, Metric: trend.MetricNPS, Test: "level", Source: "tel-new", Reason: trend.ReasonNoBaseline, Responses: 384},
			{PeriodStart: month, Metric: trend.MetricNPS, Test: "trend", Source: "tel-new", Reason: trend.ReasonNoBaseline, Responses: 384},
		}}
	out := writeTrendsTable(t, res)
	want := "nps level (shift) and trend (rising/falling) of the month of 2018-04-01 not tested within survey sources: " +
		"tel-new left out (none in the months before it; 384 answers this month); " +
		"1 answer of survey sources with a baseline of their own, a test needs 30 (a score is compared with the same survey source's answers only)\n"
	if !strings.Contains(out, want) {
		t.Errorf("trends table:\n%s\nwant the line %q", out, want)
	}
	if strings.Contains(out, "no alert") {
		t.Errorf("trends table:\n%s\nsays a test kept from being made raised no alert", out)
	}
}

// TestTrendsSourcesLineMerged: a week's NPS shift and rising that left
// out the same source for the same reason got two near-identical lines
// (QA); they are one, as a level test's and a line's "no alert" are.
// Alerts of other compared sources or reasons keep lines of their own.
func TestTrendsSourcesLineMerged(t *testing.T) {
	const week = "2024-03-25"
	ss := &trend.SurveySources{Compared: []string{"a"}, LeftOut: []string{"b"}}
	res := trend.Result{Period: trend.Week, AsOf: "2024-03-31", Tests: 4, Alerts: []trend.Alert{
		{Kind: trend.KindRising, Dimension: "all", Group: "all", PeriodStart: week, Metric: trend.MetricNPS, Since: "2024-01-01", SurveySources: ss},
		{Kind: trend.KindShift, Dimension: "all", Group: "all", PeriodStart: week, Metric: trend.MetricCSAT, SurveySources: ss},
		{Kind: trend.KindShift, Dimension: "all", Group: "all", PeriodStart: week, Metric: trend.MetricNPS, SurveySources: ss},
	}, SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
		{PeriodStart: week, Metric: trend.MetricNPS, Test: "level", Source: "b", Reason: trend.ReasonNoBaseline, Responses: 40},
		{PeriodStart: week, Metric: trend.MetricNPS, Test: "trend", Source: "b", Reason: trend.ReasonNoBaseline, Responses: 40},
		{PeriodStart: week, Metric: trend.MetricCSAT, Test: "level", Source: "b", Reason: trend.ReasonFewBaseline, Responses: 40},
	}}
	out := writeTrendsTable(t, res)
	for _, want := range []string{
		"nps shift and rising of the week of 2024-03-25 (rising since 2024-01-01): a only; b left out (none in the weeks before it): ",
		"csat shift of the week of 2024-03-25: a only; b left out (too few in the weeks before it for a test): ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trends table:\n%s\nwant the line %q", out, want)
		}
	}
	if n := strings.Count(out, "left out"); n != 2 {
		t.Errorf("trends table:\n%s\nsays \"left out\" %d times, want twice (nps once, csat once)", out, n)
	}
}
