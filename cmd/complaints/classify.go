package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/internal/warehouse"
)

func init() {
	register(&command{
		name:    "classify",
		usage:   "classify [--taxonomy FILE] [--model FILE] [--all]",
		summary: "topic, sentiment, flags and PII redaction for unclassified (or all) complaints",
		run:     runClassify,
	})
}

func runClassify(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "classify")
	taxonomy, model := classifierFlags(fs)
	all := fs.Bool("all", false, "reclassify every complaint, not only those not yet classified")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return extraArgs(rest)
	}
	db, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	return classifyWith(ctx, e, db, classify.RunOptions{All: *all, Taxonomy: *taxonomy, Model: *model})
}

// classifyStage classifies the complaints not yet classified, with run's
// --taxonomy and --model if given, else as the latest classify run did
// (classify.Run); `complaints run` calls it after ingest.
func classifyStage(ctx context.Context, e *env, db *warehouse.DB) error {
	return classifyWith(ctx, e, db, classify.RunOptions{Taxonomy: e.taxonomy, Model: e.model})
}

func classifyWith(ctx context.Context, e *env, db *warehouse.DB, opts classify.RunOptions) error {
	opts.Now = e.now
	opts.Log = e.log.With("stage", "classify")
	st, err := classify.Run(ctx, db, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "classified %s (%d with a narrative, %d of them not in English) with %s\n",
		quantity(st.Complaints, "complaint", "complaints"), st.WithNarrative, st.NotEnglish, st.Model)
	return nil
}

// classifierFlags defines classify's and run's --taxonomy and --model.
func classifierFlags(fs *flag.FlagSet) (taxonomy, model *string) {
	taxonomy = fs.String("taxonomy", "", "taxonomy YAML `FILE` (default: the latest classify run's, else the built-in one)")
	model = fs.String("model", "", "trained topic model `FILE` from complaints train (default: taxonomy phrases)")
	return taxonomy, model
}
