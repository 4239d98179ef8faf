package reports

import (
	"html"
	"strings"
	"testing"
	"time"
)

// TestAuditLinksNamed: the audit's links say what they open (QA pass BG).
// A figure with nothing to list links nothing: "timely response n/a"
// linked ids/audit-untimely.csv, which held its header alone. The
// acknowledgement and resolution tables' due and missed counts, each
// linking the list of every period of its target, were named alike
// ("1 due, 2024-03-04: list of IDs (CSV)") though they open different
// files: their columns say which target, and that every period is listed.
//
// As of 2024-04-12, a helpdesk's (no timely, disputed or reopened values)
// D1 and D2, received in the week of 2024-03-04: D1 answered and resolved
// in a day; D2 still open, past the acknowledgement target, not yet the
// resolution target's 56 days.
func TestAuditLinksNamed(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, status, first_response_at, resolved_at, ingest_run_id, row_hash) VALUES
		('D1', 'desk', TIMESTAMP '2024-03-04 09:00', 'closed', TIMESTAMP '2024-03-04 10:00', TIMESTAMP '2024-03-05 09:00', 1, 1),
		('D2', 'desk', TIMESTAMP '2024-03-04 09:00', 'open', NULL, NULL, 1, 2)`)
	page := html.UnescapeString(readPage(t, dir, "audit.html"))
	for _, label := range []string{"timely response, as the source reports it", "disputed by the consumer, as the source reports it", "reopened"} {
		fig := `<div class="value">n/a</div><div class="label">` + label + `</div>`
		if !strings.Contains(page, fig) {
			_, got, _ := strings.Cut(page, `<div class="label">`+label+`</div>`)
			t.Errorf("audit.html: no figure %q unlinked; the page has %q", fig, got[:min(len(got), 200)])
		}
	}
	pageHas(t, "audit.html", page, []string{
		`aria-label="2 due (acknowledgement, every week listed), 2024-03-04, in Acknowledgement against target, by week received: list of IDs (CSV)"`,
		`aria-label="1 missed (acknowledgement, every week listed), 2024-03-04, in Acknowledgement against target, by week received: list of IDs (CSV)"`,
		`aria-label="1 due (resolution, every week listed), 2024-03-04, in Resolution within target, by week received: list of IDs (CSV)"`,
		`aria-label="0 missed (resolution, every week listed), 2024-03-04, in Resolution within target, by week received: list of IDs (CSV)"`,
	}, []string{"ids/audit-untimely.csv", "ids/audit-disputed.csv", "ids/audit-reopened.csv"})
}
