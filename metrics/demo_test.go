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

// TestDemoAsOfPast: the QA finding behind TestUntimedClosureKnownAsOfExport
// on the demo's files (make run: the CFPB sample and the synthetic
// helpdesk, each its own ingest run). As of 2019-09-29 the CFPB cohort of
// week 2019-09-23 showed 10 of 10 resolved, as at the export date: its 10
// complaints are all "Closed with explanation", with no resolution time,
// and the sample's latest receipt is 2020-03-19, so their closures are
// unknown then. The helpdesk records resolution times: of its 69
// complaints of that week, 29 are closed with resolved_at before
// 2019-09-30 and 66 before 2020-03-20 (counted in the CSV). At the default
// as-of, 2020-03-19 (the sample's latest receipt), every closure is known
// and the figures are those of before the mend.
func TestDemoAsOfPast(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	dir := filepath.Join("..", "testdata", "demo")
	for _, f := range []string{"cfpb_complaints_sample.csv", filepath.Join("synthetic", demo.ComplaintsFile)} {
		if _, err := ingest.File(ctx, db, filepath.Join(dir, f), ingest.Options{Now: func() time.Time { return time.Unix(0, 0) }}); err != nil {
			t.Fatalf("ingest %s: %v", f, err)
		}
	}
	type fig struct {
		complaints, resolved int64   // resolved -1: null
		rate                 float64 // -1: null
	}
	for _, tt := range []struct {
		asOf time.Time
		want map[string]fig
	}{
		{day(2019, 9, 29), map[string]fig{"all": {79, 29, 29.0 / 69}, "cfpb": {10, -1, -1}, "synthetic-helpdesk": {69, 29, 29.0 / 69}}},
		{time.Time{}, map[string]fig{"all": {79, 76, 76.0 / 79}, "cfpb": {10, 10, 1}, "synthetic-helpdesk": {69, 66, 66.0 / 69}}},
	} {
		rows, err := Compute(ctx, db, Options{Period: "week", By: []string{"all", "source"}, AsOf: tt.asOf})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]fig{}
		for _, r := range rows {
			checkRow(t, r)
			if r.PeriodStart != "2019-09-23" {
				continue
			}
			f := fig{r.Complaints, -1, -1}
			if r.Resolved != nil {
				f.resolved = *r.Resolved
			}
			if r.ResolutionRate != nil {
				f.rate = *r.ResolutionRate
			}
			got[r.Group] = f
		}
		for g, w := range tt.want {
			if f := got[g]; f.complaints != w.complaints || f.resolved != w.resolved || !closeTo(f.rate, w.rate, 1e-12) {
				t.Errorf("as of %s, week 2019-09-23, %s: %d complaints, resolved %d, rate %v; want %d, %d, %v (-1: null)",
					tt.asOf.Format(time.DateOnly), g, f.complaints, f.resolved, f.rate, w.complaints, w.resolved, w.rate)
			}
		}
	}
}
