package classify

import (
	"context"
	"reflect"
	"testing"
)

// TestWorkerReuse classifies real narratives twice with one worker, whose
// buffers and vocabulary every text reuses, and each once more with a
// fresh worker: the results must not depend on what the worker read
// before. (A vocabulary entry whose stem was a view of the worker's
// lower-case buffer, written again by the next text, changed topics; so
// did a trained model's cached stems, until 2026-12-05: 87 to 120 of the
// 2,753 narratives changed topic from one ClassifyBatch to the next.)
func TestWorkerReuse(t *testing.T) {
	labels, texts := cfpbNarratives(t)
	m, err := Train(context.Background(), labels[:1000], texts[:1000], TrainOptions{Name: "product"})
	if err != nil {
		t.Fatal(err)
	}
	texts = texts[1000:1300] // not the model's training texts
	for name, c := range map[string]*Classifier{"taxonomy": New(Options{Workers: 1}), "model": New(Options{Model: m, Workers: 1})} {
		w := c.getWorker()
		var first []Result
		for _, s := range texts {
			first = append(first, c.classify(w, s))
		}
		for i := len(texts) - 1; i >= 0; i-- {
			if again := c.classify(w, texts[i]); !reflect.DeepEqual(again, first[i]) {
				t.Fatalf("%s: narrative %d classified again by the same worker:\n got %+v\nwant %+v", name, i, again, first[i])
			}
			fresh := &worker{m: newMatcherVocab(newVocab(c.tax, c.sent.dict))}
			if got := c.classify(fresh, texts[i]); !reflect.DeepEqual(got, first[i]) {
				t.Fatalf("%s: narrative %d by a fresh worker:\n got %+v\nwant %+v", name, i, got, first[i])
			}
		}
	}
}

// TestTopicBatch: TopicBatch gives every text the topic and language
// ClassifyBatch gives it, on the CFPB narratives, the airline tweets (a few
// of them not English) and Portuguese complaints, with the default
// taxonomy and with a trained model.
func TestTopicBatch(t *testing.T) {
	labels, texts := cfpbNarratives(t)
	_, _, tweets := airlineTweets(t)
	h, recs := readCSV(t, sharedData(t, "reclameaqui-pt/reclamacoes_bruto.csv"), ',')
	desc := column(t, h, "description")
	texts = append(texts, tweets...)
	for _, r := range recs {
		texts = append(texts, r[desc])
	}
	texts = append(texts, "", "   ", "I\u2019m waiting on hold again. On Mon, Jan 1, 2024 Support wrote:\n> Your refund is on its way")
	m, err := Train(context.Background(), labels[:1000], texts[:1000], TrainOptions{Name: "product"})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*Classifier{"taxonomy": New(Options{}), "model": New(Options{Model: m})} {
		full := make([]Result, len(texts))
		if err := c.ClassifyBatch(context.Background(), texts, full); err != nil {
			t.Fatal(err)
		}
		topics := make([]TopicResult, len(texts))
		if err := c.TopicBatch(context.Background(), texts, topics); err != nil {
			t.Fatal(err)
		}
		differ := 0
		for i := range texts {
			if topics[i].Topic != full[i].Topic || topics[i].Language != full[i].Language {
				if differ++; differ <= 5 {
					t.Errorf("%s: text %d: TopicBatch %+v, ClassifyBatch %s %s: %.80q", name, i, topics[i], full[i].Topic, full[i].Language, texts[i])
				}
			}
		}
		if differ > 0 {
			t.Errorf("%s: %d of %d texts differ", name, differ, len(texts))
		}
	}
}
