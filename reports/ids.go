package reports

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	cols := "source, complaint_id, period"
	for _, c := range extra {
		cols += ", " + c
	}
	order := ` ORDER BY source, complaint_id`
	if r.sorted[from] {
		order = "" // stored in that order, and read back in it (see keepsOrder)
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
// ids/ and returns its link and row count.
func (r *run) copyTo(ctx context.Context, name, q string, args ...any) (href string, n int64, err error) {
	file := filepath.Join(r.idsDir, name+".csv")
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

// quoteLiteral doubles single quotes for a SQL string literal. It is used
// only for the output path the operator chose (COPY takes no parameter for
// its file), never for data.
func quoteLiteral(s string) string { return strings.ReplaceAll(s, "'", "''") }
