package metrics_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/ingest"
	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/reports"
)

// portableDir holds the metric SQL for engines other than the warehouse's
// DuckDB (README, "Past one machine").
const portableDir = "sql/portable"

// portableFiles are the files of portableDir, each run by the tests below;
// percentiles_trino.sql is run with its approx_percentile made exact
// (trinoExact).
var portableFiles = []string{"complaints.sql", "surveys.sql", "percentiles_duckdb_spark.sql", "percentiles_trino.sql"}

// duckdbOnly are constructs of compute.sql that Spark or Trino do not
// share (the QA finding: ASOF JOIN, rowid, epoch(), to_seconds(), $named
// parameters, /*SETS*/ markers), and DuckDB shorthands of the same kind.
var duckdbOnly = []string{"ASOF", "rowid", "epoch(", "to_seconds(", "$", "/*", "::", "count_if", "quantile", "list_", "struct_pack", "QUALIFY", "FILTER"}

// asOfLiteral is the report date each portable file starts with, the one
// literal a user edits.
var asOfLiteral = regexp.MustCompile(`DATE '\d{4}-\d{2}-\d{2}' AS as_of`)

func readPortable(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(portableDir, name))
	if err != nil {
		t.Fatalf("portable SQL: %v", err)
	}
	return string(b)
}

// TestPortableSQLIsPlain: no portable file uses a DuckDB-only construct
// (comments aside, which say which ones it avoids), and each has one
// report date to edit.
func TestPortableSQLIsPlain(t *testing.T) {
	for _, name := range portableFiles {
		text := readPortable(t, name)
		var code []string
		for _, line := range strings.Split(text, "\n") {
			if i := strings.Index(line, "--"); i >= 0 {
				line = line[:i]
			}
			code = append(code, line)
		}
		lower := strings.ToLower(strings.Join(code, "\n"))
		for _, c := range duckdbOnly {
			if strings.Contains(lower, strings.ToLower(c)) {
				t.Errorf("%s uses %q, which Spark or Trino do not have", name, c)
			}
		}
		if n := len(asOfLiteral.FindAllString(text, -1)); n != 1 {
			t.Errorf("%s has %d report dates (DATE 'YYYY-MM-DD' AS as_of), want 1", name, n)
		}
	}
}

// trinoExact is the Trino percentile file with approx_percentile(x, p)
// replaced by the exact percentile_cont: the rest of the file then runs
// in DuckDB and must give the warehouse's medians. (Trino's own figures
// are approximations of these.)
var trinoApprox = regexp.MustCompile(`approx_percentile\(([^,]+), ([0-9.]+)\)`)

func trinoExact(q string) string {
	return trinoApprox.ReplaceAllString(q, "percentile_cont($2) WITHIN GROUP (ORDER BY $1)")
}

// TestPortableSQLMatchesCompute exports the demo data (make run's files,
// ingested and classified as `complaints run` does) as Parquet, runs each
// portable file in DuckDB over views of the exported files named as the
// tables, and compares its figures with metrics.Compute's for the same
// report date. The dates: 2019-09-29, when the CFPB sample's closures
// (no resolution times, its latest receipt 2020-03-19) are not yet known
// (TestDemoAsOfPast); 2019-12-15, mid-way; 2020-03-19, the default as-of.
func TestPortableSQLMatchesCompute(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests and classifies the demo data")
	}
	ctx := context.Background()
	db := warehousetest.Open(t, warehouse.Options{})
	now := func() time.Time { return time.Unix(0, 0).UTC() }
	demo := filepath.Join("..", "testdata", "demo")
	for _, f := range []string{"cfpb_complaints_sample.csv", "synthetic/synthetic_customers.csv",
		"synthetic/synthetic_helpdesk_complaints.csv", "synthetic/synthetic_surveys.csv"} {
		if _, err := ingest.File(ctx, db, filepath.Join(demo, f), ingest.Options{Now: now}); err != nil {
			t.Fatalf("ingest %s: %v", f, err)
		}
	}
	if _, err := classify.Run(ctx, db, classify.RunOptions{Now: now}); err != nil {
		t.Fatalf("classify: %v", err)
	}
	comparePortable(t, db, []time.Time{
		time.Date(2019, 9, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2019, 12, 15, 0, 0, 0, 0, time.UTC),
		time.Date(2020, 3, 19, 0, 0, 0, 0, time.UTC),
	})
}

// TestPortableSQLEdges: the edges the demo data does not reach, on a
// fixture, against metrics.Compute. Customer u1's complaint a (product
// P1, received Friday 2024-03-01 10:00) links the response 30 days later
// to the second (r1) and not one second more (r2), nor a response naming
// a complaint received after the report date (r4), which is unlinked;
// one naming an ID no complaint has (r3) goes by its customer. Complaint
// a is acknowledged on Wednesday 10:00, 3 business days after (the
// weekend not counted: met), b one second later (missed); a is resolved
// 8 weeks after to the second (met), b one second later (missed); f,
// received on Sunday 20:00, is acknowledged on Thursday 10:00, 3 business
// days and 10 hours after Monday's start (missed: the Sunday hours do not
// count, which would make it 62 hours), and resolved on Friday. c,
// open and never answered, misses both once they pass; d is closed
// without a time, and its run (2) holds a time after the first report
// date, so it is unknown then and resolved at the second.
func TestPortableSQLEdges(t *testing.T) {
	ctx := context.Background()
	db := warehousetest.Open(t, warehouse.Options{})
	for _, q := range []string{
		`INSERT INTO complaints (complaint_id, source, received_at, customer_id, product, channel, status,
		                         first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
		 ('a', 'x', '2024-03-01 10:00:00', 'u1', 'P1', 'web', 'closed', '2024-03-06 10:00:00', '2024-04-26 10:00:00', 1, 1),
		 ('b', 'x', '2024-03-01 10:00:00', 'u2', 'P2', 'web', 'closed', '2024-03-06 10:00:01', '2024-04-26 10:00:01', 1, 2),
		 ('c', 'x', '2024-03-04 09:00:00', 'u3', 'P2', NULL, 'open', NULL, NULL, 1, 3),
		 ('d', 'y', '2024-03-05 09:00:00', 'u4', NULL, 'mail', 'closed', NULL, NULL, 2, 4),
		 ('e', 'y', '2024-06-20 09:00:00', 'u4', 'P3', 'mail', 'closed', NULL, NULL, 2, 5),
		 ('f', 'x', '2024-03-03 20:00:00', 'u5', 'P3', 'web', 'closed', '2024-03-07 10:00:00', '2024-03-08 10:00:00', 1, 10)`,
		`INSERT INTO surveys (response_id, source, customer_id, complaint_id, responded_at, csat, nps, ingest_run_id, row_hash) VALUES
		 ('r1', 's', 'u1', NULL, '2024-03-31 10:00:00', 5, 10, 3, 6),
		 ('r2', 's', 'u1', NULL, '2024-03-31 10:00:01', 2, 3, 3, 7),
		 ('r3', 's', 'u1', 'zz', '2024-03-20 12:00:00', 4, 8, 3, 8),
		 ('r4', 's', 'u4', 'e', '2024-03-25 12:00:00', 1, 0, 3, 9)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	comparePortable(t, db, []time.Time{
		time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC),
	})
}

// comparePortable exports db as Parquet, runs each portable file in DuckDB
// over views of the exported files named as the tables, and compares its
// rows with metrics.Compute's for each report date: every figure the file
// gives equal to metrics', and every row of metrics with such figures in
// the file.
func comparePortable(t *testing.T, db *warehouse.DB, asOfs []time.Time) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := reports.ExportParquet(ctx, db, dir); err != nil {
		t.Fatalf("export: %v", err)
	}

	pq, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer pq.Close()
	pq.SetMaxOpenConns(1) // the views live in the one in-memory database
	lit := func(p string) string { return "'" + strings.ReplaceAll(filepath.Join(dir, p), "'", "''") + "'" }
	for _, v := range []string{
		`CREATE VIEW complaints AS SELECT * FROM read_parquet(` + lit("complaints/*/*.parquet") + `, hive_partitioning = true)`,
		`CREATE VIEW surveys AS SELECT * FROM read_parquet(` + lit("surveys.parquet") + `)`,
		`CREATE VIEW classifications AS SELECT * FROM read_parquet(` + lit("classifications.parquet") + `)`,
	} {
		if _, err := pq.ExecContext(ctx, v); err != nil {
			t.Fatalf("views over the export: %v", err)
		}
	}

	for _, asOf := range asOfs {
		day := asOf.Format(time.DateOnly)
		want, err := metrics.Compute(ctx, db, metrics.Options{Period: "week", By: []string{"all", "product", "channel"}, AsOf: asOf})
		if err != nil {
			t.Fatalf("Compute as of %s: %v", day, err)
		}
		byKey := map[string]map[string]any{}
		for _, r := range want {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			byKey[rowKey(r.PeriodStart, r.Dimension, r.Group)] = m
		}
		for _, name := range portableFiles {
			q := asOfLiteral.ReplaceAllString(readPortable(t, name), "DATE '"+day+"' AS as_of")
			if name == "percentiles_trino.sql" {
				q = trinoExact(q)
			}
			got, err := queryMaps(ctx, pq, q)
			if err != nil {
				t.Fatalf("%s as of %s: %v", name, day, err)
			}
			seen := map[string]bool{}
			for _, g := range got {
				k := rowKey(g["period_start"].(time.Time).Format(time.DateOnly), g["dimension"].(string), g["group_name"].(string))
				if seen[k] {
					t.Errorf("%s as of %s: row %s twice", name, day, k)
				}
				seen[k] = true
				w, ok := byKey[k]
				if !ok {
					t.Errorf("%s as of %s: row %s, which metrics does not have", name, day, k)
					continue
				}
				for col, v := range g {
					if col == "period_start" || col == "dimension" || col == "group_name" {
						continue
					}
					wv, ok := w[col]
					if !ok {
						t.Fatalf("%s: column %s is no metrics JSON field", name, col)
					}
					if !sameFigure(v, wv) {
						t.Errorf("%s as of %s, %s: %s = %v, metrics has %v", name, day, k, col, show(v), show(wv))
					}
				}
			}
			// every row of metrics with figures of the file's kind is in the file
			for k, w := range byKey {
				if !seen[k] && hasFigures(name, w) {
					t.Errorf("%s as of %s: no row %s, which metrics has (%v complaints, csat_n %v, nps_n %v)",
						name, day, k, w["complaints"], w["csat_n"], w["nps_n"])
				}
			}
		}
	}
}

func rowKey(period, dim, group string) string { return period + " " + dim + "=" + group }

// hasFigures reports whether metrics' row w has figures the portable file
// name computes: complaints for the complaint figures and percentiles,
// survey answers for the survey figures.
func hasFigures(name string, w map[string]any) bool {
	if name == "surveys.sql" {
		return w["csat_n"].(float64) > 0 || w["nps_n"].(float64) > 0
	}
	return w["complaints"].(float64) > 0
}

// sameFigure compares a value DuckDB scanned with one of metrics' JSON:
// both null, or numbers equal to 1e-9 (relative; the sums run in other
// orders).
func sameFigure(got, want any) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	var g float64
	switch v := got.(type) {
	case int64:
		g = float64(v)
	case int32:
		g = float64(v)
	case *big.Int: // DuckDB's SUM of integers is a HUGEINT
		g, _ = new(big.Float).SetInt(v).Float64()
	case float64:
		g = v
	default:
		return false
	}
	w, ok := want.(float64)
	return ok && math.Abs(g-w) <= 1e-9*math.Max(1, math.Abs(w))
}

func show(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}

// queryMaps runs q and returns its rows as maps from column name to value.
func queryMaps(ctx context.Context, db *sql.DB, q string) ([]map[string]any, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for i, c := range cols {
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
