package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

// TestTrendsSurveySourcesShown: metrics/trend compares NPS and CSAT
// within survey sources (commit e5b4320) and an alert names those its
// test compared and left out (survey_sources in JSON), which the table
// did not say. The QA pass's cs.duckdb, by weeks here: it-csat-2018 40
// CSAT answers a week, 36 of them top-2 (90%), for the 9 weeks from
// 2024-01-01 (weeks 0-8); it-csat-2019 40 a week, 30 top-2 (75%), from
// 2024-02-05 (weeks 5-11), then 10 (25%) in the week judged, 2024-03-25
// (week 12), which it-csat-2018 did not answer: a CSAT shift of
// it-csat-2019's answers against its own, it-csat-2018 left out.
func TestTrendsSurveySourcesShown(t *testing.T) {
	out := csatTrends(t, `('it-csat-2018', 0, 8, 40, 36), ('it-csat-2019', 5, 11, 40, 30), ('it-csat-2019', 12, 12, 40, 10)`)
	if !strings.Contains(out, "shift  all        all    csat") {
		t.Fatalf("no CSAT shift in the table:\n%s", out)
	}
	want := "csat shift of the week of 2024-03-25: it-csat-2019 only; it-csat-2018 left out (no answers in the week): " +
		"a score is compared with the same survey source's answers only"
	if !strings.Contains(out, want) {
		t.Errorf("trends table:\n%s\nwant the line %q", out, want)
	}
}

// TestTrendsSurveySourcesLine: a trend line's test leaves out the
// sources without answers in the period judged (the result's record says
// why); one comparing two sources
// and leaving none out, or one source's alert (no SurveySources), gets no
// line.
func TestTrendsSurveySourcesLine(t *testing.T) {
	var out strings.Builder
	e := &env{stdout: &out, stderr: io.Discard}
	res := trend.Result{Period: trend.Month, AsOf: "2020-03-09", Tests: 3, Alerts: []trend.Alert{
		{Kind: trend.KindFalling, Dimension: "all", Group: "all", PeriodStart: "2020-02-01", Metric: trend.MetricCSAT, Since: "2019-11-01",
			SurveySources: &trend.SurveySources{Compared: []string{"it-csat-2019"}, LeftOut: []string{"it-csat-2018"}}},
		{Kind: trend.KindShift, Dimension: "all", Group: "all", PeriodStart: "2020-02-01", Metric: trend.MetricNPS,
			SurveySources: &trend.SurveySources{Compared: []string{"a", "b"}}},
		{Kind: trend.KindShift, Dimension: "all", Group: "all", PeriodStart: "2020-02-01", Metric: trend.MetricCSAT},
	}, SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
		{PeriodStart: "2020-02-01", Metric: trend.MetricCSAT, Test: "trend", Source: "it-csat-2018", Reason: trend.ReasonNoResponses},
	}}
	if err := writeTrends(e, res, "table", time.Time{}); err != nil {
		t.Fatal(err)
	}
	want := "csat falling of the month of 2020-02-01 (since 2019-11-01): it-csat-2019 only; it-csat-2018 left out (no answers in the month): "
	if !strings.Contains(out.String(), want) {
		t.Errorf("trends table:\n%s\nwant the line %q", out.String(), want)
	}
	if n := strings.Count(out.String(), "left out"); n != 1 {
		t.Errorf("trends table:\n%s\nsays \"left out\" %d times, want once (the falling CSAT's)", out.String(), n)
	}
}
