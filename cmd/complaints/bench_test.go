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

	"github.com/complaints/complaints/internal/hugepages"
	"github.com/complaints/complaints/internal/synth/bench"
	"github.com/complaints/complaints/internal/warehouse"
)

// BenchmarkPipeline times `complaints run` stage by stage (ingest,
// classify, then every report, which computes metrics and trends) on the
// generated 1M-row export, and plain DuckDB loading the same file in the
// same run. Target (issue 7): the whole pipeline within 3x the plain load,
// peak memory under 2 GB. BENCH_ROWS changes the size, BENCH_MEMORY_LIMIT
// DuckDB's memory limit (default: the command's, 1GB; 10M rows need 2GB).
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hugepages.Start(ctx) // as main does, for the plain load too: both in the same process
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
	week, err := bench.EnsureOptions(filepath.Join(root, "testdata", "bench", fmt.Sprintf("cfpb_%d_week.csv", n)), bench.Week(n), bench.DefaultPool(root))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("run/"+name, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			e := &env{stdout: io.Discard, stderr: io.Discard, dbPath: filepath.Join(dir, "w.duckdb"), now: time.Now,
				memoryLimit: os.Getenv("BENCH_MEMORY_LIMIT")}
			e.log = slog.New(slog.DiscardHandler)
			total, peak := benchRun(ctx, b, e, path, filepath.Join(dir, "out"), "")
			b.ReportMetric(peak, "peak-MB")
			b.ReportMetric(float64(n)/total.Seconds(), "rows/s")
			if plain > 0 {
				b.ReportMetric(total.Seconds()/plain.Seconds(), "x-plain")
			}
			// The next week's export added to the warehouse just built, by a
			// new process: only its complaints are ingested and classified,
			// every report is rendered again (target: under a tenth of the full run).
			weekly, wpeak := benchRun(ctx, b, e, week, filepath.Join(dir, "out"), "weekly-")
			b.ReportMetric(wpeak, "weekly-peak-MB")
			b.ReportMetric(weekly.Seconds()/total.Seconds(), "weekly-share")
		}
	})
}

// benchRun opens e's warehouse and runs the pipeline on file as `complaints
// run` does, reporting each stage's seconds and peak memory under prefix.
// It returns the total time and the highest stage peak.
func benchRun(ctx context.Context, b *testing.B, e *env, file, out, prefix string) (time.Duration, float64) {
	db, err := e.open(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	bench.ResetPeakRSS()
	start := time.Now()
	lap := start
	peak := 0.0
	stage := func(name string) {
		b.ReportMetric(time.Since(lap).Seconds(), prefix+name+"-s")
		p := bench.PeakRSSMB()
		b.ReportMetric(p, prefix+name+"-peak-MB")
		peak = max(peak, p)
		bench.ResetPeakRSS()
		lap = time.Now()
	}
	if _, err := ingestFiles(ctx, e, db, ingestFlags{quiet: true}, []string{file}); err != nil {
		b.Fatal(err)
	}
	stage("ingest")
	for _, s := range pipelineStages {
		if err := s.run(ctx, e, db); err != nil {
			b.Fatal(err)
		}
		stage(s.name)
	}
	opts, err := reportOptions(e, out, "week", "", defaultTargets())
	if err != nil {
		b.Fatal(err)
	}
	if err := writeReports(ctx, e, db, opts); err != nil {
		b.Fatal(err)
	}
	stage("report")
	return time.Since(start), peak
}
