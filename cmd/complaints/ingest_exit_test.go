package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTemp(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestIngestAllRejectedFails: a file that holds records and had every one
// rejected fails the command (cron saw exit 0 and a WARN line: QA pass
// AA), naming the file, the count and the first reason, and saying that
// its rejects are committed; the files before it stay loaded, those after
// it are not loaded and named, as after a file that cannot be read.
func TestIngestAllRejectedFails(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	good := writeTemp(t, dir, "good.csv", "complaint_id,received_at\nA,2024-04-22\n")
	// two records whose dates no layout reads: both rejected
	bad := writeTemp(t, dir, "bad.csv", "complaint_id,received_at\nB,22-Apr-15 x\nC,23-Apr-15 y\n")
	after := writeTemp(t, dir, "after.csv", "complaint_id,received_at\nD,2024-04-23\n")
	out, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--source", "s", good, bad, after)
	if err == nil {
		t.Fatalf("ingest of a file whose 2 records are all rejected: no error; printed %q", out)
	}
	for _, want := range []string{bad, "every one of its 2 records rejected", "first: record 1", "committed", "not loaded: " + after} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q: want %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "B,22-Apr-15 x") {
		t.Errorf("error %q holds a record as written", err)
	}
	got, _, qerr := runCLI(t, "--db", db, "sql", "--format", "csv",
		"SELECT (SELECT count(*) FROM complaints) || ' ' || (SELECT count(*) FROM rejects) AS n")
	if qerr != nil || got != "n\n1 2\n" {
		t.Errorf("complaints and rejects = %q, %v; want 1 complaint (good.csv's) and bad.csv's 2 rejects", got, qerr)
	}
	// one good record among bad ones: no failure
	some := writeTemp(t, dir, "some.csv", "complaint_id,received_at\nE,22-Apr-15 x\nF,2024-04-23\n")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--source", "s", some); err != nil {
		t.Errorf("one of two records rejected: %v, want no error", err)
	}
}

// TestIngestNoRecordsWarned: a file of a header and no record loads
// (exit 0) with a warning naming it, on stderr and in the run's warnings
// (it said nothing: QA pass AA).
func TestIngestNoRecordsWarned(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	empty := writeTemp(t, dir, "empty.csv", "complaint_id,received_at\n")
	out, stderr, err := runCLI(t, "--db", db, "ingest", "--quiet", "--source", "s", empty)
	if err != nil {
		t.Fatalf("ingest of a header-only file: %v", err)
	}
	if !strings.Contains(out, "read 0 = loaded 0") || !strings.Contains(stderr, "level=WARN") || !strings.Contains(stderr, "no records") || !strings.Contains(stderr, empty) {
		t.Errorf("printed %q, stderr %q; want the run's line and a WARN of no records naming the file", out, stderr)
	}
	got, _, qerr := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT warnings FROM ingest_runs")
	if qerr != nil || !strings.Contains(got, "no records") {
		t.Errorf("ingest_runs.warnings = %q, %v; want the warning", got, qerr)
	}
}

// TestRunAllRejectedStops: run stops at a file whose every record is
// rejected as it does at a file it cannot read: the files before stay
// loaded, no report is written, the command fails naming the file.
func TestRunAllRejectedStops(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	bad := writeTemp(t, dir, "bad.csv", "complaint_id,received_at\nB,22-Apr-15 x\nC,23-Apr-15 y\n")
	out := filepath.Join(dir, "out")
	_, _, err := runCLI(t, "--db", db, "run", "--quiet", "--out", out, "--source", "s", demo, bad)
	if err == nil || !strings.Contains(err.Error(), "ingest: ") || !strings.Contains(err.Error(), bad) {
		t.Fatalf("run with a file all rejected: %v; want an ingest error naming %s", err, bad)
	}
	if _, serr := os.Stat(filepath.Join(out, "index.html")); serr == nil {
		t.Errorf("reports written after a file all rejected")
	}
}
