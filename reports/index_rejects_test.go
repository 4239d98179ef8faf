package reports

import (
	"fmt"
	"testing"
	"time"
)

// ingestRun inserts an ingest run of file that read read records and
// rejected rejected of them (the rest loaded).
func ingestRun(id int, file string, read, rejected int) string {
	return fmt.Sprintf(`INSERT INTO ingest_runs VALUES (%d, TIMESTAMP '2026-12-07 09:19', TIMESTAMP '2026-12-07 09:20', '%s', 'sha', 'nps', 'surveys', %d, %d, 0, 0, %d, NULL)`,
		id, file, read, read-rejected, rejected)
}

// TestIndexRejects: the QA pass's m_usdate.duckdb, an NPS export read with
// the wrong date layout, rejected 1,428 of its 2,385 records (nps.csv),
// and the only page that said so was the audit page's; the index's figures
// counted the ingest runs only. Here with cs.duckdb's second file beside
// it (survey_2019-2020.csv: 4 of 88 rejected, under a quarter): the index
// counts the records rejected, 1,432 of 2,473 read, links the audit page's
// list of them, and names the file that rejected a quarter or more.
func TestIndexRejects(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		ingestRun(1, "survey_2019-2020.csv", 88, 4), ingestRun(2, "nps.csv", 2385, 1428),
		surveyWeek("a", "nps", "2024-03-04", "nps", 10, 5, 9, 2))
	data := sectionOf(readPage(t, dir, "index.html"), "data")
	pageHas(t, "index.html data", data, []string{
		`<div class="value">1,432</div><div class="label">records rejected</div><div class="note">of 2,473 read by 2 ingest runs</div>`,
		`<p>nps.csv: 1,428 of 2,385 records (60%) rejected: see the audit page.</p>`,
		`<a href="audit.html#lineage">`,
	}, []string{"survey_2019-2020.csv:"})

	// none rejected: 0, said, and no link to a list of none
	dir = reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC), ingestRun(1, "nps.csv", 2385, 0))
	data = sectionOf(readPage(t, dir, "index.html"), "data")
	pageHas(t, "index.html data, nothing rejected", data, []string{
		`<div class="value">0</div><div class="label">records rejected</div>`,
	}, []string{"audit.html#lineage"})
}
