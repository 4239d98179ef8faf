package metrics

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/complaints/complaints/ingest"
	"github.com/complaints/complaints/internal/synth/demo"
)

// TestDemoData loads the committed synthetic demo through ingest and checks
// that the metrics find what the generator planted (internal/synth/demo):
// service recovery (resolved complainants more satisfied), churn signals
// that beat the base rate, SLA and response times, and the week-11 outage.
func TestDemoData(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	dir := filepath.Join("..", "testdata", "demo", "synthetic")
	for _, f := range []string{demo.CustomersFile, demo.ComplaintsFile, demo.SurveysFile} {
		res, err := ingest.File(ctx, db, filepath.Join(dir, f), ingest.Options{Now: func() time.Time { return time.Unix(0, 0) }})
		if err != nil {
			t.Fatalf("ingest %s: %v", f, err)
		}
		if res.Rejected != 0 {
			t.Errorf("ingest %s: %d rejected", f, res.Rejected)
		}
	}

	rec, err := ServiceRecovery(ctx, db, Options{})
	if err != nil {
		t.Fatalf("ServiceRecovery: %v", err)
	}
	var resolvedVsOpen RecoveryTest
	for _, x := range rec.Tests {
		if x.Metric == "csat" && x.A == RecoveryResolved && x.B == RecoveryUnresolved {
			resolvedVsOpen = x
		}
	}
	if resolvedVsOpen.Difference == nil || *resolvedVsOpen.Difference <= 0 || *resolvedVsOpen.PValue > 0.01 {
		t.Errorf("CSAT resolved - unresolved = %+v, want a positive difference with p < 0.01", resolvedVsOpen)
	}

	_, _, quality, err := Churn(ctx, db, ChurnOptions{})
	if err != nil {
		t.Fatalf("Churn: %v", err)
	}
	for _, q := range quality {
		if q.Signal == SignalAny && (q.Lift == nil || *q.Lift <= 1.2) {
			t.Errorf("any_signal lift = %s, want > 1.2", show(valueOf(q.Lift)))
		}
	}

	rows, err := Compute(ctx, db, Options{Period: "week", By: []string{"all", "issue"}})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	outage := map[string]int64{}
	for _, r := range rows {
		checkRow(t, r)
		if r.Dimension == "all" && r.Complaints > 0 && (r.MedianFirstResponseHours == nil || r.SLAMetRate == nil || r.NPS == nil) {
			t.Errorf("week %s: response time, SLA or NPS missing", r.PeriodStart)
		}
		if r.Group == "Outage" {
			outage[r.PeriodStart] = r.Complaints
		}
	}
	// Week 11 starts 2019-11-25 (10 weeks after 2019-09-16); 50% more complaints, Outage six times as likely.
	peak := outage["2019-11-25"]
	for w, n := range outage {
		if w != "2019-11-25" && n*2 >= peak {
			t.Errorf("Outage complaints: week %s has %d, the outage week %d; want the outage week at least twice any other", w, n, peak)
		}
	}
}
