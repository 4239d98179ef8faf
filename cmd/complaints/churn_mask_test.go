package main

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// TestMetricsChurnMasksCustomers: `metrics --churn` shows a customer ID
// that is personal data as the reports do (reports.ShownCustomer: the type
// of its first personal data and 12 hex digits of its SHA-256), in the
// table, CSV and JSON alike (QA: it printed 4111111111111111 and
// jane.roe0@example.com, which the executive page and
// ids/defects-repeat-customers.csv show as [CARD]#9bbef1947662); an
// ordinary ID is shown as it is. Three complaints a customer, so each has
// the repeat-complaint signal.
func TestMetricsChurnMasksCustomers(t *testing.T) {
	var b strings.Builder
	b.WriteString("complaint_id,received_at,customer_id,product,narrative\n")
	for i, c := range []string{"4111111111111111", "jane.roe0@example.com", "CUST-7"} {
		for k := range 3 {
			b.WriteString(strings.Join([]string{string(rune('a'+i)) + string(rune('1'+k)), "2024-03-0" + string(rune('4'+k)), c, "card", "I will cancel my account"}, ",") + "\n")
		}
	}
	db := ingestCSV(t, b.String())
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatal(err)
	}
	pseudonym := func(kind, id string) string {
		sum := sha256.Sum256([]byte(id))
		return kind + "#" + hex.EncodeToString(sum[:6])
	}
	// [CARD]#9bbef1947662 as the QA pass's executive page showed it
	card := pseudonym("[CARD]", "4111111111111111")
	for _, format := range []string{"table", "csv", "json"} {
		out, _, err := runCLI(t, "--db", db, "metrics", "--churn", "--as-of", "2024-03-31", "--format", format)
		if err != nil {
			t.Fatalf("--format %s: %v", format, err)
		}
		for _, raw := range []string{"4111111111111111", "jane.roe0"} {
			if strings.Contains(out, raw) {
				t.Errorf("--format %s shows the customer %q:\n%s", format, raw, out)
			}
		}
		for _, want := range []string{card, pseudonym("[EMAIL]", "jane.roe0@example.com"), "CUST-7"} {
			if !strings.Contains(out, want) {
				t.Errorf("--format %s lacks the customer %q:\n%s", format, want, out)
			}
		}
	}
	if card != "[CARD]#9bbef1947662" {
		t.Errorf("the card's pseudonym is %s, the pages' [CARD]#9bbef1947662", card)
	}
}
