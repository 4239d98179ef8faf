package classify

import (
	"strings"
	"testing"
)

// TestCVReportHeader: the report's first line says the folds keep the
// copies of a text together (QA pass BE: "5-fold stratified
// cross-validation" alone read as folds dealt text by text).
func TestCVReportHeader(t *testing.T) {
	var b strings.Builder
	if err := (&CVReport{Folds: 5, Seed: 1}).Write(&b); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(b.String(), "\n")
	if want := "5-fold stratified cross-validation, copies of a text kept in one fold (seed 1)"; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
}
