package ingest

import (
	"context"
	"testing"
)

// TestStatusDeletedSpam: a ticket a helpdesk deleted, or marked as spam
// (Zendesk's incremental export gives such tickets the status "deleted";
// a CSV export or a canonical file may write Deleted or Spam), is stored
// closed, as a cancelled one is: no longer open, it leaves the backlog
// and its ageing, which it swelled for good while its status was kept as
// written and read as open (QA pass). Stored, not rejected: a ticket
// loaded open and deleted since is updated closed; a reject would have
// left it open. Its resolution time is the export's (none here): closed
// is not a resolution the file gives.
func TestStatusDeletedSpam(t *testing.T) {
	db := openTemp(t)
	status := func(source, id string) string {
		t.Helper()
		var s string
		if err := db.QueryRowContext(context.Background(), `SELECT coalesce(status, '-') || ' ' || coalesce(strftime(resolved_at, '%Y-%m-%d'), '-') FROM complaints
			WHERE source = ? AND complaint_id = ?`, source, id).Scan(&s); err != nil {
			t.Fatalf("%s %s: %v", source, id, err)
		}
		return s
	}
	// Zendesk's API: ticket 2 first open, then deleted
	open := tempFile(t, "zendesk_1.json", `[{"id": 1, "created_at": "2026-11-24T21:34:00Z", "status": "open", "requester_id": 5, "via": {"channel": "email"}, "description": "Bill too high"},
		{"id": 2, "created_at": "2026-11-24T22:00:00Z", "status": "new", "requester_id": 6, "via": {"channel": "email"}, "description": "WIN A PRIZE"}]`)
	deleted := tempFile(t, "zendesk_2.json", `[{"id": 2, "created_at": "2026-11-24T22:00:00Z", "status": "deleted", "requester_id": 6, "via": {"channel": "email"}, "description": "WIN A PRIZE"}]`)
	if res := mustIngest(t, db, open, Options{}); res.Profile != "zendesk" || res.Loaded != 2 {
		t.Fatalf("%v, want profile zendesk, 2 loaded", res)
	}
	if res := mustIngest(t, db, deleted, Options{}); res.Updated != 1 {
		t.Fatalf("%v, want 1 updated", res)
	}
	if got := status("zendesk", "1") + ", " + status("zendesk", "2"); got != "open -, closed -" {
		t.Errorf("zendesk tickets 1, 2: %q, want open, then closed with no resolution time", got)
	}
	// a ticket export (tickets profile) and a canonical file
	tickets := tempFile(t, "tickets.csv", "Ticket ID,Subject,Description,Status,Group,Created time\n"+
		"11,a,a,Deleted,Billing,2026-11-24 21:34:00\n"+
		"12,b,b,SPAM,Billing,2026-11-24 21:34:00\n"+
		"13,c,c,Open,Billing,2026-11-24 21:34:00\n")
	if res := mustIngest(t, db, tickets, Options{}); res.Profile != "tickets" || res.Loaded != 3 {
		t.Fatalf("%v, want profile tickets, 3 loaded", res)
	}
	canonical := tempFile(t, "canonical.csv", "complaint_id,received_at,narrative,status\n21,2026-11-24 21:34:00,x,spam\n22,2026-11-24 21:34:00,x,deleted\n")
	if res := mustIngest(t, db, canonical, Options{Source: "canon"}); res.Profile != "canonical" || res.Loaded != 2 {
		t.Fatalf("%v, want profile canonical, 2 loaded", res)
	}
	for _, c := range []struct{ source, id, want string }{
		{"tickets", "11", "closed -"}, {"tickets", "12", "closed -"}, {"tickets", "13", "Open -"},
		{"canon", "21", "closed -"}, {"canon", "22", "closed -"},
	} {
		if got := status(c.source, c.id); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.source, c.id, got, c.want)
		}
	}
}
