package trend

import (
	"sort"
)

// DefaultMinCount is the fewest complaints behind an alert or an emerging
// phrase when Options.MinCount is not set.
const DefaultMinCount = 5

// TermsVersion names the rules that make a text's terms (Tokens, stem,
// stopwords, Terms and termCounter). Term counts kept between runs (the
// reports' phrase_counts table) are stored with it and used only while it is
// unchanged: raise it with any change that can change a text's terms.
// TestTermsVersion pins the terms of sample texts to catch such a change.
const TermsVersion = 4 // 2: web addresses make no terms (Tokens); 3: quoted replies, disclaimers and closings neither (owntext.Of); 4: no pair across punctuation, no term of a handle, a placeholder or markup, more plurals folded, more stopwords

// CountTerms returns, for every term of texts, the number of texts using
// it, as EmergingPhrases counts a period's complaints: the counts a
// period's texts contribute to the baseline of a later period, for any terms
// that period's current documents use (AddBaselineCounts).
func CountTerms(texts []string) map[string]int32 {
	return NewPeriodCounter().Count(texts)
}

// PeriodCounter is CountTerms for one period's texts after another. It
// keeps the words it has met, and their stems, from one period to the next
// (stemming a new word is much of the work, and most words recur), but not
// the terms, so its memory grows with the vocabulary only.
type PeriodCounter struct {
	tc *termCounter
}

// NewPeriodCounter returns a PeriodCounter that has met no word.
func NewPeriodCounter() *PeriodCounter {
	return &PeriodCounter{tc: newTermCounter()}
}

// Count is CountTerms(texts).
func (pc *PeriodCounter) Count(texts []string) map[string]int32 {
	tc := pc.tc
	clear(tc.uni) // every form's unigram term: none yet
	clear(tc.bi)
	tc.key, tc.stat, tc.seen = tc.key[:0], tc.stat[:0], tc.seen[:0]
	for i, t := range texts {
		tc.addDoc(int32(i)+1, -1, t)
	}
	out := make(map[string]int32, len(tc.stat))
	for t := range tc.stat {
		if b := tc.stat[t].b; b > 0 {
			out[tc.name(int32(t))] = int32(b)
		}
	}
	return out
}

// CurrentCounts returns, for every term of the current documents added, the
// number of them using it: CountTerms of their texts.
func (c *Corpus) CurrentCounts() map[string]int32 {
	out := make(map[string]int32, len(c.tc.stat))
	for t := range c.tc.stat {
		if a := c.tc.stat[t].a; a > 0 {
			out[c.tc.name(int32(t))] = int32(a)
		}
	}
	return out
}

// Terms returns the terms at least minCount current documents use, sorted:
// those Emerging tests with that minimum count, and so the only ones whose
// baseline counts AddBaselineCounts needs.
func (c *Corpus) Terms(minCount float64) []string {
	var out []string
	for t := range c.tc.stat {
		if c.tc.stat[t].a >= minCount {
			out = append(out, c.tc.name(int32(t)))
		}
	}
	sort.Strings(out)
	return out
}

// AddBaselineCounts adds n baseline documents counted elsewhere: counts
// holds, for each of the current documents' terms that at least minCount of
// them use (Terms), the number of those n documents using it, a term not in
// it none. Emerging then needs a minimum count of minCount or more, and no
// current document may be added after it (as after AddBaseline). Given
// CountTerms of the baseline texts, Emerging's result is the same as when
// the documents themselves are added.
func (c *Corpus) AddBaselineCounts(n int, counts map[string]int32, minCount float64) {
	c.floor = max(c.floor, minCount, 1)
	c.n2 += float64(n)
	if len(counts) == 0 {
		return
	}
	for t := range c.tc.stat {
		s := &c.tc.stat[t]
		if s.a < minCount {
			continue
		}
		if b, ok := counts[c.tc.name(int32(t))]; ok {
			s.b += float64(b)
		}
	}
}
