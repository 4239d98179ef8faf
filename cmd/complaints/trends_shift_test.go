package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

// TestTrendsTableShiftFigures: a shift's observed and expected are a
// period's on average since its start, and the table said neither that
// nor the start (the QA pass's week 8: "shift topic credit_reporting
// 340.667 215.002", the mean of 253, 488 and 281 since 2019-03-25, beside
// "spike ... 281", the week's). Its last column says what each alert's
// figures are: a spike's the week's count, a shift's "since 2019-03-25,
// average per week", one the run of the week before raised too
// "continuing since ..."; and an alert whose topics moved with the share
// of complaints classified from a narrative says so under the table.
func TestTrendsTableShiftFigures(t *testing.T) {
	r := func(x float64) *float64 { return &x }
	res := trend.Result{Period: trend.Week, AsOf: "2019-04-14", Alerts: []trend.Alert{
		{Kind: trend.KindSpike, Dimension: "topic", Group: "credit_reporting", PeriodStart: "2019-04-08", Observed: 281, Expected: 176, Ratio: r(1.597),
			Evidence: []string{"3204377"}},
		{Kind: trend.KindShift, Dimension: "topic", Group: "credit_reporting", PeriodStart: "2019-04-08", Observed: 340.667, Expected: 215.002, Ratio: r(1.584),
			Evidence: []string{"3189409"}, Since: "2019-03-25",
			TextCoverage: &trend.TextCoverage{Share: 0.029, Classified: 2000, BaselineShare: 0.576, BaselineClassified: 1573, BaselineFrom: "2017-04-10", PValue: 1e-290}},
		{Kind: trend.KindShift, Dimension: "topic", Group: "other", PeriodStart: "2019-04-08", Observed: 0.2, Expected: 11.5, Ratio: r(0.017),
			Evidence: []string{}, Since: "2019-03-11", Continuing: true},
	}}
	var out strings.Builder
	if err := writeTrends(&env{stdout: &out, stderr: io.Discard}, res, "table", time.Time{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if !strings.HasSuffix(strings.TrimSpace(lines[0]), "evidence  figures") {
		t.Errorf("header = %q, want it to end with a figures column", lines[0])
	}
	for i, want := range []string{
		"the week's count",
		"since 2019-03-25, average per week",
		"continuing since 2019-03-11 (raised the week before too), average per week",
	} {
		if !strings.HasSuffix(strings.TrimSpace(lines[i+1]), want) {
			t.Errorf("row %d = %q, want it to end with %q", i+1, lines[i+1], want)
		}
	}
	if !strings.Contains(out.String(), "topic credit_reporting shift of the week of 2019-04-08 (since 2019-03-25): narrative coverage 2.9% against 57.6% before") {
		t.Errorf("table output lacks the text coverage caveat:\n%s", out.String())
	}
}

// TestTrendsTableMetricsUntested: with --metrics, the table says which
// metrics got no test (JSON's metrics_tested names those that did): "0
// alerts" read as the scores judged unchanged.
func TestTrendsTableMetricsUntested(t *testing.T) {
	for _, tt := range []struct {
		tested []string
		want   string // "" for no line
	}{
		{nil, ""}, // no --metrics
		{[]string{}, "metrics not tested: nps, csat, median_resolution_hours (too few survey answers or resolution times in the periods judged)"},
		{[]string{"median_resolution_hours"}, "metrics not tested: nps, csat (too few"},
		{[]string{"nps", "csat", "median_resolution_hours"}, ""},
	} {
		var out strings.Builder
		res := trend.Result{Period: trend.Week, AsOf: "2019-04-14", Alerts: []trend.Alert{}, Tests: 3, MetricsTested: tt.tested}
		if err := writeTrends(&env{stdout: &out, stderr: io.Discard}, res, "table", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(out.String(), "metrics not tested"); has != (tt.want != "") || tt.want != "" && !strings.Contains(out.String(), tt.want) {
			t.Errorf("tested %v: %q, want %q", tt.tested, out.String(), tt.want)
		}
	}
}
