package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The faults of QA pass BI: the CLI scripted into a nightly job.

// TestRunWithoutFiles: `run --out DIR` with no FILE (an empty glob) and no
// warehouse at --db made an empty warehouse and replaced the published
// pages with empty ones, exit 0. It is refused as `ingest` without a file
// is, before anything is created or written. (Without a file, run renders
// an existing warehouse: TestPhraseCache.)
func TestRunWithoutFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "none.duckdb")
	out := filepath.Join(dir, "pub")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(out, "index.html")
	if err := os.WriteFile(page, []byte("last night's page"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, "--db", db, "run", "--out", out)
	if err == nil || !strings.Contains(err.Error(), "no file given: name the files to load") {
		t.Errorf("run --out DIR without a file: %v, want \"no file given\"", err)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("run without a file created the warehouse: %v", err)
	}
	if b, err := os.ReadFile(page); err != nil || string(b) != "last night's page" {
		t.Errorf("run without a file replaced the page: %q, %v", b, err)
	}
}

// TestCommandsNeedWarehouse: classify on a missing --db created an empty
// warehouse and exited 0. Every command but ingest and run refuses a
// missing warehouse, as metrics did, and creates none.
func TestCommandsNeedWarehouse(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"classify"},
		{"classify", "--all"},
		{"metrics"},
		{"trends"},
		{"report", "--out", filepath.Join(dir, "out")},
		{"sql", "select 1"},
		{"train", "--label", "product", "--out", filepath.Join(dir, "m.model")},
		{"export", "--out", filepath.Join(dir, "parquet")},
		{"notebook", "../../notebooks/recurring-defects.md", "--out", filepath.Join(dir, "nb.html")},
	} {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "missing.duckdb")
			_, _, err := runCLI(t, append([]string{"--db", db}, args...)...)
			if err == nil || !strings.Contains(err.Error(), "load data with `complaints ingest` first") {
				t.Errorf("%s on a missing warehouse: %v, want the refusal", args, err)
			}
			if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s created the warehouse: %v", args, err)
			}
		})
	}
}

// TestHelp: `help CMD` printed the general usage, `help nosuch` exited 0,
// and a command's help went to stderr (`metrics --help | grep as-of` found
// nothing). Help asked for goes to stdout; usage errors stay on stderr.
func TestHelp(t *testing.T) {
	flagHelp, stderr, err := runCLI(t, "metrics", "--help")
	if err != nil || !strings.Contains(flagHelp, "-as-of") || !strings.Contains(flagHelp, "usage: complaints metrics") || stderr != "" {
		t.Errorf("metrics --help: stdout %q, stderr %q, %v; want the flags on stdout", flagHelp, stderr, err)
	}
	out, stderr, err := runCLI(t, "help", "metrics")
	if err != nil || out != flagHelp || stderr != "" {
		t.Errorf("help metrics: stdout %q, stderr %q, %v; want metrics --help's stdout %q", out, stderr, err, flagHelp)
	}
	general, _, err := runCLI(t, "--help")
	if err != nil || !strings.Contains(general, "Commands:") {
		t.Errorf("--help: %q, %v", general, err)
	}
	if out, _, _ := runCLI(t, "help"); out != general {
		t.Errorf("help = %q, want --help's %q", out, general)
	}
	if _, _, err := runCLI(t, "help", "nosuch"); err == nil || !strings.Contains(err.Error(), `unknown command "nosuch"`) {
		t.Errorf("help nosuch: %v, want unknown command", err)
	}
	if _, _, err := runCLI(t, "--nosuch", "metrics"); err == nil || !strings.Contains(err.Error(), `unknown flag "--nosuch"`) {
		t.Errorf("--nosuch metrics: %v, want unknown flag", err)
	}
	// a usage error: its one line (README, commands) says where the flags
	// are, nothing on stdout (TestUsageErrorOneLine)
	out, stderr, err = runCLI(t, "metrics", "--bogus")
	if err == nil || out != "" || stderr != "" || !strings.HasSuffix(err.Error(), "; see `complaints help metrics`") {
		t.Errorf("metrics --bogus: stdout %q, stderr %q, %v; want an error pointing to the help", out, stderr, err)
	}
}

// TestMetricsModesRefuseByAndPeriod: --churn, --recovery and --drivers
// are tables of their own, over the whole warehouse: --by and --period
// were ignored without a word (the output the same bytes with and
// without), as --limit without --churn no longer is.
func TestMetricsModesRefuseByAndPeriod(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.duckdb")
	for _, mode := range []string{"--churn", "--recovery", "--drivers"} {
		for _, flag := range [][]string{{"--by", "topic"}, {"--period", "month"}, {"--period", "week"}} {
			args := append([]string{"--db", db, "metrics", mode}, flag...)
			if _, _, err := runCLI(t, args...); err == nil || !strings.Contains(err.Error(), flag[0]+" ") || !strings.Contains(err.Error(), mode) {
				t.Errorf("%q: %v, want %s refused with %s", args, err, flag[0], mode)
			}
		}
	}
}

// TestRunChecksIDsFirst: a file of the user's in DIR/ids stopped run only
// after ingest and classify; run checks it, as report does, before it
// loads anything.
func TestRunChecksIDsFirst(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(filepath.Join(out, "ids"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "ids", "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, "--db", db, "run", "--out", out, demo)
	if err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("run into a DIR whose ids/ holds notes.txt: %v, want it named", err)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("run loaded before it refused the output directory: %v", err)
	}
}

// TestDateWording: --since 2020-02-30 said "want YYYY-MM-DD" where --as-of
// and --holidays say "no such date" of a date written right that is none.
func TestDateWording(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.duckdb")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"trends", "--since", "2020-02-30"}, `--since "2020-02-30": no such date`},
		{[]string{"trends", "--since", "2020-2-3"}, `--since "2020-2-3": want YYYY-MM-DD`},
		{[]string{"trends", "--as-of", "2020-13-01"}, `--as-of "2020-13-01": no such date`},
		{[]string{"metrics", "--as-of", "01/02/2020"}, `--as-of "01/02/2020": want YYYY-MM-DD`},
		{[]string{"report", "--out", "x", "--holidays", "2024-13-01"}, `--holidays "2024-13-01": no such date`},
	} {
		if _, _, err := runCLI(t, append([]string{"--db", db}, tt.args...)...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.args, err, tt.want)
		}
	}
}

// TestNotAWarehouse: an empty file, a text file or an SQLite database as
// --db was called damaged ("restore it from a backup"), though it never
// was a warehouse; it is called not a complaints warehouse, as a DuckDB
// database without the warehouse's tables is, and left as it was.
func TestNotAWarehouse(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, data, want string
	}{
		{"empty", "", "an empty file"},
		{"text", "complaint_id,product\n1,card\n", "not a DuckDB database"},
		// the 16 bytes an SQLite 3 database begins with (sqlite.org/fileformat.html, 1.3)
		{"sqlite", "SQLite format 3\x00" + strings.Repeat("\x00", 84), "an SQLite database"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, tt.name+".db")
			if err := os.WriteFile(file, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"sql", "select 1"}, {"classify"}, {"ingest", "--quiet", demo}} {
				_, _, err := runCLI(t, append([]string{"--db", file}, args...)...)
				if err == nil || !strings.Contains(err.Error(), "not a complaints warehouse") || !strings.Contains(err.Error(), tt.want) ||
					!strings.Contains(err.Error(), file) || strings.Contains(err.Error(), "damaged") {
					t.Errorf("%s on %s: %v, want \"not a complaints warehouse\" and %q", args, tt.name, err, tt.want)
				}
			}
			if b, err := os.ReadFile(file); err != nil || string(b) != tt.data {
				t.Errorf("the file was changed: %q, %v", b, err)
			}
		})
	}
}

// TestTrainUsage: train's help gave -class-weight two defaults
// ("default for short texts: sqrt) (default "balanced")"), and its usage
// line showed [--bigrams], on by default, as if it were opt-in.
func TestTrainUsage(t *testing.T) {
	out, _, err := runCLI(t, "train", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := strings.Count(line, "default"); n > 1 {
			t.Errorf("train --help: %q says default %d times", line, n)
		}
	}
	if strings.Contains(out, "[--bigrams]") || !strings.Contains(out, "[--bigrams=false]") {
		t.Errorf("train --help: the usage line shows --bigrams as opt-in:\n%s", out)
	}
}

// TestSQLOneStatement: sql "select 1; select 2" printed the last result
// only; it refuses more than one statement (a notebook shows each).
func TestSQLOneStatement(t *testing.T) {
	db := ingestCSV(t, "complaint_id,received_at,product\n1,2024-03-01,card\n")
	_, _, err := runCLI(t, "--db", db, "sql", "select 1 AS a; select 2 AS b")
	if err == nil || !strings.Contains(err.Error(), "2 statements") {
		t.Errorf("sql with two statements: %v, want them refused", err)
	}
	// a closing semicolon, or one inside a string or a comment, is no second statement
	for _, tt := range []struct{ q, want string }{
		{"select 1 AS a;", "a\n1\n"},
		{"select ';' AS a", "a\n;\n"},
		{"select 1 AS a -- one; or two\n", "a\n1\n"},
	} {
		if out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", tt.q); err != nil || out != tt.want {
			t.Errorf("sql %q = %q, %v; want %q", tt.q, out, err, tt.want)
		}
	}
}
