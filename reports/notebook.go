package reports

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/complaints/complaints/internal/warehouse"
)

// Querier is what a notebook needs from the warehouse. Open the warehouse
// read-only to run notebooks: the check on each cell's first keyword is a
// guard against mistakes, not a sandbox.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// NotebookOptions tune RunNotebook. The zero value is usable.
type NotebookOptions struct {
	Name    string // shown in errors and as the fallback title, e.g. the file name
	MaxRows int    // rows shown per cell; 0 means 200 (charts use every row)
}

// block is one part of a notebook: Markdown text or a fenced code block.
type block struct {
	line  int    // 1-based line of the opening fence or first text line
	lang  string // "" for Markdown text, else the fence's info string
	text  string
	chart *chartSpec
}

// chartSpec is a cell's "-- chart: KIND x=COL y=COL[,COL]" directive.
type chartSpec struct {
	kind string // line or bar
	x    string
	y    []string
}

// parseNotebook splits Markdown into text and fenced blocks.
func parseNotebook(src []byte) ([]block, error) {
	var blocks []block
	var cur *block
	var fence string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	n := 0
	flushText := func() {
		if cur != nil && cur.lang == "" && strings.TrimSpace(cur.text) != "" {
			blocks = append(blocks, *cur)
		}
		cur = nil
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			flushText()
			fence = trimmed[:3]
			cur = &block{line: n, lang: strings.ToLower(strings.TrimSpace(strings.TrimLeft(trimmed, "`~")))}
			if cur.lang == "" {
				cur.lang = "text"
			}
			continue
		}
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
				blocks = append(blocks, *cur)
				cur = nil
				continue
			}
			cur.text += line + "\n"
			continue
		}
		if cur == nil {
			cur = &block{line: n}
		}
		cur.text += line + "\n"
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if fence != "" {
		return nil, fmt.Errorf("line %d: code block not closed", cur.line)
	}
	flushText()
	for i := range blocks {
		if blocks[i].lang != "sql" {
			continue
		}
		spec, err := parseChartSpec(blocks[i].text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", blocks[i].line+1, err)
		}
		blocks[i].chart = spec
	}
	return blocks, nil
}

// parseChartSpec reads a "-- chart: line x=week y=complaints" first line;
// nil when the cell has none.
func parseChartSpec(cell string) (*chartSpec, error) {
	first, _, _ := strings.Cut(strings.TrimLeft(cell, "\n"), "\n")
	rest, ok := strings.CutPrefix(strings.TrimSpace(first), "--")
	if !ok {
		return nil, nil
	}
	rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "chart:")
	if !ok {
		return nil, nil
	}
	f := strings.Fields(rest)
	if len(f) == 0 {
		return nil, fmt.Errorf("chart: want \"-- chart: line|bar x=COLUMN y=COLUMN[,COLUMN]\"")
	}
	spec := &chartSpec{kind: f[0]}
	if spec.kind != "line" && spec.kind != "bar" {
		return nil, fmt.Errorf("chart kind %q: want line or bar", spec.kind)
	}
	for _, kv := range f[1:] {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case ok && k == "x":
			spec.x = v
		case ok && k == "y":
			spec.y = strings.Split(v, ",")
		default:
			return nil, fmt.Errorf("chart: %q: want x=COLUMN or y=COLUMN[,COLUMN]", kv)
		}
	}
	if spec.x == "" || len(spec.y) == 0 {
		return nil, fmt.Errorf("chart: needs x=COLUMN and y=COLUMN")
	}
	return spec, nil
}

// readOnlyStart lists the statements a notebook cell may begin with.
var readOnlyStart = []string{"select", "with", "from", "values", "table", "pivot", "unpivot", "describe", "summarize", "show", "explain"}

// notQuery is the error for a statement that begins with kw, no query: a
// typo of one ("SELEC 1") is named as such, not as a refused write as a
// DELETE is (QA pass P).
func notQuery(kw string) error {
	for _, q := range readOnlyStart {
		if len(kw) > 2 && !containsString(otherStatements, kw) && levenshtein.ComputeDistance(kw, q) <= 2 {
			return fmt.Errorf("statement %q: no such statement (a typo of %s?); notebooks run read-only queries (SELECT, WITH, FROM, ...)", kw, strings.ToUpper(q))
		}
	}
	return fmt.Errorf("statement %q: notebooks run read-only queries (SELECT, WITH, FROM, ...)", kw)
}

// otherStatements are DuckDB's statements that are no query: refused as
// such, never taken for a typo ("drop" is two letters from "from").
var otherStatements = []string{"insert", "update", "delete", "create", "drop", "alter", "copy", "attach", "detach",
	"install", "load", "set", "reset", "pragma", "call", "export", "import", "checkpoint", "force", "vacuum",
	"begin", "commit", "rollback", "abort", "start", "end", "use", "truncate", "merge", "prepare", "execute",
	"deallocate", "comment", "analyze", "grant", "revoke"}

// firstKeyword returns the first word of a statement after comments (a
// comment inside it joins the words around it: "DELETE/**/FROM" reads
// as "deletefrom", no query either).
func firstKeyword(q string) string {
	q = strings.TrimLeft(strings.TrimSpace(stripComments(q)), "(")
	end := strings.IndexFunc(q, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') })
	if end < 0 {
		end = len(q)
	}
	return strings.ToLower(q[:end])
}

// RunNotebook runs the ```sql cells of a Markdown notebook against db and
// returns a self-contained HTML page: the text as written, each query with
// its result as a table, and a chart when the cell's first line asks for
// one ("-- chart: line x=week y=complaints"; bar also; several y columns
// separated by commas). A cell may hold several statements separated by
// semicolons; each result is shown, and the chart draws the last.
//
// Cells run in order. A cell that fails (an error from the warehouse, a
// statement that is not a query, a chart naming no column of the result)
// shows its error in the page and the cells after it still run; RunNotebook
// then returns the page together with an error naming every failed cell by
// number and line. A notebook that cannot be read (a code block not closed,
// a malformed chart line) or a cancelled context gives no page.
func RunNotebook(ctx context.Context, db Querier, src []byte, opts NotebookOptions) ([]byte, error) {
	if opts.MaxRows <= 0 {
		opts.MaxRows = 200
	}
	blocks, err := parseNotebook(src)
	if err != nil {
		return nil, fmt.Errorf("notebook %s: %w", opts.Name, err)
	}
	p := &page{Title: opts.Name, Subtitle: "Notebook " + opts.Name}
	titled := false
	cellN := 0
	var failed []string
	for _, b := range blocks {
		switch b.lang {
		case "":
			body, title := markdownHTML(b.text)
			if !titled && title != "" {
				p.Title, titled = title, true
			}
			p.Sections = append(p.Sections, section{Body: body})
		case "sql":
			cellN++
			sec, err := runCell(ctx, db, b, cellN, opts.MaxRows)
			if err != nil {
				if ctx.Err() != nil {
					return nil, fmt.Errorf("notebook %s: cell %d (line %d): %w", opts.Name, cellN, b.line, err)
				}
				// an error may quote a value ("Could not convert string
				// '...' to INT32"), shown redacted as the cells are
				sec.Unavailable = "This cell failed: " + redactedText(err.Error())
				first, _, _ := strings.Cut(err.Error(), "\n")
				failed = append(failed, fmt.Sprintf("cell %d (line %d): %s", cellN, b.line, first))
			}
			p.Sections = append(p.Sections, sec)
		default:
			p.Sections = append(p.Sections, section{Code: b.text})
		}
	}
	out, err := p.bytes()
	if err != nil {
		return nil, fmt.Errorf("notebook %s: %w", opts.Name, err)
	}
	if len(failed) > 0 {
		return out, fmt.Errorf("notebook %s: %s (%d of %d cells failed; the page shows each error in full)",
			opts.Name, strings.Join(failed, "; "), len(failed), cellN)
	}
	return out, nil
}

// runCell runs a cell's statements and returns its section: one table per
// statement and the chart its directive asks for, drawn from the last
// statement's result. On error the section holds what ran before it.
func runCell(ctx context.Context, db Querier, b block, n, maxRows int) (section, error) {
	sec := section{ID: fmt.Sprintf("cell-%d", n), Code: strings.TrimRight(b.text, "\n")}
	stmts := SplitStatements(b.text)
	for _, s := range stmts {
		if kw := firstKeyword(s); !containsString(readOnlyStart, kw) {
			return sec, notQuery(kw)
		}
	}
	if len(stmts) == 0 {
		return sec, fmt.Errorf("no statement: the cell holds only comments or blanks")
	}
	var res *result
	for i, s := range stmts {
		rows, err := db.QueryContext(ctx, s)
		if err != nil {
			if len(stmts) > 1 {
				err = fmt.Errorf("statement %d of %d: %w", i+1, len(stmts), err)
			}
			return sec, err
		}
		types, err := rows.ColumnTypes()
		if err != nil {
			rows.Close()
			return sec, err
		}
		cols, vals, err := warehouse.ScanDisplay(rows)
		rows.Close()
		if err != nil {
			return sec, err
		}
		res = &result{cols: cols, rows: vals}
		t := res.table("")
		if len(t.Rows) > maxRows {
			t.Caption = fmt.Sprintf("First %d of %s rows", maxRows, thousands(int64(len(t.Rows))))
			t.Rows = t.Rows[:maxRows]
		}
		if len(stmts) > 1 {
			t.Caption = strings.TrimSpace(fmt.Sprintf("Statement %d of %d. %s", i+1, len(stmts), t.Caption))
		}
		redactCells(&t, types)
		sec.Tables = append(sec.Tables, t)
	}
	if b.chart == nil || len(res.rows) == 0 {
		return sec, nil
	}
	xi := -1
	for i, c := range res.cols {
		if c == b.chart.x {
			xi = i
		}
	}
	if xi < 0 {
		return sec, fmt.Errorf("chart: no column %q in the result", b.chart.x)
	}
	cats := make([]string, len(res.rows))
	for i, row := range res.rows {
		cats[i] = text(row[xi])
	}
	var ss []series
	for _, y := range b.chart.y {
		yi := -1
		for i, c := range res.cols {
			if c == y {
				yi = i
			}
		}
		if yi < 0 {
			return sec, fmt.Errorf("chart: no column %q in the result", y)
		}
		s := series{Name: y, Values: make([]*float64, len(res.rows))}
		for i, row := range res.rows {
			s.Values[i] = numPtr(row[yi])
		}
		if !anyValue([]series{s}) {
			// an empty line, every point a gap, said nothing of why; a
			// column of text or of nulls only is left out, saying so
			sec.Notes = append(sec.Notes, fmt.Sprintf("Not charted: column %q holds no number (its first value: %s).", y, text(res.rows[0][yi])))
			continue
		}
		ss = append(ss, s)
	}
	if len(ss) == 0 {
		return sec, nil
	}
	var c chart
	var err error
	if b.chart.kind == "line" {
		c, err = lineChart(sec.ID+"-chart", fmt.Sprintf("Cell %d", n), cats, ss, nil)
	} else {
		c, err = barChart(sec.ID+"-chart", fmt.Sprintf("Cell %d", n), cats, ss, false, false)
	}
	if err != nil {
		return sec, err
	}
	sec.Chart = &c
	return sec, nil
}

// redactCells makes the texts of a notebook's table redacted text
// (redactedText): each cell of a column of types that holds text
// (holdsText), and each column name (a PIVOT names columns by values),
// whatever the column is named. Only the label columns were (labelColumns,
// page.show): the shipped recurring-defects notebook's pair, topic || ' / '
// || product, showed the e-mail address its product column redacted, as
// any alias of a label column would (QA pass BA). A chart names its
// categories and series so already (dataText).
func redactCells(t *table, types []*sql.ColumnType) {
	// the result's own names stay: the chart directive finds columns by them
	t.Columns = slices.Clone(t.Columns)
	for j, c := range t.Columns {
		t.Columns[j] = redactedText(c)
	}
	for j, ct := range types {
		if !holdsText(ct.DatabaseTypeName()) {
			continue
		}
		for _, row := range t.Rows {
			row[j].Text = redactedText(row[j].Text)
		}
	}
}

// holdsText reports whether values of the DuckDB type typ may hold text
// of the data: VARCHAR, JSON, ENUM, BLOB, or a LIST, STRUCT, MAP or UNION
// of one ("VARCHAR[]"). Numbers, booleans, UUIDs and times do not: the
// redactor took "2024-03-01 12:30:00" for a phone number.
func holdsText(typ string) bool {
	for _, k := range []string{"VARCHAR", "JSON", "ENUM", "BLOB"} {
		if strings.Contains(typ, k) {
			return true
		}
	}
	return false
}

// SplitStatements splits a cell into its statements at the semicolons
// outside quoted text ('...', "...", $tag$...$tag$) and comments (-- to the
// line's end, /* ... */), dropping statements that hold only blanks and
// comments. A statement keeps its comments, so its first keyword is read
// past them as for a whole cell.
func SplitStatements(q string) []string {
	var out []string
	start := 0
	add := func(s string) {
		if strings.TrimSpace(stripComments(s)) != "" {
			out = append(out, s)
		}
	}
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			// a doubled quote inside is the quote itself; scanning on
			// from the closing one reads it as a new quoted run
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				i = len(q)
			} else {
				i += j + 1
			}
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				i = len(q)
			} else {
				i += j
			}
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			j := strings.Index(q[i+2:], "*/")
			if j < 0 {
				i = len(q)
			} else {
				i += j + 3
			}
		case c == '$':
			if tag := dollarTag(q[i:]); tag != "" {
				j := strings.Index(q[i+len(tag):], tag)
				if j < 0 {
					i = len(q)
				} else {
					i += len(tag) + j + len(tag) - 1
				}
			}
		case c == ';':
			add(q[start:i])
			start = i + 1
		}
	}
	if start < len(q) {
		add(q[start:])
	}
	return out
}

// dollarTag returns the $tag$ (or $$) that opens a dollar-quoted string at
// the start of s, or "" when s does not start one ($1 is a parameter).
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '$':
			return s[:j+1]
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 1 && c >= '0' && c <= '9':
		default:
			return ""
		}
	}
	return ""
}

// stripComments removes -- and /* */ comments from a statement, for
// telling an empty one and reading its first word (firstKeyword); quoted
// text is not looked into, so it may cut inside a string, which matters
// for neither: a statement's first word comes before any string.
func stripComments(s string) string {
	var b strings.Builder
	for s != "" {
		switch {
		case strings.HasPrefix(s, "--"):
			_, s, _ = strings.Cut(s, "\n")
		case strings.HasPrefix(s, "/*"):
			_, s, _ = strings.Cut(s, "*/")
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// markdownHTML renders the Markdown a notebook's prose uses: ATX headings,
// paragraphs, "-" or "*" bullet lists and `code` spans. Every piece of text
// is HTML-escaped before it is wrapped in markup, so the result is safe to
// insert as HTML. It returns the first level-1 heading as the title.
func markdownHTML(md string) (template.HTML, string) {
	var b strings.Builder
	var para []string
	inList := false
	title := ""
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
	}
	closeList := func() {
		if inList {
			b.WriteString("</ul>\n")
			inList = false
		}
	}
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
			closeList()
		case strings.HasPrefix(t, "#"):
			flush()
			closeList()
			level := len(t) - len(strings.TrimLeft(t, "#"))
			text := strings.TrimSpace(t[level:])
			if level > 6 || (len(t) > level && t[level] != ' ') {
				para = append(para, t)
				continue
			}
			if level == 1 && title == "" {
				title = text
				continue // the page's own heading shows it
			}
			h := min(level+1, 6)
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", h, inline(text), h)
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* "):
			flush()
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>" + inline(strings.TrimSpace(t[2:])) + "</li>\n")
		default:
			closeList()
			para = append(para, t)
		}
	}
	flush()
	closeList()
	return template.HTML(b.String()), title
}

// inline escapes text and marks `code` spans.
func inline(s string) string {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // unbalanced: no code spans
		return template.HTMLEscapeString(s)
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(p) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(p))
		}
	}
	return b.String()
}
