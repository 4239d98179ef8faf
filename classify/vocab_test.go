package classify

import (
	"slices"
	"strconv"
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

// TestVocabShortSlots: words sharing a slot of the short-word table, and
// words too long for it, each get their own facts, whatever the order of
// the look-ups.
func TestVocabShortSlots(t *testing.T) {
	v := newVocab(DefaultTaxonomy(), newSentimentAnalyzer().dict)
	slotOf := func(w string) uint64 {
		k, ok := pack(w)
		if !ok {
			t.Fatalf("pack(%q) failed", w)
		}
		return shortSlotOf(k)
	}
	// two words of one slot, found among generated ones
	seen := map[uint64]string{}
	var a, b string
	for i := 0; a == "" && i < 1_000_000; i++ {
		w := "w" + strconv.Itoa(i)
		if o, ok := seen[slotOf(w)]; ok {
			a, b = o, w
		}
		seen[slotOf(w)] = w
	}
	if a == "" {
		t.Fatal("no two words share a slot")
	}
	for _, w := range []string{a, b, a, "refunded", b, "misrepresentation", "misrepresentation", a, "refunded"} {
		if f := v.facts(w); f.stem != stem(w) {
			t.Errorf("facts(%q).stem = %q, want %q", w, f.stem, stem(w))
		}
	}
	if v.facts(a) != v.lookup(a) || v.facts(b) != v.lookup(b) {
		t.Errorf("facts of %q and %q are not the vocabulary's", a, b)
	}
}
