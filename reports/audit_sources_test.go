package reports

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The tests of this file hold faults an exploratory QA pass found in the
// audit page (an internal auditor, ISO 10002-style, reproducing its
// figures from a warehouse of a helpdesk, the CFPB sample, support tweets
// and Comcast's complaints); each failed before its mend.

// tableOf returns the rows of the page's table captioned caption, its
// header first, each cell's text without its markup; nil when the page
// has no such table.
func tableOf(page, caption string) [][]string {
	_, rest, ok := strings.Cut(page, "<caption>"+html.EscapeString(caption)+"</caption>")
	if !ok {
		return nil
	}
	return cellRows(rest)
}

// cellRows returns the rows of the table that s starts inside of, up to
// its end, each cell's text without its markup.
func cellRows(s string) [][]string {
	s, _, _ = strings.Cut(s, "</table>")
	var rows [][]string
	for _, tr := range strings.Split(s, "<tr>")[1:] {
		var row []string
		for _, m := range cellRE.FindAllStringSubmatch(tr, -1) {
			row = append(row, html.UnescapeString(tagRE.ReplaceAllString(m[1], "")))
		}
		rows = append(rows, row)
	}
	return rows
}

// cellRE is a header or body cell (periodcells_test.go's tagRE strips
// its markup).
var cellRE = regexp.MustCompile(`<t[hd][^>]*>(.*?)</t[hd]>`)

// sameTable fails the test unless the page's table captioned caption holds
// want, its header first.
func sameTable(t *testing.T, page, caption string, want ...[]string) {
	t.Helper()
	got := tableOf(page, caption)
	if got == nil {
		t.Errorf("audit.html: no table %q", caption)
		return
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("audit.html table %q:\n got %q\nwant %q", caption, got, want)
	}
}

// TestAuditBySource: the summary's acknowledgement, resolution and SLA
// figures pooled every source (QA: "acknowledged within target 88.6%,
// 1,590 of 1,795" was 1,337 of 1,490 tweets and 253 of 305 tickets), and
// the urgent section compared urgent complaints with the others across
// sources: urgent median first response 8.0 h against 0.4 h, urgent
// "20 times slower", only because tweets (answered in minutes, few
// urgent) and tickets (in a day or more) were mixed; within the helpdesk
// the medians were the same. With more than one source the page now gives
// each source's figures, and judges "answered first?" within each.
//
// As of Friday 2024-04-12, every complaint received Monday 2024-03-04
// 09:00:
//   - desk (a helpdesk): D1 and D2 urgent, D3 and D4 not, each answered in
//     30 hours and resolved in 48; D5 not urgent, answered in 144 hours
//     (111 working hours: missed), resolved in 200;
//   - tw (tweets, first responses only): T6 urgent, T1-T5 not, each
//     answered in 12 minutes (0.2 h).
//
// Pooled, the urgent median is 30 hours against 0.2 for the others (the
// QA's reversal in small); within each source they are the same.
func TestAuditBySource(t *testing.T) {
	asOf := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	_, dir := auditOf(t, asOf,
		`INSERT INTO complaints (complaint_id, source, received_at, status, first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
		('D1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-05 15:00', TIMESTAMP '2024-03-06 09:00', 1, 1),
		('D2', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-05 15:00', TIMESTAMP '2024-03-06 09:00', 1, 2),
		('D3', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-05 15:00', TIMESTAMP '2024-03-06 09:00', 1, 3),
		('D4', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-05 15:00', TIMESTAMP '2024-03-06 09:00', 1, 4),
		('D5', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-10 09:00', TIMESTAMP '2024-03-12 17:00', 1, 5),
		('T1', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 6),
		('T2', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 7),
		('T3', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 8),
		('T4', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 9),
		('T5', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 10),
		('T6', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 11)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, model, classified_at) VALUES
		('desk', 'D1', 'outage', false, false, true, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('desk', 'D2', 'outage', false, false, true, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('desk', 'D3', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('desk', 'D4', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('desk', 'D5', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('tw', 'T1', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('tw', 'T2', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('tw', 'T3', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('tw', 'T4', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('tw', 'T5', 'billing', false, false, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('tw', 'T6', 'outage', false, false, true, 'en', 'fixture', TIMESTAMP '2024-04-12')`)
	page := readPage(t, dir, "audit.html")
	// (a column's numbers are written with as many decimals as the most
	// rounded of them has: 80 beside 100, 30.0 beside 0.2)
	// the pooled headline stays (10 of 11: 4 of 5 tickets and 6 of 6
	// tweets), each source's beside it
	pageHas(t, "audit.html", html.UnescapeString(page), []string{"10 of 11 due; 1 missed"}, nil)
	sameTable(t, page, "Acknowledgement within target, by source",
		[]string{"source", "complaints", "not judged", "due", "met", "missed", "acknowledged late", "not acknowledged", "open, not yet due", "met %", "median hours to first response"},
		[]string{"desk", "5", "0", "5", "4", "1", "1", "0", "0", "80", "30.0"},
		[]string{"tw", "6", "0", "6", "6", "0", "0", "0", "0", "100", "0.2"})
	// tweets record no resolution: none judged
	sameTable(t, page, "Resolution within target, by source",
		[]string{"source", "complaints", "not judged", "due", "met", "missed", "open, not yet due", "met %", "median hours to resolution"},
		[]string{"desk", "5", "0", "5", "5", "0", "0", "100", "48"},
		[]string{"tw", "6", "6", "0", "0", "0", "0", "n/a", "n/a"})
	sameTable(t, page, "SLA met (both targets), by source",
		[]string{"source", "complaints", "not judged", "judged", "met", "missed", "open, not yet due", "met %"},
		[]string{"desk", "5", "0", "5", "4", "1", "0", "80"},
		[]string{"tw", "6", "6", "0", "0", "0", "0", "n/a"})
	// urgent against the others of their own source: no pooled row of
	// urgent 30 hours against 0.2
	sameTable(t, page, "Urgent complaints against the other screened ones of their source",
		[]string{"flag", "source", "complaints", "acknowledgement due", "acknowledged in target %", "median hours to first response",
			"resolution due", "resolved in target %", "still open"},
		[]string{"urgent", "desk", "2", "2", "100.0", "30.0", "2", "100", "0"},
		[]string{"not urgent", "desk", "3", "3", "66.7", "30.0", "3", "100", "0"},
		// tweets record neither a status nor a resolution date: which
		// are open is not known (TestAuditStillOpenUnknown)
		[]string{"urgent", "tw", "1", "1", "100.0", "0.2", "0", "n/a", "n/a"},
		[]string{"not urgent", "tw", "5", "5", "100.0", "0.2", "0", "n/a", "n/a"})
	sameTable(t, page, "Answered first? Urgent complaints against the others of their source",
		[]string{"source", "urgent: median hours to first response", "others: median hours to first response", "answered first?"},
		[]string{"desk", "30.0", "30.0", "no: the same median"},
		[]string{"tw", "0.2", "0.2", "no: the same median"})
}

// TestAuditResponseAfterResolution: a ticket resolved 4 hours after its
// receipt whose first response is recorded 9 days later (QA: tickets
// 1249-1254) is acknowledged by its resolution (README: by the first of
// the response and the resolution; the rule stays), in 4 hours, but the
// page said nothing of the response recorded after the resolution. It is
// listed now, beside the times recorded before the receipt.
//
// As of 2024-04-12: A1 received Mon 2024-03-04 09:00, resolved 13:00,
// answered 03-13 09:00; A2 answered in an hour and resolved in two days;
// A3 resolved 4 hours after its receipt and answered after the report
// date (not known then).
func TestAuditResponseAfterResolution(t *testing.T) {
	asOf := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	_, dir := auditOf(t, asOf,
		`INSERT INTO complaints (complaint_id, source, received_at, status, first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
		('A1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-13 09:00', TIMESTAMP '2024-03-04 13:00', 1, 1),
		('A2', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-06 09:00', 1, 2),
		('A3', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-04-20 09:00', TIMESTAMP '2024-03-04 13:00', 1, 3)`)
	sameIDs(t, dir, "audit-response-after-resolution", "A1")
	page := html.UnescapeString(readPage(t, dir, "audit.html"))
	pageHas(t, "audit.html", page, []string{`aria-label="1, first response recorded after the resolution: list of IDs (CSV)"`}, nil)
	// still acknowledged in target, by its resolution
	for _, r := range readCSV(t, dir+"/ids/audit-ack-due.csv")[1:] {
		if r[1] == "A1" && r[3] != "true" {
			t.Errorf("audit-ack-due.csv: A1 met %q, want true (acknowledged by its resolution in 4 hours)", r[3])
		}
	}
}

// TestAuditCountsExplained: an auditor reproducing the page could not
// (QA): "SLA met 59.6%, 155 of 260 judged" never said what judged is
// (README does); each period's due and missed counts open the list of
// every period, not that period's, unsaid; and the subtitle said "Every
// count links to the complaint IDs behind it" where several counts had no
// link (not urgent, not screened, complete, a period's met, 155 of 260).
// The fixture's reports. (Linking the counts without a list did not do:
// each count linked to a list adds up, with the others linked to it, to
// the list's rows, TestLinksResolve.)
func TestAuditCountsExplained(t *testing.T) {
	page, _ := pageWith(t, "audit.html")
	text := html.UnescapeString(page)
	pageHas(t, "audit.html", text, []string{
		// the README's definition of judged, for the SLA
		"judged: met both targets, or missed either; not judged while a target is pending",
		// the period rows' lists are the whole list, with a period column
		"with its period (the period column)",
		// what links and what does not
		"A count without a link is the rest of a linked one",
	}, []string{"Every count links"})
	// the counts without a list of their own say where they are read:
	// a period's met from the due list's met column
	pageHas(t, "audit.html", text, []string{"(the met column: a period's met are its rows that did)"}, nil)
}
