package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportKeepsUserFilesInPartitions: a file the user put into a month's
// partition directory stops the export, naming it, as one directly in
// complaints/ does; it is never deleted. Before, any month=... directory
// of Parquet files was taken for the export's own and replaced whole, and
// mine.parquet was gone (QA pass BA). A directory inside a partition is
// refused too; the export's own partitions of a run before are replaced.
func TestExportKeepsUserFilesInPartitions(t *testing.T) {
	ctx := context.Background()
	db := fixtureWarehouse(t)
	for _, tc := range []struct{ name, path string }{
		{"a Parquet file of the user's", "mine.parquet"},
		{"another file", "notes.txt"},
		{"a directory", "sub/data_0.parquet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := ExportParquet(ctx, db, dir); err != nil {
				t.Fatal(err)
			}
			// a month of the fixture's (TestExportParquetRoundTrip) and one
			// it has not, as QA's month=2019-01 made by hand
			for _, month := range []string{"month=2024-01", "month=2019-01"} {
				part := filepath.Join(dir, "complaints", month)
				mine := filepath.Join(part, tc.path)
				if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(mine, []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
				_, err := ExportParquet(ctx, db, dir)
				first, _, _ := strings.Cut(tc.path, "/")
				if err == nil || !strings.Contains(err.Error(), part+" holds "+first+", which this command did not write") {
					t.Errorf("%s: export over %s gave %v, want it refused naming %s in %s", month, tc.path, err, first, part)
				}
				if b, err := os.ReadFile(mine); err != nil || string(b) != "x" {
					t.Errorf("%s: the user's %s is gone or changed: %q, %v", month, tc.path, b, err)
				}
				if err := os.RemoveAll(filepath.Join(part, first)); err != nil {
					t.Fatal(err)
				}
			}
			// month=2019-01 is left empty: no file of anyone's, replaced
			if _, err := ExportParquet(ctx, db, dir); err != nil {
				t.Errorf("export over its own partitions and an empty one: %v", err)
			}
		})
	}
}

// TestExportOutIsFile: an output directory that is a file is named as
// such, not as "open afile/complaints: not a directory" (QA pass BA).
func TestExportOutIsFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "afile")
	if err := os.WriteFile(file, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ExportParquet(context.Background(), fixtureWarehouse(t), file)
	if want := file + " is a file, not a directory"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("export into a file gave %v, want %q", err, want)
	}
}

// TestExportImmutableNamesPath: when complaints/ cannot be replaced (an
// immutable directory: chattr +i, as root) the error names it; it read
// "export: operation not permitted" (QA pass BA).
func TestExportImmutableNamesPath(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("chattr +i needs root")
	}
	if _, err := exec.LookPath("chattr"); err != nil {
		t.Skip("no chattr")
	}
	ctx := context.Background()
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	if _, err := ExportParquet(ctx, db, dir); err != nil {
		t.Fatal(err)
	}
	complaints := filepath.Join(dir, "complaints")
	if out, err := exec.Command("chattr", "+i", complaints).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v: %s", err, out) // a file system without the attribute (tmpfs)
	}
	defer exec.Command("chattr", "-i", complaints).Run()
	_, err := ExportParquet(ctx, db, dir)
	if err == nil || !strings.Contains(err.Error(), complaints+":") || !strings.Contains(err.Error(), "operation not permitted") {
		t.Errorf("export over an immutable complaints/ gave %v, want it to name %s and the failure", err, complaints)
	}
}
