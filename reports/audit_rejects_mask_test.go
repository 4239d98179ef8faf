package reports

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRejectReasonsMaskValueOnly: the audit masks the source value a
// reject's reason quotes, where ingest quotes it, and keeps the rest of
// the reason whole. The reasons are as ingest writes them (build.go's
// checks, replies.sql's; the first three as a CSV of ambiguous DD/MM dates
// and an "IST" time gave them). Masking every quoted part took the
// apostrophes of "column's" and "mapping's" for quotes (QA pass BH: "the
// column'…'s dates) says which", the advice lost), and a value of two
// lines was shown whole.
func TestRejectReasonsMaskValueOnly(t *testing.T) {
	const dates = "the column's dates read month first (%m/%d/%Y %H:%M) or day first (%d/%m/%Y %H:%M) alike (no day over 12 among them): --date-order month or day (or a mapping's dates) says which"
	const zone = "which names more than one zone (India +05:30 (Asia/Kolkata), Ireland +01:00 (Europe/Dublin), Israel +02:00 (Asia/Jerusalem)): a mapping's timezone naming the zone meant (an IANA name such as Asia/Kolkata) reads it as that zone's clocks do, or write the offset (+05:30)"
	reasons := []struct{ stored, shown string }{
		{"record 1, field received_at (received_at): cannot read '12/01/2026' as timestamp: " + dates,
			"record 1, field received_at (received_at): cannot read '…' as timestamp: " + dates},
		{"record 2, field received_at (received_at): '05/04/2026 10:00 IST' ends in the zone abbreviation 'IST', " + zone,
			"record 2, field received_at (received_at): '…' ends in the zone abbreviation 'IST', " + zone},
		// a value holding a quote, "' as " and a line end
		{"record 3, field received_at (received_at): cannot read 'it's jane@example.com' as\nsecret' as timestamp (a number? the mapping's dates read epoch: seconds since 1970, epoch_ms: milliseconds, excel: a spreadsheet's day number)",
			"record 3, field received_at (received_at): cannot read '…' as timestamp (a number? the mapping's dates read epoch: seconds since 1970, epoch_ms: milliseconds, excel: a spreadsheet's day number)"},
		{"record 4, field created_at (reply time): cannot read 'jane@example.com' as timestamp",
			"record 4, field created_at (reply time): cannot read '…' as timestamp"},
		{"record 5, field in_response_to (the complaint replied to): 'jane@example.com' is a reply of this file, not a complaint",
			"record 5, field in_response_to (the complaint replied to): '…' is a reply of this file, not a complaint"},
		{"record 6, field in_response_to (the complaint replied to): no complaint of source 'twcs' has ID 'jane@example.com'",
			"record 6, field in_response_to (the complaint replied to): no complaint of source 'twcs' has ID '…'"},
		{"record 7, field in_response_to (the complaint replied to): no complaint of source 'twcs' has ID 'jane@example.com', which reply 'jane's 4111' of this file answers",
			"record 7, field in_response_to (the complaint replied to): no complaint of source 'twcs' has ID '…', which reply '…' of this file answers"},
		{"record 8, field created_at (reply time): 2024-03-01 10:00:00, before complaint 'jane@example.com' was received (2024-03-02 10:00:00)",
			"record 8, field created_at (reply time): 2024-03-01 10:00:00, before complaint '…' was received (2024-03-02 10:00:00)"},
		// a mapping's keep rule quotes its value (QA pass CA: an e-mail
		// address and a card number shown whole), a profile's with its why
		{"record 9, field Via: 'Email from jane@example.com card 4111 1111 1111 1111' is not kept by the mapping",
			"record 9, field Via: '…' is not kept by the mapping"},
		{"record 10, field CSAT: 'jane's N/A' is not kept: the ticket was not rated",
			"record 10, field CSAT: '…' is not kept: the ticket was not rated"},
		// no value quoted: whole
		{"record 11, field Via: null is not kept by the mapping", "record 11, field Via: null is not kept by the mapping"},
	}
	var values []string
	for i, r := range reasons {
		values = append(values, fmt.Sprintf("(1, %d, 'raw', '%s')", i+1, strings.ReplaceAll(r.stored, "'", "''")))
	}
	dir := reportsOf(t, fixtureAsOf, `INSERT INTO ingest_runs (run_id, started_at, file, sha256, profile, target, rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected)
		VALUES (1, TIMESTAMP '2024-03-18 08:00', 'dm.csv', 'x', 'canonical', 'complaints', 11, 0, 0, 0, 11)`,
		`INSERT INTO rejects (run_id, record_number, raw, reason) VALUES `+strings.Join(values, ", "))
	got := readCSV(t, filepath.Join(dir, "ids", "audit-rejects.csv"))
	if len(got) != len(reasons)+1 {
		t.Fatalf("audit-rejects.csv holds %d rows, want a header and %d", len(got), len(reasons))
	}
	page := html.UnescapeString(withoutAria(readPage(t, dir, "audit.html")))
	for i, r := range reasons {
		if got[i+1][3] != r.shown {
			t.Errorf("audit-rejects.csv's reason of record %d =\n%q\nwant\n%q", i+1, got[i+1][3], r.shown)
		}
		// the page's table gives the reason without its record
		_, kind, _ := strings.Cut(r.shown, " ")
		_, kind, _ = strings.Cut(kind, " ")
		if !strings.Contains(page, "<td dir=\"auto\">"+kind+"</td>") {
			t.Errorf("audit.html shows no reason %q", kind)
		}
	}
	for _, f := range []string{filepath.Join(dir, "audit.html"), filepath.Join(dir, "ids", "audit-rejects.csv")} {
		if b, err := os.ReadFile(f); err != nil || strings.Contains(string(b), "jane") || strings.Contains(string(b), "secret") ||
			strings.Contains(string(b), "12/01/2026") {
			t.Errorf("%s shows a rejected value's text (%v)", f, err)
		}
	}
}
