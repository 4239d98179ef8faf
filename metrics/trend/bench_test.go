package trend

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// benchWarehouse builds a warehouse of n synthetic complaints over 104
// weeks with classifications, plus a surge of n/500 in one product and
// issue in the last week (see testdata/bench_*.sql).
func benchWarehouse(b *testing.B, n int) *warehouse.DB {
	b.Helper()
	ctx := context.Background()
	db, err := warehouse.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"), warehouse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for _, f := range []string{"testdata/bench_synth.sql", "testdata/bench_event.sql", "testdata/bench_classify.sql"} {
		q, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var args []any
		switch f {
		case "testdata/bench_synth.sql":
			args = []any{float64(n), n}
		case "testdata/bench_event.sql":
			args = []any{n / 500}
		}
		if _, err := db.ExecContext(ctx, string(q), args...); err != nil {
			b.Fatalf("%s: %v", f, err)
		}
	}
	return db
}

// benchDims are five dimensions plus two pairs, as the issue asks.
var benchDims = []string{"product", "issue", "channel", "company", "topic", "topic,product", "product,channel"}

func BenchmarkDetect(b *testing.B) {
	const n = 1_000_000
	db := benchWarehouse(b, n)
	asOf := time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC) // end of week 104
	for _, bc := range []struct {
		name  string
		since time.Time
	}{
		{"1M/weekly-7dims", time.Time{}},
		{"1M/weekly-7dims-since52", asOf.AddDate(0, 0, -7*52)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var alerts int
			for i := 0; i < b.N; i++ {
				res, err := Detect(context.Background(), db, Options{Period: Week, By: benchDims, AsOf: asOf, Since: bc.since})
				if err != nil {
					b.Fatal(err)
				}
				alerts = len(res.Alerts)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(alerts), "alerts")
		})
	}
}
