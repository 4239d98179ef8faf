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
		usage:   "train --label COLUMN --out MODEL [--version N] [--folds 5] [--seed 1] [--method linear-svm|logreg|complement-nb] [--bigrams=false] [--lexicon-features] [--c C] [--class-weight balanced|sqrt|none] [--nb-alpha A] [--min-df N] [--char-ngrams MIN-MAX] [--exclude VALUE]...",
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
	// the flag package adds "(default balanced)"; short texts' default
	// beside it read as a second one (QA pass BI)
	classWeight := fs.String("class-weight", def.ClassWeight, "balanced, sqrt or none (short texts: "+short.ClassWeight+" unless given)")
	minDF := fs.Int("min-df", def.MinDF, "keep words seen in at least this many narratives")
	nbAlpha := fs.Float64("nb-alpha", def.NBAlpha, fmt.Sprintf("linear-svm: scale features by their naive Bayes log-count ratio, smoothed by this (0: no scaling; short texts: %g unless given)", short.NBAlpha))
	charGrams := fs.String("char-ngrams", "", fmt.Sprintf("add the character n-grams of each word, MIN-MAX (e.g. 2-5), or none (default: none, %d-%d for short texts)", short.CharMin, short.CharMax))
	exclude := map[string]bool{}
	fs.Func("exclude", "leave out narratives labelled VALUE (e.g. \"Can't Tell\"; case and spacing as labels are folded); repeatable", func(s string) error {
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
		return usageError("--folds %d: want 0 or 1 (none), or 2 or more", *folds)
	case set["c"] && !(*c > 0 && !math.IsInf(*c, 0)):
		return usageError("--c %v: want a positive number", *c)
	case !(*nbAlpha >= 0 && !math.IsInf(*nbAlpha, 0)):
		return usageError("--nb-alpha %v: want 0 (no scaling) or a positive number", *nbAlpha)
	case *minDF < 1:
		return usageError("--min-df %d: want 1 or more", *minDF)
	}
	charMin, charMax, err := parseRange(*charGrams)
	if err != nil {
		return usageError("--char-ngrams %q: %v", *charGrams, err)
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	data, err := classify.LabelledTexts(ctx, db, *label)
	if err != nil {
		return err
	}
	if len(data.Labels) == 0 {
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
	labelled := len(data.Labels)
	excluded, nExcluded, err := excludeLabels(data, exclude)
	if err != nil {
		return fmt.Errorf("--exclude: %w", err)
	}
	// The model learns from each text as classify will give it one (QA
	// pass T: trained on whole texts in any language, it printed accuracy
	// of other texts than those it was to classify).
	skipped, err := readAsModel(ctx, data)
	if err != nil {
		return err
	}
	if len(data.Labels) == 0 {
		return fmt.Errorf("--label %q: none of the %d labelled narratives is one a model reads (%s): classify gives such texts topic %s without asking a model",
			*label, labelled, skipNote(skipped), classify.TopicOther)
	}
	labels, texts := data.Labels, data.Texts
	if *folds > len(labels) {
		return fmt.Errorf("--folds %d: there are %d labelled narratives, and each fold needs one", *folds, len(labels))
	}
	if n := classify.DistinctTexts(texts); *folds > n {
		// copies of a text share a fold: fewer texts than folds left a
		// fold with nothing to train on
		return fmt.Errorf("--folds %d: the %d labelled narratives have %d different texts (copies are kept in one fold), and each fold needs one", *folds, len(labels), n)
	}
	// "Sound", "SOUND" and "sound" are one class, not three that split
	// its narratives and confuse each other
	labels, foldedLabels := classify.FoldLabels(labels)
	var fewer map[string]int
	if *folds >= 2 {
		if err := checkCrossValidation(*label, labels, texts, *folds, len(exclude) > 0); err != nil {
			return err
		}
		fewer = fewerThanFolds(labels, *folds)
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
	if len(skipped) > 0 {
		fmt.Fprintf(e.stdout, "left out %s that a model does not read (classify gives such texts topic %s): %s\n",
			quantity(countSum(skipped), "labelled narrative", "labelled narratives"), classify.TopicOther, skipNote(skipped))
	}
	if data.Unlabelled > 0 {
		fmt.Fprintf(e.stdout, "left out %s with a narrative and no value in %s\n", quantity(data.Unlabelled, "complaint", "complaints"), *label)
	}
	for _, note := range classify.LabelDrift(labels, data.Received) {
		fmt.Fprintf(e.stderr, "train: warning: %s\n", note)
	}
	if note := foldsNote(foldedLabels); note != "" {
		fmt.Fprintf(e.stdout, "labels differing only in case or spacing read as one: %s\n", note)
	}
	if spellings := foldedLabels[classify.TopicOther]; len(spellings) > 0 {
		// "Other" beside the reserved topic other was a second catch-all
		// the pages listed as a topic (QA pass AG)
		fmt.Fprintf(e.stdout, "labels %s read as topic %s, the catch-all topic the pages keep apart\n",
			strings.Join(spellingCounts(spellings), ", "), classify.TopicOther)
	}
	if len(fewer) > 0 {
		fmt.Fprintf(e.stderr, "train: warning: %s\n", fewerNote(fewer, *folds))
	}
	if len(shortNote) > 0 {
		fmt.Fprintf(e.stdout, "short texts (median %d characters): %s\n", median, strings.Join(shortNote, ", "))
	}
	if *folds >= 2 {
		rep, err = classify.CrossValidate(ctx, labels, texts, *folds, *seed, opts)
		if err != nil {
			return dataError(*label, labels, *folds, h.MinDF, err)
		}
		if err := rep.Write(e.stdout); err != nil {
			return err
		}
	}
	m, err := classify.Train(ctx, labels, texts, opts)
	if err != nil {
		return dataError(*label, labels, *folds, h.MinDF, err)
	}
	m.CV = rep
	m.Training.FoldedLabels, m.Training.Excluded, m.Training.FewerThanFolds = foldedLabels, nExcluded, fewer
	if err := m.Save(*out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s model of %d labels, %d features%s\n", *out, m.Method, len(m.Labels), len(m.Vocabulary), chosenC(&m.Hyper))
	return nil
}

// chosenC words the final model's C for the line that says it was
// written: the cross-validation prints each fold's choice, and the model
// file alone held the final one (QA pass AG). Complement NB has none.
func chosenC(h *classify.Hyper) string {
	switch {
	case h.Method == classify.MethodComplementNB:
		return ""
	case len(h.CGrid) > 0:
		return fmt.Sprintf(", C %g (chosen from %v by inner cross-validation)", h.C, h.CGrid)
	}
	return fmt.Sprintf(", C %g", h.C)
}

// excludeLabels drops from data the narratives whose label is one of
// exclude, as classify.FoldLabels reads labels: "can't tell" leaves out
// "Can't Tell" and "CAN'T TELL", which training would fold into one class.
// It fails on a value no narrative carries (a misspelt "Cant tell" would
// otherwise train on what the user meant to leave out) and when nothing
// is left; excluded says what was dropped, for the report's first line,
// and n how many narratives each label dropped had, as stored (not as the
// flag spelt it), for the model file.
func excludeLabels(data *classify.Labelled, exclude map[string]bool) (excluded string, n map[string]int, err error) {
	if len(exclude) == 0 {
		return "", nil, nil
	}
	found := map[string]bool{} // each value's fold key -> some narrative has it
	for v := range exclude {
		found[classify.LabelKey(v)] = false
	}
	n = map[string]int{}
	keep := make([]bool, len(data.Labels))
	for i, l := range data.Labels {
		if _, ok := found[classify.LabelKey(l)]; ok {
			found[classify.LabelKey(l)] = true
			n[l]++
			continue
		}
		keep[i] = true
	}
	for _, v := range slices.Sorted(maps.Keys(exclude)) {
		if !found[classify.LabelKey(v)] {
			return "", nil, fmt.Errorf("no labelled narrative has the value %q", v)
		}
	}
	if !slices.Contains(keep, true) {
		return "", nil, errors.New("every labelled narrative is left out")
	}
	keepLabelled(data, keep)
	values := slices.Sorted(maps.Keys(n))
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = fmt.Sprintf("%q (%d)", v, n[v])
	}
	return ", leaving out " + strings.Join(parts, ", "), n, nil
}

// keepLabelled keeps the narratives of data whose keep is true.
func keepLabelled(data *classify.Labelled, keep []bool) {
	j := 0
	for i := range data.Labels {
		if keep[i] {
			data.Labels[j], data.Texts[j], data.Received[j] = data.Labels[i], data.Texts[i], data.Received[i]
			j++
		}
	}
	data.Labels, data.Texts, data.Received = data.Labels[:j], data.Texts[:j], data.Received[:j]
}

// readAsModel replaces data's texts by what a trained model reads of them
// (classify.ModelTexts: the complainant's own words, personal data
// masked), leaving out those it does not read, and returns how many were
// left out for each reason.
func readAsModel(ctx context.Context, data *classify.Labelled) (map[string]int, error) {
	texts, why, err := classify.ModelTexts(ctx, data.Texts)
	if err != nil {
		return nil, err
	}
	var skipped map[string]int
	keep := make([]bool, len(texts))
	for i, w := range why {
		if keep[i] = w == ""; !keep[i] {
			if skipped == nil {
				skipped = map[string]int{}
			}
			skipped[w]++
		}
	}
	data.Texts = texts
	keepLabelled(data, keep)
	return skipped, nil
}

// skipNote words readAsModel's counts: "3 not in English, 1 no words".
func skipNote(skipped map[string]int) string {
	var parts []string
	for _, w := range slices.Sorted(maps.Keys(skipped)) {
		parts = append(parts, fmt.Sprintf("%d %s", skipped[w], w))
	}
	return strings.Join(parts, ", ")
}

func countSum(m map[string]int) int {
	t := 0
	for _, n := range m {
		t += n
	}
	return t
}

// labelCounts returns the labels by their narratives, most first (ties
// in byte order), with the count of each.
func labelCounts(labels []string) ([]string, map[string]int) {
	count := map[string]int{}
	for _, l := range labels {
		count[l]++
	}
	names := slices.Collect(maps.Keys(count))
	slices.SortFunc(names, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	return names, count
}

// checkCrossValidation refuses labels that k-fold cross-validation cannot
// work with, saying what is wrong with the data rather than which fold
// failed ("cross-validate fold 1: train: need at least two labels, have
// 1"): one label only, or fewer than two labels of two different texts or
// more (a label of one narrative is missing from the training part of the
// fold that tests it: with one such label of two, that fold trains on
// one). Copies of a text are kept in one fold: a label whose narratives
// are all copies of one text is as one of one narrative (QA pass BE).
func checkCrossValidation(column string, labels, texts []string, k int, afterExclude bool) error {
	names, count := labelCounts(labels)
	what := fmt.Sprintf("the %d labelled narratives", len(labels))
	if afterExclude {
		what += " left after --exclude"
	}
	if len(names) == 1 {
		return fmt.Errorf("--label %q: %s all have one label, %q; a model needs two or more", column, what, names[0])
	}
	byLabel := map[string][]string{}
	for i, l := range labels {
		byLabel[l] = append(byLabel[l], texts[i])
	}
	var twice, once, copies []string
	for _, l := range names {
		switch {
		case count[l] < 2:
			once = append(once, fmt.Sprintf("%q %d", l, count[l]))
		case classify.DistinctTexts(byLabel[l]) < 2:
			once = append(once, fmt.Sprintf("%q %d, all copies of one text", l, count[l]))
			copies = append(copies, fmt.Sprintf("%q", l))
		default:
			twice = append(twice, fmt.Sprintf("%q (%d)", l, count[l]))
		}
	}
	if len(twice) >= 2 {
		return nil
	}
	// with a label of copies, what counts is different texts
	kind, twoOf, why, more := "", "", "", "more"
	if len(copies) > 0 {
		kind, twoOf, why = " different text", " different texts", "copies of a text are kept in one fold, and "
		more = "more texts of " + strings.Join(truncateList(copies, 10), ", ") + " that differ"
	}
	has := "no label has more than one" + kind
	if len(twice) == 1 {
		has = "only " + twice[0] + " has more than one" + kind
	}
	return fmt.Errorf("--label %q: of %s, %s (%s): %s%d-fold cross-validation needs two labels of 2 or more%s, for every fold to train on two; label %s, or give --folds 0",
		column, what, has, strings.Join(truncateList(once, 10), ", "), why, k, twoOf, more)
}

// fewerThanFolds returns the labels with fewer narratives than k folds,
// with their counts: some folds cannot test them, and a fold that tests a
// label's only narrative trains without it.
func fewerThanFolds(labels []string, k int) map[string]int {
	_, count := labelCounts(labels)
	var few map[string]int
	for l, n := range count {
		if n < k {
			if few == nil {
				few = map[string]int{}
			}
			few[l] = n
		}
	}
	return few
}

// fewerNote words the warning of fewerThanFolds, naming each label with
// its count and the --exclude that would leave it out.
func fewerNote(few map[string]int, k int) string {
	names := slices.Sorted(maps.Keys(few))
	counts := make([]string, len(names))
	flags := make([]string, len(names))
	for i, l := range names {
		counts[i] = fmt.Sprintf("%q (%d)", l, few[l])
		flags[i] = "--exclude " + shellWord(l)
	}
	return fmt.Sprintf("labels with fewer narratives than the %d folds, which some folds cannot test or train on: %s; leave them out with %s, or label more",
		k, strings.Join(counts, ", "), strings.Join(flags, " "))
}

// foldsNote words the labels classify.FoldLabels read as one: each class
// with its narratives and the count of each spelling, most first. A
// class of one spelling (topic other, spelt "Other") is not one of them.
func foldsNote(folds map[string]map[string]int) string {
	var parts []string
	for _, class := range slices.Sorted(maps.Keys(folds)) {
		if len(folds[class]) < 2 {
			continue
		}
		total := 0
		for _, n := range folds[class] {
			total += n
		}
		parts = append(parts, fmt.Sprintf("%q (%d: %s)", class, total, strings.Join(spellingCounts(folds[class]), ", ")))
	}
	return strings.Join(parts, "; ")
}

// spellingCounts words the spellings of a class with their counts, most
// first (ties in byte order).
func spellingCounts(count map[string]int) []string {
	var out []string
	for _, s := range slices.SortedFunc(maps.Keys(count), func(a, b string) int {
		if na, nb := count[a], count[b]; na != nb {
			return nb - na
		}
		return strings.Compare(a, b)
	}) {
		out = append(out, fmt.Sprintf("%q %d", s, count[s]))
	}
	return out
}

// shellWord is s as one word of a shell command line: as it is when it
// has only letters, digits and -_./, else in single quotes.
func shellWord(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

// dataError words an error of training in terms of the data when it comes
// of the data being too little (classify.NoFeaturesError: in one fold, or
// in all); other errors are returned as they are.
func dataError(column string, labels []string, k, minDF int, err error) error {
	var nf *classify.NoFeaturesError
	if !errors.As(err, &nf) {
		return err
	}
	names, _ := labelCounts(labels)
	hint := "label more, or give a lower --min-df"
	if k >= 2 {
		hint = "label more, or give --folds 0 or a lower --min-df"
	}
	// "no feature occurs in 2 of the 2 a model was trained on" left the
	// reader to guess which model, and 2 of what (QA pass AG)
	where := fmt.Sprintf("no word is in %d or more of them (--min-df %d)", nf.MinDF, minDF)
	if nf.Documents < len(labels) {
		where = fmt.Sprintf("a model of the cross-validation, trained on %d of them, found no word in %d or more of those (--min-df %d)", nf.Documents, nf.MinDF, minDF)
	}
	return fmt.Errorf("--label %q: the %d labelled narratives (%d labels) are too few or too short to learn from: %s; %s",
		column, len(labels), len(names), where, hint)
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
