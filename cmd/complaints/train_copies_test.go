package main

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestTrainLabelAllCopies: a label whose narratives are all copies of one
// text is in one fold, for copies are kept together, and the model trained
// without that fold has the other label alone; train refuses before
// training, naming the label (QA pass BE, qa/fold.csv: label A one text
// ten times, B two texts, --folds 3 failed "cross-validate fold 1: train:
// need at least two labels, have 1").
func TestTrainLabelAllCopies(t *testing.T) {
	labels := append(repeat("sound", 10), "broken", "broken")
	db := labelledFixture(t, labels, func(i int, l string) string {
		if l == "sound" {
			return defectWords[l]
		}
		return fmt.Sprintf("%s, day %d", defectWords[l], i)
	})
	model := filepath.Join(t.TempDir(), "m.model")
	_, _, err := runCLI(t, "--db", db, "train", "--label", "defect_label", "--out", model, "--folds", "3", "--c", "1")
	want := `train: --label "defect_label": of the 12 labelled narratives, only "broken" (2) has more than one different text ("sound" 10, all copies of one text): copies of a text are kept in one fold, and 3-fold cross-validation needs two labels of 2 or more different texts, for every fold to train on two; label more texts of "sound" that differ, or give --folds 0`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
