package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSortedListsKeepOrder writes the reports of a warehouse large enough
// for DuckDB to scan in parallel (several row groups) twice: as usual, where
// the audit lists are read unsorted from rpt_audit (sortedCopy), and with
// preserve_insertion_order off, where every list sorts itself. Every file
// must match, and every list must be in (source, complaint_id) order.
func TestSortedListsKeepOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 130k-complaint warehouse")
	}
	ctx := context.Background()
	db := syntheticWarehouse(t, 130_000) // 2 row groups (122,880 rows each)
	asOf := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	kept := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: kept, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `SET preserve_insertion_order = false`); err != nil {
		t.Fatal(err)
	}
	sorted := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: sorted, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	files := listFiles(t, kept)
	for _, f := range files {
		a, _ := os.ReadFile(filepath.Join(kept, f))
		b, err := os.ReadFile(filepath.Join(sorted, f))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs with preserve_insertion_order off (%v)", f, err)
		}
	}
	all := readCSV(t, filepath.Join(kept, "ids", "audit-all.csv"))
	if len(all) != 130_001 {
		t.Fatalf("audit-all lists %d complaints, want 130000", len(all)-1)
	}
	for i := 2; i < len(all); i++ {
		p, c := all[i-1], all[i]
		if p[0] > c[0] || p[0] == c[0] && p[1] >= c[1] {
			t.Fatalf("audit-all.csv row %d (%v) after %v: not in ID order", i, c, p)
		}
	}
}
