package trend

import (
	"fmt"
	"sort"
)

// DefaultMinCount is the fewest complaints behind an alert or an emerging
// phrase when Options.MinCount is not set.
const DefaultMinCount = 5

// TermsVersion names the rules that make a text's terms (Tokens, stem,
// stopwords, Terms and termCounter) and its length stratum (stratumOf).
// Term counts kept between runs (the reports' phrase_counts table) are
// stored with it and used only while it is unchanged: raise it with any
// change that can change a text's terms or their counts' keys.
// TestTermsVersion pins the counts of sample texts to catch such a change.
const TermsVersion = 8 // 2: web addresses make no terms (Tokens); 3: quoted replies, disclaimers and closings neither (owntext.Of); 4: no pair across punctuation, no term of a handle, a placeholder or markup, more plurals folded, more stopwords; 5: counts by length stratum (countKey); 6: other languages' function words are stopwords (langwords.Own: "não", "nao", "nicht"); 7: a Twitter handle makes no term of its parts after an underscore either (handle: "@Uber_Support" made "support"); 8: a negated word makes no term (negated: "not a battery issue", "battery is not the problem")

// CountTerms returns the counts a period's texts contribute to the baseline
// of a later period (AddBaselineCounts), for any terms that period's
// current documents use: for every term of texts and every length stratum
// (stratumOf), the number of the stratum's texts using it, under
// countKey(term, stratum) ("late fee#3"), and the number of texts of each
// stratum under countKey("", stratum) ("#3"). Strata without texts, and
// terms no text of a stratum uses, have no key.
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
	tc.key, tc.stat, tc.seen, tc.base = tc.key[:0], tc.stat[:0], tc.seen[:0], tc.base[:0]
	var sizes [strata]int32
	for i, t := range texts {
		sizes[tc.addDoc(int32(i)+1, -1, t)]++
	}
	out := make(map[string]int32, len(tc.stat))
	for t := range tc.stat {
		name := tc.name(int32(t))
		for s, b := range tc.base[t*strata:][:strata] {
			if b > 0 {
				out[countKey(name, s)] = b
			}
		}
	}
	addSizes(out, sizes)
	return out
}

// addSizes adds the texts of each stratum to counts, as CountTerms does.
func addSizes(counts map[string]int32, sizes [strata]int32) {
	for s, n := range sizes {
		if n > 0 {
			counts[countKey("", s)] = n
		}
	}
}

// CurrentCounts is CountTerms of the texts of the current documents added.
func (c *Corpus) CurrentCounts() map[string]int32 {
	out := make(map[string]int32, len(c.tc.stat))
	var sizes [strata]int32
	for _, s := range c.stratum {
		sizes[s]++
	}
	var by [strata]int32
	for t := range c.tc.stat {
		st := &c.tc.stat[t]
		if st.a == 0 {
			continue
		}
		clear(by[:])
		for _, i := range st.cur {
			by[c.stratum[i]]++
		}
		name := c.tc.name(int32(t))
		for s, a := range by {
			if a > 0 {
				out[countKey(name, s)] = a
			}
		}
	}
	addSizes(out, sizes)
	return out
}

// Terms returns the keys of the counts AddBaselineCounts needs given
// minCount, sorted: those of CountTerms (countKey) for every stratum of
// each term at least minCount current documents use (the terms Emerging
// tests with that minimum count) or that is one of a word's forms used by
// minCount together (formGroups), and those of each stratum's texts.
func (c *Corpus) Terms(minCount float64) []string {
	var out []string
	grouped := c.grouped(minCount)
	for t := range c.tc.stat {
		if c.tc.stat[t].a >= minCount || grouped[int32(t)] {
			name := c.tc.name(int32(t))
			for s := range strata {
				out = append(out, countKey(name, s))
			}
		}
	}
	for s := range strata {
		out = append(out, countKey("", s))
	}
	sort.Strings(out)
	return out
}

// AddBaselineCounts adds n baseline documents counted elsewhere: counts
// holds CountTerms of their texts, whole or cut to the keys of
// Terms(minCount), a key not in it none. Emerging then needs a minimum
// count of minCount or more, and no current document may be added after it
// (as after AddBaseline); it fails when the strata's texts in counts do not
// add up to n (counts of another form). Given CountTerms of the baseline
// texts, Emerging's result is the same as when the documents themselves
// are added.
func (c *Corpus) AddBaselineCounts(n int, counts map[string]int32, minCount float64) {
	c.floor = max(c.floor, minCount, 1)
	c.n2 += float64(n)
	sum := 0
	for s := range strata {
		k := counts[countKey("", s)]
		c.n2s[s] += float64(k)
		sum += int(k)
	}
	if sum != n && c.badCounts == nil {
		c.badCounts = fmt.Errorf("emerging phrases: baseline counts of %d texts hold %d by length stratum: not CountTerms' counts", n, sum)
	}
	grouped := c.grouped(minCount)
	for t := range c.tc.stat {
		st := &c.tc.stat[t]
		if st.a < minCount && !grouped[int32(t)] {
			continue
		}
		name := c.tc.name(int32(t))
		for s := range strata {
			if b, ok := counts[countKey(name, s)]; ok {
				c.tc.base[t*strata+s] += b
				st.b += float64(b)
			}
		}
	}
}

// grouped marks the terms of the form groups whose terms' uses add up to
// minCount (groupMembers).
func (c *Corpus) grouped(minCount float64) map[int32]bool {
	out := map[int32]bool{}
	for _, ms := range c.groupMembers(minCount) {
		for _, m := range ms {
			out[m] = true
		}
	}
	return out
}
