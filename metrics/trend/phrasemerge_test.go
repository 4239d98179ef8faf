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

// chainDocs is mergeDocs's baseline of 200 with a period of 100 built for
// a chain: a data cap in 10 complaints, a data breach in 10 others, and
// "data" alone, with no cap nor breach, in other (0 or 10 more): "data" links
// the two problems though no complaint names both.
func chainDocs(dataAlone int) []Doc {
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
	add(10, "They imposed a data cap on my plan", "The data cap is too low")
	add(10, "A data breach exposed my details", "Data breach leaked my address")
	// each of these words and pairs is in fewer complaints than the
	// minimum count (5), so "data" is the only term they add
	add(dataAlone, "Data usage shown twice", "My data vanished", "Data meter reads wrong", "Lost data overnight")
	for len(cur) < 100 {
		cur = append(cur, base[len(cur)%len(base)])
	}
	for i, text := range cur {
		docs = append(docs, Doc{ID: fmt.Sprintf("c%03d", i), Text: text, Current: true})
	}
	return docs
}

// TestPhraseMergeNoChain: merging near-duplicates must not chain. "data
// cap" and "data breach" share no complaint (Jaccard 0), but each meets a
// criterion with "data": with no other use of "data", the Jaccard of each
// with "data" is 10/20 = 1/2, the first merge's threshold; with 10 more
// uses of "data" alone it is 10/30, but each label, "data cap" or "data
// breach", has "data" as a run and all of its complaints among data's, the
// second merge's criterion. Merged into the strongest term, "data" (20 or
// 30 complaints), either way the two problems became one phrase (before
// this change, both cases). A term or cluster joins another only if it
// meets the criterion with every one already joined.
func TestPhraseMergeNoChain(t *testing.T) {
	for _, dataAlone := range []int{0, 10} {
		got, err := EmergingPhrases(chainDocs(dataAlone), 0.05, 5, 1.5)
		if err != nil {
			t.Fatal(err)
		}
		listed := map[string]int{}
		for i, p := range got {
			t.Logf("data alone %d: %q counted %q merged %q", dataAlone, p.Phrase, p.Counted, p.Merged)
			listed[p.Phrase] = i
			for _, m := range p.Merged {
				listed[m] = i
			}
		}
		i, ok1 := listed["data cap"]
		j, ok2 := listed["data breach"]
		if !ok1 || !ok2 || i == j {
			t.Errorf("data alone %d: data cap and data breach: want two phrases, got %q", dataAlone, phraseNames(got))
		}
	}
}
