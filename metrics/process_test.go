package metrics

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// The tests of this file hold process figures an exploratory QA pass (an
// auditor's view, 2026-12-06) found wrong; each failed before its mend.

// allRow returns the "all" row of period p.
func allRow(t *testing.T, rows []Row, p string) Row {
	t.Helper()
	for _, r := range rows {
		if r.Dimension == "all" && r.PeriodStart == p {
			return r
		}
	}
	t.Fatalf("no row for %s in %d rows", p, len(rows))
	return Row{}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestReopenedByAsOf: a complaint reopened and resolved again after the
// report date may not have been reopened by then; it counted as reopened
// at any report date (reopened_count is today's count).
func TestReopenedByAsOf(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "a", received: "2024-04-22 09:00", firstResponse: "2024-04-23 09:00", resolved: "2024-04-24 09:00", status: "closed", reopened: ip(1)},
		{id: "b", received: "2024-04-22 10:00", resolved: "2024-04-22 12:00", status: "closed", reopened: ip(0)},
	}, nil, nil)
	for _, tt := range []struct {
		asOf time.Time
		want float64
		n    string
	}{
		{day(2024, 4, 23), 0, "b alone: a's reopening is not known on the 23rd"},
		{day(2024, 4, 24), 0.5, "a and b"},
	} {
		rows, err := Compute(context.Background(), db, Options{Period: "month", AsOf: tt.asOf})
		if err != nil {
			t.Fatal(err)
		}
		r := allRow(t, rows, "2024-04-01")
		if r.ReopenRate == nil || *r.ReopenRate != tt.want {
			t.Errorf("as of %s: reopen_rate %v, want %v (%s)", tt.asOf.Format(time.DateOnly), show(valueOf(r.ReopenRate)), tt.want, tt.n)
		}
	}
}

// TestReopenedAndOpen: a complaint whose status is open although it has a
// resolution time (an Intercom conversation reopened after its last close)
// is open: it counted as resolved, within the SLA, and out of the backlog.
func TestReopenedAndOpen(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "a", received: "2024-03-04 09:00", firstResponse: "2024-03-04 10:00", resolved: "2024-03-05 09:00", status: "open", reopened: ip(1)},
		{id: "b", received: "2024-03-04 09:00", firstResponse: "2024-03-04 10:00", resolved: "2024-03-05 09:00", status: "closed", reopened: ip(0)},
	}, nil, nil)
	rows, err := Compute(context.Background(), db, Options{Period: "month", AsOf: day(2024, 6, 28)})
	if err != nil {
		t.Fatal(err)
	}
	r := allRow(t, rows, "2024-03-01")
	if r.Resolved == nil || *r.Resolved != 1 || r.ResolutionRate == nil || *r.ResolutionRate != 0.5 {
		t.Errorf("resolved %d, rate %s; want 1 and 0.5 (a is open)", deref(r.Resolved), show(valueOf(r.ResolutionRate)))
	}
	// a, open past the 8-week target, misses the SLA; b meets it
	if r.SLAMetRate == nil || *r.SLAMetRate != 0.5 || r.SLAN != 2 {
		t.Errorf("sla_met_rate %s of %d, want 0.5 of 2", show(valueOf(r.SLAMetRate)), r.SLAN)
	}
	if r.MedianResolutionHours == nil || *r.MedianResolutionHours != 24 {
		t.Errorf("median resolution %s, want 24 (b's alone)", show(valueOf(r.MedianResolutionHours)))
	}
	// at March's end a is 27 days old (when it was reopened is not
	// recorded: open since its receipt, as its status says)
	if r.Backlog == nil || *r.Backlog != 1 || deref(r.BacklogTo8Weeks) != 1 {
		t.Errorf("backlog %d (up to 8 weeks %d), want 1 and 1", deref(r.Backlog), deref(r.BacklogTo8Weeks))
	}
}

// TestAcknowledgedByResolution: a complaint resolved 3 hours after receipt
// and sent a response 11 days later was acknowledged by its resolution;
// the late response was judged alone (the acknowledgement missed, the SLA
// missed, 264 hours to first response).
func TestAcknowledgedByResolution(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "k1", received: "2024-03-04 09:00", firstResponse: "2024-03-15 09:00", resolved: "2024-03-04 12:00", status: "closed"},
	}, nil, nil)
	rows, err := Compute(context.Background(), db, Options{Period: "month", AsOf: day(2024, 6, 28)})
	if err != nil {
		t.Fatal(err)
	}
	r := allRow(t, rows, "2024-03-01")
	if r.SLAMetRate == nil || *r.SLAMetRate != 1 {
		t.Errorf("sla_met_rate %s, want 1", show(valueOf(r.SLAMetRate)))
	}
	if r.MedianFirstResponseHours == nil || *r.MedianFirstResponseHours != 3 {
		t.Errorf("median first response %s hours, want 3 (the resolution came first)", show(valueOf(r.MedianFirstResponseHours)))
	}
}

// TestAgeingBucketsFixed: the backlog's ageing buckets are the metric
// definitions' (3 business days, 8 weeks) whatever the targets; the
// second bound followed the resolution target, under the column name
// backlog_to_8_weeks.
func TestAgeingBucketsFixed(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		// open at the report date (Monday 2024-05-13): 4 business days
		// old, 40 days old, 70 days old
		{id: "a", received: "2024-05-07 09:00", status: "open"},
		{id: "b", received: "2024-04-03 09:00", status: "open"},
		{id: "c", received: "2024-03-04 09:00", status: "open"},
	}, nil, nil)
	for _, opts := range []Options{
		{Period: "month", AsOf: day(2024, 5, 13)},
		{Period: "month", AsOf: day(2024, 5, 13), AckTargetDays: 5, ResolutionTarget: 30 * 24 * time.Hour},
	} {
		rows, err := Compute(context.Background(), db, opts)
		if err != nil {
			t.Fatal(err)
		}
		r := allRow(t, rows, "2024-05-01")
		got := [3]int64{deref(r.Backlog0To3Days), deref(r.BacklogTo8Weeks), deref(r.BacklogOver8Weeks)}
		if got != [3]int64{0, 2, 1} {
			t.Errorf("targets %g days, %v: ageing %v, want [0 2 1]", opts.AckTargetDays, opts.ResolutionTarget, got)
		}
	}
}

// TestOwnDepartmentFirst: a complaint's own department (a helpdesk's
// group) is its owner; the one its topic routes to stands in only when it
// has none, as the audit page says. The topic's department came first.
func TestOwnDepartmentFirst(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO complaints (complaint_id, source, received_at, department, ingest_run_id, row_hash) VALUES
			('a', 'fixture', TIMESTAMP '2024-03-04 09:00', 'Logistics', 0, 1),
			('b', 'fixture', TIMESTAMP '2024-03-04 09:00', NULL, 0, 2)`,
		`INSERT INTO classifications (source, complaint_id, topic, department, churn_intent, legal_threat, urgent, model, classified_at) VALUES
			('fixture', 'a', 'billing_error', 'Billing', false, false, false, 'fixture', TIMESTAMP '2024-03-05'),
			('fixture', 'b', 'billing_error', 'Billing', false, false, false, 'fixture', TIMESTAMP '2024-03-05')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := Compute(ctx, db, Options{Period: "month", By: []string{"department"}, AsOf: day(2024, 3, 31)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, r := range rows {
		got[r.Group] = r.Complaints
	}
	if got["Logistics"] != 1 || got["Billing"] != 1 || len(got) != 2 {
		t.Errorf("complaints by department %v, want Logistics 1 and Billing 1", got)
	}
}

// TestUntrackedStateUnknown: a source that records neither a status nor a
// resolution date (tweets) has no known resolution rate or backlog: null,
// not 0 (DESIGN: unknown values are null, never 0). Beside a source that
// records them, the rate is over that source's complaints.
func TestUntrackedStateUnknown(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, status, resolved_at, ingest_run_id, row_hash) VALUES
		('t1', 'tweets', TIMESTAMP '2024-03-04 09:00', NULL, NULL, 0, 1),
		('t2', 'tweets', TIMESTAMP '2024-03-05 09:00', NULL, NULL, 0, 2),
		('d1', 'desk', TIMESTAMP '2024-04-01 09:00', 'closed', TIMESTAMP '2024-04-02 09:00', 0, 3),
		('d2', 'desk', TIMESTAMP '2024-04-01 09:00', 'open', NULL, 0, 4),
		('t3', 'tweets', TIMESTAMP '2024-04-02 09:00', NULL, NULL, 0, 5)`); err != nil {
		t.Fatal(err)
	}
	rows, err := Compute(ctx, db, Options{Period: "month", By: []string{"all", "source"}, AsOf: day(2024, 4, 30)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		switch {
		case r.Group == "tweets":
			if r.Resolved != nil || r.ResolutionRate != nil || r.Backlog != nil || r.Backlog0To3Days != nil {
				t.Errorf("%s tweets: resolved %d, rate %s, backlog %d; want all null", r.PeriodStart, deref(r.Resolved), show(valueOf(r.ResolutionRate)), deref(r.Backlog))
			}
		case r.Dimension == "all" && r.PeriodStart == "2024-03-01":
			if r.Resolved != nil || r.ResolutionRate != nil {
				t.Errorf("March: resolved %d, rate %s; want null (tweets alone)", deref(r.Resolved), show(valueOf(r.ResolutionRate)))
			}
		case r.Dimension == "all" && r.PeriodStart == "2024-04-01":
			if deref(r.Resolved) != 1 || r.ResolutionRate == nil || *r.ResolutionRate != 0.5 || deref(r.Backlog) != 1 {
				t.Errorf("April: resolved %d, rate %s, backlog %d; want 1, 0.5 (of desk's 2) and 1", deref(r.Resolved), show(valueOf(r.ResolutionRate)), deref(r.Backlog))
			}
		}
	}
}

// TestCSATBoundsExact: a period whose responses are all top-2 has an
// upper CSAT bound of exactly 1, one with none a lower bound of exactly 0
// (QA pass G: 0.9999999999999999 and 3.1392529421349366e-17, which the CSV
// printed as 0.000000000000000031392529421349366). One period per number
// of responses, 1 to 40.
func TestCSATBoundsExact(t *testing.T) {
	db := openTestDB(t)
	var ss []survey
	for n := 1; n <= 40; n++ {
		day := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, n)
		score := 5
		if n%2 == 0 {
			score = 1
		}
		for i := 0; i < n; i++ {
			ss = append(ss, survey{id: fmt.Sprintf("s%d-%d", n, i), responded: day.Format("2006-01-02 15:04"), csat: ip(score)})
		}
	}
	load(t, db, nil, ss, nil)
	rows, err := Compute(context.Background(), db, Options{Period: "day", AsOf: day(2024, 3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.CSAT == nil {
			continue
		}
		if *r.CSAT == 1 && *r.CSATCIHigh != 1 || *r.CSAT == 0 && *r.CSATCILow != 0 {
			t.Errorf("%s: csat %v of %d, interval %v..%v; want the bound at the estimate exact", r.PeriodStart, *r.CSAT, r.CSATN, *r.CSATCILow, *r.CSATCIHigh)
		}
	}
}

// TestUntimedClosureKnownAsOfExport: a complaint closed without a
// resolution time (every CFPB complaint: the export records the state at
// export time only) counted as resolved at any report date, so a backtest
// (--as-of in the past, trends --since) saw closures that no export had
// recorded yet (QA: the CFPB cohort of week 2019-09-23 100% resolved as of
// 2019-09-29). Such a closure is known as of the export that recorded it,
// whose date is taken as the latest time its ingest run's rows carry
// (here runs 1 and 3 are dated by their latest received_at, as none of
// their rows carries a later time; run 2's closures all have a time);
// before that, whether the complaint was resolved is unknown: it is left
// out of the resolution rate's numerator and denominator, and (as before)
// out of the backlog.
//
// Run 1 (source ex) is an export whose latest complaint, c, was received
// Wed 2024-03-20 10:00; run 3 an earlier export of the same source whose
// latest, f, was received Wed 03-06 09:00; run 2 a helpdesk (source desk)
// that records resolution times. Weeks start Monday 03-04, 03-11, 03-18.
func TestUntimedClosureKnownAsOfExport(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "a", source: "ex", run: 1, received: "2024-03-04 09:00", status: "closed"},
		{id: "b", source: "ex", run: 1, received: "2024-03-05 09:00", status: "open"},
		{id: "f", source: "ex", run: 3, received: "2024-03-06 09:00", status: "closed"},
		{id: "d", source: "desk", run: 2, received: "2024-03-04 09:00", resolved: "2024-03-06 09:00", status: "closed"},
		{id: "e", source: "desk", run: 2, received: "2024-03-05 09:00", resolved: "2024-03-12 09:00", status: "closed"},
		{id: "g", source: "ex", run: 1, received: "2024-03-11 09:00", status: "closed"},
		{id: "c", source: "ex", run: 1, received: "2024-03-20 10:00", status: "closed"},
	}, nil, nil)
	// want: resolved and resolution rate per (week, group); -1 is null.
	type fig struct {
		resolved int64
		rate     float64
	}
	tests := []struct {
		name string
		opts Options
		want map[string]fig // "week group"
		// backlog of the "all" rows: a, f and g are never in it
		backlog map[string]int64
	}{
		// Cutoff Mon 03-11 00:00: run 1 (03-20 10:00) is not yet exported,
		// run 3 (03-06 09:00) is. ex records no resolution times, so none
		// of run 1's is judged, b (open) neither: judged by their outcome
		// (b because it is open now, a not because it is closed) ex would
		// read 0 of 1. Week 03-04: f resolved (run 3); d resolved 03-06; e
		// resolved 03-12, after the cutoff. All: f, d of f, d, e = 2 of 3
		// (before the mend: 3 of 5). ex: f of f = 1 of 1 (before 2 of 3);
		// desk: d of d, e. Backlog at 03-11 00:00: b and e (2): b is known
		// open.
		{"before run 1's export", Options{Period: "week", By: []string{"all", "source"}, AsOf: day(2024, 3, 10)},
			map[string]fig{"2024-03-04 all": {2, 2.0 / 3}, "2024-03-04 ex": {1, 1}, "2024-03-04 desk": {1, 0.5}},
			map[string]int64{"2024-03-04": 2}},
		// Cutoff Mon 03-18 00:00. Week 03-04: e now resolved too: f, d, e
		// of f, d, e = 3 of 3 (before 4 of 5). Week 03-11: g alone, not
		// judged: both null (before 1 and 1). Backlog at 03-11 00:00 b and
		// e (2); at 03-18 00:00 b alone (1).
		{"a week later", Options{Period: "week", By: []string{"all", "source"}, AsOf: day(2024, 3, 17)},
			map[string]fig{"2024-03-04 all": {3, 1}, "2024-03-04 ex": {1, 1}, "2024-03-04 desk": {2, 1},
				"2024-03-11 all": {-1, -1}, "2024-03-11 ex": {-1, -1}},
			map[string]int64{"2024-03-04": 2, "2024-03-11": 1}},
		// Since: the same rows for the periods from 03-11 (trends --since
		// replays the metrics so).
		{"a week later, since 03-11", Options{Period: "week", By: []string{"all", "source"}, AsOf: day(2024, 3, 17), Since: day(2024, 3, 11)},
			map[string]fig{"2024-03-11 all": {-1, -1}, "2024-03-11 ex": {-1, -1}},
			map[string]int64{"2024-03-11": 1}},
		// Cutoff Wed 03-20 00:00, ten hours before run 1's latest receipt:
		// still unknown. Week 03-04 as on the 17th. Week 03-18, the report
		// date's, has no complaint received yet: no rate, b in its
		// backlog (TestEveryPeriodHasRow).
		{"the day before", Options{Period: "week", AsOf: day(2024, 3, 19)},
			map[string]fig{"2024-03-04 all": {3, 1}, "2024-03-11 all": {-1, -1}, "2024-03-18 all": {0, -1}},
			map[string]int64{"2024-03-04": 2, "2024-03-11": 1, "2024-03-18": 1}},
		// Cutoff Thu 03-21 00:00, after run 1's 03-20 10:00: every closure
		// is known, as before the mend. Week 03-04: a, f, d, e of 5 = 0.8;
		// 03-11: g, 1 of 1; 03-18: c, 1 of 1. Backlog: b alone from 03-18.
		{"run 1 exported", Options{Period: "week", AsOf: day(2024, 3, 20)},
			map[string]fig{"2024-03-04 all": {4, 0.8}, "2024-03-11 all": {1, 1}, "2024-03-18 all": {1, 1}},
			map[string]int64{"2024-03-04": 2, "2024-03-11": 1, "2024-03-18": 1}},
		// The default as-of is the latest receipt, 03-20: the same.
		{"default as-of", Options{Period: "week"},
			map[string]fig{"2024-03-04 all": {4, 0.8}, "2024-03-11 all": {1, 1}, "2024-03-18 all": {1, 1}},
			map[string]int64{"2024-03-04": 2, "2024-03-11": 1, "2024-03-18": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Compute(context.Background(), db, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]fig{}
			backlog := map[string]int64{}
			for _, r := range rows {
				f := fig{-1, -1}
				if r.Resolved != nil {
					f.resolved = *r.Resolved
				}
				if r.ResolutionRate != nil {
					f.rate = *r.ResolutionRate
				}
				got[r.PeriodStart+" "+r.Group] = f
				if r.Dimension == "all" {
					backlog[r.PeriodStart] = deref(r.Backlog)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("resolved, resolution_rate = %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(backlog, tt.backlog) {
				t.Errorf("backlog = %v, want %v", backlog, tt.backlog)
			}
		})
	}
}

// TestRecoveryUntimedClosureAsOfExport: service recovery put a response
// about a complaint closed without a resolution time in the resolved group
// at any report date, before the export that recorded the closure (see
// TestUntimedClosureKnownAsOfExport). Until then the complaint is not
// known resolved nor open, and the response is in no group, as one about
// a complaint of a source with no state. k (customer u1) is closed with no
// time in run 1, whose latest receipt is j's, Wed 2024-03-20 10:00; u1
// answers on 03-05 with CSAT 5.
func TestRecoveryUntimedClosureAsOfExport(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "k", customer: "u1", source: "ex", run: 1, received: "2024-03-01 10:00", status: "closed"},
		{id: "j", customer: "u2", source: "ex", run: 1, received: "2024-03-20 10:00", status: "closed"},
	}, []survey{{id: "s", customer: "u1", responded: "2024-03-05 10:00", csat: ip(5)}}, nil)
	for _, tt := range []struct {
		asOf time.Time
		want [3]int64 // responses of resolved, unresolved, no_complaint
	}{
		{day(2024, 3, 10), [3]int64{0, 0, 0}}, // cutoff 03-11: run 1 not exported yet (before: resolved)
		{day(2024, 3, 19), [3]int64{0, 0, 0}}, // cutoff 03-20 00:00, before 10:00
		{day(2024, 3, 20), [3]int64{1, 0, 0}}, // cutoff 03-21: k known closed
	} {
		got, err := ServiceRecovery(context.Background(), db, Options{AsOf: tt.asOf})
		if err != nil {
			t.Fatal(err)
		}
		var n [3]int64
		for i, g := range got.Groups {
			n[i] = g.Responses
		}
		if n != tt.want {
			t.Errorf("as of %s: responses resolved, unresolved, no_complaint %v, want %v", tt.asOf.Format(time.DateOnly), n, tt.want)
		}
	}
}

// TestUntimedClosureNoChurnSignal guards the mend of
// TestUntimedClosureKnownAsOfExport in the churn signals: a complaint
// closed without a time whose closure is not known by the report date is
// not judged, so it is no "unresolved past the resolution target" signal,
// as it was none when it counted as resolved (the churn checks passed
// before the mend too; an unknown read as not resolved would flag it). k (u1, Tue
// 2024-01-02) is closed with no time in run 1, whose latest receipt is j's,
// 2024-03-20 10:00; as of 2024-03-10 k is 68 days old, past the 56-day
// target. u1's churn on 2024-03-01 is before the export too.
func TestUntimedClosureNoChurnSignal(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "k", customer: "u1", source: "ex", run: 1, received: "2024-01-02 10:00", status: "closed"},
		{id: "j", customer: "u2", source: "ex", run: 1, received: "2024-03-20 10:00", status: "closed"},
	}, nil, []customer{{id: "u1", churned: "2024-03-01 00:00"}, {id: "u2"}})
	ctx := context.Background()
	got, total, _, err := Churn(ctx, db, ChurnOptions{Options: Options{AsOf: day(2024, 3, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 || total != 0 {
		t.Errorf("churn = %+v (%d with a signal), want none", got, total)
	}
	rows, err := Compute(ctx, db, Options{Period: "month", AsOf: day(2024, 3, 10)})
	if err != nil {
		t.Fatal(err)
	}
	// January: k alone, not judged: resolved and rate null, no signal
	r := allRow(t, rows, "2024-01-01")
	if r.ChurnSignalCustomers == nil || *r.ChurnSignalCustomers != 0 || r.Resolved != nil || r.ResolutionRate != nil {
		t.Errorf("January: churn_signal_customers %v, resolved %v, rate %s; want 0, nil, nil",
			r.ChurnSignalCustomers, r.Resolved, show(valueOf(r.ResolutionRate)))
	}
}
