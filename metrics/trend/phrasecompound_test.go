package trend

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// compoundDocs: a baseline of 200 complaints of mergeDocs's four texts,
// and a period of 100 of which 12 write "fire stick" and 9 "firestick"
// (none both), 6 "wi fi" and 9 "wifi", the rest the baseline's texts.
func compoundDocs() []Doc {
	base := []string{"My bill was wrong this month", "Late fee charged twice", "Service outage for two days", "Agent was rude on the phone"}
	var docs []Doc
	for i := range 200 {
		docs = append(docs, Doc{ID: fmt.Sprintf("b%03d", i), Text: base[i%len(base)]})
	}
	var cur []string
	for _, g := range []struct {
		n    int
		text string
	}{{12, "My fire stick"}, {9, "My firestick"}, {6, "The wi fi"}, {9, "The wifi"}} {
		for range g.n {
			cur = append(cur, g.text)
		}
	}
	for len(cur) < 100 {
		cur = append(cur, base[len(cur)%len(base)])
	}
	for i, text := range cur {
		docs = append(docs, Doc{ID: fmt.Sprintf("c%03d", i), Text: text, Current: true})
	}
	return docs
}

// TestCompoundPhrases: a word pair and the same letters written as one
// word are one phrase, counted over the complaints of both. The QA pass
// found Alexa reviews of the week of 30 July 2018 listing "fire stick"
// (37 complaints) and "firestick" (21) apart, and "wi fi" and "wifi"
// likewise. Here "fire stick" 12 and "firestick" 9 are one phrase of 21
// complaints (before: two, of 12 and 9), and "wi fi" 6 and "wifi" 9 one of
// 15 (before: two; the pair, in under half of the two's complaints, is a
// cluster of its own, folded into the word's as its rise is theirs). The
// baseline given as counts (CountTerms, the reports' cache) finds the same.
func TestCompoundPhrases(t *testing.T) {
	docs := compoundDocs()
	got, err := EmergingPhrases(docs, 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		t.Logf("%q obs %g merged %q evidence %q", p.Phrase, p.Observed, p.Merged, p.Evidence)
	}
	for _, w := range []struct {
		forms    []string
		observed float64
		shown    string // as most of them write it
	}{
		{[]string{"fire stick", "firestick"}, 21, "fire stick"},
		{[]string{"wi fi", "wifi"}, 15, "wifi"},
	} {
		i := slices.IndexFunc(got, func(p Phrase) bool {
			return slices.ContainsFunc(w.forms, func(f string) bool { return p.Phrase == f || slices.Contains(p.Merged, f) })
		})
		if i < 0 {
			t.Errorf("no phrase of %q, want one of %g complaints", w.forms, w.observed)
			continue
		}
		p := got[i]
		if p.Phrase != w.shown {
			t.Errorf("phrase %q shown, want %q as most of its complaints write it", p.Phrase, w.shown)
		}
		for _, f := range w.forms {
			if p.Phrase != f && !slices.Contains(p.Merged, f) {
				t.Errorf("phrase %q (merged %q) lacks %q: want %q as one phrase", p.Phrase, p.Merged, f, w.forms)
			}
		}
		if p.Observed != w.observed || len(p.Complaints) != int(w.observed) {
			t.Errorf("phrase %q counts %g complaints (%d listed), want %g", p.Phrase, p.Observed, len(p.Complaints), w.observed)
		}
	}
	c, base := splitTexts(docs)
	c.AddBaselineCounts(len(base), CountTerms(base), 5)
	cached, err := c.Emerging(0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cached, got) {
		t.Errorf("phrases through AddBaselineCounts = %+v\nadded one by one = %+v", cached, got)
	}
}
