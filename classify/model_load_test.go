package classify

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallModelJSON trains a model of two labels and returns its file as a
// JSON object, to be spoilt.
func smallModelJSON(t *testing.T) map[string]any {
	t.Helper()
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery"}
	texts := []string{"wrong charge on my bill", "the bill has a charge twice", "charge on the bill",
		"my package is late", "the package never came", "package delivery late"}
	h := DefaultHyper()
	h.CGrid, h.MinDF = nil, 1
	m, err := Train(context.Background(), labels, texts, TrainOptions{Name: "topic", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		t.Fatal(err)
	}
	return obj
}

func loadJSON(t *testing.T, obj any) error {
	t.Helper()
	b, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "spoilt.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadModel(path)
	return err
}

// TestLoadModelValidates: model files were barely checked on load (QA
// pass item 6): one of its format and version alone loaded and
// reclassified 10,236 complaints as other, stamped "classify/1 :@0"; an
// unknown method, duplicated labels, an empty bias and unknown keys were
// accepted. Each is refused, naming the file and the field.
func TestLoadModelValidates(t *testing.T) {
	if err := loadJSON(t, smallModelJSON(t)); err != nil {
		t.Fatalf("the model as saved: %v", err)
	}
	for _, c := range []struct {
		name  string
		spoil func(m map[string]any)
		want  string
	}{
		{"format alone", func(m map[string]any) {
			for k := range m {
				if k != "format" && k != "format_version" {
					delete(m, k)
				}
			}
		}, "version"},
		{"unknown method", func(m map[string]any) { m["method"] = "random-forest" }, "method"},
		{"method unlike the hyper-parameters'", func(m map[string]any) { m["method"] = MethodLogReg }, "method"},
		{"duplicated label", func(m map[string]any) { m["labels"] = []any{"billing", "billing"} }, "labels"},
		{"empty label", func(m map[string]any) { m["labels"] = []any{"billing", " "} }, "labels"},
		{"empty bias", func(m map[string]any) { m["bias"] = []any{} }, "bias"},
		{"unknown key", func(m map[string]any) { m["wieghts"] = []any{} }, "wieghts"},
		{"no version", func(m map[string]any) { delete(m, "version") }, "version"},
		{"no vocabulary", func(m map[string]any) { m["vocabulary"], m["idf"] = []any{}, []any{} }, "vocabulary"},
		{"short weight row", func(m map[string]any) {
			w := m["weights"].([]any)
			w[1] = w[1].([]any)[1:]
		}, "weights"},
		{"duplicated feature", func(m map[string]any) {
			v := m["vocabulary"].([]any)
			v[1] = v[0]
		}, "vocabulary"},
	} {
		m := smallModelJSON(t)
		c.spoil(m)
		err := loadJSON(t, m)
		if err == nil || !strings.Contains(err.Error(), "spoilt.json") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: LoadModel = %v, want an error naming the file and %q", c.name, err, c.want)
		}
	}
}

// TestLoadModelNewer: a file of a newer format version, or of a newer
// sentiment lexicon or taxonomy behind its lexicon features, was written
// by a newer complaints: the advice is to upgrade, not to train again
// (QA pass item 6).
func TestLoadModelNewer(t *testing.T) {
	m := smallModelJSON(t)
	m["format_version"] = ModelFormatVersion + 1
	if err := loadJSON(t, m); err == nil || !strings.Contains(err.Error(), "newer version of complaints") {
		t.Errorf("newer format: %v, want an error saying to upgrade", err)
	}
	m = smallModelJSON(t)
	m["format"] = "something-else"
	if err := loadJSON(t, m); err == nil || !strings.Contains(err.Error(), "not a complaints model") {
		t.Errorf("other format: %v, want an error saying it is no model file", err)
	}
	labels := []string{"billing", "billing", "billing", "delivery", "delivery", "delivery"}
	texts := []string{"wrong charge on my bill", "the bill has a charge twice", "charge on the bill",
		"my package is late", "the package never came", "package delivery late"}
	h := DefaultHyper()
	h.Method, h.Solver, h.NBAlpha, h.CGrid, h.C, h.Lexicon, h.MinDF = MethodLogReg, "", 0, nil, 1, true, 1
	lm, err := Train(context.Background(), labels, texts, TrainOptions{Name: "topic", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	lm.LexiconSentiment = SentimentVersion + 1
	if err := loadJSON(t, lm); err == nil || !strings.Contains(err.Error(), "newer version of complaints") {
		t.Errorf("newer sentiment lexicon: %v, want an error saying to upgrade", err)
	}
	lm.LexiconSentiment = SentimentVersion
	lm.LexiconTaxonomy = lexiconTaxonomyID(&Taxonomy{Version: DefaultTaxonomy().Version + 1})
	if err := loadJSON(t, lm); err == nil || !strings.Contains(err.Error(), "newer version of complaints") {
		t.Errorf("newer taxonomy: %v, want an error saying to upgrade", err)
	}
}
