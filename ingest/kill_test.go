package ingest

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/synth/bench"
	"github.com/complaints/complaints/internal/warehouse"
)

// TestKillDuringIngest kills (SIGKILL) a child process in the middle of
// ingesting a 60,000-row file at several points, and checks that the
// warehouse is either as before or holds the whole file, never part of it,
// and that the next ingest succeeds.
func TestKillDuringIngest(t *testing.T) {
	if child := os.Getenv("INGEST_KILL_CHILD"); child != "" {
		db, err := warehouse.Open(context.Background(), child, warehouse.Options{})
		if err != nil {
			os.Exit(3)
		}
		if _, err := File(context.Background(), db, os.Getenv("INGEST_KILL_FILE"), Options{}); err != nil {
			os.Exit(4)
		}
		db.Close()
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	dir := t.TempDir()
	pool, err := bench.LoadPool([]string{demoCFPB}, nil)
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.csv")
	f, _ := os.Create(big)
	w := bufio.NewWriter(f)
	const rows = 60_000
	if err := bench.Write(w, pool, bench.Options{Rows: rows, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	f.Close()

	for i, delay := range []time.Duration{50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond, 1200 * time.Millisecond} {
		file := filepath.Join(dir, "w"+string(rune('a'+i))+".duckdb")
		db, err := warehouse.Open(context.Background(), file, warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, demoCFPB, Options{})
		db.Close()

		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringIngest$")
		cmd.Env = append(os.Environ(), "INGEST_KILL_CHILD="+file, "INGEST_KILL_FILE="+big)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()

		db, err = warehouse.Open(context.Background(), file, warehouse.Options{})
		if err != nil {
			t.Fatalf("kill after %v: reopen: %v", delay, err)
		}
		n := queryInt(t, db, `SELECT count(*) FROM complaints`)
		runs := queryInt(t, db, `SELECT count(*) FROM ingest_runs`)
		switch {
		case n == 6623 && runs == 1:
			t.Logf("kill after %v: warehouse as before", delay)
		case n == 6623+rows && runs == 2:
			t.Logf("kill after %v: ingest had committed whole", delay)
		default:
			t.Fatalf("kill after %v: %d complaints, %d runs: a partial ingest", delay, n, runs)
		}
		res := mustIngest(t, db, big, Options{})
		if got := queryInt(t, db, `SELECT count(*) FROM complaints`); got != 6623+rows {
			t.Fatalf("kill after %v: next ingest left %d complaints (%v), want %d", delay, got, res, 6623+rows)
		}
		db.Close()
	}
}
