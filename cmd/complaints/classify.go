package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

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
	db, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := classifyWith(ctx, e, db, classify.RunOptions{All: *all, Taxonomy: *taxonomy, Model: *model}); err != nil {
		return err
	}
	return e.checkpoint(ctx, db)
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
	var mn *classify.ModelNeededError
	if errors.As(err, &mn) {
		return modelNeeded(mn)
	}
	if err != nil {
		return err
	}
	undetermined := ""
	if st.Undetermined > 0 {
		// as the pages count them: no words, or a script the detector
		// does not name, is no other language
		undetermined = fmt.Sprintf(", %d whose language could not be determined", st.Undetermined)
	}
	fmt.Fprintf(e.stdout, "classified %s (%d with a narrative, %d of them not in English%s) with %s\n",
		quantity(st.Complaints, "complaint", "complaints"), st.WithNarrative, st.NotEnglish, undetermined, st.Model)
	if st.Kept > 0 {
		fmt.Fprintln(e.stdout, keptLine(st, opts))
	}
	return nil
}

// keptLine says which complaints keep the topics of another model than
// the one given, and the command that classifies them with it: classify
// --taxonomy with version 2 of a taxonomy over complaints all classified
// by version 1 said "classified 0 complaints ... taxonomy:retail@2" only,
// and left them at version 1 without a word (QA pass BC).
func keptLine(st classify.Stats, opts classify.RunOptions) string {
	// the models without the classifier's version ("classify/1 ")
	_, given, _ := strings.Cut(st.Model, " ")
	_, kept, _ := strings.Cut(cleanCell(st.KeptModel), " ")
	if st.KeptOthers > 0 {
		kept += " and " + quantity(st.KeptOthers, "other model", "other models")
	}
	cmd := "classify --all"
	if opts.Taxonomy != "" {
		cmd += " --taxonomy " + shellWord(opts.Taxonomy)
	}
	if opts.Model != "" {
		cmd += " --model " + shellWord(opts.Model)
	}
	n, keep, them := quantity(st.Kept, "complaint", "complaints"), "keep", "them"
	if st.Kept == 1 {
		keep, them = "keeps", "it"
	}
	if st.Complaints > 0 {
		return fmt.Sprintf("%s classified before %s %s beside these; %s classifies every complaint with %s", n, keep, kept, cmd, given)
	}
	return fmt.Sprintf("%s %s %s; %s classifies %s with %s", n, keep, kept, cmd, them, given)
}

// classifierFlags defines classify's and run's --taxonomy and --model.
func classifierFlags(fs *flag.FlagSet) (taxonomy, model *string) {
	taxonomy = fs.String("taxonomy", "", "taxonomy YAML `FILE` (default: the latest classify run's, else the built-in one)")
	model = fs.String("model", "", "trained topic model `FILE` from complaints train (default: taxonomy phrases)")
	return taxonomy, model
}

// modelNeeded words classify.ModelNeededError in classify's flags: after
// a run with a trained model, classify (with --all or not) asks for the
// model again, or a taxonomy to switch to deliberately. It suggested
// "--all" alone, which classified every complaint with the built-in
// taxonomy behind the model's back, to run too, which has no --all (QA
// pass T); run never sets All, so its error names no flag it lacks.
func modelNeeded(mn *classify.ModelNeededError) error {
	give, which := "--model FILE", "the new ones"
	instead := "--taxonomy FILE to classify them by a taxonomy's topics instead (beside the model's)"
	if mn.All {
		give, which = "--all --model FILE", "every complaint"
		instead = "--all --taxonomy FILE to classify every complaint by a taxonomy's topics instead"
	}
	return fmt.Errorf("classify: the complaints were last classified with the trained model %s, which the warehouse does not hold: "+
		"give %s (and --taxonomy FILE if it routed the topics) to classify %s with it, or %s", mn.Model, give, which, instead)
}
