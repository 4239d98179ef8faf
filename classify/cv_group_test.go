package classify

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
)

// repeatedSet is 10 texts labelled A (the word alpha and a word of their
// own), 10 labelled B (beta and one of their own), and three copies of
// one text labelled B whose only word seen elsewhere is alpha, A's word,
// spelt apart by case, white space and punctuation: the words the
// features read are the same. Only a model that has seen a copy can call
// a copy B.
func repeatedSet() (labels, texts []string) {
	for i := range 10 {
		labels, texts = append(labels, "A"), append(texts, fmt.Sprintf("alpha word%d", i))
		labels, texts = append(labels, "B"), append(texts, fmt.Sprintf("beta term%d", i))
	}
	for _, c := range []string{"alpha gamma delta", "Alpha  GAMMA delta!", "alpha, gamma delta."} {
		labels, texts = append(labels, "B"), append(texts, c)
	}
	return labels, texts
}

// TestCrossValidateKeepsCopiesInOneFold: the copies of a text are in one
// fold, so none is tested by a model trained on another (QA pass BC: 1,447
// of the Alexa reviews' 3,071 repeat another's text, and 5-fold accuracy
// read 0.826 with copies of test texts in training, 0.759 without them).
// By hand: the three copies tested together, by a model that has not seen
// gamma or delta, are called A for alpha; the other 20 are right (alpha,
// beta). Accuracy 20 of 23 = 0.870; A's F1 2·10/(2·10+3+0) = 20/23, B's
// 2·10/(2·10+0+3) = 20/23, macro-F1 0.870. Folds that split the copies
// (before grouping) called each B from the other two: 23 of 23, 1.000.
// The majority-class baseline is B's 13 of 23 = 0.565.
func TestCrossValidateKeepsCopiesInOneFold(t *testing.T) {
	labels, texts := repeatedSet()
	h := DefaultHyper()
	h.CGrid, h.C, h.MinDF = nil, 0.3, 1
	rep, err := CrossValidate(context.Background(), labels, texts, 5, 1, TrainOptions{Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-9 }
	if !near(rep.Accuracy, 20.0/23) || !near(rep.MacroF1, 20.0/23) {
		t.Errorf("accuracy %.3f macro-F1 %.3f, want 0.870 and 0.870 (20 of 23: the copies tested without one in training); confusion %v", rep.Accuracy, rep.MacroF1, rep.Confusion)
	}
	if !near(rep.Baseline, 13.0/23) {
		t.Errorf("majority-class baseline %.3f, want 13/23 = 0.565", rep.Baseline)
	}
	if rep.Repeated != 3 || rep.RepeatedLabelledApart != 0 {
		t.Errorf("repeated %d, labelled apart %d; want 3 and 0", rep.Repeated, rep.RepeatedLabelledApart)
	}
	var b strings.Builder
	if err := rep.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"accuracy 0.870 (majority-class baseline 0.565)  macro-F1 0.870\n",
		"3 of 23 texts repeat another's text (0 of them labelled differently); copies are kept in one fold\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

// TestFoldsKeepGroups: every text's copies share a fold, each label is
// spread over the folds as evenly as its groups allow, and texts that
// repeat none are dealt as before grouping (each label's shuffled in turn
// to folds 1, 2, ..., k, 1, ...), so data without repeats keeps its
// folds and figures.
func TestFoldsKeepGroups(t *testing.T) {
	labels, texts := repeatedSet()
	// a text labelled A once and B once: its copies disagree
	labels, texts = append(labels, "A", "B"), append(texts, "alpha beta", "Alpha beta")
	groups := textGroups(texts)
	docs := allDocs(len(texts))
	fold := groupFoldsOf(labels, groups, docs, 5, 1)
	where := map[int]int{}
	perFold := make([]map[string]int, 5)
	for f := range perFold {
		perFold[f] = map[string]int{}
	}
	for j, d := range docs {
		if f, ok := where[groups[d]]; ok && f != fold[j] {
			t.Errorf("text %q in folds %d and %d", texts[d], f, fold[j])
		}
		where[groups[d]] = fold[j]
		perFold[fold[j]][labels[d]]++
	}
	// A 11 over 5 folds, one of them with the pair "alpha beta": 2 or 3
	// each; B 14, the three copies together: 2 to 4 each
	for f, n := range perFold {
		if n["A"] < 2 || n["A"] > 3 || n["B"] < 2 || n["B"] > 4 {
			t.Errorf("fold %d: %v, want A 2-3 and B 2-4", f, n)
		}
	}
	if r, apart := repeats(labels, groups); r != 5 || apart != 2 {
		t.Errorf("repeats: %d, %d labelled apart; want 5 (three copies, a pair) and 2 (the pair)", r, apart)
	}

	// no repeats: the plain stratified deal
	l, x := repeatedSet()
	l, x = l[:20], x[:20]
	plain := groupFoldsOf(l, nil, allDocs(20), 5, 1) // each document its own group
	grouped := groupFoldsOf(l, textGroups(x), allDocs(20), 5, 1)
	if fmt.Sprint(plain) != fmt.Sprint(grouped) {
		t.Errorf("without repeats grouped folds %v, want the stratified %v", grouped, plain)
	}
}

// TestInnerFoldsKeepCopies: the folds that choose the hyper-parameters
// inside a training set keep copies of a text together too, as the outer
// folds do (before, chooseHyper dealt them apart: the three copies of
// repeatedSet, documents 20-22, fell in three folds of 3, and the grid
// search scored what memorises a copy).
func TestInnerFoldsKeepCopies(t *testing.T) {
	labels, texts := repeatedSet()
	h := DefaultHyper()
	cp := newCorpus(texts, &h)
	docs := allDocs(len(texts))
	fold := cp.innerFolds(labels, docs, 3)
	if fold[20] != fold[21] || fold[21] != fold[22] {
		t.Errorf("inner folds of the copies: %d, %d, %d, want one", fold[20], fold[21], fold[22])
	}
}
