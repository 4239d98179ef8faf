package reports

// The executive and weekly pages' figures as a board pack reads them: an
// exploratory QA pass (an executive; NPS and CSAT over several survey
// vendors) recomputed every figure and found them right, but shown so that
// they misled: a p-value rounded across the threshold its words judge it
// by, summary figures that disagreed with the table below them, changes
// from a period of one response called rises, CSAT alerts as fractions of
// one decimal, survey sources pooled without a word, and "no survey
// responses were loaded" of a warehouse that held 4,871.

import (
	"context"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

// sideOf reads a probability as a page shows it ("0.0499", "= 0.05",
// "< 0.05", "4.20e-04") and reports whether it reads as below 0.05.
func sideOf(t *testing.T, shown string) bool {
	t.Helper()
	s := strings.TrimPrefix(strings.TrimPrefix(shown, "= "), "< ")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is no probability", shown)
	}
	if strings.HasPrefix(shown, "< ") {
		return v <= 0.05 // "< 0.05", "< 0.001", "< 1e-300"
	}
	return v < 0.05
}

// TestProbabilitySameSide: a p- or q-value is never shown on the other
// side of 0.05 than it is. The edge warehouse's NPS change of the week of
// 2025-03-10 had p = 0.04986, which the summary wrote "beyond the two
// weeks' sampling noise (p = 0.05)", and the weekly page's alert q
// 0.04953 read "0.050" (QA pass).
func TestProbabilitySameSide(t *testing.T) {
	if got := pValue(0.04986); got != "p = 0.0499" {
		t.Errorf("pValue(0.04986) = %q, want p = 0.0499", got)
	}
	// the weekly page's q 0.04953 (bp/ JSON) read "0.050"
	if got := trend.FormatP(0.04953); got != "0.0495" {
		t.Errorf("trend.FormatP(0.04953) = %q, want 0.0495", got)
	}
	// figures far from 0.05 are written as before
	for p, want := range map[float64]string{0.012: "p = 0.012", 0.51: "p = 0.51", 0.081: "p = 0.081", 0.0009: "p < 0.001", 0.05: "p = 0.05", 0.0504: "p = 0.05"} {
		if got := pValue(p); got != want {
			t.Errorf("pValue(%g) = %q, want %q", p, got, want)
		}
	}
	// the tables' three significant figures (TestSciSignificantFigures)
	for p, want := range map[float64]string{0.5: "0.500", 0.0123: "0.0123", 0.00042: "4.20e-04", 0: "< 1e-300", 0.0504: "0.0504"} {
		if got := trend.FormatP(p); got != want {
			t.Errorf("trend.FormatP(%g) = %q, want %q", p, got, want)
		}
	}
	ps := []float64{math.Nextafter(0.05, 0), 0.0499999999, 0.04999999}
	for i := 0; i <= 20000; i++ {
		ps = append(ps, 0.04+float64(i)*1e-6)
	}
	for _, p := range ps {
		for name, shown := range map[string]string{"pValue": strings.TrimPrefix(pValue(p), "p "), "sci": trend.FormatP(p)} {
			if sideOf(t, shown) != (p < 0.05) {
				t.Errorf("%s(%.12g) = %q reads on the other side of 0.05", name, p, shown)
			}
		}
	}
}

// surveyWeek inserts n responses of source src from Monday monday on,
// the first top of them with the score hi and the rest lo, in column col
// (nps or csat); ids from prefix.
func surveyWeek(prefix, src, monday, col string, n, top, hi, lo int) string {
	return fmt.Sprintf(`INSERT INTO surveys (response_id, source, responded_at, %[4]s, ingest_run_id, row_hash)
		SELECT '%[1]s' || i, '%[2]s', TIMESTAMP '%[3]s 10:00' + (i %% 5) * INTERVAL 1 DAY,
			CASE WHEN i < %[6]d THEN %[7]d ELSE %[8]d END, 1, hash('%[1]s' || i)
		FROM range(%[5]d) t(i)`, prefix, src, monday, col, n, top, hi, lo)
}

// summaryOf is the executive summary of the reports in dir, unescaped.
func summaryOf(t *testing.T, dir string) string {
	t.Helper()
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	s := sectionOf(page, "summary")
	if s == "" {
		t.Fatal("executive.html has no summary")
	}
	return s
}

// TestSummaryPValueBeyond: the summary's p-value agrees with its word. CSAT
// 5 of 34 then 12 of 34 (pooled z-test, python3 math.erfc: p = 0.04994998):
// it read "beyond the two weeks' sampling noise (p = 0.05)".
func TestSummaryPValueBeyond(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "svy", "2024-03-04", "csat", 34, 5, 5, 2), surveyWeek("b", "svy", "2024-03-11", "csat", 34, 12, 5, 2))
	pageHas(t, "executive.html summary", summaryOf(t, dir), []string{"beyond the two weeks' sampling noise (p = 0.0499;", "CSAT rose 20.6 percentage points to 35.3%"},
		[]string{"(p = 0.05)"})
}

// npsWindow is a window of two weeks' NPS rows, (before, n before) and
// (after, n after), with intervals of +-10.
func npsWindow(before float64, nb int64, after float64, na int64) []*metrics.Row {
	row := func(start string, v float64, n int64) *metrics.Row {
		return &metrics.Row{PeriodStart: start, Dimension: "all", Group: "all", NPS: fptr(v), NPSN: n, NPSCILow: fptr(v - 10), NPSCIHigh: fptr(v + 10)}
	}
	return []*metrics.Row{row("2025-03-24", before, nb), row("2025-03-31", after, na)}
}

func csatWindow(before float64, nb int64, after float64, na int64) []*metrics.Row {
	row := func(start string, v float64, n int64) *metrics.Row {
		return &metrics.Row{PeriodStart: start, Dimension: "all", Group: "all", CSAT: fptr(v), CSATN: n, CSATCILow: fptr(v / 2), CSATCIHigh: fptr((1 + v) / 2)}
	}
	return []*metrics.Row{row("2025-03-24", before, nb), row("2025-03-31", after, na)}
}

// described names a window's scores and answers for a test's message.
func described(window []*metrics.Row) string {
	var parts []string
	for _, r := range window {
		if r.NPS != nil {
			parts = append(parts, fmt.Sprintf("NPS %g of %d", *r.NPS, r.NPSN))
		}
		if r.CSAT != nil {
			parts = append(parts, fmt.Sprintf("CSAT %g of %d", *r.CSAT, r.CSATN))
		}
	}
	return strings.Join(parts, " -> ")
}

// sentence is the executive summary's sentence on NPS (or CSAT) of window,
// as executive() writes it.
func sentence(metric string, window []*metrics.Row) string {
	r := &run{opt: Options{Period: "week"}}
	if metric == "csat" {
		return strings.Join(r.scoreSentence(nil, "CSAT", "csat", window, csatOf, "%", "percentage point", 1, nil), " ")
	}
	return strings.Join(r.scoreSentence(nil, "NPS", "nps", window, npsOf, "", "point", 0, nil), " ")
}

// TestSummaryAgreesWithTable: the summary's figures are the table's (one
// decimal) rounded as a reader rounds them, half away from zero, and the
// change is the difference of the table's figures so rounded: the edge
// warehouse's summaries read "rose 28 points to -0" (NPS -0.25, the table
// then -0.2, now -0.3), "rose 0 points to 0" (+0.25), "rose 12 points
// to 12" (the table 12.5), "rose 2 points" (+2.5) and "fell 1 points" (QA
// pass, --as-of 2025-03-23 to 04-27). A change that rounds to nothing in whole points is given to
// the table's decimal.
func TestSummaryAgreesWithTable(t *testing.T) {
	for _, tt := range []struct {
		window       []*metrics.Row
		metric, want string
	}{
		{npsWindow(-28, 50, -0.25, 400), "nps", "NPS rose 28 points to 0 (95% CI -10 to 10, 400 responses)"},
		// the table's -0.3 (-0.25 half away from zero, as README says)
		{npsWindow(-0.25, 400, 0, 40), "nps", "NPS rose 0.3 points to 0.0 (95% CI -10.0 to 10.0, 40 responses)"},
		{npsWindow(0, 40, 12.5, 40), "nps", "NPS rose 13 points to 13 ("},
		{npsWindow(15, 40, 17.5, 40), "nps", "NPS rose 3 points to 18 ("},
		{npsWindow(17.5, 40, 16.5, 40), "nps", "NPS fell 1 point to 17 ("},
		{npsWindow(0, 40, 1, 100), "nps", "NPS rose 1 point to 1 ("},
		// bp/ by month: 7.6 then 21.2 in the table, 13.6 apart: rounded
		// alone 8 and 21, 13 apart, so the table's decimal
		{npsWindow(7.6, 225, 21.2, 198), "nps", "NPS rose 13.6 points to 21.2 ("},
		// -0.4 then 0.4 (a QA pass, 250 answers a week): it read "rose 1
		// point to 0"
		{npsWindow(-0.4, 250, 0.4, 250), "nps", "NPS rose 0.8 points to 0.4 ("},
		{npsWindow(12.5, 40, 12.5, 40), "nps", "NPS held at 13 ("},
		{npsWindow(-0.04, 40, -0.01, 40), "nps", "NPS held at 0 (95% CI -10 to 10, 40 responses)"},
		{csatWindow(0.5, 40, 0.51, 100), "csat", "CSAT rose 1.0 percentage points to 51.0% ("},
	} {
		if got := sentence(tt.metric, tt.window); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s %s:\n got %q\nwant %q...", tt.metric, described(tt.window), got, tt.want)
		}
	}
	// over a grid of values, no "-0", no "0 points" and no "1 points"
	for b := -2.0; b <= 2.0; b += 0.05 {
		for a := -2.0; a <= 2.0; a += 0.05 {
			for _, s := range []string{sentence("nps", npsWindow(b, 40, a, 40)), sentence("nps", npsWindow(10*b, 40, 10*a, 40))} {
				for _, bad := range []string{" -0 ", " -0.0 ", "-0)", "-0.0)", " 0 points", " 0.0 points", " 1 points"} {
					if strings.Contains(s, bad) {
						t.Errorf("NPS %.2f -> %.2f: %q has %q", b, a, s, bad)
					}
				}
			}
		}
	}
}

// TestSummaryFewResponses: a change from (or to) a period of fewer than
// metrics.MinTestResponses answers is not called a rise or a fall; the
// sentence gives the other period's figure and its responses. The QA pass
// read "CSAT rose 80.0 percentage points to 80.0% (..., 35 responses)",
// the month before 0% of 1 response (it/, by month), and "NPS rose 19
// points to 0 (95% CI 0 to 0, 1 response ...)" after -19.3 of 57 (bp/,
// 2025-09-14); the edge warehouse's 17.2 of 29 then 16.7 of 30 read "fell
// 1 points".
func TestSummaryFewResponses(t *testing.T) {
	for _, tt := range []struct {
		window       []*metrics.Row
		metric       string
		want, absent string
	}{
		{csatWindow(0, 1, 0.8, 35), "csat",
			"CSAT was 80.0% (95% CI 40.0% to 90.0%, 35 responses) in the week of 2025-03-31, against 0.0% (1 response) the week before; too few responses to tell whether it changed (a test needs 30 in each week).",
			"rose"},
		{npsWindow(-19.3, 57, 0, 1), "nps",
			"NPS was 0 (95% CI -10 to 10, 1 response, too few for this interval to hold) in the week of 2025-03-31, against -19 (57 responses) the week before; too few responses to tell whether it changed (a test needs 30 in each week).",
			"rose"},
		{npsWindow(17.24, 29, 16.67, 30), "nps",
			"NPS was 17 (95% CI 7 to 27, 30 responses) in the week of 2025-03-31, against 17 (29 responses) the week before; too few responses to tell whether it changed",
			"fell"},
		{npsWindow(100, 1, 100, 1), "nps",
			"NPS was 100 (95% CI 90 to 110, 1 response, too few for this interval to hold) in the week of 2025-03-31, against 100 (1 response) the week before;",
			"held"},
	} {
		got := sentence(tt.metric, tt.window)
		if got != tt.want && !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s %s:\n got %q\nwant %q", tt.metric, described(tt.window), got, tt.want)
		}
		if strings.Contains(got, tt.absent) {
			t.Errorf("%s: %q says %q", tt.metric, got, tt.absent)
		}
	}
	// 30 in each: a test is made, and a change is a rise or a fall
	if got := sentence("nps", npsWindow(0, 30, 10, 30)); !strings.HasPrefix(got, "NPS rose 10 points to 10 (") {
		t.Errorf("30 responses in each week: %q", got)
	}
}

// TestCSATFewResponsesMarked: a CSAT point of fewer than
// metrics.MinTestResponses answers is drawn hollow, as an NPS point is,
// and a note names its period; the summary does not call the change from
// it a rise (the QA pass's it/ warehouse by month: 0% of 1 response, then
// 80% of 35). One response of CSAT 1 in the week of 2024-03-04; 35 the
// week after, 28 of them 5.
func TestCSATFewResponsesMarked(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "svy", "2024-03-04", "csat", 1, 0, 5, 1), surveyWeek("b", "svy", "2024-03-11", "csat", 35, 28, 5, 2))
	page := strings.Replace(readPage(t, dir, "executive.html"), echartsJS, "", 1)
	opt := chartOption(t, page, "executive-csat")
	cats := opt["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
	data := opt["series"].([]any)[0].(map[string]any)["data"].([]any)
	want := map[string]string{"2024-03-04": fewSymbol, "2024-03-11": "circle"}
	for i, c := range cats {
		if w, ok := want[c.(string)]; ok {
			if got := data[i].(map[string]any)["symbol"]; got != w {
				t.Errorf("CSAT point of %s: symbol %v, want %s", c, got, w)
			}
		}
	}
	if csat := sectionOf(page, "csat"); !strings.Contains(csat, "Hollow points") || !strings.Contains(csat, "2024-03-04") {
		t.Errorf("the CSAT section does not say which points rest on too few responses:\n%s", csat)
	}
	pageHas(t, "executive.html summary", summaryOf(t, dir),
		[]string{"CSAT was 80.0% (95% CI", "35 responses) in the week of 2024-03-11, against 0.0% (1 response) the week before; too few responses to tell whether it changed (a test needs 30 in each week)."},
		[]string{"CSAT rose"})
}

// TestAlertFiguresAsScores: the weekly page writes a CSAT alert's observed
// and expected values as the executive page writes CSAT, a percentage of
// one decimal, and an NPS alert's in points; it wrote 0.665 against 0.528
// as "0.7 | 0.5" (QA pass, bp/ by month: the executive page said 66.5%).
// The q of 0.04953 read "0.050" beside the FDR of 0.05 the alerts are
// raised at.
func TestAlertFiguresAsScores(t *testing.T) {
	alerts := []trend.Alert{
		{Kind: "shift", Dimension: "all", Group: "all", PeriodStart: "2024-03-25", Observed: 0.665, Expected: 0.528,
			PValue: 8.91e-05, QValue: 0.04953, Method: "test", Metric: trend.MetricCSAT},
		{Kind: "shift", Dimension: "all", Group: "all", PeriodStart: "2024-03-25", Observed: 21.2, Expected: -0.2,
			PValue: 3.24e-04, QValue: 0.0496, Method: "test", Metric: trend.MetricNPS},
	}
	page := writeWithAlerts(t, alerts)
	for _, id := range []string{"alerts", "alerts-summary"} {
		sec := sectionOf(page, id)
		pageHas(t, "weekly.html "+id, sec,
			[]string{`<td class="num">66.5%</td><td class="num">52.8%</td>`, `<td class="num">21.2</td><td class="num">-0.2</td>`,
				`<td class="num">0.0495</td>`, `<td class="num">0.0496</td>`},
			[]string{`<td class="num">0.7</td>`, `<td class="num">0.050</td>`})
	}
}

// TestEmergingQSameSide: the weekly and defects pages' emerging topics and
// phrases, and the phrase the alerts in brief and the defects summary
// name, write q as the alerts do (sci): 0.0496 and 0.04953 read "0.050".
// The phrase's complaint G-7-1 is of the fixture's latest week, its
// narratives all redacted (TestAlertsTable).
func TestEmergingQSameSide(t *testing.T) {
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	an := &Analytics{Tests: 10, Alerts: []trend.Alert{
		{Kind: "emerging", Dimension: "product", Group: "Mortgage", PeriodStart: "2024-03-25", Observed: 3, Expected: 0,
			PValue: 0.002, QValue: 0.0496, Method: "test", Evidence: []string{"G-7-1"}},
	}, Phrases: []trend.Phrase{
		{Phrase: "escrow shortage", PeriodStart: "2024-03-25", Observed: 3, Expected: 0.5, Ratio: 6, PValue: 0.001, QValue: 0.04953,
			Method: "test", Evidence: []string{"G-7-1"}},
	}}
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(readPage(t, dir, "weekly.html"), echartsJS, "", 1)
	pageHas(t, "weekly.html emerging", sectionOf(page, "emerging"),
		[]string{`<td class="num">0.0496</td>`, `<td class="num">0.0495</td>`}, []string{`<td class="num">0.050</td>`})
	pageHas(t, "weekly.html alerts in brief", html.UnescapeString(sectionOf(page, "alerts-summary")),
		[]string{"q 0.0495)"}, []string{"q 0.050)"})
	// the defects page shows the same section (emergingSection), and the
	// phrases in its summary
	defects := strings.Replace(readPage(t, dir, "defects.html"), echartsJS, "", 1)
	pageHas(t, "defects.html emerging", sectionOf(defects, "emerging"),
		[]string{`<td class="num">0.0496</td>`, `<td class="num">0.0495</td>`}, []string{`<td class="num">0.050</td>`})
	pageHas(t, "defects.html summary", html.UnescapeString(sectionOf(defects, "defects-summary")),
		[]string{"q 0.0495)"}, []string{"q 0.050)"})
}

// TestSourcesPooledSaid: where the CSAT shown pools responses of more than
// one survey source, the summary says so with each source's figure and
// responses in the latest period, and the CSAT section lists them; the
// drivers section says what its reference group holds and which sources
// it pools (QA pass, bp/: a vendor's 0-100 survey rescaled, a 1-5 survey
// and helpdesk Good/Bad ratings shown as one CSAT, no source named). In
// the week of 2024-03-11: vendorA 40 responses, 30 of them 5 (75.0%), each
// naming one of 40 complaints of the topic billing; helpdesk 30, 6 of
// them 5 (20.0%), naming none. Pooled 36 of 70 (51.4%). The drivers'
// reference is then the 30 responses of no topic shown (helpdesk's).
func TestSourcesPooledSaid(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash)
			SELECT 'B' || i, 'crm', TIMESTAMP '2024-03-11 09:00', 1, i FROM range(40) t(i)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
			SELECT 'crm', 'B' || i, 'billing', false, false, false, 'm', TIMESTAMP '2024-03-16 00:00' FROM range(40) t(i)`,
		`INSERT INTO surveys (response_id, source, complaint_id, responded_at, csat, ingest_run_id, row_hash)
			SELECT 'a' || i, 'vendorA', 'B' || i, TIMESTAMP '2024-03-12 10:00', CASE WHEN i < 30 THEN 5 ELSE 2 END, 1, i FROM range(40) t(i)`,
		surveyWeek("h", "helpdesk", "2024-03-12", "csat", 30, 6, 5, 1))
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	pageHas(t, "executive.html summary", sectionOf(page, "summary"),
		[]string{"CSAT was 51.4%", "CSAT pools 2 survey sources in the week of 2024-03-11: vendorA 75.0% (40 responses) and helpdesk 20.0% (30 responses)."},
		[]string{"NPS pools"})
	pageHas(t, "executive.html CSAT section", sectionOf(page, "csat"),
		[]string{"<td dir=\"auto\">vendorA</td><td class=\"num\">75.0</td><td class=\"num\">40</td>", "<td dir=\"auto\">helpdesk</td><td class=\"num\">20.0</td><td class=\"num\">30</td>"}, nil)
	pageHas(t, "executive.html CSAT drivers", sectionOf(page, "drivers-csat"),
		[]string{`The reference, "other responses", holds the 30 responses linked to no complaint of a topic shown`,
			"The responses of 2 survey sources are pooled: vendorA (40 responses) and helpdesk (30)."}, nil)
}

// TestSurveysAfterReportDate: a warehouse whose survey responses were all
// received after the report date is not one where none were loaded (QA
// pass, bp/ --as-of 2024-01-01: 4,871 loaded, the first on 2025-01-06).
// 10 responses from 2024-04-01; one complaint on 2024-03-12.
func TestSurveysAfterReportDate(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash) VALUES ('c1', 'crm', TIMESTAMP '2024-03-12 09:00', 1, 1)`,
		surveyWeek("a", "svy", "2024-04-01", "nps", 10, 5, 10, 3))
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	pageHas(t, "executive.html", page,
		[]string{"No survey responses were received by the report date (10 are loaded, the first on 2024-04-01): NPS and CSAT cannot be reported.",
			"A report dated 2024-04-01 or later shows them."},
		[]string{"No survey responses were loaded", "Load a survey export"})
}
