package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportOutFile: --out naming a regular file is said so, by the flag,
// before the warehouse is opened; it read "open afile/complaints: not a
// directory" (QA pass BA).
func TestExportOutFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, "--db", filepath.Join(dir, "none.duckdb"), "export", "--format", "parquet", "--out", file)
	if want := "--out " + file + " is a file, not a directory"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("export --out a file gave %v, want %q", err, want)
	}
}
