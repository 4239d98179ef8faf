package reports

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCellLong: a cell wraps anywhere only when its text holds a run of
// more than longRun (24) bytes without a space.
func TestCellLong(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"", false},
		{"complaints", false},
		{strings.Repeat("a", 24), false},
		{strings.Repeat("a", 25), true},
		{"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", true}, // a SHA-256
		{"2 carriage returns alone in unquoted values read as spaces", false},
		{"repeat_complaints: 7442 7436 7432", false},
		{"in /work/shared/data/twcs-head-sample/twcs_head5000.csv", true},
	} {
		if got := (cell{Text: tt.text}).Long(); got != tt.want {
			t.Errorf("Long(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestTablePick: pick keeps the named columns, their cells and whether
// they hold numbers, in the order named.
func TestTablePick(t *testing.T) {
	full := table{Columns: []string{"run", "file", "read"}, num: []bool{true, false, true},
		Rows: [][]cell{{{Text: "1", Num: true}, {Text: "a.csv"}, {Text: "5", Num: true}}}}
	p := full.pick("records", "run", "read")
	if p.Caption != "records" || !slices.Equal(p.Columns, []string{"run", "read"}) || !p.NumCol(0) || !p.NumCol(1) {
		t.Fatalf("pick = %+v", p)
	}
	if len(p.Rows) != 1 || p.Rows[0][0].Text != "1" || p.Rows[0][1].Text != "5" {
		t.Errorf("pick rows = %+v, want [1 5]", p.Rows)
	}
}

// TestTableHeader: a column's name is escaped (it may be a product or a
// company from the data), with a break allowed after each underscore.
func TestTableHeader(t *testing.T) {
	tb := table{Columns: []string{"usage_instructions", `</script><img src=x onerror="alert(1)">_x`, "plain"}}
	for i, want := range []string{
		"usage_<wbr>instructions",
		"&lt;/script&gt;&lt;img src=x onerror=&#34;alert(1)&#34;&gt;_<wbr>x",
		"plain",
	} {
		if got := string(tb.Header(i)); got != want {
			t.Errorf("Header(%d) = %q, want %q", i, got, want)
		}
	}
}

// TestBidiVisible: the characters that reorder the text after them are
// shown as their code points wherever the data puts them in a page, a
// chart's labels included: a product "abc\u202Egnp.exe\u202C" displayed as
// "abcexe.png" (an exploratory QA pass).
func TestBidiVisible(t *testing.T) {
	spoof := "abc\u202Egnp.exe\u202C"
	bars, err := barChart("bidi-bars", "bars", []string{spoof}, []series{{Name: "complaints", Values: []*float64{fptr(3)}}}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	p := page{File: "bidi.html", Title: "bidi", Sections: []section{{ID: "s1", Title: "product " + spoof, Chart: &bars,
		Tables: []table{{Columns: []string{"product"}, Rows: [][]cell{{{Text: spoof}}}}}}}}
	b, err := p.bytes()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsRune(b, 0x202E) || bytes.ContainsRune(b, 0x202C) {
		t.Error("the page holds a raw direction override")
	}
	if n := bytes.Count(b, []byte("abc[U+202E]gnp.exe[U+202C]")); n < 3 { // title, cell, chart data
		t.Errorf("the spoofed name is shown with its code points %d times, want 3 or more (title, table, chart)", n)
	}
}

// TestPivotOthersNamed: the column summing the topics beyond the largest
// says how many it holds; beside the taxonomy's own topic "other", a column
// "(other)" read as the same thing (an exploratory QA pass).
func TestPivotOthersNamed(t *testing.T) {
	w := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	long := &result{cols: []string{"period", "topic", "n"}}
	for i, g := range []string{"other", "billing", "fees", "service"} {
		long.rows = append(long.rows, []any{w, g, int64(10 - i)})
	}
	wide, _ := pivot(long, []time.Time{w}, 2)
	if want := []string{"period", "other", "billing", "(2 other topics)"}; !slices.Equal(wide.cols, want) {
		t.Errorf("columns %q, want %q", wide.cols, want)
	}
	if got := wide.rows[0][3]; got != int64(15) {
		t.Errorf("the other topics sum to %v, want 15 (8 + 7)", got)
	}
}

// TestDateAndIDCellsOneLine: every date or period cell of the fixture's
// pages carries class="date" (nowrap), and complaint and customer IDs
// class="id" (nowrap too). The QA pass found 52 period cells of the NPS
// and CSAT tables and 15 "received" cells of the defects examples without
// it, wrapped at the hyphen ("2018-|05"), and IDs read as two values
// ("HD-|001981"). The IDs are the fixture's: H2 is the newest of the
// examples' billing complaints, C-rep the customer who complained three
// times (fixture_test.go).
func TestDateAndIDCellsOneLine(t *testing.T) {
	dir := writeFixtureReports(t)
	bare := regexp.MustCompile(`<td dir="auto">\d{4}-\d{2}(-\d{2})?( \d{2}:\d{2})?</td>`)
	for _, name := range Files {
		if m := bare.FindAllString(readPage(t, dir, name), 3); m != nil {
			t.Errorf("%s: date cells without class=\"date\", e.g. %q", name, m)
		}
	}
	pageHas(t, "defects.html", readPage(t, dir, "defects.html"),
		[]string{`<td dir="auto">fixture</td><td class="id">H2</td><td class="date">2024-03-10</td>`, `<tr><td class="id">C-rep</td><td class="num">3</td>`}, nil)
	pageHas(t, "executive.html", readPage(t, dir, "executive.html"), []string{`<tr><td class="id">C-rep</td>`}, nil)
	pageHas(t, "layout", readPage(t, dir, "index.html"), []string{"td.date, td.num, td.id, .nobr { white-space: nowrap; }"}, nil)
}

// TestTableNumColumnNA: an unknown value ("n/a") in a column of numbers is
// aligned right as the numbers are; it was left-aligned, since only cells
// holding a number were marked (QA pass: the audit's "complete %" of a
// source of tweets).
func TestTableNumColumnNA(t *testing.T) {
	res := &result{cols: []string{"field", "complete %"}, rows: [][]any{{"customer", 50.0}, {"owner", nil}}}
	tab := res.table("")
	for i, row := range tab.Rows {
		if row[0].Num || !row[1].Num {
			t.Errorf("row %d: Num = %v, %v, want false, true", i, row[0].Num, row[1].Num)
		}
	}
	if tab.Rows[1][1].Text != "n/a" {
		t.Errorf("unknown value shown as %q, want n/a", tab.Rows[1][1].Text)
	}
}

// TestLinkLabels: a link on a count names what it counts to a screen
// reader, which read "4, link" alone (QA pass Q): a headline figure by
// its label, a table cell by its column, its row's first cell and its
// table's name (its section's title "s", as it has no caption); text
// from the data in them is escaped.
func TestLinkLabels(t *testing.T) {
	p := page{File: "links.html", Title: "links", Sections: []section{{
		ID: "s", Title: "s",
		Figures: []figure{{Label: "open at report date", Value: "4", Href: "ids/open.csv"}},
		Tables: []table{{Columns: []string{"topic", "missed"}, num: []bool{false, true},
			Rows: [][]cell{{{Text: hostile}, {Text: "2", Num: true, Href: "ids/missed.csv"}}}}},
	}}}
	dir := t.TempDir()
	if err := p.render(dir); err != nil {
		t.Fatal(err)
	}
	page := readPage(t, dir, p.File)
	pageHas(t, p.File, page, []string{
		`<a href="ids/open.csv" aria-label="4, open at report date: list of IDs (CSV)">4</a>`,
		`<a href="ids/missed.csv" aria-label="2 missed, &lt;/script&gt;&lt;img src=x onerror=&#34;document.title=&#39;PWNED&#39;&#34;&gt;, in s: list of IDs (CSV)">2</a>`,
	}, nil)
}
