package classify

import "strings"

// wordFacts is what the classifiers ask of one lower-cased word: looked up
// once per token in a worker's vocabulary instead of once per classifier
// in each of their tables.
type wordFacts struct {
	stem     string   // stem(word)
	phrases  []phrase // taxonomy phrases whose first stem is stem
	negator  bool     // cancels a topic phrase that follows (negators, or ends in "n't")
	inLex    bool     // in the sentiment lexicon, or an unmet expectation
	function bool     // an English function word (detectLanguage)
	foreign  uint16   // the Latin-alphabet languages it is an own word of (langWords)
	vader    vaderWord

	// keywords are the flag keywords that can start at the word, in the
	// order findKeywords tries them (set for words of two bytes or more).
	keywords []keywordCand
}

// keywordCand is a flag keyword entry that can start at a word: static
// when the word itself holds it (a hit wherever the word is), else the
// keyword is longer than the word, which begins it, and the text decides.
type keywordCand struct {
	e      *keywordEntry
	static bool
}

// maxVocab bounds a worker's vocabulary; words met after it is full are
// looked up every time.
const maxVocab = 200000

// vocab is one worker's cache of wordFacts for a taxonomy and a sentiment
// dictionary.
type vocab struct {
	tax   *Taxonomy
	dict  map[string]vaderWord // see vaderDict
	words map[string]*wordFacts
	// short caches the facts of words of up to 8 bytes, most of a text's
	// words, by the word's bytes packed into an integer (see pack): one
	// slot per hash, the word last looked up there. A look-up in words, a
	// map of tens of thousands of words, misses the processor's cache; a
	// slot of this table mostly does not.
	short *[shortSlots]shortSlot
}

// shortSlots is the size of vocab.short.
const (
	shortBits  = 13
	shortSlots = 1 << shortBits
)

type shortSlot struct {
	key uint64
	f   *wordFacts
}

// pack returns w's bytes as an integer, and whether w fits: 1 to 8 bytes,
// none of them zero (so that no two such words pack alike).
func pack(w string) (uint64, bool) {
	if len(w) == 0 || len(w) > 8 {
		return 0, false
	}
	var k uint64
	for i := 0; i < len(w); i++ {
		if w[i] == 0 {
			return 0, false
		}
		k |= uint64(w[i]) << (8 * i)
	}
	return k, true
}

// shortSlotOf is the slot of vocab.short for a packed word (Fibonacci
// hashing: the top bits of the key times 2^64 divided by the golden ratio).
func shortSlotOf(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> (64 - shortBits) }

func newVocab(tax *Taxonomy, dict map[string]vaderWord) *vocab {
	return &vocab{tax: tax, dict: dict, words: map[string]*wordFacts{}}
}

// facts returns the facts of a lower-cased word.
func (v *vocab) facts(w string) *wordFacts {
	k, short := pack(w)
	var slot *shortSlot
	if short {
		if v.short == nil {
			v.short = new([shortSlots]shortSlot)
		}
		slot = &v.short[shortSlotOf(k)]
		if slot.key == k && slot.f != nil {
			return slot.f
		}
	}
	f := v.lookup(w)
	if slot != nil {
		slot.key, slot.f = k, f
	}
	return f
}

// lookup returns the facts of a lower-cased word from the map, made and
// kept there the first time.
func (v *vocab) lookup(w string) *wordFacts {
	if f, ok := v.words[w]; ok {
		return f
	}
	// w may be a view of a buffer that is written again (asciiLowerInto),
	// and the stem is a piece of the word it is given: what is kept is
	// made from a copy
	keep := len(v.words) < maxVocab
	if keep {
		w = strings.Clone(w)
	}
	langs := langWords[w]
	f := &wordFacts{stem: stem(w), function: langs&englishBit != 0, foreign: uint16(langs)}
	f.phrases = v.tax.index[f.stem]
	f.negator = negators[w] || strings.HasSuffix(w, "n't")
	f.vader = v.dict[w]
	f.inLex = f.vader.scores()
	if len(w) >= 2 {
		for i := range keywordIndex[int(w[0])<<8|int(w[1])] {
			e := &keywordIndex[int(w[0])<<8|int(w[1])][i]
			if len(e.kws[0]) <= len(w) {
				for _, kw := range e.kws {
					if strings.HasPrefix(w, kw) {
						f.keywords = append(f.keywords, keywordCand{e: e, static: true})
						break
					}
				}
				continue
			}
			for _, kw := range e.kws {
				if strings.HasPrefix(kw, w) {
					f.keywords = append(f.keywords, keywordCand{e: e})
					break
				}
			}
		}
	}
	if keep {
		v.words[w] = f
	}
	return f
}

// factsOf appends the facts of every token to buf.
func (v *vocab) factsOf(toks []token, buf []*wordFacts) []*wordFacts {
	for _, tk := range toks {
		buf = append(buf, v.facts(tk.lower))
	}
	return buf
}
