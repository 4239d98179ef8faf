package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/metrics/trend"
)

// csatWarehouse is a warehouse of CSAT answers: for each of rows (source,
// first and last week from 2024-01-01, answers a week, how many of them
// top-2), answers of 5 and 2 on weekdays; its trends are read as of
// 2024-03-31 (week 12, 2024-03-25, judged).
func csatWarehouse(t *testing.T, rows string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "s.duckdb")
	ctx := context.Background()
	w, err := warehouse.Open(ctx, db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ExecContext(ctx, `INSERT INTO surveys (response_id, source, responded_at, csat, ingest_run_id, row_hash)
		SELECT src || '-' || wk || '-' || i, src, TIMESTAMP '2024-01-01 10:00' + INTERVAL (7 * wk + i % 5) DAY,
			CASE WHEN i < top THEN 5 ELSE 2 END, 1, hash(src || '-' || wk || '-' || i)
		FROM (VALUES `+rows+`) s(src, w0, w1, n, top), range(w0, w1 + 1) g(wk), range(n) t(i)`); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// csatTrends is `complaints trends --metrics` of the weeks to 2024-03-31
// of csatWarehouse(rows).
func csatTrends(t *testing.T, rows string) string {
	t.Helper()
	out, _, err := runCLI(t, "--db", csatWarehouse(t, rows), "trends", "--period", "week", "--metrics", "--as-of", "2024-03-31")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTrendsSurveySourcesLeftOutNoAlert: a tested metric whose tests left
// survey sources out and raised no alert got no line, and "0 alerts" read
// as every source's answers judged unchanged; the reasons are the
// detector's (trend.Result.SurveySourcesLeftOut). it-csat-2018 40 a week
// at 90% for weeks 0-8, it-csat-2019 40 a week at 75% from week 5 on: the
// week judged is it-csat-2019's only (no_responses for it-csat-2018).
// Then it-csat-2018 every week at 90%, it-csat-2019 a pilot of 10 answers
// in week 11 (few_baseline: under the 30 a test needs) and it-csat-2020
// from week 12 (no_baseline), both at 25%: tested on it-csat-2018 alone.
func TestTrendsSurveySourcesLeftOutNoAlert(t *testing.T) {
	out := csatTrends(t, `('it-csat-2018', 0, 8, 40, 36), ('it-csat-2019', 5, 12, 40, 30)`)
	want := "csat level (shift) and trend (rising/falling) of the week of 2024-03-25, no alert: it-csat-2018 left out (no answers in the week): " +
		"a score is compared with the same survey source's answers only, so finding no change says nothing of the sources left out"
	if !strings.Contains(out, "0 alerts") || !strings.Contains(out, want) {
		t.Errorf("trends table:\n%s\nwant 0 alerts and the line %q", out, want)
	}

	out = csatTrends(t, `('it-csat-2018', 0, 12, 40, 36), ('it-csat-2019', 11, 11, 10, 2), ('it-csat-2019', 12, 12, 40, 10), ('it-csat-2020', 12, 12, 40, 10)`)
	want = "csat level (shift) and trend (rising/falling) of the week of 2024-03-25, no alert: " +
		"it-csat-2019 (too few in the weeks before it for a test), it-csat-2020 (none in the weeks before it) left out: "
	if !strings.Contains(out, "0 alerts") || !strings.Contains(out, want) {
		t.Errorf("trends table:\n%s\nwant 0 alerts and the line %q", out, want)
	}
}

// TestTrendsSurveySourcesNotTested: a test the survey sources kept from
// being made (trend.ReasonSurveySources) printed as of an incomplete week
// ("... of the incomplete week ... a trend line goes through complete
// weeks only"), of a complete week, and its metric among those of too
// few survey answers. it-csat-2018 40 a week for weeks
// 0-11, it-csat-2019's first 40 answers in week 12, judged: no source of
// the week has a baseline of its own (0 answers of such sources, 30
// needed: metrics.MinTestResponses); the line names both sources and why
// each was set aside (the detector's record).
func TestTrendsSurveySourcesNotTested(t *testing.T) {
	out := csatTrends(t, `('it-csat-2018', 0, 11, 40, 36), ('it-csat-2019', 12, 12, 40, 10)`)
	want := "csat level (shift) and trend (rising/falling) of the week of 2024-03-25 not tested within survey sources: " +
		"it-csat-2018 (no answers in the week), it-csat-2019 (none in the weeks before it; 40 answers this week) left out; " +
		"0 answers of survey sources with a baseline of their own, a test needs 30 (a score is compared with the same survey source's answers only)"
	if !strings.Contains(out, want) || strings.Contains(out, "incomplete") {
		t.Errorf("trends table:\n%s\nwant the line %q, and no incomplete week", out, want)
	}
	// nor of too few survey answers: the week holds 40
	if want := "metrics not tested: nps, median_resolution_hours (too few"; !strings.Contains(out, want) {
		t.Errorf("trends table:\n%s\nwant %q, csat said apart", out, want)
	}
}

// TestTrendsSurveySourcesRecordLines: the lines follow the result's
// record: a falling alert takes its trend test's reasons; the level test
// of the same metric, without an alert, a line of its own, its unknown
// reason in a general wording; a trend line alone kept from being made
// says why; a test the sources kept from being made, in words that fit
// any cause, of one answer in the singular.
func TestTrendsSurveySourcesRecordLines(t *testing.T) {
	var out strings.Builder
	e := &env{stdout: &out, stderr: io.Discard}
	const month = "2020-02-01"
	res := trend.Result{Period: trend.Month, AsOf: "2020-03-09", Tests: 3, Alerts: []trend.Alert{
		{Kind: trend.KindFalling, Dimension: "all", Group: "all", PeriodStart: month, Metric: trend.MetricNPS, Since: "2019-11-01",
			SurveySources: &trend.SurveySources{Compared: []string{"a"}, LeftOut: []string{"b", "c"}}},
	}, SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
		{PeriodStart: month, Metric: trend.MetricNPS, Test: "level", Source: "b", Reason: "something_new"},
		{PeriodStart: month, Metric: trend.MetricNPS, Test: "trend", Source: "b", Reason: trend.ReasonNoResponses},
		{PeriodStart: month, Metric: trend.MetricNPS, Test: "trend", Source: "c", Reason: trend.ReasonNoBaseline},
	}, MetricsNotTested: []trend.MetricNotTested{
		{PeriodStart: month, Metric: trend.MetricCSAT, Test: "trend", Reason: trend.ReasonSurveySources, Responses: 45, MinResponses: 30},
		{PeriodStart: "2020-03-01", Metric: trend.MetricNPS, Test: "level", Reason: trend.ReasonSurveySources, Responses: 1, MinResponses: 30},
	}}
	if err := writeTrends(e, res, "table", time.Time{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"nps falling of the month of 2020-02-01 (since 2019-11-01): a only; b (no answers in the month), c (none in the months before it) left out: ",
		"nps level (shift) of the month of 2020-02-01, no alert: b left out (no answers of its own to compare with): ",
		"csat trend (rising/falling) of the month of 2020-02-01 not tested within survey sources: fewer than 4 months of 30 or more answers of the compared survey sources, from the first month they all answered",
		// one answer, not "1 answers" (a QA pass)
		"nps level (shift) of the month of 2020-03-01 not tested within survey sources: 1 answer of survey sources with a baseline of their own, a test needs 30",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("trends table:\n%s\nwant the line %q", out.String(), want)
		}
	}
}
