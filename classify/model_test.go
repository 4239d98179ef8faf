package classify

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	m, err := Train(context.Background(), labels, texts, TrainOptions{Name: "test", Hyper: &Hyper{Method: MethodComplementNB, Alpha: 1, MinDF: 1, Bigrams: true, Sublinear: true}})
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
		{"svm dual", Hyper{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, MinDF: 1, Sublinear: true, Bigrams: true}},
		{"svm dual NB-scaled, chars", Hyper{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, MinDF: 1, NBAlpha: 0.1, CharMin: 3, CharMax: 5}},
		{"svm dual with complement NB", Hyper{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, MinDF: 1, Alpha: 0.3, CNBWeight: 0.1}},
		{"svm dual grids", Hyper{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, CGrid: []float64{0.1, 1}, MinDF: 1,
			ClassWeightGrid: []string{"sqrt", "balanced"}, NBAlphaGrid: []float64{0, 0.1}, CNBWeightGrid: []float64{0, 0.1}}},
		{"default", DefaultHyper()},
		// NB scaling is of counts; the lexicon features' sentiment score is
		// negative for these texts, and made every weight NaN.
		{"default with lexicon features", func() Hyper { h := DefaultHyper(); h.Lexicon = true; return h }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h
			h.MinDF = 1
			m, err := Train(context.Background(), labels, texts, TrainOptions{Name: "test", Hyper: &h})
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

// TestCorpusVectors checks that the vectors Train fits from (built once per
// corpus, see corpus.vector) are those Model.vectorize builds for the same
// texts when the model predicts, for every block of features.
func TestCorpusVectors(t *testing.T) {
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery"}
	texts := []string{
		"I was charged twice on my bill, twice!",
		"the bill has a wrong charge, café fee XXXX",
		"double charge on my bill again in 2024",
		"my package never arrived",
		"the package delivery is late, late, late",
		"delivery of my package failed",
	}
	for _, h := range []Hyper{
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, MinDF: 1, Sublinear: true, Bigrams: true, Stem: true},
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, MinDF: 2, CharMin: 2, CharMax: 5, CharWeight: 0.5, Numbers: true},
		{Method: MethodLogReg, C: 1, MaxIter: 50, MinDF: 1, Lexicon: true, Bigrams: true},
	} {
		m, err := Train(context.Background(), labels, texts, TrainOptions{Hyper: &h})
		if err != nil {
			t.Fatal(err)
		}
		cp := newCorpus(texts, &h)
		_, _, local := cp.vocabulary(allDocs(len(texts)), &h)
		for d, text := range texts {
			var f featurizer
			want := m.vectorize(&f, text, tokenize(text, nil), nil)
			got := cp.vector(d, local, m.IDF, &m.Hyper, nil)
			if len(got) != len(want) {
				t.Fatalf("%+v: corpus vector of %q has %d entries, vectorize %d", h, text, len(got), len(want))
			}
			for i := range got {
				if got[i].i != want[i].i || math.Abs(got[i].v-want[i].v) > 1e-12 {
					t.Errorf("%+v: corpus vector of %q entry %d = %v, vectorize %v", h, text, i, got[i], want[i])
				}
			}
		}
	}
}

// modelV1 is a model file written by the code of format version 1 before
// the dual solver and the corpus (commit 67f334d, linear SVM on words, word
// pairs and character 3..4-grams); its predictions then were
// wantV1 (label and confidence).
const modelV1 = `{"format":"complaints-text-model","format_version":1,"name":"v1","version":1,"method":"linear-svm","hyperparameters":{"method":"linear-svm","c":1,"max_iter":100,"alpha":0,"min_df":2,"max_features":0,"bigrams":true,"stem":false,"lexicon_features":false,"sublinear_tf":true,"char_ngram_min":3,"char_ngram_max":4,"char_min_df":2},"training":{"documents":6,"label_counts":{"billing":3,"delivery":3},"data_sha256":"5c8169f300e57778a09215ccf1003c63aad1ffe51735de703822429181957a75"},"labels":["billing","delivery"],"vocabulary":["bill","c: bi","c: bil","c: ch","c: cha","c: de","c: del","c: my","c: my ","c: on","c: on ","c: pa","c: pac","c: th","c: the","c:ack","c:acka","c:age","c:age ","c:arg","c:arge","c:as ","c:bil","c:bill","c:cha","c:char","c:cka","c:ckag","c:del","c:deli","c:ed ","c:eli","c:eliv","c:ery","c:ery ","c:ge ","c:har","c:harg","c:he ","c:ill","c:ill ","c:ive","c:iver","c:kag","c:kage","c:liv","c:live","c:ll ","c:my ","c:on ","c:pac","c:pack","c:rge","c:rge ","c:ry ","c:the","c:the ","c:ver","c:very","charge","delivery","my","my bill","my package","on","on my","package","the"],"idf":[1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.8472978603872037,1.336472236621213,1.336472236621213,1.8472978603872037,1.8472978603872037,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.8472978603872037,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.8472978603872037,1.5596157879354227,1.8472978603872037,1.8472978603872037,1.8472978603872037,1.8472978603872037,1.1541506798272583,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.8472978603872037,1.5596157879354227,1.336472236621213,1.8472978603872037,1.5596157879354227,1.5596157879354227,1.5596157879354227,1.8472978603872037,1.8472978603872037,1.8472978603872037,1.8472978603872037,1.5596157879354227,1.8472978603872037,1.8472978603872037,1.8472978603872037,1.336472236621213,1.8472978603872037,1.8472978603872037,1.8472978603872037,1.8472978603872037,1.5596157879354227,1.8472978603872037],"weights":[[0.32045843813229946,0.13883099818106065,0.13883099818106065,0.13883099818106065,0.13883099818106065,-0.07624398133007033,-0.07624398133007033,-0.007634020105050076,-0.007634020105050076,0.08166226250206213,0.08166226250206213,-0.13518901085230928,-0.13518901085230928,0.014865668170568776,0.014865668170568776,-0.13518901085230928,-0.13518901085230928,-0.13518901085230928,-0.13518901085230928,0.13883099818106065,0.13883099818106065,0.1411362244079692,0.13883099818106065,0.13883099818106065,0.13883099818106065,0.13883099818106065,-0.13518901085230928,-0.13518901085230928,-0.07624398133007033,-0.07624398133007033,-0.028582730792005937,-0.07624398133007033,-0.07624398133007033,-0.07624398133007033,-0.07624398133007033,-0.033766340609674726,0.13883099818106065,0.13883099818106065,0.014865668170568776,0.13883099818106065,0.13883099818106065,-0.13518901085230928,-0.07624398133007033,-0.13518901085230928,-0.13518901085230928,-0.07624398133007033,-0.07624398133007033,0.13883099818106065,-0.007634020105050076,0.08166226250206213,-0.13518901085230928,-0.13518901085230928,0.13883099818106065,0.10608021241987331,-0.07624398133007033,0.014865668170568776,0.014865668170568776,-0.13518901085230928,-0.07624398133007033,0.26031998232931297,-0.24307373983199362,-0.04434805179534775,0.16168640138707696,-0.22298513917530233,0.16168640138707696,0.16168640138707696,-0.37367252764378356,-0.001731063818968917],[-0.32045843813229946,-0.13883099818106065,-0.13883099818106065,-0.13883099818106065,-0.13883099818106065,0.07624398133007033,0.07624398133007033,0.007634020105050076,0.007634020105050076,-0.08166226250206213,-0.08166226250206213,0.13518901085230928,0.13518901085230928,-0.014865668170568776,-0.014865668170568776,0.13518901085230928,0.13518901085230928,0.13518901085230928,0.13518901085230928,-0.13883099818106065,-0.13883099818106065,-0.1411362244079692,-0.13883099818106065,-0.13883099818106065,-0.13883099818106065,-0.13883099818106065,0.13518901085230928,0.13518901085230928,0.07624398133007033,0.07624398133007033,0.028582730792005937,0.07624398133007033,0.07624398133007033,0.07624398133007033,0.07624398133007033,0.033766340609674726,-0.13883099818106065,-0.13883099818106065,-0.014865668170568776,-0.13883099818106065,-0.13883099818106065,0.13518901085230928,0.07624398133007033,0.13518901085230928,0.13518901085230928,0.07624398133007033,0.07624398133007033,-0.13883099818106065,0.007634020105050076,-0.08166226250206213,0.13518901085230928,0.13518901085230928,-0.13883099818106065,-0.10608021241987331,0.07624398133007033,-0.014865668170568776,-0.014865668170568776,0.13518901085230928,0.07624398133007033,-0.26031998232931297,0.24307373983199362,0.04434805179534775,-0.16168640138707696,0.22298513917530233,-0.16168640138707696,-0.16168640138707696,0.37367252764378356,0.001731063818968917]],"bias":[-0.002955352581647854,0.002955352581647854]}`

// TestLoadModelV1: a model file of format version 1 still loads and
// predicts as it did when written.
func TestLoadModelV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.json")
	if err := os.WriteFile(path, []byte(modelV1), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in, want string
		p        float64
	}{ // printed by the commit 67f334d code that wrote modelV1
		{"another wrong charge on the bill", "billing", 0.84200550037606225},
		{"where is my package", "delivery", 0.83712730186825757},
		{"a café charge", "billing", 0.79096117230530483},
		{"late package", "delivery", 0.84334287111736594},
	} {
		if got, p := m.Predict(tt.in); got != tt.want || math.Abs(p-tt.p) > 1e-12 {
			t.Errorf("Predict(%q) = %q, %.17g, want %q, %.17g", tt.in, got, p, tt.want, tt.p)
		}
	}
}

// TestTrainRefuses: hyper-parameters Train cannot use are refused, not
// ignored.
func TestTrainRefuses(t *testing.T) {
	labels := []string{"a", "a", "b", "b"}
	texts := []string{"one two", "one three", "four five", "four six"}
	for _, h := range []Hyper{
		{Method: "forest", MinDF: 1},
		{Method: MethodLinearSVM, Solver: "sgd", MinDF: 1},
		{Method: MethodLogReg, NBAlpha: 0.1, MinDF: 1},
		{Method: MethodLinearSVM, NBAlphaGrid: []float64{0, 0.1}, MinDF: 1}, // L-BFGS solver
		{Method: MethodLinearSVM, Solver: SolverDualCD, CNBWeight: 0.1, Lexicon: true, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, CGrid: []float64{0, 1}, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, ClassWeightGrid: []string{"sqrt", "log"}, MinDF: 1},
		// values that gave a model of one label, or NaN weights
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: 0, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: -1, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: math.NaN(), MinDF: 1},
		{Method: MethodLogReg, C: math.Inf(1), MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, NBAlpha: -1, MinDF: 1},
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, NBAlpha: math.NaN(), MinDF: 1},
		{Method: MethodComplementNB, MinDF: 1}, // no smoothing: log 0
		{Method: MethodLinearSVM, Solver: SolverDualCD, C: 1, CharMin: 2, CharMax: 3, CharWeight: -1, MinDF: 1},
	} {
		if _, err := Train(context.Background(), labels, texts, TrainOptions{Hyper: &h}); err == nil {
			t.Errorf("Train(%+v) succeeded, want an error", h)
		}
		if _, err := CrossValidate(context.Background(), labels, texts, 2, 1, TrainOptions{Hyper: &h}); err == nil {
			t.Errorf("CrossValidate(%+v) succeeded, want an error", h)
		}
	}
}

// TestLoadModelLexiconTaxonomy: a model with lexicon features records the
// default taxonomy's version and the complaint vocabulary's
// (SentimentVersion), and LoadModel refuses one whose record differs from
// this build's, or is missing, rather than feed it topic shares from other
// phrases or a sentiment score from other words.
func TestLoadModelLexiconTaxonomy(t *testing.T) {
	labels := []string{"billing", "billing", "delivery", "delivery"}
	texts := []string{"charged twice on my bill", "wrong charge on the bill", "my package never arrived", "the package is late"}
	m, err := Train(context.Background(), labels, texts, TrainOptions{Hyper: &Hyper{Method: MethodLogReg, C: 1, MaxIter: 50, MinDF: 1, Lexicon: true}})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("default@%d", DefaultTaxonomy().Version)
	if m.LexiconTaxonomy != want {
		t.Fatalf("LexiconTaxonomy = %q, want %q", m.LexiconTaxonomy, want)
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(path); err != nil {
		t.Fatalf("LoadModel of a model just trained: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	field := `"lexicon_taxonomy":"` + want + `",`
	if !strings.Contains(string(b), field) {
		t.Fatalf("model file has no %s", field)
	}
	sentField := fmt.Sprintf(`"lexicon_sentiment":%d,`, SentimentVersion)
	if !strings.Contains(string(b), sentField) {
		t.Fatalf("model file has no %s", sentField)
	}
	for _, tt := range []struct{ field, replace, wantErr string }{
		{field, `"lexicon_taxonomy":"default@1",`, "taxonomy default@1, this build's are those of " + want},
		{field, ``, "unrecorded version"},
		{sentField, `"lexicon_sentiment":1,`, fmt.Sprintf("complaint vocabulary's version 1, this build's are of version %d", SentimentVersion)},
		{sentField, ``, "vocabulary's an unrecorded version"},
	} {
		if err := os.WriteFile(path, []byte(strings.Replace(string(b), tt.field, tt.replace, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadModel(path); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("LoadModel with %q: error %v, want one containing %q", tt.replace, err, tt.wantErr)
		}
	}
}

// TestTrainCancelled: a cancelled context stops training and
// cross-validation (the train command's Ctrl-C) with the context's error.
func TestTrainCancelled(t *testing.T) {
	labels := []string{"a", "a", "a", "b", "b", "b"}
	texts := []string{"one two", "one three", "one four", "five six", "five seven", "five eight"}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h := DefaultHyper()
	h.MinDF = 1
	if _, err := Train(ctx, labels, texts, TrainOptions{Hyper: &h}); !errors.Is(err, context.Canceled) {
		t.Errorf("Train: %v, want context.Canceled", err)
	}
	if _, err := CrossValidate(ctx, labels, texts, 3, 1, TrainOptions{Hyper: &h}); !errors.Is(err, context.Canceled) {
		t.Errorf("CrossValidate: %v, want context.Canceled", err)
	}
}
