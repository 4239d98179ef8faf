package main

import (
	"log/slog"
	"testing"
)

// TestReportSettingsWarehouseName: the index page names the warehouse by
// its file's name, not the path as typed: two QA passes found the only
// difference between two runs' pages was the --db path (relative or
// absolute), which also showed a mailed report the server's directories.
func TestReportSettingsWarehouseName(t *testing.T) {
	for _, p := range []string{"/srv/x/complaints.duckdb", "../data/complaints.duckdb", "complaints.duckdb"} {
		opts, err := reportOptions(&env{dbPath: p, log: slog.New(slog.DiscardHandler)}, t.TempDir(), "week", "", defaultTargets())
		if err != nil {
			t.Fatal(err)
		}
		if got := opts.Settings[0]; got != [2]string{"warehouse", "complaints.duckdb"} {
			t.Errorf("--db %s: setting %q, want the file's name", p, got)
		}
	}
}
