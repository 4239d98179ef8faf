package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/complaints/complaints/classify"
)

func init() {
	register(&command{
		name:    "train",
		usage:   "train --label COLUMN --out MODEL [--folds 5] [--seed 1] [--method linear-svm|logreg|complement-nb] [--bigrams] [--lexicon-features] [--c C] [--class-weight balanced|sqrt|none] [--nb-alpha A] [--min-df N] [--char-ngrams MIN-MAX] [--exclude VALUE]...",
		summary: "learn a topic model from labelled complaints; prints k-fold accuracy, macro-F1 and confusion",
		run:     runTrain,
	})
}

func runTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train")
	label := fs.String("label", "", "the label: a complaints column (product, issue, ...) or a key of extra")
	out := fs.String("out", "", "model file to write (JSON)")
	folds := fs.Int("folds", 5, "cross-validation folds, at most one a labelled narrative (0 or 1: none)")
	seed := fs.Uint64("seed", 1, "seed of the fold assignment")
	def := classify.DefaultHyper()
	method := fs.String("method", def.Method, "linear-svm, logreg or complement-nb")
	version := fs.Int("version", 1, "the model's version, recorded with each classification")
	c := fs.Float64("c", 0, fmt.Sprintf("inverse regularisation strength, > 0 (default: chosen by inner cross-validation among %v)", def.CGrid))
	bigrams := fs.Bool("bigrams", def.Bigrams, "add word pairs to the single words")
	lexicon := fs.Bool("lexicon-features", def.Lexicon, "add VADER sentiment and taxonomy topic shares as features")
	short := classify.ShortTextHyper(def)
	classWeight := fs.String("class-weight", def.ClassWeight, "balanced, sqrt or none (default for short texts: "+short.ClassWeight+")")
	minDF := fs.Int("min-df", def.MinDF, "keep words seen in at least this many narratives")
	nbAlpha := fs.Float64("nb-alpha", def.NBAlpha, fmt.Sprintf("linear-svm: scale features by their naive Bayes log-count ratio, smoothed by this (0: no scaling; default for short texts: %g)", short.NBAlpha))
	charGrams := fs.String("char-ngrams", "", fmt.Sprintf("add the character n-grams of each word, MIN-MAX (e.g. 2-5), or none (default: none, %d-%d for short texts)", short.CharMin, short.CharMax))
	exclude := map[string]bool{}
	fs.Func("exclude", "leave out narratives labelled VALUE (as stored, e.g. \"Can't Tell\"); repeatable", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("want a label value")
		}
		exclude[strings.TrimSpace(s)] = true
		return nil
	})
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return extraArgs(rest)
	}
	// the usage line alone did not say which was missing
	if *label == "" {
		return usageError("--label is required: the column (or extra key) whose values the model learns")
	}
	if *out == "" {
		return usageError("--out is required: the file to write the model to")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	// Values that would train for nothing or give no model: checked here, by
	// flag name, rather than found after the cross-validation.
	switch {
	case *folds < 0:
		return fmt.Errorf("--folds %d: want 0 or 1 (none), or 2 or more", *folds)
	case set["c"] && !(*c > 0 && !math.IsInf(*c, 0)):
		return fmt.Errorf("--c %v: want a positive number", *c)
	case !(*nbAlpha >= 0 && !math.IsInf(*nbAlpha, 0)):
		return fmt.Errorf("--nb-alpha %v: want 0 (no scaling) or a positive number", *nbAlpha)
	case *minDF < 1:
		return fmt.Errorf("--min-df %d: want 1 or more", *minDF)
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
		// a misspelt name read as a column with no values: say which
		// names there are
		canonical, extra, err := classify.LabelColumns(ctx, db)
		if err != nil {
			return err
		}
		if !slices.Contains(canonical, strings.ToLower(*label)) && !slices.Contains(extra, *label) {
			return fmt.Errorf("--label %q: no complaint has such a column (columns: %s; the export's other columns, kept in extra: %s)",
				*label, strings.Join(canonical, ", "), strings.Join(truncateList(extra, 20), ", "))
		}
		return fmt.Errorf("no complaint has both a narrative and a value in %q", *label)
	}
	labels, texts, excluded, err := excludeLabels(labels, texts, exclude)
	if err != nil {
		return fmt.Errorf("--exclude: %w", err)
	}
	if *folds > len(labels) {
		return fmt.Errorf("--folds %d: there are %d labelled narratives, and each fold needs one", *folds, len(labels))
	}
	h := def
	h.Method, h.Bigrams, h.Lexicon, h.ClassWeight, h.MinDF, h.NBAlpha = *method, *bigrams, *lexicon, *classWeight, *minDF, *nbAlpha
	h.CharMin, h.CharMax = charMin, charMax
	// Short texts (tweets, survey comments, titles) get the short-text
	// settings, each unless its flag was given.
	median := classify.MedianChars(texts)
	var shortNote []string
	if median <= classify.ShortTextChars {
		if !set["char-ngrams"] {
			h.CharMin, h.CharMax = short.CharMin, short.CharMax
			shortNote = append(shortNote, fmt.Sprintf("character %d-%d-grams", h.CharMin, h.CharMax))
		}
		if !set["class-weight"] {
			h.ClassWeight = short.ClassWeight
			shortNote = append(shortNote, h.ClassWeight+" class weights")
		}
		if !set["nb-alpha"] && h.Method == classify.MethodLinearSVM {
			h.NBAlpha = short.NBAlpha
			shortNote = append(shortNote, fmt.Sprintf("NB alpha %g", h.NBAlpha))
		}
	}
	if h.Method != classify.MethodLinearSVM {
		h.NBAlpha = 0 // NB scaling is for the linear SVM
	}
	if set["c"] {
		h.C, h.CGrid = *c, nil // an explicit C replaces the search over the grid
	}
	if h.Method == classify.MethodComplementNB {
		h.CGrid = nil // C is no parameter of naive Bayes: nothing to choose
	}
	opts := classify.TrainOptions{Name: *label, Version: *version, Hyper: &h, Now: e.now}
	var rep *classify.CVReport
	fmt.Fprintf(e.stdout, "%d labelled narratives, %s%s\n", len(labels), *label, excluded)
	if len(shortNote) > 0 {
		fmt.Fprintf(e.stdout, "short texts (median %d characters): %s\n", median, strings.Join(shortNote, ", "))
	}
	if *folds >= 2 {
		rep, err = classify.CrossValidate(ctx, labels, texts, *folds, *seed, opts)
		if err != nil {
			return err
		}
		if err := rep.Write(e.stdout); err != nil {
			return err
		}
	}
	m, err := classify.Train(ctx, labels, texts, opts)
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

// excludeLabels drops the narratives whose label is one of exclude. It
// fails on a value no narrative carries (a misspelt "Can't tell" would
// otherwise train on what the user meant to leave out) and when nothing is
// left; excluded says what was dropped, for the report's first line.
func excludeLabels(labels, texts []string, exclude map[string]bool) (_, _ []string, excluded string, err error) {
	if len(exclude) == 0 {
		return labels, texts, "", nil
	}
	n := map[string]int{}
	var keptL, keptT []string
	for i, l := range labels {
		if exclude[l] {
			n[l]++
			continue
		}
		keptL, keptT = append(keptL, l), append(keptT, texts[i])
	}
	values := slices.Sorted(maps.Keys(exclude))
	parts := make([]string, len(values))
	for i, v := range values {
		if n[v] == 0 {
			return nil, nil, "", fmt.Errorf("no labelled narrative has the value %q", v)
		}
		parts[i] = fmt.Sprintf("%q (%d)", v, n[v])
	}
	if len(keptL) == 0 {
		return nil, nil, "", errors.New("every labelled narrative is left out")
	}
	return keptL, keptT, ", leaving out " + strings.Join(parts, ", "), nil
}

// parseRange reads "MIN-MAX" (1 <= MIN <= MAX <= 10); empty or "none" is
// 0, 0.
func parseRange(s string) (lo, hi int, err error) {
	if s == "" || s == "none" {
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

// truncateList keeps the first n of xs, saying how many more there are.
func truncateList(xs []string, n int) []string {
	if len(xs) <= n {
		if len(xs) == 0 {
			return []string{"none"}
		}
		return xs
	}
	return append(xs[:n:n], fmt.Sprintf("and %d more", len(xs)-n))
}
