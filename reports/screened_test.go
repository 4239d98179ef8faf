package reports

import (
	"context"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

// screenedComplaints is a helpdesk of six complaints, each received on a
// weekday of March 2024 and answered an hour later, as classify leaves
// them (classify reads the flags from English text only, and writes them
// false for the rest: a QA pass's Portuguese, Spanish and German
// helpdesk):
//   - e1, English, threatens legal action and is urgent; open;
//   - e2, English, neither; closed;
//   - p1, Portuguese ("preciso urgente ... vou acionar o Procon"), open:
//     topic other, no sentiment, no flag;
//   - w1, "!!!": no words, language undetermined ("und"); closed;
//   - n1, no narrative: topic from product and issue; closed;
//   - x1, not classified yet; open.
//
// Every complaint has a customer (the executive page's churn signals).
var screenedComplaints = []string{
	`INSERT INTO complaints (complaint_id, source, received_at, customer_id, narrative, status, first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
	('e1', 'hd', TIMESTAMP '2024-03-04 09:00', 'c1', 'I will sue, the gas leak is urgent', 'open', TIMESTAMP '2024-03-04 10:00', NULL, 1, 1),
	('e2', 'hd', TIMESTAMP '2024-03-05 09:00', 'c2', 'My bill is wrong', 'closed', TIMESTAMP '2024-03-05 10:00', TIMESTAMP '2024-03-06 09:00', 1, 2),
	('p1', 'hd', TIMESTAMP '2024-03-06 09:00', 'c3', 'Preciso urgente de ajuda, vou acionar o Procon', 'open', TIMESTAMP '2024-03-06 10:00', NULL, 1, 3),
	('w1', 'hd', TIMESTAMP '2024-03-07 09:00', 'c4', '!!!', 'closed', TIMESTAMP '2024-03-07 10:00', TIMESTAMP '2024-03-08 09:00', 1, 4),
	('n1', 'hd', TIMESTAMP '2024-03-08 09:00', 'c5', NULL, 'closed', TIMESTAMP '2024-03-08 10:00', TIMESTAMP '2024-03-09 09:00', 1, 5),
	('x1', 'hd', TIMESTAMP '2024-03-11 09:00', 'c6', 'Still waiting', 'open', TIMESTAMP '2024-03-11 10:00', NULL, 1, 6)`,
	`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, narrative_redacted, model, classified_at) VALUES
	('hd', 'e1', 'service', false, true, true, 'en', 'I will sue, the gas leak is urgent', 'm', TIMESTAMP '2024-03-20'),
	('hd', 'e2', 'billing', false, false, false, 'en', 'My bill is wrong', 'm', TIMESTAMP '2024-03-20'),
	('hd', 'p1', 'other', false, false, false, 'pt', 'Preciso urgente de ajuda, vou acionar o Procon', 'm', TIMESTAMP '2024-03-20'),
	('hd', 'w1', 'other', false, false, false, 'und', '!!!', 'm', TIMESTAMP '2024-03-20'),
	('hd', 'n1', 'billing', false, false, false, NULL, NULL, 'm', TIMESTAMP '2024-03-20')`,
}

// screenedAsOf is the report date of screenedComplaints: Sunday 2024-03-24.
var screenedAsOf = time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC)

// urgentRowRE is a row of the audit's table of urgent complaints against
// the others: its flag and its count of complaints.
var urgentRowRE = regexp.MustCompile(`<tr><td dir="auto">((?:not )?(?:urgent|screened))</td><td class="num">(?:<a href="[^"]*">)?(\d+)<`)

// TestAuditNotScreened: a complaint whose text classify did not read for
// the flags (not in English, no words, no narrative, not classified) is
// neither flagged nor counted as not flagged. The audit counted every
// classified complaint without a flag as "not urgent" and said "0
// complaints threatening legal action" of a Portuguese export with no
// caveat, though 509 of its 510 were never screened (QA). Counted by hand
// from screenedComplaints: urgent e1; not urgent e2 (before: e2, p1, w1
// and n1, 4); not screened p1, w1, n1 and x1, each with its reason.
func TestAuditNotScreened(t *testing.T) {
	dir := reportsOf(t, screenedAsOf, screenedComplaints...)
	page := withoutAria(readPage(t, dir, "audit.html"))
	rows := map[string]string{}
	for _, m := range urgentRowRE.FindAllStringSubmatch(page, -1) {
		rows[m[1]] = m[2]
	}
	for flag, want := range map[string]string{"urgent": "1", "not urgent": "1", "not screened": "4"} {
		if rows[flag] != want {
			t.Errorf("audit.html: urgent table row %q counts %q complaints, want %s (rows %v)", flag, rows[flag], want, rows)
		}
	}
	pageHas(t, "audit.html", html.UnescapeString(page), []string{
		`<a href="ids/audit-legal-not-screened.csv">4</a></div><div class="label">complaints not screened for legal threats</div>`,
		`<a href="ids/audit-urgent-not-screened.csv">4</a></div><div class="label">complaints not screened for urgency</div>`,
		"1 not in English, 1 whose language could not be determined, 1 with no narrative, 1 not classified yet",
	}, nil)
	sameIDs(t, dir, "audit-legal", "e1")
	sameIDs(t, dir, "audit-urgent", "e1")
	sameIDs(t, dir, "audit-legal-not-screened", "n1", "p1", "w1", "x1")
	sameIDs(t, dir, "audit-urgent-not-screened", "n1", "p1", "w1", "x1")
	recs := readCSV(t, filepath.Join(dir, "ids", "audit-legal-not-screened.csv"))
	why := map[string]string{}
	id, reason := slices.Index(recs[0], "complaint_id"), slices.Index(recs[0], "why")
	if reason < 0 {
		t.Fatalf("ids/audit-legal-not-screened.csv has no column why: %v", recs[0])
	}
	for _, r := range recs[1:] {
		why[r[id]] = r[reason]
	}
	for id, want := range map[string]string{"p1": "not in English", "w1": "language not determined",
		"n1": "no narrative", "x1": "not classified yet"} {
		if why[id] != want {
			t.Errorf("ids/audit-legal-not-screened.csv: %s why = %q, want %q", id, why[id], want)
		}
	}
}

// TestAuditAllScreened: where classify read every complaint's text, the
// audit shows no "not screened" figure or row (the fixture: every
// complaint but H3, unclassified, and H4, with no narrative, is screened:
// the same warehouse less those two).
func TestAuditAllScreened(t *testing.T) {
	page, _ := pageWith(t, "audit.html",
		`DELETE FROM complaints WHERE complaint_id IN ('H3', 'H4')`,
		`DELETE FROM classifications WHERE complaint_id IN ('H3', 'H4')`)
	pageHas(t, "audit.html", page, []string{"<td dir=\"auto\">not urgent</td>"}, []string{"not screened"})
}

// TestExecutiveChurnNotScreened: the executive page's churn signals read
// cancel or switch intent and sentiment from English text only; it says
// how many of the complaints of customers were not screened (of
// screenedComplaints: p1, w1, n1 and x1, all with a customer).
func TestExecutiveChurnNotScreened(t *testing.T) {
	dir := reportsOf(t, screenedAsOf, screenedComplaints...)
	pageHas(t, "executive.html", html.UnescapeString(readPage(t, dir, "executive.html")), []string{
		"4 complaints of customers were not screened for cancel or switch intent or sentiment (1 not in English, 1 whose language could not be determined, 1 with no narrative, 1 not classified yet)",
	}, nil)
}

// TestWeeklyOtherAlertNotEnglish: an alert on topic other says how many of
// its complaints are other because classify did not read their text (a
// QA pass: "spike topic other 79 vs 17.0", 66 of them Portuguese, with
// nothing beside it to say so). Of screenedComplaints' week of 03-04 the
// topic other holds p1 (Portuguese) and w1 (no words): 2 of 2.
func TestWeeklyOtherAlertNotEnglish(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	for _, q := range screenedComplaints {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	ratio := 4.0
	an := &Analytics{Tests: 10, Alerts: []trend.Alert{
		{Kind: "spike", Dimension: "topic", Group: "other", PeriodStart: "2024-03-04", Observed: 2, Expected: 0.5, Ratio: &ratio,
			PValue: 0.001, QValue: 0.01, Method: "fixture", Evidence: []string{"p1", "w1"}},
	}}
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir, AsOf: screenedAsOf, Analytics: an}); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(readPage(t, dir, "weekly.html"))
	want := "Topic other in the week of 2024-03-04: 2 of its 2 complaints are other because classify did not read their text (1 not in English, 1 whose language could not be determined)"
	if got := len(regexp.MustCompile(regexp.QuoteMeta(want)).FindAllString(page, -1)); got != 2 {
		// once in the alerts in brief, once under the full table
		t.Errorf("weekly.html says %q %d times, want 2", want, got)
	}
}
