package main

import (
	"context"
	"strings"
)

func init() {
	register(&command{
		name:    "sql",
		usage:   "sql [--format table|csv|json] QUERY",
		summary: "run a read-only SQL query against the warehouse",
		run:     runSQL,
	})
}

func runSQL(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sql")
	format := fs.String("format", "table", "output format: table, csv or json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usageError("no query given: the SQL to run is the argument")
	}
	if err := checkFormat(*format, "table", "csv", "json"); err != nil {
		return err
	}
	db, err := e.openForQueries(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, strings.Join(rest, " "))
	if err != nil {
		return err
	}
	defer rows.Close()
	if *format != "table" {
		// a row at a time: held whole, every complaint of a 1M warehouse
		// as CSV peaked at 6 GB (QA pass T)
		return streamRows(e.stdout, rows, *format)
	}
	// a table's columns are as wide as their widest cell: held whole
	rs, err := readRows(rows)
	if err != nil {
		return err
	}
	return rs.write(e.stdout, *format)
}
