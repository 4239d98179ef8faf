package warehouse_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// The demo's 6,623 complaints (SOURCE.md of cfpb-bdm-sample) and the
// 150,000 an interrupted load adds: more than a row group (122,880 rows),
// so DuckDB writes them to the database file before the commit and logs
// only where they are (a ROW_GROUP_DATA entry), the entry whose replay
// escapes the rollback.
const (
	demoRows = 6623
	bigRows  = 150_000
)

// interruptedChild runs in a child process: on a warehouse holding the demo
// (ingest run 1, classified by one run), an ingest-like transaction (run 2:
// 150,000 new complaints, 10 of the demo's replaced, two rejects) and then
// a `classify --all`-like one (every complaint's classification replaced),
// each committed, and exits without a checkpoint, leaving both in the log.
func interruptedChild(ctx context.Context, file string) error {
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		return err
	}
	stamp := time.Now().UTC().Add(time.Second).Truncate(time.Millisecond)
	steps := []string{
		`SET checkpoint_threshold = '10GB'`,
		`PRAGMA disable_checkpoint_on_shutdown`,
		`BEGIN`,
		`INSERT INTO ingest_runs VALUES (2, now(), now(), 'big.csv', 'x', 'cfpb', 'complaints', 150012, 150000, 10, 0, 2, NULL)`,
		`INSERT INTO complaints (complaint_id, source, received_at, narrative, ingest_run_id, row_hash)
		 SELECT 'n' || i, 'big', TIMESTAMP '2024-01-01' + to_seconds(i), 'narrative ' || i, 2, hash(i) FROM range(150000) t(i)`,
		`INSERT OR REPLACE INTO complaints (complaint_id, source, received_at, narrative, ingest_run_id, row_hash)
		 SELECT complaint_id, source, received_at, 'changed', 2, hash(complaint_id, 'changed')
		 FROM complaints WHERE source = 'cfpb' ORDER BY complaint_id LIMIT 10`,
		`INSERT INTO rejects VALUES (2, 1, 'x', 'bad'), (2, 2, 'y', 'bad')`,
		`COMMIT`,
		`BEGIN`,
		`DELETE FROM classifications`,
		fmt.Sprintf(`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
		 SELECT source, complaint_id, 'other', false, false, false, 'm', TIMESTAMP '%s' FROM complaints`, stamp.Format("2006-01-02 15:04:05.000")),
		fmt.Sprintf(`INSERT INTO classify_runs VALUES (TIMESTAMP '%s', 'm', true, 156623, 2, NULL)`, stamp.Format("2006-01-02 15:04:05.000")),
		`COMMIT`,
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	for _, q := range steps {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%.60s: %w", q, err)
		}
	}
	os.Exit(0) // no Close: the log stays as a crash leaves it
	return nil
}

// commitMarks returns the offsets of the write-ahead log's commit marks
// (WAL_FLUSH entries: a size of 5, a checksum, then the entry: field 100,
// type 100, end of object), in order.
func commitMarks(wal []byte) []int {
	size := []byte{5, 0, 0, 0, 0, 0, 0, 0}
	entry := []byte{0x64, 0x00, 0x64, 0xff, 0xff}
	var marks []int
	for i := 0; i+21 <= len(wal); i++ {
		if bytes.Equal(wal[i:i+8], size) && bytes.Equal(wal[i+16:i+21], entry) {
			marks = append(marks, i)
		}
	}
	return marks
}

type interruptedState struct {
	complaints, keys, orphans, changed int64 // complaints, distinct keys, without their run, replaced by run 2
	classified, stamps, unrun          int64 // classifications, distinct stamps, stamps without a run
	rejects                            int64
}

func readInterrupted(t *testing.T, db *warehouse.DB) interruptedState {
	t.Helper()
	var s interruptedState
	err := db.QueryRowContext(context.Background(), `SELECT
		(SELECT count(*) FROM complaints),
		(SELECT count(DISTINCT (source, complaint_id)) FROM complaints),
		(SELECT count(*) FROM complaints WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs)),
		(SELECT count(*) FROM complaints WHERE narrative = 'changed'),
		(SELECT count(*) FROM classifications),
		(SELECT count(DISTINCT classified_at) FROM classifications),
		(SELECT count(DISTINCT classified_at) FROM classifications WHERE classified_at NOT IN (SELECT classified_at FROM classify_runs)),
		(SELECT count(*) FROM rejects)`).Scan(&s.complaints, &s.keys, &s.orphans, &s.changed, &s.classified, &s.stamps, &s.unrun, &s.rejects)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestInterruptedLargeCommit cuts the write-ahead log of two large commits
// just before each one's commit mark, as a kill between the log's last
// entry and the mark leaves it (issue 7: a kill leaves the warehouse as it
// was or with all of a run, never half). DuckDB's replay keeps the rows a
// large append wrote ahead though it rolls their transaction back: without
// Open's repair the first cut read 156,623 complaints (150,000 of an ingest
// run that has no ingest_runs row) and the second 163,246 classifications
// (the old and the new of every complaint, the new without their
// classify_runs row). Open for writing removes them and says so; open for
// reading refuses, saying how to remove them; the next writes work,
// reusing a removed key.
func TestInterruptedLargeCommit(t *testing.T) {
	ctx := context.Background()
	if file := os.Getenv("WAREHOUSE_INTERRUPT_CHILD"); file != "" {
		err := interruptedChild(ctx, file)
		fmt.Println("CHILD", err)
		os.Exit(3)
	}
	if testing.Short() {
		t.Skip("writes 150,000 rows in a child process; skipped with -short")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.duckdb")
	db, err := warehouse.Open(ctx, base, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := loadDemo(ctx, db, "cfpb"); err != nil { // as ingest run 1
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO ingest_runs VALUES (1, now(), now(), 'demo.csv', 'x', 'cfpb', 'complaints', 6623, 6623, 0, 0, 0, NULL)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
		 SELECT source, complaint_id, 'other', false, false, false, 'm', now()::TIMESTAMP FROM complaints`,
		`INSERT INTO classify_runs SELECT max(classified_at), 'm', false, 6623, 1, NULL FROM classifications`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db0, wal := crashedChild(t, "TestInterruptedLargeCommit", "WAREHOUSE_INTERRUPT_CHILD", base)
	marks := commitMarks(wal)
	if len(marks) < 2 || marks[len(marks)-1]+21 != len(wal) {
		t.Fatalf("commit marks at %v of a %d-byte log: want two or more, the last ending it (has DuckDB's log format changed?)", marks, len(wal))
	}
	ingestMark, classifyMark := marks[len(marks)-2], marks[len(marks)-1]

	type want struct {
		interrupted bool
		state       interruptedState
	}
	// before: the demo, classified once; ingested: with run 2 committed;
	// all: with the classify run committed too.
	before := interruptedState{complaints: demoRows, keys: demoRows, classified: demoRows, stamps: 1}
	ingested := interruptedState{complaints: demoRows + bigRows, keys: demoRows + bigRows, changed: 10, classified: demoRows, stamps: 1, rejects: 2}
	all := ingested
	all.classified = demoRows + bigRows
	for _, tc := range []struct {
		name string
		cut  int
		want want
	}{
		{"ingest cut before its commit mark", ingestMark, want{true, before}},
		{"classify --all cut before its commit mark", classifyMark, want{true, ingested}},
		{"both committed", len(wal), want{false, all}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, fmt.Sprintf("cut%d.duckdb", tc.cut))
			write := func() {
				if err := os.WriteFile(file, db0, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file+".wal", wal[:tc.cut], 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write()
			ro, err := warehouse.Open(ctx, file, warehouse.Options{ReadOnly: true})
			switch {
			case tc.want.interrupted && !errors.Is(err, warehouse.ErrInterrupted):
				t.Errorf("read-only open: %v, want ErrInterrupted", err)
			case !tc.want.interrupted && err != nil:
				t.Errorf("read-only open: %v", err)
			}
			if err == nil {
				ro.Close()
			}
			write() // as the crash left it, for the open that writes
			db, err := warehouse.Open(ctx, file, warehouse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			t.Logf("removed: %q", db.Repaired)
			if (db.Repaired != "") != tc.want.interrupted {
				t.Errorf("Repaired %q, want something removed: %v", db.Repaired, tc.want.interrupted)
			}
			if got := readInterrupted(t, db); got != tc.want.state {
				t.Errorf("after opening: %+v, want %+v", got, tc.want.state)
			}
			// The next run writes, one of its keys one the interrupted
			// run had: the key index must not still hold it.
			for _, q := range []string{
				`INSERT INTO ingest_runs VALUES (9, now(), now(), 'next.csv', 'x', 'cfpb', 'complaints', 1, 1, 0, 0, 0, NULL)`,
				`INSERT OR REPLACE INTO complaints (complaint_id, source, received_at, narrative, ingest_run_id, row_hash)
				 VALUES ('n5', 'big', TIMESTAMP '2024-02-01', 'again', 9, 1)`,
			} {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatalf("the next run: %v", err)
				}
			}
			var n, keys int64
			if err := db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT (source, complaint_id)) FROM complaints WHERE complaint_id = 'n5'`).Scan(&n, &keys); err != nil || n != 1 || keys != 1 {
				t.Errorf("complaint n5 after the next run: %d rows, %d keys, %v; want one", n, keys, err)
			}
		})
	}
}
