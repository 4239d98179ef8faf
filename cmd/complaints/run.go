package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/complaints/complaints/reports"
)

func init() {
	register(&command{
		name:    "run",
		usage:   "run --out DIR [--period week|month] [--as-of YYYY-MM-DD] [--profile P] [--mapping F] [--source NAME] [--date-order month|day] [--sheet NAME] [--quiet] [--ack-days N] [--resolution-target D] [--holidays DATES] [--business-hours] [--taxonomy FILE] [--model FILE] FILE...",
		summary: "ingest, classify, compute metrics and trends, and write every report into DIR",
		run:     runPipeline,
	})
}

func runPipeline(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run")
	out := fs.String("out", "", "output directory for the reports (required)")
	period := fs.String("period", "week", "period of the reports' trend charts: week or month")
	asOf := fs.String("as-of", "", "report date YYYY-MM-DD (default: the latest date a complaint was received or a survey answered)")
	var f ingestFlags
	f.define(fs)
	var tf targetFlags
	tf.define(fs)
	taxonomy, model := classifierFlags(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError("--out is required: the directory to write the pages to")
	}
	if len(files) == 0 {
		// Without a file, run renders a warehouse as it is, storing the
		// reports' phrase counts, which report (read-only) cannot. It
		// makes none: an empty glob in a nightly job, with no warehouse
		// at --db, made an empty one and replaced the published pages
		// with empty ones (QA pass BI).
		if _, err := os.Stat(e.dbPath); err != nil {
			return usageError("no file given: name the files to load (without one, run renders an existing warehouse, and there is none at %s)", e.dbPath)
		}
	}
	// the report's settings are checked before any file is loaded
	ropts, err := reportOptions(e, *out, *period, *asOf, tf)
	if err != nil {
		return err
	}
	if err := filesExist(files); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if err := f.prepare(); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if err := oneProfile(ctx, e, f, files); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if err := reports.CheckOutDir(*out); err != nil {
		return fmt.Errorf("--out %s: %w", *out, err)
	}
	e.taxonomy, e.model = *taxonomy, *model
	db, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := ingestFiles(ctx, e, db, f, files); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	for _, s := range pipelineStages {
		if err := s.run(ctx, e, db); err != nil {
			if strings.HasPrefix(err.Error(), s.name+": ") {
				return err // classify's errors name their step: not twice
			}
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	if err := writeReports(ctx, e, db, ropts); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := e.checkpoint(ctx, db); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s/index.html\n", *out)
	return nil
}
