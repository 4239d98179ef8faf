package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestTrendsPartialPhrases: `trends --include-partial --phrases` lists the
// emerging phrases of the latest complete period, as without the flag, and
// says the incomplete period's were not mined. The QA pass found it listing
// none on the demo warehouse, of the partial week 2020-03-16 (JSON
// phrases_period_start 2020-03-16), with no phrase section and no word of
// why, where without the flag the week of 2020-03-09 listed "internet
// speed" and "page says".
//
// The export of TestTrendsPhrasesUnredacted (writeCardExport: "frozen
// debit card" in the week of 2024-03-25), and 10 complaints about the fee
// on Mon 2024-04-01: as of Tue 04-02 that week is incomplete.
func TestTrendsPartialPhrases(t *testing.T) {
	db := cardWarehouse(t, func(w *csv.Writer, start time.Time) {
		for k := 0; k < 10; k++ {
			at := start.AddDate(0, 0, 7*13).Add(time.Duration(k) * time.Minute)
			w.Write([]string{fmt.Sprintf("C13-%02d", k), "bank", at.Format("2006-01-02 15:04:05"), "Checking",
				fmt.Sprintf("They charged me a monthly fee again this month, complaint %d.", k)})
		}
	})
	args := []string{"--db", db, "trends", "--phrases", "--include-partial", "--as-of", "2024-04-02"}
	out, _, err := runCLI(t, append(args, "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Phrases []struct {
			Phrase      string `json:"phrase"`
			PeriodStart string `json:"period_start"`
		} `json:"phrases"`
		PeriodStart string           `json:"phrases_period_start"`
		NotTested   []map[string]any `json:"metrics_not_tested"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("trends json: %v\n%s", err, out)
	}
	if res.PeriodStart != "2024-03-25" || len(res.Phrases) == 0 {
		t.Errorf("JSON: %d phrases of %q, want the week of 2024-03-25's (\"debit card\")\n%s", len(res.Phrases), res.PeriodStart, out)
	}
	if len(res.NotTested) != 1 || res.NotTested[0]["metric"] != "phrases" || res.NotTested[0]["period_start"] != "2024-04-01" {
		t.Errorf("JSON metrics_not_tested %v, want the phrases of the week of 2024-04-01", res.NotTested)
	}
	out, _, err = runCLI(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"debit card",
		"emerging phrases of the incomplete week of 2024-04-01 not mined: a phrase is judged over complete weeks only; those listed are of the week of 2024-03-25"} {
		if !strings.Contains(out, want) {
			t.Errorf("table: want %q in\n%s", want, out)
		}
	}
	// a week with no phrase emerging says so, rather than nothing
	out, _, err = runCLI(t, "--db", db, "trends", "--phrases", "--as-of", "2024-03-24")
	if err != nil {
		t.Fatal(err)
	}
	if want := "no emerging phrases in the week of 2024-03-18"; !strings.Contains(out, want) {
		t.Errorf("table: want %q in\n%s", want, out)
	}
}
