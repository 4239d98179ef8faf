package reports

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Execer is what the export needs from the warehouse; *warehouse.DB and
// *sql.DB satisfy it, read-only is enough.
type Execer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ExportedTable is one table written by ExportParquet.
type ExportedTable struct {
	Table string
	Rows  int64
	Path  string // file, or directory of month=YYYY-MM partitions
}

// cacheTables are the reports' phrase cache (phrasecache.go): counts made
// from the other tables, which a later run makes again, not data to hand on.
var cacheTables = map[string]bool{"phrase_counts": true, "phrase_periods": true, "phrase_texts": true}

// ExportParquet writes every table of the warehouse as Parquet into dir:
// complaints as a Hive-partitioned directory dir/complaints/month=YYYY-MM/
// (by received_at), every other table as dir/TABLE.parquet. DuckDB, Spark,
// Trino and pandas read them unchanged, for example
//
//	SELECT count(*) FROM read_parquet('DIR/complaints/*/*.parquet', hive_partitioning = true)
//
// The partition column month is in the directory names, not in the files.
// The reports' cache (cacheTables) is not exported.
func ExportParquet(ctx context.Context, db Execer, dir string) ([]ExportedTable, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("export: %s is a file, not a directory", dir)
	}
	// the partitions of an earlier export are replaced; anything else in
	// complaints/ stops the export before it writes anything
	if err := checkPartitions(filepath.Join(dir, "complaints")); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	// Every table is written into a staging directory and moved into
	// place once all are (clear.go): an interrupted export leaves the
	// earlier one whole.
	stage, release, err := newStage(dir)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer release() // after the stage is removed: deferred calls run last first
	defer os.RemoveAll(stage)
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, fmt.Errorf("export: list tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, fmt.Errorf("export: list tables: %w", err)
		}
		if !cacheTables[t] {
			tables = append(tables, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: list tables: %w", err)
	}
	var out []ExportedTable
	var names []string
	for _, t := range tables {
		// Table names come from the catalog, not from data; they are
		// quoted as identifiers all the same. COPY takes no parameter for
		// its path, which is the operator's --out.
		var n int64
		name := t + ".parquet"
		if t == "complaints" {
			name = "complaints"
			if n, err = exportComplaints(ctx, db, filepath.Join(stage, name)); err != nil {
				return nil, fmt.Errorf("export %s: %w", t, err)
			}
		} else {
			// a table's rows in its stored order (DuckDB preserves
			// insertion order): the same warehouse gives the same bytes
			q := `COPY ` + quoteIdent(t) + ` TO '` + quoteLiteral(filepath.Join(stage, name)) + `' (FORMAT parquet, COMPRESSION zstd)`
			res, err := db.ExecContext(ctx, q)
			if err != nil {
				return nil, fmt.Errorf("export %s: %w", t, err)
			}
			if n, err = res.RowsAffected(); err != nil {
				return nil, fmt.Errorf("export %s: %w", t, err)
			}
		}
		out = append(out, ExportedTable{Table: t, Rows: n, Path: filepath.Join(dir, name)})
		names = append(names, name)
	}
	if err := publish(stage, dir, names); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return out, nil
}

// exportComplaints writes the complaints into dir/month=YYYY-MM/data_0.parquet,
// one COPY a month with its rows in (source, complaint_id) order, and
// returns the rows written. DuckDB's PARTITION_BY wrote the months from
// both threads in the order they reached them: the same warehouse exported
// twice gave other bytes (8 exports of 300,000 complaints, 3 different
// trees). Sorting a month is cheap where sorting the table would spill.
// The bounds are dates made here, not data.
func exportComplaints(ctx context.Context, db Execer, dir string) (int64, error) {
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT date_trunc('month', received_at)::DATE AS m FROM complaints ORDER BY m`)
	if err != nil {
		return 0, err
	}
	var months []time.Time
	for rows.Next() {
		var m time.Time
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return 0, err
		}
		months = append(months, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	// 0777 before the umask, as DuckDB makes its files: in a folder shared
	// by a group (umask 002) another user's export may replace them
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return 0, err
	}
	var total int64
	for _, m := range months {
		part := filepath.Join(dir, "month="+m.Format("2006-01"))
		if err := os.Mkdir(part, 0o777); err != nil {
			return 0, err
		}
		q := fmt.Sprintf(`COPY (SELECT * FROM complaints WHERE received_at >= TIMESTAMP '%s' AND received_at < TIMESTAMP '%s'
			ORDER BY source, complaint_id) TO '%s' (FORMAT parquet, COMPRESSION zstd)`,
			m.Format(time.DateOnly), m.AddDate(0, 1, 0).Format(time.DateOnly), quoteLiteral(filepath.Join(part, "data_0.parquet")))
		res, err := db.ExecContext(ctx, q)
		if err != nil {
			return 0, fmt.Errorf("month %s: %w", m.Format("2006-01"), err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// checkPartitions is checkOwn for the export's complaints directory dir:
// it holds month=... directories only, and each of them data_N.parquet
// files only (data_0.parquet, as exportComplaints writes; DuckDB's
// PARTITION_BY, which wrote the exports before, numbered its files so).
// Anything else, in dir or in a partition, is named and stops the export:
// a month directory of any Parquet files was taken for the export's own
// and replaced whole, and with it the user's mine.parquet (QA pass BA).
func checkPartitions(dir string) error {
	var parts []string
	err := checkOwn(dir, func(path string, d fs.DirEntry) bool {
		if d.IsDir() && strings.HasPrefix(d.Name(), "month=") {
			parts = append(parts, path)
			return true
		}
		return false
	})
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := checkOwn(p, isDataFile); err != nil {
			return err
		}
	}
	return nil
}

// isDataFile is an own func of checkOwn: a partition's file as the export
// writes it (checkPartitions).
func isDataFile(_ string, d fs.DirEntry) bool {
	return d.Type().IsRegular() && dataFileName.MatchString(d.Name())
}

var dataFileName = regexp.MustCompile(`^data_[0-9]+\.parquet$`)

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
