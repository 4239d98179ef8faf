package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// classifyReads are the fields of a complaint that classify reads: the
// narrative, and the product and issue as its context
// (classify/sql/select_window.sql). An update that changes none of them
// keeps the complaint's classification (merge.sql).
var classifyReads = []string{"narrative", "product", "sub_product", "issue", "sub_issue"}

// writtenExprs lists the expressions of the fields an update writes (alias
// s the staged row, e the row replaced), in table order: kept, the list
// of job.replacing, or the staged fields as they are when it is nil.
func (j *job) writtenExprs(kept []string) []string {
	if kept != nil {
		return kept
	}
	list := make([]string, len(j.tbl.fields))
	for i, f := range j.tbl.fields {
		list[i] = "s." + ident(f.name)
	}
	return list
}

// reclassify is the SQL condition that an update (alias s the staged row,
// e the row replaced, kept as job.writtenExprs takes it) changes a field
// classify reads.
func (j *job) reclassify(kept []string) string {
	exprs := j.writtenExprs(kept)
	var changed []string
	for i, f := range j.tbl.fields {
		if slices.Contains(classifyReads, f.name) {
			changed = append(changed, exprs[i]+" IS DISTINCT FROM e."+ident(f.name))
		}
	}
	return strings.Join(changed, " OR ")
}

// typedText matches a value as a typed cell or a Parquet value reads as
// text: a date or a time ("2016-09-14", "2016-09-14 00:00:00", as DuckDB
// writes a DATE or TIMESTAMP and the XLSX reader a date cell) or a plain
// number.
const typedText = `^([0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?|-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?)$`

// alike is the SQL test that the texts a and b, values of one key of
// extra, are the same value written otherwise: one as a typed cell or
// Parquet value reads (typedText), the other the same time, as the field
// ts reads one (its layouts in m's dates, then ISO 8601), or the same
// number. "2016-09-14 00:00:00" is "09/14/2016" where ts reads %m/%d/%Y,
// and 5.0 is "5". Never null: a value that reads as no time or number is
// not alike (written_otherwise.sql's list_bool_and passes over nulls, so a
// null let a real change through as a duplicate: a QA pass), and numbers
// compare as decimals (as doubles, 12345678901234567 was ...568).
func alike(a, b string, ts field, m *Mapping, p *params) string {
	return fmt.Sprintf("coalesce(%[1]s = %[2]s OR (regexp_matches(%[1]s, %[3]s) OR regexp_matches(%[2]s, %[3]s)) AND (coalesce(%[4]s = %[5]s, false) OR coalesce(try_cast(%[1]s AS DECIMAL(38, 10)) = try_cast(%[2]s AS DECIMAL(38, 10)), false)), false)",
		a, b, literal(typedText), timestampExpr(ts, a, m, p), timestampExpr(ts, b, m, p))
}

// sameWrittenOtherwise finds the updates whose only change is values of
// extra written otherwise (a CSV's text dates as an XLSX's date cells)
// duplicates (sql/written_otherwise.sql), and returns how many.
func (j *job) sameWrittenOtherwise(ctx context.Context, tx *sql.Tx, keyJoin string, kept []string) (int64, error) {
	var ts field // the table's first time: received_at, responded_at, since
	for _, f := range j.tbl.fields {
		if f.typ == tTimestamp {
			ts = f
			break
		}
	}
	var p params
	q := render("written_otherwise.sql", map[string]any{
		"Table": j.tbl.name, "KeyJoin": keyJoin, "Fields": strings.Join(j.writtenExprs(kept), ", "),
		"Extra": "coalesce(o.merged_extra, s.extra)", "Alike": alike("z[1].value", "z[2].value", ts, j.m, &p),
	})
	r, err := tx.ExecContext(ctx, q, p.args...)
	if err != nil {
		return 0, fmt.Errorf("find updates of values written otherwise: %w", err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("find updates of values written otherwise: %w", err)
	}
	return n, nil
}
