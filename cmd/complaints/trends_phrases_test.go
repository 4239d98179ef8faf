package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTrendsPhrasesUnredacted: `trends --phrases` on a warehouse ingested
// and not yet classified mined the raw narratives and printed what
// redaction takes out (QA: "quincy lane", "maria", "gonzalez", "topeka ks"
// from an address and an e-mail). Phrases now come from redacted text
// only; while narratives of the weeks compared are not redacted none is
// listed, as in the reports, and stderr says how many and that `complaints
// classify` redacts them. After classify the phrases are shown.
//
// The export: 13 weeks from Mon 2024-01-01, 30 complaints a week about a
// monthly fee; in week 12 (2024-03-25, the week judged as of Sun 03-31)
// 20 of the 30 about a frozen debit card, and 6 more that name an e-mail
// address and a street address.
func TestTrendsPhrasesUnredacted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "complaints.csv")
	writeCardExport(t, path, func(w *csv.Writer, start time.Time) {
		for k := 0; k < 6; k++ {
			at := start.AddDate(0, 0, 7*12+k%5).Add(6 * time.Hour)
			w.Write([]string{fmt.Sprintf("P%02d", k), "bank", at.Format("2006-01-02 15:04:05"), "Checking",
				"My frozen debit card was declined. Write to maria.gonzalez@example.com or to 12 Quincy Lane, Topeka, KS 66603."})
		}
	})
	db := filepath.Join(dir, "cli.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", path); err != nil {
		t.Fatal(err)
	}
	raw := []string{"quincy", "maria", "gonzalez", "topeka", "example.com"}

	// Not classified: the 13 weeks compared, Mon 01-01 to Sun 03-31, hold
	// 13 x 30 + 6 = 396 narratives, none redacted.
	for _, format := range []string{"table", "json"} {
		out, errOut, err := runCLI(t, "--db", db, "trends", "--phrases", "--as-of", "2024-03-31", "--format", format)
		if err != nil {
			t.Fatalf("trends --phrases --format %s: %v", format, err)
		}
		for _, word := range raw {
			if strings.Contains(strings.ToLower(out), word) || strings.Contains(strings.ToLower(errOut), word) {
				t.Errorf("--format %s: %q of a raw narrative printed:\n%s\n%s", format, word, out, errOut)
			}
		}
		want := "emerging phrases not shown: 396 narratives received from 2024-01-01 to 2024-03-31 are not redacted yet (not classified); phrases come from redacted text only: `complaints classify` redacts them"
		if !strings.Contains(errOut, want) {
			t.Errorf("--format %s: stderr = %q, want %q", format, errOut, want)
		}
		if format == "json" {
			var res struct {
				Phrases  []any          `json:"phrases"`
				Withheld map[string]any `json:"phrases_withheld"`
			}
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("trends json: %v\n%s", err, out)
			}
			if res.Phrases != nil || res.Withheld["unredacted_narratives"] != 396.0 || res.Withheld["from"] != "2024-01-01" || res.Withheld["to"] != "2024-03-31" {
				t.Errorf("trends json: phrases %v, phrases_withheld %v; want none, 396 from 2024-01-01 to 2024-03-31", res.Phrases, res.Withheld)
			}
		}
	}

	// Classified: every narrative redacted, the phrases are shown, from
	// the redacted text: "frozen debit card" (26 of week 12's 36 texts
	// against none of the 360 before), and nothing is said on stderr.
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCLI(t, "--db", db, "trends", "--phrases", "--as-of", "2024-03-31")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errOut, "not shown") {
		t.Errorf("after classify stderr = %q, want nothing withheld", errOut)
	}
	if !strings.Contains(out, "debit card") {
		t.Errorf("after classify no \"debit card\" phrase:\n%s", out)
	}
	for _, word := range raw {
		if strings.Contains(strings.ToLower(out), word) {
			t.Errorf("after classify %q printed:\n%s", word, out)
		}
	}
}

// cardWarehouse writes writeCardExport's export (with more) into a new
// warehouse by `ingest` and `classify`, and returns the warehouse's path.
func cardWarehouse(t *testing.T, more func(w *csv.Writer, start time.Time)) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "complaints.csv")
	writeCardExport(t, path, more)
	db := filepath.Join(dir, "cli.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", path); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatal(err)
	}
	return db
}

// writeCardExport writes the trends phrase tests' export to path: 13 weeks
// from Mon 2024-01-01 (start), 30 complaints a week about a monthly fee,
// in week 12 (2024-03-25) 20 of the 30 about a frozen debit card; more
// (nil: none) writes further records after them.
func writeCardExport(t *testing.T, path string, more func(w *csv.Writer, start time.Time)) {
	t.Helper()
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
	if more != nil {
		more(w, start)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
