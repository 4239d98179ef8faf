package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestNamesItsRejects: a file with some records rejected says, on
// its reconciliation line, the first reason and how to list them all.
// Before, the line said "rejected 10" and nothing else, and a QA pass
// had to find the reasons in the audit page's lineage by run number.
func TestIngestNamesItsRejects(t *testing.T) {
	dir := t.TempDir()
	db, export := filepath.Join(dir, "cli.duckdb"), filepath.Join(dir, "week.csv")
	if err := os.WriteFile(export, []byte("complaint_id,source,received_at,narrative\n"+
		"1,shop,2024-03-05 12:00:00,fine\n"+
		"2,shop,not a date,bad date\n"+
		"3,shop,2024-03-06 12:00:00,fine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "ingest", "--quiet", export)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"read 3 = loaded 2 + updated 0 + duplicate 0 + rejected 1 (first: record 2, field received_at",
		// with the warehouse it was given: pasted without it, the query
		// read the default complaints.duckdb (a QA pass)
		`every reason: complaints --db '` + db + `' sql "SELECT record_number, reason FROM rejects WHERE run_id = 1 ORDER BY record_number")`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest printed %q, want %q", out, want)
		}
	}
	// a file with none rejected says nothing of rejects
	export2 := filepath.Join(dir, "week2.csv")
	if err := os.WriteFile(export2, []byte("complaint_id,source,received_at,narrative\n4,shop,2024-03-07 12:00:00,fine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, "--db", db, "ingest", "--quiet", export2)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "first:") || strings.Contains(out, "FROM rejects") {
		t.Errorf("ingest printed %q, want no reject pointer", out)
	}
}
