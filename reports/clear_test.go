package reports

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOutputKeepsUsersFiles: a second report over an output directory
// replaces the ID lists of the first (a list whose alert is gone does not
// linger), and a second export its month partitions; a folder or file of
// the user's inside ids/ or the export's complaints/ stops the run with
// its name and is left as it was. Before, both were deleted whole
// (os.RemoveAll), the user's files with them.
func TestOutputKeepsUsersFiles(t *testing.T) {
	ctx := context.Background()
	db := fixtureWarehouse(t)
	out := t.TempDir()
	opts := Options{OutDir: out, AsOf: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)}
	if err := Write(ctx, db, opts); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "ids", "alert-gone.csv")
	if err := os.WriteFile(stale, []byte("source,complaint_id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(ctx, db, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("an earlier run's list survived the next run: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "ids", "audit-all.csv")); err != nil {
		t.Errorf("the new lists were not written: %v", err)
	}
	mine := filepath.Join(out, "ids", "important", "thesis.txt")
	if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(ctx, db, opts); err == nil || !strings.Contains(err.Error(), "important") {
		t.Errorf("Write over a user's folder in ids/: %v, want an error naming it", err)
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "precious" {
		t.Errorf("the user's file after Write: %q, %v", b, err)
	}

	dir := t.TempDir()
	for range 2 { // the second export replaces the first's partitions
		if _, err := ExportParquet(ctx, db, dir); err != nil {
			t.Fatal(err)
		}
	}
	keep := filepath.Join(dir, "complaints", "README.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportParquet(ctx, db, dir); err == nil || !strings.Contains(err.Error(), "README.txt") {
		t.Errorf("export over a user's file in complaints/: %v, want an error naming it", err)
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "mine" {
		t.Errorf("the user's file after export: %q, %v", b, err)
	}
}
