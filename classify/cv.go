package classify

import (
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
}

// CrossValidate estimates a model's quality by stratified k-fold
// cross-validation: each label's documents are shuffled (seeded) and dealt
// round-robin to the folds, so every fold has the label mix of the whole;
// each fold is predicted by a model trained on the others, with the
// vocabulary learnt from those only. Accuracy, per-label F1 (2PR/(P+R)) and
// their unweighted mean (macro-F1) come from the pooled confusion matrix.
func CrossValidate(labels, texts []string, k int, seed uint64, opts TrainOptions) (*CVReport, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validate: %d folds, want at least 2", k)
	}
	byLabel := map[string][]int{}
	var names []string
	for i, l := range labels {
		if _, ok := byLabel[l]; !ok {
			names = append(names, l)
		}
		byLabel[l] = append(byLabel[l], i)
	}
	sort.Strings(names)
	fold := make([]int, len(labels))
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	for _, l := range names {
		idx := byLabel[l]
		r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for j, i := range idx {
			fold[i] = j % k
		}
	}
	li := map[string]int{}
	for i, l := range names {
		li[l] = i
	}
	rep := &CVReport{Folds: k, Seed: seed, Labels: names, Confusion: make([][]int, len(names))}
	for i := range rep.Confusion {
		rep.Confusion[i] = make([]int, len(names))
	}
	for f := range k {
		var trL, trT, teL, teT []string
		for i := range labels {
			if fold[i] == f {
				teL, teT = append(teL, labels[i]), append(teT, texts[i])
			} else {
				trL, trT = append(trL, labels[i]), append(trT, texts[i])
			}
		}
		m, err := Train(trL, trT, opts)
		if err != nil {
			return nil, fmt.Errorf("cross-validate fold %d: %w", f+1, err)
		}
		if len(m.Hyper.CGrid) > 0 {
			rep.ChosenC = append(rep.ChosenC, m.Hyper.C)
		}
		var fz featurizer
		for i, t := range teT {
			p, _ := m.predict(&fz, t, tokenize(t, nil))
			pi, ok := li[p]
			if !ok {
				pi = li[m.Labels[0]] // no known feature: the first label
			}
			rep.Confusion[li[teL[i]]][pi]++
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

// Write prints the report: accuracy, macro-F1, and the confusion matrix
// with each label's F1.
func (r *CVReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "%d-fold stratified cross-validation (seed %d)\naccuracy %.3f  macro-F1 %.3f\n", r.Folds, r.Seed, r.Accuracy, r.MacroF1)
	if len(r.ChosenC) > 0 {
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
