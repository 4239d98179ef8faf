package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// warnLog records ingest's warnings, each as its message and attributes.
type warnLog struct {
	mu    sync.Mutex
	lines []string
}

func (w *warnLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (w *warnLog) WithAttrs([]slog.Attr) slog.Handler           { return w }
func (w *warnLog) WithGroup(string) slog.Handler                { return w }
func (w *warnLog) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lines = append(w.lines, b.String())
	return nil
}

func (w *warnLog) all() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.lines, "\n")
}

// renamed returns the demo CFPB export's first n records with column from
// renamed to, or dropped when to is "".
func renamedDemo(t *testing.T, n int, from, to string) string {
	t.Helper()
	header, rows, col := demoRecords(t)
	rows = rows[:n]
	i, ok := col[from]
	if !ok {
		t.Fatalf("the demo export has no column %q", from)
	}
	header = slices.Clone(header)
	if to != "" {
		header[i] = to
		return writeCSV(t, "cfpb_renamed.csv", header, rows)
	}
	header = slices.Delete(header, i, i+1)
	out := make([][]string, len(rows))
	for k, r := range rows {
		out[k] = slices.Delete(slices.Clone(r), i, i+1)
	}
	return writeCSV(t, "cfpb_dropped.csv", header, out)
}

// ticketsCSV is a helpdesk's ticket export as the QA pass's weekly feed
// lays it out (/tmp/qaAA/work/feeds/tickets_*.csv), three tickets.
const ticketsHeader = "Ticket ID,Created time,Subject,Description,Status,Resolved time,First response time,Group,Channel,Requester"

var ticketsRows = []string{
	"101801,2026-11-24 21:34:00,Bill too high,Bill too high again.,Closed,2026-11-27 12:34:00,2026-11-27 12:34:00,Billing,Call,c1@example.com",
	"101802,2026-11-27 01:18:00,slow internet,slow internet.,Solved,2026-11-27 05:18:00,2026-11-27 03:18:00,Network,Call,c2@example.com",
	"101803,2026-11-28 09:00:00,no signal,no signal at all.,Open,,2026-11-28 10:00:00,Network,Chat,c3@example.com",
}

// TestMissingColumnWarned: a profile's field the metrics read whose column
// a file lacks (renamed or dropped by the exporting system) is warned of,
// naming the field, the names the profile looks for and the file's
// columns that went to extra, the likely rename first. The QA pass's
// weekly loads (/tmp/qaAA/work/sc/drift_*.csv, tk_drift_*.csv,
// sv_drift2.csv) lost each silently: 0 of 400 CFPB complaints closed with
// "Company response to consumer" renamed "Company response", 0 narratives
// with "Narrative", no product with it dropped, 87 status updates with
// "Status" renamed "Ticket state", 147 resolution times with "Resolved
// time" renamed "Solved on", no comments with "Comment" renamed "Feedback".
func TestMissingColumnWarned(t *testing.T) {
	survey := "Date,NPS,Feedback\n2026-11-28 15:32:00,9,easy to order\n2026-11-29 07:37:00,1,still waiting\n"
	tickets := func(from, to string) string {
		return strings.Replace(ticketsHeader, from, to, 1) + "\n" + strings.Join(ticketsRows, "\n") + "\n"
	}
	for _, c := range []struct {
		name, path string
		field      string // as the warning names it
		looks      string // a name the profile looks for
		closest    string // the first column named after "closest first: "
		hint       string // what reads it
	}{
		{"cfpb response renamed", renamedDemo(t, 40, "Company response to consumer", "Company response"), "resolution and status", `"Company response to consumer"`, `"Company response"`, ""},
		{"cfpb narrative renamed", renamedDemo(t, 40, "Consumer complaint narrative", "Narrative"), "narrative", `"Consumer complaint narrative"`, `"Narrative"`, ""},
		{"cfpb product dropped", renamedDemo(t, 40, "Product", ""), "product", `"Product"`, "", ""},
		// a name cut at 40 characters is quoted once (a QA pass saw it
		// quoted twice, its quotes escaped)
		{"cfpb product renamed long", renamedDemo(t, 40, "Product", "Product_renamed_to_a_rather_long_column_name"), "product", `"Product"`, `"Product_renamed_to_a_rather_long_column_..."`, ""},
		{"tickets status renamed", tempFile(t, "tickets_state.csv", tickets("Status", "Ticket state")), "status", `"ticket status"`, `"Ticket state"`, ""},
		{"tickets resolved renamed", tempFile(t, "tickets_solved.csv", tickets("Resolved time", "Solved on")), "resolved_at", `"solved at"`, `"Solved on"`, ""},
		{"survey comment renamed", tempFile(t, "survey_feedback.csv", survey), "comment", `"comment"`, `"Feedback"`, `--profile survey reads "Feedback" as the comment`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var log warnLog
			db := openTemp(t)
			res := mustIngest(t, db, c.path, Options{Log: slog.New(&log)})
			w := res.Warnings()
			want := "no column for " + c.field
			if !strings.Contains(w, want) || !strings.Contains(w, c.looks) {
				t.Fatalf("warnings %q: want %q naming %s", w, want, c.looks)
			}
			if c.closest != "" && !strings.Contains(w, "closest first: "+c.closest) {
				t.Errorf("warnings %q: want the likely rename %s first", w, c.closest)
			}
			if !strings.Contains(w, c.hint) {
				t.Errorf("warnings %q: want %q", w, c.hint)
			}
			if l := log.all(); !strings.Contains(l, want) || !strings.Contains(l, "file="+c.path) {
				t.Errorf("log %q: want a WARN %q naming the file", l, want)
			}
			if n := queryInt(t, db, `SELECT count(*) FROM ingest_runs WHERE warnings LIKE '%' || $1 || '%'`, want); n != 1 {
				t.Errorf("ingest_runs: %d runs with the warning recorded, want 1", n)
			}
		})
	}
	// the exports as they were: nothing said
	db := openTemp(t)
	for _, p := range []string{
		renamedDemo(t, 40, "Tags", "Tags"),
		tempFile(t, "tickets.csv", tickets("Status", "Status")),
		tempFile(t, "survey.csv", strings.Replace(survey, "Feedback", "Comment", 1)),
	} {
		if res := mustIngest(t, db, p, Options{}); strings.Contains(res.Warnings(), "no column for") {
			t.Errorf("%s: warnings %q, want none of a missing column", p, res.Warnings())
		}
	}
}

// TestMissingColumnLoadedBefore: a column of a field that earlier loads of
// the same source read, which this file lacks, is warned of naming the
// latest such run, even for a field the metrics do not read (CFPB's
// "Submitted via"), or one a file may well lack (a survey's CSAT
// beside its NPS); a source whose loads never had it is told nothing.
func TestMissingColumnLoadedBefore(t *testing.T) {
	db := openTemp(t)
	mustIngest(t, db, renamedDemo(t, 40, "Tags", "Tags"), Options{})
	res := mustIngest(t, db, renamedDemo(t, 40, "Submitted via", ""), Options{})
	if w := res.Warnings(); !strings.Contains(w, "no column for channel") || !strings.Contains(w, "earlier loads of source cfpb read it (run 1 the latest)") {
		t.Errorf("channel dropped after run 1 had it: warnings %q", w)
	}
	both := tempFile(t, "both.csv", "Date,NPS,CSAT,Comment\n2026-11-28 15:32:00,9,5,ok\n")
	mustIngest(t, db, both, Options{Source: "s1"})
	nps := tempFile(t, "nps.csv", "Date,NPS,Comment\n2026-11-29 15:32:00,9,ok\n")
	if w := mustIngest(t, db, nps, Options{Source: "s1"}).Warnings(); !strings.Contains(w, "no column for csat") || !strings.Contains(w, "(run 3 the latest)") {
		t.Errorf("CSAT dropped after run 3 had it: warnings %q", w)
	}
	if w := mustIngest(t, db, nps, Options{Source: "s2"}).Warnings(); strings.Contains(w, "no column for") {
		t.Errorf("a source that never had CSAT: warnings %q, want none of a missing column", w)
	}
}

// TestSameContentWarned: a survey export re-delivered with another header
// (a column added, or the score's renamed) gives each response another ID,
// made of its values by column name (sql/content.sql), and loads them all
// as new: the QA pass's week of 180 responses again with a "Region"
// column doubled its nps_n, 178 to 356 (/tmp/qaAA/work/sc/
// survey_2026-11-30_extracol.csv). The IDs stay as they are (a warehouse's
// stored IDs would change); the run warns, counting them and naming the
// earlier run, its file and the columns their extra differ by. A new week,
// and two identical answers in one file, are told nothing.
func TestSameContentWarned(t *testing.T) {
	const week = "2026-11-28 15:32:00,9,easy to order,North\n2026-11-29 07:37:00,1,still waiting,South\n2026-11-29 08:00:00,10,,South\n"
	strip := func(s string) string { // without the last column
		var b strings.Builder
		for _, l := range strings.SplitAfter(s, "\n") {
			if i := strings.LastIndex(l, ","); i >= 0 {
				b.WriteString(l[:i] + "\n")
			}
		}
		return b.String()
	}
	db := openTemp(t)
	first := tempFile(t, "survey_w48.csv", "Date,NPS,Comment\n"+strip(week))
	if res := mustIngest(t, db, first, Options{Source: "s"}); res.Loaded != 3 || strings.Contains(res.Warnings(), "hold the values") {
		t.Fatalf("first load: %v, warnings %q", res, res.Warnings())
	}
	var log warnLog
	region := tempFile(t, "survey_w48_region.csv", "Date,NPS,Comment,Region\n"+week)
	res := mustIngest(t, db, region, Options{Source: "s", Log: slog.New(&log)})
	w := res.Warnings()
	for _, want := range []string{"3 responses loaded as new hold the values of responses stored by run 1 (" + first + ")", `"Region"`, "DELETE FROM surveys WHERE ingest_run_id = 2"} {
		if !strings.Contains(w, want) {
			t.Errorf("a column added: warnings %q, want %q", w, want)
		}
	}
	if !strings.Contains(log.all(), "3 responses loaded as new") {
		t.Errorf("log %q: want the warning", log.all())
	}
	renamed := tempFile(t, "survey_w48_renamed.csv", "Date,NPS score,Comment\n"+strip(week))
	if w := mustIngest(t, db, renamed, Options{Source: "s"}).Warnings(); !strings.Contains(w, "3 responses loaded as new hold the values of responses stored by run 1") {
		t.Errorf("the score renamed: warnings %q", w)
	}
	next := tempFile(t, "survey_w49.csv", "Date,NPS,Comment\n2026-12-01 10:00:00,9,fine\n2026-12-01 10:00:00,9,fine\n")
	if res := mustIngest(t, db, next, Options{Source: "s"}); res.Loaded != 2 || strings.Contains(res.Warnings(), "hold the values") {
		t.Errorf("a new week, one answer twice: %v, warnings %q; want 2 loaded, nothing said", res, res.Warnings())
	}
}

// TestFirstResponseDroppedWarned: a ticket export without a first
// response column is common (Zendesk's CSV has none), and is told only
// when an earlier load of the source read one (the QA feed's "First
// response time", /tmp/qaAA/work/feeds/tickets_*.csv).
func TestFirstResponseDroppedWarned(t *testing.T) {
	db := openTemp(t)
	without := func(s string) string { // the 7th column dropped
		var b strings.Builder
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			f := strings.Split(l, ",")
			b.WriteString(strings.Join(slices.Delete(f, 6, 7), ",") + "\n")
		}
		return b.String()
	}
	all := ticketsHeader + "\n" + strings.Join(ticketsRows, "\n") + "\n"
	if w := mustIngest(t, db, tempFile(t, "never.csv", without(all)), Options{Source: "never"}).Warnings(); strings.Contains(w, "no column for first_response_at") {
		t.Errorf("a source that never had a first response: warnings %q", w)
	}
	mustIngest(t, db, tempFile(t, "had.csv", all), Options{Source: "had"})
	if w := mustIngest(t, db, tempFile(t, "dropped.csv", without(all)), Options{Source: "had"}).Warnings(); !strings.Contains(w, "no column for first_response_at") || !strings.Contains(w, "(run 2 the latest)") {
		t.Errorf("first response dropped after run 2 read it: warnings %q", w)
	}
}

// TestMissingColumnAPIProfiles: the helpdesk APIs' profiles (zendesk,
// freshdesk, intercom) and the canonical one warn of a field whose column
// a file lacks, as the CFPB and tickets profiles do, when earlier loads of
// the source read it: a Zendesk export without the incremental export's
// metric set, a Freshdesk one without include=stats, Intercom's without
// the statistics, a canonical file whose status column was dropped each
// loaded every ticket with no resolution, open, without a word. Their
// column names are fixed (an API's fields, the canonical fields), and a
// file may lack one by its export's choice: a source that never had the
// field is told nothing.
func TestMissingColumnAPIProfiles(t *testing.T) {
	for _, c := range []struct {
		profile, with, without string
		field, looks           string // as the warning names them
	}{
		{"zendesk",
			`[{"id": 1, "created_at": "2026-11-24T21:34:00Z", "status": "solved", "requester_id": 5, "via": {"channel": "email"}, "description": "Bill too high", "metric_set": {"solved_at": "2026-11-25T10:00:00Z"}}]`,
			`[{"id": 2, "created_at": "2026-11-26T21:34:00Z", "status": "solved", "requester_id": 5, "via": {"channel": "email"}, "description": "Bill too high"}]`,
			"resolved_at", `"metric_set.solved_at"`},
		{"freshdesk",
			`[{"id": 1, "created_at": "2026-11-24T21:34:00Z", "status": 4, "requester_id": 5, "responder_id": 7, "description_text": "Bill too high", "stats": {"resolved_at": "2026-11-25T10:00:00Z"}}]`,
			`[{"id": 2, "created_at": "2026-11-26T21:34:00Z", "status": 4, "requester_id": 5, "responder_id": 7, "description_text": "Bill too high"}]`,
			"resolved_at", `"stats.resolved_at"`},
		{"intercom",
			`[{"id": "1", "created_at": 1795000000, "state": "closed", "source": {"type": "email", "body": "<p>Bill too high</p>", "author": {"id": "u1"}}, "statistics": {"last_close_at": 1795003600}}]`,
			`[{"id": "2", "created_at": 1795100000, "state": "closed", "source": {"type": "email", "body": "<p>Bill too high</p>", "author": {"id": "u1"}}, "admin_assignee_id": 7}]`,
			"resolved_at", `"statistics.last_close_at"`},
		{"canonical",
			"complaint_id,received_at,narrative,status\n1,2026-11-24 21:34:00,Bill too high,closed\n",
			"complaint_id,received_at,narrative\n2,2026-11-26 21:34:00,Bill too high\n",
			"status", `"status"`},
	} {
		t.Run(c.profile, func(t *testing.T) {
			ext := ".json"
			if c.profile == "canonical" {
				ext = ".csv"
			}
			with, without := tempFile(t, "with"+ext, c.with), tempFile(t, "without"+ext, c.without)
			want := "no column for " + c.field
			// a source that never had it: nothing said
			db := openTemp(t)
			if res := mustIngest(t, db, without, Options{Source: "s1"}); res.Profile != c.profile || strings.Contains(res.Warnings(), want) {
				t.Errorf("%s first: profile %s, warnings %q; want %s, none of a missing column", without, res.Profile, res.Warnings(), c.profile)
			}
			db = openTemp(t)
			if res := mustIngest(t, db, with, Options{Source: "s1"}); strings.Contains(res.Warnings(), "no column for") {
				t.Errorf("%s: warnings %q, want none of a missing column", with, res.Warnings())
			}
			var log warnLog
			res := mustIngest(t, db, without, Options{Source: "s1", Log: slog.New(&log)})
			w := res.Warnings()
			if !strings.Contains(w, want) || !strings.Contains(w, "profile "+c.profile+" looks for "+c.looks) || !strings.Contains(w, "earlier loads of source s1 read it (run 1 the latest)") {
				t.Errorf("%s after run 1 had it: warnings %q, want %q naming %s and run 1", without, w, want, c.looks)
			}
			if l := log.all(); !strings.Contains(l, want) {
				t.Errorf("log %q: want a WARN %q", l, want)
			}
		})
	}
}

// TestMissingColumnSourceColumn: a canonical file whose records name their
// own source (a source column) is told of a field its columns lack as a
// file of one source is: when earlier loads of a source among its records
// read it. The demo's helpdesk export (testdata/demo/synthetic), its
// first load into an empty warehouse, was told of 9 fields it never had
// (sub_product, sub_issue, company, ...: QA pass AF), because a file with
// a source column was told of every field it lacks.
func TestMissingColumnSourceColumn(t *testing.T) {
	const header = "complaint_id,source,received_at,narrative"
	db := openTemp(t)
	// the first load: no earlier load read anything
	first := tempFile(t, "first.csv", header+"\n1,a,2026-11-24 21:34:00,Bill too high\n2,b,2026-11-25 21:34:00,No signal\n")
	if w := mustIngest(t, db, first, Options{}).Warnings(); strings.Contains(w, "no column for") {
		t.Errorf("first load of a file with a source column: warnings %q, want none of a missing column", w)
	}
	// source a's loads read a status (run 2)
	mustIngest(t, db, tempFile(t, "status.csv", header+",status\n3,a,2026-11-26 21:34:00,Bill too high,closed\n"), Options{})
	// a file of source b alone: b's loads never had a status
	onlyB := tempFile(t, "only_b.csv", header+"\n4,b,2026-11-27 21:34:00,No signal\n")
	if w := mustIngest(t, db, onlyB, Options{}).Warnings(); strings.Contains(w, "no column for") {
		t.Errorf("a file of source b, whose loads never read a status: warnings %q, want none of a missing column", w)
	}
	// a file of sources a and b: a's loads read it
	both := tempFile(t, "both.csv", header+"\n5,b,2026-11-28 21:34:00,No signal\n6,a,2026-11-28 22:34:00,Bill too high\n")
	w := mustIngest(t, db, both, Options{}).Warnings()
	if !strings.Contains(w, "no column for status") || !strings.Contains(w, "earlier loads of source a read it (run 2 the latest)") {
		t.Errorf("a file of sources a and b after run 2 read a's status: warnings %q, want status named, with source a and run 2", w)
	}
	if n := strings.Count(w, "no column for"); n != 1 {
		t.Errorf("warnings %q: %d of a missing column, want 1 (status)", w, n)
	}
	// a record the strict reader cannot parse (a field too many): the
	// sources are read leniently, and the record rejected as before
	bad := tempFile(t, "bad.csv", header+"\n7,a,2026-11-29 21:34:00,Bill too high,extra\n8,a,2026-11-29 22:34:00,Bill too high\n")
	res := mustIngest(t, db, bad, Options{})
	if w := res.Warnings(); !strings.Contains(w, "no column for status") || !strings.Contains(w, "earlier loads of source a read it (run 2 the latest)") {
		t.Errorf("a file of source a with a malformed record: warnings %q, want status named, with source a and run 2", w)
	}
	if res.Loaded != 1 || res.Rejected != 1 {
		t.Errorf("a file of source a with a malformed record: %v, want 1 loaded, 1 rejected", res)
	}
}

// TestSameContentWrittenOtherwise: a survey with no ID column loaded as
// CSV, then the same responses as Parquet with the date a TIMESTAMP: the
// header is the same, but the content the IDs are made of reads
// "2018-04-11 20:09:00" where the CSV read "11/04/2018 20:09", and every
// response loads as new (QA pass AO: /tmp/qaAO/qa/nps.csv then
// nps_typed.parquet, 2,385 twice). The warning said the header changed;
// it says the values are written otherwise, the formats of the two files,
// and how to undo. The IDs stay as they are.
func TestSameContentWrittenOtherwise(t *testing.T) {
	m, err := ParseMapping([]byte("target: surveys\nsource: nps\ncolumns:\n  $content: response_id\n  Date: responded_at\n  NPS: nps\n  Comment: comment\ndates:\n  responded_at: \"%d/%m/%Y %H:%M\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	csv := tempFile(t, "nps.csv", "Date,NPS,Comment\n11/04/2018 20:09,7,fine\n01/05/2018 20:23,0,slow\n")
	if res := mustIngest(t, db, csv, Options{Mapping: m}); res.Loaded != 2 {
		t.Fatalf("CSV: %v, want 2 loaded", res)
	}
	typed := filepath.Join(t.TempDir(), "nps.parquet")
	if _, err := db.ExecContext(context.Background(), `COPY (SELECT * FROM (VALUES
		(TIMESTAMP '2018-04-11 20:09', 7, 'fine'), (TIMESTAMP '2018-05-01 20:23', 0, 'slow')) v("Date", "NPS", "Comment"))
		TO '`+typed+`' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	res := mustIngest(t, db, typed, Options{Mapping: m})
	w := res.Warnings()
	for _, want := range []string{"2 responses loaded as new hold the values of responses stored by run 1 (" + csv + ")",
		"no column was added or dropped", "written differently", "this file is Parquet, that run's CSV", "DELETE FROM surveys WHERE ingest_run_id = 2"} {
		if !strings.Contains(w, want) {
			t.Errorf("the same responses as Parquet: warnings %q, want %q", w, want)
		}
	}
	if strings.Contains(w, "another header") {
		t.Errorf("the same header: warnings %q, want no header blamed", w)
	}
}

// TestCustomersMissingColumn: a customers file without a column earlier
// loads read loads, and warns as a complaints file does. The customers
// table has no source, and the look for earlier loads grouped by one: a
// file of customer_id and segment alone failed ("Referenced column source
// not found", found by a helper in a QA pass).
func TestCustomersMissingColumn(t *testing.T) {
	db := openTemp(t)
	plain := tempFile(t, "customers.ndjson", `{"customer_id":"c1","segment":"gold"}`+"\n"+`{"customer_id":"c2","segment":"silver"}`+"\n")
	if res := mustIngest(t, db, plain, Options{}); res.Loaded != 2 {
		t.Fatalf("customers of customer_id and segment: %+v, want 2 loaded", res.counts())
	}
	mustIngest(t, db, tempFile(t, "since.ndjson", `{"customer_id":"c1","segment":"gold","since":"2020-01-01"}`+"\n"), Options{})
	res := mustIngest(t, db, plain, Options{})
	if want := (counts{2, 0, 0, 2, 0}); res.counts() != want {
		t.Errorf("the first file again: %+v, want %+v", res.counts(), want)
	}
	if w := res.Warnings(); !strings.Contains(w, "no column for since") || !strings.Contains(w, "earlier loads read it (run 2 the latest)") {
		t.Errorf("warnings %q: want the missing since named, with the run that read it", w)
	}
}
