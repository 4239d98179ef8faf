package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/complaints/complaints/internal/bidi"
	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/reports"
	"github.com/duckdb/duckdb-go/v2"
)

// resultSet is a query result held as Go values, for printing.
type resultSet struct {
	columns []string
	rows    [][]any
	// noFormulas writes a text cell that begins as a spreadsheet formula
	// does after an apostrophe in CSV (reports.SpreadsheetCell, as the ID
	// lists of the reports write theirs): set for the metrics'
	// tables, which a manager opens in a spreadsheet; a query's result
	// (sql) is written as it is.
	noFormulas bool
}

func readRows(rows *sql.Rows) (*resultSet, error) {
	cols, vals, err := warehouse.ScanDisplay(rows)
	if err != nil {
		return nil, err
	}
	return &resultSet{columns: cols, rows: vals}, nil
}

// cellText renders one value for table and CSV output; null is "n/a" in a
// table and empty in CSV, as is a float that is no finite number (NaN,
// infinities: null in JSON too; CSV gave "" for NaN and "+Inf" for
// infinity). Values of other types than these read as DuckDB
// writes them, with one convention for nested types, DuckDB's
// (warehouse.Text): INTERVAL "1 month 2 days 00:00:01.5", LIST "[1, 2]",
// STRUCT "{'a': 1}", MAP "{k=1}", BLOB "a\xFF"; a JSON column's value is
// its JSON text. Notebooks show values the same way.
func cellText(v any, null string) string {
	switch x := v.(type) {
	case nil:
		return null
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return null
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return null
		}
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	default:
		return warehouse.Text(x)
	}
}

// jsonValue converts one value for JSON output: DECIMAL and HUGEINT as
// numbers with their exact digits, LIST as an array, STRUCT as an object,
// MAP as an object in the map's order (keys as their text), a JSON
// column's value as it is, NaN and infinities as null, and the rest as the
// text cellText gives (INTERVAL "3 days", BLOB "a\xFF").
func jsonValue(v any) any {
	switch x := v.(type) {
	case nil, bool, string, json.RawMessage,
		int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil
		}
		return x
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(x.String())
	case duckdb.Union:
		return jsonValue(x.Value)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case duckdb.OrderedMap:
		keys, vals := x.Keys(), x.Values()
		o := jsonObject{keys: make([]string, len(keys)), vals: make([]any, len(vals))}
		for i, k := range keys {
			o.keys[i] = warehouse.Text(k)
			o.vals[i] = jsonValue(vals[i])
		}
		return o
	default:
		return cellText(x, "")
	}
}

// jsonObject is a JSON object that keeps its keys' order.
type jsonObject struct {
	keys []string
	vals []any
}

func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// streamRows writes a query's rows as write does, csv and json a row at a
// time, holding none after it is written, and a table a page of rows at a
// time (textTable).
func streamRows(w io.Writer, rows *sql.Rows, format string) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	switch format {
	case "table":
		tt := newTextTable(w, cols)
		_, err = warehouse.EachDisplay(rows, func(r []any) error {
			return tt.add(r)
		})
		if err != nil {
			return err
		}
		return tt.flush()
	case "csv":
		cw := csv.NewWriter(bw)
		cw.Write(csvTexts(cols))
		cells := make([]string, len(cols))
		_, err = warehouse.EachDisplay(rows, func(r []any) error {
			for i, v := range r {
				cells[i] = csvText(cellText(v, ""))
			}
			return cw.Write(cells)
		})
		if err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	case "json":
		// as json.Encoder indents the whole array (write): "[", each
		// object indented a level, "]"; "[]" when there is none
		keys := uniqueNames(cols)
		n := 0
		var buf bytes.Buffer
		_, err = warehouse.EachDisplay(rows, func(r []any) error {
			o := jsonObject{keys: keys, vals: make([]any, len(r))}
			for i, v := range r {
				o.vals[i] = jsonValue(v)
			}
			b, err := json.Marshal(o) // (HTML characters escaped, as the encoder does)
			if err != nil {
				return err
			}
			buf.Reset()
			if err := json.Indent(&buf, b, "  ", "  "); err != nil {
				return err
			}
			sep := ",\n  "
			if n == 0 {
				sep = "[\n  "
			}
			n++
			bw.WriteString(sep)
			_, err = bw.Write(buf.Bytes())
			return err
		})
		if err != nil {
			return err
		}
		if n == 0 {
			bw.WriteString("[]\n")
		} else {
			bw.WriteString("\n]\n")
		}
	default:
		return checkFormat(format, "table", "csv", "json")
	}
	return bw.Flush()
}

// csvText is a value's text as CSV writes it: a NUL byte, which many CSV
// readers stop at or fail on (Python's csv module, spreadsheets cut the
// value there), is written as U+FFFD, the replacement character, as a
// browser shows it and the report pages write it. JSON keeps it
// (\u0000); a table shows it escaped (\x00). `complaints sql -h` says so.
func csvText(s string) string {
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

func csvTexts(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = csvText(s)
	}
	return out
}

// tablePage is how many rows a table printed to a terminal holds at a
// time: its columns are as wide as the widest cell of the first page
// (the header with the first tablePage rows), and a later page widens
// those it needs to, from its first line. Held whole to size the
// columns, a query of millions of rows exhausted the memory before its
// first line was printed. `complaints sql -h` says so.
var tablePage = 1000

// textTable prints rows as a table for a terminal, tablePage rows at a
// time: each value as cellText gives it ("n/a" for null) and cleanCell
// makes it safe, its columns two spaces apart, each as wide as its widest
// cell so far counted in runes (as text/tabwriter, which printed the
// tables before, counts them: a page prints as tabwriter printed it), and
// the last column not padded.
type textTable struct {
	w      *bufio.Writer
	widths []int
	lines  [][]string // to print: the header, then the rows of a page
	held   int        // rows in lines
}

func newTextTable(w io.Writer, columns []string) *textTable {
	head := make([]string, len(columns))
	for i, c := range columns {
		head[i] = cleanCell(c)
	}
	return &textTable{w: bufio.NewWriter(w), widths: make([]int, len(columns)), lines: [][]string{head}}
}

// add adds a row of values, printing the page it completes.
func (t *textTable) add(row []any) error {
	cells := make([]string, len(row))
	for i, v := range row {
		cells[i] = cleanCell(cellText(v, "n/a"))
	}
	t.lines = append(t.lines, cells)
	if t.held++; t.held == tablePage {
		t.held = 0
		return t.flush()
	}
	return nil
}

// flush prints the lines held, widening the columns they need to, and
// writes them through.
func (t *textTable) flush() error {
	for _, l := range t.lines {
		for i := 0; i < len(l)-1 && i < len(t.widths); i++ {
			t.widths[i] = max(t.widths[i], utf8.RuneCountInString(l[i]))
		}
	}
	for _, l := range t.lines {
		for i, c := range l {
			t.w.WriteString(c)
			if i < len(l)-1 {
				t.w.WriteString(strings.Repeat(" ", t.widths[i]-utf8.RuneCountInString(c)+2))
			}
		}
		t.w.WriteByte('\n')
	}
	t.lines = t.lines[:0]
	return t.w.Flush()
}

// checkFormat refuses a --format none of allowed names before any work is
// done: sql and trends ran the query, or the detection, before saying
// the format was unknown (QA pass P).
func checkFormat(format string, allowed ...string) error {
	if slices.Contains(allowed, format) {
		return nil
	}
	return fmt.Errorf("unknown format %q (want %s or %s)", format, strings.Join(allowed[:len(allowed)-1], ", "), allowed[len(allowed)-1])
}

// write prints the result set as table, csv or json.
func (rs *resultSet) write(w io.Writer, format string) error {
	switch format {
	case "", "table":
		tt := newTextTable(w, rs.columns)
		for _, r := range rs.rows {
			if err := tt.add(r); err != nil {
				return err
			}
		}
		return tt.flush()
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(csvTexts(rs.columns))
		for _, r := range rs.rows {
			cells := make([]string, len(r))
			for i, v := range r {
				cells[i] = cellText(v, "")
				if s, ok := v.(string); ok && rs.noFormulas {
					cells[i] = reports.SpreadsheetCell(s)
				}
				cells[i] = csvText(cells[i])
			}
			cw.Write(cells)
		}
		cw.Flush()
		return cw.Error()
	case "json":
		// each row an object with the columns in the query's order (a Go
		// map put them in alphabetical order) and a repeated column name
		// made unique (a map kept the last column of the name alone)
		keys := uniqueNames(rs.columns)
		out := make([]jsonObject, 0, len(rs.rows))
		for _, r := range rs.rows {
			o := jsonObject{keys: keys, vals: make([]any, len(r))}
			for i, v := range r {
				o.vals[i] = jsonValue(v)
			}
			out = append(out, o)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	default:
		return checkFormat(format, "table", "csv", "json")
	}
}

// uniqueNames returns names with each repeated one suffixed _1, _2, ...
// (skipping suffixes another column has), as DuckDB names the repeated
// columns of a table it creates from a query: "a, a, b" gives a, a_1, b.
func uniqueNames(names []string) []string {
	taken := make(map[string]bool, len(names))
	for _, n := range names {
		taken[n] = true
	}
	seen := make(map[string]bool, len(names))
	out := make([]string, len(names))
	for i, n := range names {
		name := n
		for k := 1; seen[name]; k++ {
			if c := fmt.Sprintf("%s_%d", n, k); !taken[c] {
				name = c
			}
		}
		seen[name], taken[name] = true, true
		out[i] = name
	}
	return out
}

// cleanCell makes text from the data safe for one cell of a table printed
// to a terminal: tabs and line breaks become spaces, and every other
// control character is written as its Go escape (cleanText).
func cleanCell(s string) string {
	return terminalText(s, true)
}

// cleanText makes text from the data safe to print to a terminal in a
// message or a line of output: it keeps tabs and newlines but writes every
// other control character (ESC, which starts the sequences that move the
// cursor, recolour or retitle a terminal, DEL, the C1 controls, a carriage
// return that would overwrite the line), the bidirectional controls that
// reorder the text after them (U+202E), the zero-width characters that
// hide text (U+200B: bidi.Invisible, as the report pages show them) and
// invalid UTF-8 as Go escapes: "\x1b", "\u202e", "\u200b", "\xff".
// Complaint text is untrusted (a record's value reaches a reject reason; a
// phrase, a group or a column name reaches a table), and text without such
// characters is returned as it is.
func cleanText(s string) string {
	return terminalText(s, false)
}

func terminalText(s string, oneLine bool) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		return isControl(r) || r == utf8.RuneError || bidi.IsControl(r) || r == 0x2028 || r == 0x2029 || bidi.Invisible(0, r, 0)
	}) {
		return s
	}
	var b strings.Builder
	prev := rune(0)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		next := rune(0)
		if i+n < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+n:])
		}
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' || r == '\n':
			if oneLine {
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
		case r == '\v' || r == '\f' || r == 0x2028 || r == 0x2029:
			if oneLine {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		case r == '\r' && oneLine:
			b.WriteByte(' ')
		case isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case bidi.IsControl(r) || bidi.Invisible(prev, r, next):
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08x`, r) // a tag character: \u takes 4 digits
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
		prev = r
		i += n
	}
	return b.String()
}

// isControl reports the C0 and C1 controls and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// quantity is n with the words its number takes: "1 alert", "0 alerts",
// "2 customers have". Numbers stay as Go writes them (no thousands
// separators), as the rest of the commands' output.
func quantity[N int | int64](n N, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprint(n) + " " + many
}
