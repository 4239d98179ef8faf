package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTrendsPhrasesSince: with --since the alerts are replayed period by
// period, the emerging phrases are not: they are the last period's. The
// QA pass read a replay's phrase table as the periods' own; the output
// now says which period its phrases are of and how to see another's.
//
// The export: 13 weeks from Mon 2024-01-01, 30 complaints a week about a
// monthly fee; in week 12 (2024-03-25, the last judged as of Sun 03-31)
// 20 of the 30 about a frozen debit card.
func TestTrendsPhrasesSince(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "complaints.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"complaint_id", "source", "received_at", "product", "narrative"})
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for wk := 0; wk <= 12; wk++ {
		for k := 0; k < 30; k++ {
			text := fmt.Sprintf("They charged me a monthly fee again this month, complaint %d.", k)
			if wk == 12 && k < 20 {
				text = fmt.Sprintf("My frozen debit card was declined at the store, complaint %d.", k)
			}
			at := start.AddDate(0, 0, 7*wk+k%5).Add(time.Duration(k) * time.Minute)
			w.Write([]string{fmt.Sprintf("C%02d-%02d", wk, k), "bank", at.Format("2006-01-02 15:04:05"), "Checking", text})
		}
	}
	w.Flush()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "cli.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", path); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatal(err)
	}
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
