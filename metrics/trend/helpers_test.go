package trend

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
)

// openTestDB opens a fresh warehouse in a temporary directory.
func openTestDB(t testing.TB) *warehouse.DB {
	t.Helper()
	return warehousetest.Open(t, warehouse.Options{Threads: 1})
}

// loadCanonical loads a canonical complaints CSV (see testdata/load_canonical.sql).
func loadCanonical(t testing.TB, db *warehouse.DB, path string) {
	t.Helper()
	q, err := os.ReadFile("testdata/load_canonical.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), string(q), path); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
}

// sharedData returns the path of a shared dataset file, skipping the test
// when ../shared/data is not there.
func sharedData(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found (%v): run where ../shared/data exists", rel, err)
	}
	return p
}
