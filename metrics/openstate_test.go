package metrics

import (
	"context"
	"slices"
	"testing"
	"time"
)

// The tests of this file hold process figures an exploratory QA pass (an
// internal auditor recomputing every audit figure from the raw files,
// 2026-12-07) found wrong; each failed before its mend.

// TestStatusNotRecorded: a complaint whose status is not recorded (a
// complaints register with no status column, a ticket with a blank
// status cell) is open or closed by its resolution time when its source
// records resolution times: closed when resolved by the report date, open
// when resolved after it or not at all. It was "neither" when it had no
// resolution time, left out of the backlog (QA: a register's backlog 39
// where 92 were open). Of a source that records no resolution times a
// complaint with no status stays unknown (a tweet), and it stays out.
//
// As of Friday 2024-04-12 (cutoff Saturday 04-13 00:00):
//   - reg (a register: resolution times, no status at all): r1 resolved
//     03-06, closed; r2 resolved 04-20, open, 38 days old (to 8 weeks); r3
//     never resolved, received 01-08, 95 days old (over 8 weeks); r4 never
//     resolved, received Wed 04-10 09:00, 15 + 24 + 24 = 63 business hours
//     old (0-3 business days);
//   - desk (statuses and resolution times): d1 closed; d2 a blank status,
//     never resolved, received 03-20, 23 days old (to 8 weeks);
//   - cf (statuses, no resolution times; its run dated 03-11 by its latest
//     receipt): c1 closed, c2 no status (unknown), c3 open, 32 days old;
//   - tw (neither): t1 unknown.
//
// Backlog: r2, r3, r4, d2, c3 = 5 (young r4, to 8 weeks r2 d2 c3, older
// r3); before the mend r2 and c3 alone.
func TestStatusNotRecorded(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "r1", source: "reg", run: 1, received: "2024-03-04 09:00", resolved: "2024-03-06 09:00"},
		{id: "r2", source: "reg", run: 1, received: "2024-03-05 09:00", resolved: "2024-04-20 09:00"},
		{id: "r3", source: "reg", run: 1, customer: "u3", received: "2024-01-08 09:00"},
		{id: "r4", source: "reg", run: 1, received: "2024-04-10 09:00"},
		{id: "d1", source: "desk", run: 4, received: "2024-03-04 09:00", resolved: "2024-03-05 09:00", status: "closed"},
		{id: "d2", source: "desk", run: 4, received: "2024-03-20 09:00"},
		{id: "c1", source: "cf", run: 2, received: "2024-03-06 09:00", status: "closed"},
		{id: "c2", source: "cf", run: 2, received: "2024-03-07 09:00"},
		{id: "c3", source: "cf", run: 2, received: "2024-03-11 09:00", status: "In progress"},
		{id: "t1", source: "tw", run: 3, received: "2024-03-04 09:00"},
	}, nil, nil)
	ctx := context.Background()
	asOf := day(2024, 4, 12)
	for _, opts := range []Options{
		{Period: "month", AsOf: asOf},
		// the periods from April only: r3 is read for the backlog too
		{Period: "month", AsOf: asOf, Since: day(2024, 4, 1)},
	} {
		rows, err := Compute(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		r := allRow(t, rows, "2024-04-01")
		got := [4]int64{deref(r.Backlog), deref(r.Backlog0To3Days), deref(r.BacklogTo8Weeks), deref(r.BacklogOver8Weeks)}
		if got != [4]int64{5, 1, 3, 1} {
			t.Errorf("since %s: April backlog, by age = %v, want [5 1 3 1] (r2 r3 r4 d2 c3)", opts.Since.Format(time.DateOnly), got)
		}
	}
	// January: r3 alone, open at the month's end
	rows, err := Compute(ctx, db, Options{Period: "month", AsOf: asOf, By: []string{"source"}})
	if err != nil {
		t.Fatal(err)
	}
	backlog := map[string]int64{}
	for _, r := range rows {
		backlog[r.PeriodStart+" "+r.Group] = deref(r.Backlog)
	}
	for k, want := range map[string]int64{"2024-01-01 reg": 1, "2024-04-01 reg": 3, "2024-04-01 desk": 1, "2024-04-01 cf": 1} {
		if backlog[k] != want {
			t.Errorf("backlog %s = %d, want %d", k, backlog[k], want)
		}
	}
	for _, r := range rows {
		if r.Group == "tw" && r.Backlog != nil {
			t.Errorf("%s tw: backlog %d, want null (no status, no resolution times)", r.PeriodStart, *r.Backlog)
		}
	}
	// r3, open 95 days, is unresolved past the 8-week target: a churn
	// signal of its customer (before: neither resolved nor open, none)
	cs, _, _, err := Churn(ctx, db, ChurnOptions{Options: Options{AsOf: asOf}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || !slices.Equal(cs[0].Signals[SignalUnresolved], []string{"r3"}) {
		t.Errorf("churn = %+v, want u3 with %s: r3", cs, SignalUnresolved)
	}
}

// TestOpenPastTargetNoResolutionTimes: of a source that records no
// resolution times (an export of open tickets, its resolved column empty
// throughout; the CFPB export), no complaint is judged against the
// resolution target or the SLA, open or closed. 6ed586b judged the open
// ones past the target as missed; but a closed one could only miss it and
// is not judged, so only misses were ever judged and the rate read 0% by
// construction (a regression QA pass, 2026-12-07: Comcast's FCC
// complaints "0.0% SLA met, 0 of 509 judged", sla_met_rate 0 in every
// period with a judged complaint). Which complaints are judged must not
// turn on their outcome. The old open ones are in the backlog's ageing
// (backlog_over_8_weeks), which says as much.
//
// As of Wednesday 2024-04-10, by month:
//   - open (first responses, no resolution times): o1 received 01-08,
//     answered in 2 hours, open 13 weeks; o2 received 01-15, never
//     answered, its acknowledgement missed, open 12 weeks; o4 closed with
//     no time; o3 received 03-01, answered, open 40 days: none judged for
//     the SLA;
//   - cfpb (no response or resolution times): p1 in progress since 01-09;
//     p2 closed; p3 in progress since Mon 03-25: none judged;
//   - desk (resolution times recorded): d1 received 01-08, answered and
//     resolved in a day: met; d2 received 01-10, answered, open 13 weeks:
//     missed, judged as before.
//
// January: d1 and d2 judged, 1 of 2; March: none judged. April's backlog
// over 8 weeks: o1, o2, p1, d2.
func TestOpenPastTargetNoResolutionTimes(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "o1", source: "open", run: 1, received: "2024-01-08 10:00", firstResponse: "2024-01-08 12:00", status: "Open"},
		{id: "o2", source: "open", run: 1, received: "2024-01-15 10:00", status: "Pending"},
		{id: "o4", source: "open", run: 1, received: "2024-01-10 10:00", firstResponse: "2024-01-10 11:00", status: "closed"},
		{id: "o3", source: "open", run: 1, received: "2024-03-01 10:00", firstResponse: "2024-03-01 11:00", status: "Open"},
		{id: "p1", source: "cfpb", run: 2, received: "2024-01-09 10:00", status: "In progress"},
		{id: "p2", source: "cfpb", run: 2, received: "2024-01-09 11:00", status: "closed"},
		{id: "p3", source: "cfpb", run: 2, received: "2024-03-25 10:00", status: "In progress"},
		{id: "d1", source: "desk", run: 3, received: "2024-01-08 09:00", firstResponse: "2024-01-08 10:00", resolved: "2024-01-09 09:00", status: "closed"},
		{id: "d2", source: "desk", run: 3, received: "2024-01-10 09:00", firstResponse: "2024-01-10 10:00", status: "open"},
	}, nil, nil)
	rows, err := Compute(context.Background(), db, Options{Period: "month", AsOf: day(2024, 4, 10), By: []string{"all", "source"}})
	if err != nil {
		t.Fatal(err)
	}
	jan := allRow(t, rows, "2024-01-01")
	if jan.SLAN != 2 || jan.SLAMetRate == nil || *jan.SLAMetRate != 0.5 {
		t.Errorf("January: sla_met_rate %s of %d, want 0.5 of 2 (d1 met, d2 missed; o1, o2, p1 not judged)", show(valueOf(jan.SLAMetRate)), jan.SLAN)
	}
	mar := allRow(t, rows, "2024-03-01")
	if mar.SLAN != 0 || mar.SLAMetRate != nil {
		t.Errorf("March: sla_met_rate %s of %d, want null of 0 (o3 and p3 not judged)", show(valueOf(mar.SLAMetRate)), mar.SLAN)
	}
	for _, r := range rows {
		if (r.Group == "open" || r.Group == "cfpb") && (r.SLAN != 0 || r.SLAMetRate != nil) {
			t.Errorf("%s %s: sla_met_rate %s of %d, want null of 0 (no resolution times)", r.PeriodStart, r.Group, show(valueOf(r.SLAMetRate)), r.SLAN)
		}
	}
	if apr := allRow(t, rows, "2024-04-01"); deref(apr.BacklogOver8Weeks) != 4 {
		t.Errorf("April: backlog over 8 weeks %d, want 4 (o1, o2, p1, d2)", deref(apr.BacklogOver8Weeks))
	}
}

// TestReopenedAcknowledgedByResolution: a ticket solved and reopened
// keeps its earlier resolution time (README: the date is the earlier
// resolution); that resolution acknowledged it, whichever came first of
// it and a response. E1, received Mon 2024-03-04 09:00, solved Tue 10:00
// (25 hours), open again, never answered, counted as acknowledgement
// missed and so SLA missed (QA: its t1 tickets read SLA 223 of 260, 223
// of 256 right). E2, solved 3 hours after its receipt and answered two
// days later, reopened: its first response time is to the resolution, 3
// hours (TestAcknowledgedByResolution's rule), not 48.
func TestReopenedAcknowledgedByResolution(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "E1", received: "2024-03-04 09:00", resolved: "2024-03-05 10:00", status: "Open", reopened: ip(1)},
	}, nil, nil)
	for _, tt := range []struct {
		asOf time.Time
		n    int64
		rate float64 // -1: null
		why  string
	}{
		// acknowledged in target, resolution pending (open 37 days)
		{day(2024, 4, 10), 0, -1, "acknowledged, resolution pending"},
		// open 67 days, past the 8-week target
		{day(2024, 5, 10), 1, 0, "resolution missed"},
	} {
		rows, err := Compute(context.Background(), db, Options{Period: "month", AsOf: tt.asOf})
		if err != nil {
			t.Fatal(err)
		}
		r := allRow(t, rows, "2024-03-01")
		rate := -1.0
		if r.SLAMetRate != nil {
			rate = *r.SLAMetRate
		}
		if r.SLAN != tt.n || rate != tt.rate {
			t.Errorf("as of %s: sla_met_rate %s of %d, want %v of %d (%s)", tt.asOf.Format(time.DateOnly), show(valueOf(r.SLAMetRate)), r.SLAN, tt.rate, tt.n, tt.why)
		}
	}

	db = openTestDB(t)
	load(t, db, []complaint{
		{id: "E2", received: "2024-03-04 09:00", firstResponse: "2024-03-06 09:00", resolved: "2024-03-04 12:00", status: "Open", reopened: ip(1)},
	}, nil, nil)
	rows, err := Compute(context.Background(), db, Options{Period: "month", AsOf: day(2024, 4, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if r := allRow(t, rows, "2024-03-01"); r.MedianFirstResponseHours == nil || *r.MedianFirstResponseHours != 3 {
		t.Errorf("E2: median first response %s hours, want 3 (the earlier resolution came first)", show(valueOf(r.MedianFirstResponseHours)))
	}
}

// TestEveryPeriodHasRow: the table has a row for every period from the
// first to the one holding the report date, also one in which no
// complaint was received, so that its last row's backlog is the backlog
// at the report date (QA: weeks with no new complaint had no row, and the
// last row's backlog, 48, was of a week before the report date's 39).
// Rates are null in such a row (no data), counts 0. A group's row is
// there in each period in which it has complaints, responses or backlog.
//
// a (phone) received Mon 2024-04-01, open; b (web) received 04-02,
// resolved 04-03. As of Friday 2024-05-31, weeks 04-01 to 05-27: nine, a
// in the backlog of each; b in none (resolved within its week).
func TestEveryPeriodHasRow(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "a", received: "2024-04-01 09:00", status: "open", channel: "phone"},
		{id: "b", received: "2024-04-02 09:00", firstResponse: "2024-04-02 10:00", resolved: "2024-04-03 09:00", status: "closed", channel: "web"},
	}, nil, nil)
	weeks := []string{"2024-04-01", "2024-04-08", "2024-04-15", "2024-04-22", "2024-04-29", "2024-05-06", "2024-05-13", "2024-05-20", "2024-05-27"}
	for _, tt := range []struct {
		name  string
		opts  Options
		weeks []string
	}{
		{"every week", Options{AsOf: day(2024, 5, 31)}, weeks},
		{"since 05-13", Options{AsOf: day(2024, 5, 31), Since: day(2024, 5, 15)}, weeks[6:]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.By = []string{"all", "channel"}
			rows, err := Compute(context.Background(), db, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, r := range rows {
				got[r.Group] = append(got[r.Group], r.PeriodStart)
				if r.Group == "web" {
					continue
				}
				if deref(r.Backlog) != 1 {
					t.Errorf("%s %s: backlog %d, want 1 (a)", r.PeriodStart, r.Group, deref(r.Backlog))
				}
				if r.PeriodStart != "2024-04-01" && (r.Complaints != 0 || r.ResolutionRate != nil || r.SLAMetRate != nil ||
					r.MedianFirstResponseHours != nil || r.NegativeShare != nil || r.ReopenRate != nil) {
					t.Errorf("%s %s: %d complaints, resolution_rate %s, sla_met_rate %s; want 0 and nulls", r.PeriodStart, r.Group,
						r.Complaints, show(valueOf(r.ResolutionRate)), show(valueOf(r.SLAMetRate)))
				}
			}
			for _, g := range []string{"all", "phone"} {
				if !slices.Equal(got[g], tt.weeks) {
					t.Errorf("%s: weeks %v, want %v", g, got[g], tt.weeks)
				}
			}
			// web has complaints in 04-01 alone and no backlog
			wantWeb := []string{"2024-04-01"}
			if tt.opts.Since.After(day(2024, 4, 7)) {
				wantWeb = nil
			}
			if !slices.Equal(got["web"], wantWeb) {
				t.Errorf("web: weeks %v, want %v", got["web"], wantWeb)
			}
		})
	}
}
