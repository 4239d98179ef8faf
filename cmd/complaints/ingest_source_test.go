package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceOfMixedFilesRefused: --source names the source of every file
// given, so with files of different profiles (a CFPB export and a survey
// file) it would file both under one source; the README's advice for a
// series of one system's exports did not say so (QA pass AA). ingest and
// run refuse it, naming the files and their profiles, before any file is
// loaded; files of one profile take it.
func TestSourceOfMixedFilesRefused(t *testing.T) {
	dir := t.TempDir()
	survey := writeTemp(t, dir, "survey.csv", "Date,NPS,Comment\n2026-11-28 15:32:00,9,easy\n")
	db := filepath.Join(dir, "w.duckdb")
	for _, args := range [][]string{
		{"ingest", "--quiet", "--source", "weekly", demo, survey},
		{"run", "--quiet", "--out", filepath.Join(dir, "out"), "--source", "weekly", demo, survey},
	} {
		_, _, err := runCLI(t, append([]string{"--db", db}, args...)...)
		if err == nil {
			t.Fatalf("%s --source with a CFPB export and a survey file: no error", args[0])
		}
		for _, want := range []string{"--source", demo + " (cfpb)", survey + " (survey)"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %q, want %q", args[0], err, want)
			}
		}
		if _, serr := os.Stat(db); serr == nil {
			if got, _, _ := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM ingest_runs"); got != "n\n0\n" {
				t.Errorf("%s: runs recorded %q, want none", args[0], got)
			}
		}
	}
	next := writeTemp(t, dir, "survey2.csv", "Date,NPS,Comment\n2026-11-29 15:32:00,3,slow\n")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--source", "weekly", survey, next); err != nil {
		t.Errorf("--source with two survey files: %v", err)
	}
}
