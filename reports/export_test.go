package reports

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
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

// TestExportSameBytes: the same warehouse exported twice gives the same
// bytes. DuckDB's PARTITION_BY wrote each month's rows in the order its
// threads reached them: once the complaints spanned several row groups
// (122,880 rows each) the months' files differed from one export to the
// next (an exploratory QA pass: 8 exports of 300,000 complaints, 3
// different trees). 300,000 complaints over 24 months, made by SQL.
func TestExportSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("300,000 complaints")
	}
	db := warehousetest.Open(t, warehouse.Options{Threads: 2})
	if _, err := db.ExecContext(context.Background(), `INSERT INTO complaints (complaint_id, source, received_at, product, narrative, ingest_run_id, row_hash)
		SELECT 'c' || i, CASE WHEN i % 3 = 0 THEN 'a' ELSE 'b' END, TIMESTAMP '2023-01-01' + to_minutes((i * 7919) % (730 * 1440)),
		       'product ' || (i % 17), 'text ' || i, 1, i
		FROM range(300000) r(i)`); err != nil {
		t.Fatal(err)
	}
	export := func() map[string]string {
		dir := t.TempDir()
		if _, err := ExportParquet(context.Background(), db, dir); err != nil {
			t.Fatal(err)
		}
		sums := map[string]string{}
		err := filepath.WalkDir(filepath.Join(dir, "complaints"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			sums[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return sums
	}
	first := export()
	if len(first) != 24 {
		t.Errorf("%d partition files, want 24 (a month each)", len(first))
	}
	for i := 0; i < 2; i++ {
		next := export()
		for f, s := range first {
			if next[f] != s {
				t.Fatalf("export %d: %s differs from the first export's", i+2, f)
			}
		}
	}
}
