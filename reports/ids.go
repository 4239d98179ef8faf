package reports

import (
	"context"
	"database/sql/driver"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/duckdb/duckdb-go/v2"
)

// idListFrom writes the complaints (source, complaint_id and the period
// received, which per-period figures count by) of the working table from
// (rpt_audit, or one with the same columns) matching where (a predicate
// written in this package, never data; values pass as args) to
// ids/name.csv, sorted, and returns the link to it from a report and the
// number of complaints listed. Figures built from the same predicate
// therefore match their lists exactly. The extra columns (names from this
// package) follow the IDs, so a list can show how each complaint fared,
// e.g. met or missed.
func (r *run) idListFrom(ctx context.Context, from, name string, extra []string, where string, args ...any) (href string, n int64, err error) {
	file := filepath.Join(r.idsDir, name+".csv")
	src, id := "source", "complaint_id"
	order := ` ORDER BY source, complaint_id`
	if r.sorted[from] {
		order = "" // stored in that order, and read back in it (see keepsOrder)
	}
	if guard, err := r.formulaIDs(ctx); err != nil {
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	} else if guard.formula || guard.hidden {
		cell := cellSQL
		if guard.hidden {
			cell = listCellSQL
		}
		src, id = cell("source")+" AS source", cell("complaint_id")+" AS complaint_id"
		// the lists are sorted: read through the guard, a table's rows
		// did not keep their stored order (TestSortedListsKeepOrder)
		order = ` ORDER BY source, complaint_id`
	}
	if redact, err := r.labelsRedacted(ctx, "source"); err != nil {
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	} else if redact {
		src = "rpt_listed_label(source) AS source"
		// sorted as the guard's; two sources may be shown alike, and
		// their stored names settle their order (TestIDListsRedactSources)
		order = ` ORDER BY source, complaint_id, ` + from + `.source`
	}
	cols := src + ", " + id + ", period"
	for _, c := range extra {
		cols += ", " + c
	}
	q := `COPY (SELECT ` + cols + ` FROM ` + from + ` WHERE ` + where + order +
		`) TO '` + quoteLiteral(file) + `' (HEADER, DELIMITER ',')`
	res, err := r.conn.ExecContext(ctx, q, args...)
	if err != nil {
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	}
	n, err = res.RowsAffected()
	if err != nil {
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	}
	return "ids/" + name + ".csv", n, nil
}

// emptyList writes ids/name.csv as idListFrom writes a list with no rows,
// its header alone, without scanning the table for none (each scan of the
// audit's table took 0.15 s on 10M complaints, and most audit lists of a
// CFPB export are empty).
func (r *run) emptyList(name string) (href string, err error) {
	file := filepath.Join(r.idsDir, name+".csv")
	if err := os.WriteFile(file, []byte("source,complaint_id,period\n"), 0o644); err != nil {
		return "", fmt.Errorf("ids %s: %w", name, err)
	}
	return "ids/" + name + ".csv", nil
}

// sameList makes ids/name.csv the list ids/of.csv already is (the same
// rows, from the same table and columns, in the same order), by a hard
// link or, where the file system has none, a copy, and returns its link.
func (r *run) sameList(of, name string) (href string, err error) {
	src, dst := filepath.Join(r.idsDir, of+".csv"), filepath.Join(r.idsDir, name+".csv")
	if err := os.Link(src, dst); err != nil {
		if err := copyFile(src, dst); err != nil {
			return "", fmt.Errorf("ids %s: %w", name, err)
		}
	}
	return "ids/" + name + ".csv", nil
}

// copyFile copies the file src to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// keepsOrder records that the ID lists may read the working table (or
// view over one) name, whose rows are stored sorted by source and
// complaint_id, without sorting again: DuckDB returns a table's rows in
// the order they were inserted to a query without ORDER BY, unless the
// setting preserve_insertion_order is off (then the lists sort as usual).
// Lists that cover most complaints are each a sort of the whole table
// otherwise.
func (r *run) keepsOrder(ctx context.Context, name string) error {
	var keep bool
	if err := r.conn.QueryRowContext(ctx, `SELECT current_setting('preserve_insertion_order')`).Scan(&keep); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if r.sorted == nil {
		r.sorted = map[string]bool{}
	}
	r.sorted[name] = keep
	return nil
}

// copyTo writes the result of q (SQL from this package) to a CSV file in
// ids/ and returns its link and row count. Every text column of q (those
// named in text, which hold text from the data, and any other VARCHAR
// one) is written as listCellSQL writes a cell; a label column
// (labelColumns: a source, a file, a topic) as the pages show it where
// its labels are shown otherwise than stored (labelsRedacted). A column
// a caller did not name escaped the guard before (the comment list's
// topic: a QA pass).
func (r *run) copyTo(ctx context.Context, name, q string, text []string, args ...any) (href string, n int64, err error) {
	file := filepath.Join(r.idsDir, name+".csv")
	if _, err := r.formulaIDs(ctx); err != nil { // registers rpt_list_cell
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	}
	cols, err := r.textColumns(ctx, q, text, args)
	if err != nil {
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	}
	if len(cols) > 0 {
		cells := make([]string, len(cols))
		for i, c := range cols {
			redact, err := r.labelsRedacted(ctx, c)
			if err != nil {
				return "", 0, fmt.Errorf("ids %s: %w", name, err)
			}
			cells[i] = listCellSQL(c) + " AS " + c
			if redact {
				cells[i] = "rpt_listed_label(" + c + ") AS " + c
			}
		}
		// (a projection keeps the order of the query's rows)
		q = "SELECT * REPLACE (" + strings.Join(cells, ", ") + ") FROM (" + q + ")"
	}
	res, err := r.conn.ExecContext(ctx, `COPY (`+q+`) TO '`+quoteLiteral(file)+`' (HEADER, DELIMITER ',')`, args...)
	if err != nil {
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	}
	n, err = res.RowsAffected()
	if err != nil {
		return "", 0, fmt.Errorf("ids %s: %w", name, err)
	}
	return "ids/" + name + ".csv", n, nil
}

// textColumns are the columns of q's result (names from this package, q
// run with args) named in text or of type VARCHAR.
func (r *run) textColumns(ctx context.Context, q string, text []string, args []any) ([]string, error) {
	rows, err := r.conn.QueryContext(ctx, "SELECT * FROM ("+q+") LIMIT 0", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, t := range types {
		if t.DatabaseTypeName() == "VARCHAR" || slices.Contains(text, t.Name()) {
			cols = append(cols, t.Name())
		}
	}
	return cols, rows.Err()
}

// writeList writes rows, a header then the records, to ids/name.csv and
// returns its link: every cell as a list writes it, a label column's
// (labelColumns, by the header's name: a topic, a source) as the pages
// show the label (listedLabel), any other as SpreadsheetCell writes it.
// The lists written in Go go through it, so that no column escapes the
// guard (the comment list's topics were written raw: a QA pass).
func (r *run) writeList(name string, rows [][]string) (string, error) {
	f, err := os.Create(filepath.Join(r.idsDir, name+".csv"))
	if err != nil {
		return "", fmt.Errorf("ids %s: %w", name, err)
	}
	w := csv.NewWriter(f)
	for i, row := range rows {
		cells := make([]string, len(row))
		for j, c := range row {
			switch {
			case i == 0:
				cells[j] = c // the header: names from this package
			case labelColumns[rows[0][j]]:
				cells[j] = listedLabel(c)
			default:
				cells[j] = SpreadsheetCell(c)
			}
		}
		w.Write(cells)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return "", fmt.Errorf("ids %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("ids %s: %w", name, err)
	}
	return "ids/" + name + ".csv", nil
}

// quoteLiteral doubles single quotes for a SQL string literal. It is used
// only for the output path the operator chose (COPY takes no parameter for
// its file), never for data.
func quoteLiteral(s string) string { return strings.ReplaceAll(s, "'", "''") }

// A cell that begins with =, +, -, @, a tab or a carriage return is read
// as a formula by spreadsheet programs: a complaint ID, customer ID or
// source from the data ("=HYPERLINK(...)") would run as one where an
// auditor opens an ID list. Such a cell is written after an apostrophe,
// which the spreadsheet does not show, as OWASP's advice on CSV injection
// has it. SpreadsheetCell does it in Go (the command's metrics CSV calls it
// too), cellSQL in a query (col a column name from this package, never
// data). SpreadsheetCell also writes the characters the pages show as
// their code points so (visible: bidi controls, zero-width characters,
// NUL and the other controls), as the pages do: a customer ID
// "CUST-\u202e1234" read "CUST-4321" in a spreadsheet (a QA pass).
func SpreadsheetCell(s string) string {
	s = visible(s)
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// idGuard is how the ID lists write the warehouse's complaint IDs and
// sources: through cellSQL where one begins as a formula does, through
// listCellSQL where one holds a character the pages show as its code
// point.
type idGuard struct{ formula, hidden bool }

// formulaIDs reports how the ID lists write the IDs and sources of the
// warehouse (idGuard), asked once a run (one scan of the IDs, where most
// warehouses hold none such), and registers the SQL function
// rpt_list_cell (listCellSQL).
func (r *run) formulaIDs(ctx context.Context) (idGuard, error) {
	if r.guardIDs == nil {
		var g idGuard
		// the pattern is this package's (hiddenPattern), never data
		q := strings.ReplaceAll(query("formula_ids"), "{{HIDDEN}}", hiddenPattern())
		if err := r.conn.QueryRowContext(ctx, q).Scan(&g.formula, &g.hidden); err != nil {
			return g, err
		}
		// DuckDB keeps a function in the database's catalog: a later run
		// registers its own in its place (as registerPIIKind)
		if err := duckdb.RegisterScalarUDF(r.conn, "rpt_list_cell", listCellFunc{}); err != nil {
			return g, fmt.Errorf("function rpt_list_cell: %w", err)
		}
		r.guardIDs = &g
	}
	return *r.guardIDs, nil
}

func cellSQL(col string) string {
	return "CASE WHEN left(" + col + ", 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || " + col + " ELSE " + col + " END"
}

// listCellSQL is col (a column name from this package) as SpreadsheetCell
// writes it: a value with a character the pages show as its code point
// (hiddenPattern) through SpreadsheetCell itself (rpt_list_cell, which
// formulaIDs registers), the others, most, through cellSQL, with no call
// to Go.
func listCellSQL(col string) string {
	return "CASE WHEN regexp_matches(" + col + ", '" + hiddenPattern() + "') THEN rpt_list_cell(" + col + ") ELSE " + cellSQL(col) + " END"
}

// listCellFunc is SpreadsheetCell as the SQL function
// rpt_list_cell(VARCHAR) -> VARCHAR.
type listCellFunc struct{}

func (listCellFunc) Config() duckdb.ScalarFuncConfig { return piiKindFunc{}.Config() }

func (listCellFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		return SpreadsheetCell(values[0].(string)), nil
	}}
}

// listedLabel is a label (a source, a file's name) as the ID lists write
// it: as the pages show it (shownLabel: redacted, on one line, its hidden
// characters shown), after an apostrophe where it begins as a formula does.
func listedLabel(s string) string { return SpreadsheetCell(shownLabel(s)) }

// listedLabels are the labels of the warehouse that the lists write
// otherwise than stored (listedLabel), read by labelsRedacted.
type listedLabels struct {
	shown map[string]string // label -> listedLabel
	cols  map[string]bool   // the columns (list_labels.sql's) with such a label
}

// labelsRedacted reports whether a label of the column col (a source of
// the warehouse's complaints, or the name of a file ingested, which the
// pages show as a label: labelColumns) is shown otherwise than stored (one
// named with personal data, as a source given to ingest with --source may
// be), so that the lists write col's as listedLabel, by the SQL function
// rpt_listed_label, which it then registers. The labels are read once a
// run (one scan of the sources, which are few): most warehouses hold none
// such, and their lists are written as before, with no function called on
// each row; a column with none (the sources, where a file alone is named
// so) is written as before too.
func (r *run) labelsRedacted(ctx context.Context, col string) (bool, error) {
	if r.listed != nil {
		return r.listed.cols[col], nil
	}
	rows, err := r.conn.QueryContext(ctx, query("list_labels"))
	if err != nil {
		return false, fmt.Errorf("labels listed: %w", err)
	}
	defer rows.Close()
	listed := &listedLabels{shown: map[string]string{}, cols: map[string]bool{}}
	for rows.Next() {
		var c, s string
		if err := rows.Scan(&c, &s); err != nil {
			return false, fmt.Errorf("labels listed: %w", err)
		}
		if shownLabel(s) != s {
			listed.shown[s] = listedLabel(s)
			listed.cols[c] = true
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("labels listed: %w", err)
	}
	if len(listed.shown) > 0 {
		// DuckDB keeps a function in the database's catalog: a later run
		// registers its own in its place (as registerPIIKind)
		if err := duckdb.RegisterScalarUDF(r.conn, "rpt_listed_label", listedLabelFunc{listed.shown}); err != nil {
			return false, fmt.Errorf("function rpt_listed_label: %w", err)
		}
	}
	r.listed = listed
	return listed.cols[col], nil
}

// listedLabelFunc is listedLabel as the SQL function
// rpt_listed_label(VARCHAR) -> VARCHAR, its labels shown otherwise
// than stored looked up (the redactor is not run on each row).
type listedLabelFunc struct{ listed map[string]string }

func (listedLabelFunc) Config() duckdb.ScalarFuncConfig { return piiKindFunc{}.Config() }

func (f listedLabelFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		s := values[0].(string)
		if l, ok := f.listed[s]; ok {
			return l, nil
		}
		return SpreadsheetCell(s), nil // shown as stored
	}}
}

// hiddenPattern is a regular expression (RE2, as DuckDB's regexp_matches
// reads it) of one character visible may show as its code point (mayHide),
// made from mayHide itself: the lists pick the cells to write through
// visible by it in SQL, calling Go for those alone.
var hiddenPattern = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString("[")
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !mayHide(r) {
			continue
		}
		lo := r
		for r+1 <= unicode.MaxRune && mayHide(r+1) {
			r++
		}
		fmt.Fprintf(&b, `\x{%X}`, lo)
		if r > lo {
			fmt.Fprintf(&b, `-\x{%X}`, r)
		}
	}
	b.WriteString("]")
	return b.String()
})
