package classify

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestTrainPredictSmall(t *testing.T) {
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery"}
	texts := []string{
		"I was charged twice on my bill",
		"the bill has a wrong charge",
		"double charge on my bill again",
		"my package never arrived",
		"the package delivery is late",
		"delivery of my package failed",
	}
	m, err := Train(labels, texts, TrainOptions{Name: "test", Hyper: &Hyper{Method: MethodComplementNB, Alpha: 1, MinDF: 1, Bigrams: true, Sublinear: true}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"another wrong charge on the bill", "billing"},
		{"where is my package", "delivery"},
		{"zzz qqq", ""},
	}
	for _, tt := range tests {
		got, p := m.Predict(tt.in)
		if got != tt.want || p < 0 || p > 1 {
			t.Errorf("Predict(%q) = %q, %.3f, want %q with confidence in 0..1", tt.in, got, p, tt.want)
		}
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := m2.Predict("where is my package"); got != "delivery" {
		t.Errorf("loaded model Predict = %q, want delivery", got)
	}
	if err := os.WriteFile(path, []byte(`{"format":"other"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(path); err == nil {
		t.Error("LoadModel accepted a file of another format")
	}
}

// TestTrainMethods trains each method, with and without character
// n-grams, on a small separable set and checks predictions and the
// save/load round trip (character n-gram keys of non-ASCII words must stay
// valid UTF-8 through JSON).
func TestTrainMethods(t *testing.T) {
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery"}
	texts := []string{
		"I was charged twice on my bill",
		"the bill has a wrong charge, café fee",
		"double charge on my bill again",
		"my package never arrived",
		"the package delivery is late",
		"delivery of my package failed",
	}
	tests := []struct {
		name string
		h    Hyper
	}{
		{"svm words", Hyper{Method: MethodLinearSVM, C: 1, MaxIter: 100, MinDF: 1, Sublinear: true}},
		{"svm words and chars", Hyper{Method: MethodLinearSVM, C: 1, MaxIter: 100, MinDF: 1, Sublinear: true, CharMin: 2, CharMax: 4}},
		{"logreg chars", Hyper{Method: MethodLogReg, C: 3, MaxIter: 100, MinDF: 1, CharMin: 3, CharMax: 5, CharWeight: 0.5}},
		{"svm C from grid", Hyper{Method: MethodLinearSVM, C: 1, CGrid: []float64{0.1, 1}, MaxIter: 100, MinDF: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h
			m, err := Train(labels, texts, TrainOptions{Name: "test", Hyper: &h})
			if err != nil {
				t.Fatal(err)
			}
			if len(tt.h.CGrid) > 0 && m.Hyper.C != 0.1 && m.Hyper.C != 1 {
				t.Errorf("chosen C %v, not in the grid %v", m.Hyper.C, tt.h.CGrid)
			}
			chars := 0
			for _, k := range m.Vocabulary {
				if isCharFeature(k) {
					chars++
				}
			}
			if (tt.h.CharMin > 0) != (chars > 0) {
				t.Errorf("%d character features with CharMin %d", chars, tt.h.CharMin)
			}
			path := filepath.Join(t.TempDir(), "m.json")
			if err := m.Save(path); err != nil {
				t.Fatal(err)
			}
			m2, err := LoadModel(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []struct{ in, want string }{
				{"another wrong charge on the bill", "billing"},
				{"where is my package", "delivery"},
				{"a café charge", "billing"},
			} {
				for _, mm := range []*Model{m, m2} {
					if got, p := mm.Predict(q.in); got != q.want || p <= 0 || p > 1 {
						t.Errorf("Predict(%q) = %q, %.3f, want %q", q.in, got, p, q.want)
					}
				}
			}
		})
	}
}

// TestCharGrams checks the character n-grams of a word against a hand
// enumeration: " ab " has the 2-grams " a", "ab", "b " and the 3-grams
// " ab", "ab "; 4-grams and longer are the padded word once.
func TestCharGrams(t *testing.T) {
	tests := []struct {
		text   string
		lo, hi int
		want   []string
	}{
		{"ab", 2, 3, []string{" a", "ab", "b ", " ab", "ab "}},
		{"ab", 2, 5, []string{" a", "ab", "b ", " ab", "ab ", " ab "}},
		{"AB 123 xxxx", 4, 4, []string{" ab "}},           // numbers and masks skipped, lower-cased
		{"é!", 1, 2, []string{" ", "é", " ", " é", "é "}}, // runes, not bytes
	}
	for _, tt := range tests {
		var f featurizer
		var got []string
		f.charGrams(tokenize(tt.text, nil), tt.lo, tt.hi, func(k []byte) { got = append(got, string(k)) })
		var want []string
		for _, w := range tt.want {
			want = append(want, charPrefix+w)
		}
		if !slices.Equal(got, want) {
			t.Errorf("charGrams(%q, %d, %d) = %q, want %q", tt.text, tt.lo, tt.hi, got, want)
		}
	}
}
