package ingest

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

// followUpsMapping reads a thread export whose customers write again in
// their threads: repliesMapping's, with the customer in "who" and
// follow-ups read.
var followUpsMapping = strings.Replace(repliesMapping, "  text: narrative\n", "  text: narrative\n  who: customer_id\n", 1) +
	"  follow_ups: true\n"

// TestFollowUps: a customer's later messages in a thread are part of the
// complaint the thread began with. The threads, counts and texts are
// worked out by hand (a reply to a message the file lacks, 99, is the
// one reject):
//
//	1 (ann)  "card declined"           begins a thread
//	2 (out)  answers 1                 its first response, 09:10
//	3 (ann)  answers 2                 a follow-up of 1
//	4 (bob)  answers 2                 another customer: a complaint of bob's
//	5 (ann)  answers 4                 ann again, through bob's message: a follow-up of 1
//	6 (cat)  answers 99                a message the file lacks: a complaint
//	7 (dan)  answers 8, 8 (dan) answers 7: a circle, no thread begins: two complaints
//	9 (eve)  "fee", 10 (eve) answers 9 (her own), 11 (out) answers 10:
//	         the reply to a follow-up is 9's first response, 09:40
//	4 (out)  answers 99, first in the file: a reply with the ID of bob's
//	         complaint, which 5's walk goes through, not the reply
func TestFollowUps(t *testing.T) {
	m, err := ParseMapping([]byte(followUpsMapping))
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	body := "id,kind,who,when,text,to\n" +
		"4,out,bank,2024-03-01 08:00:00,hello,99\n" + // a reply with bob's complaint's ID: 5 walks through the complaint
		"1,in,ann,2024-03-01 09:00:00,card declined,\n" +
		"2,out,bank,2024-03-01 09:10:00,please DM us,1.0\n" +
		"3,in,ann,2024-03-01 09:20:00,done,2\n" +
		"4,in,bob,2024-03-01 09:25:00,same here,2\n" +
		"5,in,ann,2024-03-01 09:30:00,still declined,4\n" +
		"6,in,cat,2024-03-01 09:00:00,no signal,99\n" +
		"7,in,dan,2024-03-01 09:00:00,one,8\n" +
		"8,in,dan,2024-03-01 09:05:00,two,7\n" +
		"9,in,eve,2024-03-01 09:00:00,fee,\n" +
		"10,in,eve,2024-03-01 09:15:00,a late fee,9\n" +
		"11,out,bank,2024-03-01 09:40:00,refunded,10\n"
	first := tempFile(t, "thread.csv", body)
	res := mustIngest(t, db, first, Options{Mapping: m})
	// complaints 1, 4, 6, 7, 8, 9 loaded; follow-ups 3, 5, 10 and the
	// replies 2 and 11 (each setting a first response) updated
	if got, want := res.counts(), (counts{12, 6, 5, 0, 1}); got != want {
		t.Errorf("file = %+v, want %+v", got, want)
	}
	if res.FollowUps != 3 || res.Replies != 3 || res.Responses != 2 {
		t.Errorf("follow-ups %d, replies %d, responses %d, want 3, 3 and 2", res.FollowUps, res.Replies, res.Responses)
	}
	if !strings.Contains(res.String(), "; 3 records read as replies, 2 setting a complaint's first response; 3 as customers' follow-ups") {
		t.Errorf("reconciliation line %q does not count the replies and follow-ups", res.String())
	}
	if got, want := (Result{FollowUps: 2}).repliesRead(), "2 as customers' follow-ups, added to the complaints their threads began with"; got != want {
		t.Errorf("follow-ups alone: %q, want %q", got, want)
	}
	wantText := map[string]string{
		"1": "card declined\n\ndone\n\nstill declined",
		"4": "same here",
		"6": "no signal",
		"7": "one",
		"8": "two",
		"9": "fee\n\na late fee",
	}
	if got := byComplaint(t, db, "narrative"); !maps.Equal(got, wantText) {
		t.Errorf("narratives = %q, want %q", got, wantText)
	}
	if got := firstResponses(t, db); got["1"] != "09:10" || got["9"] != "09:40" || got["4"] != "" {
		t.Errorf("first responses = %v, want 1 at 09:10, 9 at 09:40 (a reply to its follow-up), 4 none", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM rejects WHERE reason NOT LIKE 'record 1, %no complaint of source ''thread'' has ID ''99'''`); n != 0 {
		t.Errorf("%d rejects other than the reply to 99", n)
	}

	// The file again: every record a duplicate, the texts as they were.
	if got, want := mustIngest(t, db, first, Options{Mapping: m}).counts(), (counts{12, 0, 0, 11, 1}); got != want {
		t.Errorf("file again = %+v, want %+v", got, want)
	}
	if got := byComplaint(t, db, "narrative"); !maps.Equal(got, wantText) {
		t.Errorf("after the file again, narratives = %q, want %q", got, wantText)
	}

	// A later export of the thread with one more of ann's messages: her
	// complaint is updated, with its follow-ups; the rest are duplicates.
	later := tempFile(t, "later.csv", body+"12,in,ann,2024-03-01 09:45:00,thanks,5\n")
	if got, want := mustIngest(t, db, later, Options{Mapping: m}).counts(), (counts{13, 0, 4, 8, 1}); got != want {
		t.Errorf("later export = %+v, want %+v", got, want)
	}
	if got := byComplaint(t, db, "narrative")["1"]; got != "card declined\n\ndone\n\nstill declined\n\nthanks" {
		t.Errorf("ann's complaint after the later export = %q", got)
	}
	if got := firstResponses(t, db)["1"]; got != "09:10" {
		t.Errorf("ann's first response after the update = %q, want it kept (09:10)", got)
	}
}

// TestThreadExport: the generated export of BenchmarkIngestThreads, 2,000
// conversations of five messages (customer, company, customer, company,
// customer, each answering the one before). Without follow-ups each
// customer message is a complaint (6,000) and each company message sets
// the first response of the one it answers (4,000 updated); with them a
// conversation is one complaint (2,000), its two later customer messages
// follow-ups (4,000 updated), its first reply the first response (2,000
// updated) and the second, answering a follow-up, later (2,000 duplicate).
func TestThreadExport(t *testing.T) {
	m, err := LoadMapping(filepath.Join("..", "testdata", "mappings", "twcs-head-sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := threadExport(t, 2000)
	for _, tt := range []struct {
		followUps bool
		want      counts
	}{
		{false, counts{10000, 6000, 4000, 0, 0}},
		{true, counts{10000, 2000, 4000 + 2000, 2000, 0}},
	} {
		db := openTemp(t)
		if got := mustIngest(t, db, path, Options{Mapping: withFollowUps(m, tt.followUps)}).counts(); got != tt.want {
			t.Errorf("follow-ups %v: %+v, want %+v", tt.followUps, got, tt.want)
		}
		want := int64(4000) // every customer message before a reply
		if tt.followUps {
			want = 2000 // every conversation
		}
		if n := queryInt(t, db, `SELECT count(first_response_at) FROM complaints WHERE first_response_at = received_at + INTERVAL 1 MINUTE`); n != want {
			t.Errorf("follow-ups %v: %d complaints answered a minute later, want %d", tt.followUps, n, want)
		}
	}
}

// TestFollowUpsAcrossFiles: a weekly feed splits a conversation between
// two files. The second week's messages answering the first week's find
// their complaint through the IDs the first run stored (thread_messages).
// Worked by hand:
//
//	week 1: 1 (ann) "card declined"; 2 (out) answers 1, its first response
//	        09:10; 3 (ann) answers 2, a follow-up; 4 (out) answers 3, a
//	        later reply (duplicate); 5 (bob) "no signal"
//	week 2: 6 (ann) answers 4, the stored reply: a follow-up of 1
//	        7 (out) answers 6: a later reply to 1 (duplicate)
//	        8 (ann) answers 7: a follow-up of 6, so of 1
//	        9 (bob) answers 3, ann's stored follow-up: not bob's thread, a complaint
//	        10 (out) answers 5, stored: bob's first response, 09:20
//	        11 (out) answers 2, a stored reply: a later reply to 1 (duplicate)
//	        12 (cat) answers 99, a message nobody holds: a complaint
//	        13 (out) answers 77, nobody's: rejected
func TestFollowUpsAcrossFiles(t *testing.T) {
	m, err := ParseMapping([]byte(followUpsMapping))
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	const head = "id,kind,who,when,text,to\n"
	week1 := tempFile(t, "week1.csv", head+
		"1,in,ann,2024-03-01 09:00:00,card declined,\n"+
		"2,out,bank,2024-03-01 09:10:00,please DM us,1\n"+
		"3,in,ann,2024-03-01 09:20:00,done,2\n"+
		"4,out,bank,2024-03-01 09:30:00,we see it,3\n"+
		"5,in,bob,2024-03-01 10:00:00,no signal,\n")
	week2 := tempFile(t, "week2.csv", head+
		"6,in,ann,2024-03-08 09:00:00,still declined,4\n"+
		"7,out,bank,2024-03-08 09:05:00,fixed now,6\n"+
		"8,in,ann,2024-03-08 09:10:00,thanks,7\n"+
		"9,in,bob,2024-03-08 09:00:00,me too,3\n"+
		"10,out,bank,2024-03-08 09:20:00,on it,5\n"+
		"11,out,bank,2024-03-08 09:30:00,sorry,2\n"+
		"12,in,cat,2024-03-08 09:00:00,hello,99\n"+
		"13,out,bank,2024-03-08 09:40:00,hi,77\n")
	if got, want := mustIngest(t, db, week1, Options{Mapping: m}).counts(), (counts{5, 2, 2, 1, 0}); got != want {
		t.Errorf("week 1 = %+v, want %+v", got, want)
	}
	// ann's complaint classified after week 1: week 2 changes its text, so
	// the classification must go
	if _, err := db.ExecContext(context.Background(), `INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
		SELECT source, complaint_id, 'other', false, false, false, 'test', TIMESTAMP '2024-03-02' FROM complaints`); err != nil {
		t.Fatal(err)
	}
	res := mustIngest(t, db, week2, Options{Mapping: m})
	if got, want := res.counts(), (counts{8, 2, 3, 2, 1}); got != want {
		t.Errorf("week 2 = %+v, want %+v", got, want)
	}
	if res.FollowUps != 2 {
		t.Errorf("week 2 follow-ups = %d, want 2 (6 and 8)", res.FollowUps)
	}
	wantText := map[string]string{
		"1":  "card declined\n\ndone\n\nstill declined\n\nthanks",
		"5":  "no signal",
		"9":  "me too",
		"12": "hello",
	}
	if got := byComplaint(t, db, "narrative"); !maps.Equal(got, wantText) {
		t.Errorf("narratives = %q, want %q", got, wantText)
	}
	if got := firstResponses(t, db); got["1"] != "09:10" || got["5"] != "09:20" || got["9"] != "" {
		t.Errorf("first responses = %v, want 1 at 09:10, 5 at 09:20, 9 none", got)
	}
	if got := byComplaint(t, db, `coalesce((SELECT topic FROM classifications k WHERE k.complaint_id = complaints.complaint_id), 'none')`); got["1"] != "none" || got["5"] != "other" {
		t.Errorf("classifications after week 2 = %v, want ann's gone (her text changed), bob's kept", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM rejects WHERE run_id = 2 AND reason LIKE 'record 8, %no complaint of source ''thread'' has ID ''77'''`); n != 1 {
		t.Errorf("the reply to 77 is not the one reject of week 2 (%d)", n)
	}

	// Week 2 again, then week 1 again: duplicates, the texts as they were
	// (week 1's complaint keeps the row hash of its own record).
	if got, want := mustIngest(t, db, week2, Options{Mapping: m}).counts(), (counts{8, 0, 0, 7, 1}); got != want {
		t.Errorf("week 2 again = %+v, want %+v", got, want)
	}
	if got, want := mustIngest(t, db, week1, Options{Mapping: m}).counts(), (counts{5, 0, 0, 5, 0}); got != want {
		t.Errorf("week 1 again = %+v, want %+v", got, want)
	}
	if got := byComplaint(t, db, "narrative"); !maps.Equal(got, wantText) {
		t.Errorf("after both weeks again, narratives = %q, want %q", got, wantText)
	}
}
