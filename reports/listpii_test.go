package reports

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// piiSources are sources named with personal data (a QA pass: `ingest
// --source "src jane.roe@example.com 4111111111111111"`), as the pages show
// them (redacted by classify.Redact, as every category label), one that
// begins as a formula does, and two that the redactor shows alike.
const piiSources = `INSERT INTO complaints (complaint_id, source, received_at, customer_id, product, status, ingest_run_id, row_hash) VALUES
	('P1', 'src jane.roe@example.com 4111111111111111', TIMESTAMP '2024-03-04 10:00', 'C-1', 'card', 'open', 1, 1),
	('P2', 'src jane.roe@example.com 4111111111111111', TIMESTAMP '2024-03-05 10:00', 'C-1', 'card', 'open', 1, 2),
	('P3', 'src jane.roe@example.com 4111111111111111', TIMESTAMP '2024-03-06 10:00', 'C-1', 'card', 'open', 1, 3),
	('F1', '=src 555-123-4567', TIMESTAMP '2024-03-06 10:00', NULL, 'card', 'open', 1, 4),
	('X', 's c.d@example.com', TIMESTAMP '2024-03-04 10:00', NULL, 'card', 'open', 1, 5),
	('X', 's a.b@example.com', TIMESTAMP '2024-03-11 10:00', NULL, 'card', 'open', 1, 6)`

// piiRaw are the parts of piiSources, the survey's source and the file's
// name that no page or list may show.
var piiRaw = []string{"jane.roe", "4111111111111111", "555-123-4567", "a.b@example", "c.d@example"}

// TestIDListsRedactSources: every ID list writes a source as the pages
// show it, redacted (QA: 25 lists of a run wrote "src
// jane.roe@example.com 4111111111111111" where the pages showed "src
// [EMAIL] [CARD]"; the survey comments' list "survey 555-123-4567"), one
// row a complaint still, a formula still after an apostrophe. Two
// sources shown alike ("s [EMAIL]") keep a row each, in the order of
// their stored names, so that the same warehouse gives the same bytes.
func TestIDListsRedactSources(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC), piiSources,
		`INSERT INTO surveys (response_id, source, responded_at, nps, csat, comment, ingest_run_id, row_hash) VALUES
			('S1', 'survey 555-123-4567', TIMESTAMP '2024-03-05 09:00', 2, NULL, 'I waited two hours on hold.', 1, 100)`)
	ids, err := filepath.Glob(filepath.Join(dir, "ids", "*.csv"))
	if err != nil || len(ids) == 0 {
		t.Fatalf("no ID lists (%v)", err)
	}
	for _, f := range ids {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range piiRaw {
			if strings.Contains(string(b), raw) {
				t.Errorf("%s shows %q", filepath.Base(f), raw)
			}
		}
	}
	// (periods: the ISO weeks received; sorted by source as shown, ID,
	// then source as stored: a.b before c.d)
	want := [][]string{{"source", "complaint_id", "period"},
		{"'=src [PHONE]", "F1", "2024-03-04"},
		{"s [EMAIL]", "X", "2024-03-11"},
		{"s [EMAIL]", "X", "2024-03-04"},
		{"src [EMAIL] [CARD]", "P1", "2024-03-04"},
		{"src [EMAIL] [CARD]", "P2", "2024-03-04"},
		{"src [EMAIL] [CARD]", "P3", "2024-03-04"},
	}
	if got := readCSV(t, filepath.Join(dir, "ids", "audit-all.csv")); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("audit-all.csv =\n%q\nwant\n%q", got, want)
	}
	for file, cell := range map[string]string{"defects-repeat-customers.csv": "src [EMAIL] [CARD]", "executive-comments.csv": "survey [PHONE]"} {
		found := false
		for _, rec := range readCSV(t, filepath.Join(dir, "ids", file)) {
			found = found || slices.Contains(rec, cell)
		}
		if !found {
			t.Errorf("%s has no cell %q", file, cell)
		}
	}
}

// TestFileNamesRedacted: a page names an ingested file as it shows a
// source, redacted (QA: the audit's table of files loaded showed
// "complaint from jane.roe@example.com 555-123-4567.csv" whole, where a
// source of that name was redacted): the audit's tables of files and
// rejects, the index's line on a file that rejected most of its records,
// every page's line on the files loaded after the report date. (No page
// names a source raw either: the weekly page's note on a new source did.)
func TestFileNamesRedacted(t *testing.T) {
	const file = "complaint from jane.roe@example.com 555-123-4567.csv"
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC), piiSources,
		`INSERT INTO ingest_runs VALUES (1, TIMESTAMP '2024-03-20 09:00', TIMESTAMP '2024-03-20 09:01', '`+file+`', 'sha', 'canonical', 'complaints', 12, 6, 0, 0, 6, NULL)`,
		`INSERT INTO rejects VALUES (1, 7, 'raw', 'received_at: unparseable date')`,
		// received after the report date: every page names the file as
		// loaded after it (loadedLater)
		`INSERT INTO complaints (complaint_id, source, received_at, product, status, ingest_run_id, row_hash) VALUES
			('L1', 'late', TIMESTAMP '2024-04-02 10:00', 'card', 'open', 1, 7),
			-- a source silent since the week of 2024-03-04: the weekly
			-- page names it
			('G1', 'gone jane.roe@example.com', TIMESTAMP '2024-02-20 10:00', 'card', 'open', 1, 8),
			('G2', 'gone jane.roe@example.com', TIMESTAMP '2024-02-27 10:00', 'card', 'open', 1, 9),
			('G3', 'gone jane.roe@example.com', TIMESTAMP '2024-03-05 10:00', 'card', 'open', 1, 10)`)
	shown := "complaint from [EMAIL] [PHONE].csv"
	for _, page := range Files {
		b := readPage(t, dir, page)
		for _, raw := range piiRaw {
			if strings.Contains(b, raw) {
				t.Errorf("%s shows %q", page, raw)
			}
		}
		n := map[string]int{"audit.html": 3, "index.html": 2}[page]
		if got := strings.Count(b, shown); got < max(n, 1) {
			t.Errorf("%s shows %q %d times, want %d or more", page, shown, got, max(n, 1))
		}
	}
}
