package reports

import (
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestRejectsListRedactsFile: the list of rejected records writes a
// file's name as the audit's tables show it, redacted, and after an
// apostrophe where it begins as a formula does (QA: audit-rejects.csv
// wrote "qa/pii/complaint from jane.roe@example.com 555-123-4567.csv"
// whole, where the page showed it redacted). The complaints' sources are
// shown as stored, so the file names alone are redacted; a warehouse with
// no file name redacted still writes a formula's after an apostrophe.
func TestRejectsListRedactsFile(t *testing.T) {
	const (
		pii     = "qa/pii/complaint from jane.roe@example.com 555-123-4567.csv"
		formula = "=HYPERLINK(1).csv"
	)
	run := func(id int, file string) string {
		return `INSERT INTO ingest_runs VALUES (` + strconv.Itoa(id) + `, TIMESTAMP '2024-03-20 09:00', TIMESTAMP '2024-03-20 09:01', '` + file + `', 'sha', 'canonical', 'complaints', 2, 1, 0, 0, 1, NULL)`
	}
	const complaint = `INSERT INTO complaints (complaint_id, source, received_at, product, status, ingest_run_id, row_hash) VALUES
		('A1', 'web', TIMESTAMP '2024-03-04 10:00', 'card', 'open', 1, 1)`
	const rejects = `INSERT INTO rejects VALUES (1, 7, 'raw', 'received_at: unparseable date'), (2, 3, 'raw', 'received_at: unparseable date')`
	asOf := time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC)
	header := []string{"run_id", "file", "record_number", "reason"}
	for _, tc := range []struct {
		name  string
		first string // the first run's file
		want  [][]string
	}{
		{"redacted", pii, [][]string{header,
			{"1", "qa/pii/complaint from [EMAIL] [PHONE].csv", "7", "received_at: unparseable date"},
			{"2", "'" + formula, "3", "received_at: unparseable date"}}},
		{"none redacted", "complaints.csv", [][]string{header,
			{"1", "complaints.csv", "7", "received_at: unparseable date"},
			{"2", "'" + formula, "3", "received_at: unparseable date"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := reportsOf(t, asOf, complaint, run(1, tc.first), run(2, formula), rejects)
			got := readCSV(t, filepath.Join(dir, "ids", "audit-rejects.csv"))
			if !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("audit-rejects.csv =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestAuditNoRejects: with no record rejected the audit says so plainly
// (QA: "0 records rejected", its note "each listed ... the table below
// counts them", over a table of "no rows"): no list linked, no table of
// rejects, no note on the rejected records' CSV.
func TestAuditNoRejects(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO ingest_runs VALUES (1, TIMESTAMP '2024-03-20 09:00', TIMESTAMP '2024-03-20 09:01', 'complaints.csv', 'sha', 'canonical', 'complaints', 1, 1, 0, 0, 0, NULL)`,
		`INSERT INTO complaints (complaint_id, source, received_at, product, status, ingest_run_id, row_hash) VALUES
			('A1', 'web', TIMESTAMP '2024-03-04 10:00', 'card', 'open', 1, 1)`)
	page := readPage(t, dir, "audit.html")
	pageHas(t, "audit.html", page, []string{"No record of any file loaded was rejected."},
		[]string{"ids/audit-rejects.csv", "Rejected records by run and reason", "the table below counts them", "The rejected records&#39; raw text"})
}

// TestAuditRejectsHeader: the table of rejects names its columns for a
// reader (QA: "first_record", the query's name, headed the record number
// of each reason's first rejected record).
func TestAuditRejectsHeader(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO ingest_runs VALUES (1, TIMESTAMP '2024-03-20 09:00', TIMESTAMP '2024-03-20 09:01', 'complaints.csv', 'sha', 'canonical', 'complaints', 2, 1, 0, 0, 1, NULL)`,
		`INSERT INTO rejects VALUES (1, 7, 'raw', 'received_at: unparseable date')`)
	pageHas(t, "audit.html", readPage(t, dir, "audit.html"),
		[]string{`<th scope="col" class="num">first record number</th>`}, []string{"first_"})
}
