package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueriesRedact: the SQL of sql and notebook has redact(text), and the
// shipped process-audit notebook shows resolutions through it, as the
// audit page shows them (QA pass U: it printed "Refunded card 4111 1111
// 1111 1111" and a phone number raw, where audit.html showed [CARD]).
func TestQueriesRedact(t *testing.T) {
	db := ingestCSV(t, "complaint_id,received_at,status,resolved_at,resolution,narrative\n"+
		"1,2024-03-04,closed,2024-03-05,Refunded card 4111 1111 1111 1111,charged twice\n"+
		"2,2024-03-04,closed,2024-03-06,Called customer at (555) 867-5309,no call back\n")
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT redact(resolution) AS r FROM complaints ORDER BY complaint_id")
	if want := "r\nRefunded card [CARD]\nCalled customer at [PHONE]\n"; err != nil || out != want {
		t.Errorf("sql redact = %q, %v; want %q", out, err, want)
	}
	nb := filepath.Join(t.TempDir(), "audit-sample.html")
	if _, _, err := runCLI(t, "--db", db, "notebook", "../../notebooks/process-audit-sample.md", "--out", nb); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(nb)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"4111 1111", "867-5309"} {
		if strings.Contains(string(page), raw) {
			t.Errorf("the notebook shows %q", raw)
		}
	}
	if !strings.Contains(string(page), "Refunded card [CARD]") {
		t.Error("the notebook does not show the redacted resolution")
	}
}
