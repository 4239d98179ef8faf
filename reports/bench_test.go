package reports

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// syntheticWarehouse fills a warehouse with n complaints spread over two
// years, generated in SQL from range(): 20 products, 12 topics, 200,000
// customers, a tenth open, timely/disputed/reopened mixes, classifications
// for all, and a survey per 20 complaints.
func syntheticWarehouse(b testing.TB, n int) *warehouse.DB {
	b.Helper()
	ctx := context.Background()
	file := filepath.Join(b.TempDir(), "synthetic.duckdb")
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO ingest_runs VALUES (1, TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01', 'synthetic.csv', 'none', 'canonical', 'complaints', $1, $1, 0, 0, 0, NULL)`,
		`INSERT INTO complaints (complaint_id, source, received_at, channel, customer_id, product, issue, company, narrative,
			status, first_response_at, resolved_at, resolution, timely, disputed, reopened_count, department, ingest_run_id, row_hash)
		SELECT 'S' || i, 'synthetic',
			TIMESTAMP '2023-01-01' + to_seconds(((i * 7919) % (730 * 86400))::BIGINT),
			'web', 'C' || (i % 200000), 'Product ' || (i % 20), 'Issue ' || (i % 7), 'Company ' || (i % 50),
			CASE WHEN i % 3 = 0 THEN 'narrative ' || i END,
			CASE WHEN i % 10 = 0 THEN 'open' ELSE 'closed' END,
			TIMESTAMP '2023-01-01' + to_seconds(((i * 7919) % (730 * 86400))::BIGINT) + to_hours(1 + i % 100),
			CASE WHEN i % 10 <> 0 THEN TIMESTAMP '2023-01-01' + to_seconds(((i * 7919) % (730 * 86400))::BIGINT) + to_hours(24 + i % 2000) END,
			CASE WHEN i % 10 <> 0 THEN 'Closed with explanation' END,
			i % 17 <> 0, i % 23 = 0, (i % 31 = 0)::INTEGER, 'Dept ' || (i % 5), 1, i::UBIGINT
		FROM range($1) t(i)`,
		`INSERT INTO classifications SELECT source, complaint_id, 'topic ' || (row_hash % 12), 0.8, 'Dept ' || (row_hash % 5),
			((row_hash % 200)::DOUBLE - 100) / 100, CASE WHEN row_hash % 3 = 0 THEN 'negative' WHEN row_hash % 3 = 1 THEN 'neutral' ELSE 'positive' END,
			row_hash % 41 = 0, row_hash % 97 = 0, false, NULL, CASE WHEN narrative IS NOT NULL THEN 'en' END, CASE WHEN narrative IS NOT NULL THEN 'redacted ' || complaint_id END,
			'synthetic-1', TIMESTAMP '2025-01-02'
		FROM complaints`,
		`INSERT INTO surveys (response_id, source, customer_id, responded_at, csat, nps, ingest_run_id, row_hash)
		SELECT 'R' || i, 'synthetic', 'C' || (i % 200000), TIMESTAMP '2023-01-01' + to_seconds(((i * 104729) % (730 * 86400))::BIGINT),
			1 + i % 5, i % 11, 1, i::UBIGINT FROM range($1 // 20) t(i)`,
	} {
		if _, err := db.ExecContext(ctx, q, n); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	// BENCH_MEMORY_LIMIT sets DuckDB's memory_limit (e.g. 1GB, the CLI's
	// default) as in cmd/complaints' BenchmarkPipeline.
	db, err = warehouse.Open(ctx, file, warehouse.Options{ReadOnly: true, MemoryLimit: os.Getenv("BENCH_MEMORY_LIMIT")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkWrite writes every report for a synthetic warehouse (target:
// 1M complaints in under 10 s, each HTML file under 5 MB). "all" computes
// the metrics and trend results inside Write, as `complaints report` does;
// "precomputed" passes them in, as `complaints run` does after its metrics
// and trends stages, so it times the reports' own work.
func BenchmarkWrite(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"100k", 100_000}, {"1M", 1_000_000}} {
		db := syntheticWarehouse(b, size.n)
		for _, mode := range []string{"all", "precomputed"} {
			b.Run(size.name+"/"+mode, func(b *testing.B) {
				opts := Options{}
				if mode == "precomputed" {
					a, err := Analyze(context.Background(), db, Options{})
					if err != nil {
						b.Fatal(err)
					}
					opts.Analytics = a
				}
				b.ReportAllocs()
				b.ResetTimer()
				cpu0 := cpuTime()
				var largest int64
				for i := 0; i < b.N; i++ {
					opts.OutDir = b.TempDir()
					if err := Write(context.Background(), db, opts); err != nil {
						b.Fatal(err)
					}
					for _, f := range Files {
						st, err := os.Stat(filepath.Join(opts.OutDir, f))
						if err != nil {
							b.Fatal(err)
						}
						largest = max(largest, st.Size())
					}
				}
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/report-set")
				// CPU time of the process (DuckDB's threads included): on the
				// shared 2-core machine wall time also counts waiting for a core.
				b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/report-set")
				b.ReportMetric(float64(size.n)*float64(b.N)/b.Elapsed().Seconds(), "complaints/s")
				b.ReportMetric(float64(largest)/1e6, "MB-largest-html")
				if largest > 5e6 {
					b.Errorf("largest report is %.1f MB, want under 5 MB", float64(largest)/1e6)
				}
			})
		}
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
