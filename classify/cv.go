package classify

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"text/tabwriter"
)

// CVReport is the outcome of a stratified k-fold cross-validation.
type CVReport struct {
	Folds     int       `json:"folds"`
	Seed      uint64    `json:"seed"`
	Accuracy  float64   `json:"accuracy"`
	MacroF1   float64   `json:"macro_f1"`
	Labels    []string  `json:"labels"`
	F1        []float64 `json:"f1"`        // per label
	Confusion [][]int   `json:"confusion"` // [gold][predicted], pooled over the folds
	// ChosenC is the C each fold's model chose from Hyper.CGrid by its
	// inner cross-validation (nested cross-validation), when it had a grid.
	ChosenC []float64 `json:"chosen_c,omitempty"`
	// Chosen describes each fold's choice from all the grids of Hyper.
	Chosen []string `json:"chosen,omitempty"`
}

// CrossValidate estimates a model's quality by stratified k-fold
// cross-validation: each label's documents are shuffled (seeded) and dealt
// round-robin to the folds, so every fold has the label mix of the whole;
// each fold is predicted by a model trained on the others, with the
// vocabulary learnt from those only (and any hyper-parameter grid searched
// by an inner cross-validation of those only: nested cross-validation).
// Accuracy, per-label F1 (2PR/(P+R)) and their unweighted mean (macro-F1)
// come from the pooled confusion matrix.
func CrossValidate(ctx context.Context, labels, texts []string, k int, seed uint64, opts TrainOptions) (*CVReport, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validate: %d folds, want at least 2", k)
	}
	if len(labels) != len(texts) {
		return nil, fmt.Errorf("cross-validate: %d labels for %d texts", len(labels), len(texts))
	}
	h := DefaultHyper()
	if opts.Hyper != nil {
		h = *opts.Hyper
	}
	if err := checkHyper(&h); err != nil {
		return nil, err
	}
	return crossValidate(ctx, newCorpus(texts, &h), labels, allDocs(len(texts)), k, seed, h)
}

// foldsOf assigns the documents docs to k stratified folds (see
// CrossValidate): fold[j] is the fold of docs[j].
func foldsOf(labels []string, docs []int, k int, seed uint64) []int {
	byLabel := map[string][]int{}
	var names []string
	for j, d := range docs {
		l := labels[d]
		if _, ok := byLabel[l]; !ok {
			names = append(names, l)
		}
		byLabel[l] = append(byLabel[l], j)
	}
	sort.Strings(names)
	fold := make([]int, len(docs))
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	for _, l := range names {
		idx := byLabel[l]
		r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for n, j := range idx {
			fold[j] = n % k
		}
	}
	return fold
}

// crossValidate is CrossValidate on the documents docs of a corpus.
func crossValidate(ctx context.Context, cp *corpus, labels []string, docs []int, k int, seed uint64, h Hyper) (*CVReport, error) {
	var names []string
	li := map[string]int{}
	for _, d := range docs {
		if _, ok := li[labels[d]]; !ok {
			li[labels[d]] = 0
			names = append(names, labels[d])
		}
	}
	sort.Strings(names)
	for i, l := range names {
		li[l] = i
	}
	fold := foldsOf(labels, docs, k, seed)
	rep := &CVReport{Folds: k, Seed: seed, Labels: names, Confusion: make([][]int, len(names))}
	for i := range rep.Confusion {
		rep.Confusion[i] = make([]int, len(names))
	}
	var vec sparse
	var sc []float64
	for f := range k {
		var tr, te []int
		for j, d := range docs {
			if fold[j] == f {
				te = append(te, d)
			} else {
				tr = append(tr, d)
			}
		}
		m, err := trainCorpus(ctx, cp, labels, tr, h)
		if err != nil {
			return nil, fmt.Errorf("cross-validate fold %d: %w", f+1, err)
		}
		if hasGrid(&h) {
			rep.ChosenC = append(rep.ChosenC, m.Hyper.C)
			if len(h.ClassWeightGrid)+len(h.NBAlphaGrid)+len(h.CNBWeightGrid) > 0 {
				rep.Chosen = append(rep.Chosen, m.Hyper.choice())
			}
		}
		for _, d := range te {
			vec = cp.vector(d, m.local, m.IDF, &m.Hyper, vec[:0])
			rep.Confusion[li[labels[d]]][li[m.label(vec, &sc)]]++
		}
	}
	correct, total := 0, 0
	for g := range names {
		tp, fp, fn := rep.Confusion[g][g], 0, 0
		for p := range names {
			total += rep.Confusion[g][p]
			if p != g {
				fn += rep.Confusion[g][p]
				fp += rep.Confusion[p][g]
			}
		}
		correct += tp
		f1 := 0.0
		if tp > 0 {
			f1 = 2 * float64(tp) / float64(2*tp+fp+fn)
		}
		rep.F1 = append(rep.F1, f1)
		rep.MacroF1 += f1 / float64(len(names))
	}
	rep.Accuracy = float64(correct) / float64(total)
	return rep, nil
}

// choice describes the hyper-parameters a grid search chooses.
func (h *Hyper) choice() string {
	s := fmt.Sprintf("C %g", h.C)
	if len(h.ClassWeightGrid) > 0 {
		s += " class weight " + h.ClassWeight
	}
	if len(h.NBAlphaGrid) > 0 {
		s += fmt.Sprintf(" nb_alpha %g", h.NBAlpha)
	}
	if len(h.CNBWeightGrid) > 0 {
		s += fmt.Sprintf(" cnb_weight %g", h.CNBWeight)
	}
	return s
}

// Write prints the report: accuracy, macro-F1, and the confusion matrix
// with each label's F1.
func (r *CVReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "%d-fold stratified cross-validation (seed %d)\naccuracy %.3f  macro-F1 %.3f\n", r.Folds, r.Seed, r.Accuracy, r.MacroF1)
	switch {
	case len(r.Chosen) > 0:
		fmt.Fprintf(w, "chosen by inner cross-validation in each fold: %s\n", strings.Join(r.Chosen, "; "))
	case len(r.ChosenC) > 0:
		fmt.Fprintf(w, "C chosen by inner cross-validation in each fold: %v\n", r.ChosenC)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "gold \\ predicted\t")
	for i := range r.Labels {
		fmt.Fprintf(tw, "%d\t", i+1)
	}
	fmt.Fprint(tw, "F1\t\n")
	for g, l := range r.Labels {
		fmt.Fprintf(tw, "%d %s\t", g+1, strings.ReplaceAll(l, "\t", " "))
		for _, n := range r.Confusion[g] {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintf(tw, "%.3f\t\n", r.F1[g])
	}
	return tw.Flush()
}
