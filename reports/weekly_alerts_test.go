package reports

import (
	"context"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/metrics/trend"
)

// weeklyWith writes the fixture's reports with the analytics given (as
// complaints run passes them) and returns the weekly page, unescaped, and
// the output directory.
func weeklyWith(t *testing.T, an *Analytics) (page, dir string) {
	t.Helper()
	dir = t.TempDir()
	if err := Write(context.Background(), fixtureWarehouse(t), Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	return html.UnescapeString(readPage(t, dir, "weekly.html")), dir
}

var markup = regexp.MustCompile(`<[^>]*>`)

// tableRows are the rows of the tables in a page's markup, each its cells'
// text joined by " | ".
func tableRows(markupText string) []string {
	var rows []string
	for _, tr := range strings.Split(markupText, "<tr>")[1:] {
		tr, _, _ = strings.Cut(tr, "</tr>")
		var cells []string
		for _, td := range strings.Split(tr, "<td")[1:] {
			_, td, _ = strings.Cut(td, ">")
			cells = append(cells, strings.TrimSpace(markup.ReplaceAllString(td, "")))
		}
		if len(cells) > 0 {
			rows = append(rows, strings.Join(cells, " | "))
		}
	}
	return rows
}

// rowWith is the first of rows holding every one of parts, "" if none.
func rowWith(rows []string, parts ...string) string {
	for _, r := range rows {
		if !slices.ContainsFunc(parts, func(p string) bool { return !strings.Contains(r, p) }) {
			return r
		}
	}
	return ""
}

// shiftAlerts are a spike, a shift and a continuing shift on the fixture's
// latest complete week (2024-03-25), as trend.Detect gives them.
func shiftAlerts() []trend.Alert {
	r := func(x float64) *float64 { return &x }
	return []trend.Alert{
		{Kind: "spike", Dimension: "topic", Group: "service", PeriodStart: "2024-03-25", Observed: 3, Expected: 1, Ratio: r(3),
			PValue: 0.001, QValue: 0.01, Method: "test", Evidence: []string{"G-7-1"}},
		{Kind: "shift", Dimension: "topic", Group: "billing", PeriodStart: "2024-03-25", Observed: 1.333, Expected: 0.4, Ratio: r(3.333),
			PValue: 0.002, QValue: 0.02, Method: "test", Evidence: []string{"G-5-1", "G-6-0", "G-6-3", "G-7-2"}, Since: "2024-03-11"},
		{Kind: "shift", Dimension: "topic", Group: "fees", PeriodStart: "2024-03-25", Observed: 1.5, Expected: 0.5, Ratio: r(3),
			PValue: 0.003, QValue: 0.03, Method: "test", Evidence: []string{"G-4-2"}, Since: "2024-03-04", Continuing: true},
	}
}

// TestWeeklyShiftFigures: a shift's observed and expected are a week's on
// average since its start, not the week's count, and the page said
// neither the start nor that (the QA pass's week 8: "shift | topic |
// Credit reporting | 2019-04-08 | 340.7 | 215.0 ... (all 281)", 340.7 the
// average of 253, 488 and 281 since 2019-03-25, 281 the week's). Each
// alert now says what its figures are, in the table and in the alerts in
// brief: the week's count, or "since 2024-03-11, average per week"; a
// shift the week before raised too says it continues; and a shift's
// complaints are listed since its start: billing's since 2024-03-11 are
// G-5-1, G-6-0, G-6-3 and G-7-2 (fixtureComplaints: topic billing when
// (w + k) % 3 == 0; H2, billing, is of the week of 03-04).
func TestWeeklyShiftFigures(t *testing.T) {
	page, dir := weeklyWith(t, &Analytics{Alerts: shiftAlerts(), Tests: 10})
	full := tableRows(sectionOf(page, "alerts"))
	brief := tableRows(sectionOf(page, "alerts-summary"))
	for _, tt := range []struct{ group, figures string }{
		{"service", "the week's count"},
		{"billing", "since 2024-03-11, average per week"},
		{"fees", "continuing since 2024-03-04 (raised the week before too), average per week"},
	} {
		for name, rows := range map[string][]string{"alerts": full, "alerts in brief": brief} {
			if row := rowWith(rows, tt.group); !strings.Contains(row, tt.figures) {
				t.Errorf("%s: %s's row = %q, want %q", name, tt.group, row, tt.figures)
			}
		}
	}
	if row := rowWith(full, "billing"); !strings.Contains(row, "(all 4 since 2024-03-11)") {
		t.Errorf("billing's row = %q, want its evidence \"(all 4 since 2024-03-11)\"", row)
	}
	recs := readCSV(t, filepath.Join(dir, "ids", "weekly-alert-02.csv"))
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[1])
	}
	if want := []string{"G-5-1", "G-6-0", "G-6-3", "G-7-2"}; !slices.Equal(got, want) {
		t.Errorf("ids/weekly-alert-02.csv (billing's shift) = %v, want %v", got, want)
	}
	if s := sectionOf(page, "alerts-summary"); !strings.Contains(s, "1 of them a shift continuing from the week before") {
		t.Errorf("alerts in brief do not count the continuing shift:\n%s", s)
	}
}

// TestWeeklyEmptyEvidence: an alert with no complaint to cite (a fall to
// none) showed an empty evidence cell (the QA pass's falling shifts of
// topics other and fraud_security), while every alert cites complaint
// IDs: it says there are none, since the shift's start, or in the week.
func TestWeeklyEmptyEvidence(t *testing.T) {
	page, _ := weeklyWith(t, &Analytics{Tests: 10, Alerts: []trend.Alert{
		{Kind: "shift", Dimension: "topic", Group: "other", PeriodStart: "2024-03-25", Observed: 0, Expected: 6,
			PValue: 0.001, QValue: 0.01, Method: "test", Evidence: []string{}, Since: "2024-03-11"},
		{Kind: "falling", Dimension: "product", Group: "Savings", PeriodStart: "2024-03-25", Observed: 0.5, Expected: 6,
			PValue: 0.002, QValue: 0.02, Method: "test", Evidence: []string{}, Since: "2024-01-08"},
	}})
	rows := tableRows(sectionOf(page, "alerts"))
	if row := rowWith(rows, "other"); !strings.HasSuffix(row, "| none since 2024-03-11") {
		t.Errorf("other's row = %q, want its evidence \"none since 2024-03-11\"", row)
	}
	if row := rowWith(rows, "Savings"); !strings.HasSuffix(row, "| none in the week") {
		t.Errorf("Savings' row = %q, want its evidence \"none in the week\"", row)
	}
}

// TestWeeklyTextCoverageNote: topics other, fraud_security and
// staff_behaviour come from narratives only; when the share of complaints
// with one falls (the QA pass: from about 90% to 5% over weeks 7-10), the
// topics move with it, and the page said nothing. An alert whose
// TextCoverage is set says both shares and what follows, in the table's
// notes and in the alerts in brief.
func TestWeeklyTextCoverageNote(t *testing.T) {
	as := shiftAlerts()
	as[1].TextCoverage = &trend.TextCoverage{Share: 0.029, Classified: 2000, BaselineShare: 0.576, BaselineClassified: 1573,
		BaselineFrom: "2023-11-06", PValue: 1e-290}
	page, _ := weeklyWith(t, &Analytics{Alerts: as, Tests: 10})
	want := "narrative coverage 2.9% against 57.6% before"
	for _, id := range []string{"alerts", "alerts-summary"} {
		if s := sectionOf(page, id); !strings.Contains(s, want) || !strings.Contains(s, "topics read from text move with it") {
			t.Errorf("section %s lacks %q:\n%s", id, want, s)
		}
	}
	if s := sectionOf(page, "alerts"); strings.Count(s, "narrative coverage") != 1 {
		t.Errorf("the caveat is said %d times, want once (billing's alert alone has it):\n%s", strings.Count(s, "narrative coverage"), s)
	}
}

// TestWeeklyMetricsTested: the page said its tests were "with CSAT, NPS
// and resolution time" and, with no alert, that "no count, share or
// score changed", when no score could be tested (the QA pass: CFPB
// complaints, no survey, no resolution time; `trends --metrics` made 1
// test). It says what was tested: with none of the metrics, that they
// were not; with an NPS alert, NPS.
func TestWeeklyMetricsTested(t *testing.T) {
	page, _ := weeklyWith(t, &Analytics{Tests: 10})
	s := sectionOf(page, "alerts")
	pageHas(t, "alerts, no metric tested", s,
		[]string{"CSAT, NPS and resolution time could not be tested", "No alert: no count or share changed"},
		[]string{"with CSAT, NPS and resolution time", "score changed"})

	page, _ = weeklyWith(t, &Analytics{Tests: 10, Alerts: []trend.Alert{
		{Kind: "shift", Dimension: "all", Group: "all", PeriodStart: "2024-03-25", Observed: 10, Expected: 40,
			PValue: 0.003, QValue: 0.03, Method: "test", Metric: "nps", Evidence: []string{}},
	}})
	pageHas(t, "alerts, NPS alert", sectionOf(page, "alerts"),
		[]string{"with NPS: q is", "CSAT and resolution time could not be tested"},
		[]string{"with CSAT, NPS and resolution time"})
}
