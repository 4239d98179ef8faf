package reports

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
	"github.com/duckdb/duckdb-go/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// writeFixtureReports writes every report for the fixed warehouse into a
// temporary directory and returns it.
func writeFixtureReports(t *testing.T) string {
	t.Helper()
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Settings: [][2]string{{"warehouse", "fixture.duckdb"}}}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestAuditIDLists checks the complaint IDs behind each audit figure
// against the fixture, where each expectation is counted by hand from the
// comments in fixture_test.go.
func TestAuditIDLists(t *testing.T) {
	dir := writeFixtureReports(t)
	tests := []struct {
		list string
		want []string
	}{
		{"audit-ack-missed", []string{"H1", "H2", "H3"}}, // H1 late, H2 and H3 never acknowledged; H4 not yet due
		{"audit-res-missed", []string{"H3", "H6"}},       // H3 open past 56 days, H6 resolved on day 65
		{"audit-open", []string{"H2", "H3", "H4", "H8"}}, // H8 resolved only after the report date
		{"audit-age-1", []string{"H4"}},
		{"audit-age-2", []string{"H2", "H8"}},
		{"audit-age-3", []string{"H3"}},
		{"audit-closed-undated", []string{"H5"}},
		// U1 is closed with no time in run 2, whose latest receipt (H7's
		// 04-02) is after the report date: not known closed at it
		{"audit-closed-later", []string{"U1"}},
		// and H5, closed with no resolution date, of a source that records
		// them: not judged against the resolution target
		{"audit-untracked", []string{"H5", "U1"}},
		{"audit-untimely", []string{"H1"}},
		{"audit-disputed", []string{"H2"}},
		{"audit-reopened", []string{"H3"}},
		{"audit-legal", []string{"H1", "H2"}},
		{"audit-legal-not-screened", []string{"H3", "H4"}}, // H3 not classified, H4 no narrative
		{"audit-urgent-not-screened", []string{"H3", "H4"}},
		{"audit-missing-type", nil}, // H3 has no product but an issue
		{"audit-missing-customer", []string{"H3"}},
		{"audit-missing-date", nil},
		{"audit-missing-details", []string{"H4"}},
		{"audit-missing-resolution", []string{"H5"}},
		{"audit-missing-owner", []string{"H3"}}, // unclassified, no department
		// Over 26 weeks billing, fees and service have 13 complaints each
		// (11, 11 and 10 generated, plus H1, H2; H5, H6; H4, H8, U1), so
		// billing ranks first by name;
		// in the week of 03-25 topic (7+k)%3 is billing only for k = 2.
		{"weekly-this-topic-01", []string{"G-7-2"}},
		{"defects-repeat-customers", []string{"H6", "H1", "H2"}}, // C-rep: 01-15, 03-01, 03-10, in date order
		{"audit-legal-outcome-02", []string{"H1"}},               // "Closed with monetary relief" sorts after "(open)"
	}
	for _, tt := range tests {
		t.Run(tt.list, func(t *testing.T) {
			recs := readCSV(t, filepath.Join(dir, "ids", tt.list+".csv"))
			var got []string
			col := slices.Index(recs[0], "complaint_id")
			for _, r := range recs[1:] {
				got = append(got, r[col])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ids/%s.csv = %v, want %v", tt.list, got, tt.want)
			}
		})
	}
	// The due lists carry whether each complaint met its target: 38 due,
	// 35 met for acknowledgement; 35 due, 33 met for resolution (see
	// TestAuditFigures).
	for _, tt := range []struct {
		list     string
		due, met int
	}{{"audit-ack-due", 38, 35}, {"audit-res-due", 35, 33}} {
		recs := readCSV(t, filepath.Join(dir, "ids", tt.list+".csv"))
		col := slices.Index(recs[0], "met")
		met := 0
		for _, r := range recs[1:] {
			if r[col] == "true" {
				met++
			}
		}
		if len(recs)-1 != tt.due || met != tt.met {
			t.Errorf("ids/%s.csv: %d due, %d met; want %d, %d", tt.list, len(recs)-1, met, tt.due, tt.met)
		}
	}
	// 32 generated + H1..H6 + H8 + U1; H7 is after the report date.
	if n := len(readCSV(t, filepath.Join(dir, "ids", "audit-all.csv"))) - 1; n != 40 {
		t.Errorf("audit-all.csv lists %d complaints, want 40", n)
	}
}

// TestAuditFigures checks the headline figures as printed, counted by hand:
// acknowledgement due for 38 (all but H4, and U1 whose source records no
// timestamps), met by 35 (the 32 generated, H5, H6, H8); resolution due for
// 35 (32 generated, H1, H3, H6), met by 33.
func TestAuditFigures(t *testing.T) {
	dir := writeFixtureReports(t)
	b, err := os.ReadFile(filepath.Join(dir, "audit.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := withoutAria(string(b))
	for _, want := range []string{
		`>92.1%</a>`, "35 of 38 due; 3 missed", // 35/38 = 0.9210
		`>94.3%</a>`, "33 of 35 due; 2 missed", // 33/35 = 0.9428
		`<a href="ids/audit-open.csv">4</a>`,
		"33 of 34 with a known value; 1 untimely",                              // timely known: 32 generated, H1, H5
		"1 of 33 with a known value",                                           // reopened known: 32 generated and H3
		"; 1 not judged: their source records no response or resolution times", // U1
		`<a href="ids/audit-legal.csv">2</a>`,
		// urgent: H2 (never acknowledged, due 03-13: missed; open) and H8
		// (first response after 30 minutes: met; open at the report date);
		// neither is due for resolution
		`<a href="ids/audit-urgent-open.csv">2</a>`, `<a href="ids/audit-urgent-ack-missed.csv">1</a>`,
		// (by source: the fixture's, and U1's untracked)
		`<tr><td dir="auto">urgent</td><td dir="auto">fixture</td><td class="num"><a href="ids/audit-urgent.csv">2</a></td><td class="num">2</td><td class="num">50.0</td><td class="num">0.5</td><td class="num">0</td><td class="num">n/a</td><td class="num">2</td></tr>`,
		// the other screened: 32 generated, H1, H5, H6 (H7 out of
		// scope), and U1 of its own source; acknowledgement due for the
		// generated, H1 (missed), H5 and H6 (U1 untracked): 34 of 35;
		// first responses 1 (H5), 2 (32 times), 24 (H6) and 144 hours
		// (H1): median 2; resolution due for the generated, H1 and H6
		// (missed): 33 of 34; none open
		`<tr><td dir="auto">not urgent</td><td dir="auto">fixture</td><td class="num">35</td><td class="num">35</td><td class="num">97.1</td><td class="num">2.0</td><td class="num">34</td><td class="num">97.1</td><td class="num">0</td></tr>`,
		// U1, closed in an export after the report date, is not known
		// open or closed at it: n/a, not 0 (TestAuditStillOpenUnknown)
		`<tr><td dir="auto">not urgent</td><td dir="auto">untracked</td><td class="num">1</td><td class="num">0</td><td class="num">n/a</td><td class="num">n/a</td><td class="num">0</td><td class="num">n/a</td><td class="num">n/a</td></tr>`,
		// not screened: H3 (not classified) and H4 (no narrative; it was
		// counted not urgent before); acknowledgement due for H3 alone
		// (missed; H4 not yet due), no first response, resolution due for
		// H3 (missed); both open
		`<tr><td dir="auto">not screened</td><td dir="auto">fixture</td><td class="num">2</td><td class="num">1</td><td class="num">0.0</td><td class="num">n/a</td><td class="num">1</td><td class="num">0.0</td><td class="num">2</td></tr>`,
		"1 with no narrative, 1 not classified yet; classify reads the flags from text in English only",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("audit.html does not contain %q", want)
		}
	}
}

var linkRE = regexp.MustCompile(`<a href="([^"]*)"(?: aria-label="[^"]*")?>([^<]*)</a>`)

// ariaRE is a link's label for screen readers (TestLinkLabels), which the
// tests of a page's figures leave out.
var ariaRE = regexp.MustCompile(` aria-label="[^"]*"`)

func withoutAria(page string) string { return ariaRE.ReplaceAllString(page, "") }

// TestLinksResolve follows every link of every page: pages link to pages
// that exist, and every count linked to an ID list adds up to the rows of
// that list (a list linked from several cells, such as the missed
// acknowledgements by period, is the sum of those cells).
func TestLinksResolve(t *testing.T) {
	dir := writeFixtureReports(t)
	for _, name := range Files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sums := map[string]int{}
		for _, m := range linkRE.FindAllStringSubmatch(string(b), -1) {
			href, label := html.UnescapeString(m[1]), m[2]
			if strings.Contains(href, "://") {
				t.Errorf("%s: link %q leaves the report directory", name, href)
				continue
			}
			if id, ok := strings.CutPrefix(href, "#"); ok {
				// a link within the page (the weekly alerts in brief)
				if !strings.Contains(string(b), ` id="`+id+`"`) {
					t.Errorf("%s: link %q names no element of the page", name, href)
				}
				continue
			}
			file, id, anchored := strings.Cut(href, "#")
			target, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Errorf("%s: link %q (%q) does not resolve: %v", name, href, label, err)
				continue
			}
			if anchored && !strings.Contains(string(target), ` id="`+id+`"`) {
				// a section of another page (the index's link to the audit page's rejects)
				t.Errorf("%s: link %q names no element of %s", name, href, file)
			}
			if n, err := strconv.Atoi(strings.ReplaceAll(label, ",", "")); err == nil && strings.HasSuffix(href, ".csv") {
				sums[href] += n
			}
		}
		for href, sum := range sums {
			if rows := len(readCSV(t, filepath.Join(dir, href))) - 1; rows != sum {
				t.Errorf("%s: counts linked to %s add up to %d, the list has %d rows", name, href, sum, rows)
			}
		}
	}
}

// TestHostileTextIsInert checks, without a browser, that the hostile
// narrative, product and company never appear unescaped; that the only
// script elements are the two we ship and the JSON data blocks; and that
// chart options decode to the escaped text, never the raw one.
func TestHostileTextIsInert(t *testing.T) {
	dir := writeFixtureReports(t)
	scriptOpen := regexp.MustCompile(`(?i)<script[^>]*>`)
	block := regexp.MustCompile(`<script type="application/json" data-chart="[^"]*">([^<]*)</script>`)
	for _, name := range Files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		page := strings.Replace(string(b), echartsJS, "", 1) // ECharts' own code mentions <img
		if strings.Contains(page, hostile) || strings.Contains(strings.ToLower(page), "<img") {
			t.Errorf("%s: hostile text appears unescaped", name)
		}
		blocks := block.FindAllStringSubmatch(page, -1)
		want := len(blocks)
		if want > 0 {
			want += 2 // ECharts and the init script
		}
		if got := len(scriptOpen.FindAllString(page, -1)); got != want {
			t.Errorf("%s: %d script elements, want %d (2 + %d data blocks)", name, got, want, len(blocks))
		}
		for _, m := range blocks {
			var opt any
			if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
				t.Errorf("%s: chart option is not JSON: %v", name, err)
				continue
			}
			if strings.Contains(m[1], hostile) {
				t.Errorf("%s: chart option holds the raw hostile text", name)
			}
			var decoded bytes.Buffer
			enc := json.NewEncoder(&decoded)
			enc.SetEscapeHTML(false)
			enc.Encode(opt)
			if strings.Contains(decoded.String(), "<") {
				t.Errorf("%s: a chart option string contains '<' after JSON decoding", name)
			}
		}
	}
	// The hostile product reaches chart categories on the index page.
	b, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(b), `\u0026lt;/script\u0026gt;\u0026lt;img src=x onerror=`) {
		t.Errorf("index.html: hostile product not found HTML-escaped in the product chart")
	}
}

// TestDeterministic writes the reports twice and compares every file.
func TestDeterministic(t *testing.T) {
	a := writeFixtureReports(t)
	b := writeFixtureReports(t)
	fa := listFiles(t, a)
	fb := listFiles(t, b)
	if !slices.Equal(fa, fb) {
		t.Fatalf("file sets differ: %v vs %v", fa, fb)
	}
	for _, f := range fa {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", f)
		}
	}
}

func listFiles(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestGolden compares each report, and the ID lists, with testdata/golden;
// go test -run Golden -update rewrites them. The vendored ECharts script is
// replaced by a marker, so a golden file shows our markup only.
func TestGolden(t *testing.T) {
	dir := writeFixtureReports(t)
	for _, name := range Files {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			got := bytes.Replace(b, []byte(echartsJS), []byte("/* assets/echarts.min.js */"), 1)
			checkGolden(t, name, got)
		})
	}
	var ids bytes.Buffer
	for _, f := range listFiles(t, filepath.Join(dir, "ids")) {
		b, _ := os.ReadFile(filepath.Join(dir, "ids", f))
		fmt.Fprintf(&ids, "== %s\n%s", f, b)
	}
	checkGolden(t, "ids.txt", ids.Bytes())
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n%s", name, path, lineDiff(string(want), string(got)))
	}
}

// lineDiff lists the lines that differ, position by position, up to 20.
func lineDiff(want, got string) string {
	wl := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 20; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "line %d:\n- %.300s\n+ %.300s\n", i+1, w, g)
			shown++
		}
	}
	return b.String()
}

// TestAlertsTable passes alerts in through Options.Analytics (as complaints
// run does) and checks the weekly table: evidence shown, the complaints of
// the group and period listed behind the link, hostile group names escaped,
// metric alerts without a list.
func TestAlertsTable(t *testing.T) {
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	ratio := 4.0
	an := &Analytics{Alerts: []trend.Alert{
		{Kind: "spike", Dimension: "topic", Group: "billing", PeriodStart: "2024-03-25", Observed: 1, Expected: 0.25,
			Ratio: &ratio, PValue: 0.001, QValue: 0.01, Method: "test", Evidence: []string{"G-7-2"}},
		{Kind: "emerging", Dimension: "product", Group: hostile, PeriodStart: "2024-03-04", Observed: 1, Expected: 0,
			PValue: 0.002, QValue: 0.02, Method: "test", Evidence: []string{"H2"}},
		{Kind: "falling", Dimension: "all", Group: "all", PeriodStart: "2024-03-25", Observed: 10, Expected: 40,
			PValue: 0.003, QValue: 0.03, Method: "test", Metric: "nps"},
	}, Phrases: []trend.Phrase{
		{Phrase: hostile, PeriodStart: "2024-03-25", Observed: 3, Expected: 0.5, Ratio: 6, PValue: 0.001, QValue: 0.01,
			Method: "test", Merged: []string{"escrow"}, Evidence: []string{"G-7-1"}},
	}}
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "weekly.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if strings.Contains(page, hostile) {
		t.Errorf("weekly.html shows the hostile group unescaped")
	}
	tests := []struct {
		list string
		want []string
	}{
		{"weekly-alert-01", []string{"G-7-2"}}, // billing in the week of 03-25 (see TestAuditIDLists)
		{"weekly-alert-02", []string{"H2"}},    // H2, hostile product, received Sunday 03-10: ISO week of 03-04
	}
	for _, tt := range tests {
		recs := readCSV(t, filepath.Join(dir, "ids", tt.list+".csv"))
		var got []string
		for _, r := range recs[1:] {
			got = append(got, r[1])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ids/%s.csv = %v, want %v", tt.list, got, tt.want)
		}
		if !strings.Contains(page, `href="ids/`+tt.list+`.csv"`) {
			t.Errorf("weekly.html does not link ids/%s.csv", tt.list)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ids", "weekly-alert-03.csv")); err == nil {
		t.Errorf("a metric alert (NPS) got a complaint list")
	}
	_, emerging, _ := strings.Cut(page, `<section id="emerging">`)
	emerging, _, _ = strings.Cut(emerging, "</section>")
	// One emerging alert and one phrase, both hostile, both escaped. Every
	// narrative of the 12 weeks compared is redacted (H3, unredacted, is
	// older), so the phrase is shown.
	if strings.Count(emerging, "<tr><td") != 2 || strings.Count(emerging, "&lt;/script&gt;&lt;img src=x") != 2 {
		t.Errorf("weekly.html emerging section should list the emerging alert and phrase, escaped:\n%s", emerging)
	}
	if !strings.Contains(page, "all (nps)") {
		t.Errorf("weekly.html does not name the metric of the NPS alert")
	}
}

// TestDriversSection passes metrics.Drivers results in and checks the
// executive page: a row and a bar per topic, CSAT in percentage points,
// the summary naming the topic that pulls NPS down most, names escaped.
func TestDriversSection(t *testing.T) {
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	f := func(x float64) *float64 { return &x }
	an := &Analytics{
		Drivers: []metrics.Driver{
			{Metric: "nps", Topic: hostile, Responses: 40, Value: f(-30), Without: f(12), Overall: f(5), Impact: f(7),
				Coef: f(-35), CILow: f(-50), CIHigh: f(-20), PValue: f(0.0001), QValue: f(0.0001), Reference: metrics.ReferenceOther},
			{Metric: "csat", Topic: "fees", Responses: 35, Value: f(0.5), Without: f(0.7), Overall: f(0.65), Impact: f(0.05),
				Coef: f(-0.2), CILow: f(-0.35), CIHigh: f(-0.05), PValue: f(0.01), Reference: metrics.ReferenceOther},
		},
		Recovery: &metrics.Recovery{},
	}
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "executive.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(string(b), echartsJS, "", 1)
	for _, want := range []string{
		`data-chart="executive-drivers-nps"`,
		`data-chart="executive-drivers-csat"`,
		// CSAT shares scaled to percentage points: coefficient -0.2 -> -20.0.
		`<td class="num">-20.0</td>`,
		"the one that pulls NPS down most is &lt;/script&gt;&lt;img src=x",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("executive.html does not contain %q", want)
		}
	}
	if strings.Contains(page, hostile) {
		t.Errorf("executive.html shows the hostile topic unescaped")
	}
}

// TestEmptyWarehouse writes the reports of a warehouse with no data: every
// page is written and says so, rather than failing or inventing numbers.
func TestEmptyWarehouse(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "empty.duckdb")
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir}); err != nil {
		t.Fatal(err)
	}
	for _, f := range Files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(b), "holds no complaints") {
		t.Errorf("index.html of an empty warehouse does not say it is empty")
	}
	// Every page says nothing was loaded, and none is dated in 1970 or
	// shows periods of 1969 (the report date of no data was 1970-01-01:
	// QA pass P).
	for _, f := range Files {
		page := readPage(t, dir, f)
		if !strings.Contains(page, "Nothing has been loaded") {
			t.Errorf("%s does not say nothing has been loaded", f)
		}
		if m := regexp.MustCompile(`19[67][0-9]-[01][0-9]-[0-3][0-9]`).FindString(page); m != "" {
			t.Errorf("%s of an empty warehouse shows the date %s", f, m)
		}
	}
}

// TestSurveyOnlyWarehouse: the weekly, defects and audit reports read
// complaints; of a warehouse that holds survey responses only (the NPS
// verbatims) they say so once, rather than a table of periods with no
// columns, empty share and heatmap tables, "0" repeat complaints and an
// ageing chart and completeness table of zeros. The weekly page keeps its
// trend alerts (survey scores are judged there), the audit its lineage
// (files loaded, records rejected), and the executive page shows the
// scores.
func TestSurveyOnlyWarehouse(t *testing.T) {
	dir := reportsOf(t, fixtureAsOf, `INSERT INTO surveys (response_id, source, responded_at, nps, comment, ingest_run_id, row_hash)
		SELECT 'S' || i, 'survey', TIMESTAMP '2024-01-01 09:00' + i * INTERVAL 1 DAY, i % 11, 'slow support', 1, i
		FROM range(80) t(i)`)
	read := func(f string) string { return html.UnescapeString(readPage(t, dir, f)) }
	const says = "The warehouse holds no complaints received on or before the report date, and this report reads complaints."
	for f, absent := range map[string][]string{
		"weekly.html":  {`id="volume"`, `id="rates"`, `id="this-period"`, `id="times"`, `id="emerging"`},
		"defects.html": {`id="heatmap"`, `id="recurring"`, `id="repeat"`, `id="examples"`},
	} {
		pageHas(t, f, read(f), []string{says}, absent)
	}
	if !strings.Contains(read("weekly.html"), `id="alerts"`) {
		t.Error("weekly.html lost its trend alerts")
	}
	index := read("index.html")
	if !strings.Contains(index, "only survey responses: the executive report shows them") || strings.Contains(index, `id="by-month"`) {
		t.Error("index.html does not say the warehouse holds survey responses only, or lists complaints by month")
	}
	// the audit lists what was loaded, and audits no complaint handling
	audit := read("audit.html")
	if !strings.Contains(audit, "there is no complaint handling to audit") || !strings.Contains(audit, `id="lineage"`) {
		t.Error("audit.html does not say there is nothing to audit, or lost the files loaded")
	}
	pageHas(t, "audit.html", audit, nil, []string{`id="acknowledgement"`, `id="ageing"`, `id="completeness"`, `id="rates"`})
	exec := read("executive.html")
	if !strings.Contains(exec, `data-chart="executive-nps"`) {
		t.Error("executive.html does not chart the NPS of the survey responses")
	}
	if !strings.Contains(exec, "The warehouse holds no complaints received on or before the report date.") || strings.Contains(exec, "0 complaints were received") {
		t.Error("executive.html's summary counts complaints in a warehouse of survey responses")
	}
	// responses with no customer ID and no complaint fall in no
	// service-recovery group, which must not read as no responses at all
	if !strings.Contains(exec, "No survey response falls in a group: a response counts when it links to a complaint, or carries a customer ID") {
		t.Error("executive.html's service recovery does not say why no response is in a group")
	}
}

// TestPhrasesNeedRedaction checks that emerging phrases are withheld while
// a narrative of the periods compared has not been redacted: the trend
// stage would have mined the raw text.
func TestPhrasesNeedRedaction(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, narrative, ingest_run_id, row_hash)
		VALUES ('R1', 'raw', TIMESTAMP '2024-03-27 10:00', ?, 1, 1)`, "call Jane Doe on 555 0100"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	an := &Analytics{Phrases: []trend.Phrase{{Phrase: "jane doe", PeriodStart: "2024-03-25", Observed: 5, Evidence: []string{"R1"}}}}
	if err := Write(ctx, db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "weekly.html"))
	if strings.Contains(string(b), "jane doe") {
		t.Errorf("weekly.html shows a phrase mined from an unredacted narrative")
	}
	if !strings.Contains(string(b), "1 narrative of the periods compared has not been redacted") {
		t.Errorf("weekly.html does not say why phrases are withheld")
	}
}

// TestAuditPeriodsWithNothingDue: a complaint of the source that records no
// timestamps ("untracked", like U1), received in a week with no other
// complaint, is counted as not judged, and its week gets no row of zeros in
// the acknowledgement and resolution tables. Before, every period of such a
// source's history was listed, due 0.
func TestAuditPeriodsWithNothingDue(t *testing.T) {
	page := auditPageWith(t, `INSERT INTO complaints (complaint_id, source, received_at, product, narrative, status, resolution, ingest_run_id, row_hash)
		VALUES ('U2', 'untracked', TIMESTAMP '2023-06-07 10:00', 'Credit card', 'old statement', 'closed', 'Closed with explanation', 2, 999)`)
	if !strings.Contains(page, "2 not judged: their source records no response or resolution times") { // U1 and U2
		t.Errorf("audit.html does not count U2 as not judged")
	}
	if strings.Contains(page, `<td class="date" title="week 2023-06-05 to 2023-06-11">2023-06-05</td>`) { // U2's week (Monday)
		t.Errorf("audit.html lists U2's week, in which nothing was due")
	}
}

// TestAuditClassifyRuns: the audit page's lineage lists the classify runs
// recorded in classify_runs, in order, with the model name escaped (it
// holds a taxonomy's file name).
func TestAuditClassifyRuns(t *testing.T) {
	page := auditPageWith(t,
		`INSERT INTO classify_runs (classified_at, model, all_complaints, classified, through_ingest_run) VALUES (TIMESTAMP '2024-03-02 10:00:00', 'classify/1 taxonomy:<b>ours</b>@2', false, 41, 1)`,
		`INSERT INTO classify_runs (classified_at, model, all_complaints, classified, through_ingest_run) VALUES (TIMESTAMP '2024-03-01 09:00:00', 'classify/1 taxonomy:default@2', true, 40, 1)`)
	first := strings.Index(page, "classify/1 taxonomy:default@2")
	second := strings.Index(page, "classify/1 taxonomy:&lt;b&gt;ours&lt;/b&gt;@2")
	if first < 0 || second < first {
		t.Errorf("audit.html lists the classify runs at %d and %d; want both, the earlier (default taxonomy) first", first, second)
	}
	if strings.Contains(page, "<b>ours</b>") {
		t.Error("audit.html writes a model name unescaped")
	}
	for _, want := range []string{"Classify runs", "every complaint", "unclassified complaints"} {
		if !strings.Contains(page, want) {
			t.Errorf("audit.html does not contain %q", want)
		}
	}
}

// auditPageWith writes the reports of the fixture warehouse with the
// statements extra run on it (fixtureWarehouseWith) and returns audit.html.
func auditPageWith(t *testing.T, extra ...string) string {
	t.Helper()
	page, _ := pageWith(t, "audit.html", extra...)
	return page
}

// pageHas fails the test for each string of want that page (named name)
// lacks and each of absent that it has.
func pageHas(t *testing.T, name, page string, want, absent []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
	for _, a := range absent {
		if strings.Contains(page, a) {
			t.Errorf("%s has %q", name, a)
		}
	}
}

// reportsOf writes, as of asOf, the reports of a new warehouse holding
// what the statements insert, and returns the output directory.
func reportsOf(t *testing.T, asOf time.Time, stmts ...string) (dir string) {
	t.Helper()
	_, dir = auditOf(t, asOf, stmts...)
	return dir
}

// auditOf writes, as of asOf, the reports of a new warehouse holding what
// the statements insert, and returns the warehouse (for the metrics to
// compare with) and the output directory.
func auditOf(t *testing.T, asOf time.Time, stmts ...string) (*warehouse.DB, string) {
	t.Helper()
	ctx := context.Background()
	db := openTestDB(t)
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	return db, dir
}

// readPage returns the page file of the reports in dir, its dates
// without the spans that keep them on one line (undated).
func readPage(t *testing.T, dir, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	return undated(string(b))
}

// pageWith writes the reports of the fixture warehouse with the statements
// extra run on it, and returns the page file and the output directory.
func pageWith(t *testing.T, file string, extra ...string) (page, dir string) {
	t.Helper()
	db := fixtureWarehouseWith(t, extra...)
	dir = t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf}); err != nil {
		t.Fatal(err)
	}
	return readPage(t, dir, file), dir
}

// sameNumber reports whether a page's cell and a figure written by a test
// are the same number (a column written with one decimal shows 100 as
// "100.0"), or the same text.
func sameNumber(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA != nil || errB != nil {
		return a == b
	}
	return x == y
}

// TestWeeklyResolvedShareNoResolutionTimes: with no complaint resolved
// with a time in any week shown, the resolution times are unknown, but the
// share resolved by the report date is known (0 of 2 here, as the metrics'
// resolution rate): the page kept it only where some resolution time was
// (QA pass V: a week with one complaint, open, lost its 0%). First
// responses in 2 and 1 hours: median 1.5, P90 1.9 (1 + 0.9 x 1).
func TestWeeklyResolvedShareNoResolutionTimes(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, first_response_at, product, status, ingest_run_id, row_hash) VALUES
		('1', 's', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-04 12:00', 'card', 'open', 1, 1),
		('2', 's', TIMESTAMP '2024-03-05 10:00', TIMESTAMP '2024-03-05 11:00', 'card', 'open', 1, 2)`)
	page := readPage(t, dir, "weekly.html")
	i := strings.Index(page, `id="times"`)
	if i < 0 {
		t.Fatal("weekly.html has no times section")
	}
	sec := page[i:]
	if j := strings.Index(sec, "</section>"); j >= 0 {
		sec = sec[:j]
	}
	pageHas(t, "weekly.html times", sec, []string{`<th scope="col" class="num">resolved by report date %</th>`, `<td class="num">1.5</td><td class="num">1.9</td><td class="num">0</td></tr>`}, nil)
}

// TestTargetsAsMetrics: the weekly page's SLA and first-response figures
// are the ones `complaints metrics` computes for the same weeks, with the
// default targets and with others and holidays given to both. Before, the
// pages judged the acknowledgement by the end of the third business day
// after the receipt's date and counted a complaint only once both targets
// were due, the metrics by 72 working hours and as missed as soon as one
// was: on the demo data the week of 2020-03-09 read 100% on the page and
// 91.4% in the metrics. In the fixture, H2 (received Sunday 2024-03-10,
// never acknowledged, its resolution not yet due) now makes its week 4 of
// 5, as the metrics count it.
func TestTargetsAsMetrics(t *testing.T) {
	// U2, beside U1 in the source that records no resolution times:
	// closed, received Tue 03-05, in run 2, whose latest receipt (H7's
	// 04-02) is after every report date here. Whether it was resolved by
	// then is not known: the metrics leave it out of the resolution rate,
	// the page counted it resolved (week 03-04: 5 of 6 on the page, 4 of 5
	// in the metrics: QA pass R).
	db := fixtureWarehouseWith(t, `INSERT INTO complaints (complaint_id, source, received_at, status, ingest_run_id, row_hash)
		VALUES ('U2', 'untracked', TIMESTAMP '2024-03-05 10:00', 'closed', 2, 99)`)
	// complaints, first response, resolution, p90, resolved %, SLA, then timely % and n
	rowRE := regexp.MustCompile(`<tr><td class="date" title="week \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d">(\d{4}-\d\d-\d\d)</td>((?:<td class="num">[^<]*</td>){10})</tr>`)
	cellRE := regexp.MustCompile(`<td class="num">([^<]*)</td>`)
	for _, tt := range []struct {
		name     string
		opts     Options
		holidays []time.Time
	}{
		{"defaults", Options{}, nil},
		// as of Sunday 03-17, neither run exported yet (run 1's latest
		// receipt is 03-28)
		{"as of a past date", Options{AsOf: time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC)}, nil},
		// Wednesday 2024-03-13 a holiday: H2's acknowledgement, due by
		// the end of 03-13 by default, is due by the end of 03-14 instead
		{"targets and holidays", Options{AckTargetDays: 1.5, ResolutionTargetDays: 1.5,
			Holidays: []time.Time{time.Date(2024, 3, 13, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 6, 0, 0, 0, 0, time.UTC)}}, nil},
		// durations in business hours, as `complaints metrics
		// --business-hours` gives them (an auditor found the pages in
		// calendar hours only: QA pass V)
		{"business hours", Options{BusinessHours: true,
			Holidays: []time.Time{time.Date(2024, 3, 13, 0, 0, 0, 0, time.UTC)}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			opts := tt.opts
			opts.OutDir = dir
			if opts.AsOf.IsZero() {
				opts.AsOf = fixtureAsOf
			}
			if err := Write(context.Background(), db, opts); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "weekly.html"))
			if err != nil {
				t.Fatal(err)
			}
			i := bytes.Index(b, []byte(`id="times"`))
			if i < 0 {
				t.Fatal("weekly.html has no times section")
			}
			page := map[string][]string{} // week -> complaints, first response (median, p90), resolution (median, p90), resolved %, SLA, open not yet due, timely
			for _, m := range rowRE.FindAllSubmatch(b[i:], -1) {
				var cells []string
				for _, c := range cellRE.FindAllSubmatch(m[2], -1) {
					cells = append(cells, string(c[1]))
				}
				page[string(m[1])] = cells
			}
			ack, res := opts.AckTargetDays, opts.ResolutionTargetDays
			if ack == 0 {
				ack, res = 3, 56
			}
			rows, err := metrics.Compute(context.Background(), db, metrics.Options{Period: "week", AsOf: opts.AsOf,
				AckTargetDays: ack, ResolutionTarget: time.Duration(res * float64(24*time.Hour)), Holidays: opts.Holidays,
				BusinessHours: opts.BusinessHours})
			if err != nil {
				t.Fatal(err)
			}
			compared := 0
			for _, r := range rows {
				week := r.PeriodStart
				cells, ok := page[week]
				if !ok || r.Complaints == 0 {
					continue
				}
				want := func(v *float64, scale float64) string {
					if v == nil {
						return ""
					}
					return strconv.FormatFloat(math.Round(*v*scale*10)/10, 'f', -1, 64)
				}
				// the share resolved by the report date is the metrics'
				// resolution rate (it counted only complaints with a
				// resolution time: an exploratory QA pass)
				if got, w := cells[5], want(r.ResolutionRate, 100); !sameNumber(got, w) && !(w == "" && got == "n/a") {
					t.Errorf("week %s: page resolved by report date %q, metrics resolution rate %q", week, got, w)
				}
				// the metrics give the rate of those judged so far; the
				// page, as the audit, n/a while some are open within the
				// resolution target (open, not yet due)
				if got, w := cells[6], want(r.SLAMetRate, 100); !sameNumber(got, w) && !(w == "" && got == "n/a") && !(got == "n/a" && cells[7] != "0") {
					t.Errorf("week %s: page SLA met %q (%s open, not yet due), metrics %q", week, got, cells[7], w)
				}
				if got, w := cells[1], want(r.MedianFirstResponseHours, 1); !sameNumber(got, w) && !(w == "" && got == "n/a") {
					t.Errorf("week %s: page median first response %q, metrics %q", week, got, w)
				}
				if got, w := cells[2], want(r.P90FirstResponseHours, 1); !sameNumber(got, w) && !(w == "" && got == "n/a") {
					t.Errorf("week %s: page p90 first response %q, metrics %q", week, got, w)
				}
				if got, w := cells[3], want(r.MedianResolutionHours, 1); !sameNumber(got, w) && !(w == "" && got == "n/a") {
					t.Errorf("week %s: page median resolution %q, metrics %q", week, got, w)
				}
				if got, w := cells[4], want(r.P90ResolutionHours, 1); !sameNumber(got, w) && !(w == "" && got == "n/a") {
					t.Errorf("week %s: page p90 resolution %q, metrics %q", week, got, w)
				}
				// the share answered in time, of how many (timely n)
				if got, w := cells[9], strconv.FormatInt(r.TimelyN, 10); got != w {
					t.Errorf("week %s: page timely n %q, metrics %q", week, got, w)
				}
				compared++
			}
			if compared < 6 {
				t.Errorf("compared %d weeks, want the fixture's 6 or more", compared)
			}
		})
	}
}

// TestAuditHolidays: holidays are not business days for the ageing of open
// complaints. H8, received Tuesday 2024-03-26 09:00 and open at the report
// date, is 87 working hours old at the cutoff (Monday 04-01 00:00), past
// the 72 of the acknowledgement target: aged 2. With Good Friday 03-29 and
// Thursday 03-28 as holidays it is 39 hours old: aged 1, with H4 (received
// Friday 03-29, 9 hours old without holidays, none with them).
func TestAuditHolidays(t *testing.T) {
	db := fixtureWarehouse(t)
	for _, tt := range []struct {
		holidays     []time.Time
		age1, age2   []string
		settingsText string
	}{
		{nil, []string{"H4"}, []string{"H2", "H8"}, "Mon-Fri, no holidays"},
		{[]time.Time{time.Date(2024, 3, 28, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 29, 0, 0, 0, 0, time.UTC)},
			[]string{"H4", "H8"}, []string{"H2"}, "Mon-Fri, less 2 holidays"},
	} {
		dir := t.TempDir()
		if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Holidays: tt.holidays}); err != nil {
			t.Fatal(err)
		}
		for list, want := range map[string][]string{"audit-age-1": tt.age1, "audit-age-2": tt.age2} {
			recs := readCSV(t, filepath.Join(dir, "ids", list+".csv"))
			col := slices.Index(recs[0], "complaint_id")
			var got []string
			for _, r := range recs[1:] {
				got = append(got, r[col])
			}
			if !slices.Equal(got, want) {
				t.Errorf("holidays %v: %s = %v, want %v", tt.holidays, list, got, want)
			}
		}
		if b, err := os.ReadFile(filepath.Join(dir, "index.html")); err != nil || !strings.Contains(string(b), tt.settingsText) {
			t.Errorf("holidays %v: index.html does not say %q (%v)", tt.holidays, tt.settingsText, err)
		}
	}
}

// TestChangeNoise: the executive summary judges a week-on-week change of a
// score by metrics.ScoreChange's pooled test, and says when too few answered
// to tell. Week of 2024-03-04: 40 responses, NPS 10 promoters and 10
// detractors (0), CSAT 20 of 40. Week of 2024-03-11, first case: one
// response, promoter and satisfied: the page said "beyond the two weeks'
// sampling noise (p < 0.001)" from an NPS interval of no width; it now
// says too few answered to tell whether it changed, and gives both
// figures (TestSummaryFewResponses). Second case:
// 40 responses, 30 promoters and 4 detractors (65), CSAT 30 of 40: pooled
// P = 40/80, D = 14/80, se = 100 sqrt((0.675 - 0.325^2) / 20) = 16.810,
// z = 65 / 16.810 = 3.867, p = 0.00011 (python3 math.erfc); CSAT pooled
// 50/80, se = sqrt(0.625 x 0.375 / 20) = 0.10825, z = 0.25 / 0.10825 = 2.309,
// p = 0.021.
func TestChangeNoise(t *testing.T) {
	week1 := `INSERT INTO surveys (response_id, source, responded_at, nps, csat, ingest_run_id, row_hash)
		SELECT 'a' || i, 'svy', TIMESTAMP '2024-03-04 10:00' + (i % 5) * INTERVAL 1 DAY,
			CASE WHEN i < 10 THEN 10 WHEN i < 20 THEN 3 ELSE 7 END, CASE WHEN i < 20 THEN 5 ELSE 2 END, 1, i
		FROM range(40) t(i)`
	asOf := time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC)
	summary := func(stmts ...string) string {
		page := html.UnescapeString(readPage(t, reportsOf(t, asOf, stmts...), "executive.html"))
		return page[strings.Index(page, `id="summary"`):strings.Index(page, `id="nps"`)]
	}
	one := summary(week1, `INSERT INTO surveys (response_id, source, responded_at, nps, csat, ingest_run_id, row_hash)
		VALUES ('b0', 'svy', TIMESTAMP '2024-03-12 10:00', 10, 5, 1, 100)`)
	pageHas(t, "one response in the latest week: summary", one, []string{
		"NPS was 100 (1 response, all promoters, for which the interval formula gives no width: the true NPS may be lower; too few for the rule of three to bound it) in the week of 2024-03-11, against 0 (40 responses) the week before; too few responses to tell whether it changed (a test needs 30 in each week).",
		"CSAT was 100.0% (95% CI 20.7% to 100.0%, 1 response) in the week of 2024-03-11, against 50.0% (40 responses) the week before; too few responses to tell whether it changed",
	}, []string{"sampling noise", "rose"})
	many := summary(week1, `INSERT INTO surveys (response_id, source, responded_at, nps, csat, ingest_run_id, row_hash)
		SELECT 'b' || i, 'svy', TIMESTAMP '2024-03-11 10:00' + (i % 5) * INTERVAL 1 DAY,
			CASE WHEN i < 30 THEN 9 WHEN i < 34 THEN 0 ELSE 8 END, CASE WHEN i < 30 THEN 4 ELSE 1 END, 1, 100 + i
		FROM range(40) t(i)`)
	for _, want := range []string{
		"NPS rose 65 points to 65 (95% CI", "40 responses) in the week of 2024-03-11: against the week before alone, beyond the two weeks' sampling noise (p < 0.001;",
		"CSAT rose 25.0 percentage points to 75.0%", "beyond the two weeks' sampling noise (p = 0.021;",
	} {
		if !strings.Contains(many, want) {
			t.Errorf("40 responses in each week: summary lacks %q:\n%s", want, many)
		}
	}
}

// TestTimesWithoutTimestamps: a source that records no response or
// resolution time (the CFPB export) cannot be measured against times or
// the SLA; the weekly page says so in place of a column of n/a per week,
// and charts the source's own timeliness verdict where complaints carry
// one. Hand-counted: the week of 2024-03-04 has 3 complaints, 2 of them
// timely and 1 with no verdict (50% of 2, the timely n); the week of
// 2024-03-11 one timely of one (100% of 1).
func TestTimesWithoutTimestamps(t *testing.T) {
	for _, tt := range []struct {
		name   string
		timely [4]string
		want   []string
		absent []string
	}{
		{"timely", [4]string{"true", "false", "NULL", "true"}, []string{
			"No complaint received in the 3 weeks shown has a first response or resolution time recorded",
			"charted instead",
			`<tr><td class="date" title="week 2024-03-04 to 2024-03-10">2024-03-04</td><td class="num">3</td><td class="num">50</td><td class="num">2</td></tr>`,
			`<tr><td class="date" title="week 2024-03-11 to 2024-03-17">2024-03-11</td><td class="num">1</td><td class="num">100</td><td class="num">1</td></tr>`,
			`<tr><td class="date" title="week 2024-03-18 to 2024-03-24">2024-03-18</td><td class="num">0</td><td class="num">n/a</td><td class="num">0</td></tr>`,
			`data-chart="weekly-times"`,
		}, []string{"median first response h", "2024-02-26"}}, // the weeks start with the first complaint's
		{"no verdict", [4]string{"NULL", "NULL", "NULL", "NULL"}, []string{
			"No complaint received in the 3 weeks shown has a first response or resolution time recorded",
			"Nor does any carry the source",
		}, []string{"median first response h", "timely %", `data-chart="weekly-times"`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := readPage(t, cfpbLikeReports(t, tt.timely), "weekly.html")
			i := strings.Index(page, `id="times"`)
			if i < 0 {
				t.Fatal("weekly.html has no times section")
			}
			pageHas(t, "times section", html.UnescapeString(page[i:]), tt.want, tt.absent)
		})
	}
}

// cfpbLikeReports writes the reports of four complaints as a CFPB export
// has them: no response or resolution time, no customer ID, no survey;
// timely holds each one's timely value as SQL (true, false or NULL). They
// are received 2024-03-04, 05 and 06, and 2024-03-12; the report date is
// 2024-03-24.
func cfpbLikeReports(t *testing.T, timely [4]string) (dir string) {
	t.Helper()
	return reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC), `INSERT INTO complaints (complaint_id, source, received_at, product, timely, ingest_run_id, row_hash)
		VALUES ('a', 's', TIMESTAMP '2024-03-04 10:00', 'card', `+timely[0]+`, 1, 1),
		       ('b', 's', TIMESTAMP '2024-03-05 10:00', 'card', `+timely[1]+`, 1, 2),
		       ('c', 's', TIMESTAMP '2024-03-06 10:00', 'loan', `+timely[2]+`, 1, 3),
		       ('d', 's', TIMESTAMP '2024-03-12 10:00', 'loan', `+timely[3]+`, 1, 4)`)
}

// TestExecutiveWithoutSurveysOrCustomers: with no survey response and no
// customer ID (a CFPB export), the executive page says once that NPS and
// CSAT cannot be reported, and that churn signals cannot be read, rather
// than print a table of n/a per week for each score, empty driver tables,
// a service-recovery table of n/a, and "0 customers show at least one
// churn signal", which reads as a finding. The audit, of complaints none
// of which records a time, says they cannot be judged against the targets
// rather than show two tables of no rows.
func TestExecutiveWithoutSurveysOrCustomers(t *testing.T) {
	out := cfpbLikeReports(t, [4]string{"true", "true", "true", "true"})
	pageHas(t, "executive.html", html.UnescapeString(readPage(t, out, "executive.html")), []string{
		"No survey responses were loaded: NPS and CSAT cannot be reported.",
		"No complaint carries a customer ID, so no customer's churn signals can be read",
		"0 complaints were received in the week of 2024-03-18, down 100% from 1 the week before.",
	}, []string{"customers show at least one churn signal", "95% low</th>", "customers with a churn signal", "n/a to n/a", "no rows",
		`id="nps"`, `id="csat"`, `id="drivers-nps"`, `id="comments"`, `id="recovery"`})
	// the audit: no complaint can be judged against the targets, said in
	// place of two empty tables
	audit := html.UnescapeString(readPage(t, out, "audit.html"))
	for _, want := range []string{
		"No complaint can be judged against the acknowledgement target: their sources record no response or resolution times",
		"No complaint can be judged against the resolution target: their sources record no resolution times",
	} {
		if n := strings.Count(audit, want); n != 1 {
			t.Errorf("audit.html says %d times %q, want once", n, want)
		}
	}
	if strings.Contains(audit, "Due counts link to every complaint due") {
		t.Error("audit.html explains the due counts of tables it should not show")
	}
	if _, err := os.Stat(filepath.Join(out, "ids", "executive-churn.csv")); err != nil {
		t.Errorf("the churn list is not written (empty, a header alone): %v", err)
	}
}

// TestWindow: the periods the pages show end with the latest complete one
// and start no earlier than the period of the first data in scope, so the
// weeks before anything was loaded are not shown as weeks of no
// complaints (the airline tweets, 8 days of February 2015, had 25 empty
// weeks before their one).
func TestWindow(t *testing.T) {
	cutoff := time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC) // report date Sunday 2024-03-24
	for _, tt := range []struct {
		name        string
		earliest    time.Time
		n           int
		first, last string
	}{
		{"no data", time.Time{}, 26, "2023-09-25", "2024-03-18"},
		{"data from long before", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), 26, "2023-09-25", "2024-03-18"},
		{"data from mid-week", time.Date(2024, 3, 6, 15, 0, 0, 0, time.UTC), 3, "2024-03-04", "2024-03-18"},
		{"data in the latest week only", time.Date(2024, 3, 24, 23, 0, 0, 0, time.UTC), 1, "2024-03-18", "2024-03-18"},
		{"data after it, in the week not yet complete", time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC), 1, "2024-03-18", "2024-03-18"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &run{opt: Options{Period: "week"}, cutoff: cutoff, earliest: tt.earliest}
			ps := r.window(shownPeriods)
			if len(ps) != tt.n || dateText(ps[0]) != tt.first || dateText(ps[len(ps)-1]) != tt.last {
				t.Errorf("window = %d periods %s to %s, want %d, %s to %s", len(ps), dateText(ps[0]), dateText(ps[len(ps)-1]), tt.n, tt.first, tt.last)
			}
		})
	}
}

// TestPriorAverageSinceData: the weekly page's prior average is over the
// prior weeks in the data, not 8 weeks of which most came before the
// first complaint (the airline tweets' one week read "prior 8 average
// 0.0"). Hand-counted: the 4 unclassified complaints fall in the weeks of
// 2024-03-04 (3) and 2024-03-11 (1), the 2 weeks before the latest
// (2024-03-18, none): average 2.0, ratio 0.00.
func TestPriorAverageSinceData(t *testing.T) {
	page := readPage(t, cfpbLikeReports(t, [4]string{"true", "true", "true", "true"}), "weekly.html")
	i := strings.Index(page, `id="this-period"`)
	if i < 0 {
		t.Fatal("weekly.html has no this-period section")
	}
	sec := page[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	for _, w := range []string{
		`<th scope="col" class="num">prior 2 average</th>`,
		`<td class="num">2.0</td><td class="num">0.00</td>`,
		"The data starts 2024-03-04: the average is over the 2 weeks since (of 8).",
	} {
		if !strings.Contains(sec, w) {
			t.Errorf("this-period section lacks %q:\n%s", w, sec)
		}
	}
}

// TestVolumeSummary: the executive summary's complaint volume for the one
// period of data (the airline tweets' week said only "Not enough periods
// for a comparison", hiding 7,176 complaints and their negative share),
// and for two.
func TestVolumeSummary(t *testing.T) {
	r := &run{opt: Options{Period: "week"}}
	week := func(d int) time.Time { return time.Date(2015, 2, d, 0, 0, 0, 0, time.UTC) }
	// 3,437 of 7,176 is 47.9%; the counts are said beside the share (a
	// QA pass read 48.1% after 68.8%, of 27 and 16 texts, with no count)
	vol := &result{cols: []string{"period", "complaints", "survey responses", "read for sentiment", "negative", "negative %", "not english", "undetermined", "unclassified"},
		rows: [][]any{{week(16), int64(7176), int64(0), int64(7176), int64(3437), 47.9, int64(0), int64(0), int64(0)}}}
	got := strings.Join(r.volumeSummary(vol), " ")
	want := "7,176 complaints were received in the week of 2015-02-16, the first week of the data. 47.9% of the complaints read for sentiment that week were negative (3,437 of 7,176)."
	if got != want {
		t.Errorf("one week:\n got %q\nwant %q", got, want)
	}
	vol.rows = append([][]any{{week(9), int64(100), int64(0), int64(0), int64(0), nil, int64(0), int64(0), int64(0)}}, vol.rows...)
	if got := r.volumeSummary(vol)[0]; got != "7,176 complaints were received in the week of 2015-02-16, up 7076% from 100 the week before." {
		t.Errorf("two weeks: %q", got)
	}
	// one complaint (QA pass V: "1 complaints were received")
	vol.rows[1][1] = int64(1)
	if got := r.volumeSummary(vol)[0]; got != "1 complaint was received in the week of 2015-02-16, down 99% from 100 the week before." {
		t.Errorf("one complaint: %q", got)
	}
}

// TestDefectsByCompany: where no complaint of the periods names a product
// (tweets to airlines), the defects page sets topics against the company,
// which is where they recur, rather than a heatmap of one column,
// "unknown"; with a product known, it stays by product.
func TestDefectsByCompany(t *testing.T) {
	for _, tt := range []struct {
		name, product string
		want, absent  []string
	}{
		{"no product", "NULL", []string{"Topics by company", "Most recurrent topic and company pairs",
			"<th scope=\"col\" class=\"num\">Delta</th>", "<th scope=\"col\" class=\"num\">United</th>"}, []string{"Topics by product"}},
		{"a product", "'Flights'", []string{"Topics by product", "<th scope=\"col\" class=\"num\">Flights</th>"}, []string{"Topics by company"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := readPage(t, reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
				`INSERT INTO complaints (complaint_id, source, received_at, company, product, ingest_run_id, row_hash)
				SELECT 'T' || i, 'tweets', TIMESTAMP '2024-03-04 10:00' + i * INTERVAL 1 HOUR,
				       CASE WHEN i % 3 = 0 THEN 'Delta' ELSE 'United' END, `+tt.product+`, 1, i
				FROM range(12) t(i)`), "defects.html")
			pageHas(t, "defects.html", page, tt.want, tt.absent)
		})
	}
}

// TestChurnFigureCountsAll: the executive page's count of customers with a
// churn signal is metrics.Churn's total, not the length of the list it
// keeps (the demo's read "100", the list's default length). The fixture's
// analytics are computed, the list cut to its riskiest customer as a
// limit would, and the page must still count them all.
func TestChurnFigureCountsAll(t *testing.T) {
	ctx := context.Background()
	db := fixtureWarehouse(t)
	an, err := Analyze(ctx, db, Options{AsOf: fixtureAsOf})
	if err != nil {
		t.Fatal(err)
	}
	if an.ChurnTotal < 2 || an.ChurnTotal != int64(len(an.Churn)) {
		t.Fatalf("fixture: %d customers with a signal, %d listed: want 2 or more, all listed", an.ChurnTotal, len(an.Churn))
	}
	an.Churn = an.Churn[:1]
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	pageHas(t, "executive.html", readPage(t, dir, "executive.html"), []string{
		fmt.Sprintf("%d customers show at least one churn signal.", an.ChurnTotal),
		">" + thousands(an.ChurnTotal) + "</a>",
		"the list holds the riskiest 1",
	}, nil)
}

// TestRejectsByKind: the audit groups rejected records by the kind of
// their reason, without the record each reason names or the value it
// quotes, so 2,222 replies kept out by a mapping are one row, not 2,222.
// Each row and record names its run's file (a run number alone sent a QA
// pass to the files' table).
func TestRejectsByKind(t *testing.T) {
	dir := reportsOf(t, fixtureAsOf, `INSERT INTO ingest_runs (run_id, started_at, file, sha256, profile, target, rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected)
		VALUES (1, TIMESTAMP '2024-03-18 08:00', '/data/replies.csv', 'x', 'generic', 'complaints', 6, 0, 0, 0, 6)`, `INSERT INTO rejects (run_id, record_number, raw, reason) VALUES
		(1, 3, 'a', 'record 3, field inbound: ''False'' is not kept by the mapping'),
		(1, 5, 'b', 'record 5, field inbound: ''False'' is not kept by the mapping'),
		(1, 9, 'c', 'record 9: field received_at: cannot read ''31/02/2024'' as timestamp'),
		(1, 7, 'd', 'record 7: field received_at: cannot read ''yesterday'' as timestamp'),
		(1, 8, 'e', 'record 8, field nps: 11 is outside 0..10'),
		(1, 11, 'f', 'record 11, field received_at: cannot read ''it''''s jane@example.com card 4111 1111 1111 1111'' as timestamp')`)
	pageHas(t, "audit.html", html.UnescapeString(withoutAria(readPage(t, dir, "audit.html"))), []string{
		// each reason's count is its rows of the list, which the total
		// links (TestAuditRejectLinks)
		`<a href="ids/audit-rejects.csv">6</a>`,
		`<td dir="auto">/data/replies.csv</td><td dir="auto">field inbound: '…' is not kept by the mapping</td><td class="num">2</td><td class="num">3</td>`,
		`<td dir="auto">field received_at: cannot read '…' as timestamp</td><td class="num">3</td><td class="num">7</td>`,
		`<td dir="auto">field nps: 11 is outside 0..10</td><td class="num">1</td><td class="num">8</td>`,
	}, nil)
	// the CSV holds no source value either: one with an apostrophe ("it's")
	// showed from it on, in the CSV whole (QA pass M)
	got := readCSV(t, filepath.Join(dir, "ids", "audit-rejects.csv"))
	if len(got) != 7 || got[0][1] != "file" || got[1][1] != "/data/replies.csv" || got[1][3] != "record 3, field inbound: '…' is not kept by the mapping" ||
		got[6][3] != "record 11, field received_at: cannot read '…' as timestamp" {
		t.Errorf("audit-rejects.csv = %q, want a header and the 6 records with their reasons, values masked", got)
	}
	for _, f := range []string{filepath.Join(dir, "audit.html"), filepath.Join(dir, "ids", "audit-rejects.csv")} {
		if b, err := os.ReadFile(f); err != nil || strings.Contains(string(b), "4111") || strings.Contains(string(b), "jane@") {
			t.Errorf("%s shows the rejected value's text (%v)", f, err)
		}
	}
}

// TestIndexMonthsWithout: the index lists every month from the first
// complaint's to the last one's, a month with none as 0, so that its chart
// (an axis of months) does not join the months either side of a gap. In
// its table, three or more empty months in a row are one row: two are
// listed (2024-02, 2024-03), four are not (2024-05 to 2024-08).
func TestIndexMonthsWithout(t *testing.T) {
	page := readPage(t, reportsOf(t, time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash) VALUES
		('a', 's', TIMESTAMP '2024-01-15', 1, 1), ('b', 's', TIMESTAMP '2024-01-20', 1, 2), ('c', 's', TIMESTAMP '2024-04-02', 1, 3),
		('d', 's', TIMESTAMP '2024-09-02', 1, 4)`), "index.html")
	rows := regexp.MustCompile(`<tr><td class="date" title="([^"]*)">([^<]*)</td><td class="num">([^<]*)</td></tr>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, r := range rows {
		got = append(got, r[2]+": "+r[3]+" ("+r[1]+")")
	}
	// each row's title its months' days, a run of empty months' from the
	// first's first to the last's last
	want := []string{"2024-01: 2 (month 2024-01-01 to 2024-01-31)", "2024-02: 0 (month 2024-02-01 to 2024-02-29)",
		"2024-03: 0 (month 2024-03-01 to 2024-03-31)", "2024-04: 1 (month 2024-04-01 to 2024-04-30)",
		"2024-05 to 2024-08: 0 (months 2024-05-01 to 2024-08-31)", "2024-09: 1 (month 2024-09-01 to 2024-09-30)"}
	if !slices.Equal(got, want) {
		t.Errorf("index.html's months = %q, want %q", got, want)
	}
	if !strings.Contains(page, "In the table, 3 or more months in a row with no complaint are one row.") {
		t.Error("index.html does not say that empty months are one row")
	}
	// the chart keeps every month: its axis is 2024-01 .. 2024-09
	if !strings.Contains(page, `"2024-06"`) {
		t.Error("index.html's chart lacks 2024-06")
	}
}

// TestNotEnglishNote: the weekly page says how many complaints of its
// periods are in a language the classifiers do not read, and the index how
// many of all (a Portuguese
// export's were all topic other, with nothing to say why). Hand-counted:
// of three classified narratives, one is Portuguese and one ("???") of no
// language determined: that one is not called written in another language
// (it was, counted with the Portuguese one: a QA pass), but said apart.
// The English one and a complaint without narrative (no language) are not
// counted.
func TestNotEnglishNote(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, narrative, ingest_run_id, row_hash) VALUES
			('a', 's', TIMESTAMP '2024-03-04', 'Cobraram duas vezes', 1, 1), ('b', 's', TIMESTAMP '2024-03-05', 'Charged twice', 1, 2),
			('c', 's', TIMESTAMP '2024-03-06', '???', 1, 3), ('d', 's', TIMESTAMP '2024-03-07', NULL, 1, 4)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, model, classified_at) VALUES
			('s', 'a', 'other', false, false, false, 'pt', 'm', TIMESTAMP '2024-03-20'),
			('s', 'b', 'billing_error', false, false, false, 'en', 'm', TIMESTAMP '2024-03-20'),
			('s', 'c', 'other', false, false, false, 'und', 'm', TIMESTAMP '2024-03-20'),
			('s', 'd', 'other', false, false, false, NULL, 'm', TIMESTAMP '2024-03-20')`)
	pageHas(t, "weekly.html", readPage(t, dir, "weekly.html"), []string{
		"1 of these complaints is written in a language other than English, and 1 has text whose language could not be determined (no words, such as punctuation or emoji only, or a script the detector does not name); the classifiers read neither",
	}, []string{"2 of these complaints"})
	pageHas(t, "index.html", readPage(t, dir, "index.html"), []string{
		"1 not in English, 1 whose language could not be determined: topic other, no sentiment",
	}, []string{"2 not in English"})
}

// TestAuditResponsesOnly: a source that records first responses but no
// resolution time (support tweets whose replies ingest reads as first
// responses) is judged against the acknowledgement target only. As of
// Monday 2024-06-03: a (answered in an hour) met it, b (never answered) and
// d (answered after 5 business days) missed it, c (answered in 30 minutes)
// met it: 2 of 4. The resolution section says no complaint can be judged,
// where it counted a and b, received in January and never resolved, as 2
// missed of 2 due. c's first response took 0.5 h and d's 168 h: the
// week's median is 84.25 h, shown 84.3, its P90 151.25 h (0.5 + 0.9 x
// 167.5), shown 151.3.
func TestAuditResponsesOnly(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC), `INSERT INTO complaints (complaint_id, source, received_at, first_response_at, ingest_run_id, row_hash)
		VALUES ('a', 'tweets', TIMESTAMP '2024-01-02 10:00', TIMESTAMP '2024-01-02 11:00', 1, 1),
		       ('b', 'tweets', TIMESTAMP '2024-01-03 10:00', NULL, 1, 2),
		       ('c', 'tweets', TIMESTAMP '2024-05-20 10:00', TIMESTAMP '2024-05-20 10:30', 1, 3),
		       ('d', 'tweets', TIMESTAMP '2024-05-21 10:00', TIMESTAMP '2024-05-28 10:00', 1, 4)`)
	audit := html.UnescapeString(readPage(t, out, "audit.html"))
	for _, want := range []string{
		"2 of 4 due; 2 missed",
		"0 of 0 due; 0 missed; 4 not judged: their source records no resolution times",
		"for resolution only: their source records no resolution timestamps",
		"No complaint can be judged against the resolution target: their sources record no resolution times",
	} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit.html lacks %q", want)
		}
	}
	if strings.Contains(audit, "No complaint can be judged against the acknowledgement target") {
		t.Error("audit.html says no complaint can be judged for acknowledgement")
	}
	// Nor is the SLA judged, which such a complaint could only miss: the
	// week of c and d had SLA met 0% (d missed, c not judged). The weekly
	// times list the first responses alone, saying what is left out (the
	// resolution and SLA columns were n/a in every week; the share resolved
	// is not judged of a source that records no state).
	weekly := html.UnescapeString(readPage(t, out, "weekly.html"))
	if !strings.Contains(weekly, `<tr><td class="date" title="week 2024-05-20 to 2024-05-26">2024-05-20</td><td class="num">2</td><td class="num">84.3</td><td class="num">151.3</td></tr>`) {
		t.Error("weekly.html lacks the times of 2024-05-20 as period, complaints and first response (median 84.3 h, P90 151.3 h) alone")
	}
	if want := "Left out, unknown in every week shown (no complaint of them has the time it needs recorded, or the source records none): median resolution h, p90 resolution h, SLA met %, resolved by report date %."; !strings.Contains(weekly, want) {
		t.Errorf("weekly.html lacks %q", want)
	}
	if strings.Contains(weekly, "SLA met: acknowledged within") {
		t.Error("weekly.html explains an SLA column it does not show")
	}
}

// TestNoCompletePeriod: with its only complaint in the week the report date
// has not completed (a first weekly export loaded mid-week), the pages say
// that no complete week holds data yet, rather than call the empty week
// before it "the first week of the data" (executive) or report no
// complaints in the week shown as if none had come (weekly).
func TestNoCompletePeriod(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), `INSERT INTO complaints (complaint_id, source, received_at, product, status, ingest_run_id, row_hash)
		VALUES ('a', 's', TIMESTAMP '2024-03-05 10:00', 'card', 'open', 1, 1)`)
	want := "No complete week holds data yet: the first complaint or survey response, of 2024-03-05, is in the week of 2024-03-04, which is not over on the report date (2024-03-05)."
	pageHas(t, "executive.html", html.UnescapeString(readPage(t, out, "executive.html")), []string{want}, []string{"the first week of the data"})
	pageHas(t, "weekly.html", html.UnescapeString(readPage(t, out, "weekly.html")), []string{want}, []string{"No complaints were received in the"})
	// a week later the week is complete, and the pages speak of it
	r := &run{opt: Options{Period: "week"}, cutoff: time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC), earliest: time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)}
	if got := r.noCompletePeriod(); got != "" {
		t.Errorf("report date 2024-03-10: %q, want none", got)
	}
}

// TestNumAnyType: a figure of any numeric SQL type reads as a number (a
// DECIMAL or SMALLINT column was text before), and NaN or an infinity as
// none, which a chart draws as a gap: an Inf in a chart's data made its
// option invalid JSON.
func TestNumAnyType(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want float64
		ok   bool
	}{
		{duckdb.Decimal{Width: 4, Scale: 2, Value: big.NewInt(150)}, 1.5, true},
		{int16(-3), -3, true},
		{uint8(7), 7, true},
		{big.NewInt(1 << 40), 1 << 40, true},
		{math.Inf(1), 0, false},
		{math.NaN(), 0, false},
		{"1.5", 0, false},
		{nil, 0, false},
	} {
		if got, ok := num(tt.v); got != tt.want || ok != tt.ok {
			t.Errorf("num(%#v) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
	inf := math.Inf(-1)
	if got := chartValue(&inf); got != "-" {
		t.Errorf("chartValue(-Inf) = %v, want the gap marker", got)
	}
}

// TestLegalOutcomesWithoutResolutionTimes: of a source that records no
// resolution times (the CFPB's), no legal-threat complaint can be judged
// against the resolution target, so the outcome table shows n/a there, as
// the CSV behind it leaves the value empty, rather than "0" (none of 2 in
// time). Hand-made: two closed complaints flagged as legal threats.
func TestLegalOutcomesWithoutResolutionTimes(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, status, ingest_run_id, row_hash)
		VALUES ('a', 's', TIMESTAMP '2024-03-04 10:00', 'Closed', 1, 1), ('b', 's', TIMESTAMP '2024-03-05 10:00', 'Closed', 1, 2)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, model, classified_at)
		VALUES ('s', 'a', 'other', false, true, false, 'en', 'm', TIMESTAMP '2024-03-20'), ('s', 'b', 'other', false, true, false, 'en', 'm', TIMESTAMP '2024-03-20')`)
	page := readPage(t, out, "audit.html")
	i := strings.Index(page, `id="legal"`)
	if i < 0 {
		t.Fatal("audit.html has no legal section")
	}
	sec := page[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	row := regexp.MustCompile(`<tr><td dir="auto">[^<]*</td>(<td[^>]*>.*?</td>)*</tr>`).FindString(sec)
	cells := regexp.MustCompile(`<td[^>]*>(?:<a [^>]*>)?([^<]*)`).FindAllStringSubmatch(row, -1)
	var got []string
	for _, c := range cells {
		got = append(got, c[1])
	}
	// outcome, complaints, upheld, compensation, resolved in target, still open
	if len(got) != 6 || got[1] != "2" || got[4] != "n/a" || got[5] != "0" {
		t.Errorf("legal outcome row = %q, want 2 complaints, n/a resolved in target, 0 open", got)
	}
}

// TestLegalOutcomeRedacted: a helpdesk's resolution is often typed text
// (the tickets profile reads "resolution notes" and "close notes"), and the
// legal outcomes are grouped by it: the table showed "refunded to card 4111
// 1111 1111 1111" (QA pass M). It is redacted as the narratives are.
func TestLegalOutcomeRedacted(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, status, resolution, ingest_run_id, row_hash)
		VALUES ('a', 's', TIMESTAMP '2024-03-04 10:00', 'Closed', 'refunded to card 4111 1111 1111 1111, told jane@example.com', 1, 1)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, model, classified_at)
		VALUES ('s', 'a', 'other', false, true, false, 'en', 'm', TIMESTAMP '2024-03-20')`)
	pageHas(t, "audit.html", html.UnescapeString(readPage(t, out, "audit.html")),
		[]string{"<td dir=\"auto\">refunded to card [CARD], told [EMAIL]</td>"}, []string{"4111", "jane@"})
}

// TestThisPeriodFirstOfData: with one week of data the weekly page's
// comparison has no prior weeks: it shows the week's counts and says there
// is nothing earlier, rather than a column "prior 0 average" of n/a and
// "the average of the 0 weeks before it" (the airline tweets' one week).
func TestThisPeriodFirstOfData(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC), `INSERT INTO complaints (complaint_id, source, received_at, product, ingest_run_id, row_hash)
		VALUES ('a', 's', TIMESTAMP '2024-03-18 10:00', 'card', 1, 1), ('b', 's', TIMESTAMP '2024-03-19 10:00', 'card', 1, 2)`)
	page := html.UnescapeString(readPage(t, out, "weekly.html"))
	pageHas(t, "weekly.html", page, []string{"This week, the first of the data", "The data starts 2024-03-18: there is no earlier week to compare with."},
		[]string{"prior 0 average", "the 0 weeks"})
}

// TestPhraseCounted: a phrase shown longer than the term its figures count
// ("unfair billing" shown, "unfair" counted: 47 complaints used "unfair",
// 27 "unfair billing", in a QA run on the Comcast titles) marks that term
// in its "also" column and the section says what the mark means.
func TestPhraseCounted(t *testing.T) {
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	an := &Analytics{Alerts: []trend.Alert{}, Phrases: []trend.Phrase{
		{Phrase: "unfair billing", PeriodStart: "2024-03-25", Observed: 47, Expected: 3.7, Ratio: 12.7, PValue: 1e-13, QValue: 1e-12,
			Method: "test", Merged: []string{"overcharged", "unfair"}, Counted: "unfair", Evidence: []string{"G-7-1"}},
	}}
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	pageHas(t, "weekly.html", html.UnescapeString(readPage(t, dir, "weekly.html")),
		[]string{"<td dir=\"auto\">overcharged, unfair (counted)</td>", "where a term is marked (counted), the figures are that term's complaints"}, nil)
}

// TestNoRecentData: when the latest complete week holds no data (a week's
// export not loaded, or a report date past the data), every page says
// since when nothing was received, first. Before, the weekly page showed
// a week of no complaints and "No alert: nothing changed beyond what the
// baselines expect", as if the week had been quiet (an exploratory QA
// pass: the demo reported as of 2030-01-01).
func TestNoRecentData(t *testing.T) {
	insert := `INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash)
		VALUES ('a', 'shop', TIMESTAMP '2024-03-04 10:00', 1, 1), ('b', 'shop', TIMESTAMP '2024-03-13 10:00', 1, 2)`
	// 2024-03-13 is a Wednesday: the week of 2024-03-11 holds b
	for _, tt := range []struct {
		asOf time.Time
		want string // "" for no notice
	}{
		{time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC), "Nothing was received or surveyed after 2024-03-13: the latest complete week (2024-03-18) holds no data, so the pages show no complaints for it, not a quiet week."},
		{time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), "Nothing was received or surveyed after 2024-03-13: the latest complete week (2024-03-25) and the week before it hold no data"},
		{time.Date(2024, 4, 8, 0, 0, 0, 0, time.UTC), "the latest complete week (2024-04-01) and the 2 weeks before it hold no data"},
	} {
		noticeOnEveryPage(t, reportsOf(t, tt.asOf, insert), tt.asOf, "Nothing was received or surveyed after", tt.want)
	}
}

// TestRepeatComplaints: the defects page counts the complaints received
// within 90 days of another by the same customer, not every complaint of a
// customer who once had two so close. K1's complaints of 2020-01-01 and
// 2020-01-10 are repeats; those of 2022 and 2023, years from any other,
// are not; K2 and K3 have one each. Before, the page said 4 (all of K1's;
// an exploratory QA pass).
func TestRepeatComplaints(t *testing.T) {
	out := reportsOf(t, time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC), `INSERT INTO complaints (complaint_id, source, received_at, customer_id, ingest_run_id, row_hash) VALUES
		('1', 's', TIMESTAMP '2020-01-01 10:00', 'K1', 1, 1), ('2', 's', TIMESTAMP '2020-01-10 10:00', 'K1', 1, 2),
		('3', 's', TIMESTAMP '2022-06-01 10:00', 'K1', 1, 3), ('4', 's', TIMESTAMP '2023-06-01 10:00', 'K1', 1, 4),
		('5', 's', TIMESTAMP '2023-06-07 10:00', 'K2', 1, 5), ('6', 's', TIMESTAMP '2023-06-14 10:00', 'K3', 1, 6)`)
	recs := readCSV(t, filepath.Join(out, "ids", "defects-repeat-customers.csv"))
	col := slices.Index(recs[0], "complaint_id")
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[col])
	}
	if !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("repeat complaints %v, want [1 2]", got)
	}
	page := html.UnescapeString(readPage(t, out, "defects.html"))
	if !regexp.MustCompile(`<td class="id">K1</td><td class="num">2</td><td class="date">2020-01-01</td><td class="date">2020-01-10</td>`).MatchString(page) {
		t.Error("defects.html does not list K1 with 2 repeat complaints, 2020-01-01 to 2020-01-10")
	}
}

// TestNoBaselineNoVerdict: with too little history for any test, the
// weekly page says that nothing could be judged, not that nothing changed
// (an exploratory QA pass: "No alert: nothing changed beyond what the
// baselines expect" stood beside "the first week of the data").
func TestNoBaselineNoVerdict(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC), `INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash)
		VALUES ('1', 's', TIMESTAMP '2024-03-04 10:00', 1, 1), ('2', 's', TIMESTAMP '2024-03-05 10:00', 1, 2), ('3', 's', TIMESTAMP '2024-03-11 10:00', 1, 3)`)
	weekly := html.UnescapeString(readPage(t, out, "weekly.html"))
	if !strings.Contains(weekly, "No alert, and no test: the week judged holds no complaints, or the data does not hold the 5 earlier weeks the detector judges a week against.") ||
		strings.Contains(weekly, "nothing changed beyond") {
		t.Error("weekly.html does not say that no test could be made")
	}
}

// TestRecoverySurveysOnly: with survey responses of customers who never
// complained, the service-recovery section lists the group that has
// responses, says which have none, and shows no test it could not make,
// nor a CES column when no response has a CES. Before, it printed two rows of 0 and n/a and six z-tests of n/a (an
// exploratory QA pass, on a surveys-only warehouse).
func TestRecoverySurveysOnly(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC), `INSERT INTO surveys (response_id, source, customer_id, responded_at, nps, csat, ingest_run_id, row_hash) VALUES
		('r1', 'survey', 'K1', TIMESTAMP '2024-03-04 10:00', 9, 5, 1, 1), ('r2', 'survey', 'K2', TIMESTAMP '2024-03-05 10:00', 3, 2, 1, 2),
		('r3', 'survey', 'K3', TIMESTAMP '2024-03-11 10:00', 10, 4, 1, 3)`)
	exec := html.UnescapeString(readPage(t, out, "executive.html"))
	i := strings.Index(exec, `id="recovery"`)
	if i < 0 {
		t.Fatal("executive.html has no service-recovery section")
	}
	sec := exec[i:]
	if j := strings.Index(sec[1:], `<section`); j >= 0 {
		sec = sec[:j+1]
	}
	pageHas(t, "the recovery section", sec, []string{
		`<td dir="auto">no complaint</td><td class="num">3</td>`,
		"No response falls in the groups complaint resolved or complaint still open.",
		"No two groups have responses of one metric to compare.",
	}, []string{"n/a", "Differences between the groups", "<td dir=\"auto\">complaint resolved</td>", "CES"})
}

// TestChurnListChurned: ids/executive-churn.csv has the page table's
// columns, churned among them (it was left out; an exploratory QA pass):
// K1, with two complaints within 90 days, churned on 2024-03-15.
func TestChurnListChurned(t *testing.T) {
	out := reportsOf(t, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, customer_id, ingest_run_id, row_hash) VALUES
			('1', 's', TIMESTAMP '2024-03-01 10:00', 'K1', 1, 1), ('2', 's', TIMESTAMP '2024-03-05 10:00', 'K1', 1, 2)`,
		`INSERT INTO customers (customer_id, churned_at, ingest_run_id, row_hash) VALUES ('K1', TIMESTAMP '2024-03-15 00:00', 1, 1)`)
	recs := readCSV(t, filepath.Join(out, "ids", "executive-churn.csv"))
	if len(recs) != 2 || !slices.Equal(recs[0][:5], []string{"customer_id", "score", "complaints", "last_complaint", "churned"}) ||
		recs[1][0] != "K1" || !strings.HasPrefix(recs[1][4], "2024-03-15") {
		t.Errorf("executive-churn.csv = %q, want K1 churned on 2024-03-15", recs)
	}
}

// idsOf returns the complaint IDs of the list ids/name.csv under dir.
func idsOf(t *testing.T, dir, name string) []string {
	t.Helper()
	recs := readCSV(t, filepath.Join(dir, "ids", name+".csv"))
	col := slices.Index(recs[0], "complaint_id")
	var ids []string
	for _, r := range recs[1:] {
		ids = append(ids, r[col])
	}
	return ids
}

// TestAuditProcessDefinitions: the audit page reads the process as
// `complaints metrics` does (metrics' process_test.go), each of which an
// exploratory QA pass found read otherwise: R1, reopened and resolved
// again after the report date, is not known reopened at it; R2, open
// again although it has a resolution time, is open (and 27 days old, its
// SLA pending); R3, resolved 3 hours
// after receipt and sent a response 11 days later, was acknowledged in
// time; R4, open for 4 business days, ages in the 0-3 business days
// bucket's successor (the buckets are fixed, and the page's first one
// followed --ack-days). The SLA, judged as metrics judges it, is on the
// page; the page had none.
func TestAuditProcessDefinitions(t *testing.T) {
	ins := `INSERT INTO complaints (complaint_id, source, received_at, product, narrative, status, first_response_at, resolved_at, resolution, reopened_count, ingest_run_id, row_hash) VALUES
		('R1', 'fixture', TIMESTAMP '2024-03-20 09:00', 'Credit card', 'x', 'closed', TIMESTAMP '2024-03-20 10:00', TIMESTAMP '2024-04-05 09:00', 'Fixed', 1, 1, 901),
		('R2', 'fixture', TIMESTAMP '2024-03-04 09:00', 'Credit card', 'x', 'open', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-05 09:00', 'Fixed', 1, 1, 902),
		('R3', 'fixture', TIMESTAMP '2024-03-04 09:00', 'Credit card', 'x', 'closed', TIMESTAMP '2024-03-15 09:00', TIMESTAMP '2024-03-04 12:00', 'Fixed', 0, 1, 903),
		('R4', 'fixture', TIMESTAMP '2024-03-26 09:00', 'Credit card', 'x', 'open', NULL, NULL, NULL, 0, 1, 904)`
	db := fixtureWarehouseWith(t, ins)
	dir := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, AckTargetDays: 5}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		list string
		in   []string
		out  []string
	}{
		{"audit-reopened", nil, []string{"R1"}},
		{"audit-open", []string{"R2", "R4"}, nil},
		{"audit-ack-missed", nil, []string{"R3"}},
		{"audit-sla-missed", nil, []string{"R2", "R3"}}, // R2: 27 days open, pending
		{"audit-age-2", []string{"R2", "R4"}, nil},
		{"audit-age-1", nil, []string{"R4"}},
	} {
		got := idsOf(t, dir, tt.list)
		for _, id := range tt.in {
			if !slices.Contains(got, id) {
				t.Errorf("ids/%s.csv lacks %s", tt.list, id)
			}
		}
		for _, id := range tt.out {
			if slices.Contains(got, id) {
				t.Errorf("ids/%s.csv lists %s", tt.list, id)
			}
		}
	}
	page := readPage(t, dir, "audit.html")
	pageHas(t, "audit.html", page, []string{"SLA met (acknowledged and resolved within target)", "<td dir=\"auto\">0-3 business days</td>", "<td dir=\"auto\">3 business days to 8 weeks</td>"},
		[]string{"0-5 business days"})
}

// TestAuditBacklogUnknown: when no complaint has a status or a resolution
// date (tweets), the backlog is not known: the page said "0 open".
func TestAuditBacklogUnknown(t *testing.T) {
	page := auditPageWith(t, `UPDATE complaints SET status = NULL, resolved_at = NULL`)
	pageHas(t, "audit.html", page, []string{`<div class="value">n/a</div><div class="label">open at report date (backlog)</div>`}, nil)
}

// TestTargetText: a target of 1000 hours reads 41.67 days (it read
// 41.666666666666664).
func TestTargetText(t *testing.T) {
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, ResolutionTargetDays: 1000.0 / 24}); err != nil {
		t.Fatal(err)
	}
	pageHas(t, "audit.html", readPage(t, dir, "audit.html"), []string{"resolution target 41.67 days"}, []string{"41.666"})
}

// TestDefectsRepeatNoCustomers: with no customer ID in the data, the
// defects page says repeat complaints cannot be found; it showed "0
// complaints within 90 days of another" and a table of no rows (an
// exploratory QA pass, on the CFPB export).
func TestDefectsRepeatNoCustomers(t *testing.T) {
	page, _ := pageWith(t, "defects.html", `UPDATE complaints SET customer_id = NULL`)
	pageHas(t, "defects.html", page, []string{"No complaint carries a customer ID, so repeat complaints by the same customer cannot be found."},
		[]string{"complaints within 90 days of another by the same customer"})
}

// TestChurnOneCustomer: with one customer at risk the executive page says
// "1 customer shows" (it said "1 customer show" and labelled the figure
// "customers with a churn signal"), and a table of all of them is not "the
// 20 highest" (QA pass K). Customer u complained twice in 19 days: a
// repeat, the one signal.
func TestChurnOneCustomer(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, customer_id, ingest_run_id, row_hash) VALUES
		('a', 's', TIMESTAMP '2024-03-01 10:00', 'u', 1, 1), ('b', 's', TIMESTAMP '2024-03-20 10:00', 'u', 1, 2)`)
	pageHas(t, "executive.html", html.UnescapeString(readPage(t, dir, "executive.html")),
		[]string{"1 customer shows at least one churn signal.", `<div class="label">customer with a churn signal</div>`,
			"Every customer with a signal who has not churned, by risk score"},
		[]string{"customer show ", "The 20 highest"})
}

// TestChurnAtRiskNotChurned: the executive page's customers at risk are
// those who have not churned by the report date (an exploratory QA pass:
// its top 20 held customers churned weeks before, marked only in a
// column). K1 (two complaints within 90 days) churned on 03-15 and is in
// the list of IDs, not the table; K2 (likewise) has not churned.
func TestChurnAtRiskNotChurned(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, customer_id, ingest_run_id, row_hash) VALUES
			('1', 's', TIMESTAMP '2024-03-01 10:00', 'K1', 1, 1), ('2', 's', TIMESTAMP '2024-03-05 10:00', 'K1', 1, 2),
			('3', 's', TIMESTAMP '2024-03-02 10:00', 'K2', 1, 3), ('4', 's', TIMESTAMP '2024-03-06 10:00', 'K2', 1, 4)`,
		`INSERT INTO customers (customer_id, churned_at, ingest_run_id, row_hash) VALUES ('K1', TIMESTAMP '2024-03-15 00:00', 1, 1)`)
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	pageHas(t, "executive.html", page, []string{`<td class="id">K2</td>`,
		"1 customer with a signal had churned by the report date: not at risk, so not in the table"}, []string{`<td class="id">K1</td>`})
	recs := readCSV(t, filepath.Join(dir, "ids", "executive-churn.csv"))
	if len(recs) != 3 {
		t.Errorf("executive-churn.csv = %q, want K1 and K2", recs)
	}
}

// TestScoreSentenceMonth: in month mode the executive summary names the
// latest month as the page's tables do, "2024-03"; it wrote the month's
// first day, "in the month of 2018-05-01" (QA pass, the telecom NPS
// survey by month). One promoter in each of February and March: too few
// to call a change (TestSummaryFewResponses), which the sentence says.
func TestScoreSentenceMonth(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	if _, err := db.ExecContext(ctx, `INSERT INTO surveys (response_id, source, responded_at, nps, csat, ingest_run_id, row_hash) VALUES
		('a', 'svy', TIMESTAMP '2024-02-12 10:00', 10, 5, 1, 1), ('b', 'svy', TIMESTAMP '2024-03-12 10:00', 10, 5, 1, 2)`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir, Period: "month", AsOf: time.Date(2024, 4, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	pageHas(t, "executive.html", html.UnescapeString(readPage(t, dir, "executive.html")),
		[]string{"NPS was 100 (1 response, all promoters, for which the interval formula gives no width: the true NPS may be lower; too few for the rule of three to bound it) in the month of 2024-03, against 100 (1 response) the month before; too few responses to tell whether it changed (a test needs 30 in each month).",
			"CSAT was 100.0% (95% CI 20.7% to 100.0%, 1 response) in the month of 2024-03, against 100.0% (1 response) the month before;"},
		[]string{"month of 2024-03-01"})
}

// TestAlertsSentence: the executive summary's count of trend alerts reads
// for none, one and more. With none it said "raised 0 alerts ...; the
// weekly report lists them with their evidence" (QA pass), and the report
// that lists them is titled "Quality report" (weekly or monthly). The
// alerts are TestAlertsTable's, the first one alone and all three.
func TestAlertsSentence(t *testing.T) {
	ratio := 4.0
	alerts := []trend.Alert{
		{Kind: "spike", Dimension: "topic", Group: "billing", PeriodStart: "2024-03-25", Observed: 1, Expected: 0.25,
			Ratio: &ratio, PValue: 0.001, QValue: 0.01, Method: "test", Evidence: []string{"G-7-2"}},
		{Kind: "emerging", Dimension: "product", Group: "fees", PeriodStart: "2024-03-25", Observed: 1, Expected: 0,
			PValue: 0.002, QValue: 0.02, Method: "test", Evidence: []string{"H2"}},
		{Kind: "falling", Dimension: "all", Group: "all", PeriodStart: "2024-03-25", Observed: 10, Expected: 40,
			PValue: 0.003, QValue: 0.03, Method: "test", Metric: "nps"},
	}
	db := fixtureWarehouse(t)
	for _, tt := range []struct {
		alerts       []trend.Alert
		want, absent string
	}{
		{[]trend.Alert{}, "The trend detector raised no alerts for the latest week.", "lists"},
		{alerts[:1], "The trend detector raised 1 alert for the latest week; the quality report lists it with its evidence.", "1 alerts"},
		{alerts, "The trend detector raised 3 alerts for the latest week; the quality report lists them with their evidence.", "weekly report"},
	} {
		dir := t.TempDir()
		if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: &Analytics{Alerts: tt.alerts}}); err != nil {
			t.Fatal(err)
		}
		pageHas(t, fmt.Sprintf("executive.html (%d alerts)", len(tt.alerts)), readPage(t, dir, "executive.html"), []string{tt.want}, []string{tt.absent})
	}
}

// TestAuditAgeingUnknown: when no complaint has a status or a resolution
// date, the ageing section says the backlog cannot be aged; it drew an
// empty chart and a table of 0 / 0 / 0, read as no backlog, below a
// summary that says the backlog is n/a (QA pass, a source of tweets).
func TestAuditAgeingUnknown(t *testing.T) {
	page := auditPageWith(t, `UPDATE complaints SET status = NULL, resolved_at = NULL`)
	_, sec, _ := strings.Cut(page, `<section id="ageing">`)
	sec, _, _ = strings.Cut(sec, "</section>")
	pageHas(t, "audit.html ageing section", html.UnescapeString(sec),
		[]string{`<p class="unavailable">No complaint has a status or a resolution date: which are open, and how old they are, is not recorded (the summary's "status not recorded" figure lists them).</p>`},
		[]string{"<table", "data-chart"})
}

// TestCountsSeparated: a count in a table built from a report's query is
// written with its thousands separated, as the figures and the tables
// built by hand write counts (QA pass Q: the index's "Complaints by
// source" showed 6623 under a figure of 8,668; the airline page 4147 and
// 4,147). 1,200 complaints of one source, all in March 2024.
func TestCountsSeparated(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash)
		SELECT 'c' || i, 'crm', TIMESTAMP '2024-03-01 10:00' + (i % 28) * INTERVAL 1 DAY, 1, i FROM range(1200) t(i)`)
	pageHas(t, "index.html", readPage(t, dir, "index.html"), []string{`<td dir="auto">crm</td><td class="num">1,200</td>`}, []string{`>1200<`})
}

// TestDefectsNoCompletePeriod: with every complaint in a period not over on
// the report date, the defects page's topics-by-product section says why
// there is nothing to show, as the weekly page does; it said only "No
// complaints in these periods" (QA pass Q: 10,236 airline tweets of
// February 2015, reported by month on the 24th).
func TestDefectsNoCompletePeriod(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, product, ingest_run_id, row_hash)
		SELECT 'c' || i, 's', TIMESTAMP '2024-03-18 10:00' + (i % 2) * INTERVAL 1 DAY, 'card', 1, i FROM range(30) t(i)`)
	pageHas(t, "defects.html", html.UnescapeString(readPage(t, dir, "defects.html")),
		[]string{"No complete week holds data yet: the first complaint or survey response, of 2024-03-18"}, []string{"No complaints in these periods."})
}

// TestSameDecimals: a column of a report's table rounded to one decimal
// writes each number with one ("20" beside "25.2" on the weekly page's
// topic shares: QA pass Q); a column not so rounded, and a notebook's
// cells, are left as they are.
func TestSameDecimals(t *testing.T) {
	res := &result{cols: []string{"share", "p", "n"}, rows: [][]any{{20.0, 0.0047, int64(3)}, {25.2, 8.09e-08, int64(1200)}, {nil, 0.5, int64(7)}}, counts: true}
	got := res.table("")
	want := [][]string{{"20.0", "0.0047", "3"}, {"25.2", "0.0000000809", "1,200"}, {"n/a", "0.5", "7"}}
	for i, row := range got.Rows {
		for j, c := range row {
			if c.Text != want[i][j] {
				t.Errorf("row %d column %s = %q, want %q", i, res.cols[j], c.Text, want[i][j])
			}
		}
	}
	res.counts = false // a notebook's
	if got := res.table(""); got.Rows[0][0].Text != "20" || got.Rows[1][2].Text != "1200" {
		t.Errorf("a notebook's cells: %q and %q, want 20 and 1200", got.Rows[0][0].Text, got.Rows[1][2].Text)
	}
}

// TestChartEveryPeriod: a chart of rows by period has every period between
// the first and the last on its axis, a period without a row a gap: the
// audit's acknowledgement chart left the weeks with nothing due out, so
// 2024-03-04 and 2024-03-18 stood side by side as if a week apart (QA pass
// Q). Its table keeps the rows as they are.
func TestChartEveryPeriod(t *testing.T) {
	week := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	res := &result{cols: []string{"period", "due", "met %"}, rows: [][]any{
		{week(4), int64(10), 90.0}, {week(18), int64(4), 75.0}, {week(25), int64(2), 50.0},
	}}
	r := &run{opt: Options{Period: "week"}}
	var sec section
	if err := r.addChart(&sec, res, "ack", "met", "line", "period", "met %"); err != nil {
		t.Fatal(err)
	}
	if sec.Chart == nil || len(sec.Tables) != 1 || len(sec.Tables[0].Rows) != 3 {
		t.Fatalf("section %+v: want a chart and a table of the 3 rows", sec)
	}
	opt := string(sec.Chart.Option)
	for _, want := range []string{`"data":["2024-03-04","2024-03-11","2024-03-18","2024-03-25"]`, `"data":[{"value":90},{"value":"-"},{"value":75},{"value":50}]`} {
		if !strings.Contains(strings.ReplaceAll(opt, " ", ""), want) {
			t.Errorf("chart option lacks %s:\n%s", want, opt)
		}
	}
}
