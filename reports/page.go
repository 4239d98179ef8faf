package reports

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/echarts.min.js
var echartsJS string

//go:embed assets/init.js
var initJS string

var layout = template.Must(template.New("").Funcs(template.FuncMap{"dated": dated}).ParseFS(templateFS, "templates/*.html"))

// textPart is a run of a text the page shows: a date (Date), which it
// keeps on one line, or the text between.
type textPart struct {
	Text string
	Date bool
}

var dateRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// dated splits s into its dates and the text between them, for the
// template "dated": a phone broke a date of a sentence at its hyphen
// ("2020-03-" / "15"; QA pass BG).
func dated(s string) []textPart {
	var parts []textPart
	at := 0
	for _, m := range dateRE.FindAllStringIndex(s, -1) {
		if m[0] > at {
			parts = append(parts, textPart{Text: s[at:m[0]]})
		}
		parts = append(parts, textPart{Text: s[m[0]:m[1]], Date: true})
		at = m[1]
	}
	if at < len(s) || len(parts) == 0 {
		parts = append(parts, textPart{Text: s[at:]})
	}
	return parts
}

func init() {
	// The ECharts script is inlined in a <script> element: it must not be
	// able to end that element early.
	for _, s := range []string{echartsJS, initJS} {
		l := strings.ToLower(s)
		if strings.Contains(l, "</script") || strings.Contains(l, "<!--") {
			panic("reports: embedded script contains </script or <!--")
		}
		// nor hold a character visible rewrites: its CSP hash would no
		// longer match
		if strings.ContainsFunc(s, mayHide) {
			panic("reports: embedded script contains a character the pages show as its code point")
		}
	}
}

// page is one HTML file: a title, navigation, and sections in order.
type page struct {
	File  string // name inside the output directory
	Title string
	// Date is the report date, which the page's <title> gives after its
	// name (DocTitle); "" for none (a notebook).
	Date     string
	Subtitle string
	Footer   string
	Nav      []link
	Sections []section
	// Filled by render.
	CSP     string
	Scripts []template.JS
}

// DocTitle is the page's <title>: its name and report date, so that two
// runs' tabs, bookmarks and printouts (whose header prints it) are told
// apart.
func (p *page) DocTitle() string {
	if p.Date == "" {
		return p.Title
	}
	return p.Title + ", report date " + p.Date
}

type link struct{ Text, Href string }

// section is one titled part of a page. A section with a chart always has
// a table with the same figures (the chart's accessible, printable twin).
type section struct {
	ID          string
	Title       string
	Paragraphs  []string
	Unavailable string // why this part cannot be shown (missing data or stage)
	Figures     []figure
	Chart       *chart
	Tables      []table
	Narratives  []string // redacted complaint text, shown as quoted text
	Notes       []string
	Links       []link        // links within the page or to another page, after the notes
	Body        template.HTML // notebook prose, escaped by markdownHTML
	Code        string        // a notebook cell's source, shown as code
	// brief are notes of the trend alerts' section that the weekly
	// page's alerts in brief repeat under its table (alertSummary).
	brief []string
}

// figure is one headline number; Href points at the IDs behind it.
type figure struct {
	Label, Value, Href, Note string
}

// LinkLabel is the spoken name of the figure's link when it opens a list
// of IDs; "" otherwise (table.LinkLabel).
func (f figure) LinkLabel() string {
	if !isCSV(f.Href) {
		return ""
	}
	return f.Value + ", " + f.Label + ": list of IDs (CSV)"
}

// HeadingID is the id of the section's heading, which names its tables
// that have no caption; "" for a section without an id or a title.
func (s section) HeadingID() string {
	if s.ID == "" || s.Title == "" {
		return ""
	}
	return s.ID + "-title"
}

type table struct {
	ID      string
	Caption string
	Columns []string
	Rows    [][]cell
	num     []bool
	// Matrix marks a table of counts with a column per group (topics by
	// product): set compactly, so that a dozen columns named in long
	// words fit the page's width.
	Matrix bool
	// phrases marks the emerging phrases' table, which the summaries
	// read (phraseBrief).
	phrases bool
	// heading and headingID are the title of the table's section and its
	// heading's id (page.show): a table without a caption is named by
	// them, and its links say which table they are in.
	heading, headingID string
}

// Name is the table's name as a screen reader gives it: its caption, else
// its section's title.
func (t table) Name() string {
	if t.Caption != "" {
		return t.Caption
	}
	return t.heading
}

// LabelledBy is the id of the heading that names a table without a
// caption; "" when it has a caption or its section no titled heading with
// an id.
func (t table) LabelledBy() string {
	if t.Caption != "" {
		return ""
	}
	return t.headingID
}

// LinkLabel is the spoken name of the link of row's cell j when it opens a
// list of IDs (a .csv file): its count and column, the row's name and the
// table's name ("72 due, 2019-09-16, in Acknowledgement by week:
// list of IDs (CSV)"), as two tables of a page may have the same rows and
// columns (the audit's acknowledgements and resolutions due). A link to a
// page is named by its text: "".
func (t table) LinkLabel(row []cell, j int) string {
	c := row[j]
	if !isCSV(c.Href) {
		return ""
	}
	s := c.Text + " " + t.Counted(j, c.Text)
	// the row is named by its cells before its first number: a topic
	// and a product name a pair of the defects page, a topic alone not
	for k := 0; k < j && !row[k].Num; k++ {
		s += ", " + row[k].Text
	}
	if n := t.Name(); n != "" {
		s += ", in " + n
	}
	return s + ": list of IDs (CSV)"
}

// isCSV reports whether href opens a list of IDs, as a link's spoken
// name then says: a link to a page is no list (QA pass BG: the index's
// links to the reports read "Weekly quality report: list of IDs (CSV)").
func isCSV(href string) bool { return strings.HasSuffix(href, ".csv") }

// NumCol reports whether column i holds numbers (right-aligned).
func (t table) NumCol(i int) bool { return i < len(t.num) && t.num[i] }

// Header is column i's name, escaped, with a break allowed after each
// underscore ("usage_<wbr>instructions"): a matrix of topics or products
// names its columns with long words, which would widen it past the page.
// A name longer than labelCap is cut (HeaderTitle gives it whole).
func (t table) Header(i int) template.HTML {
	parts := strings.Split(cutLabel(t.Columns[i], labelCap), "_")
	for k, p := range parts {
		parts[k] = template.HTMLEscapeString(p)
	}
	return template.HTML(strings.Join(parts, "_<wbr>"))
}

// HeaderTitle is column i's name when Header cuts it, for the header's
// title; "" otherwise.
func (t table) HeaderTitle(i int) string {
	if c := t.Columns[i]; cutLabel(c, labelCap) != c {
		return c
	}
	return ""
}

// Counted is column i's name as a link's label reads it after the cell's
// text: "1 complaint", not "1 complaints" (a column named in the plural,
// its last letter an s but not of "ss", is singular after a count of 1).
func (t table) Counted(i int, text string) string {
	c := t.Columns[i]
	if text == "1" && strings.HasSuffix(c, "s") && !strings.HasSuffix(c, "ss") {
		return c[:len(c)-1]
	}
	return c
}

// pick returns a table of the named columns of t, in that order, under
// caption: a table too wide for the page shown as two.
func (t table) pick(caption string, names ...string) table {
	p := table{Caption: caption, Columns: names, num: make([]bool, len(names)), Rows: make([][]cell, len(t.Rows))}
	for j, name := range names {
		i := slices.Index(t.Columns, name)
		if i < 0 {
			panic("reports: no column " + name + " to pick")
		}
		p.num[j] = t.NumCol(i)
		for r, row := range t.Rows {
			p.Rows[r] = append(p.Rows[r], row[i])
		}
	}
	return p
}

type cell struct {
	Text string
	Href string
	Num  bool
	Date bool // a date or time: kept on one line
	// ID marks a complaint or customer ID, kept on one line too: split at
	// its hyphen ("HD-|001981") it reads as two values.
	ID bool
	// Title, when set, is the cell's title attribute: a period's days
	// (periodRange) where the cell names a period by its first day or
	// its month, as the chart's tooltip names it.
	Title string
}

// Long reports whether the cell's text holds a run of more than longRun
// bytes without a space (a file's SHA-256, a path, a link): the page lets
// it wrap anywhere, rather than widen its column until the table's other
// columns (the audit's reconciliation figures) are out of view.
func (c cell) Long() bool {
	run := 0
	for i := 0; i < len(c.Text); i++ {
		if c.Text[i] == ' ' {
			run = 0
		} else if run++; run > longRun {
			return true
		}
	}
	return false
}

// longRun is the longest run of text without a space a table cell keeps
// on one line.
const longRun = 24

func chartID(c *chart) string {
	if c == nil {
		return ""
	}
	return c.ID
}

// scriptHash is a Content-Security-Policy source for an inline script.
func scriptHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// render writes p into dir. Inline scripts are limited by a CSP to the
// exact scripts we ship (by hash), so neither an injected element nor an
// inline event handler could run even if escaping failed; nothing may be
// fetched from the network.
func (p *page) render(dir string) error {
	b, err := p.bytes()
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, p.File), b)
}

// shownText is text as the pages show it wherever it is, in a table's
// cell or header, an attribute, a sentence or a chart's JSON (dataText):
// the characters visible shows as their code points so shown beforehand,
// NUL too, which html/template writes as U+FFFD (a chart's JSON held
// "[U+0000]" where an aria-label beside it held U+FFFD), and the line and
// paragraph separators U+2028 and U+2029 as a space (a chart drew a space,
// a table nothing).
func shownText(s string) string {
	return visible(separators.Replace(s))
}

var separators = strings.NewReplacer("\u2028", " ", "\u2029", " ")

// show makes every text of p that the template writes its shown form
// (shownText), and each label of a table (labelColumns, a matrix's
// headers after the first) a shown label (shownLabel), cut to labelCap
// with the whole in the cell's title: every page gets them so, whichever
// code built its tables. It may run twice: the forms are fixed points.
func (p *page) show() {
	for _, s := range []*string{&p.Title, &p.Subtitle, &p.Footer} {
		*s = shownText(*s)
	}
	for i := range p.Nav {
		p.Nav[i].Text = shownText(p.Nav[i].Text)
	}
	for i := range p.Sections {
		sec := &p.Sections[i]
		sec.Title, sec.Unavailable, sec.Code = shownText(sec.Title), shownText(sec.Unavailable), shownText(sec.Code)
		for _, ss := range [][]string{sec.Paragraphs, sec.Narratives, sec.Notes} {
			for k := range ss {
				ss[k] = shownText(ss[k])
			}
		}
		for k := range sec.Figures {
			f := &sec.Figures[k]
			f.Label, f.Value, f.Note = shownText(f.Label), shownText(f.Value), shownText(f.Note)
		}
		for k := range sec.Links {
			sec.Links[k].Text = shownText(sec.Links[k].Text)
		}
		if sec.Chart != nil {
			sec.Chart.Title = shownText(sec.Chart.Title)
		}
		for k := range sec.Tables {
			sec.Tables[k].heading, sec.Tables[k].headingID = sec.Title, sec.HeadingID()
			sec.Tables[k].show()
		}
	}
}

// show makes t's texts shown texts and its labels shown labels (page.show).
func (t *table) show() {
	t.Caption = shownText(t.Caption)
	// the columns and rows may be another table's too (a query's columns,
	// a row picked): they are copied, not changed
	cols := make([]string, len(t.Columns))
	label := make([]bool, len(t.Columns))
	for j, c := range t.Columns {
		label[j] = labelColumns[c]
		if t.Matrix && j > 0 {
			cols[j] = shownLabel(c)
		} else {
			cols[j] = shownText(c)
		}
	}
	t.Columns = cols
	rows := make([][]cell, len(t.Rows))
	for i, row := range t.Rows {
		row = slices.Clone(row)
		rows[i] = row
		for j := range row {
			c := &row[j]
			c.Text, c.Title = shownText(c.Text), shownText(c.Title)
			if j < len(label) && label[j] {
				c.Text = shownLabel(c.Text)
				if cut := cutLabel(c.Text, labelCap); cut != c.Text && c.Title == "" {
					c.Text, c.Title = cut, c.Text
				}
			}
		}
	}
	t.Rows = rows
}

// bytes is the page p, written through visible, which shows the
// characters that reorder the text after them (bidi.Controls), take no
// room (bidi.Invisible) or control a terminal (ESC, the C1 controls) as their
// code points, wherever the data put them in a page (a table cell, a
// sentence naming a group, a chart's label, a notebook): a product
// "abc\u202Egnp.exe" read "abcexe.png", and a complaint ID "H\u200b2" as
// H2. The pages' own text and scripts hold none (init), so the whole page
// is rewritten (a chart's JSON data too, whose string may hold the
// marker; the scripts a CSP hash pins are not touched).
func (p *page) bytes() ([]byte, error) {
	hasCharts := false
	ids := map[string]bool{}
	for _, s := range p.Sections {
		for _, id := range []string{s.ID, chartID(s.Chart)} {
			if id != "" && ids[id] {
				panic("reports: element id " + id + " used twice in " + p.File)
			}
			ids[id] = true
		}
		if s.Chart != nil {
			hasCharts = true
			if len(s.Tables) == 0 {
				panic("reports: section " + s.ID + " has a chart and no table")
			}
		}
	}
	p.Scripts = nil
	csp := "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
	if hasCharts {
		p.Scripts = []template.JS{template.JS(echartsJS), template.JS(initJS)}
		csp += "; script-src " + scriptHash(echartsJS) + " " + scriptHash(initJS)
	} else {
		csp += "; script-src 'none'"
	}
	p.CSP = csp
	p.show()
	var buf bytes.Buffer
	if err := layout.ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, fmt.Errorf("render %s: %w", p.File, err)
	}
	// show wrote the code points before the template, which escapes
	// their + as &#43;, where visible, run after it, writes it raw: the
	// same form in the same bytes, wherever it came from
	return []byte(strings.ReplaceAll(visible(buf.String()), "[U&#43;", "[U+")), nil
}

// writeFile writes through a temporary file and a rename, so a reader never
// sees half a report.
func writeFile(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
