package metrics

import (
	"context"
	"math"
	"reflect"
	"testing"
	"time"
)

// exportsFixture: source desk records resolution times (a's), so only an
// untimed closure of a run exported after the cutoff is not judged.
// 2024-03-04 is a Monday.
//
// Run 1 holds a, b and c. Its rows' times: a received Mon 03-04 09:00 and
// resolved Tue 03-05 09:00, b received Tue 03-05 09:00, c received Wed
// 03-06 09:00: the latest is c's receipt, 03-06 09:00.
//
// Run 2 is a file of a single update record (QA): C04, received Sat 03-09
// 10:00 (customer u4), first response Wed 03-13 23:59, closed, no
// resolved_at. Its latest received_at is 03-09 10:00, but its own first
// response shows the export was made on or after 03-13 23:59.
//
// Run 3: e, received Fri 03-01 08:00, resolved Fri 03-15 12:00 (no first
// response): its latest time is the resolution.
//
// Run 4: f, received Sat 03-02 08:00, nothing else: greatest() of a
// timestamp and two NULLs must be the timestamp (DuckDB's greatest skips
// NULLs; a NULL there would leave the run with no export date at all).
var exportsFixture = []complaint{
	{id: "a", source: "desk", run: 1, received: "2024-03-04 09:00", resolved: "2024-03-05 09:00", status: "closed"},
	{id: "b", source: "desk", run: 1, received: "2024-03-05 09:00", status: "open"},
	{id: "c", source: "desk", run: 1, received: "2024-03-06 09:00", status: "open"},
	{id: "C04", customer: "u4", source: "desk", run: 2, received: "2024-03-09 10:00", firstResponse: "2024-03-13 23:59", status: "closed"},
	{id: "e", source: "other", run: 3, received: "2024-03-01 08:00", resolved: "2024-03-15 12:00", status: "closed"},
	{id: "f", source: "other", run: 4, received: "2024-03-02 08:00", status: "open"},
}

// TestExportDateLatestTimestamp: a run's export is dated by the latest of
// every timestamp its rows carry (received_at, first_response_at,
// resolved_at), not by the latest received_at alone (before: run 2 was
// dated 03-09 10:00 and run 3 03-01 08:00). See exportsFixture for each
// run's times.
func TestExportDateLatestTimestamp(t *testing.T) {
	db := openTestDB(t)
	load(t, db, exportsFixture, nil, nil)
	rows, err := db.QueryContext(context.Background(), "WITH "+ExportsSQL()+" SELECT ingest_run_id, exported FROM exports ORDER BY ingest_run_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int64]string{}
	for rows.Next() {
		var run int64
		var exported *time.Time
		if err := rows.Scan(&run, &exported); err != nil {
			t.Fatal(err)
		}
		got[run] = "NULL"
		if exported != nil {
			got[run] = exported.UTC().Format("2006-01-02 15:04")
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{
		1: "2024-03-06 09:00", // c's receipt (a's resolution, 03-05 09:00, is earlier)
		2: "2024-03-13 23:59", // C04's first response (received 03-09 10:00)
		3: "2024-03-15 12:00", // e's resolution (received 03-01 08:00)
		4: "2024-03-02 08:00", // f's receipt: the NULL response and resolution are skipped
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("export dates = %v, want %v", got, want)
	}
}

// TestUpdateOnlyExportNoLookAhead: QA's look-ahead at a past --as-of. A
// file holding only an update of an older complaint (run 2: C04, received
// 03-09, first response 03-13 23:59, closed without a time) was dated by
// C04's receipt, so `metrics --as-of 2024-03-10` counted C04 resolved,
// though its own record shows the export was made on or after 03-13 23:59.
// Week 2024-03-04 holds a, b, c, C04 (exportsFixture's source desk; runs
// 3 and 4, source other, were received in week 02-26 and count only in
// the backlog).
func TestUpdateOnlyExportNoLookAhead(t *testing.T) {
	db := openTestDB(t)
	load(t, db, exportsFixture, []survey{
		// u4 answers about C04 (explicitly) on Sun 03-10 12:00, CSAT 5
		{id: "s4", customer: "u4", complaint: "C04", responded: "2024-03-10 12:00", csat: ip(5)},
	}, nil)
	ctx := context.Background()
	type fig struct {
		resolved int64
		rate     float64
		backlog  int64
	}
	for _, tt := range []struct {
		asOf     time.Time
		want     fig
		recovery [3]int64 // responses of resolved, unresolved, no_complaint
	}{
		// Cutoff Mon 03-11 00:00: run 1 (03-06 09:00) is exported, run 2
		// (03-13 23:59) is not, so whether C04 was closed by then is
		// unknown and it is not judged. Resolved: a (03-05) = 1 of a, b, c
		// judged = 1/3 (before the mend: a and C04 = 2 of 4 = 0.5).
		// Backlog at the week's end, 03-11 00:00: b, c, f (open) and e
		// (received 03-01, resolved 03-15 12:00) = 4; C04, closed without a
		// time, is in no backlog either way. s4 is about a complaint neither
		// known resolved nor open: in no group (before: resolved, 1).
		{day(2024, 3, 10), fig{1, 1.0 / 3, 4}, [3]int64{0, 0, 0}},
		// Cutoff Wed 03-13 00:00, 23h59 before C04's response: still
		// unknown, the same figures.
		{day(2024, 3, 12), fig{1, 1.0 / 3, 4}, [3]int64{0, 0, 0}},
		// Cutoff Thu 03-14 00:00, after 03-13 23:59: run 2 exported, C04
		// known closed: a and C04 of 4 = 0.5; the backlog at 03-11 00:00
		// as before (4); s4 in the resolved group.
		{day(2024, 3, 13), fig{2, 0.5, 4}, [3]int64{1, 0, 0}},
	} {
		rows, err := Compute(ctx, db, Options{Period: "week", AsOf: tt.asOf})
		if err != nil {
			t.Fatal(err)
		}
		r := allRow(t, rows, "2024-03-04")
		var got fig
		if r.Resolved != nil {
			got.resolved = *r.Resolved
		}
		if r.ResolutionRate != nil {
			got.rate = *r.ResolutionRate
		}
		got.backlog = deref(r.Backlog)
		if got.resolved != tt.want.resolved || math.Abs(got.rate-tt.want.rate) > 1e-12 || got.backlog != tt.want.backlog {
			t.Errorf("as of %s: week 2024-03-04 resolved %d, rate %v, backlog %d; want %d, %v, %d",
				tt.asOf.Format(time.DateOnly), got.resolved, got.rate, got.backlog, tt.want.resolved, tt.want.rate, tt.want.backlog)
		}
		rec, err := ServiceRecovery(ctx, db, Options{AsOf: tt.asOf})
		if err != nil {
			t.Fatal(err)
		}
		var n [3]int64
		for i, g := range rec.Groups {
			n[i] = g.Responses
		}
		if n != tt.recovery {
			t.Errorf("as of %s: recovery responses resolved, unresolved, no_complaint %v, want %v",
				tt.asOf.Format(time.DateOnly), n, tt.recovery)
		}
	}
}
