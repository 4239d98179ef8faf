package reports

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fixturePages writes the fixture's reports and returns each page's
// markup by file name, the ECharts script left out (its code is no
// markup of the page).
func fixturePages(t *testing.T) map[string]string {
	t.Helper()
	dir := writeFixtureReports(t)
	pages := map[string]string{}
	for _, name := range Files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		pages[name] = strings.Replace(string(b), echartsJS, "", 1)
	}
	return pages
}

var (
	a11yLinkRE  = regexp.MustCompile(`<a href="([^"]*)"((?: [a-z-]+="[^"]*")*)>(.*?)</a>`)
	a11yAriaRE  = regexp.MustCompile(`aria-label="([^"]*)"`)
	a11yTagRE   = regexp.MustCompile(`<[^>]*>`)
	a11yTableRE = regexp.MustCompile(`(?s)<table[^>]*>.*?</table>`)
	a11yThRE    = regexp.MustCompile(`<th[ >][^>]*>?`)
	a11yTdRE    = regexp.MustCompile(`<td( [^>]*)?>`)
	labelByRE   = regexp.MustCompile(`aria-labelledby="([^"]*)"`)
)

// spokenName is the name a screen reader reads for a link: its
// aria-label, else its text.
func spokenName(attrs, text string) string {
	if m := a11yAriaRE.FindStringSubmatch(attrs); m != nil {
		return html.UnescapeString(m[1])
	}
	return html.UnescapeString(a11yTagRE.ReplaceAllString(text, ""))
}

// TestLinkNamesCSV: only a link to a .csv file is announced as a list of
// IDs. The index's links to the four reports read "Weekly quality report:
// list of IDs (CSV)" (QA pass BG): the layout labelled every link of a
// table cell so.
func TestLinkNamesCSV(t *testing.T) {
	for name, page := range fixturePages(t) {
		for _, m := range a11yLinkRE.FindAllStringSubmatch(page, -1) {
			spoken := spokenName(m[2], m[3])
			if strings.Contains(spoken, "list of IDs") && !strings.HasSuffix(m[1], ".csv") {
				t.Errorf("%s: the link to %s reads %q", name, m[1], spoken)
			}
		}
	}
}

// TestLinkNamesUnique: two links of a page with the same spoken name open
// the same file. The demo's audit page had 22 names for two files each
// ("72 due, 2019-09-16: list of IDs (CSV)", acknowledgement and
// resolution), its defects page 5 (the brief's and the recurring table's
// "606 complaints, Product defect ..."): QA pass BG.
func TestLinkNamesUnique(t *testing.T) {
	for name, page := range fixturePages(t) {
		hrefs := map[string]map[string]bool{}
		for _, m := range a11yLinkRE.FindAllStringSubmatch(page, -1) {
			spoken := spokenName(m[2], m[3])
			if hrefs[spoken] == nil {
				hrefs[spoken] = map[string]bool{}
			}
			hrefs[spoken][m[1]] = true
		}
		for spoken, hs := range hrefs {
			if len(hs) > 1 {
				t.Errorf("%s: %d links read %q and open different files: %v", name, len(hs), spoken, hs)
			}
		}
	}
}

// TestTableSemantics: every header cell is a column's header
// (scope="col"), every table has a name (a caption, or its section's
// heading by aria-labelledby: the index's five tables had none), and every
// cell of text takes its direction from its text (dir="auto": an Arabic
// product name). QA pass BG.
func TestTableSemantics(t *testing.T) {
	for name, page := range fixturePages(t) {
		ids := map[string]bool{}
		for _, m := range idRE.FindAllStringSubmatch(page, -1) {
			ids[m[1]] = true
		}
		for _, tb := range a11yTableRE.FindAllString(page, -1) {
			head, _, _ := strings.Cut(tb, ">")
			if !strings.Contains(tb, "<caption>") {
				m := labelByRE.FindStringSubmatch(head)
				if m == nil && !strings.Contains(head, "aria-label=") {
					t.Errorf("%s: a table has no caption and no name: %.120s", name, tb)
				} else if m != nil && !ids[m[1]] {
					t.Errorf("%s: a table is labelled by %q, which no element is", name, m[1])
				}
			}
			for _, th := range a11yThRE.FindAllString(tb, -1) {
				if !strings.Contains(th, `scope="col"`) {
					t.Errorf("%s: %s has no scope=\"col\"", name, th)
				}
			}
			for _, m := range a11yTdRE.FindAllStringSubmatch(tb, -1) {
				attrs := m[1]
				text := !strings.Contains(attrs, `class="num"`) && !strings.Contains(attrs, `class="date"`) && !strings.Contains(attrs, `class="id"`)
				if text && !strings.Contains(attrs, `dir="auto"`) && !strings.Contains(attrs, "colspan") {
					t.Errorf("%s: a text cell <td%s> has no dir=\"auto\"", name, attrs)
				}
			}
		}
	}
}

// TestChartFallback: with JavaScript off (a mail viewer, a printout
// without scripts) each chart's box says that the table below holds its
// figures, where it was an empty box (QA pass BG); ECharts' own aria
// description stays off: it read raw values, bar positions and NaN, unlike
// the table (QA pass BL); the page's script names the chart instead.
func TestChartFallback(t *testing.T) {
	figRE := regexp.MustCompile(`(?s)<figure class="chart".*?</figure>`)
	charts := 0
	for name, page := range fixturePages(t) {
		for _, fig := range figRE.FindAllString(page, -1) {
			charts++
			if !strings.Contains(fig, `<p class="nochart">`) {
				t.Errorf("%s: a chart has no text for a page without scripts: %.200s", name, fig)
			}
			if strings.Contains(fig, `"aria":`) {
				t.Errorf("%s: a chart's option turns on ECharts' aria description", name)
			}
		}
	}
	if charts == 0 {
		t.Fatal("no charts in the fixture's pages")
	}
}

// TestPageTitles: each page's <title> names the page and its report date
// (two runs' tabs and printouts were told apart by neither: the weekly
// page's was "Quality report" whatever the date), and the index's table
// of sources names its columns in words, not first_received (QA pass BG).
func TestPageTitles(t *testing.T) {
	titleRE := regexp.MustCompile(`<title>([^<]*)</title>`)
	h1RE := regexp.MustCompile(`<h1>([^<]*)</h1>`)
	pages := fixturePages(t)
	for name, page := range pages {
		title, h1 := titleRE.FindStringSubmatch(page), h1RE.FindStringSubmatch(page)
		if title == nil || h1 == nil {
			t.Fatalf("%s: no <title> or <h1>", name)
		}
		// the fixture's report date (fixtureAsOf)
		if !strings.Contains(title[1], h1[1]) || !strings.Contains(title[1], "2024-03-31") {
			t.Errorf("%s: <title> is %q, want the page's name %q and its report date 2024-03-31", name, title[1], h1[1])
		}
	}
	for _, raw := range []string{"first_<wbr>received", "last_<wbr>received"} {
		if strings.Contains(pages["index.html"], "<th") && strings.Contains(pages["index.html"], raw) {
			t.Errorf("index.html: a column is headed %q", raw)
		}
	}
}

// nobrRE is a date of a text that the page keeps on one line (the
// layout's template "dated").
var nobrRE = regexp.MustCompile(`<span class="nobr">(\d{4}-\d{2}-\d{2})</span>`)

// undated is page without the spans that keep its dates on one line, for
// the tests that read a sentence or a figure whole.
func undated(page string) string { return nobrRE.ReplaceAllString(page, "$1") }
