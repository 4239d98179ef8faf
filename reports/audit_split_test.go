package reports

import (
	"html"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The tests of this file hold faults a QA pass (a support team lead, on
// the support tweets alone and with a helpdesk's tickets of the same
// weeks, as of 2017-11-26) found in the audit page; each failed before
// its mend.

// TestAuditAckMissedSplit: "89.7% acknowledged within target, 1,337 of
// 1,490 due; 153 missed" did not tell the 140 never answered from the 13
// answered after the target, nor did its list (source, complaint_id,
// period only). The page now splits the missed, pooled and by source,
// each part with its list, and the missed list gives when each was
// acknowledged (empty when not by the report date).
//
// As of Friday 2024-04-12 (target 3 business days), every complaint
// received Monday 2024-03-04 09:00:
//   - desk: L1 answered Tue 03-12 (6 business days: late); R1 never
//     answered, resolved Mon 03-11 (5 business days: acknowledged late, by
//     its resolution); N1 open, never answered; M1 answered in an hour;
//   - tw (first responses only): T1 answered Fri 03-08 (4 business days:
//     late); T2 never answered; T3 answered in 12 minutes.
//
// Missed: desk 3 (L1 and R1 late, N1 not acknowledged), tw 2 (T1 late,
// T2 not); met: M1, T3.
func TestAuditAckMissedSplit(t *testing.T) {
	asOf := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	_, dir := auditOf(t, asOf,
		`INSERT INTO complaints (complaint_id, source, received_at, status, first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
		('L1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-12 09:00', TIMESTAMP '2024-03-14 09:00', 1, 1),
		('R1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', NULL, TIMESTAMP '2024-03-11 09:00', 1, 2),
		('N1', 'desk', TIMESTAMP '2024-03-04 09:00', 'open', NULL, NULL, 1, 3),
		('M1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-05 09:00', 1, 4),
		('T1', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-08 09:00', NULL, 2, 5),
		('T2', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, NULL, NULL, 2, 6),
		('T3', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 7)`)
	sameIDs(t, dir, "audit-ack-missed", "L1", "R1", "N1", "T1", "T2")
	sameIDs(t, dir, "audit-ack-late", "L1", "R1", "T1")
	sameIDs(t, dir, "audit-ack-not-acknowledged", "N1", "T2")
	// when each missed one was acknowledged: the first of its response
	// and its resolution, empty when neither by the report date
	recs := readCSV(t, filepath.Join(dir, "ids", "audit-ack-missed.csv"))
	want := [][]string{
		{"source", "complaint_id", "period", "acknowledged_at"},
		{"desk", "L1", "2024-03-04", "2024-03-12 09:00:00"},
		{"desk", "N1", "2024-03-04", ""},
		{"desk", "R1", "2024-03-04", "2024-03-11 09:00:00"},
		{"tw", "T1", "2024-03-04", "2024-03-08 09:00:00"},
		{"tw", "T2", "2024-03-04", ""},
	}
	if len(recs) != len(want) || strings.Join(recs[0], ",") != strings.Join(want[0], ",") {
		t.Fatalf("audit-ack-missed.csv = %q, want %q", recs, want)
	}
	for i := range want {
		if strings.Join(recs[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("audit-ack-missed.csv row %d = %q, want %q", i, recs[i], want[i])
		}
	}
	raw := readPage(t, dir, "audit.html")
	page := html.UnescapeString(raw)
	pageHas(t, "audit.html", page, []string{
		// pooled: 2 of 7 met, 5 missed: 3 late, 2 not acknowledged
		"2 of 7 due; 5 missed: 3 acknowledged late, 2 not acknowledged by the report date",
		`aria-label="3, acknowledged late: list of IDs (CSV)"`,
		`aria-label="2, not acknowledged by the report date: list of IDs (CSV)"`,
	}, nil)
	// median hours to first response, of those with a response recorded:
	// desk L1 192 and M1 1 (96.5), tw T1 96 and T3 0.2 (48.1)
	sameTable(t, raw, "Acknowledgement within target, by source",
		[]string{"source", "complaints", "not judged", "due", "met", "missed", "acknowledged late", "not acknowledged", "open, not yet due", "met %", "median hours to first response"},
		[]string{"desk", "4", "0", "4", "1", "3", "2", "1", "0", "25.0", "96.5"},
		[]string{"tw", "3", "0", "3", "1", "2", "1", "1", "0", "33.3", "48.1"})
}

// TestAuditStillOpenUnknown: with tweets alone (no status, no resolution
// date) the summary's backlog is rightly n/a, but the urgent table's
// "still open" read 0 in each row, the legal outcomes' too, and "urgent
// and still open 0" linked a list: 0 read as none open, where none is
// known open or closed. Where none of a row's complaints has a status, it
// is n/a now, without a link; where some have, it counts those and says
// of how many.
//
// As of Friday 2024-04-12:
//   - tweets alone: T1 urgent, T2 threatening legal action;
//   - with desk (a helpdesk: D1 urgent, open; D2 a legal threat, closed)
//     and ops (status recorded, no resolution times: O1 urgent, open; O2
//     urgent, its status blank): 4 urgent, 2 with a status, both open.
func TestAuditStillOpenUnknown(t *testing.T) {
	asOf := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	tweets := []string{
		`INSERT INTO complaints (complaint_id, source, received_at, status, first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
		('T1', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 1, 1),
		('T2', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 1, 2)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, model, classified_at) VALUES
		('tw', 'T1', 'outage', false, false, true, 'en', 'fixture', TIMESTAMP '2024-04-12'),
		('tw', 'T2', 'billing', false, true, false, 'en', 'fixture', TIMESTAMP '2024-04-12')`,
	}
	t.Run("tweets alone", func(t *testing.T) {
		raw := readPage(t, reportsOf(t, asOf, tweets...), "audit.html")
		page := html.UnescapeString(raw)
		pageHas(t, "audit.html", page, []string{
			"urgent and still open",
			"none of the 1 urgent is known open or closed at the report date: which are open is not recorded",
		}, []string{`aria-label="0, urgent and still open: list of IDs (CSV)"`})
		sameTable(t, raw, "Urgent complaints against the other screened ones of their source",
			[]string{"flag", "complaints", "acknowledgement due", "acknowledged in target %", "median hours to first response",
				"resolution due", "resolved in target %", "still open"},
			[]string{"urgent", "1", "1", "100", "0.2", "0", "n/a", "n/a"},
			[]string{"not urgent", "1", "1", "100", "0.2", "0", "n/a", "n/a"})
		sameTable(t, raw, "By outcome (resolution recorded, or open)",
			[]string{"outcome", "complaints", "upheld", "compensation", "resolved in target", "still open"},
			[]string{"(open or closed: not recorded)", "1", "n/a", "n/a", "n/a", "n/a"})
	})
	t.Run("some with a status", func(t *testing.T) {
		dir := reportsOf(t, asOf, append(tweets,
			`INSERT INTO complaints (complaint_id, source, received_at, status, first_response_at, resolved_at, resolution, ingest_run_id, row_hash) VALUES
			('D1', 'desk', TIMESTAMP '2024-03-04 09:00', 'open', TIMESTAMP '2024-03-04 10:00', NULL, NULL, 2, 3),
			('D2', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-05 09:00', 'Apology', 2, 4),
			('O1', 'ops', TIMESTAMP '2024-03-04 09:00', 'open', NULL, NULL, NULL, 3, 5),
			('O2', 'ops', TIMESTAMP '2024-03-04 09:00', NULL, NULL, NULL, NULL, 3, 6)`,
			`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, model, classified_at) VALUES
			('desk', 'D1', 'outage', false, false, true, 'en', 'fixture', TIMESTAMP '2024-04-12'),
			('desk', 'D2', 'billing', false, true, false, 'en', 'fixture', TIMESTAMP '2024-04-12'),
			('ops', 'O1', 'outage', false, false, true, 'en', 'fixture', TIMESTAMP '2024-04-12'),
			('ops', 'O2', 'outage', false, false, true, 'en', 'fixture', TIMESTAMP '2024-04-12')`)...)
		sameIDs(t, dir, "audit-urgent-open", "D1", "O1")
		raw := readPage(t, dir, "audit.html")
		page := html.UnescapeString(raw)
		pageHas(t, "audit.html", page, []string{
			`aria-label="2, urgent and still open: list of IDs (CSV)"`,
			"of the 2 urgent known open or closed at the report date, of 4 urgent: which of the others are open is not recorded",
		}, nil)
		rows := tableOf(raw, "Urgent complaints against the other screened ones of their source")
		open := map[string]string{}
		for _, row := range rows[1:] {
			open[row[0]+" "+row[1]] = row[len(row)-1]
		}
		for key, want := range map[string]string{"urgent desk": "1", "not urgent desk": "0", "urgent ops": "1 of 1 known", "urgent tw": "n/a", "not urgent tw": "n/a"} {
			if open[key] != want {
				t.Errorf("urgent table, %s: still open %q, want %q (rows %q)", key, open[key], want, rows)
			}
		}
		sameTable(t, raw, "By outcome (resolution recorded, or open)",
			[]string{"outcome", "complaints", "upheld", "compensation", "resolved in target", "still open"},
			[]string{"(open or closed: not recorded)", "1", "n/a", "n/a", "n/a", "n/a"},
			[]string{"Apology", "1", "n/a", "n/a", "1", "0"})
	})
}

// TestAuditPeriodsPoolSources: the acknowledgement table by week pooled
// the sources unsaid (QA: 2017-10-30, 1,134 due and a median of 0.2 hours,
// were 1,071 tweets and 63 tickets). With more than one source judged in
// it, a period table says it pools them and gives each period's due of
// each source; with one (the resolution table here: tweets record no
// resolution), it is as before (the golden pages, whose one other source
// records no times, are unchanged).
//
// As of Friday 2024-04-12: desk D1-D2 and tw T1-T3, each received Monday
// 2024-03-04 09:00 and answered within the hour; desk's resolved in a day.
func TestAuditPeriodsPoolSources(t *testing.T) {
	asOf := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	dir := reportsOf(t, asOf,
		`INSERT INTO complaints (complaint_id, source, received_at, status, first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
		('D1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-05 09:00', 1, 1),
		('D2', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-05 09:00', 1, 2),
		('T1', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 3),
		('T2', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 4),
		('T3', 'tw', TIMESTAMP '2024-03-04 09:00', NULL, TIMESTAMP '2024-03-04 09:12', NULL, 2, 5)`)
	page := readPage(t, dir, "audit.html")
	ack := html.UnescapeString(sectionOf(page, "acknowledgement"))
	pageHas(t, "audit.html acknowledgement section", ack, []string{
		`<th scope="col">due, by source</th>`, `<td dir="auto">desk 2; tw 3</td>`,
		"Each period's figures pool the 2 sources judged in it",
	}, nil)
	res := html.UnescapeString(sectionOf(page, "resolution"))
	pageHas(t, "audit.html resolution section", res, nil, []string{"due, by source", "pool"})
}

// TestAuditRejectLinks: each reason's count of rejected records (QA: 21,
// 3, 1, 1) linked the list of all 26 (TestLinksResolve, which adds up the
// counts linked to a list, passed). A count beside a link is the rows of
// its list. Of run 1, two records rejected for one reason and one for
// another.
func TestAuditRejectLinks(t *testing.T) {
	asOf := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	dir := reportsOf(t, asOf,
		`INSERT INTO complaints (complaint_id, source, received_at, status, ingest_run_id, row_hash) VALUES
		('C1', 'desk', TIMESTAMP '2024-03-04 09:00', 'open', 1, 1)`,
		`INSERT INTO rejects VALUES (1, 3, 'x', 'record 3, complaint_id: missing'), (1, 5, 'y', 'record 5, complaint_id: missing'),
		(1, 9, 'z', 'record 9: received_at: cannot read ''tomorrow'' as timestamp')`)
	page := readPage(t, dir, "audit.html")
	links := linkRE.FindAllStringSubmatch(sectionOf(page, "lineage"), -1)
	if len(links) == 0 {
		t.Fatalf("audit.html: the lineage links no count of rejected records")
	}
	for _, m := range links {
		href := html.UnescapeString(m[1])
		n, err := strconv.Atoi(strings.ReplaceAll(m[2], ",", ""))
		if err != nil {
			continue
		}
		if rows := len(readCSV(t, filepath.Join(dir, href))) - 1; rows != n {
			t.Errorf("audit.html lineage: %d links %s, of %d rows", n, href, rows)
		}
	}
}
