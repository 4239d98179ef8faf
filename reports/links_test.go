package reports

import (
	"context"
	"errors"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// hrefRE is any in-page link of a page, on any element; idRE any id.
var (
	hrefRE = regexp.MustCompile(`\shref="#([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// checkInPageLinks fails the test for each link href="#x" of each page
// written in dir whose page has no element id="x", or more than one.
// It reads every HTML file in dir (the five reports, a notebook).
func checkInPageLinks(t *testing.T, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pages in %s (%v)", dir, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// the ECharts script's own code is no markup of the page
		page := strings.Replace(string(b), echartsJS, "", 1)
		ids := map[string]int{}
		for _, m := range idRE.FindAllStringSubmatch(page, -1) {
			ids[html.UnescapeString(m[1])]++
		}
		for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
			if id := html.UnescapeString(m[1]); ids[id] != 1 {
				t.Errorf("%s: the link href=\"#%s\" names %d elements, want 1", filepath.Base(f), m[1], ids[id])
			}
		}
	}
}

// TestInPageLinksResolve: every in-page link of every page resolves to
// one element, for the fixture with and without alerts, a warehouse of
// survey responses only and an empty one.
func TestInPageLinksResolve(t *testing.T) {
	ctx := context.Background()
	t.Run("fixture", func(t *testing.T) { checkInPageLinks(t, writeFixtureReports(t)) })
	t.Run("alerts", func(t *testing.T) {
		dir := t.TempDir()
		if err := Write(ctx, fixtureWarehouse(t), Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: &Analytics{Alerts: fixtureAlerts(), Tests: 10}}); err != nil {
			t.Fatal(err)
		}
		checkInPageLinks(t, dir)
	})
	t.Run("surveys only", func(t *testing.T) {
		checkInPageLinks(t, reportsOf(t, fixtureAsOf, `INSERT INTO surveys (response_id, source, responded_at, nps, ingest_run_id, row_hash)
			SELECT 'S' || i, 'survey', TIMESTAMP '2024-01-01 09:00' + i * INTERVAL 1 DAY, i % 11, 1, i FROM range(80) t(i)`))
	})
	t.Run("empty", func(t *testing.T) {
		db, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "empty.duckdb"), warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dir := t.TempDir()
		if err := Write(ctx, db, Options{OutDir: dir}); err != nil {
			t.Fatal(err)
		}
		checkInPageLinks(t, dir)
	})
}

// TestAlertSummaryNoAlertNoLink: with no alert, or no alerts to show (the
// detector failed), the weekly page's alerts in brief say so and link
// nowhere: its link "All alerts with their method, p- and q-values and
// evidence" led to a table of "no rows", or to the same "not available"
// again (a QA pass). With alerts it links the full table.
func TestAlertSummaryNoAlertNoLink(t *testing.T) {
	none := section{ID: "alerts", Tables: []table{{Columns: []string{"kind"}}},
		Notes: []string{"No alert: nothing changed beyond what the baselines expect."}}
	failed := section{ID: "alerts", Unavailable: notAvailable("trend alerts", errors.New("boom"))}
	one := section{ID: "alerts", Tables: []table{{
		Columns: []string{"kind", "dimension", "group", "period", "observed", "expected", "q", "evidence"},
		Rows:    [][]cell{{{Text: "spike"}, {Text: "topic"}, {Text: "billing"}, {Text: "2024-03-25"}, {Text: "2"}, {Text: "1"}, {Text: "0.01"}, {Text: "G-7-2"}}},
	}}}
	for _, tt := range []struct {
		name     string
		full     section
		links    int
		sentence string
	}{
		{"no alert", none, 0, "No alert: nothing changed"},
		{"unavailable", failed, 0, ""},
		{"one alert", one, 1, "The trend detector raised 1 alert."},
	} {
		sum := alertSummary(tt.full, section{})
		if len(sum.Links) != tt.links {
			t.Errorf("%s: the summary has %d links (%v), want %d", tt.name, len(sum.Links), sum.Links, tt.links)
		}
		if tt.full.Unavailable != "" && sum.Unavailable != tt.full.Unavailable {
			t.Errorf("%s: the summary says %q, want the full section's %q", tt.name, sum.Unavailable, tt.full.Unavailable)
		}
		if tt.sentence != "" && !strings.Contains(strings.Join(sum.Paragraphs, " "), tt.sentence) {
			t.Errorf("%s: the summary says %q, want %q", tt.name, sum.Paragraphs, tt.sentence)
		}
	}
	// the fixture raises no alert (testdata/golden/weekly.html)
	page := writeWithAlerts(t, nil)
	sum := sectionOf(page, "alerts-summary")
	if !strings.Contains(sum, "No alert") || strings.Contains(sum, "<a ") {
		t.Errorf("with no alert the summary should say so and link nowhere:\n%s", sum)
	}
}
