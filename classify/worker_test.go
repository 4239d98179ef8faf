package classify

import (
	"reflect"
	"testing"
)

// TestWorkerReuse classifies real narratives twice with one worker, whose
// buffers and vocabulary every text reuses, and each once more with a
// fresh worker: the results must not depend on what the worker read
// before. (A vocabulary entry whose stem was a view of the worker's
// lower-case buffer, written again by the next text, changed topics.)
func TestWorkerReuse(t *testing.T) {
	_, texts := cfpbNarratives(t)
	texts = texts[:300]
	c := New(Options{Workers: 1})
	w := c.getWorker()
	var first []Result
	for _, s := range texts {
		first = append(first, c.classify(w, s))
	}
	for i := len(texts) - 1; i >= 0; i-- {
		if again := c.classify(w, texts[i]); !reflect.DeepEqual(again, first[i]) {
			t.Fatalf("narrative %d classified again by the same worker:\n got %+v\nwant %+v", i, again, first[i])
		}
		fresh := &worker{m: newMatcherVocab(newVocab(c.tax, c.sent.dict))}
		if got := c.classify(fresh, texts[i]); !reflect.DeepEqual(got, first[i]) {
			t.Fatalf("narrative %d by a fresh worker:\n got %+v\nwant %+v", i, got, first[i])
		}
	}
}
