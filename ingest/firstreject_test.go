package ingest

import (
	"context"
	"strings"
	"testing"
)

// TestFirstRejectAfterReplies: the summary's first reject is the first
// real one. Replies sit in rejects with the reason "reply" until
// applyReplies keeps those that answer nothing, saying why, and drops the
// others; the first reason was read before, so that a QA pass
// (twcs_head5000.csv with its mapping) saw "first: record 1, reply" where
// the rejects' first row was record 74, "empty, so the reply answers no
// complaint", and a file of replies alone failed with "every one of its 2
// records rejected (first: record 1, reply)".
func TestFirstRejectAfterReplies(t *testing.T) {
	m, err := ParseMapping([]byte(repliesMapping))
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	// a complaint, a reply answering it, a reply answering nothing
	res := mustIngest(t, db, tempFile(t, "thread.csv", "id,kind,when,text,to\n"+
		"1,in,2024-03-01 09:00:00,card declined,\n"+
		"2,out,2024-03-01 09:30:00,sorry to hear,1\n"+
		"3,out,2024-03-01 11:00:00,hello all,\n"), Options{Mapping: m})
	if got, want := res.counts(), (counts{3, 1, 1, 0, 1}); got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	const want = "record 3, field to (the complaint replied to): empty, so the reply answers no complaint"
	if res.FirstReject != want {
		t.Errorf("first reject %q, want %q", res.FirstReject, want)
	}

	// every record rejected: the error says why, not "reply"
	all := tempFile(t, "replies.csv", "id,kind,when,text,to\n"+
		"4,out,2024-03-01 11:00:00,who?,99\n"+
		"5,out,2024-03-01 11:00:00,hello,\n")
	res, err = File(context.Background(), db, all, Options{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	const wantAll = "record 1, field to (the complaint replied to): no complaint of source 'thread' has ID '99'"
	if !res.AllRejected() || res.FirstReject != wantAll {
		t.Errorf("all rejected %v, first reject %q; want %q", res.AllRejected(), res.FirstReject, wantAll)
	}
	if strings.Contains(res.String(), ", reply;") {
		t.Errorf("summary %q names the placeholder reason", res.String())
	}
}
