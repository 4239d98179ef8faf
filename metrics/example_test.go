package metrics_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/metrics"
)

func ExampleWilson() {
	// 81 successes in 263 trials (Newcombe 1998, example (a)).
	lo, hi := metrics.Wilson(81, 263, 1.959964)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	// Output: 0.2553 0.3662
}

func ExampleNPSInterval() {
	// 50 promoters and 20 detractors among 100 responses.
	nps, lo, hi := metrics.NPSInterval(50, 20, 100, 1.959964)
	fmt.Printf("NPS %.0f [%.1f, %.1f]\n", nps, lo, hi)
	// Output: NPS 30 [14.7, 45.3]
}

func ExampleCompute() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "metrics-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := warehouse.Open(ctx, filepath.Join(dir, "w.duckdb"), warehouse.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	// Two complaints in the week of Monday 2024-03-04, one resolved after 30 hours,
	// and one survey response.
	for _, q := range []string{
		`INSERT INTO complaints (complaint_id, source, received_at, resolved_at, status, ingest_run_id, row_hash)
		 VALUES ('a', 'x', '2024-03-04 09:00', '2024-03-05 15:00', 'closed', 0, 1),
		        ('b', 'x', '2024-03-06 10:00', NULL, 'open', 0, 2)`,
		`INSERT INTO surveys (response_id, source, responded_at, csat, nps, ingest_run_id, row_hash)
		 VALUES ('r', 'x', '2024-03-07 12:00', 5, 10, 0, 3)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			log.Fatal(err)
		}
	}
	rows, err := metrics.Compute(ctx, db, metrics.Options{Period: "week", AsOf: time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Printf("%s %s: %d complaints, resolution %.2f, median resolution %.0f h, backlog %d, NPS %.0f (n=%d)\n",
			r.PeriodStart, r.Group, r.Complaints, *r.ResolutionRate, *r.MedianResolutionHours, *r.Backlog, *r.NPS, r.NPSN)
	}
	// Output: 2024-03-04 all: 2 complaints, resolution 0.50, median resolution 30 h, backlog 1, NPS 100 (n=1)
}

func ExampleBenjaminiHochberg() {
	q := metrics.BenjaminiHochberg([]float64{0.01, 0.04, 0.03, 0.2})
	fmt.Printf("%.4f\n", q)
	// Output: [0.0400 0.0533 0.0533 0.2000]
}
