package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

// sectionOf is the markup of the section with the given id in page, ""
// when there is none.
func sectionOf(page, id string) string {
	_, s, ok := strings.Cut(page, `<section id="`+id+`">`)
	if !ok {
		return ""
	}
	s, _, _ = strings.Cut(s, "</section>")
	return s
}

// fixtureAlerts are seven count alerts on the fixture's latest complete
// week (2024-03-25), most significant first, as sortAlerts orders them:
// the first on billing, whose complaint that week is G-7-2 (see
// TestAlertsTable), the others on topics with none.
func fixtureAlerts() []trend.Alert {
	var as []trend.Alert
	for i := range 7 {
		ratio := float64(i + 2)
		group := fmt.Sprintf("topic-%d", i+1)
		if i == 0 {
			group = "billing"
		}
		as = append(as, trend.Alert{Kind: "spike", Dimension: "topic", Group: group, PeriodStart: "2024-03-25",
			Observed: float64(i + 2), Expected: 1, Ratio: &ratio, PValue: 0.001 * float64(i+1), QValue: 0.01 * float64(i+1),
			Method: "test", Evidence: []string{"G-7-0"}})
	}
	return as
}

// writeWithAlerts writes the fixture's reports with the given alerts
// passed in (as complaints run does) and returns the weekly page.
func writeWithAlerts(t *testing.T, alerts []trend.Alert) string {
	t.Helper()
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: &Analytics{Alerts: alerts, Tests: 10}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "weekly.html"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(b), echartsJS, "", 1)
}

// TestWeeklyAlertsFirst: the weekly page opens with the alerts in brief
// (how many, the most significant, a link to the details), before the
// charts and tables of volume: the QA pass's quality manager met two
// tables before the first alert.
func TestWeeklyAlertsFirst(t *testing.T) {
	page := writeWithAlerts(t, fixtureAlerts())
	if first := firstSection(page); first != "alerts-summary" {
		t.Fatalf("the weekly page's first section is %q, want alerts-summary", first)
	}
	sum := sectionOf(page, "alerts-summary")
	for _, want := range []string{
		"7 alerts", // fixtureAlerts
		`href="#alerts"`,
		"billing", "topic-5", // the five smallest q-values
		`href="ids/weekly-alert-01.csv"`, // the complaints behind the first, as in the full table
	} {
		if !strings.Contains(sum, want) {
			t.Errorf("alerts summary does not contain %q:\n%s", want, sum)
		}
	}
	if strings.Contains(sum, "topic-6") {
		t.Errorf("alerts summary lists more than the %d most significant alerts:\n%s", topAlerts, sum)
	}

	// No alert: the summary says so, with the reason the full section
	// gives.
	page = writeWithAlerts(t, nil)
	sum = sectionOf(page, "alerts-summary")
	if !strings.Contains(sum, "No alert") {
		t.Errorf("with no alert the summary does not say so:\n%s", sum)
	}
}

// chartOption is the option JSON of the chart id in page, decoded.
func chartOption(t *testing.T, page, id string) map[string]any {
	t.Helper()
	_, s, ok := strings.Cut(page, `<script type="application/json" data-chart="`+id+`"`)
	if !ok {
		t.Fatalf("no chart %s", id)
	}
	_, s, _ = strings.Cut(s, ">") // after the data block's attributes
	s, _, _ = strings.Cut(s, "</script>")
	var opt map[string]any
	if err := json.Unmarshal([]byte(s), &opt); err != nil {
		t.Fatalf("chart %s: %v", id, err)
	}
	return opt
}

// TestNPSFewResponsesMarked: an NPS point of fewer than
// metrics.MinTestResponses answers is drawn hollow, the others filled, and
// a note names the periods: the QA pass read them all alike. The fixture
// has 2 or 3 responses a week in March (fixture_test.go); 30 more on
// 2024-03-20 make the week of 2024-03-18 hold 32.
func TestNPSFewResponsesMarked(t *testing.T) {
	var extra []string
	for i := range 30 {
		extra = append(extra, fmt.Sprintf(`INSERT INTO surveys (response_id, source, responded_at, csat, nps, ingest_run_id, row_hash)
			VALUES ('X%d', 'fixture', TIMESTAMP '2024-03-20 12:00', 5, 9, 1, %d)`, i, 200+i))
	}
	db := fixtureWarehouseWith(t, extra...)
	dir := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "executive.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(string(b), echartsJS, "", 1)
	opt := chartOption(t, page, "executive-nps")
	cats := opt["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
	data := opt["series"].([]any)[0].(map[string]any)["data"].([]any)
	want := map[string]string{"2024-03-04": fewSymbol, "2024-03-11": fewSymbol, "2024-03-18": "circle", "2024-03-25": fewSymbol}
	for i, c := range cats {
		w, ok := want[c.(string)]
		if !ok {
			continue
		}
		if got := data[i].(map[string]any)["symbol"]; got != w {
			t.Errorf("NPS point of %s: symbol %v, want %s", c, got, w)
		}
	}
	nps := sectionOf(page, "nps")
	if !strings.Contains(nps, "Hollow points") || !strings.Contains(nps, "2024-03-25") {
		t.Errorf("the NPS section does not say which points rest on too few responses:\n%s", nps)
	}
}

// TestExecutiveVolumeTitle: the volume section's title names what its
// chart draws (complaints and survey responses), not the negative share
// only its table holds (the QA pass's executive looked for it in the
// chart).
func TestExecutiveVolumeTitle(t *testing.T) {
	dir := writeFixtureReports(t)
	b, err := os.ReadFile(filepath.Join(dir, "executive.html"))
	if err != nil {
		t.Fatal(err)
	}
	vol := sectionOf(strings.Replace(string(b), echartsJS, "", 1), "volume")
	_, title, _ := strings.Cut(vol, `<h2 id="volume-title">`)
	title, _, _ = strings.Cut(title, "</h2>")
	opt := chartOption(t, vol, "executive-volume")
	for _, s := range opt["series"].([]any) {
		if name := s.(map[string]any)["name"].(string); !strings.Contains(strings.ToLower(title), name) {
			t.Errorf("volume title %q does not name the charted series %q", title, name)
		}
	}
	if strings.Contains(title, "negative") {
		t.Errorf("volume title %q names negative sentiment, which the chart does not draw", title)
	}
}

// writePage writes the fixture's reports with opts (OutDir set here) and
// returns the page file, without the vendored ECharts script.
func writePage(t *testing.T, opts Options, file string) string {
	t.Helper()
	db := fixtureWarehouse(t)
	opts.OutDir = t.TempDir()
	if err := Write(context.Background(), db, opts); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(opts.OutDir, file))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(b), echartsJS, "", 1)
}

// TestPartialPeriodMarked: the month the report date falls in, not over,
// is marked partial in the index's table and chart; a month over is not.
// The QA pass read March 2020's 19 days as a fall in complaints.
func TestPartialPeriodMarked(t *testing.T) {
	tests := []struct {
		name    string
		asOf    time.Time
		partial bool
	}{
		// the fixture's last complaint in scope is of 2024-03-29 (H4)
		{"month not over", time.Date(2024, 3, 29, 0, 0, 0, 0, time.UTC), true},
		{"month over", fixtureAsOf, false}, // 2024-03-31, the month's last day
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sec := sectionOf(writePage(t, Options{AsOf: tt.asOf}, "index.html"), "by-month")
			cats := chartOption(t, sec, "index-by-month")["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
			last := cats[len(cats)-1].(string)
			if got := last == "2024-03 (partial)"; got != tt.partial {
				t.Errorf("report date %s: the chart's last month is %q, want partial %v", dateText(tt.asOf), last, tt.partial)
			}
			if got := strings.Contains(sec, "2024-03 (partial, to 2024-03-29)"); got != tt.partial {
				t.Errorf("report date %s: the table marks 2024-03 partial: %v, want %v\n%s", dateText(tt.asOf), got, tt.partial, sec)
			}
		})
	}
}

// TestPeriodRangesAndZone: a period is written with its range where a
// reader can look for it (the chart tooltip's title, the subtitle), and the cutoff with its time zone: the QA pass could not
// tell whether "2024-03-25" was a week's start or end, nor the cutoff's
// zone.
func TestPeriodRangesAndZone(t *testing.T) {
	dir := writeFixtureReports(t)
	read := func(f string) string {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		return undated(strings.Replace(string(b), echartsJS, "", 1))
	}
	weekly, index := read("weekly.html"), read("index.html")
	// fixtureAsOf: Sunday 2024-03-31, the cutoff Monday 2024-04-01 00:00
	// UTC, the latest complete week 2024-03-25 to 2024-03-31
	for _, want := range []string{
		"Latest complete week: 2024-03-25 to 2024-03-31",
		`data-titles="[`,
		"week 2024-03-25 to 2024-03-31&#34;]",
		"data received before 2024-04-01 00:00 UTC",
	} {
		if !strings.Contains(weekly, want) {
			t.Errorf("weekly.html does not contain %q", want)
		}
	}
	if !strings.Contains(index, "data received before 2024-04-01 00:00 UTC") {
		t.Errorf("index.html does not give the cutoff with its zone")
	}
}

// TestAlertNewGroupRatio: a shift of a group with no complaint before it
// expects 0 and has no ratio; the table says "new" (as `complaints
// trends` prints it), not n/a, which reads as a figure not known.
func TestAlertNewGroupRatio(t *testing.T) {
	as := []trend.Alert{{Kind: "shift", Dimension: "topic", Group: "billing", PeriodStart: "2024-03-25",
		Observed: 20, Expected: 0, NewGroup: true, PValue: 0.001, QValue: 0.01, Method: "test", Evidence: []string{"G-7-0"}}}
	page := sectionOf(writeWithAlerts(t, as), "alerts")
	if !strings.Contains(page, `<td class="num">new</td>`) || strings.Contains(page, `<td class="num">n/a</td>`) {
		t.Errorf("the new group's ratio is not written new:\n%s", page)
	}
}

// TestWeeklyRatesSameDecimals: the topic shares are rounded to one
// decimal and written with it: "20" beside "25.2" read as of another
// precision (QA pass Q mended this for the tables read from SQL; the
// shares are worked out in Go and were written as Go writes a float).
func TestWeeklyRatesSameDecimals(t *testing.T) {
	rates := sectionOf(writeWithAlerts(t, nil), "rates")
	cells := regexp.MustCompile(`<td class="num">([^<]*)</td>`).FindAllStringSubmatch(rates, -1)
	if len(cells) == 0 {
		t.Fatal("no shares in the rates section")
	}
	for _, c := range cells {
		if c[1] != "n/a" && !regexp.MustCompile(`^[0-9]+\.[0-9]$`).MatchString(c[1]) {
			t.Errorf("share %q is not written with one decimal", c[1])
		}
	}
}
