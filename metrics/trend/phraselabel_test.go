package trend

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// sharedNounDocs is mergeDocs's baseline of 200 with a period of 100
// holding two problems that share the noun "data", at distinct rates
// (the QA pass's 26 complaints using "data": a data breach in 16, a data
// cap in 10, or the other way round): breach complaints ("b" IDs) write
// "data breach", half of them "my data leaked" too; cap complaints ("k"
// IDs) "data cap". No baseline complaint uses any of their words.
func sharedNounDocs(breach, dataCap int) []Doc {
	var docs []Doc
	base := []string{"My bill was wrong this month", "Late fee charged twice", "Service outage for two days", "Agent was rude on the phone"}
	for i := range 200 {
		docs = append(docs, Doc{ID: fmt.Sprintf("base%03d", i), Text: base[i%len(base)]})
	}
	add := func(prefix string, n int, texts ...string) {
		for i := range n {
			docs = append(docs, Doc{ID: fmt.Sprintf("%s%02d", prefix, i), Text: texts[i%len(texts)], Current: true})
		}
	}
	add("b", breach, "A data breach exposed my details", "Data breach at the store, my data leaked online")
	add("k", dataCap, "They imposed a data cap on my plan", "The data cap is too low")
	for i := breach + dataCap; i < 100; i++ {
		docs = append(docs, Doc{ID: fmt.Sprintf("c%03d", i), Text: base[i%len(base)], Current: true})
	}
	return docs
}

// TestPhraseCountsItsLabel: a row counts the complaints of the phrase it
// names. The QA pass found the row "data breach" counted by the noun
// "data" (the strongest term of its cluster, "data breach" at Jaccard 16/26
// with it): 26 complaints, the data cap's among them; and "data leaked",
// whose complaints are all the breach's, in a row of its own. Here the
// breach's and the cap's rows each count and list their own complaints
// alone (every complaint a row lists uses the phrase shown, or the term
// it names as counted when it shows a longer noun phrase), and "data
// leaked" is in the breach's row.
func TestPhraseCountsItsLabel(t *testing.T) {
	for _, tc := range []struct{ breach, dataCap int }{{16, 10}, {10, 16}} {
		docs := sharedNounDocs(tc.breach, tc.dataCap)
		got, err := EmergingPhrases(docs, 0.05, 5, 1.5)
		if err != nil {
			t.Fatal(err)
		}
		text := map[string]string{}
		for _, d := range docs {
			text[d.ID] = strings.ToLower(d.Text)
		}
		name := fmt.Sprintf("breach %d, cap %d", tc.breach, tc.dataCap)
		for _, p := range got {
			t.Logf("%s: %q obs %v counted %q merged %q", name, p.Phrase, p.Observed, p.Counted, p.Merged)
			counted := p.Counted
			if counted == "" {
				counted = p.Phrase
			}
			for _, c := range p.Complaints {
				if !strings.Contains(text[c.ID], counted) {
					t.Errorf("%s: row %q (counted %q) lists %s, which does not use it: %q", name, p.Phrase, counted, c.ID, text[c.ID])
				}
			}
		}
		listed := rowOf(got)
		for _, want := range []struct {
			phrase, prefix string
			n              int
		}{{"data breach", "b", tc.breach}, {"data cap", "k", tc.dataCap}} {
			row, ok := listed[want.phrase]
			if !ok {
				t.Errorf("%s: %q not listed: %q", name, want.phrase, phraseNames(got))
				continue
			}
			var ids []string
			for _, c := range got[row].Complaints {
				ids = append(ids, c.ID)
			}
			var wantIDs []string
			for i := range want.n {
				wantIDs = append(wantIDs, fmt.Sprintf("%s%02d", want.prefix, i))
			}
			if got[row].Observed != float64(want.n) || !slices.Equal(ids, wantIDs) {
				t.Errorf("%s: the row of %q (%q) counts %v complaints %q, want its own %d", name, want.phrase, got[row].Phrase, got[row].Observed, ids, want.n)
			}
		}
		if i, ok := listed["data leaked"]; !ok || i != listed["data breach"] {
			t.Errorf("%s: \"data leaked\" (all its complaints the breach's) not in the breach's row: %q", name, phraseNames(got))
		}
	}
}
