//go:build duckdb_arrow

package classify

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestRunWriteFails: when writing classifications fails, Run returns the
// error (it does not hang with batches in flight) and commits nothing. The
// 5,000 complaints span three Arrow batches of 2,048 rows, so batches are
// being read, classified and written when the first write fails.
func TestRunWriteFails(t *testing.T) {
	db := openTestWarehouse(t, nil)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, product, issue, narrative, ingest_run_id, row_hash)
		SELECT CAST(i AS VARCHAR), 'test', TIMESTAMP '2024-01-02 03:04:05', 'Mortgage', 'Trouble during payment process',
		       CASE WHEN i % 3 = 0 THEN NULL ELSE 'My servicer lost my payment and I will contact my attorney. Complaint ' || i END, 1, 1
		FROM range(5000) t(i)`); err != nil {
		t.Fatal(err)
	}
	// the insert names a column that is no longer there
	if _, err := db.ExecContext(ctx, `ALTER TABLE classifications RENAME COLUMN evidence TO evidence_gone`); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, db, RunOptions{BatchRows: 100})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "write classifications") {
			t.Fatalf("Run with a failing write = %v, want a write error", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Run with a failing write did not return within 60 s")
	}
	if _, err := db.ExecContext(ctx, `ALTER TABLE classifications RENAME COLUMN evidence_gone TO evidence`); err != nil {
		t.Fatal(err)
	}
	st, err := Run(ctx, db, RunOptions{})
	if err != nil || st.Complaints != 5000 {
		t.Errorf("Run after a failed run = %+v, %v; want all 5000 complaints", st, err)
	}
}
