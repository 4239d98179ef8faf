package reports

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/metrics/trend"
)

var (
	tableRE       = regexp.MustCompile(`(?s)<table[^>]*>(.*?)</table>`)
	thRE          = regexp.MustCompile(`(?s)<th[^>]*>(.*?)</th>`)
	trRE          = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	tdRE          = regexp.MustCompile(`(?s)<td([^>]*)>(.*?)</td>`)
	tagRE         = regexp.MustCompile(`<[^>]*>`)
	titleRE       = regexp.MustCompile(` title="([^"]*)"`)
	titlesRE      = regexp.MustCompile(` data-titles="([^"]*)"`)
	periodRangeRE = regexp.MustCompile(`^(week|month) \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}(, partial: the report date falls in it)?$`)
)

// periodColumns are the columns of the pages' tables whose cells name a
// period: the charts' category ("period", the index's "month"), the
// alerts' period judged, the defects' latest period a pair was seen in.
var periodColumns = []string{"period", "month", "latest"}

// periodCells returns the text and title ("" for none) of each cell of
// page's tables in a period column, and the tooltip titles of page's
// charts.
func periodCells(page string) (cells [][2]string, tooltips map[string]bool) {
	tooltips = map[string]bool{}
	for _, m := range titlesRE.FindAllStringSubmatch(page, -1) {
		var ts []string
		if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &ts); err == nil {
			for _, t := range ts {
				tooltips[t] = true
			}
		}
	}
	for _, tm := range tableRE.FindAllStringSubmatch(page, -1) {
		var cols []string
		for _, h := range thRE.FindAllStringSubmatch(tm[1], -1) {
			cols = append(cols, html.UnescapeString(tagRE.ReplaceAllString(h[1], "")))
		}
		for ci, c := range cols {
			if !slices.Contains(periodColumns, c) {
				continue
			}
			for _, tr := range trRE.FindAllStringSubmatch(tm[1], -1) {
				tds := tdRE.FindAllStringSubmatch(tr[1], -1)
				if len(tds) != len(cols) {
					continue // the header row, or "no rows"
				}
				title := ""
				if m := titleRE.FindStringSubmatch(tds[ci][1]); m != nil {
					title = html.UnescapeString(m[1])
				}
				cells = append(cells, [2]string{html.UnescapeString(tagRE.ReplaceAllString(tds[ci][2], "")), title})
			}
		}
	}
	return cells, tooltips
}

// TestPeriodCellsHaveRange: a table's cell that names a period (a week by
// its Monday, a month) carries the period's days as its title, the text
// the chart's tooltip gives it ("week 2024-03-25 to 2024-03-31"): before,
// the tooltips had the range and the tables, the charts' twins, did not
// (a QA pass). Checked on every page of the fixture, with alerts and an
// emerging phrase passed in, by week and by month.
func TestPeriodCellsHaveRange(t *testing.T) {
	// the alerts judge the fixture's latest complete week or month
	for _, run := range []struct{ period, start string }{{"week", "2024-03-25"}, {"month", "2024-03-01"}} {
		period, start := run.period, run.start
		alerts := fixtureAlerts()
		for i := range alerts {
			alerts[i].PeriodStart = start
		}
		an := &Analytics{Tests: 10, Alerts: append(alerts,
			trend.Alert{Kind: "emerging", Dimension: "product", Group: "Mortgage", PeriodStart: start, Observed: 3, Expected: 0,
				PValue: 0.002, QValue: 0.02, Method: "test", Evidence: []string{"H4"}}),
			Phrases: []trend.Phrase{{Phrase: "escrow", PeriodStart: start, Observed: 3, Expected: 0.5, Ratio: 6,
				PValue: 0.001, QValue: 0.01, Method: "test", Evidence: []string{"G-7-1"}}}}
		dir := t.TempDir()
		if err := Write(context.Background(), fixtureWarehouse(t), Options{OutDir: dir, AsOf: fixtureAsOf, Period: period, Analytics: an}); err != nil {
			t.Fatal(err)
		}
		counted := map[string]int{}
		pages := map[string][][2]string{}
		tooltips := map[string]bool{} // of every chart of the run
		for _, name := range Files {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			cells, tips := periodCells(string(b))
			pages[name] = cells
			for tip := range tips {
				tooltips[tip] = true
			}
		}
		for _, name := range Files {
			for _, c := range pages[name] {
				text, title := c[0], c[1]
				if text == "n/a" || text == "" {
					continue
				}
				counted[name]++
				if !periodRangeRE.MatchString(title) {
					t.Errorf("%s by %s: the cell %q has the title %q, want its period's days", name, period, text, title)
					continue
				}
				// the first day the cell names is the range's
				if first := strings.Fields(title)[1]; !strings.HasPrefix(first, strings.Fields(text)[0]) {
					t.Errorf("%s by %s: the cell %q has the range %q", name, period, text, title)
				}
				if !tooltips[title] {
					t.Errorf("%s by %s: the cell %q's title %q is none of the charts' tooltips", name, period, text, title)
				}
			}
		}
		// every page names periods in its tables
		for _, name := range []string{"index.html", "weekly.html", "executive.html", "defects.html", "audit.html"} {
			if counted[name] == 0 {
				t.Errorf("by %s: %s has no table cell naming a period", period, name)
			}
		}
	}
	// the fixture's latest complete week, named so by the volume chart's
	// tooltip (testdata/golden/weekly.html), in the volume, share and
	// times tables and the alerts'
	page := writeWithAlerts(t, fixtureAlerts())
	want := `<td class="date" title="week 2024-03-25 to 2024-03-31">2024-03-25</td>`
	if n := strings.Count(page, want); n < 4 {
		t.Errorf("weekly.html holds %q %d times, want 4 or more (volume, shares, times, alerts)", want, n)
	}
}
