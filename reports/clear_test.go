package reports

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"log/slog"
	"maps"
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

// snapshot reads every file under dir, by path relative to dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// cancelAfter is a slog handler that cancels a run once a debug line
// names the step given: the run is then interrupted between two steps.
type cancelAfter struct {
	step   string
	cancel context.CancelFunc
}

func (h cancelAfter) Enabled(context.Context, slog.Level) bool { return true }
func (h cancelAfter) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h cancelAfter) WithGroup(string) slog.Handler            { return h }
func (h cancelAfter) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "step" && a.Value.String() == h.step {
			h.cancel()
		}
		return true
	})
	return nil
}

// cancellingExecer cancels the export's context after its n-th statement.
type cancellingExecer struct {
	Execer
	n      int
	cancel context.CancelFunc
}

func (c *cancellingExecer) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	res, err := c.Execer.ExecContext(ctx, q, args...)
	if c.n--; c.n == 0 {
		c.cancel()
	}
	return res, err
}

// TestOutputWholeOrNothing: a report or export interrupted part way, or
// refused, leaves the output of the run before it as it was, and no
// staging directory. Before, a report interrupted after its first page
// left a new index.html beside the other pages of the run before, with
// most of ids/ deleted (its lists were removed before anything was
// computed), a refused report (a user's file in ids/) deleted the earlier
// lists, and an interrupted export left the complaints partitions deleted
// beside the earlier tables (an exploratory QA pass).
func TestOutputWholeOrNothing(t *testing.T) {
	db := fixtureWarehouse(t)
	out := t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: out, AsOf: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	if len(before) < 10 || before["index.html"] == "" {
		t.Fatalf("the first report wrote %d files", len(before))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := Write(ctx, db, Options{OutDir: out, AsOf: time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		Log: slog.New(cancelAfter{"index.html", cancel})})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("report interrupted after its first page: %v, want context.Canceled", err)
	}
	if after := snapshot(t, out); !maps.Equal(after, before) {
		t.Errorf("an interrupted report changed the output: %d files before, %d after", len(before), len(after))
	}

	mine := filepath.Join(out, "ids", "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	before["ids/notes.txt"] = "mine"
	if err := Write(context.Background(), db, Options{OutDir: out}); err == nil {
		t.Fatal("report over a user's file in ids/ succeeded")
	}
	if after := snapshot(t, out); !maps.Equal(after, before) {
		t.Errorf("a refused report changed the output: %d files before, %d after", len(before), len(after))
	}

	dir := t.TempDir()
	if _, err := ExportParquet(context.Background(), db, dir); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, dir)
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	if _, err := ExportParquet(ctx, &cancellingExecer{Execer: db, n: 2, cancel: cancel}, dir); !errors.Is(err, context.Canceled) {
		t.Fatalf("export interrupted after its first table: %v, want context.Canceled", err)
	}
	if after := snapshot(t, dir); !maps.Equal(after, before) {
		t.Errorf("an interrupted export changed the output: %d files before, %d after", len(before), len(after))
	}
}

// TestStageLocked: a second run writing into the same output directory
// while one is at it fails, saying so, and leaves the first run's staging
// directory alone. Before, it deleted the first's staging directory as
// one left by a killed run, and the first failed on a missing file (QA
// pass AL: two `report --out out` 0.1-0.4 s apart).
func TestStageLocked(t *testing.T) {
	dir := t.TempDir()
	first, release, err := newStage(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := newStage(dir); err == nil || !strings.Contains(err.Error(), "another complaints process is writing into "+dir) {
		t.Errorf("second run into %s: %v, want it refused naming the directory", dir, err)
	}
	if _, err := os.Stat(first); err != nil {
		t.Errorf("the first run's staging directory: %v", err)
	}
	release()
	second, release2, err := newStage(dir)
	if err != nil {
		t.Fatalf("after the first run ended: %v", err)
	}
	defer release2()
	if _, err := os.Stat(first); !os.IsNotExist(err) {
		t.Errorf("a staging directory left by an earlier run is still there (%v)", err)
	}
	if second == first {
		t.Errorf("the new staging directory is the old one's name")
	}
}

// TestCheckOutDir: the check run makes before it loads anything refuses a
// directory another run is writing into, as the reports would after the
// load (a QA pass saw run ingest and classify, then fail on the lock).
func TestCheckOutDir(t *testing.T) {
	dir := t.TempDir()
	_, release, err := newStage(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckOutDir(dir); err == nil || !strings.Contains(err.Error(), "another complaints process is writing into "+dir) {
		t.Errorf("check while another run writes: %v, want it refused", err)
	}
	release()
	if err := CheckOutDir(dir); err != nil {
		t.Errorf("check after: %v", err)
	}
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckOutDir(file); err == nil {
		t.Errorf("check of a file: no error")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".complaints-check-*")); len(left) > 0 {
		t.Errorf("the check left %v", left)
	}
	// a directory not there yet is checked and not left behind: a run
	// that then failed on its input left an empty one (a QA pass)
	missing := filepath.Join(dir, "new")
	if err := CheckOutDir(missing); err != nil {
		t.Errorf("check of a directory to make: %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("the check left %s (%v)", missing, err)
	}
}
