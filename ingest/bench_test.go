package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/synth/bench"
	"github.com/complaints/complaints/internal/warehouse"
)

// benchFile returns a generated CFPB export of n rows under testdata/bench,
// writing it on first use (1M rows is about 1 GB; resampled real rows).
func benchFile(b *testing.B, n int) string {
	b.Helper()
	path, err := bench.Ensure(filepath.Join("..", "testdata", "bench", fmt.Sprintf("cfpb_%d.csv", n)), n, bench.DefaultPool(".."))
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// benchRows is 1,000,000 unless BENCH_ROWS says otherwise.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// BenchmarkIngestCSV ingests the generated export and, in the same run,
// times plain DuckDB loading it with CREATE TABLE AS SELECT * FROM read_csv.
// Target (issue 2): ingest at most 1.5x the plain load, peak memory < 2 GB.
func BenchmarkIngestCSV(b *testing.B) {
	n := benchRows()
	path := benchFile(b, n)
	st, _ := os.Stat(path)
	name := fmt.Sprintf("%dk", n/1000)
	var plain, ours time.Duration
	b.Run("duckdb_read_csv/"+name, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			db := openBench(b)
			bench.ResetPeakRSS()
			t0 := time.Now()
			if _, err := db.ExecContext(context.Background(), `CREATE TABLE plain AS SELECT * FROM read_csv(?)`, path); err != nil {
				b.Fatal(err)
			}
			plain = time.Since(t0)
			b.ReportMetric(bench.PeakRSSMB(), "peak-MB")
			db.Close()
		}
		b.ReportMetric(float64(n)/plain.Seconds(), "rows/s")
		b.ReportMetric(float64(st.Size())/1e6/plain.Seconds(), "MB/s")
	})
	b.Run("ingest/"+name, func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			db := openBench(b)
			bench.ResetPeakRSS()
			t0 := time.Now()
			res, err := File(context.Background(), db, path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			ours = time.Since(t0)
			b.ReportMetric(bench.PeakRSSMB(), "peak-MB")
			if res.Loaded != int64(n) {
				b.Fatalf("loaded %d of %d", res.Loaded, n)
			}
			db.Close()
		}
		b.ReportMetric(float64(n)/ours.Seconds(), "rows/s")
		b.ReportMetric(float64(st.Size())/1e6/ours.Seconds(), "MB/s")
		if plain > 0 {
			b.ReportMetric(ours.Seconds()/plain.Seconds(), "x-plain")
		}
	})
}

func openBench(b *testing.B) *warehouse.DB {
	b.Helper()
	db, err := warehouse.Open(context.Background(), filepath.Join(b.TempDir(), "bench.duckdb"), warehouse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return db
}
