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
	v := newVocab(DefaultTaxonomy(), newSentimentAnalyzer().dict)
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

// TestScoreWithFacts: sentiment scored with the vocabulary's dictionary
// entries (words aligned with tokens) must equal the score computed alone,
// exactly, on every CFPB narrative and on edge cases.
func TestScoreWithFacts(t *testing.T) {
	_, texts := cfpbNarratives(t)
	texts = append(texts, "", "  Not GOOD.  Very bad!! ", "I ❤️ it. But it's awful", "@user check http://x.y now. NO!", "kind of good. at least")
	a := newSentimentAnalyzer()
	v := newVocab(DefaultTaxonomy(), a.dict)
	fv := a.newFastVader()
	for _, text := range texts {
		toks := tokenize(text, nil)
		want, _ := a.score(fv, text, toks, nil)
		got, _ := a.scoreWith(fv, text, asciiLowerKeepOffsets(text), toks, v.factsOf(toks, nil), nil)
		if got != want {
			t.Errorf("scoreWith(%.60q...) = %v, score %v", text, got, want)
		}
	}
}
