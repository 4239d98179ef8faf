package classify

import (
	"context"
	"testing"
)

// TestClassifyOwnWords: the classifiers read the complainant's words, the
// redacted text keeps the whole. Before, the company's quoted "refer your
// complaint to the Financial Ombudsman" was the customer's legal threat.
func TestClassifyOwnWords(t *testing.T) {
	text := "Thanks for the refund.\n\nOn Mon, Mar 4, 2024 at 10:00 AM Support <support@example.com> wrote:\n" +
		"> If you are unhappy you may refer your complaint to the Financial Ombudsman Service."
	out := make([]Result, 1)
	if err := New(Options{}).ClassifyBatch(context.Background(), []string{text}, out); err != nil {
		t.Fatal(err)
	}
	if r := out[0]; r.Legal || r.Redacted != "Thanks for the refund.\n\nOn Mon, Mar 4, 2024 at 10:00 AM Support <[EMAIL]> wrote:\n"+
		"> If you are unhappy you may refer your complaint to the Financial Ombudsman Service." {
		t.Errorf("legal %v (%q), redacted %q; want no legal threat and the whole text redacted", r.Legal, r.LegalEvidence, r.Redacted)
	}
}
