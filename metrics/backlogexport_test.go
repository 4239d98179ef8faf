package metrics

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestBacklogUntimedClosureBeforeExport: a complaint closed without a
// time (every CFPB complaint) is known closed only as of the export that
// recorded it (sql/exports.sql): at a period end before that export its
// state is unknown, counted in backlog_state_unknown, not as closed; when
// no complaint of the group is of known state then, the backlog and its
// age buckets are null, not 0. A QA pass (a BI analyst, 2026-12-07) read
// backlog 0 for every historical week of the CFPB demo: a flat zero where
// when the complaints closed is not recorded.
//
// By week, as of Friday 2024-03-29 (cutoff 03-30):
//   - cf (statuses, no resolution times; its run dated Wed 03-20 09:00 by
//     its latest receipt): p1 Mon 02-05 and p2 Tue 02-06, closed; p3
//     03-20 09:00, closed;
//   - desk (statuses and resolution times, run 2): d1 received Wed 02-07
//     09:00, never resolved: open, 0-3 business days old at 02-12 00:00
//     (15 + 24 = 39 business hours), to 8 weeks from 02-19.
//
// Source cf: the weeks from 02-05 to 03-11 end (03-18 at the latest)
// before the export: p1 and p2 unknown, none known, backlog null; from
// the week of 03-18 (end 03-25) all three known closed: backlog 0,
// unknown 0. All: d1 is known open throughout, backlog 1 with p1 and p2
// unknown before the export. As of Sunday 03-10 (cutoff 03-11, before
// the export; p3 not yet received) the last row of cf, week 03-04, reads
// null and 2 (the QA pass's week: backlog 0, unknown 0).
func TestBacklogUntimedClosureBeforeExport(t *testing.T) {
	cf := []complaint{
		{id: "p1", source: "cf", run: 1, received: "2024-02-05 09:00", status: "closed"},
		{id: "p2", source: "cf", run: 1, received: "2024-02-06 09:00", status: "closed"},
		{id: "p3", source: "cf", run: 1, received: "2024-03-20 09:00", status: "closed"},
	}
	opts := Options{Period: "week", AsOf: day(2024, 3, 29), By: []string{"all", "source"}}
	// cf alone, as the demo: every week of "all" has a row
	t.Run("cf", func(t *testing.T) {
		db := openTestDB(t)
		load(t, db, cf, nil, nil)
		checkBacklog(t, db, opts, map[string]backlogWant{
			"2024-02-05 all=all":   {nil, 0, 2},
			"2024-03-04 all=all":   {nil, 0, 2},
			"2024-03-11 all=all":   {nil, 0, 2},
			"2024-03-18 all=all":   {ip64(0), 0, 0},
			"2024-03-25 all=all":   {ip64(0), 0, 0},
			"2024-02-05 source=cf": {nil, 0, 2},
			"2024-03-18 source=cf": {ip64(0), 0, 0},
		})
		// From 03-11 only (Options.Since): p1 and p2, received before, count
		o := opts
		o.Since = day(2024, 3, 11)
		checkBacklog(t, db, o, map[string]backlogWant{"2024-03-11 all=all": {nil, 0, 2}, "2024-03-18 all=all": {ip64(0), 0, 0}})
		o = opts
		o.AsOf = day(2024, 3, 10)
		checkBacklog(t, db, o, map[string]backlogWant{"2024-03-04 all=all": {nil, 0, 2}})
	})
	// with d1 of desk, known open throughout: "all" counts it
	t.Run("cf and desk", func(t *testing.T) {
		db := openTestDB(t)
		load(t, db, append(cf, complaint{id: "d1", source: "desk", run: 2, received: "2024-02-07 09:00", status: "open"}), nil, nil)
		checkBacklog(t, db, opts, map[string]backlogWant{
			"2024-02-05 all=all":     {ip64(1), 1, 2},
			"2024-02-12 all=all":     {ip64(1), 0, 2},
			"2024-03-11 all=all":     {ip64(1), 0, 2},
			"2024-03-18 all=all":     {ip64(1), 0, 0},
			"2024-02-05 source=cf":   {nil, 0, 2},
			"2024-03-18 source=cf":   {ip64(0), 0, 0},
			"2024-02-05 source=desk": {ip64(1), 1, 0},
		})
		o := opts
		o.AsOf = day(2024, 3, 10)
		checkBacklog(t, db, o, map[string]backlogWant{"2024-03-04 all=all": {ip64(1), 0, 2}})
	})
	// Since leaves out d0 of desk, closed with a time before it: still a
	// complaint of known state received by the week's end, so "all" of the
	// week of 03-11 has a backlog, 0 (as without Since), not null with p1
	// and p2 unknown. (Their closures counted in the backlog's carry-in
	// alone, that week read null.)
	t.Run("cf and a closure before Since", func(t *testing.T) {
		db := openTestDB(t)
		d0 := complaint{id: "d0", source: "desk", run: 2, received: "2024-02-07 09:00", resolved: "2024-02-08 09:00", status: "closed"}
		load(t, db, append(cf, d0), nil, nil)
		o := opts
		o.Since = day(2024, 3, 11)
		checkBacklog(t, db, o, map[string]backlogWant{"2024-03-11 all=all": {ip64(0), 0, 2}, "2024-03-18 all=all": {ip64(0), 0, 0}})
	})
}

// backlogWant is a row's backlog wanted: nil (and so each age bucket),
// or young + to 8 weeks; and its complaints of unknown state.
type backlogWant struct {
	backlog *int64
	young   int64
	unknown int64
}

// checkBacklog holds the rows of Compute named in wants to them, and
// every row of the reference query (reference_test.go) to Compute's.
func checkBacklog(t *testing.T, db Querier, opts Options, wants map[string]backlogWant) {
	t.Helper()
	ctx := context.Background()
	rows, err := Compute(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	at := fmt.Sprintf("as of %s", opts.AsOf.Format(time.DateOnly))
	if !opts.Since.IsZero() {
		at += opts.Since.Format(", since 2006-01-02")
	}
	byKey := map[string]Row{}
	for _, r := range rows {
		byKey[r.PeriodStart+" "+r.Dimension+"="+r.Group] = r
	}
	for key, w := range wants {
		r, ok := byKey[key]
		if !ok {
			t.Errorf("%s: no row %s", at, key)
			continue
		}
		got := fmt.Sprintf("backlog %s (young %s, to 8 weeks %s, older %s), state unknown %d", showI(r.Backlog),
			showI(r.Backlog0To3Days), showI(r.BacklogTo8Weeks), showI(r.BacklogOver8Weeks), r.BacklogStateUnknown)
		exp := fmt.Sprintf("backlog null (young null, to 8 weeks null, older null), state unknown %d", w.unknown)
		if w.backlog != nil {
			exp = fmt.Sprintf("backlog %d (young %d, to 8 weeks %d, older 0), state unknown %d", *w.backlog, w.young,
				*w.backlog-w.young, w.unknown)
		}
		if got != exp {
			t.Errorf("%s: %s: %s; want %s", at, key, got, exp)
		}
	}
	ref, err := compute(ctx, db, opts, referenceSQL)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ref {
		key := w.PeriodStart + " " + w.Dimension + "=" + w.Group
		g, ok := byKey[key]
		if !ok {
			t.Errorf("%s: reference row %s not in the table", at, key)
			continue
		}
		for _, d := range diffRow(g, w) {
			t.Errorf("%s: %s against the reference: %s", at, key, d)
		}
	}
}

// showI is a count or "null".
func showI(p *int64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}
