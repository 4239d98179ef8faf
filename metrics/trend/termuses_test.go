package trend

import (
	"maps"
	"slices"
	"testing"
)

// TestTermUsesAgreesWithCountDocs: a text is found using a term by
// TermUses just when CountDocs counts it for that term, so a page's list
// of the complaints using a phrase is as long as its count.
func TestTermUsesAgreesWithCountDocs(t *testing.T) {
	texts := []string{
		"The screen flickers. Screens flicker at night; XXXX called me",
		"my screen flickering again, the screen's flicker",
		"Called @AcmeHelp about the batteries: the battery dies",
		"news: wells fargo charged late fees (see https://example.com/fees)",
		"Não funciona, the screen flickers",
	}
	pc := NewPeriodCounter()
	counts := pc.CountDocs(texts, 1)
	want := map[string]bool{}
	for term := range counts {
		want[term] = true
	}
	found := map[string]int32{}
	for _, text := range texts {
		for term := range TermUses(text, want) {
			found[term]++
		}
	}
	if !maps.Equal(found, counts) {
		terms := slices.Sorted(maps.Keys(counts))
		t.Errorf("TermUses found %v, CountDocs counted %v (terms %q)", found, counts, terms)
	}
	// "screen flicker" (stemmed) is in the first and last texts, written
	// "screen flickers" in the first
	if n := counts["screen flicker"]; n != 2 {
		t.Errorf(`CountDocs(texts)["screen flicker"] = %d, want 2 (texts 1 and 5, by hand)`, n)
	}
	if got := TermUses(texts[0], map[string]bool{"screen flicker": true})["screen flicker"]; got != "screen flickers" {
		t.Errorf("TermUses(%q) surface = %q, want %q", texts[0], got, "screen flickers")
	}
	// cut to terms used by two texts at least
	for term, n := range pc.CountDocs(texts, 2) {
		if n < 2 || counts[term] != n {
			t.Errorf("CountDocs(texts, 2)[%q] = %d, want %d and at least 2", term, n, counts[term])
		}
	}
}
