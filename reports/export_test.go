package reports

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestExportParquetRoundTrip exports the fixed warehouse and reads every
// file back with a fresh DuckDB: row counts match table by table, and each
// month partition holds that month's complaints.
func TestExportParquetRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	got, err := ExportParquet(ctx, db, dir)
	if err != nil {
		t.Fatal(err)
	}
	reader, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tables := map[string]bool{}
	for _, e := range got {
		tables[e.Table] = true
		var want, back int64
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(e.Table)).Scan(&want); err != nil {
			t.Fatal(err)
		}
		pattern := e.Path
		if e.Table == "complaints" {
			pattern = filepath.Join(e.Path, "*", "*.parquet")
		}
		if err := reader.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?, hive_partitioning = true)`, pattern).Scan(&back); err != nil {
			t.Fatalf("read back %s: %v", e.Table, err)
		}
		if e.Rows != want || back != want {
			t.Errorf("%s: exported %d rows, read back %d, warehouse has %d", e.Table, e.Rows, back, want)
		}
	}
	for _, want := range []string{"complaints", "surveys", "customers", "classifications", "ingest_runs", "rejects"} {
		if !tables[want] {
			t.Errorf("table %s not exported", want)
		}
	}
	for _, cache := range []string{"phrase_counts", "phrase_periods"} {
		if tables[cache] {
			t.Errorf("the reports' cache table %s was exported", cache)
		}
	}
	// By month, counted from the fixture: 2023-12 H3; 2024-01 H6; 2024-02
	// 16 generated + H5; 2024-03 16 generated + H1, H2, H4, H8, U1; 2024-04 H7.
	for month, want := range map[string]int64{"2023-12": 1, "2024-01": 1, "2024-02": 17, "2024-03": 21, "2024-04": 1} {
		var n int64
		p := filepath.Join(dir, "complaints", "month="+month, "*.parquet")
		if err := reader.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, p).Scan(&n); err != nil {
			t.Errorf("partition %s: %v", month, err)
			continue
		}
		if n != want {
			t.Errorf("partition month=%s holds %d complaints, want %d", month, n, want)
		}
	}
	// A second export into the same directory replaces the first.
	if _, err := ExportParquet(ctx, db, dir); err != nil {
		t.Fatalf("second export: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "complaints"))
	if len(entries) != 5 {
		t.Errorf("after a second export complaints/ has %d partitions, want 5", len(entries))
	}
}
