package warehouse

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(ctx, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM complaints`).Scan(&n); err != nil {
		t.Fatalf("complaints table: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, file, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen read-only: %v", err)
	}
	defer db.Close()
	v, err := db.currentVersion(ctx)
	if err != nil || v != SchemaVersion() {
		t.Fatalf("currentVersion = %d, %v; want %d", v, err, SchemaVersion())
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(ctx, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, 'future')`, SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(ctx, file, Options{})
	if !errors.Is(err, ErrNewer) {
		t.Fatalf("Open(newer) error = %v, want ErrNewer", err)
	}
}

func TestOpenReadOnlyMissingFile(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "none.duckdb"), Options{ReadOnly: true})
	if err == nil {
		t.Fatal("Open(read-only, missing) succeeded")
	}
}

// TestIsOutOfMemory: DuckDB's out-of-memory errors are told apart, wrapped
// or not (ingest's commit and the command add a hint to them), and other
// errors are not.
func TestIsOutOfMemory(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{MemoryLimit: "16MB"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(ctx, "SELECT len(list(i)) FROM range(20000000) r(i)").Scan(&n)
	if err == nil || !IsOutOfMemory(err) || !IsOutOfMemory(fmt.Errorf("commit: %w", err)) {
		t.Errorf("query beyond the memory limit: %v; want an out-of-memory error", err)
	}
	if IsOutOfMemory(fmt.Errorf("read x: %w", os.ErrNotExist)) {
		t.Error("IsOutOfMemory(file not found) = true")
	}
}
