package classify

import (
	"slices"
	"testing"
)

// TestFindKeywordsFacts: the vocabulary's keyword lists must find the same
// keyword hits as findKeywords on every ASCII narrative of the CFPB sets.
func TestFindKeywordsFacts(t *testing.T) {
	_, texts := cfpbNarratives(t)
	texts = append(texts, "I will sue", "i'm going to the CFPB.", "cfbp", "Legal action", "a", "we")
	v := newVocab(DefaultTaxonomy(), newSentimentAnalyzer().vader.Lexicon)
	n := 0
	for _, text := range texts {
		if !isASCII(text) {
			continue
		}
		toks := tokenize(text, nil)
		lower := asciiLowerKeepOffsets(text)
		want := findKeywords(lower, toks, nil)
		got := findKeywordsFacts(lower, toks, v.factsOf(toks, nil), nil)
		if !slices.Equal(got, want) {
			t.Errorf("findKeywordsFacts(%.60q...) = %v, findKeywords %v", text, got, want)
		}
		n += len(want)
	}
	if n == 0 {
		t.Error("no keyword found: the test tests nothing")
	}
}
