package reports

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	// the partitions of an earlier export are replaced; anything else in
	// complaints/ stops the export before it writes anything
	if err := checkOwn(filepath.Join(dir, "complaints"), isPartition); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	// Every table is written into a staging directory and moved into
	// place once all are (clear.go): an interrupted export leaves the
	// earlier one whole.
	stage, err := newStage(dir)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
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
		var q, name string
		if t == "complaints" {
			name = "complaints"
			q = `COPY (SELECT *, strftime(received_at, '%Y-%m') AS month FROM complaints) TO '` +
				quoteLiteral(filepath.Join(stage, name)) + `' (FORMAT parquet, PARTITION_BY (month), COMPRESSION zstd)`
		} else {
			name = t + ".parquet"
			q = `COPY ` + quoteIdent(t) + ` TO '` + quoteLiteral(filepath.Join(stage, name)) + `' (FORMAT parquet, COMPRESSION zstd)`
		}
		res, err := db.ExecContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", t, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", t, err)
		}
		out = append(out, ExportedTable{Table: t, Rows: n, Path: filepath.Join(dir, name)})
		names = append(names, name)
	}
	if err := publish(stage, dir, names); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return out, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
