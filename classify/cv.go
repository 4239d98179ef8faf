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
	// Baseline is the accuracy of calling every text by the most frequent
	// label: 0.76 reads otherwise beside 0.72 than beside 0.30.
	Baseline float64 `json:"majority_baseline,omitempty"`
	// Repeated counts the texts that repeat another's text (as the
	// features read it: the same words, case and punctuation aside),
	// RepeatedLabelledApart those of them whose copies do not all carry
	// one label. The copies of a text are in one fold.
	Repeated              int `json:"repeated_texts,omitempty"`
	RepeatedLabelledApart int `json:"repeated_texts_labelled_apart,omitempty"`
}

// CrossValidate estimates a model's quality by stratified k-fold
// cross-validation, grouped: the texts that are the same as the features
// read them (the same words, case and punctuation aside) are one group,
// and a group's texts are in one fold, so that no text is tested by a
// model trained on a copy of it (QA pass BC: 1,447 of the Alexa reviews'
// 3,071 repeat another's, and accuracy read 0.826 with copies of the
// tested texts in training, 0.759 without). Each label's groups are
// shuffled (seeded) and dealt to the folds (see groupFoldsOf), so every
// fold has about the label mix of the whole; each fold is predicted by a model trained on the others, with the
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
	cp := newCorpus(texts, &h)
	rep, err := crossValidate(ctx, cp, labels, cp.groups, allDocs(len(texts)), k, seed, h)
	if err != nil {
		return nil, err
	}
	rep.Repeated, rep.RepeatedLabelledApart = repeats(labels, cp.groups)
	return rep, nil
}

// textGroups numbers the texts by their words as the features read them
// (tokenize: lower-cased, punctuation and spacing dropped): texts of one
// number are copies of each other.
func textGroups(texts []string) []int {
	ids := map[string]int{}
	groups := make([]int, len(texts))
	var toks []token
	var b strings.Builder
	for i, t := range texts {
		toks = tokenize(t, toks[:0])
		b.Reset()
		for _, tk := range toks {
			b.WriteString(tk.lower)
			b.WriteByte(' ')
		}
		id, ok := ids[b.String()]
		if !ok {
			id = len(ids)
			ids[b.String()] = id
		}
		groups[i] = id
	}
	return groups
}

// DistinctTexts counts the texts that differ as the features read them:
// CrossValidate keeps copies in one fold, so each fold needs one of these.
func DistinctTexts(texts []string) int {
	n := 0
	for _, g := range textGroups(texts) {
		n = max(n, g+1)
	}
	return n
}

// repeats counts the texts whose group (textGroups) has another text, and
// those of them whose group has more than one label.
func repeats(labels []string, groups []int) (repeated, labelledApart int) {
	size := map[int]int{}
	first := map[int]string{}
	apart := map[int]bool{}
	for i, g := range groups {
		if size[g] == 0 {
			first[g] = labels[i]
		} else if labels[i] != first[g] {
			apart[g] = true
		}
		size[g]++
	}
	for g, n := range size {
		if n > 1 {
			repeated += n
			if apart[g] {
				labelledApart += n
			}
		}
	}
	return repeated, labelledApart
}

// innerFolds deals the documents docs to the k folds that choose the
// hyper-parameters inside a training set (chooseHyper), copies of a text
// kept in one fold as the outer folds keep them: with a copy on each side
// the search favoured what memorises copies.
func (cp *corpus) innerFolds(labels []string, docs []int, k int) []int {
	return groupFoldsOf(labels, cp.groups, docs, k, 7)
}

// groupFoldsOf assigns the documents docs to k stratified folds keeping
// each group (groups[d]; nil: each document its own) in one fold: fold[j]
// is the fold of docs[j]. A group goes with its most frequent label (ties
// in byte order). Label by label in byte order, the label's groups are
// shuffled (seeded), taken largest first (a stable sort, so groups of one
// keep the shuffled order) and each put in the fold with the fewest
// documents of that label so far, the first of those: documents that
// repeat none are dealt round-robin, as before there were groups.
func groupFoldsOf(labels []string, groups []int, docs []int, k int, seed uint64) []int {
	group := func(j int) int {
		if groups == nil {
			return j
		}
		return groups[docs[j]]
	}
	members := map[int][]int{} // group -> positions j in docs
	var order []int            // the groups by first document
	for j := range docs {
		g := group(j)
		if _, ok := members[g]; !ok {
			order = append(order, g)
		}
		members[g] = append(members[g], j)
	}
	byLabel := map[string][]int{}
	var names []string
	for _, g := range order {
		count := map[string]int{}
		l := ""
		for _, j := range members[g] {
			d := labels[docs[j]]
			count[d]++
			if l == "" || count[d] > count[l] || count[d] == count[l] && d < l {
				l = d
			}
		}
		if _, ok := byLabel[l]; !ok {
			names = append(names, l)
		}
		byLabel[l] = append(byLabel[l], g)
	}
	sort.Strings(names)
	fold := make([]int, len(docs))
	have := make([]map[string]int, k) // documents of each label per fold
	for f := range have {
		have[f] = map[string]int{}
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	for _, l := range names {
		gs := byLabel[l]
		r.Shuffle(len(gs), func(i, j int) { gs[i], gs[j] = gs[j], gs[i] })
		sort.SliceStable(gs, func(i, j int) bool { return len(members[gs[i]]) > len(members[gs[j]]) })
		for _, g := range gs {
			f := 0
			for c := 1; c < k; c++ {
				if have[c][l] < have[f][l] {
					f = c
				}
			}
			for _, j := range members[g] {
				fold[j] = f
				have[f][labels[docs[j]]]++
			}
		}
	}
	return fold
}

// crossValidate is CrossValidate on the documents docs of a corpus.
// groups are as groupFoldsOf's.
func crossValidate(ctx context.Context, cp *corpus, labels []string, groups []int, docs []int, k int, seed uint64, h Hyper) (*CVReport, error) {
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
	fold := groupFoldsOf(labels, groups, docs, k, seed)
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
	correct, total, most := 0, 0, 0
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
		most = max(most, tp+fn)
		f1 := 0.0
		if tp > 0 {
			f1 = 2 * float64(tp) / float64(2*tp+fp+fn)
		}
		rep.F1 = append(rep.F1, f1)
		rep.MacroF1 += f1 / float64(len(names))
	}
	rep.Accuracy = float64(correct) / float64(total)
	rep.Baseline = float64(most) / float64(total)
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

// Write prints the report: accuracy beside the majority-class baseline,
// macro-F1, the texts that repeat another's, and the confusion matrix
// with each label's F1.
func (r *CVReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "%d-fold stratified cross-validation, copies of a text kept in one fold (seed %d)\naccuracy %.3f (majority-class baseline %.3f)  macro-F1 %.3f\n", r.Folds, r.Seed, r.Accuracy, r.Baseline, r.MacroF1)
	if r.Repeated > 0 {
		fmt.Fprintf(w, "%d of %d texts repeat another's text (%d of them labelled differently); copies are kept in one fold\n", r.Repeated, r.total(), r.RepeatedLabelledApart)
	}
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

// total is the number of texts the report's folds tested.
func (r *CVReport) total() int {
	n := 0
	for _, row := range r.Confusion {
		for _, c := range row {
			n += c
		}
	}
	return n
}
