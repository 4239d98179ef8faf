package classify

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestModelWorkerReuse: with a trained model, a worker that classified a
// text without personal data classifies the next text, with some, as a
// fresh one does. The model's tokens of the first text were the worker's
// own tokens, and the second's masked text was tokenized over them: the
// flags then read offsets of the masked text in the unmasked one (QA pass
// BE: "slice bounds out of range [:1530] with length 1529" in matchRule on
// CFPB complaints 3185899, 3127899, 3228230 and 3090181, kept in
// testdata/model_worker_reuse.json, with a model trained on product).
func TestModelWorkerReuse(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "model_worker_reuse.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfpb []string
	if err := json.Unmarshal(raw, &cfpb); err != nil {
		t.Fatal(err)
	}
	labels := []string{"billing", "billing", "delivery", "delivery"}
	texts := []string{"I was charged twice on my bill", "the bill has a wrong charge", "my package never arrived", "the package delivery is late"}
	h := DefaultHyper()
	h.CGrid, h.C, h.MinDF = nil, 1, 1
	m, err := Train(context.Background(), labels, texts, TrainOptions{Name: "topic", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	c := New(Options{Model: m, Workers: 1}) // one worker for every text
	got := make([]Result, len(cfpb))
	if err := c.ClassifyBatch(context.Background(), cfpb, got); err != nil {
		t.Fatal(err)
	}
	for i, text := range cfpb {
		if want := New(Options{Model: m}).Classify(text); got[i] != want {
			t.Errorf("text %d classified after others = %+v, want %+v as alone", i, got[i], want)
		}
	}
	// a longer text with no personal data, then one with a phone number:
	// the worker's tokens stay the text's, not its masked copy's
	w := c.getWorker()
	c.classify(w, strings.Repeat("I will cancel my account if the bill is wrong again. ", 8))
	text := "Call me at (555) 867-5309. I will cancel my account."
	c.classify(w, text)
	if want := tokenize(text, nil); !slices.Equal(w.toks, want) {
		t.Errorf("worker's tokens of %q = %v, want %v", text, w.toks, want)
	}
}
