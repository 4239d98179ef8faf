package reports

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
)

// TestNotebookRedactsText: a notebook's text cells are redacted whatever
// their column is named. Only the label columns (labelColumns) were: the
// shipped recurring-defects notebook's computed column pair showed
// "billing_error / Broadband for jane.doe@example.com" where its product
// column showed "Broadband for [EMAIL]" (QA pass BA). So do an aliased
// column, a list, a chart's categories, a PIVOT's column named by a value
// and an error quoting one. An ID of digits alone (a CFPB complaint ID of
// 8 digits, which the redactor takes for an account number in text), a
// time and a number are shown as they are, as the pages show them.
func TestNotebookRedactsText(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	const product = "Broadband for jane.doe@example.com" // qa/pii_complaints.csv
	if _, err := db.ExecContext(context.Background(), `INSERT INTO complaints (complaint_id, source, received_at, product, narrative, ingest_run_id, row_hash)
		VALUES ('12345678', 'cfpb', TIMESTAMP '2024-03-01 12:30:00', ?, 'text', 1, 1)`, product); err != nil {
		t.Fatal(err)
	}
	// the data, not the notebook's SQL, holds the address: the code is
	// shown as written
	src := "# PII\n\n```sql\n-- chart: bar x=pair y=n\n" +
		"SELECT product AS thing, 'billing_error / ' || product AS pair, [product] AS l, complaint_id, received_at, 12345678 AS n\n" +
		"FROM complaints\n```\n\n" +
		"```sql\nPIVOT (SELECT product FROM complaints) ON product USING count(*)\n```\n\n" +
		"```sql\nSELECT product::INTEGER AS x FROM complaints\n```\n"
	out, err := RunNotebook(context.Background(), db, []byte(src), NotebookOptions{Name: "nb.md"})
	if err == nil || !strings.Contains(err.Error(), "cell 3") {
		t.Fatalf("error = %v, want cell 3 to fail (a text no integer)", err)
	}
	page := undated(html.UnescapeString(strings.Replace(string(out), echartsJS, "", 1)))
	if strings.Contains(page, "jane.doe") {
		i := strings.Index(page, "jane.doe")
		t.Errorf("the page shows the e-mail address: ...%s...", page[max(0, i-120):min(len(page), i+40)])
	}
	for _, want := range []string{
		"<td dir=\"auto\">Broadband for [EMAIL]</td>", "<td dir=\"auto\">billing_error / Broadband for [EMAIL]</td>", "<td dir=\"auto\">[Broadband for [EMAIL]]</td>",
		`"billing_error / Broadband for [EMAIL]"`, // the chart's category
		`<td dir="auto">12345678</td>`, `<td dir="auto">2024-03-01 12:30:00</td>`, `<td class="num">12345678</td>`,
		">Broadband for [EMAIL]</th>", // the PIVOT's column
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
}
