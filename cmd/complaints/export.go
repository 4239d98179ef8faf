package main

import (
	"context"
	"fmt"
	"os"

	"github.com/complaints/complaints/reports"
)

func init() {
	register(&command{
		name:    "export",
		usage:   "export --format parquet --out DIR",
		summary: "write every table as Parquet (complaints partitioned by month) for BI tools and distributed engines",
		run:     runExport,
	})
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export")
	format := fs.String("format", "parquet", "output format (parquet)")
	out := fs.String("out", "", "output directory (required)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return extraArgs(rest)
	}
	if *out == "" {
		return usageError("--out is required: the directory to write to")
	}
	if *format != "parquet" {
		return usageError("--format %q: only parquet is supported", *format)
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return fmt.Errorf("--out %s is a file, not a directory", *out)
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	tables, err := reports.ExportParquet(ctx, db, *out)
	if err != nil {
		return err
	}
	for _, t := range tables {
		fmt.Fprintf(e.stdout, "%s: %s -> %s\n", t.Table, quantity(t.Rows, "row", "rows"), t.Path)
	}
	return nil
}
