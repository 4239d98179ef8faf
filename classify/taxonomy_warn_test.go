//go:build duckdb_arrow

package classify

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunTaxonomyWarnings: a taxonomy file's warnings (a phrase of two
// topics: the QA pass's dupphrase.yaml) reach the run's log at warning
// level, which the command line prints on stderr, naming the file and the
// line.
func TestRunTaxonomyWarnings(t *testing.T) {
	db := openTestWarehouse(t, runFixture)
	path := filepath.Join(t.TempDir(), "dupphrase.yaml")
	if err := os.WriteFile(path, []byte("version: 1\ndefault_department: S\ntopics:\n  - name: a\n    department: D\n    phrases: [wifi, volume]\n  - name: b\n    department: D\n    phrases: [Wi-Fi, WIFI]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	if _, err := Run(context.Background(), db, RunOptions{Taxonomy: path, Workers: 1, Log: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelWarn}))}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"level=WARN", path, `line 9: topic \"b\": phrase \"WIFI\" is a phrase of topic \"a\" too (line 6)`} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log = %q, want it to contain %q", log.String(), want)
		}
	}
	// the path once, as the file attribute, as ingest's warnings give it
	// (it was in the message too)
	if n := strings.Count(log.String(), path); n != 1 {
		t.Errorf("log = %q names %s %d times, want once", log.String(), path, n)
	}
}

// TestDefaultTaxonomyNoWarnings: the shipped taxonomy has no phrase of two
// topics. It had seven ("charging me", "accessed my account", "annual
// fee", "statement balance", "forbearance", "overdraft", "transfer"),
// each of a topic listed before the one that also named it: the matcher
// gives a phrase to the first, so the second listing never counted and
// only misled its reader. Removing them changed no classification (the
// golden test of the default taxonomy passes unchanged).
func TestDefaultTaxonomyNoWarnings(t *testing.T) {
	for _, w := range DefaultTaxonomy().Warnings() {
		t.Errorf("default taxonomy: %s", w)
	}
}
