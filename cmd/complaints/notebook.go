package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/complaints/complaints/reports"
)

func init() {
	register(&command{
		name:    "notebook",
		usage:   "notebook NOTEBOOK.md --out FILE.html",
		summary: "run a Markdown notebook's SQL cells (read-only) and write the result as HTML",
		run:     runNotebook,
	})
}

func runNotebook(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "notebook")
	out := fs.String("out", "", "HTML file to write (required)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError("want one notebook file, got %d arguments", len(rest))
	}
	if *out == "" {
		return usageError("--out is required: the HTML file to write")
	}
	src, err := os.ReadFile(rest[0])
	if err != nil {
		return err
	}
	db, err := e.openForQueries(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// a notebook whose cells fail still gives its page, each error shown
	// in its cell; the command then writes it and fails naming the cells
	html, runErr := reports.RunNotebook(ctx, db, src, reports.NotebookOptions{Name: filepath.Base(rest[0])})
	if html == nil {
		return runErr
	}
	if err := os.WriteFile(*out, html, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return runErr
}
