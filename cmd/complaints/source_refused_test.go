package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceRefusedMakesNoWarehouse: `run --source x` or `ingest --source
// x` over files of different profiles is refused, and the refusal made an
// empty warehouse at --db (a newcomer QA pass: 1 MB), after which `run`
// without a file rendered it, five empty pages with exit 0. The README
// says the refusal comes before any file is loaded and that run never
// makes an empty warehouse: the profiles are told before --db is opened.
func TestSourceRefusedMakesNoWarehouse(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	surveys := "../../testdata/demo/synthetic/synthetic_surveys.csv"
	for _, args := range [][]string{
		{"run", "--quiet", "--out", filepath.Join(dir, "o3"), "--source", "x", demo, surveys},
		{"ingest", "--quiet", "--source", "x", demo, surveys},
	} {
		_, _, err := runCLI(t, append([]string{"--db", db}, args...)...)
		if err == nil || !strings.Contains(err.Error(), "different profiles") {
			t.Errorf("%s --source over a CFPB export and a survey file: %v, want the refusal", args[0], err)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%s --source refused: the warehouse was made (%v)", args[0], err)
			os.Remove(db)
		}
	}
	// with no warehouse made, run without a file is refused, not rendered
	if _, _, err := runCLI(t, "--db", db, "run", "--out", filepath.Join(dir, "o5")); err == nil || !strings.Contains(err.Error(), "no file given") {
		t.Errorf("run without a file after the refusals: %v, want no file given", err)
	}
}
