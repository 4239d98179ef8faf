package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/complaints/complaints/internal/mountns"
	"github.com/complaints/complaints/internal/synth/bench"
	"github.com/complaints/complaints/internal/warehouse"
)

// TestIngestDiskFull keeps the warehouse on a 20 MB tmpfs and ingests files
// that do not fit: 60,000 rows fill the space while DuckDB writes the new
// rows into the database file and checkpoints at the commit, 20,000 rows
// while it writes the commit to the write-ahead log (both measured on this
// data: the error messages name the checkpoint and the .wal file). Each
// ingest must fail naming the full device, leave the warehouse exactly as it
// was, and once space is freed (the tmpfs grown) the same ingest succeeds.
func TestIngestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a file system; skipped with -short")
	}
	if !mountns.Enter(t) {
		return
	}
	ctx := context.Background()
	dir := t.TempDir()
	pool, err := bench.LoadPool([]string{demoCFPB}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, rows := range []int{60_000, 20_000} {
		// The export lives on the ordinary disk; only the warehouse is
		// short of space.
		big := filepath.Join(dir, fmt.Sprintf("big%d.csv", rows))
		f, err := os.Create(big)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		if err := bench.Write(w, pool, bench.Options{Rows: rows, Seed: uint64(5 + i)}); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()

		small := filepath.Join(dir, fmt.Sprintf("small%d", rows))
		if err := os.Mkdir(small, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mount("tmpfs", small, "tmpfs", 0, "size=20m"); err != nil {
			t.Skipf("mount a 20 MB tmpfs: %v", err)
		}
		t.Cleanup(func() { syscall.Unmount(small, 0) })

		file := filepath.Join(small, "w.duckdb")
		db, err := warehouse.Open(ctx, file, warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, demoCFPB, Options{})
		db.Close()

		db, err = warehouse.Open(ctx, file, warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := File(ctx, db, big, Options{})
		db.Close()
		if err == nil {
			t.Fatalf("%d rows: ingest into a 20 MB file system succeeded (%v); want it to run out of space", rows, res)
		}
		if !strings.Contains(err.Error(), "No space left on device") {
			t.Errorf("%d rows: ingest on a full disk: error %q does not say the device is full", rows, err)
		}
		t.Logf("%d rows: ingest on a full disk: %v", rows, err)

		// SOURCE.md of cfpb-bdm-sample: 6,623 complaints, in the one run.
		check := func(when string, complaints, runs int64) {
			t.Helper()
			db, err := warehouse.Open(ctx, file, warehouse.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("%d rows, %s: reopen: %v", rows, when, err)
			}
			defer db.Close()
			n := queryInt(t, db, `SELECT count(*) FROM complaints`)
			r := queryInt(t, db, `SELECT count(*) FROM ingest_runs`)
			bad := queryInt(t, db, `SELECT count(*) FROM complaints WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs)`)
			if n != complaints || r != runs || bad != 0 {
				t.Fatalf("%d rows, %s: %d complaints, %d runs, %d complaints of no run; want %d, %d, 0", rows, when, n, r, bad, complaints, runs)
			}
		}
		check("after the disk filled", 6623, 1)

		if err := syscall.Mount("tmpfs", small, "tmpfs", syscall.MS_REMOUNT, "size=512m"); err != nil {
			t.Fatalf("grow the tmpfs: %v", err)
		}
		db, err = warehouse.Open(ctx, file, warehouse.Options{})
		if err != nil {
			t.Fatalf("%d rows: reopen with space: %v", rows, err)
		}
		res = mustIngest(t, db, big, Options{})
		db.Close()
		if res.Loaded != int64(rows) {
			t.Errorf("%d rows: ingest with space: %v; want every row loaded", rows, res)
		}
		check("after space was freed", 6623+int64(rows), 2)
	}
}
