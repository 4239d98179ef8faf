package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/complaints/complaints/classify"
)

func init() {
	register(&command{
		name:    "train",
		usage:   "train --label COLUMN --out MODEL [--folds 5] [--seed 1] [--method linear-svm|logreg|complement-nb] [--bigrams] [--lexicon-features] [--c C] [--class-weight balanced|sqrt|none] [--nb-alpha A] [--min-df N] [--char-ngrams MIN-MAX]",
		summary: "learn a topic model from labelled complaints; prints k-fold accuracy, macro-F1 and confusion",
		run:     runTrain,
	})
}

func runTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train")
	label := fs.String("label", "", "the label: a complaints column (product, issue, ...) or a key of extra")
	out := fs.String("out", "", "model file to write (JSON)")
	folds := fs.Int("folds", 5, "cross-validation folds (0 or 1: none)")
	seed := fs.Uint64("seed", 1, "seed of the fold assignment")
	def := classify.DefaultHyper()
	method := fs.String("method", def.Method, "linear-svm, logreg or complement-nb")
	version := fs.Int("version", 1, "the model's version, recorded with each classification")
	c := fs.Float64("c", def.C, "inverse regularisation strength (default: chosen by inner cross-validation)")
	bigrams := fs.Bool("bigrams", def.Bigrams, "add word pairs to the single words")
	lexicon := fs.Bool("lexicon-features", def.Lexicon, "logreg: add VADER sentiment and taxonomy topic shares as features")
	classWeight := fs.String("class-weight", def.ClassWeight, "balanced, sqrt or none")
	minDF := fs.Int("min-df", def.MinDF, "keep words seen in at least this many narratives")
	nbAlpha := fs.Float64("nb-alpha", def.NBAlpha, "linear-svm: scale features by their naive Bayes log-count ratio, smoothed by this (0: no scaling)")
	charGrams := fs.String("char-ngrams", "", "add the character n-grams of each word, MIN-MAX (e.g. 2-5, for short misspelt text such as tweets); empty: none")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *label == "" || *out == "" {
		return errUsage
	}
	charMin, charMax, err := parseRange(*charGrams)
	if err != nil {
		return fmt.Errorf("--char-ngrams %q: %w", *charGrams, err)
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	labels, texts, err := classify.LabelledTexts(ctx, db, *label)
	if err != nil {
		return err
	}
	if len(labels) == 0 {
		return fmt.Errorf("no complaint has both a narrative and a value in %q", *label)
	}
	h := def
	h.Method, h.C, h.Bigrams, h.Lexicon, h.ClassWeight, h.MinDF, h.NBAlpha = *method, *c, *bigrams, *lexicon, *classWeight, *minDF, *nbAlpha
	h.CharMin, h.CharMax = charMin, charMax
	if h.Method != classify.MethodLinearSVM {
		h.NBAlpha = 0 // NB scaling is for the linear SVM
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "c" {
			h.CGrid = nil // an explicit C replaces the search over the grid
		}
	})
	opts := classify.TrainOptions{Name: *label, Version: *version, Hyper: &h, Now: e.now}
	var rep *classify.CVReport
	if *folds >= 2 {
		rep, err = classify.CrossValidate(labels, texts, *folds, *seed, opts)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%d labelled narratives, %s\n", len(labels), *label)
		if err := rep.Write(e.stdout); err != nil {
			return err
		}
	}
	m, err := classify.Train(labels, texts, opts)
	if err != nil {
		return err
	}
	m.CV = rep
	if err := m.Save(*out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s model of %d labels, %d features\n", *out, m.Method, len(m.Labels), len(m.Vocabulary))
	return nil
}

// parseRange reads "MIN-MAX" (1 <= MIN <= MAX <= 10); empty is 0, 0.
func parseRange(s string) (lo, hi int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if ok {
		lo, err = strconv.Atoi(a)
		if err == nil {
			hi, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || lo < 1 || hi < lo || hi > 10 {
		return 0, 0, errors.New("want MIN-MAX with 1 <= MIN <= MAX <= 10")
	}
	return lo, hi, nil
}
