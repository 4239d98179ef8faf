package trend

import (
	"fmt"
	"testing"
)

// mergeDocs are the QA pass's near-duplicates on a small corpus. Baseline:
// 200 complaints about bills, fees and outages. Period: 100, of which 15
// say "throttled" and 12 "throttling" (none both), in sentences of their
// own; 28 "unfair billing", 10 of them "unfair billing practices"; and two
// problems that share a word but are not the same, a data cap (14) and a
// data breach (10).
func mergeDocs() []Doc {
	var docs []Doc
	base := []string{"My bill was wrong this month", "Late fee charged twice", "Service outage for two days", "Agent was rude on the phone"}
	for i := range 200 {
		docs = append(docs, Doc{ID: fmt.Sprintf("b%03d", i), Text: base[i%len(base)]})
	}
	var cur []string
	add := func(n int, texts ...string) {
		for i := range n {
			cur = append(cur, texts[i%len(texts)])
		}
	}
	add(15, "My internet is being throttled every evening", "Speeds throttled after a terabyte", "They throttled my video streaming")
	add(12, "Comcast keeps throttling my connection", "Stop throttling my bandwidth", "Throttling started last week")
	add(10, "Unfair billing practices on my account", "Their unfair billing practices again")
	add(18, "I was hit by unfair billing", "Unfair billing for a modem I returned", "More unfair billing this month")
	add(14, "They imposed a data cap on my plan", "The data cap is too low")
	add(10, "A data breach exposed my details", "Data breach leaked my address")
	for len(cur) < 100 {
		cur = append(cur, base[len(cur)%len(base)])
	}
	for i, text := range cur {
		docs = append(docs, Doc{ID: fmt.Sprintf("c%03d", i), Text: text, Current: true})
	}
	return docs
}

// TestNearDuplicatePhrases: "throttled" and "throttling" are one phrase,
// and so are "unfair billing" and "unfair billing practices" (the QA pass
// found each pair listed apart); the data cap and the data breach stay
// two.
func TestNearDuplicatePhrases(t *testing.T) {
	got, err := EmergingPhrases(mergeDocs(), 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]int{} // phrase or merged term -> its phrase's index
	for i, p := range got {
		t.Logf("%q merged %q", p.Phrase, p.Merged)
		listed[p.Phrase] = i
		for _, m := range p.Merged {
			listed[m] = i
		}
	}
	for _, pair := range [][2]string{{"throttled", "throttling"}, {"unfair billing", "unfair billing practices"}} {
		i, ok1 := listed[pair[0]]
		j, ok2 := listed[pair[1]]
		if !ok1 || !ok2 || i != j {
			t.Errorf("%q and %q: want both in one phrase, got %q", pair[0], pair[1], phraseNames(got))
		}
	}
	i, ok1 := listed["data cap"]
	j, ok2 := listed["data breach"]
	if !ok1 || !ok2 || i == j {
		t.Errorf("data cap and data breach: want two phrases, got %q", phraseNames(got))
	}
}
