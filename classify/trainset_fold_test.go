package classify

import (
	"reflect"
	"testing"
)

// TestFoldLabels: labels that differ only in case or white space are one
// class, spelt as most of its narratives spell it; ties go to a spelling
// with single spaces, then to the one with the fewest capitals, then to
// the first in byte order. The QA pass's alexa_labelled.csv had "Sound"
// 47, " SOUND" 47, "sound " 47 and "sound" 46 (trimmed on reading: "SOUND"
// 47, "Sound" 47, "sound" 93), trained as three classes.
func TestFoldLabels(t *testing.T) {
	in := []string{"Sound", "SOUND", "sound", "sound", "broken", "Sound", "sound", "no  sound", "No Sound", "no sound", "Wifi", "WiFi"}
	got, folds := FoldLabels(in)
	want := []string{"sound", "sound", "sound", "sound", "broken", "sound", "sound", "no sound", "no sound", "no sound", "Wifi", "Wifi"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FoldLabels = %q, want %q", got, want)
	}
	wantFolds := map[string]map[string]int{
		"sound":    {"SOUND": 1, "Sound": 2, "sound": 3},           // the most frequent
		"no sound": {"No Sound": 1, "no  sound": 1, "no sound": 1}, // a tie: single spaces, no capitals
		"Wifi":     {"WiFi": 1, "Wifi": 1},                         // a tie: fewer capitals
	}
	if !reflect.DeepEqual(folds, wantFolds) {
		t.Errorf("folds = %v, want %v", folds, wantFolds)
	}
	if _, folds := FoldLabels([]string{"a", "b", "a"}); folds != nil {
		t.Errorf("nothing to fold: %v, want nil", folds)
	}
}
