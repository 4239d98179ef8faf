package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
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

// TestOpenRefusesOtherDatabase: a DuckDB database of another program's
// (tables, no schema_migrations) is no warehouse: a read said it was one
// of an older version and told the user to open it for writing, which
// added complaints' tables beside its own (QA pass P). It is refused, for
// reading and writing, and left as it was.
func TestOpenRefusesOtherDatabase(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "other.duckdb")
	db, err := sql.Open("duckdb", file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE foo (a INTEGER)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, ro := range []bool{true, false} {
		_, err := Open(ctx, file, Options{ReadOnly: ro})
		if !errors.Is(err, ErrNotWarehouse) || !strings.Contains(err.Error(), "(foo)") {
			t.Errorf("Open(read-only %v) error = %v, want ErrNotWarehouse naming foo", ro, err)
		}
	}
	db, err = sql.Open("duckdb", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the database holds %d tables (%v), want its 1", n, err)
	}
}

// TestOpenNotDuckDB: a file that is no DuckDB database (--db export.csv)
// is named so, without the driver's "database/sql/driver: could not
// connect to database:" (QA pass P), for reading and writing, and left
// as it was. DuckDB opened the .csv as a database of one table (read-only:
// "Cannot launch in-memory database in read-only mode!").
func TestOpenNotDuckDB(t *testing.T) {
	dir := t.TempDir()
	for _, file := range []string{filepath.Join(dir, "export.csv"), filepath.Join(dir, "notdb.duckdb")} {
		if err := os.WriteFile(file, []byte("hello,world\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		notDuckDB(t, file)
	}
}

func notDuckDB(t *testing.T, file string) {
	t.Helper()
	for _, ro := range []bool{true, false} {
		_, err := Open(context.Background(), file, Options{ReadOnly: ro})
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "not a DuckDB database, or its header is damaged") ||
			strings.Contains(err.Error(), "database/sql/driver") || !strings.Contains(err.Error(), file) {
			t.Errorf("Open(read-only %v) = %v", ro, err)
		}
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "hello,world\n" {
		t.Errorf("the file was changed: %q, %v", b, err)
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

// TestScanAll reads a result whole: column names, values by type, NULL as
// nil, and no rows as none.
func TestScanAll(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT * FROM (VALUES (1, 'a', NULL), (2, NULL, 2.5)) v(n, s, x) ORDER BY n`)
	if err != nil {
		t.Fatal(err)
	}
	cols, vals, err := ScanAll(rows)
	rows.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(cols, vals); got != "[n s x] [[1 a <nil>] [2 <nil> 2.5]]" {
		t.Errorf("ScanAll = %s", got)
	}
	rows, err = db.QueryContext(ctx, `SELECT 1 AS n WHERE false`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if cols, vals, err := ScanAll(rows); err != nil || len(cols) != 1 || vals != nil {
		t.Errorf("ScanAll of no rows = %v, %v, %v", cols, vals, err)
	}
}

// TestTempDirAfterSpilling: a connection opened after a query has spilled
// to the temp directory works. The settings were once run on every new
// connection, and DuckDB refuses to set temp_directory again once it has
// been used ("Cannot switch temporary directory"), so `run --temp-dir`
// failed at its reports, the first step to open a second connection.
func TestTempDirAfterSpilling(t *testing.T) {
	ctx := context.Background()
	tmp := filepath.Join(t.TempDir(), "spill")
	db, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{MemoryLimit: "64MB", TempDir: tmp, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	// 3M rows of about 40 bytes, sorted: about 120 MB, beyond the 64MB limit
	var n int64
	if err := first.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT i, repeat('x', 32) || i AS s FROM range(3000000) r(i) ORDER BY s DESC)`).Scan(&n); err != nil {
		t.Fatalf("sort beyond the memory limit: %v", err)
	}
	var spilled int64
	if err := first.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_temporary_files()`).Scan(&spilled); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("the sort did not use the temp directory (%d temporary files): %v", spilled, err)
	}
	second, err := db.Conn(ctx)
	if err != nil {
		t.Fatalf("second connection after spilling: %v", err)
	}
	defer second.Close()
	var limit, dir string
	if err := second.QueryRowContext(ctx, `SELECT current_setting('memory_limit'), current_setting('temp_directory')`).Scan(&limit, &dir); err != nil {
		t.Fatal(err)
	}
	if dir != tmp || limit == "" {
		t.Errorf("second connection: memory_limit %q temp_directory %q; want the options' (64MB, %s)", limit, dir, tmp)
	}
	t.Logf("memory_limit %s, temp_directory %s", limit, dir)
}

// TestRedactFunction: with Options.Redact the warehouse's SQL has a
// function redact(text), on every connection, a read-only one too, NULL
// for NULL; without it there is none.
func TestRedactFunction(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(ctx, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `SELECT redact('x')`); err == nil {
		t.Error("redact exists without Options.Redact")
	}
	db.Close()
	upper := func(s string) string { return strings.ToUpper(s) }
	for _, ro := range []bool{false, true} {
		db, err := Open(ctx, file, Options{Redact: upper, ReadOnly: ro, NoFiles: true})
		if err != nil {
			t.Fatal(err)
		}
		// several connections at once: the function is the database's
		conns := make([]*sql.Conn, 3)
		for i := range conns {
			if conns[i], err = db.Conn(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range conns {
			var got sql.NullString
			if err := c.QueryRowContext(ctx, `SELECT redact('call jane')`).Scan(&got); err != nil || got.String != "CALL JANE" {
				t.Errorf("read-only %v, connection %d: redact = %q, %v; want CALL JANE", ro, i, got.String, err)
			}
			if err := c.QueryRowContext(ctx, `SELECT redact(NULL)`).Scan(&got); err != nil || got.Valid {
				t.Errorf("read-only %v: redact(NULL) = %v, %v; want NULL", ro, got, err)
			}
		}
		for _, c := range conns {
			c.Close()
		}
		db.Close()
	}
}
