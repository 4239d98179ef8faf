package metrics

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// cpuTime is the process's user plus system CPU time so far: on a shared
// machine it tells the work a benchmark did apart from the wall time it
// waited for the cores.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var benchSizes = []struct {
	name    string
	n, m, k int
}{{"10k", 10_000, 3_000, 4_000}, {"1M", 1_000_000, 300_000, 200_000}}

// BenchmarkCompute times the weekly metrics table for every single
// dimension (one Compute call) on a synthetic warehouse of 1M complaints and
// 300k survey responses (testdata/synth.sql). Target: under 3 s.
func BenchmarkCompute(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) { benchCompute(b, openTestDB(b), size.n, size.m, size.k) })
	}
}

// BenchmarkLowMemoryMetrics is BenchmarkCompute's 1M case with DuckDB's
// memory_limit at 1GB: it must not be much slower than with the default
// limit (80% of RAM). Its name leaves it out of -bench 'Compute/1M'.
func BenchmarkLowMemoryMetrics(b *testing.B) {
	size := benchSizes[len(benchSizes)-1]
	b.Run(size.name, func(b *testing.B) {
		db, err := warehouse.Open(context.Background(), filepath.Join(b.TempDir(), "w.duckdb"), warehouse.Options{MemoryLimit: "1GB"})
		if err != nil {
			b.Fatalf("open warehouse: %v", err)
		}
		b.Cleanup(func() { db.Close() })
		benchCompute(b, db, size.n, size.m, size.k)
	})
}

func benchCompute(b *testing.B, db *warehouse.DB, n, m, k int) {
	loadSynth(b, db, n, m, k)
	opts := Options{Period: "week", By: Dimensions}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime(b)
	var rows []Row
	for i := 0; i < b.N; i++ {
		var err error
		if rows, err = Compute(context.Background(), db, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime(b)-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "complaints/s")
	b.ReportMetric(float64(len(rows)), "rows")
	if len(rows) == 0 {
		b.Fatal("no rows")
	}
}

// BenchmarkChurn times the churn ranking and signal quality on the same
// synthetic warehouses (200k customers, 10% churned). Target: under 5 s.
func BenchmarkChurn(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			db := openTestDB(b)
			loadSynth(b, db, size.n, size.m, size.k)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime(b)
			var customers []ChurnCustomer
			var quality []SignalQuality
			for i := 0; i < b.N; i++ {
				var err error
				if customers, _, quality, err = Churn(context.Background(), db, ChurnOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric((cpuTime(b)-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(size.n)*float64(b.N)/b.Elapsed().Seconds(), "complaints/s")
			b.ReportMetric(float64(len(customers)), "customers")
			if len(customers) == 0 || len(quality) == 0 {
				b.Fatal("no churn output")
			}
		})
	}
}
