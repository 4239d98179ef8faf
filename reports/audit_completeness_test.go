package reports

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// completenessRows are the rows of the audit page's completeness table,
// its header first, each cell's text without its markup.
func completenessRows(t *testing.T, dir string) [][]string {
	t.Helper()
	s := sectionOf(readPage(t, dir, "audit.html"), "completeness")
	_, s, _ = strings.Cut(s, "<table") // its attributes name it (aria-labelledby)
	_, s, _ = strings.Cut(s, ">")
	return cellRows(s)
}

// TestAuditCompletenessNotRecorded: a field no complaint of a source has
// (its export carries no such column) is shown as not recorded by that
// source, its complaints not counted as required: the page said
// "resolution (closed complaints) 18,076 required, 0 complete, 0%" of a
// helpdesk export with no resolution column (QA pass BJ), as if every
// resolution were left blank. As the targets leave out a source that
// records no resolution times, the table leaves out a source that records
// no value of the field; a field left blank by some complaints of a
// source that records it is missing, as before.
//
// As of 2024-03-31: desk (a helpdesk export: customer IDs and assignees,
// no resolution text) D1 and D2 closed, D3 open, D3 with no customer ID,
// D1 alone assigned; cfpb (resolution text, no customer ID, no assignee)
// F1 and F2 closed, F2's resolution blank. No source records a narrative
// or a department.
func TestAuditCompletenessNotRecorded(t *testing.T) {
	_, dir := auditOf(t, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, product, customer_id, status, resolved_at, resolution, assignee, ingest_run_id, row_hash) VALUES
		('D1', 'desk', TIMESTAMP '2024-03-04 09:00', 'Card', 'C1', 'closed', TIMESTAMP '2024-03-05 09:00', NULL, 'al', 1, 1),
		('D2', 'desk', TIMESTAMP '2024-03-05 09:00', 'Card', 'C2', 'closed', TIMESTAMP '2024-03-06 09:00', NULL, NULL, 1, 2),
		('D3', 'desk', TIMESTAMP '2024-03-06 09:00', 'Card', NULL, 'open', NULL, NULL, NULL, 1, 3),
		('F1', 'cfpb', TIMESTAMP '2024-03-04 09:00', 'Card', NULL, 'closed', NULL, 'Closed with explanation', NULL, 2, 4),
		('F2', 'cfpb', TIMESTAMP '2024-03-05 09:00', 'Card', NULL, 'closed', NULL, NULL, NULL, 2, 5)`)
	want := [][]string{
		{"field", "required", "complete", "missing", "complete %", "not recorded by"},
		{"type (product or issue)", "5", "5", "0", "100.0", "none"},
		{"customer", "3", "2", "1", "66.7", "cfpb (2 complaints)"},
		{"date received", "5", "5", "0", "100.0", "none"},
		{"details (narrative)", "n/a", "n/a", "n/a", "n/a", "cfpb (2 complaints) and desk (3 complaints)"},
		{"resolution (closed complaints)", "2", "1", "1", "50.0", "desk (2 closed complaints)"},
		// desk's resolution dates: D1's and D2's (cfpb records none)
		{"resolution date (closed complaints; one before the receipt is none)", "2", "2", "0", "100.0", "cfpb (2 closed complaints)"},
		{"assignee (in the source)", "3", "1", "2", "33.3", "cfpb (2 complaints)"},
		{"department (in the source)", "n/a", "n/a", "n/a", "n/a", "cfpb (2 complaints) and desk (3 complaints)"},
		{"owner department (source or its topic's own)", "5", "0", "5", "0.0", "none"},
	}
	if got := completenessRows(t, dir); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("audit.html completeness:\n got %q\nwant %q", got, want)
	}
	// each missing count's list holds the complaints it counts
	sameIDs(t, dir, "audit-missing-resolution", "F2")
	sameIDs(t, dir, "audit-missing-customer", "D3")
	sameIDs(t, dir, "audit-missing-assignee", "D2", "D3")
	sameIDs(t, dir, "audit-missing-details")
	// n/a links no list
	s := sectionOf(readPage(t, dir, "audit.html"), "completeness")
	for _, name := range []string{"audit-missing-details", "audit-missing-department"} {
		if strings.Contains(s, "ids/"+name+".csv") {
			t.Errorf("audit.html completeness links %s, of a field no source records", name)
		}
	}
}

// TestAuditCompletenessOneSourceNoResolution: the QA's warehouse, a
// helpdesk export alone with no resolution column: its closed complaints'
// resolution is not recorded by it, not 0% complete.
func TestAuditCompletenessOneSourceNoResolution(t *testing.T) {
	_, dir := auditOf(t, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, status, resolved_at, ingest_run_id, row_hash) VALUES
		('D1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-05 09:00', 1, 1),
		('D2', 'desk', TIMESTAMP '2024-03-05 09:00', 'closed', TIMESTAMP '2024-03-06 09:00', 1, 2)`)
	rows := completenessRows(t, dir)
	i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "resolution (closed complaints)" })
	want := []string{"resolution (closed complaints)", "n/a", "n/a", "n/a", "n/a", "desk (2 closed complaints)"}
	if i < 0 || !slices.Equal(rows[i], want) {
		t.Errorf("audit.html completeness: %q, want a row %q", rows, want)
	}
}
