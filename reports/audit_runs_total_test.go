package reports

import (
	"html"
	"testing"
)

// TestAuditRunsTotal: the lineage's table of each file's records ends in
// their total over every run, which reconciles as each run does (QA pass
// BJ: each run said "reconciles yes", and no row gave the totals). Run 1
// read 6: 3 loaded, 1 updated, 1 duplicate, 1 rejected; run 2 read 4: 2
// loaded, 2 rejected; in all 10 = 5 + 1 + 1 + 3.
func TestAuditRunsTotal(t *testing.T) {
	dir := reportsOf(t, fixtureAsOf, `INSERT INTO ingest_runs (run_id, started_at, file, sha256, profile, target, rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected, warnings) VALUES
		(1, TIMESTAMP '2024-03-18 08:00', 'a.csv', 'x', 'generic', 'complaints', 6, 3, 1, 1, 1, NULL),
		(2, TIMESTAMP '2024-03-19 08:00', 'b.csv', 'y', 'generic', 'complaints', 4, 2, 0, 0, 2, 'read leniently')`)
	sameTable(t, html.UnescapeString(withoutAria(readPage(t, dir, "audit.html"))), "Records of each file, and their total (read = loaded + updated + duplicate + rejected)",
		[]string{"run", "read", "loaded", "updated", "duplicate", "rejected", "reconciles", "warnings"},
		[]string{"1", "6", "3", "1", "1", "1", "yes", "none"},
		[]string{"2", "4", "2", "0", "0", "2", "yes", "read leniently"},
		[]string{"total (2 files)", "10", "5", "1", "1", "3", "yes", ""})
}
