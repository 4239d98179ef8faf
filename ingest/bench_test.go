package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
			t0, cpu0 := time.Now(), cpuNow()
			if _, err := db.ExecContext(context.Background(), `CREATE TABLE plain AS SELECT * FROM read_csv(?)`, path); err != nil {
				b.Fatal(err)
			}
			plain = time.Since(t0)
			b.ReportMetric(bench.PeakRSSMB(), "peak-MB")
			b.ReportMetric(cpuNow()-cpu0, "cpu-s")
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
			t0, cpu0 := time.Now(), cpuNow()
			res, err := File(context.Background(), db, path, Options{Log: benchLog()})
			if err != nil {
				b.Fatal(err)
			}
			ours = time.Since(t0)
			b.ReportMetric(bench.PeakRSSMB(), "peak-MB")
			b.ReportMetric(cpuNow()-cpu0, "cpu-s")
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

// openBench opens a fresh warehouse; BENCH_MEMORY_LIMIT (e.g. 1GB, the CLI's
// default) sets DuckDB's memory_limit, otherwise DuckDB's default applies.
func openBench(b *testing.B) *warehouse.DB {
	b.Helper()
	db, err := warehouse.Open(context.Background(), filepath.Join(b.TempDir(), "bench.duckdb"),
		warehouse.Options{MemoryLimit: os.Getenv("BENCH_MEMORY_LIMIT")})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// benchLog logs ingest's steps to stderr when BENCH_VERBOSE is set, each
// with the process's CPU seconds so far: on a shared machine wall times of
// the steps are noisy, CPU time much less so.
func benchLog() *slog.Logger {
	if os.Getenv("BENCH_VERBOSE") == "" {
		return nil
	}
	h := slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
	return slog.New(cpuHandler{h})
}

type cpuHandler struct{ slog.Handler }

func (h cpuHandler) Handle(ctx context.Context, r slog.Record) error {
	if cpu, ok := processCPU(); ok {
		r.AddAttrs(slog.Float64("cpu_seconds", cpu))
	}
	return h.Handler.Handle(ctx, r)
}

// cpuNow is the process's CPU seconds so far, 0 where unknown.
func cpuNow() float64 {
	cpu, _ := processCPU()
	return cpu
}

// processCPU is user plus system time from /proc/self/stat (Linux; clock
// ticks of 1/100 s).
func processCPU() (float64, bool) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// Fields after the command name, which is in parentheses: utime and
	// stime are fields 14 and 15 of the whole line.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseFloat(f[11], 64)
	s, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return (u + s) / 100, true
}
