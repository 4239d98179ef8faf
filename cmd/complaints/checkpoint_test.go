package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunChecksOutFirst: run checks that it can write its reports before
// it loads anything. Before, it ingested and classified (and committed
// both) and then failed on --out (QA pass AL), so that the rerun found the
// file's complaints already loaded.
func TestRunChecksOutFirst(t *testing.T) {
	dir := t.TempDir()
	db, export, out := filepath.Join(dir, "cli.duckdb"), filepath.Join(dir, "week.csv"), filepath.Join(dir, "outfile")
	if err := os.WriteFile(export, []byte("complaint_id,source,received_at,narrative\n1,shop,2024-03-05 12:00:00,fine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, "--db", db, "run", "--out", out, export)
	if err == nil || !strings.Contains(err.Error(), "--out "+out) {
		t.Fatalf("run --out FILE: %v, want an error naming --out", err)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the refused run made the warehouse (%v), want nothing loaded", err)
	}
}

// TestCheckpointSaysWhereTheDataIs: when the checkpoint at a writing
// command's end fails (a full disk: the QA pass's run exited 0 while the
// week lived only in the .wal, and a copy of the .duckdb alone lacked
// it), the command fails saying that its work is committed in the .wal.
func TestCheckpointSaysWhereTheDataIs(t *testing.T) {
	e := &env{dbPath: filepath.Join(t.TempDir(), "w.duckdb"), log: slog.New(slog.DiscardHandler)}
	db, err := e.open(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	db.Close() // so that the checkpoint fails
	err = e.checkpoint(context.Background(), db)
	if err == nil || !strings.Contains(err.Error(), "is committed, in "+e.dbPath+".wal") {
		t.Errorf("checkpoint of a closed warehouse: %v, want it to say where the data is", err)
	}
}
