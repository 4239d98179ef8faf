package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/synth/bench"
	"github.com/complaints/complaints/internal/warehouse"
)

// BenchmarkPipeline times `complaints run` stage by stage (ingest,
// classify, then every report, which computes metrics and trends) on the
// generated 1M-row export, and plain DuckDB loading the same file in the
// same run. Target (issue 7): the whole pipeline within 3x the plain load,
// peak memory under 2 GB. BENCH_ROWS changes the size.
func BenchmarkPipeline(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("BENCH_ROWS")); err == nil && v > 0 {
		n = v
	}
	root := filepath.Join("..", "..")
	path, err := bench.Ensure(filepath.Join(root, "testdata", "bench", fmt.Sprintf("cfpb_%d.csv", n)), n, bench.DefaultPool(root))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	name := fmt.Sprintf("%dk", n/1000)
	var plain time.Duration
	b.Run("duckdb_read_csv/"+name, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			db, err := warehouse.Open(ctx, filepath.Join(b.TempDir(), "plain.duckdb"), warehouse.Options{})
			if err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			if _, err := db.ExecContext(ctx, `CREATE TABLE plain AS SELECT * FROM read_csv(?)`, path); err != nil {
				b.Fatal(err)
			}
			plain = time.Since(t0)
			db.Close()
		}
		b.ReportMetric(float64(n)/plain.Seconds(), "rows/s")
	})
	b.Run("run/"+name, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			e := &env{stdout: io.Discard, stderr: io.Discard, dbPath: filepath.Join(dir, "w.duckdb"), now: time.Now}
			e.log = slog.New(slog.DiscardHandler)
			db, err := e.open(ctx, false)
			if err != nil {
				b.Fatal(err)
			}
			bench.ResetPeakRSS()
			start := time.Now()
			lap := start
			stage := func(unit string) {
				b.ReportMetric(time.Since(lap).Seconds(), unit)
				lap = time.Now()
			}
			if _, err := ingestFiles(ctx, e, db, ingestFlags{quiet: true}, []string{path}); err != nil {
				b.Fatal(err)
			}
			stage("ingest-s")
			for _, s := range pipelineStages {
				if err := s.run(ctx, e, db); err != nil {
					b.Fatal(err)
				}
				stage(s.name + "-s")
			}
			if err := reportStage(ctx, e, db, filepath.Join(dir, "out")); err != nil {
				b.Fatal(err)
			}
			stage("report-s")
			total := time.Since(start)
			b.ReportMetric(bench.PeakRSSMB(), "peak-MB")
			b.ReportMetric(float64(n)/total.Seconds(), "rows/s")
			if plain > 0 {
				b.ReportMetric(total.Seconds()/plain.Seconds(), "x-plain")
			}
			db.Close()
		}
	})
}
