package warehouse

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strings"
)

// A commit cut short (the process killed, the machine down) must leave a
// warehouse as it was before the transaction or with all of it. DuckDB
// mostly sees to that: on opening, it replays the write-ahead log up to
// the last whole transaction and rolls the rest back. One kind of entry
// escapes the rollback. A transaction that appends a row group or more
// (122,880 rows: an ingest or classify of a large file) writes those rows
// to the database file as it goes and logs only where they are; replaying
// that entry merges them into the table at once (DuckDB 1.5's
// ReplayRowGroupData), outside the transaction that the missing commit
// mark then rolls back. Killed between that entry and the commit mark
// (the database file's sync comes between them: a window of some hundred
// milliseconds), `classify` left 300,000 classifications without their
// classify_runs row, and `classify --all` would leave every complaint
// classified twice. Every such row names a run whose own row, written in
// the same transaction, is missing; Open removes them when it replays a
// log (interrupted_count.sql, interrupted_repair.sql).

//go:embed sql/interrupted_count.sql
var interruptedCountSQL string

//go:embed sql/interrupted_repair.sql
var interruptedRepairSQL string

// ErrInterrupted is returned by a read-only Open when a run that was cut
// short left rows behind that only opening for writing removes.
var ErrInterrupted = errors.New("warehouse holds rows of a run that was interrupted before it committed")

// interrupted counts the rows of each table a cut-short commit left
// (interrupted_count.sql: a column per table, named as the table), naming
// the tables that have some ("300000 classifications"), or "".
func (db *DB) interrupted(ctx context.Context) (string, error) {
	rows, err := db.QueryContext(ctx, interruptedCountSQL)
	if err != nil {
		return "", fmt.Errorf("look for an interrupted run's rows: %w", err)
	}
	tables, counts, err := ScanAll(rows)
	rows.Close()
	if err == nil && len(counts) != 1 {
		err = fmt.Errorf("%d rows of counts, want 1", len(counts))
	}
	if err != nil {
		return "", fmt.Errorf("look for an interrupted run's rows: %w", err)
	}
	var found []string
	for i, c := range counts[0] {
		if n, _ := c.(int64); n > 0 {
			found = append(found, fmt.Sprintf("%d %s", n, tables[i]))
		}
	}
	return strings.Join(found, ", "), nil
}

// repairInterrupted removes the rows a cut-short commit left, in one
// transaction, and says what it removed ("" when nothing).
func (db *DB) repairInterrupted(ctx context.Context) (string, error) {
	found, err := db.interrupted(ctx)
	if err != nil || found == "" {
		return "", err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("remove an interrupted run's rows: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, interruptedRepairSQL); err != nil {
		return "", fmt.Errorf("remove an interrupted run's rows: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("remove an interrupted run's rows: %w", err)
	}
	return found, nil
}
