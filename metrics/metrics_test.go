package metrics

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	periodpkg "github.com/complaints/complaints/internal/period"
)

// diffRow lists the fields where got differs from want; floats compare
// with a relative tolerance of 1e-9, nil only equals nil.
func diffRow(got, want Row) []string {
	var diffs []string
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < gv.NumField(); i++ {
		name := gv.Type().Field(i).Name
		if !gv.Type().Field(i).IsExported() {
			continue // the counts behind CSAT and NPS, compared through them
		}
		g, w := gv.Field(i), wv.Field(i)
		switch g.Kind() {
		case reflect.Pointer:
			switch {
			case g.IsNil() && w.IsNil():
			case g.IsNil() || w.IsNil():
				diffs = append(diffs, fmt.Sprintf("%s = %s, want %s", name, show(g), show(w)))
			default:
				if !closeTo(toFloat(g.Elem()), toFloat(w.Elem()), 1e-9) {
					diffs = append(diffs, fmt.Sprintf("%s = %s, want %s", name, show(g), show(w)))
				}
			}
		default:
			if !reflect.DeepEqual(g.Interface(), w.Interface()) {
				diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", name, g.Interface(), w.Interface()))
			}
		}
	}
	return diffs
}

func toFloat(v reflect.Value) float64 {
	if v.CanFloat() {
		return v.Float()
	}
	return float64(v.Int())
}

func show(v reflect.Value) string {
	if v.IsNil() {
		return "nil"
	}
	return fmt.Sprint(v.Elem().Interface())
}

func closeTo(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func ip64(i int64) *int64 { return &i }

// deref is *p, 0 for nil.
func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// wilsonPtr and npsPtr give the expected interval bounds from the Go
// formulas, which TestWilson and TestNPSInterval check against published
// and hand-worked values.
func wilsonPtr(x, n float64) (*float64, *float64) {
	lo, hi := Wilson(x, n, ZFor(0.95))
	return &lo, &hi
}

func npsPtr(p, d, n float64) (*float64, *float64, *float64) {
	v, lo, hi := NPSInterval(p, d, n, ZFor(0.95))
	return &v, &lo, &hi
}

func TestComputeFixture(t *testing.T) {
	db := openTestDB(t)
	load(t, db, fixtureComplaints, fixtureSurveys, nil)

	// Week of 2024-01-01, all: c1, c2, c3 and survey s1.
	w1 := Row{PeriodStart: "2024-01-01", Dimension: "all", Group: "all", DataTo: "2024-01-07",
		Complaints: 3, Resolved: ip64(2), ResolutionRate: fp(2.0 / 3), // c1, c2 resolved; c3 open
		MedianFirstResponseHours: fp(72),                // median of 2, 72, 121
		P90FirstResponseHours:    fp(72 + 0.8*(121-72)), // type 7: position 0.9 × 2 = 1.8
		MedianResolutionHours:    fp(96),                // median of 48, 144
		P90ResolutionHours:       fp(48 + 0.9*(144-48)),
		SLAMetRate:               fp(2.0 / 3), SLAN: 3, // c3 missed the ack target by an hour
		CSAT: fp(1), CSATN: 1, // s1: 5
		NPSN: 1, CESMean: fp(2), CESN: 1, // s1: 9 (promoter), CES 2
		NegativeShare:        fp(0.5), // c1 negative, c2 neutral, c3 unclassified
		ChurnSignalCustomers: ip64(2), // u1 (c1 churn intent, c3 repeat), u2 (c2 reopened, disputed)
		ReopenRate:           fp(0.5), // c1 0, c2 1, c3 unknown
		TimelyRate:           fp(0.5), TimelyN: 2, DisputedRate: fp(0.5), DisputedN: 2,
		CompensationPaid: fp(10),
		// Open at Mon 01-08 00:00: c2 (resolved 10:00 that day; aged 14+72 = 86 business hours)
		// and c3 (12 business hours).
		Backlog: ip64(2), Backlog0To3Days: ip64(1), BacklogTo8Weeks: ip64(1), BacklogOver8Weeks: ip64(0),
	}
	w1.CSATCILow, w1.CSATCIHigh = wilsonPtr(1, 1)
	w1.NPS, w1.NPSCILow, w1.NPSCIHigh = npsPtr(1, 0, 1)

	// Week of 2024-01-08, all: c4, c5 and surveys s2, s3, s4.
	// the week ends on the as-of date, Sunday 01-14: whole, not partial
	w2 := Row{PeriodStart: "2024-01-08", Dimension: "all", Group: "all", DataTo: "2024-01-14",
		Complaints: 2, Resolved: ip64(1), ResolutionRate: fp(0.5), // c4 closed; c5 resolved after the as-of date
		MedianFirstResponseHours: fp(1), // c5 only
		P90FirstResponseHours:    fp(1),
		// no resolution inside the as-of window; SLA: c4 untimed, c5 still within both targets
		CSAT: fp(0.5), CSATN: 2, // s2: 2, s3: 4
		NPSN: 3, CESMean: fp(6), CESN: 1, // s2 detractor, s3 passive, s4 promoter: NPS 0
		NegativeShare:        fp(0.5), // c4 positive, c5 negative
		ChurnSignalCustomers: ip64(0), // u3 has no signal; c4 names no customer
		// Open at Mon 01-15 00:00: c3 (12+24*5 = 132 business hours) and c5 (15+24 = 39).
		Backlog: ip64(2), Backlog0To3Days: ip64(1), BacklogTo8Weeks: ip64(1), BacklogOver8Weeks: ip64(0),
	}
	w2.CSATCILow, w2.CSATCIHigh = wilsonPtr(1, 2)
	w2.NPS, w2.NPSCILow, w2.NPSCIHigh = npsPtr(1, 1, 3)

	rows, err := Compute(context.Background(), db, Options{AsOf: fixtureAsOf})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	if len(rows) != 2 {
		t.Fatalf("Compute returned %d rows, want 2: %+v", len(rows), rows)
	}
	for i, want := range []Row{w1, w2} {
		for _, d := range diffRow(rows[i], want) {
			t.Errorf("week %s: %s", want.PeriodStart, d)
		}
	}
}

func TestComputeByTopic(t *testing.T) {
	db := openTestDB(t)
	load(t, db, fixtureComplaints, fixtureSurveys, nil)
	rows, err := Compute(context.Background(), db, Options{AsOf: fixtureAsOf, By: []string{"topic"}})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	type key struct{ period, group string }
	type counts struct {
		complaints, csatN, npsN, backlog int64
		resolutionRate                   *float64
	}
	// Hand-sorted from the fixture: s1 and s2 link to billing complaints, s4 to
	// a delivery complaint, s3 to none.
	want := map[key]counts{
		{"2024-01-01", "billing"}:      {complaints: 2, csatN: 1, npsN: 1, backlog: 1, resolutionRate: fp(1)},
		{"2024-01-01", "unclassified"}: {complaints: 1, backlog: 1, resolutionRate: fp(0)},
		{"2024-01-08", "billing"}:      {csatN: 1, npsN: 1},
		{"2024-01-08", "delivery"}:     {complaints: 2, npsN: 1, backlog: 1, resolutionRate: fp(0.5)},
		{"2024-01-08", "unclassified"}: {backlog: 1},
		{"2024-01-08", "unlinked"}:     {csatN: 1, npsN: 1},
	}
	if len(rows) != len(want) {
		t.Errorf("Compute(by topic) returned %d rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		w, ok := want[key{r.PeriodStart, r.Group}]
		if !ok {
			t.Errorf("unexpected row %s %s", r.PeriodStart, r.Group)
			continue
		}
		got := counts{r.Complaints, r.CSATN, r.NPSN, deref(r.Backlog), r.ResolutionRate}
		if got.complaints != w.complaints || got.csatN != w.csatN || got.npsN != w.npsN || got.backlog != w.backlog ||
			(got.resolutionRate == nil) != (w.resolutionRate == nil) ||
			(got.resolutionRate != nil && *got.resolutionRate != *w.resolutionRate) {
			t.Errorf("%s %s: got complaints %d csat_n %d nps_n %d backlog %d rate %v, want %+v",
				r.PeriodStart, r.Group, got.complaints, got.csatN, got.npsN, got.backlog, show(reflect.ValueOf(got.resolutionRate)), w)
		}
		if r.Dimension != "topic" {
			t.Errorf("Dimension = %q, want topic", r.Dimension)
		}
	}
}

func TestComputeOptions(t *testing.T) {
	db := openTestDB(t)
	load(t, db, fixtureComplaints, fixtureSurveys, nil)
	ctx := context.Background()
	first := func(t *testing.T, opts Options) Row {
		t.Helper()
		rows, err := Compute(ctx, db, opts)
		if err != nil {
			t.Fatalf("Compute: %v", err)
		}
		if len(rows) == 0 {
			t.Fatalf("Compute returned no rows")
		}
		return rows[0]
	}
	tests := []struct {
		name  string
		opts  Options
		check func(t *testing.T, r Row)
	}{
		{"business hours", Options{AsOf: fixtureAsOf, BusinessHours: true}, func(t *testing.T, r Row) {
			// first responses 2, 72, 73 business hours; resolutions 48, 96
			if r.MedianFirstResponseHours == nil || *r.MedianFirstResponseHours != 72 {
				t.Errorf("median first response = %s, want 72", show(reflect.ValueOf(r.MedianFirstResponseHours)))
			}
			if r.MedianResolutionHours == nil || *r.MedianResolutionHours != 72 {
				t.Errorf("median resolution = %s, want (48+96)/2 = 72", show(reflect.ValueOf(r.MedianResolutionHours)))
			}
		}},
		{"holiday on Thursday 01-04", Options{AsOf: fixtureAsOf, BusinessHours: true, Holidays: []time.Time{time.Date(2024, 1, 4, 0, 0, 0, 0, time.UTC)}}, func(t *testing.T, r Row) {
			// c2's first response now takes 14+24+10 = 48 business hours (c1 2, c3 73):
			// median 48. The SLA stays 2 of 3.
			if r.MedianFirstResponseHours == nil || *r.MedianFirstResponseHours != 48 {
				t.Errorf("median first response = %s, want 48", show(reflect.ValueOf(r.MedianFirstResponseHours)))
			}
			if r.SLAMetRate == nil || !closeTo(*r.SLAMetRate, 2.0/3, 1e-12) {
				t.Errorf("sla_met_rate = %s, want 2/3", show(reflect.ValueOf(r.SLAMetRate)))
			}
		}},
		{"ack target 4 days", Options{AsOf: fixtureAsOf, AckTargetDays: 4}, func(t *testing.T, r Row) {
			// c3's 73 business hours are within 96: all three judged complaints met.
			if r.SLAMetRate == nil || *r.SLAMetRate != 1 {
				t.Errorf("sla_met_rate = %s, want 1", show(reflect.ValueOf(r.SLAMetRate)))
			}
		}},
		{"resolution target 2 days", Options{AsOf: fixtureAsOf, ResolutionTarget: 48 * time.Hour}, func(t *testing.T, r Row) {
			// c1 resolved in exactly 48h (met), c2 in 144h (missed), c3 missed the ack.
			if r.SLAMetRate == nil || !closeTo(*r.SLAMetRate, 1.0/3, 1e-12) {
				t.Errorf("sla_met_rate = %s, want 1/3", show(reflect.ValueOf(r.SLAMetRate)))
			}
		}},
		{"month", Options{AsOf: fixtureAsOf, Period: "month"}, func(t *testing.T, r Row) {
			if r.PeriodStart != "2024-01-01" || r.Complaints != 5 || r.NPSN != 4 || r.CSATN != 3 {
				t.Errorf("month row = %s %d complaints %d nps %d csat, want 2024-01-01 5 4 3", r.PeriodStart, r.Complaints, r.NPSN, r.CSATN)
			}
		}},
		{"as of 2024-01-05", Options{AsOf: time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)}, func(t *testing.T, r Row) {
			// c1 resolved by then; c2 (01-08) not; c3 received that day, open.
			if r.Complaints != 3 || deref(r.Resolved) != 1 {
				t.Errorf("as of 01-05: %d complaints %d resolved, want 3, 1", r.Complaints, deref(r.Resolved))
			}
		}},
		{"default as-of is the latest date", Options{}, func(t *testing.T, r Row) {
			// latest date is s4's 2024-01-12: c5 is then unresolved, as with the fixture as-of.
			if r.Complaints != 3 || deref(r.Resolved) != 2 {
				t.Errorf("default as-of: %d complaints %d resolved, want 3, 2", r.Complaints, deref(r.Resolved))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, first(t, tt.opts)) })
	}
}

func TestComputeBadOptions(t *testing.T) {
	db := openTestDB(t)
	tests := []Options{
		{Period: "year"},
		{By: []string{"colour"}},
		{By: []string{"topic,topic"}},
		{By: []string{"topic,product,channel"}},
		{By: []string{"topic; DROP TABLE complaints"}},
	}
	for _, opts := range tests {
		if _, err := Compute(context.Background(), db, opts); err == nil {
			t.Errorf("Compute(%+v) succeeded, want an error", opts)
		}
	}
}

func TestComputeEmpty(t *testing.T) {
	db := openTestDB(t)
	rows, err := Compute(context.Background(), db, Options{})
	if err != nil || len(rows) != 0 {
		t.Errorf("Compute(empty warehouse) = %v, %v; want no rows", rows, err)
	}
}

// A complaint resolved in a period in which nothing was received leaves
// the backlog then; that period has a row of its own, as every period up
// to the report date (TestEveryPeriodHasRow).
func TestBacklogResolvedInQuietPeriod(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		// Friday, resolved on Saturday, when nothing is received.
		{id: "a", received: "2024-01-05 10:00", resolved: "2024-01-06 12:00", status: "closed"},
		{id: "b", received: "2024-01-07 09:00", status: "open"}, // Sunday, still open
	}, nil, nil)
	rows, err := Compute(context.Background(), db, Options{Period: "day", AsOf: time.Date(2024, 1, 7, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	got := map[string]int64{}
	for _, r := range rows {
		got[r.PeriodStart] = deref(r.Backlog)
	}
	// Friday's end: a is open. Saturday's end: none (a left). Sunday's
	// end: only b.
	want := map[string]int64{"2024-01-05": 1, "2024-01-06": 0, "2024-01-07": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("backlog by day = %v, want %v", got, want)
	}
}

// TestPeriodStart holds period.Start, which gives compute.sql the start of
// Since's period (and the trends and reports theirs), to DuckDB's date_trunc, which gives every other period
// start: days across a week, a month's end and a year's end.
func TestPeriodStart(t *testing.T) {
	db := openTestDB(t)
	for _, period := range []string{"day", "week", "month"} {
		for _, s := range []string{"2024-01-01 00:00", "2024-06-09 23:59", "2024-06-10 00:00", "2024-06-12 13:30",
			"2024-06-16 08:00", "2024-02-29 12:00", "2024-12-31 23:00", "2025-01-05 10:00"} {
			at := ts(s).(time.Time)
			var want time.Time
			if err := db.QueryRowContext(context.Background(), `SELECT date_trunc($1, $2::TIMESTAMP)::TIMESTAMP`, period, at).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got := periodpkg.Period(period).Start(at); !got.Equal(want) {
				t.Errorf("period %s: Start(%s) = %s, date_trunc gives %s", period, s, got, want)
			}
		}
	}
}

// TestSLAWithoutResolutionTimes: a source that records first responses but
// no resolution time (a support thread's replies) cannot be judged against
// the resolution target, nor against the SLA, which its complaints could
// only miss. a was answered within the hour and b never (both of January,
// past both targets by June): neither is judged (before, a counted as
// missed for want of a resolution: 0 of 2). Once the source
// records a resolution (c, resolved the next day), an unresolved complaint
// past the target missed it: a and b missed, c met: 1 of 3.
func TestSLAWithoutResolutionTimes(t *testing.T) {
	asOf := time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)
	answered := []complaint{
		{id: "a", received: "2024-01-02 10:00", firstResponse: "2024-01-02 11:00"},
		{id: "b", received: "2024-01-03 10:00"},
	}
	resolved := complaint{id: "c", received: "2024-01-04 10:00", resolved: "2024-01-05 10:00", status: "closed"}
	for _, tt := range []struct {
		name       string
		complaints []complaint
		n          int64
		rate       float64
	}{
		{"responses only", answered, 0, -1}, // -1: no rate
		{"resolutions too", append(answered[:2:2], resolved), 3, 1.0 / 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			load(t, db, tt.complaints, nil, nil)
			rows, err := Compute(context.Background(), db, Options{Period: "month", AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.Dimension != "all" || r.PeriodStart != "2024-01-01" {
					continue
				}
				if r.SLAN != tt.n || (r.SLAMetRate == nil) != (tt.rate < 0) || (r.SLAMetRate != nil && !closeTo(*r.SLAMetRate, tt.rate, 1e-12)) {
					t.Errorf("January: sla_n %d, sla_met_rate %s; want %d and %g", r.SLAN, show(reflect.ValueOf(r.SLAMetRate)), tt.n, tt.rate)
				}
				return
			}
			t.Errorf("no row for January: %+v", rows)
		})
	}
}

// TestNeitherResolvedNorOpen: a complaint with neither a status nor a
// resolution date (a tweet) counts as not resolved in the resolution rate,
// and is no complaint past its resolution target, so the rate is 0 rather
// than null, the churn-signal count 0 rather than null and a customer's
// churn score a number. Before, count_if over only NULLs gave NULL, and
// the rate was null or 0 depending on whether some other complaint of the
// group had a status.
func TestNeitherResolvedNorOpen(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "a", customer: "u1", received: "2024-03-05 10:00"},
		{id: "b", customer: "u2", received: "2024-03-06 10:00"},
		{id: "c", received: "2024-03-12 10:00"},
		{id: "d", received: "2024-03-13 10:00", status: "open"},
		{id: "e", customer: "u3", received: "2024-03-14 10:00", topic: "billing", sentiment: "negative", churnIntent: true},
	}, nil, nil)
	asOf := time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC) // every complaint past the 8-week target
	rows, err := Compute(context.Background(), db, Options{Period: "week", AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range rows {
		// the weeks after, with no complaint, have rows of their own
		// (TestEveryPeriodHasRow)
		if r.Dimension != "all" || r.Complaints == 0 {
			continue
		}
		seen++
		if deref(r.Resolved) != 0 || r.Resolved == nil || r.ResolutionRate == nil || *r.ResolutionRate != 0 {
			t.Errorf("week %s: resolved %v, resolution_rate %s; want 0 and 0", r.PeriodStart, r.Resolved, show(valueOf(r.ResolutionRate)))
		}
		// week of 2024-03-04: u1, u2 without signals; of 2024-03-11: u3's churn intent
		want := map[string]int64{"2024-03-04": 0, "2024-03-11": 1}[r.PeriodStart]
		if r.ChurnSignalCustomers == nil || *r.ChurnSignalCustomers != want {
			t.Errorf("week %s: churn_signal_customers %v, want %d", r.PeriodStart, r.ChurnSignalCustomers, want)
		}
	}
	if seen != 2 {
		t.Errorf("%d weeks of all, want 2", seen)
	}
	got, _, _, err := Churn(context.Background(), db, ChurnOptions{Options: Options{AsOf: asOf}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].CustomerID != "u3" || got[0].Score != DefaultWeights.Intent ||
		!reflect.DeepEqual(got[0].Signals, map[string][]string{SignalIntent: {"e"}}) {
		t.Errorf("churn = %+v, want u3 alone with churn intent (score %g)", got, DefaultWeights.Intent)
	}
}
