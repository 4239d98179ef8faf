package metrics

import (
	"context"
	_ "embed"
	"fmt"
	"testing"
	"time"
)

// referenceSQL is compute.sql before it was tuned for speed: one wide
// materialised table, one GROUPING SETS pass over complaints and surveys
// together, count(DISTINCT) for churn-signal customers and six backlog
// events per complaint. Its figures are the ones the hand-worked fixture and
// the real-data tests were first checked against.
//
//go:embed testdata/compute_reference.sql
var referenceSQL string

// TestComputeMatchesReference holds the tuned compute.sql to the reference
// query: every row and field equal (floats to a relative 1e-9) on a
// synthetic warehouse, across periods, dimensions (single and pairs), an
// as-of date inside the data (before the export of a quarter's ingest run,
// whose closures without a time are then unknown: testdata/synth.sql),
// business hours with holidays, and windows and
// targets other than the defaults, which move the repeat-complaint and
// same-period customer tests apart.
func TestComputeMatchesReference(t *testing.T) {
	db := openTestDB(t)
	// 10,000 complaints over two years, 3,000 responses, 4,000 customers:
	// about 2.5 complaints per customer, so repeat and same-period
	// complaints, linked and unlinked responses and backlog in every phase.
	loadSynth(t, db, 10000, 3000, 4000)
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name string
		opts Options
	}{
		{"week all single", Options{Period: "week", By: Dimensions}},
		{"month pairs", Options{Period: "month", By: []string{"all", "topic,product", "channel,region", "source"}}},
		{"day as-of", Options{Period: "day", By: []string{"all", "channel"}, AsOf: day("2024-03-15")}},
		{"week business holidays", Options{Period: "week", By: []string{"all", "department", "language"},
			BusinessHours: true, Holidays: []time.Time{day("2023-12-25"), day("2024-01-01"), day("2024-05-27")},
			AsOf: day("2024-06-30")}},
		{"month short windows", Options{Period: "month", By: []string{"all", "company"},
			RepeatWindow: 3 * 24 * time.Hour, LinkWindow: 2 * 24 * time.Hour, AckTargetDays: 1.5,
			ResolutionTarget: 20 * 24 * time.Hour}},
		{"week long windows", Options{Period: "week", By: []string{"issue"},
			RepeatWindow: 400 * 24 * time.Hour, LinkWindow: 365 * 24 * time.Hour, ResolutionTarget: 100 * 24 * time.Hour}},
		// Since: the reference computes every period and drops the earlier
		// ones. Short windows leave complaints received before the window
		// reach and resolved after Since (the backlog's carry-in); surveys
		// name complaints of any date.
		{"week since", Options{Period: "week", By: Dimensions, Since: day("2024-06-12")}},
		{"month since short windows", Options{Period: "month", By: []string{"all", "topic,product", "region"},
			RepeatWindow: 3 * 24 * time.Hour, LinkWindow: 2 * 24 * time.Hour, ResolutionTarget: 20 * 24 * time.Hour,
			Since: day("2024-09-30")}},
		{"day since as-of", Options{Period: "day", By: []string{"all", "channel", "department"},
			RepeatWindow: 24 * time.Hour, LinkWindow: 12 * time.Hour, AsOf: day("2024-10-20"), Since: day("2024-10-01")}},
		{"week since long link window", Options{Period: "week", By: []string{"all", "product", "channel"},
			RepeatWindow: 7 * 24 * time.Hour, LinkWindow: 120 * 24 * time.Hour, Since: day("2024-05-01")}},
		{"week since before the data", Options{Period: "week", By: []string{"all", "product"}, Since: day("2022-06-01")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			want, err := compute(ctx, db, tt.opts, referenceSQL)
			if err != nil {
				t.Fatalf("reference: %v", err)
			}
			got, err := Compute(ctx, db, tt.opts)
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			if len(got) != len(want) {
				t.Fatalf("Compute gave %d rows, reference %d", len(got), len(want))
			}
			var backlog, signal int64
			for i := range got {
				key := func(r Row) string { return fmt.Sprintf("%s %s=%s", r.PeriodStart, r.Dimension, r.Group) }
				if key(got[i]) != key(want[i]) {
					t.Fatalf("row %d is %s, reference %s", i, key(got[i]), key(want[i]))
				}
				for _, d := range diffRow(got[i], want[i]) {
					t.Errorf("%s: %s", key(got[i]), d)
				}
				backlog += deref(want[i].Backlog)
				if want[i].ChurnSignalCustomers != nil {
					signal += *want[i].ChurnSignalCustomers
				}
			}
			// The comparison means something only if the figures are there.
			if backlog == 0 || signal == 0 {
				t.Errorf("reference has backlog %d and churn-signal customers %d in all, want both > 0", backlog, signal)
			}
		})
	}
}
