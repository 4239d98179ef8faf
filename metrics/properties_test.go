package metrics

import (
	"context"
	"database/sql"
	_ "embed"
	"reflect"
	"strings"
	"testing"
)

//go:embed testdata/synth.sql
var synthSQL string

// loadSynth fills db with n synthetic complaints, m survey responses and k
// customers (testdata/synth.sql).
func loadSynth(t testing.TB, db Execer, n, m, k int) {
	t.Helper()
	for _, stmt := range strings.Split(synthSQL, ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.ExecContext(context.Background(), stmt,
			sql.Named("n", n), sql.Named("m", m), sql.Named("k", k)); err != nil {
			t.Fatalf("synth: %v\n%s", err, stmt)
		}
	}
}

// Execer runs a statement; *warehouse.DB satisfies it.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func valueOf(p *float64) reflect.Value { return reflect.ValueOf(p) }

// checkProperties computes the table for opts.By plus "all" and checks
// invariants that hold for any data: shares and their bounds in 0..1,
// intervals containing the estimate, nil exactly when the denominator is 0,
// and each dimension's groups adding up to the overall counts per period.
func checkProperties(t *testing.T, db Querier, opts Options) {
	t.Helper()
	by := opts.By
	opts.By = append([]string{"all"}, by...)
	rows, err := Compute(context.Background(), db, opts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	type counts [12]float64
	add := func(c *counts, r Row) {
		top2, nps := 0.0, 0.0
		if r.CSAT != nil {
			top2 = *r.CSAT * float64(r.CSATN)
		}
		if r.NPS != nil {
			nps = *r.NPS * float64(r.NPSN)
		}
		for i, v := range []float64{float64(r.Complaints), float64(deref(r.Resolved)), float64(r.CSATN), top2, float64(r.NPSN), nps,
			float64(r.CESN), float64(r.SLAN), float64(r.TimelyN), float64(r.DisputedN), float64(deref(r.Backlog)), float64(deref(r.BacklogOver8Weeks))} {
			c[i] += v
		}
	}
	overall := map[string]*counts{}
	split := map[string]map[string]*counts{} // dimension -> period -> sums
	for _, r := range rows {
		checkRow(t, r)
		if r.Dimension == "all" {
			c := &counts{}
			add(c, r)
			overall[r.PeriodStart] = c
			continue
		}
		if split[r.Dimension] == nil {
			split[r.Dimension] = map[string]*counts{}
		}
		if split[r.Dimension][r.PeriodStart] == nil {
			split[r.Dimension][r.PeriodStart] = &counts{}
		}
		add(split[r.Dimension][r.PeriodStart], r)
	}
	if len(overall) == 0 {
		t.Fatalf("no overall rows")
	}
	for dim, periods := range split {
		for p, want := range overall {
			got := periods[p]
			if got == nil {
				got = &counts{}
			}
			for i := range got {
				if !closeTo(got[i], want[i], 1e-9) {
					t.Errorf("dimension %s, period %s: groups add to %v in column %d, overall %v", dim, p, got[i], i, want[i])
				}
			}
		}
	}
}

func checkRow(t *testing.T, r Row) {
	t.Helper()
	at := r.PeriodStart + " " + r.Dimension + "=" + r.Group
	share := func(name string, v *float64) {
		if v != nil && (*v < 0 || *v > 1) {
			t.Errorf("%s: %s = %v, outside 0..1", at, name, *v)
		}
	}
	for name, v := range map[string]*float64{"resolution_rate": r.ResolutionRate, "sla_met_rate": r.SLAMetRate,
		"csat": r.CSAT, "csat_ci_low": r.CSATCILow, "csat_ci_high": r.CSATCIHigh, "negative_share": r.NegativeShare,
		"reopen_rate": r.ReopenRate, "timely_rate": r.TimelyRate, "disputed_rate": r.DisputedRate} {
		share(name, v)
	}
	contains := func(name string, lo, est, hi *float64) {
		if (lo == nil) != (est == nil) || (hi == nil) != (est == nil) {
			t.Errorf("%s: %s interval nil-ness differs from the estimate", at, name)
			return
		}
		if est != nil && (*lo > *est+1e-12 || *hi < *est-1e-12) {
			t.Errorf("%s: %s interval [%v, %v] does not contain %v", at, name, *lo, *hi, *est)
		}
	}
	contains("csat", r.CSATCILow, r.CSAT, r.CSATCIHigh)
	contains("nps", r.NPSCILow, r.NPS, r.NPSCIHigh)
	if r.NPS != nil && (*r.NPS < -100 || *r.NPS > 100 || *r.NPSCILow < -100 || *r.NPSCIHigh > 100) {
		t.Errorf("%s: NPS %v [%v, %v] outside -100..100", at, *r.NPS, *r.NPSCILow, *r.NPSCIHigh)
	}
	nilIff := func(name string, v *float64, n int64) {
		if (v == nil) != (n == 0) {
			t.Errorf("%s: %s = %s with n = %d; want nil exactly when n is 0", at, name, show(valueOf(v)), n)
		}
	}
	// resolution_rate is nil with no complaints, and with complaints when
	// none is judged (no state recorded, or closed without a time before
	// the export that recorded it), Resolved then nil too
	if r.Complaints == 0 && r.ResolutionRate != nil || r.Complaints > 0 && (r.ResolutionRate == nil) != (r.Resolved == nil) {
		t.Errorf("%s: resolution_rate = %s, resolved %v of %d complaints; want nil with none, else both nil or both known",
			at, show(valueOf(r.ResolutionRate)), r.Resolved, r.Complaints)
	}
	nilIff("sla_met_rate", r.SLAMetRate, r.SLAN)
	nilIff("csat", r.CSAT, r.CSATN)
	nilIff("nps", r.NPS, r.NPSN)
	nilIff("ces_mean", r.CESMean, r.CESN)
	nilIff("timely_rate", r.TimelyRate, r.TimelyN)
	nilIff("disputed_rate", r.DisputedRate, r.DisputedN)
	if deref(r.Resolved) > r.Complaints {
		t.Errorf("%s: %d resolved of %d", at, deref(r.Resolved), r.Complaints)
	}
	if (r.Backlog == nil) != (r.Backlog0To3Days == nil) || (r.Backlog == nil) != (r.BacklogTo8Weeks == nil) || (r.Backlog == nil) != (r.BacklogOver8Weeks == nil) {
		t.Errorf("%s: backlog and its ageing not all known or all unknown", at)
	}
	if deref(r.Backlog) != deref(r.Backlog0To3Days)+deref(r.BacklogTo8Weeks)+deref(r.BacklogOver8Weeks) {
		t.Errorf("%s: backlog %d != %d + %d + %d", at, deref(r.Backlog), deref(r.Backlog0To3Days), deref(r.BacklogTo8Weeks), deref(r.BacklogOver8Weeks))
	}
	if r.MedianFirstResponseHours != nil && (*r.MedianFirstResponseHours < 0 || *r.P90FirstResponseHours < *r.MedianFirstResponseHours) {
		t.Errorf("%s: median first response %v, p90 %v", at, *r.MedianFirstResponseHours, *r.P90FirstResponseHours)
	}
	if r.MedianResolutionHours != nil && (*r.MedianResolutionHours < 0 || *r.P90ResolutionHours < *r.MedianResolutionHours) {
		t.Errorf("%s: median resolution %v, p90 %v", at, *r.MedianResolutionHours, *r.P90ResolutionHours)
	}
	if r.ChurnSignalCustomers != nil && *r.ChurnSignalCustomers > r.Complaints {
		t.Errorf("%s: %d churn-signal customers from %d complaints", at, *r.ChurnSignalCustomers, r.Complaints)
	}
}

func TestProperties(t *testing.T) {
	db := openTestDB(t)
	// 20,000 complaints, 6,000 responses, 5,000 customers: enough for every
	// dimension to have many groups, small enough to run in a second.
	loadSynth(t, db, 20000, 6000, 5000)
	tests := []Options{
		{Period: "week", By: Dimensions[1:]},
		{Period: "month", By: []string{"topic,product", "channel,region"}, BusinessHours: true},
		{Period: "day", By: []string{"source"}},
	}
	for _, opts := range tests {
		t.Run(opts.Period, func(t *testing.T) { checkProperties(t, db, opts) })
	}
}

func TestPropertiesFixture(t *testing.T) {
	db := openTestDB(t)
	load(t, db, fixtureComplaints, fixtureSurveys, nil)
	checkProperties(t, db, Options{AsOf: fixtureAsOf, By: Dimensions[1:]})
	checkProperties(t, db, Options{AsOf: fixtureAsOf, By: []string{"topic,channel"}})
}
