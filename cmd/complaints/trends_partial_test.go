package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestTrendsIncludePartial: --include-partial "also judge[s] the
// incomplete period holding --as-of": the latest complete period is judged
// as without the flag, and the partial one besides. The QA pass (a board
// pack, month, as of 2025-12-15) had 6 tests and two CSAT alerts for
// November without it, and 1 test, "0 alerts" with it: the partial month
// replaced November, and its NPS and CSAT went untested, unsaid.
//
// The synthetic demo helpdesk and its surveys (testdata/demo/synthetic,
// 2019-09-16 to 2020-03): as of 2020-02-15 January is the latest complete
// month and February, half gone, already holds about a hundred NPS and
// CSAT answers, above the 30 a level test needs.
func TestTrendsIncludePartial(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet",
		"../../testdata/demo/synthetic/synthetic_helpdesk_complaints.csv", "../../testdata/demo/synthetic/synthetic_surveys.csv"); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Alerts    []map[string]any `json:"alerts"`
		Tests     int              `json:"tests"`
		NotTested []map[string]any `json:"metrics_not_tested"`
	}
	trends := func(extra ...string) result {
		t.Helper()
		out, _, err := runCLI(t, append([]string{"--db", db, "trends", "--period", "month", "--metrics", "--as-of", "2020-02-15", "--format", "json"}, extra...)...)
		if err != nil {
			t.Fatal(err)
		}
		var r result
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("trends --format json: %v\n%s", err, out)
		}
		return r
	}
	of := func(r result, period string) []map[string]any {
		var out []map[string]any
		for _, a := range r.Alerts {
			if a["period_start"] == period {
				out = append(out, a)
			}
		}
		return out
	}
	without, with := trends(), trends("--include-partial")
	t.Logf("tests: %d without --include-partial, %d with; not tested: %v", without.Tests, with.Tests, with.NotTested)
	if without.Tests == 0 {
		t.Fatal("no test of January without --include-partial: the demo data no longer has the history this test needs")
	}
	if got, want := of(with, "2020-01-01"), of(without, "2020-01-01"); !reflect.DeepEqual(got, want) {
		t.Errorf("January's alerts with --include-partial = %v, want those without it, %v", got, want)
	}
	// January's tests, and February's NPS and CSAT level tests at least
	if with.Tests < without.Tests+2 {
		t.Errorf("%d tests with --include-partial, %d without: want January's and February's NPS and CSAT level tests besides", with.Tests, without.Tests)
	}
	trendNotTested := map[string]bool{}
	for _, nt := range with.NotTested {
		if nt["period_start"] == "2020-02-01" && nt["test"] == "trend" {
			trendNotTested[nt["metric"].(string)] = true
		}
	}
	if !trendNotTested["nps"] || !trendNotTested["csat"] {
		t.Errorf("metrics_not_tested = %v, want February's NPS and CSAT trends", with.NotTested)
	}
	if len(without.NotTested) != 0 {
		t.Errorf("complete months only: metrics_not_tested = %v, want none", without.NotTested)
	}

	out, _, err := runCLI(t, "--db", db, "trends", "--period", "month", "--metrics", "--as-of", "2020-02-15", "--include-partial")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "no test made") {
		t.Errorf("--include-partial says no test was made:\n%s", out)
	}
	for _, want := range []string{
		"nps trend (rising/falling) of the incomplete month of 2020-02-01 not tested: ",
		"csat trend (rising/falling) of the incomplete month of 2020-02-01 not tested: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table does not say what was not tested: want %q in\n%s", want, out)
		}
	}
}
