// Package warehousetest opens throwaway warehouses for tests.
package warehousetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// Open opens a fresh warehouse in a temporary directory of t with opts,
// failing t if it cannot, and closes it when t ends (after the cleanups
// registered later, such as those of connections the test opens).
func Open(t testing.TB, opts warehouse.Options) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), opts)
	if err != nil {
		t.Fatalf("open warehouse: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
