package metrics

import (
	"context"
	"reflect"
	"testing"
)

// TestBacklogStateUnknown: the backlog counts the complaints known open,
// and says how many it cannot judge: the complaints received by the
// period's end whose state their source cannot tell (no status, no
// resolution time, of a source that records none: tweets), any of which
// may be open then (backlog_state_unknown). A QA pass (a support team
// lead) read `backlog: 0` for the week of 2017-10-30 of a warehouse of
// the CFPB demo and the twcs tweets: the CFPB complaints before it all
// closed, the week's 1,071 tweets dropped without a word.
//
// As of Friday 2024-03-29 (cutoff 03-30), by week:
//   - cf (statuses, no resolution times; its run dated 03-20 by its
//     latest receipt, before the cutoff: its closures are known): p1 and p2
//     received in February, closed; p3 received Wed 03-20, closed;
//   - tw (neither): t1 Mon 03-04, t2 Tue 03-05, t3 Tue 03-12.
//
// The weeks of "all" from 03-04: state unknown 2 (t1 t2), 3 from 03-11
// on (t3), and p1 and p2 besides before cf's export
// (TestBacklogUntimedClosureBeforeExport): 4 and 5, with none of known
// state, backlog null; from the week of 03-18 (ending after the export)
// backlog 0 (nothing known open), state unknown 3. By source, tw's rows
// have no backlog (null) and the same counts as "all" less p1 and p2;
// cf's p1 and p2 until the export.
func TestBacklogStateUnknown(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "p1", source: "cf", run: 1, received: "2024-02-05 09:00", status: "closed"},
		{id: "p2", source: "cf", run: 1, received: "2024-02-06 09:00", status: "closed"},
		{id: "p3", source: "cf", run: 1, received: "2024-03-20 09:00", status: "closed"},
		{id: "t1", source: "tw", run: 2, received: "2024-03-04 09:00"},
		{id: "t2", source: "tw", run: 2, received: "2024-03-05 09:00"},
		{id: "t3", source: "tw", run: 2, received: "2024-03-12 09:00"},
	}, nil, nil)
	opts := Options{Period: "week", AsOf: day(2024, 3, 29), By: []string{"all", "source"}}
	rows, err := Compute(context.Background(), db, opts)
	if err != nil {
		t.Fatal(err)
	}
	// the reference query (reference_test.go) counts them its own way
	ref, err := compute(context.Background(), db, opts, referenceSQL)
	if err != nil {
		t.Fatal(err)
	}
	if len(ref) == 0 {
		t.Fatal("the reference query gave no row")
	}
	byKey := map[string]Row{}
	for _, r := range rows {
		byKey[r.PeriodStart+" "+r.Dimension+"="+r.Group] = r
	}
	for _, w := range ref {
		key := w.PeriodStart + " " + w.Dimension + "=" + w.Group
		if g, ok := byKey[key]; !ok || g.BacklogStateUnknown != w.BacklogStateUnknown {
			t.Errorf("%s: state unknown %d (row there: %v), reference %d", key, g.BacklogStateUnknown, ok, w.BacklogStateUnknown)
		}
	}
	type want struct {
		backlog *int64
		unknown int64
	}
	wants := map[string]want{
		"2024-02-05 all=all":   {nil, 2},
		"2024-02-26 all=all":   {nil, 2},
		"2024-03-04 all=all":   {nil, 4},
		"2024-03-11 all=all":   {nil, 5},
		"2024-03-18 all=all":   {ip64(0), 3},
		"2024-03-25 all=all":   {ip64(0), 3},
		"2024-02-05 source=cf": {nil, 2},
		"2024-03-18 source=cf": {ip64(0), 0},
		"2024-03-04 source=tw": {nil, 2},
		"2024-03-11 source=tw": {nil, 3},
	}
	seen := 0
	for _, r := range rows {
		key := r.PeriodStart + " " + r.Dimension + "=" + r.Group
		w, ok := wants[key]
		if !ok {
			continue
		}
		seen++
		if (r.Backlog == nil) != (w.backlog == nil) || deref(r.Backlog) != deref(w.backlog) || r.BacklogStateUnknown != w.unknown {
			t.Errorf("%s: backlog %s, state unknown %d; want %s, %d", key, show(reflect.ValueOf(r.Backlog)), r.BacklogStateUnknown, show(reflect.ValueOf(w.backlog)), w.unknown)
		}
	}
	if seen != len(wants) {
		t.Errorf("%d of the %d rows wanted are in the table", seen, len(wants))
	}
	// From 03-11 only (Options.Since): t1, t2, p1 and p2, received before, count
	opts.Since = day(2024, 3, 11)
	since, err := Compute(context.Background(), db, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r := allRow(t, since, "2024-03-11"); r.BacklogStateUnknown != 5 {
		t.Errorf("since 03-11: week 03-11 state unknown %d, want 5", r.BacklogStateUnknown)
	}
}
