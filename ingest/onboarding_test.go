package ingest

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTicketRatingElapsedSolve: a ticket export that gives the solve as a
// duration after creation (Zendesk's "Full resolution time in minutes")
// dates a solved ticket's rating at its solve, as the README says, not at
// its creation; an unsolved ticket's, at its creation (QA pass Y:
// zendesk_w1.csv row 1006).
func TestTicketRatingElapsedSolve(t *testing.T) {
	path := tempFile(t, "zd.csv", "Id,Subject,Description,Status,Requester email,Assignee,Group,Created at,First reply time in minutes,Full resolution time in minutes,Satisfaction Score\n"+
		"1006,Wrong item,I received the wrong item.,solved,ann@example.com,Kim,Logistics,2026-11-06T16:00:00+00:00,5760,7200,good\n"+
		"1007,Late,Still waiting for it.,open,bo@example.com,Kim,Logistics,2026-11-07T10:00:00+00:00,30,,bad\n")
	db := openTemp(t)
	if res := mustIngest(t, db, path, Options{Profile: TicketRatings}); res.counts() != (counts{2, 2, 0, 0, 0}) {
		t.Fatalf("%v, want both ratings loaded", res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(concat_ws(' ', response_id, strftime(responded_at, '%Y-%m-%d %H:%M'), csat), '; ' ORDER BY response_id) FROM surveys`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// 1006: created 11-06 16:00 plus 7200 minutes (5 days) is 11-11 16:00;
	// 1007, not solved: its creation. Good 5, Bad 1 (ticketRatingValues).
	if want := "1006 2026-11-11 16:00 5; 1007 2026-11-07 10:00 1"; got != want {
		t.Errorf("surveys %q, want %q", got, want)
	}
}

// TestJSONPathInNoRecord: a mapping file's member path that no record of a
// JSON or NDJSON file has (a misspelt key) is an error naming it, the file
// and paths the records have, as a CSV column not in the header is; it was
// every value null (an optional field) or every record rejected as
// missing (a required one), exit 0 (QA pass Y: jira.json). A path present
// in a record beyond the first thousand, or null in every record, is read.
func TestJSONPathInNoRecord(t *testing.T) {
	dir := t.TempDir()
	issue := func(i int, assignee string) string {
		return fmt.Sprintf(`{"key":"SUP-%d","fields":{"created":"2026-11-02T09:00:00.000-0500","summary":"Refund","resolutiondate":null%s}}`, i, assignee)
	}
	var late strings.Builder // the assignee in record 1,500 alone
	for i := 1; i <= 1500; i++ {
		a := ""
		if i == 1500 {
			a = `,"assignee":{"displayName":"Bob"}`
		}
		late.WriteString(issue(i, a) + "\n")
	}
	nd := filepath.Join(dir, "jira.ndjson")
	writeFile(t, nd, late.String())
	tests := []struct {
		name, column, field, want string
	}{
		{"optional", "fields.asignee.displayName", "assignee", `path "fields.asignee.displayName" (assignee) is in no record of the file (fields has: assignee, created, resolutiondate, summary)`},
		{"required", "fields.creatd", "received_at", `path "fields.creatd" (received_at) is in no record of the file (fields has: assignee, created, resolutiondate, summary)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mp := filepath.Join(dir, tt.name+".yaml")
			cols := map[string]string{"key": "complaint_id", "fields.created": "received_at", "fields.summary": "narrative", "fields.assignee.displayName": "assignee"}
			for c, f := range cols {
				if f == tt.field {
					delete(cols, c)
				}
			}
			cols[tt.column] = tt.field
			var y strings.Builder
			y.WriteString("target: complaints\nsource: jira\ncolumns:\n")
			for _, c := range slices.Sorted(maps.Keys(cols)) {
				fmt.Fprintf(&y, "  %s: %s\n", c, cols[c])
			}
			writeFile(t, mp, y.String())
			m, err := LoadMapping(mp)
			if err != nil {
				t.Fatal(err)
			}
			_, err = File(context.Background(), openTemp(t), nd, Options{Mapping: m})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), nd) {
				t.Errorf("File(%s) with %s = %v, want an error naming the file and %q", nd, tt.column, err, tt.want)
			}
		})
	}
	// the paths as written: the assignee of record 1,500 read, the
	// resolution (null in every record) too
	writeFile(t, filepath.Join(dir, "ok.yaml"), "target: complaints\nsource: jira\ncolumns:\n  key: complaint_id\n  fields.created: received_at\n"+
		"  fields.summary: narrative\n  fields.assignee.displayName: assignee\n  fields.resolutiondate: resolved_at\n")
	m, err := LoadMapping(filepath.Join(dir, "ok.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	if res := mustIngest(t, db, nd, Options{Mapping: m}); res.counts() != (counts{1500, 1500, 0, 0, 0}) {
		t.Errorf("paths as written: %v, want the 1500 records loaded", res)
	}
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(assignee) FROM complaints`).Scan(&n); err != nil || n != 1 {
		t.Errorf("assignees %d, %v; want 1 (record 1500's)", n, err)
	}
}

// TestLoadedBeforeMappingChanged: the same file loaded again, no file
// loaded between, with a mapping that reads it otherwise updates its
// records; the warning said files loaded since had changed them ("an older
// export loaded again?"), when none had: the mapping reads them otherwise
// (QA pass Y: 4 records of helpdesk.csv, run 2).
func TestLoadedBeforeMappingChanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "helpdesk.csv")
	writeFile(t, path, "Ref,Opened,Text,State\nA,2024-03-01,Late,Open\nB,2024-03-02,Lost,Closed\n")
	mapping := func(name, values string) *Mapping {
		mp := filepath.Join(dir, name)
		writeFile(t, mp, "target: complaints\nsource: hd\ncolumns:\n  Ref: complaint_id\n  Opened: received_at\n  Text: narrative\n  State: status\n"+values)
		m, err := LoadMapping(mp)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	db := openTemp(t)
	mustIngest(t, db, path, Options{Mapping: mapping("a.yaml", "")})
	res := mustIngest(t, db, path, Options{Mapping: mapping("b.yaml", "values:\n  status: {open: new}\n")})
	// A's status "Open" is "new" now; B's "Closed" is as it was
	if res.Updated != 1 || res.LoadedBefore != 1 {
		t.Fatalf("updated %d, loaded before in run %d; want 1, 1", res.Updated, res.LoadedBefore)
	}
	w := res.Warnings()
	if strings.Contains(w, "files loaded since") || !strings.Contains(w, "the same file was loaded before (run 1), and no file since: 1 record is read otherwise now") {
		t.Errorf("warnings %q, want the record read otherwise, not changed by files since", w)
	}
}

// TestDatesAlmostRead: a column of epoch seconds with one value in
// milliseconds is read as seconds, the odd value alone rejected, saying
// it is a number of another kind and which of a mapping's dates reads
// it (a profile read the file: no mapping was given); every record was
// rejected as "cannot read '1762182000' as timestamp" (QA pass Y:
// epoch.csv). A spreadsheet's day number among ISO dates (an XLSX cell
// formatted as a number) is rejected with the same hint (QA pass Y:
// freshdesk.xlsx).
func TestDatesAlmostRead(t *testing.T) {
	db := openTemp(t)
	epoch := tempFile(t, "epoch.csv", "Id,Description,Status,Created at,Solved at,Group,Assignee\n"+
		"1,a,open,1762182000,,G,A\n2,b,solved,1762254000,1762340400,G,A\n3,c,open,1762254000123,,G,A\n")
	if res := mustIngest(t, db, epoch, Options{Source: "ep"}); res.counts() != (counts{3, 2, 0, 0, 1}) {
		t.Errorf("epoch.csv: %v, want records 1 and 2 loaded, 3 (milliseconds) rejected", res)
	}
	serial := tempFile(t, "serial.csv", "complaint_id,received_at,narrative\nA,2026-11-04 08:00:00,late\nB,46330.333333,lost\n")
	if res := mustIngest(t, db, serial, Options{Source: "se"}); res.counts() != (counts{2, 1, 0, 0, 1}) {
		t.Errorf("serial.csv: %v, want A loaded, B rejected", res)
	}
	rejects := rejectRows(t, db, "raw")
	if len(rejects) != 2 {
		t.Fatalf("%d rejects, want 2", len(rejects))
	}
	for i, want := range []string{
		// (by record number: serial.csv's 2, then epoch.csv's 3)
		"record 2, field received_at (received_at): cannot read '46330.333333' as timestamp (a number? a mapping's dates read epoch: seconds since 1970, epoch_ms: milliseconds, excel: a spreadsheet's day number)",
		"record 3, field Created at (received_at): cannot read '1762254000123' as timestamp (its column is read as seconds since 1970: a number of another kind? a mapping's dates read epoch: seconds since 1970, epoch_ms: milliseconds, excel: a spreadsheet's day number)",
	} {
		if rejects[i].reason != want {
			t.Errorf("reject %d: %q, want %q", i+1, rejects[i].reason, want)
		}
	}
}

// TestResolvedBeforeReceived: complaints whose resolution is dated before
// their receipt load (the audit page lists them) with a warning counting
// them and naming the first; the load said nothing (QA pass Y).
func TestResolvedBeforeReceived(t *testing.T) {
	db := openTemp(t)
	path := tempFile(t, "c.csv", "complaint_id,received_at,resolved_at,narrative\n"+
		"A,2024-03-05 10:00:00,2024-03-04 10:00:00,early\nB,2024-03-05 10:00:00,2024-03-06 10:00:00,fine\nC,2024-03-07 10:00:00,2024-03-01 09:00:00,early\n")
	res := mustIngest(t, db, path, Options{Source: "s"})
	// A and C by hand: resolved a day and six days before received
	if res.ResolvedEarly != 2 || !strings.Contains(res.Warnings(), "2 complaints resolved before they were received (A, C)") {
		t.Errorf("resolved early %d, warnings %q; want 2, naming A and C", res.ResolvedEarly, res.Warnings())
	}
}

// TestFirstResponseOutOfOrder: complaints whose first response is dated
// before their receipt, or after their resolution, load with a warning
// each, counting them and naming the first, as those resolved before
// they were received do; the load said nothing of them (QA pass AP:
// /tmp/qaAP/qa/helpdesk.csv, tickets 1244-1248 answered 10 hours before
// their receipt, 1249-1254 resolved 4 hours after it and answered 9 days
// after). One resolved before its receipt (E) is told as such, not again
// as answered after its resolution.
func TestFirstResponseOutOfOrder(t *testing.T) {
	db := openTemp(t)
	path := tempFile(t, "c.csv", "complaint_id,received_at,first_response_at,resolved_at,narrative\n"+
		"A,2024-03-05 10:00:00,2024-03-05 00:00:00,2024-03-06 10:00:00,answered early\n"+
		"B,2024-03-05 10:00:00,2024-03-05 11:00:00,2024-03-06 10:00:00,fine\n"+
		"C,2024-03-05 10:00:00,2024-03-14 10:00:00,2024-03-05 14:00:00,answered late\n"+
		"D,2024-03-05 10:00:00,2024-03-05 09:59:00,,answered early\n"+
		"E,2024-03-05 10:00:00,2024-03-05 12:00:00,2024-03-02 10:00:00,resolved early\n"+
		"F,2024-03-05 10:00:00,2024-03-05 14:00:00,2024-03-05 14:00:00,answered as resolved\n")
	res := mustIngest(t, db, path, Options{Source: "s"})
	w := res.Warnings()
	// by hand: A 10 h and D 1 min before receipt; C 9 days after its
	// resolution; E resolved 3 days before its receipt
	for _, want := range []string{"2 complaints with a first response dated before their receipt (A, D)", "1 complaint with a first response dated after its resolution (C)",
		"1 complaint resolved before it was received (E)"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q, want %q", w, want)
		}
	}
	if res.RespondedEarly != 2 || res.RespondedLate != 1 || res.ResolvedEarly != 1 {
		t.Errorf("answered early %d, late %d, resolved early %d; want 2, 1, 1", res.RespondedEarly, res.RespondedLate, res.ResolvedEarly)
	}
}

// TestTicketRatingElapsedOverflow: a ticket rating dated at its solve, the
// ticket's creation plus the export's resolution time, whose sum is no
// time (beyond the year 294,247, TIMESTAMP's last) or whose minutes are
// beyond BIGINT's microseconds, is rejected naming the resolution time's
// column and value, and the creation it was added to. Before, the reason
// named the creation alone, as a value not read ("field Created at
// (responded_at): cannot read '2026-11-06T16:00:00+00:00' as timestamp"),
// which it was (QA pass). TIMESTAMP holds microseconds since 1970 in a
// BIGINT (at most 9,223,372,036,854,775,807, about 1.53722e11 minutes);
// 2026-11-06 16:00 is 29,899,680 minutes after 1970, so 153,700,000,000
// minutes fit the microseconds but not the sum, and 1e14 minutes (6e21
// microseconds) fit neither.
func TestTicketRatingElapsedOverflow(t *testing.T) {
	path := tempFile(t, "zd.csv", "Id,Subject,Status,Created at,Full resolution time in minutes,Satisfaction Score\n"+
		"1,Wrong item,solved,2026-11-06T16:00:00+00:00,7200,good\n"+
		"2,Late,solved,2026-11-06T16:00:00+00:00,153700000000,good\n"+
		"3,Late,solved,2026-11-06T16:00:00+00:00,100000000000000,bad\n")
	db := openTemp(t)
	if res := mustIngest(t, db, path, Options{Profile: TicketRatings}); res.counts() != (counts{3, 1, 0, 0, 2}) {
		t.Fatalf("%v, want rating 1 loaded, 2 and 3 rejected", res)
	}
	r := rejectRows(t, db, "raw")
	want := []string{
		"record 2, field Full resolution time in minutes (responded_at): 153700000000 minutes after 2026-11-06 16:00:00 (Created at) is no time a timestamp holds",
		"record 3, field Full resolution time in minutes (responded_at): 100000000000000 minutes after 2026-11-06 16:00:00 (Created at) is no time a timestamp holds",
	}
	if len(r) != len(want) {
		t.Fatalf("rejects %+v, want %d", r, len(want))
	}
	for i, w := range want {
		if r[i].reason != w {
			t.Errorf("reject %d: %q, want %q", i, r[i].reason, w)
		}
	}
}
