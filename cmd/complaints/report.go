package main

import (
	"context"
	"fmt"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/reports"
)

func init() {
	register(&command{
		name:    "report",
		usage:   "report --out DIR [--period week|month] [--as-of YYYY-MM-DD]",
		summary: "write the HTML reports (index, weekly, executive, defects, audit) into DIR",
		run:     runReport,
	})
}

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report")
	out := fs.String("out", "", "output directory (required)")
	period := fs.String("period", "week", "period of the trend charts: week or month")
	asOf := fs.String("as-of", "", "report date YYYY-MM-DD (default: the latest date in the data)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 || *out == "" {
		return errUsage
	}
	opts, err := reportOptions(e, *out, *period, *asOf)
	if err != nil {
		return err
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := reports.Write(ctx, db, opts); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s/index.html\n", *out)
	return nil
}

// reportOptions builds the reports' options from the command's flags.
func reportOptions(e *env, out, period, asOf string) (reports.Options, error) {
	opts := reports.Options{
		OutDir:   out,
		Period:   period,
		Settings: [][2]string{{"warehouse", e.dbPath}},
		Log:      e.log.With("stage", "report"),
	}
	if period != "week" && period != "month" {
		return opts, fmt.Errorf("--period %q: want week or month", period)
	}
	if asOf != "" {
		t, err := time.Parse("2006-01-02", asOf)
		if err != nil {
			return opts, fmt.Errorf("--as-of %q: want YYYY-MM-DD", asOf)
		}
		opts.AsOf = t
	}
	return opts, nil
}

// reportStage writes every report for the `run` command into outDir, with
// weekly periods and the latest date in the data as the report date.
func reportStage(ctx context.Context, e *env, db *warehouse.DB, outDir string) error {
	opts, err := reportOptions(e, outDir, "week", "")
	if err != nil {
		return err
	}
	// run holds the warehouse for writing: the reports keep their phrase
	// counts in it, so that the next run reads only new texts.
	opts.KeepPhraseCounts = !db.ReadOnly()
	e.log.With("stage", "report").Debug("writing reports", "out", outDir)
	if err := reports.Write(ctx, db, opts); err != nil {
		return err
	}
	return nil
}
