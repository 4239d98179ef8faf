package classify

import (
	"math"
	"testing"

	"github.com/jonreiter/govader"
)

// TestFastVaderMatchesGovader: fastVader must give govader's compound
// score (to 1e-12) on every airline tweet and every sentence of the CFPB
// narratives, with the complaint lexicon in place, and on edge cases.
func TestFastVaderMatchesGovader(t *testing.T) {
	sia := newSentimentAnalyzer().vader
	v := newFastVader(sia, nil)
	texts := []string{"", " ", "not good", "NOT good at all!!!", "the shit", "kind of good", "at least good", "least good",
		"never so good", "without doubt good", "no problem", "It was good but the service was bad??", "I ❤️ it 😂",
		"very very VERY bad", "sort of good", "kiss of death for the product"}
	_, _, tweets := airlineTweets(t)
	texts = append(texts, tweets...)
	_, narratives := cfpbNarratives(t)
	for _, n := range narratives {
		ends := sentenceEnds(n, nil)
		start := 0
		for _, e := range ends {
			texts = append(texts, n[start:e])
			start = e
		}
	}
	bad := 0
	for _, text := range texts {
		want := sia.PolarityScores(text).Compound
		got := v.compound(text)
		if math.Abs(got-want) > 1e-12 {
			bad++
			if bad <= 5 {
				t.Errorf("compound(%q) = %v, govader %v", text, got, want)
			}
		}
	}
	t.Logf("%d texts compared, %d differ", len(texts), bad)
}

var _ = govader.Sentiment{}
