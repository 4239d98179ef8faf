package reports

// The executive summary as a customer-experience director read it over 18
// months of data (QA pass CE): a change beyond noise but under the trend
// detector's floor told as no change, a baseline of 9 months called "the
// 12 months before", "down 0%", an estimate on its interval's edge, and a
// trend line's window start read as when the fall began.

import (
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

// TestChangeBelowDetectorFloor: the trend detector alerts on NPS and CSAT
// only on a change of 5 points (trend.MinNPSChange, MinCSATChange) whatever
// its p-value, and the page says so. CSAT 80.0% then 76.8% of 2,000
// answers each: pooled z-test z = 0.032 / sqrt(0.784 x 0.216 x 2/2000) =
// 2.46, p = 0.014 (python3 math.erfc(2.46/sqrt(2))), beyond noise, a
// change of 3.2 percentage points, under the floor; with no alert the
// detector "found no change against that baseline", which the floor makes
// false of a change p 0.0013 (QA pass CE: a sustained drop 80% to 76%).
func TestChangeBelowDetectorFloor(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "svy", "2024-03-04", "csat", 2000, 1600, 5, 2), surveyWeek("b", "svy", "2024-03-11", "csat", 2000, 1536, 5, 2))
	pageHas(t, "executive.html summary", summaryOf(t, dir), []string{
		"CSAT fell 3.2 percentage points to 76.8% (95% CI ",
		"in the week of 2024-03-11: against the week before alone, beyond the two weeks' sampling noise (p = 0.014; one test, not corrected for the other tests made), but smaller than the 5 percentage points of change the trend detector alerts on",
	}, nil)
	// a change of the floor or more is not said to be under it: 80% to 74%
	dir = reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "svy", "2024-03-04", "csat", 2000, 1600, 5, 2), surveyWeek("b", "svy", "2024-03-11", "csat", 2000, 1480, 5, 2))
	pageHas(t, "executive.html summary", summaryOf(t, dir), []string{"CSAT fell 6.0 percentage points to 74.0%"}, []string{"alerts on"})
	r := &run{opt: Options{Period: "week"}}
	fig := func(x float64) string { return scoreNum(&x, 0) }
	a := &analytics{metricsTested: []string{trend.MetricNPS}}
	want := "; the trend detector, testing the week against the 12 weeks before it, raised no alert on NPS: it found no change against that baseline of 5 points or more, the least it alerts on"
	if got := r.baselineWords(a, "nps", "2025-03-31", true, -12, fig); got != want {
		t.Errorf("no alert:\n got %q\nwant %q", got, want)
	}
}

// TestBaselineMonthsUsed: a shift alert's baseline is the periods from its
// Since to the period judged, which at the start of the data are fewer
// than 12: QA pass CE, as of 2025-10-31 with data from 2025-01, read "NPS
// below its level of the 12 months before (3 against 21)" of a baseline of
// 9 months (trends JSON: since 2025-01-01, period 2025-10-01). Without an
// alert, the baseline counts from the first data likewise.
func TestBaselineMonthsUsed(t *testing.T) {
	r := &run{opt: Options{Period: "month"}, earliest: time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)}
	fig := func(x float64) string { return scoreNum(&x, 0) }
	below := trend.Alert{Kind: trend.KindShift, Metric: trend.MetricNPS, PeriodStart: "2025-10-01", Since: "2025-01-01", Observed: 2.714, Expected: 21.034}
	a := &analytics{metricsTested: []string{trend.MetricNPS}, alerts: []trend.Alert{below}}
	want := "; the trend detector too finds NPS below its level of the 9 months before (3 against 21; the quality report lists it)"
	if got := r.baselineWords(a, "nps", "2025-10-01", true, -20, fig); got != want {
		t.Errorf("shift alert:\n got %q\nwant %q", got, want)
	}
	a = &analytics{metricsTested: []string{trend.MetricNPS}}
	if got := r.baselineWords(a, "nps", "2025-10-01", true, -20, fig); !strings.Contains(got, "testing the month against the 9 months before it") {
		t.Errorf("no alert: %q, want the 9 months before", got)
	}
	// a full baseline is still 12
	r.earliest = time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)
	if got := r.baselineWords(a, "nps", "2025-10-01", true, -20, fig); !strings.Contains(got, "the 12 months before it") {
		t.Errorf("no alert, two years of data: %q, want the 12 months before", got)
	}
}

// TestTrendLineWindowWords: a trend alert's Since is the start of the
// line's window, not when the change began: QA pass CE, as of 2026-06-15,
// read "CSAT on a falling trend line since the month of 2025-05" of a
// step in 2026-01 (trends JSON: falling, since 2025-05-01, period
// 2026-05-01, observed 0.718, expected 0.796). 2025-05 to 2026-05 is 13
// months.
func TestTrendLineWindowWords(t *testing.T) {
	r := &run{opt: Options{Period: "month"}}
	fig := func(x float64) string { x *= 100; return scoreNum(&x, 1) + "%" }
	falling := trend.Alert{Kind: trend.KindFalling, Metric: trend.MetricCSAT, PeriodStart: "2026-05-01", Since: "2025-05-01", Observed: 0.718, Expected: 0.796}
	a := &analytics{metricsTested: []string{trend.MetricCSAT}, alerts: []trend.Alert{falling}}
	got := r.baselineWords(a, "csat", "2026-05-01", false, -0.2, fig)
	want := "; the trend detector finds CSAT on a falling trend line fitted over the 13 months 2025-05 to 2026-05 (71.8% at the line's end against a baseline of 79.6%; the quality report lists it)"
	if got != want {
		t.Errorf("trend alert:\n got %q\nwant %q", got, want)
	}
}

// TestVolumeChangeUnderHalfPercent: "3,380 complaints ... down 0% from
// 3,390" (QA pass CE, 2025-10-31): a change that rounds to 0% is "about
// the same as" the period before, with its share to one significant digit
// (10 / 3,390 = 0.295%).
func TestVolumeChangeUnderHalfPercent(t *testing.T) {
	r := &run{opt: Options{Period: "month"}}
	vol := &result{cols: []string{"period", "complaints", "read for sentiment", "negative", "negative %", "not english", "undetermined", "unclassified"}}
	row := func(month int, n float64) []any {
		return []any{time.Date(2025, time.Month(month), 1, 0, 0, 0, 0, time.UTC), n, n, 0.0, 0.0, 0.0, 0.0, 0.0}
	}
	vol.rows = [][]any{row(9, 3390), row(10, 3380)}
	got := r.volumeSummary(vol)[0]
	want := "3,380 complaints were received in the month of 2025-10, about the same as the 3,390 the month before (down 0.3%)."
	if got != want {
		t.Errorf("volume:\n got %q\nwant %q", got, want)
	}
	vol.rows = [][]any{row(9, 3339), row(10, 3384)} // +1.35%: as before
	if got := r.volumeSummary(vol)[0]; !strings.HasSuffix(got, ", up 1% from 3,339 the month before.") {
		t.Errorf("volume +1.3%%: %q", got)
	}
}

// TestEstimateOffItsIntervalEdge: NPS 19.56 with a 95% interval of 18.73
// to 20.40 (QA pass CE, the 10 months to 2025-10-31) read "NPS was 20 (95%
// CI 19 to 20)": in whole points the estimate sits on its interval's
// edge. Where the whole-point interval would touch the estimate, the
// sentence gives the table's one decimal to both.
func TestEstimateOffItsIntervalEdge(t *testing.T) {
	row := &metrics.Row{PeriodStart: "2025-03-31", Dimension: "all", Group: "all", NPS: fptr(19.56), NPSN: 20291, NPSCILow: fptr(18.73), NPSCIHigh: fptr(20.40)}
	got := sentence("nps", []*metrics.Row{row})
	want := "NPS was 19.6 (95% CI 18.7 to 20.4, 20,291 responses) in the week of 2025-03-31."
	if got != want {
		t.Errorf("sentence:\n got %q\nwant %q", got, want)
	}
	// an interval clear of the estimate keeps whole points: 25 (4 to 46)
	row = &metrics.Row{PeriodStart: "2025-03-31", Dimension: "all", Group: "all", NPS: fptr(25), NPSN: 80, NPSCILow: fptr(3.8), NPSCIHigh: fptr(46.2)}
	if got := sentence("nps", []*metrics.Row{row}); !strings.Contains(got, "NPS was 25 (95% CI 4 to 46, 80 responses)") {
		t.Errorf("sentence: %q, want whole points", got)
	}
}
