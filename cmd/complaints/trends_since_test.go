package main

import (
	"strings"
	"testing"
)

// TestTrendsPhrasesSince: with --since the alerts are replayed period by
// period, the emerging phrases are not: they are the last period's. The
// QA pass read a replay's phrase table as the periods' own; the output
// now says which period its phrases are of and how to see another's.
//
// The export: writeCardExport's (week 12, 2024-03-25, the last judged as
// of Sun 03-31, holds the frozen debit cards).
func TestTrendsPhrasesSince(t *testing.T) {
	db := cardWarehouse(t, nil)
	out, _, err := runCLI(t, "--db", db, "trends", "--phrases", "--since", "2024-03-04", "--as-of", "2024-03-31")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "debit card") {
		t.Fatalf("no \"debit card\" phrase:\n%s", out)
	}
	want := "emerging phrases of the last period judged (2024-03-25) only, not replayed: --as-of an earlier date lists that period's"
	if !strings.Contains(out, want) {
		t.Errorf("replay's output does not say whose phrases it lists: want %q in\n%s", want, out)
	}
	// without --since there is one period: nothing to say
	out, _, err = runCLI(t, "--db", db, "trends", "--phrases", "--as-of", "2024-03-31")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "not replayed") {
		t.Errorf("a run of one period says its phrases are not replayed:\n%s", out)
	}
}
