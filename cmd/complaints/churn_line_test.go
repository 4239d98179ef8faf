package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestChurnLineAlways: how many customers have a churn signal is "a line
// under the table; null where no complaint names its customer" (README,
// metrics), and the table printed it only when fewer were listed than had
// one: with --limit -1, or with none at all, or with no customer IDs, the
// table ended without a word (a newcomer QA pass).
func TestChurnLineAlways(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", helpdesk); err != nil {
		t.Fatal(err)
	}
	js, _, err := runCLI(t, "--db", db, "metrics", "--churn", "--limit", "-1", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var all struct {
		WithSignal int64 `json:"customers_with_signal"`
	}
	if err := json.Unmarshal([]byte(js), &all); err != nil || all.WithSignal < 2 {
		t.Fatalf("metrics --churn --format json: %v, %d customers with a signal; want 2 or more", err, all.WithSignal)
	}
	// customers named but none with a signal yet: the report date is the
	// day of the first complaint (2019-09-16), the helpdesk's first
	// signal comes later
	for _, tt := range []struct{ args, want string }{
		{"--limit -1", fmt.Sprintf("\n%d customers have a churn signal; all are listed.\n", all.WithSignal)},
		{"--as-of 2019-09-16", "\n0 customers have a churn signal.\n"},
		// the ID lists' demo CFPB export names no customer
		{"--db " + filepath.Join(dir, "cfpb.duckdb"), "\nno complaint names its customer: how many customers have a churn signal is unknown.\n"},
	} {
		args := append([]string{"--db", db, "metrics", "--churn"}, strings.Fields(tt.args)...)
		if strings.HasPrefix(tt.args, "--db") {
			if _, _, err := runCLI(t, "--db", filepath.Join(dir, "cfpb.duckdb"), "ingest", "--quiet", demo); err != nil {
				t.Fatal(err)
			}
		}
		out, _, err := runCLI(t, args...)
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("metrics --churn %s = %v:\n%s\nwant the line %q", tt.args, err, out, tt.want)
		}
	}
}
