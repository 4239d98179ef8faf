package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMetricsCSVNoFormulas: metrics' CSV, which a manager opens in a
// spreadsheet, writes a text cell from the data that begins as a formula
// does (=, +, -, @, a tab or a carriage return) after an apostrophe, as
// the reports' ID lists do (QA pass U: a department "=HYPERLINK(...)" and
// customers "@evil", "-1+1" were written as they are, live formulas in
// Excel); numbers, negative ones too, are written as they are.
func TestMetricsCSVNoFormulas(t *testing.T) {
	db := ingestCSV(t, "complaint_id,received_at,customer_id,product,department,narrative\n"+
		"1,2024-03-04,@evil,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",-1+1,I will cancel my account\n"+
		"2,2024-03-05,@evil,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",-1+1,I will cancel my account and switch\n"+
		"3,2024-03-06,@evil,card,+dept,never again\n")
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"metrics", "--by", "product", "--by", "department", "--format", "csv"},
		{"metrics", "--churn", "--format", "csv"},
	} {
		out, _, err := runCLI(t, append([]string{"--db", db}, args...)...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			// the churn output is two tables, the second after a blank line
			recs, err = csv.NewReader(strings.NewReader(strings.SplitN(out, "\n\n", 2)[0])).ReadAll()
			if err != nil {
				t.Fatalf("%v: %v\n%s", args, err, out)
			}
		}
		seen := map[string]bool{}
		for i, rec := range recs {
			for _, c := range rec {
				if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) || strings.HasPrefix(c, "-1+") {
					t.Errorf("%v record %d: cell %q begins as a formula", args, i, c)
				}
				seen[c] = true
			}
		}
		want := []string{`'=HYPERLINK("http://evil.example/","x")`, "'-1+1", "'+dept"}
		if args[1] == "--churn" {
			want = []string{"'@evil"}
		}
		for _, w := range want {
			if !seen[w] {
				t.Errorf("%v: no cell %q in\n%s", args, w, out)
			}
		}
	}
}

// ingestCSV loads a canonical CSV file of body into a new warehouse and
// returns the warehouse's path.
func ingestCSV(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "cases.csv")
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "w.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", file); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestIngestLineControls: the line ingest prints for a file names the
// file with its control characters escaped, as the warnings and errors
// name it (QA pass U: a name holding ESC [31m recoloured the terminal).
func TestIngestLineControls(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a\x1b[31mred\x1b]0;PWN\a.csv")
	if err := os.WriteFile(file, []byte("complaint_id,received_at,narrative\n1,2024-03-04,hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", filepath.Join(dir, "w.duckdb"), "ingest", file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out, "\x1b\a") || !strings.Contains(out, `a\x1b[31mred\x1b]0;PWN\x07.csv: run 1`) {
		t.Errorf("ingest printed %q, want the name's controls escaped", out)
	}
}
