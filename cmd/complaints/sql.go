package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/complaints/complaints/reports"
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
	format := fs.String("format", "table", "output format: table, csv or json. "+
		"table is for a terminal: a value's control and invisible characters are shown escaped (\\x1b, \\u200b), "+
		"and the rows print as they are read, the columns as wide as the widest value of the first "+strconv.Itoa(tablePage)+" rows "+
		"and widened where a later "+strconv.Itoa(tablePage)+" need it. "+
		"csv writes a NUL byte in a value, which many CSV readers stop at, as U+FFFD (the replacement character); "+
		"json keeps it (\\u0000)")
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
	query := strings.Join(rest, " ")
	if n := len(reports.SplitStatements(query)); n > 1 {
		// DuckDB ran each and gave the last one's rows only: "select 1;
		// select 2" printed 2 alone (QA pass BI); one CSV or JSON output
		// holds one result
		return fmt.Errorf("the query holds %d statements, separated by semicolons: sql runs one (a notebook runs several, showing each result)", n)
	}
	step := e.steps("sql")
	db, err := e.openForQueries(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	step("open")
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	// (the rows are read as they are written: the query's time runs on
	// into the write's)
	step("query")
	// a row at a time: held whole, every complaint of a 1M warehouse as
	// CSV peaked at 6 GB (QA pass T); a table a page of rows at a time,
	// which sizes its columns (textTable)
	err = streamRows(e.stdout, rows, *format)
	step("write")
	return err
}
