package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTrainRepeatedTexts: train says how many labelled texts repeat
// another's and how many of those carry different labels, keeps each
// text's copies in one fold, prints the majority-class baseline beside the
// accuracy, and records both in the model file (QA pass BC: 1,447 of the
// Alexa reviews' 3,071 repeat another's; accuracy 0.826 with copies of the
// tested texts in training, 0.759 without, against a baseline of 0.719
// that was not printed). Here "sound" 10 and "broken" 10 narratives of
// their own, one sound narrative four times (spelt apart in case and
// spacing only) and one text labelled sound once and broken once: 6 of 26
// texts repeat another's, 2 of them labelled differently; the majority
// class, sound, has 15 of 26: 0.577.
func TestTrainRepeatedTexts(t *testing.T) {
	labels := append(append(repeat("sound", 10), repeat("broken", 10)...), "sound", "sound", "sound", "sound", "sound", "broken")
	db := labelledFixture(t, labels, func(i int, l string) string {
		switch {
		case i < 20:
			return fmt.Sprintf("%s, day %d", defectWords[l], i)
		case i < 22:
			return "The sound crackles when the speaker plays music"
		case i < 24:
			return "the SOUND crackles  when the speaker plays music"
		}
		return "it will not turn on and the sound is gone"
	})
	model := filepath.Join(t.TempDir(), "m.model")
	out, _, err := runCLI(t, "--db", db, "train", "--label", "defect_label", "--out", model, "--folds", "5")
	if err != nil {
		t.Fatal(err)
	}
	if want := "6 of 26 texts repeat another's text (2 of them labelled differently); copies are kept in one fold\n"; !strings.Contains(out, want) {
		t.Errorf("train printed\n%s\nwant the line %q", out, want)
	}
	if re := regexp.MustCompile(`(?m)^accuracy [01]\.\d{3} \(majority-class baseline 0\.577\)  macro-F1 [01]\.\d{3}$`); !re.MatchString(out) {
		t.Errorf("train printed\n%s\nwant the accuracy beside the baseline 0.577 (15 of 26)", out)
	}
	b, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		CV struct {
			Baseline float64 `json:"majority_baseline"`
			Repeated int     `json:"repeated_texts"`
			Apart    int     `json:"repeated_texts_labelled_apart"`
		} `json:"cross_validation"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.CV.Repeated != 6 || m.CV.Apart != 2 || fmt.Sprintf("%.3f", m.CV.Baseline) != "0.577" {
		t.Errorf("model file: repeated_texts %d, labelled apart %d, majority_baseline %.3f; want 6, 2, 0.577", m.CV.Repeated, m.CV.Apart, m.CV.Baseline)
	}

	// folds need a text each, not a narrative each: copies share a fold
	db = labelledFixture(t, append(repeat("sound", 3), repeat("broken", 3)...), func(_ int, l string) string { return defectWords[l] })
	_, _, err = runCLI(t, "--db", db, "train", "--label", "defect_label", "--out", model, "--folds", "3")
	if want := "train: --folds 3: the 6 labelled narratives have 2 different texts (copies are kept in one fold), and each fold needs one"; err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
