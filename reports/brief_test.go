package reports

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/metrics/trend"
)

// fixturePhrases are emerging phrases of the fixture's latest complete
// week (2024-03-25), passed in as complaints run passes the trend stage's,
// each with the complaints it counts (trend.Phrase.Complaints):
//   - "generated complaint": G-7-0..G-7-3, received 03-25..03-28, each
//     redacted "Generated complaint N about [ACCOUNT]." (4 complaints);
//   - "card declined": H8, received 03-26, "Card declined at [ORG]." (1);
//   - hostile: no complaint given (0).
func fixturePhrases() []trend.Phrase {
	return []trend.Phrase{
		{Phrase: "generated complaint", PeriodStart: "2024-03-25", Observed: 4, Expected: 0.5, Ratio: 8, PValue: 1e-12, QValue: 1.74e-10,
			Method: "test", Evidence: []string{"G-7-0", "G-7-1"},
			Complaints: []trend.DocRef{{Source: "fixture", ID: "G-7-0"}, {Source: "fixture", ID: "G-7-1"}, {Source: "fixture", ID: "G-7-2"}, {Source: "fixture", ID: "G-7-3"}}},
		{Phrase: "card declined", PeriodStart: "2024-03-25", Observed: 1, Expected: 0.1, Ratio: 10, PValue: 1e-6, QValue: 4.1e-5,
			Method: "test", Merged: []string{"declined"}, Evidence: []string{"H8"}, Complaints: []trend.DocRef{{Source: "fixture", ID: "H8"}}},
		{Phrase: hostile, PeriodStart: "2024-03-25", Observed: 5, Expected: 0.2, Ratio: 25, PValue: 1e-5, QValue: 1e-4,
			Method: "test", Evidence: []string{}},
	}
}

// writeAnalytics writes the fixture's reports with an passed in and
// returns the output directory.
func writeAnalytics(t *testing.T, an *Analytics, extra ...string) string {
	t.Helper()
	db := fixtureWarehouseWith(t, extra...)
	dir := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: fixtureAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func pageOf(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(b), echartsJS, "", 1)
}

// TestBriefNamesPhrases: the weekly page's alerts in brief count and name
// the emerging phrases, linking them, and never say nothing changed while
// a phrase is listed (a QA pass: "No alert: nothing changed beyond what
// the baselines expect." above "keeps rebooting", 14 complaints against
// 0.5 expected; with a product spike it named only the spike).
func TestBriefNamesPhrases(t *testing.T) {
	for _, tt := range []struct {
		name   string
		alerts []trend.Alert
	}{
		{"no alert", nil},
		{"a spike", fixtureAlerts()[:1]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := pageOf(t, writeAnalytics(t, &Analytics{Alerts: tt.alerts, Tests: 10, Phrases: fixturePhrases()}), "weekly.html")
			sum := sectionOf(page, "alerts-summary")
			for _, want := range []string{
				"3 emerging phrases: &#34;generated complaint&#34; (4 complaints, 0.5 expected, q 1.74e-10)",
				"&#34;card declined&#34; (1 complaint, 0.1 expected, q 4.10e-05)",
				`href="#emerging"`,
			} {
				if !strings.Contains(sum, want) {
					t.Errorf("alerts in brief lack %q:\n%s", want, sum)
				}
			}
			if strings.Contains(sum, hostile) {
				t.Errorf("alerts in brief show the hostile phrase unescaped")
			}
			for _, id := range []string{"alerts-summary", "alerts"} {
				if s := sectionOf(page, id); strings.Contains(s, "nothing changed") {
					t.Errorf("section %s says nothing changed while phrases are listed:\n%s", id, s)
				}
			}
			if tt.alerts != nil && !strings.Contains(sum, "The trend detector raised 1 alert.") {
				t.Errorf("alerts in brief no longer count the spike:\n%s", sum)
			}
		})
	}
}

// TestPhraseIDLists: each emerging phrase links the list of all its
// complaints of the period (as each alert links its own), on the weekly
// and the defects page: the QA pass could find 5 of the 14 complaints of
// "keeps rebooting" from the page.
func TestPhraseIDLists(t *testing.T) {
	dir := writeAnalytics(t, &Analytics{Tests: 10, Phrases: fixturePhrases()})
	for _, tt := range []struct {
		list string
		want []string // complaint IDs; every one of source "fixture", week 2024-03-25
	}{
		{"phrase-01", []string{"G-7-0", "G-7-1", "G-7-2", "G-7-3"}}, // see fixturePhrases
		{"phrase-02", []string{"H8"}},
	} {
		for _, pg := range []string{"weekly", "defects"} {
			name := pg + "-" + tt.list
			recs := readCSV(t, filepath.Join(dir, "ids", name+".csv"))
			if !slices.Equal(recs[0], []string{"source", "complaint_id", "period"}) {
				t.Errorf("ids/%s.csv header %v", name, recs[0])
			}
			var got []string
			for _, r := range recs[1:] {
				got = append(got, r[1])
				if r[0] != "fixture" || r[2] != "2024-03-25" {
					t.Errorf("ids/%s.csv row %v: want source fixture, period 2024-03-25", name, r)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ids/%s.csv = %v, want %v", name, got, tt.want)
			}
			page := pageOf(t, dir, pg+".html")
			em := sectionOf(page, "emerging")
			link := regexp.MustCompile(`<a href="ids/` + name + `\.csv"[^>]*>[^<]*\(all ` + string(rune('0'+len(tt.want))) + `\)</a>`)
			if !link.MatchString(em) {
				t.Errorf("%s.html emerging section does not link ids/%s.csv as (all %d):\n%s", pg, name, len(tt.want), em)
			}
		}
	}
	// the hostile phrase has no complaint given: no list to link, and escaped
	for _, pg := range []string{"weekly", "defects"} {
		if _, err := os.Stat(filepath.Join(dir, "ids", pg+"-phrase-03.csv")); err == nil {
			if strings.Contains(pageOf(t, dir, pg+".html"), `ids/`+pg+`-phrase-03.csv`) {
				t.Errorf("%s.html links an empty list for a phrase no complaint uses", pg)
			}
		}
		if strings.Contains(pageOf(t, dir, pg+".html"), hostile) {
			t.Errorf("%s.html shows the hostile phrase unescaped", pg)
		}
	}
}

// TestDefectsSummary: the defects page opens with a short summary: the
// most recurrent topic and product pairs and the emerging phrases, each
// linked; and its recurring pairs link their complaints, the list as long
// as the count.
func TestDefectsSummary(t *testing.T) {
	dir := writeAnalytics(t, &Analytics{Tests: 10, Phrases: fixturePhrases()})
	page := pageOf(t, dir, "defects.html")
	if first := firstSection(page); first != "defects-summary" {
		t.Fatalf("defects.html opens with section %q, want defects-summary", first)
	}
	sum := sectionOf(page, "defects-summary")
	for _, want := range []string{`href="#recurring"`, `href="#emerging"`, `href="ids/defects-brief-01.csv"`,
		"3 emerging phrases: &#34;generated complaint&#34; (4 complaints"} {
		if !strings.Contains(sum, want) {
			t.Errorf("defects summary lacks %q:\n%s", want, sum)
		}
	}
	rec := sectionOf(page, "recurring")
	links := regexp.MustCompile(`<a href="ids/(defects-recurring-\d\d)\.csv"[^>]*>([0-9,]+)</a>`).FindAllStringSubmatch(rec, -1)
	if len(links) == 0 {
		t.Fatalf("recurring pairs link no complaint list:\n%s", rec)
	}
	for _, l := range links {
		recs := readCSV(t, filepath.Join(dir, "ids", l[1]+".csv"))
		if got := len(recs) - 1; got != atoi(t, strings.ReplaceAll(l[2], ",", "")) {
			t.Errorf("ids/%s.csv lists %d complaints, the table counts %s", l[1], got, l[2])
		}
	}
}

// TestTopicLabels: where the warehouse keeps the taxonomy its topics came
// from (classify_runs.taxonomy of the classifications' model), the pages
// show each topic's label with its name in parentheses; the defects page
// shows each topic's owner department (classifications.department); ID
// lists keep the names. The fixture's classifications are of model
// "fixture-1", departments "Billing ops" (billing, fees) and "Servicing"
// (service; billing's and fees' generated complaints are "Billing ops").
// labelledTaxonomy gives two of the fixture's topics a label (billing's
// with markup, to be escaped wherever it is shown) and leaves service
// without one.
const labelledTaxonomy = `version: 1
topics:
  - name: billing
    label: "Billing & <b>statements</b>"
    phrases: [bill]
  - name: fees
    label: Fees and charges
    phrases: [fee]
  - name: service
    phrases: [service]
`

func TestTopicLabels(t *testing.T) {
	run := `INSERT INTO classify_runs VALUES (TIMESTAMP '2024-04-06 07:00', 'fixture-1', false, 40, 2, '` + strings.ReplaceAll(labelledTaxonomy, "'", "''") + `')`
	dir := writeAnalytics(t, &Analytics{Tests: 10}, run)
	weekly := pageOf(t, dir, "weekly.html")
	this := sectionOf(weekly, "this-period")
	for _, want := range []string{"<td dir=\"auto\">Billing &amp; &lt;b&gt;statements&lt;/b&gt; (billing)</td>", "<td dir=\"auto\">Fees and charges (fees)</td>", "<td dir=\"auto\">service</td>"} {
		if !strings.Contains(this, want) {
			t.Errorf("weekly.html this-period lacks %q:\n%s", want, this)
		}
	}
	defects := pageOf(t, dir, "defects.html")
	rec := sectionOf(defects, "recurring")
	for _, want := range []string{"<th scope=\"col\">department</th>", "<td dir=\"auto\">Fees and charges (fees)</td>", "<td dir=\"auto\">Billing ops</td>"} {
		if !strings.Contains(rec, want) {
			t.Errorf("defects.html recurring lacks %q:\n%s", want, rec)
		}
	}
	if hm := sectionOf(defects, "heatmap"); !strings.Contains(hm, "Fees and charges (fees)") {
		t.Errorf("defects.html heatmap lacks the label of fees:\n%s", hm)
	}
	// lists keep names: the weekly this-period list of billing
	recs := readCSV(t, filepath.Join(dir, "ids", "weekly-this-topic-01.csv"))
	for _, r := range recs {
		if strings.Contains(strings.Join(r, ","), "Billing &") {
			t.Errorf("an ID list carries a label: %v", r)
		}
	}
	// no taxonomy kept (the plain fixture): names alone
	plain := pageOf(t, writeAnalytics(t, &Analytics{Tests: 10}), "weekly.html")
	if !strings.Contains(sectionOf(plain, "this-period"), "<td dir=\"auto\">fees</td>") {
		t.Errorf("without a stored taxonomy the topic should be its name")
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a count: %q", s)
		}
		n = 10*n + int(c-'0')
	}
	return n
}

// TestFigurePlurals: a figure's noun agrees with its count: index.html
// read "1 sources" for a warehouse of one source (a QA pass). The fixture
// less U1, the only complaint of source "untracked", has one source.
func TestFigurePlurals(t *testing.T) {
	page := pageOf(t, writeAnalytics(t, &Analytics{Tests: 10},
		`DELETE FROM classifications WHERE complaint_id = 'U1'`, `DELETE FROM complaints WHERE complaint_id = 'U1'`), "index.html")
	if want := `<div class="value">1</div><div class="label">complaint source</div>`; !strings.Contains(page, want) {
		t.Errorf("index.html lacks %q:\n%s", want, sectionOf(page, "data"))
	}
	if strings.Contains(page, `<div class="value">1</div><div class="label">complaint sources</div>`) {
		t.Errorf("index.html reads 1 sources")
	}
}

// TestLinkLabelPlural: a count's link reads "1 complaint" to a screen
// reader, not "1 complaints" (the aria-label the table template writes).
func TestLinkLabelPlural(t *testing.T) {
	tb := table{Columns: []string{"topic", "complaints", "this week"}}
	for _, tt := range []struct {
		col        int
		text, want string
	}{{1, "1", "complaint"}, {1, "2", "complaints"}, {2, "1", "this week"}} {
		if got := tb.Counted(tt.col, tt.text); got != tt.want {
			t.Errorf("Counted(%d, %q) = %q, want %q", tt.col, tt.text, got, tt.want)
		}
	}
}

// firstSection is the id of a page's first section after the notices
// every page opens with when they apply (no recent data, loaded after the
// report date): a page's own opening.
func firstSection(page string) string {
	for _, m := range regexp.MustCompile(`<section id="([^"]+)">`).FindAllStringSubmatch(page, -1) {
		if m[1] != "no-recent-data" && m[1] != "loaded-later" {
			return m[1]
		}
	}
	return ""
}
