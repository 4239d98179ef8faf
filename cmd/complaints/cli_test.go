package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/xuri/excelize/v2"
)

const demo = "../../testdata/demo/cfpb_complaints_sample.csv"

func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

func TestIngestAndSQL(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	// --db after the command name.
	out, _, err := runCLI(t, "ingest", "--quiet", demo, "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	// SOURCE.md of cfpb-bdm-sample: 6,623 complaints.
	if want := "read 6623 = loaded 6623 + updated 0 + duplicate 0 + rejected 0"; !strings.Contains(out, want) {
		t.Errorf("ingest printed %q, want it to contain %q", out, want)
	}
	// --db before it.
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "json", "SELECT count(*) AS n, count(narrative) AS with_narrative FROM complaints")
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("sql --format json: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0]["n"] != float64(6623) || got[0]["with_narrative"] != float64(1532) {
		t.Errorf("sql = %v, want n 6623 and with_narrative 1532", got)
	}
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT NULL AS x, 1.5 AS y")
	if err != nil || out != "x,y\n,1.5\n" {
		t.Errorf("sql csv = %q, %v; want %q", out, err, "x,y\n,1.5\n")
	}
	out, _, err = runCLI(t, "--db", db, "sql", "SELECT NULL AS x")
	if err != nil || !strings.Contains(out, "n/a") {
		t.Errorf("sql table shows null as %q, %v; want n/a", out, err)
	}
	// The sql command is read-only.
	if _, _, err := runCLI(t, "--db", db, "sql", "DELETE FROM complaints"); err == nil {
		t.Error("sql DELETE succeeded on a read-only warehouse")
	}
	// ... and reaches no file: COPY ... TO wrote one, read_csv read any.
	written := filepath.Join(t.TempDir(), "copied.csv")
	for _, q := range []string{
		"COPY (SELECT complaint_id FROM complaints) TO '" + written + "'",
		"SELECT count(*) FROM read_csv('" + filepath.Join("..", "..", "testdata", "demo", "cfpb_complaints_sample.csv") + "')",
	} {
		if _, _, err := runCLI(t, "--db", db, "sql", q); err == nil || !strings.Contains(err.Error(), "disabled") {
			t.Errorf("sql %q: %v, want file access refused", q, err)
		}
	}
	if _, err := os.Stat(written); !os.IsNotExist(err) {
		t.Errorf("sql's COPY wrote %s: %v", written, err)
	}
}

// TestIngestTicketRatings: a helpdesk's ticket export with a satisfaction
// column (Zendesk's CSV export: Good, Bad, Offered, Unoffered) loads its
// tickets as complaints and then, as a second run, its ratings as survey
// answers to those tickets, so that CSAT counts them; before, the ratings
// stayed in the complaints' extra, and CSAT had none.
func TestIngestTicketRatings(t *testing.T) {
	dir := t.TempDir()
	db, export := filepath.Join(dir, "cli.duckdb"), filepath.Join(dir, "tickets.csv")
	if err := os.WriteFile(export, []byte("Id,Requester,Requester id,Assignee,Group,Subject,Status,Via,Created at,Solved at,Satisfaction Score\n"+
		"35436,Jo Doe,111,Sam,Support,Printer on fire,Solved,Web form,2024-03-05 12:00:00,2024-03-06 08:30:00,Good\n"+
		"35437,Al Li,112,Sam,Support,Cannot log in,Solved,Email,2024-03-05 13:00:00,2024-03-07 08:30:00,Bad\n"+
		"35438,Al Li,112,Sam,Support,Refund,Open,Email,2024-03-06 13:00:00,,Unoffered\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "ingest", "--quiet", export)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"run 1, profile tickets -> complaints: read 3 = loaded 3 + updated 0 + duplicate 0 + rejected 0",
		"run 2, profile ticket-ratings -> surveys: read 3 = loaded 2 + updated 0 + duplicate 0 + rejected 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest printed %q, want %q", out, want)
		}
	}
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "csv",
		"SELECT s.response_id, s.customer_id, strftime(s.responded_at, '%Y-%m-%d %H:%M') AS at, s.csat, c.narrative FROM surveys s JOIN complaints c USING (source, complaint_id) ORDER BY 1")
	if want := "response_id,customer_id,at,csat,narrative\n35436,111,2024-03-06 08:30,5,Printer on fire\n35437,112,2024-03-07 08:30,1,Cannot log in\n"; err != nil || out != want {
		t.Errorf("surveys = %q, %v; want %q", out, err, want)
	}
}

func TestCLIErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"no command", []string{"--db", db}, "no command given"}, // it printed the help and exited 0
		{"missing file", []string{"--db", db, "ingest", "--quiet", "no/such.csv"}, "no/such.csv"},
		{"bad profile", []string{"--db", db, "ingest", "--quiet", "--profile", "nope", demo}, `unknown profile "nope"`},
		{"no files", []string{"--db", db, "ingest"}, "no file given: name the files to load; see `complaints help ingest`"},
		// each said only "usage" (QA pass R)
		{"report without out", []string{"--db", db, "report"}, "--out is required: the directory to write the pages to"},
		{"run without out", []string{"--db", db, "run", demo}, "--out is required"},
		{"export without out", []string{"--db", db, "export"}, "--out is required: the directory to write to"},
		{"notebook without out", []string{"--db", db, "notebook", "n.md"}, "--out is required: the HTML file to write"},
		{"notebook two files", []string{"--db", db, "notebook", "a.md", "b.md", "--out", "x.html"}, "want one notebook file, got 2"},
		{"metrics stray argument", []string{"--db", db, "metrics", "extra_arg"}, `unexpected argument "extra_arg"`},
		{"trends stray argument", []string{"--db", db, "trends", "week"}, `unexpected argument "week"`},
		{"classify stray argument", []string{"--db", db, "classify", "all"}, `unexpected argument "all"`},
		{"sql without query", []string{"--db", db, "sql"}, "no query given"},
		// the format was checked after the work: the error named none of it
		{"sql unknown format", []string{"--db", db, "sql", "--format", "xml", "select nosuch"}, `unknown format "xml" (want table, csv or json)`},
		{"trends unknown format", []string{"--db", filepath.Join(t.TempDir(), "none.duckdb"), "trends", "--format", "csv"}, `unknown format "csv" (want table or json)`},
		{"db without value", []string{"ingest", "--db"}, "--db needs a value"},
		{"negative memory limit", []string{"--db", db, "--memory-limit", "-5GB", "sql", "select 1"}, "--memory-limit -5GB: want a size"},
		{"negative memory limit with =", []string{"--db", db, "--memory-limit=-1MB", "sql", "select 1"}, "--memory-limit -1MB: want a size"},
		// --limit 0 listed the default 100 customers
		{"churn limit 0", []string{"--db", db, "metrics", "--churn", "--limit", "0"}, "--limit 0: want the number of customers to list"},
		{"churn limit -2", []string{"--db", db, "metrics", "--churn", "--limit", "-2"}, "--limit -2: want"},
		{"limit without churn", []string{"--db", db, "metrics", "--limit", "5"}, "--limit counts the customers --churn lists"},
		{"min-responses without drivers", []string{"--db", db, "metrics", "--min-responses", "5"}, "give --drivers too"},
		// out-of-range values were replaced by defaults, and two modes ran one
		{"trends q 0", []string{"--db", db, "trends", "--q", "0"}, "--q 0: want"},
		{"trends q 1.5", []string{"--db", db, "trends", "--q", "1.5"}, "--q 1.5: want"},
		{"trends min-count 0", []string{"--db", db, "trends", "--min-count", "0"}, "--min-count 0: want"},
		{"train without out", []string{"--db", db, "train", "--label", "product"}, "--out is required"},
		{"train without label", []string{"--db", db, "train", "--out", "m.model"}, "--label is required"},
		{"metrics two modes", []string{"--db", db, "metrics", "--churn", "--recovery"}, "give one"},
		{"metrics link window 0", []string{"--db", db, "metrics", "--recovery", "--link-window", "0s"}, "--link-window 0s: want"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCLI(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) error = %v, want it to contain %q", tt.args, err, tt.want)
			}
		})
	}
}

// TestMemoryLimit: DuckDB's memory limit is 1GB unless --memory-limit names
// another (DuckDB reads "1GB" as 10^9 bytes and prints it as 953.6 MiB).
func TestMemoryLimit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "mem.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", demo); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "953.6 MiB"},
		{[]string{"--memory-limit", "3GB"}, "2.7 GiB"},
	} {
		args := append(append([]string{"--db", db}, tc.args...), "sql", "--format", "csv", "SELECT current_setting('memory_limit') AS m")
		out, _, err := runCLI(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(strings.TrimPrefix(out, "m\n")); got != tc.want {
			t.Errorf("%v: memory_limit = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestOutOfMemoryHint: when DuckDB runs out of its memory limit the error
// names the flag that raises it (DuckDB's own advice names SET memory_limit),
// and the warehouse is left as it was.
func TestOutOfMemoryHint(t *testing.T) {
	db := filepath.Join(t.TempDir(), "oom.duckdb")
	// 2MB is less than one of DuckDB's 16 MiB CSV read buffers.
	_, _, err := runCLI(t, "--db", db, "--memory-limit", "2MB", "ingest", "--quiet", demo)
	if err == nil || !strings.Contains(err.Error(), "run again with a larger --memory-limit") || !strings.Contains(err.Error(), "limit, 2MB") {
		t.Fatalf("ingest under 2MB: err = %v, want the --memory-limit hint", err)
	}
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM complaints")
	if err != nil || strings.TrimSpace(out) != "n\n0" {
		t.Errorf("after the failed ingest: %q, %v; want no complaints", out, err)
	}
}

// TestOlderWarehouse: a warehouse of schema version 1 (before the phrase
// cache) is refused by a read-only command with the command that migrates
// it, which then does, after which the read-only command works.
func TestOlderWarehouse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v1.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", demo); err != nil {
		t.Fatal(err)
	}
	// Back to version 1: migrations 002 to 004 added these four tables only.
	execOn(t, db, []string{`DROP TABLE phrase_counts`, `DROP TABLE phrase_periods`, `DROP TABLE phrase_texts`, `DROP TABLE classify_runs`, `DELETE FROM schema_migrations WHERE version >= 2`})
	_, _, err := runCLI(t, "--db", db, "sql", "SELECT count(*) FROM complaints")
	if err == nil || !errors.Is(err, warehouse.ErrOlder) || !strings.Contains(err.Error(), "classify` once") {
		t.Fatalf("sql on a version 1 warehouse: %v; want ErrOlder naming the command that migrates", err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatalf("classify (migrates): %v", err)
	}
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT max(version) AS v, (SELECT count(*) FROM phrase_periods) AS cached FROM schema_migrations")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("v,cached\n%d,0\n", warehouse.SchemaVersion()); out != want {
		t.Errorf("after classify: %q, want %q", out, want)
	}
}

// TestIngestWorkbookSheets: a workbook that keeps its tickets a sheet a
// month, with a summary between them and survey answers after, loads every
// sheet a profile reads, each a run of its own (the ratings of each ticket
// sheet too); before, only the first sheet loaded and the others were
// silently left.
func TestIngestWorkbookSheets(t *testing.T) {
	dir := t.TempDir()
	db, book := filepath.Join(dir, "cli.duckdb"), filepath.Join(dir, "book.xlsx")
	header := []any{"Id", "Requester", "Requester id", "Assignee", "Group", "Subject", "Status", "Via", "Created at", "Solved at", "Satisfaction Score"}
	writeWorkbook(t, book, []string{"Jan", "Summary", "Feb", "Survey"}, map[string][][]any{
		"Jan": {header,
			{"101", "Jo Doe", "111", "Sam", "Support", "Printer on fire", "Solved", "Web form", "2024-01-05 12:00:00", "2024-01-06 08:30:00", "Good"},
			{"102", "Al Li", "112", "Sam", "Support", "Cannot log in", "Open", "Email", "2024-01-09 13:00:00", "", "Unoffered"}},
		"Summary": {{"Tickets by month"}, {"Month", "Tickets"}, {"Jan", 2}, {"Feb", 1}},
		"Feb": {header,
			{"103", "Jo Doe", "111", "Sam", "Support", "Charged twice", "Solved", "Email", "2024-02-05 12:00:00", "2024-02-07 08:30:00", "Bad"}},
		"Survey": {{"response_id", "customer_id", "responded_at", "nps", "comment"},
			{"r1", "111", "2024-02-10", 3, "still charged twice"}, {"r2", "112", "2024-02-11", 9, "fine now"}},
	})
	out, _, err := runCLI(t, "--db", db, "ingest", "--quiet", book)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`run 1, profile tickets, sheet "Jan" -> complaints: read 2 = loaded 2 + updated 0 + duplicate 0 + rejected 0`,
		`run 2, profile ticket-ratings, sheet "Jan" -> surveys: read 2 = loaded 1 + updated 0 + duplicate 0 + rejected 1`,
		`run 3, profile tickets, sheet "Feb" -> complaints: read 1 = loaded 1 + updated 0 + duplicate 0 + rejected 0`,
		`run 4, profile ticket-ratings, sheet "Feb" -> surveys: read 1 = loaded 1 + updated 0 + duplicate 0 + rejected 0`,
		`run 5, profile canonical, sheet "Survey" -> surveys: read 2 = loaded 2 + updated 0 + duplicate 0 + rejected 0`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest printed\n%s\nwant a line containing %q", out, want)
		}
	}
	if n := strings.Count(out, "\n"); n != 5 {
		t.Errorf("ingest printed %d lines, want 5 (the summary sheet is no run)", n)
	}
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "csv",
		"SELECT run_id, warnings FROM ingest_runs ORDER BY run_id")
	want := "run_id,warnings\n" +
		`1,"sheet ""Jan"" of the workbook read; its sheets ""Feb"", ""Survey"" read too, each a run of its own"` + "\n" +
		`2,"sheet ""Jan"" of the workbook read"` + "\n" +
		`3,"sheet ""Feb"" of the workbook read"` + "\n" +
		`4,"sheet ""Feb"" of the workbook read"` + "\n" +
		`5,"sheet ""Survey"" of the workbook read"` + "\n"
	if err != nil || out != want {
		t.Errorf("ingest_runs warnings:\n%s%v\nwant\n%s", out, err, want)
	}
	// --sheet reads the one sheet named
	db2 := filepath.Join(dir, "one.duckdb")
	out, _, err = runCLI(t, "--db", db2, "ingest", "--quiet", "--sheet", "Feb", book)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 2 || !strings.Contains(out, `run 1, profile tickets, sheet "Feb" -> complaints: read 1 = loaded 1`) {
		t.Errorf("ingest --sheet Feb printed\n%s\nwant Feb's tickets and ratings alone", out)
	}
}

// writeWorkbook writes an XLSX workbook of the sheets, in order.
func writeWorkbook(t *testing.T, path string, order []string, sheets map[string][][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", s)
		} else if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[s] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestMetricsChurnTotal: `metrics --churn` lists the riskiest --limit
// customers and counts all those with a signal (customers_with_signal in
// JSON, a line under the table), which the list alone understated: the
// executive page read "100 customers show at least one churn signal" for
// the demo's helpdesk customers, the default limit. The count is checked
// against the whole list (--limit -1).
func TestMetricsChurnTotal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", helpdesk); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatal(err)
	}
	type answer struct {
		WithSignal int64             `json:"customers_with_signal"`
		Customers  []json.RawMessage `json:"customers"`
	}
	churn := func(limit string) answer {
		out, _, err := runCLI(t, "--db", db, "metrics", "--churn", "--limit", limit, "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var a answer
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	all, three := churn("-1"), churn("3")
	if len(all.Customers) <= 3 || all.WithSignal != int64(len(all.Customers)) {
		t.Fatalf("--limit -1: %d customers listed, %d with a signal: want more than 3, and equal", len(all.Customers), all.WithSignal)
	}
	if len(three.Customers) != 3 || three.WithSignal != all.WithSignal {
		t.Errorf("--limit 3: %d listed, %d with a signal; want 3 and %d", len(three.Customers), three.WithSignal, all.WithSignal)
	}
	// a report date before the data: a header alone read as a failure
	// (an exploratory QA pass); the line after it says why
	if out, _, err := runCLI(t, "--db", db, "metrics", "--as-of", "1999-01-01"); err != nil || !strings.HasSuffix(out, "\nno complaint or survey response on or before 1999-01-01\n") {
		t.Errorf("metrics before the data = %q, %v; want the header and a line saying there is nothing", out, err)
	}
	out, _, err := runCLI(t, "--db", db, "metrics", "--churn", "--limit", "3")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%d customers have a churn signal; the riskiest 3 are listed", all.WithSignal); !strings.Contains(out, want) {
		t.Errorf("the table does not say %q:\n%s", want, out)
	}
}

// TestIngestNamesFilesNotLoaded: a file that is not there is named before
// any file loads; a file that fails part way names the files after it,
// which were not loaded. Before, `ingest a.csv missing.csv c.csv` loaded
// a.csv, stopped, and did not say that c.csv was not loaded (an
// exploratory QA pass).
func TestIngestNamesFilesNotLoaded(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.json")
	last := filepath.Join(dir, "last.csv")
	for p, b := range map[string]string{
		good: "complaint_id,received_at,narrative\n1,2024-01-02,late\n",
		bad:  `[{"complaint_id": "2", "received_at": "2024-01-03"`,
		last: "complaint_id,received_at,narrative\n3,2024-01-04,late\n",
	} {
		if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := runCLI(t, "--db", db, "ingest", "--quiet", good, filepath.Join(dir, "missing.csv"), last)
	if err == nil || !strings.Contains(err.Error(), "missing.csv") || !strings.Contains(err.Error(), "no file loaded") {
		t.Errorf("ingest with a missing file: %v, want it named and no file loaded", err)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the warehouse was created or written: %v", err)
	}
	_, _, err = runCLI(t, "--db", db, "ingest", "--quiet", good, bad, last)
	if err == nil || !strings.Contains(err.Error(), "not loaded: "+last) {
		t.Errorf("ingest with a malformed file: %v, want it to name %s as not loaded", err, last)
	}
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT string_agg(complaint_id, ',' ORDER BY complaint_id) AS ids FROM complaints")
	if err != nil || out != "ids\n1\n" {
		t.Errorf("complaints loaded = %q, %v; want only the first file's", out, err)
	}
}

// TestBadIngestFlagsNoWarehouse: a typo in --profile, --date-order or the
// mapping file fails before the warehouse is opened: each created an empty
// warehouse at --db (QA pass P), which later read commands then read as
// one with no data.
func TestBadIngestFlagsNoWarehouse(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "c.csv")
	mapping := filepath.Join(dir, "bad.yaml")
	for p, b := range map[string]string{
		data:    "complaint_id,received_at,narrative\n1,2024-01-02,late\n",
		mapping: "columns:\n  complaint_id: complaint_id\ncolums: {}\n",
	} {
		if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, args := range [][]string{
		{"ingest", "--profile", "cfbp", data},
		{"ingest", "--date-order", "mdy", data},
		{"ingest", "--mapping", mapping, data},
		{"run", "--out", filepath.Join(dir, "out"), "--mapping", mapping, data},
		{"run", "--out", filepath.Join(dir, "out"), "--profile", "cfbp", data},
	} {
		db := filepath.Join(dir, fmt.Sprintf("w%d.duckdb", i))
		_, _, err := runCLI(t, append([]string{"--db", db}, args...)...)
		if err == nil {
			t.Errorf("%v: no error", args)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error of several lines: %q", args, err)
		}
		// the mapping's typo in the file's terms, one line (yaml.v3's read
		// "yaml: unmarshal errors:" and, below, "line 3: field colums not
		// found in type ingest.Mapping")
		if slices.Contains(args, mapping) && (err == nil || !strings.Contains(err.Error(), `bad.yaml: line 3: unknown key "colums"`)) {
			t.Errorf("%v: %v, want the mapping's unknown key named with its line", args, err)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%v: the warehouse was created (%v)", args, err)
		}
	}
}

// TestAsOfChecked: an --as-of after tomorrow is read with a warning (the
// figures judge open complaints at that date: --as-of 2099-01-01 read the
// demo's last week as 44% within the SLA where it is 91%, without a word),
// and a date that does not exist is named so rather than as a wrong
// format (QA pass P).
func TestAsOfChecked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	data := filepath.Join(dir, "c.csv")
	if err := os.WriteFile(data, []byte("complaint_id,received_at,narrative\n1,2024-01-02,late\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", data); err != nil {
		t.Fatal(err)
	}
	const warning = "--as-of is in the future"
	for _, cmd := range [][]string{{"metrics"}, {"trends"}, {"report", "--out", filepath.Join(dir, "out")}} {
		_, errOut, err := runCLI(t, append([]string{"--db", db}, append(cmd, "--as-of", "2099-01-01")...)...)
		if err != nil || !strings.Contains(errOut, warning) {
			t.Errorf("%v --as-of 2099-01-01: %v, stderr %q; want the warning", cmd, err, errOut)
		}
		if _, errOut, err := runCLI(t, append([]string{"--db", db}, append(cmd, "--as-of", "2024-01-05")...)...); err != nil || strings.Contains(errOut, warning) {
			t.Errorf("%v --as-of 2024-01-05: %v, stderr %q; want no warning", cmd, err, errOut)
		}
		if _, _, err := runCLI(t, append([]string{"--db", db}, append(cmd, "--as-of", "2024-02-30")...)...); err == nil || !strings.Contains(err.Error(), `--as-of "2024-02-30": no such date`) {
			t.Errorf("%v --as-of 2024-02-30: %v, want no such date", cmd, err)
		}
	}
}

// TestInterruptedOneLine: a command stopped by Ctrl-C says so in one line
// naming the step stopped. The driver joins DuckDB's "INTERRUPT Error:
// Interrupted!" to the context's error: `report` printed "...: context
// canceled" and then that on a line of its own (an exploratory QA pass).
func TestInterruptedOneLine(t *testing.T) {
	joined := errors.Join(fmt.Errorf("reports: scope texts: %w", context.Canceled), errors.New("INTERRUPT Error: Interrupted!"))
	var err error = interrupted{fmt.Errorf("report: %w", joined)}
	if got, want := err.Error(), "report: reports: scope texts: interrupted"; got != want {
		t.Errorf("interrupted = %q, want %q", got, want)
	}
	if !errors.Is(err, context.Canceled) {
		t.Error("interrupted does not wrap context.Canceled")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err = run(ctx, []string{"--db", emptyWarehouse(t), "sql", "SELECT 1"}, &stdout, &stderr)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.HasSuffix(err.Error(), ": interrupted") {
		t.Errorf("sql with its context cancelled: %q, want one line ending in \": interrupted\"", err)
	}
}

// TestParseFlags: flags among positional arguments; "--" ends the flags,
// wherever it comes ("ingest --mapping m.yaml -- -a.csv -b.csv" read -b.csv
// as a flag: QA pass P); an argument of several words that starts with "-"
// is text, a query that starts with a comment (it failed as the flag
// "- count").
func TestParseFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
		m    string
	}{
		{[]string{"a.csv", "--mapping", "m.yaml", "b.csv"}, []string{"a.csv", "b.csv"}, "m.yaml"},
		{[]string{"--mapping", "m.yaml", "--", "-a.csv", "-b.csv"}, []string{"-a.csv", "-b.csv"}, "m.yaml"},
		{[]string{"-a.csv", "x"}, nil, ""}, // -a.csv is a flag: an error
		{[]string{"--", "-c.csv", "--mapping", "m.yaml"}, []string{"-c.csv", "--mapping", "m.yaml"}, ""},
		{[]string{"x.csv", "--", "--mapping"}, []string{"x.csv", "--mapping"}, ""},
		{[]string{"-- count\nSELECT 1", "--mapping", "m.yaml"}, []string{"-- count\nSELECT 1"}, "m.yaml"},
		{[]string{"--mapping", "m.yaml", "-- note SELECT 2"}, []string{"-- note SELECT 2"}, "m.yaml"},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		m := fs.String("mapping", "", "")
		got, err := parseFlags(fs, tt.args)
		if tt.want == nil {
			if err == nil {
				t.Errorf("parseFlags(%q) = %q, want an error", tt.args, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) || *m != tt.m {
			t.Errorf("parseFlags(%q) = %q, mapping %q, %v; want %q, %q", tt.args, got, *m, err, tt.want, tt.m)
		}
	}
}

// TestVerboseValue: -v=false leaves the debug log off (it turned it on: QA
// pass P); -v and --verbose=true turn it on; a value that is no boolean is
// an error naming it.
func TestVerboseValue(t *testing.T) {
	for _, tt := range []struct {
		arg  string
		want bool
		bad  bool
	}{{"-v", true, false}, {"-v=false", false, false}, {"--verbose=true", true, false}, {"--verbose=0", false, false}, {"-v=maybe", false, true}} {
		var verbose bool
		rest, err := extractGlobals([]string{tt.arg, "metrics"}, &env{}, &verbose)
		if tt.bad {
			if err == nil || !strings.Contains(err.Error(), "maybe") {
				t.Errorf("%s: %v, want an error naming the value", tt.arg, err)
			}
			continue
		}
		if err != nil || verbose != tt.want || !slices.Equal(rest, []string{"metrics"}) {
			t.Errorf("%s: verbose %v, rest %q, %v; want %v", tt.arg, verbose, rest, err, tt.want)
		}
	}
}

// TestMemoryAdvice: a spill that found the temporary directory full was
// reported as too little memory, with advice to raise --memory-limit
// (QA pass T: a 20 MB --temp-dir under `run` of 1M complaints).
func TestMemoryAdvice(t *testing.T) {
	e := &env{dbPath: "w.duckdb", tempDir: "/mnt/small"}
	full := errors.New(`Out of Memory Error: failed to offload data block of size 256.0 KiB (19.0 MiB/19.0 MiB used). This limit was set by the 'max_temp_directory_size' setting.`)
	if got := memoryAdvice(full, e); !strings.Contains(got, "(/mnt/small), and that is full") || strings.Contains(got, "larger --memory-limit") {
		t.Errorf("temp directory full: %q", got)
	}
	short := errors.New(`Out of Memory Error: failed to allocate data of size 16.0 MiB (1.0 GiB/1.0 GiB used)`)
	if got := memoryAdvice(short, e); !strings.Contains(got, "larger --memory-limit") {
		t.Errorf("memory short: %q", got)
	}
}
