package classify

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/jonreiter/govader"
)

// VADER's constants (Hutto and Gilbert, "VADER: A Parsimonious Rule-based
// Model for Sentiment Analysis of Social Media Text", ICWSM 2014), as in
// govader and the reference vaderSentiment.
const (
	vaderCIncr       = 0.733 // ALL-CAPS emphasis
	vaderNScalar     = -0.74 // negation
	vaderAlpha       = 15    // normalisation of the compound score
	vaderScale1      = 0.95  // booster two words back
	vaderScale2      = 0.9   // booster three words back
	vaderEPScale     = 0.292 // per exclamation mark
	vaderQMScale     = 0.18  // per question mark
	vaderMaxEP       = 4
	vaderMaxQM       = 0.96
	vaderNeverScale  = 1.25 // "never so", "never this"
	vaderButScale    = 0.5
	vaderPunctuation = `"!#$%&\'()*+,-./:;<=>?@[\\]^_` + "`{|}~" // govader's PunctuationString
)

// fastVader computes govader's compound score with the same lexicon,
// booster words, negations and idioms, and the same rules in the same
// order, without regular expressions and with scratch buffers reused
// between calls: govader's PolarityScores spends most of its time matching
// [a-z]+ and [A-Z]+ against every word and allocating. It is not safe for
// concurrent use (one per goroutine); the maps it reads are shared.
// TestFastVaderMatchesGovader checks it against govader on every airline
// tweet and every sentence of the CFPB narratives.
type fastVader struct {
	lex     map[string]float64
	booster map[string]float64
	negate  map[string]bool
	special map[string]float64
	emoji   map[string]string

	idiomWords map[string]bool // words of the idioms and multi-word boosters

	// dict answers every question compound asks of a lower-cased word
	// with one look-up.
	dict map[string]vaderWord
	// oddDict is dict's entries whose word holds a byte other than an
	// ASCII letter or digit ("it.", ":)"): a word that no token spans, most
	// often for such a byte, is looked up in this small map rather than
	// the large one, whose look-ups miss the cache.
	oddDict map[string]vaderWord
	// lexCased holds the lexicon's words that lower-casing changes
	// (emoticons such as ":D"): a word as written that is not lower case
	// can only be one of them.
	lexCased map[string]bool
	// casedLetters is false when every word of lexCased holds a byte other
	// than an ASCII letter or digit: a word of only those is then none.
	casedLetters bool

	words, lower []string
	info         []vaderWord // dict entry of lower[i]
	rawLex       []bool      // words[i], as written, is in the lexicon
	sentiments   []float64
	key          []byte // scratch for idiom keys
	buf          strings.Builder
}

// vaderWord is what VADER knows of a lower-cased word.
type vaderWord struct {
	lex, booster     float64
	inLex, isBooster bool
	negate, idiom    bool // in the negation list; a word of an idiom or multi-word booster
	// unmet is the valence of the word when negated (an expectation not
	// met: "has not arrived"), and 0 elsewhere; only for words not in the
	// lexicon (see unmetExpectations).
	unmet float64
}

// scores reports whether the word can give a sentence a score: it is in
// the lexicon, or an unmet expectation.
func (d vaderWord) scores() bool { return d.inLex || d.unmet != 0 }

// newFastVader is VADER as govader computes it, with the unmet
// expectations (word -> valence when negated; nil: none) added.
func newFastVader(sia *govader.SentimentIntensityAnalyzer, unmet map[string]float64) *fastVader {
	v := &fastVader{lex: sia.Lexicon, booster: sia.Constants.BoosterDict, special: sia.Constants.SpecialCaseIdioms,
		emoji: sia.EmojiDict, negate: map[string]bool{}}
	for _, w := range sia.Constants.NegateList {
		v.negate[w] = true
	}
	v.idiomWords = map[string]bool{}
	for k := range v.special {
		for _, w := range strings.Fields(k) {
			v.idiomWords[w] = true
		}
	}
	for k := range v.booster {
		if strings.Contains(k, " ") {
			for _, w := range strings.Fields(k) {
				v.idiomWords[w] = true
			}
		}
	}
	v.lexCased = map[string]bool{}
	for w := range v.lex {
		if strings.ToLower(w) != w || asciiLowerKeepOffsets(w) != w {
			v.lexCased[w] = true
			v.casedLetters = v.casedLetters || isAlnum(w)
		}
	}
	v.dict = map[string]vaderWord{}
	for w, x := range v.lex {
		d := v.dict[w]
		d.lex, d.inLex = x, true
		v.dict[w] = d
	}
	for w, x := range v.booster {
		d := v.dict[w]
		d.booster, d.isBooster = x, true
		v.dict[w] = d
	}
	for w := range v.negate {
		d := v.dict[w]
		d.negate = true
		v.dict[w] = d
	}
	for w := range v.idiomWords {
		d := v.dict[w]
		d.idiom = true
		v.dict[w] = d
	}
	for w, x := range unmet {
		if d := v.dict[w]; !d.inLex {
			d.unmet = x
			v.dict[w] = d
		}
	}
	v.oddDict = map[string]vaderWord{}
	for w, d := range v.dict {
		if !isAlnum(w) {
			v.oddDict[w] = d
		}
	}
	return v
}

// lookup returns dict's entry of the lower-cased word l.
func (v *fastVader) lookup(l string) vaderWord {
	if isAlnum(l) {
		return v.dict[l]
	}
	return v.oddDict[l]
}

// vaderDict is the dictionary of a fastVader for sia and unmet: what
// VADER knows of each word of its lexicon, booster and negation lists and
// idioms, and the unmet expectations.
func vaderDict(sia *govader.SentimentIntensityAnalyzer, unmet map[string]float64) map[string]vaderWord {
	return newFastVader(sia, unmet).dict
}

// vaderPunct marks the bytes of vaderPunctuation.
var vaderPunct = func() (t [256]bool) {
	for i := 0; i < len(vaderPunctuation); i++ {
		t[vaderPunctuation[i]] = true
	}
	return t
}()

// trimPunct is strings.Trim(s, vaderPunctuation) without building the set
// on every call.
func trimPunct(s string) string {
	i, j := 0, len(s)
	for i < j && vaderPunct[s[i]] {
		i++
	}
	for j > i && vaderPunct[s[j-1]] {
		j--
	}
	return s[i:j]
}

// trimPunctSpan is trimPunct as the bounds of the result in s.
func trimPunctSpan(s string) (int, int) {
	i, j := 0, len(s)
	for i < j && vaderPunct[s[i]] {
		i++
	}
	for j > i && vaderPunct[s[j-1]] {
		j--
	}
	return i, j
}

// isUpperWord is Python's str.isupper as govader implements it: no
// lower-case ASCII letter and at least one upper-case one.
func isUpperWord(s string) bool {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	return upper
}

// letterCases reports whether s holds a lower-case and an upper-case ASCII
// letter.
func letterCases(s string) (lower, upper bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		lower = lower || c >= 'a' && c <= 'z'
		upper = upper || c >= 'A' && c <= 'Z'
	}
	return lower, upper
}

// negated reports whether word j of the sentence (lower-cased in l) is a
// negation.
func (v *fastVader) negated(l []string, j int) bool {
	return v.info[j].negate || hasNt(l[j])
}

// hasNt is strings.Contains(w, "n't") for a short word, without the call.
func hasNt(w string) bool {
	for i := 0; i+2 < len(w); i++ {
		if w[i] == 'n' && w[i+1] == '\'' && w[i+2] == 't' {
			return true
		}
	}
	return false
}

// isAlnum reports whether w holds only ASCII letters and digits.
func isAlnum(w string) bool {
	for i := 0; i < len(w); i++ {
		if !wordBytes[w[i]] {
			return false
		}
	}
	return true
}

// compound returns VADER's compound score of text in -1..1.
func (v *fastVader) compound(text string) float64 {
	return v.compoundLower(text, "")
}

// compoundLower is compound given text lower-cased by
// asciiLowerKeepOffsets ("": not given).
func (v *fastVader) compoundLower(text, textLower string) float64 {
	return v.compoundAligned(text, textLower, 0, nil, nil)
}

// compoundAligned is compoundLower given also tokens of the text that
// holds text at offset base, with their facts: a word of an ASCII text
// that is exactly a token (same span) takes the token's dictionary entry
// instead of being looked up. Text must not start with white space when
// tokens are given.
func (v *fastVader) compoundAligned(text, textLower string, base int, toks []token, facts []*wordFacts) float64 {
	ascii := isASCII(text)
	if !ascii {
		text = v.replaceEmoji(text)
		ascii = isASCII(text)
		textLower = ""
	}
	if !ascii || textLower == "" {
		toks = nil
	}
	trimmed := strings.TrimSpace(text)
	text = trimmed
	// ASCII text is lower-cased once, whole (strings.ToLower maps ASCII
	// bytes one by one), and its words cut from it at the same offsets.
	lowerText := ""
	if ascii {
		if textLower != "" {
			lowerText = strings.TrimSpace(textLower) // lower-casing moves no white space
		} else {
			lowerText = asciiLowerKeepOffsets(text)
		}
	}
	v.words, v.lower, v.info, v.rawLex = v.words[:0], v.lower[:0], v.info[:0], v.rawLex[:0]
	off, ti, allCaps := 0, 0, 0
	for {
		// the word up to the next space (words are short: a loop beats
		// strings.Cut's call)
		end := off
		for end < len(text) && text[end] != ' ' {
			end++
		}
		tok, more := text[off:end], end < len(text)
		i, j := 0, len(tok)
		if a, b := trimPunctSpan(tok); b-a >= 3 {
			i, j = a, b
		}
		w := tok[i:j]
		v.words = append(v.words, w)
		var l string
		if ascii {
			l = lowerText[off+i : off+j]
		} else {
			l = strings.ToLower(tok[i:j])
		}
		v.lower = append(v.lower, l)
		ws := base + off + i
		for ti < len(toks) && toks[ti].start < ws {
			ti++
		}
		var d vaderWord
		if ti < len(toks) && toks[ti].start == ws && toks[ti].end == ws+len(l) {
			d = facts[ti].vader
		} else {
			d = v.lookup(l)
		}
		v.info = append(v.info, d)
		// one pass over the word tells whether it is ALL CAPS (Python's
		// isupper) and, for ASCII, whether lower-casing changed it
		hasLower, hasUpper := letterCases(w)
		if hasUpper && !hasLower {
			allCaps++
		}
		changed := hasUpper // ASCII lower-casing changes exactly the capitals
		if !ascii {
			changed = w != l
		}
		raw := d.inLex // the word as written is in the lexicon
		if changed {
			raw = (v.casedLetters || !isAlnum(w)) && v.lexCased[w]
		}
		v.rawLex = append(v.rawLex, raw)
		if !more {
			break
		}
		off = end + 1
	}
	words, lower := v.words, v.lower
	capDiff := allCaps > 0 && allCaps < len(words)

	v.sentiments = v.sentiments[:0]
	for i, item := range words {
		// most words carry no sentiment (valence would say 0): no call
		if d := &v.info[i]; d.isBooster || !d.inLex && d.unmet == 0 {
			v.sentiments = append(v.sentiments, 0)
			continue
		}
		il := lower[i]
		if i < len(words)-1 && il == "kind" && lower[i+1] == "of" {
			v.sentiments = append(v.sentiments, 0)
			continue
		}
		v.sentiments = append(v.sentiments, v.valence(words, lower, item, il, i, capDiff))
	}
	// contrastive "but"
	for bi, w := range lower {
		if w == "but" {
			for i := range v.sentiments {
				if i < bi {
					v.sentiments[i] *= 1 - vaderButScale
				} else if i > bi {
					v.sentiments[i] *= 1 + vaderButScale
				}
			}
			break
		}
	}
	sum := 0.0
	for _, s := range v.sentiments {
		sum += s
	}
	punct := punctuationEmphasis(trimmed)
	if sum > 0 {
		sum += punct
	} else if sum < 0 {
		sum -= punct
	}
	c := sum / math.Sqrt(sum*sum+vaderAlpha)
	return max(-1, min(1, c))
}

// valence is govader's sentimentValence for word i.
func (v *fastVader) valence(words, lower []string, item, il string, i int, capDiff bool) float64 {
	if !v.info[i].inLex {
		if u := v.info[i].unmet; u != 0 && v.unmetNegated(lower, i) {
			return u
		}
		return 0
	}
	base := v.info[i].lex
	val := base
	if il == "no" && i+1 < len(lower) {
		if v.info[i+1].inLex {
			val = 0
		}
	}
	if i > 0 && lower[i-1] == "no" || i > 1 && lower[i-2] == "no" ||
		i > 2 && lower[i-3] == "no" && (lower[i-1] == "or" || lower[i-1] == "nor") {
		val = base * vaderNScalar
	}
	if isUpperWord(item) && capDiff {
		if val > 0 {
			val += vaderCIncr
		} else {
			val -= vaderCIncr
		}
	}
	for start := 0; start < 3; start++ {
		if i <= start {
			continue
		}
		j := i - (start + 1)
		if v.rawLex[j] {
			continue
		}
		s := v.scalarIncDec(words[j], j, val, capDiff)
		if start == 1 && s != 0 {
			s *= vaderScale1
		}
		if start == 2 && s != 0 {
			s *= vaderScale2
		}
		val += s
		val = v.negationCheck(val, lower, start, i)
		if start == 2 {
			val = v.specialIdioms(val, lower, i)
		}
	}
	// "least", compared on the words as written (as govader does)
	if i > 1 {
		if !v.rawLex[i-1] && words[i-1] == "least" {
			if words[i-2] != "at" && words[i-2] != "very" {
				val *= vaderNScalar
			}
		}
	} else if i > 0 {
		if !v.rawLex[i-1] && words[i-1] == "least" {
			val *= vaderNScalar
		}
	}
	return val
}

// unmetNegated reports whether word i of the sentence (lower-cased in l),
// an unmet expectation, is negated as VADER negates a word ("not", "never",
// "n't", "no", or "nobody" up to three words before: "has not arrived", "never
// received", "no longer works") or said to be still due ("yet to
// receive").
func (v *fastVader) unmetNegated(l []string, i int) bool {
	for j := i - 1; j >= max(0, i-3); j-- {
		if v.negated(l, j) || l[j] == "no" || l[j] == "nobody" {
			return true
		}
	}
	return i >= 2 && l[i-1] == "to" && l[i-2] == "yet"
}

// scalarIncDec is govader's scalarIncDec for word j of the sentence.
func (v *fastVader) scalarIncDec(word string, j int, val float64, capDiff bool) float64 {
	if !v.info[j].isBooster {
		return 0
	}
	scalar := v.info[j].booster
	if val < 0 {
		scalar *= -1
	}
	if isUpperWord(word) && capDiff {
		if val > 0 {
			scalar += vaderCIncr
		} else {
			scalar -= vaderCIncr
		}
	}
	return scalar
}

func (v *fastVader) negationCheck(val float64, l []string, start, i int) float64 {
	switch start {
	case 0:
		if v.negated(l, i-1) {
			return val * vaderNScalar
		}
	case 1:
		switch {
		case l[i-2] == "never" && (l[i-1] == "so" || l[i-1] == "this"):
			return val * vaderNeverScale
		case l[i-2] == "without" && l[i-1] == "doubt":
			return val
		case v.negated(l, i-2):
			return val * vaderNScalar
		}
	case 2:
		switch {
		case l[i-3] == "never" && (l[i-2] == "so" || l[i-2] == "this" || l[i-1] == "so" || l[i-1] == "this"):
			return val * vaderNeverScale
		case l[i-3] == "without" && (l[i-2] == "doubt" || l[i-1] == "doubt"):
			return val
		case v.negated(l, i-3):
			return val * vaderNScalar
		}
	}
	return val
}

// specialIdioms is govader's specialIdiomsCheck (called for i >= 3). Every
// sequence it looks up contains l[i-2], l[i-1] or l[i], so when none of the
// three occurs in any idiom or multi-word booster the value stands, and the
// strings need not be built.
func (v *fastVader) specialIdioms(val float64, l []string, i int) float64 {
	idiom := func(j int) bool { return v.info[j].idiom }
	if !idiom(i-2) && !idiom(i-1) && !idiom(i) {
		return val
	}
	// A sequence can be a key only when all its words are idiom words
	// (idiomWords holds every word of every key); keys are built in a
	// scratch buffer, which a map index by string(bytes) does not copy.
	seqs := [...][3]int{{i - 1, i, -1}, {i - 2, i - 1, i}, {i - 2, i - 1, -1}, {i - 3, i - 2, i - 1}, {i - 3, i - 2, -1}}
	for _, q := range seqs {
		if x, ok := v.lookupSeq(v.special, l, q); ok {
			val = x
			break
		}
	}
	if len(l)-1 > i {
		if x, ok := v.lookupSeq(v.special, l, [3]int{i, i + 1, -1}); ok {
			val = x
		}
	}
	if len(l)-1 > i+1 {
		if x, ok := v.lookupSeq(v.special, l, [3]int{i, i + 1, i + 2}); ok {
			val = x
		}
	}
	for _, q := range [...][3]int{seqs[3], seqs[4], seqs[2]} {
		if b, ok := v.lookupSeq(v.booster, l, q); ok {
			val += b
		}
	}
	return val
}

// lookupSeq looks up the words l[q[0]], l[q[1]] (and l[q[2]] unless q[2]
// is -1), joined by single spaces, in m.
func (v *fastVader) lookupSeq(m map[string]float64, l []string, q [3]int) (float64, bool) {
	n := 2
	if q[2] >= 0 {
		n = 3
	}
	for _, j := range q[:n] {
		if !v.info[j].idiom {
			return 0, false
		}
	}
	v.key = append(v.key[:0], l[q[0]]...)
	for _, j := range q[1:n] {
		v.key = append(v.key, ' ')
		v.key = append(v.key, l[j]...)
	}
	x, ok := m[string(v.key)]
	return x, ok
}

// replaceEmoji is govader's emoji step: each emoji becomes its description,
// preceded by a space unless one is already there.
func (v *fastVader) replaceEmoji(text string) string {
	v.buf.Reset()
	prevSpace := true
	for _, r := range text {
		var tmp [utf8.UTFMax]byte
		chr := string(tmp[:utf8.EncodeRune(tmp[:], r)])
		if d, ok := v.emoji[chr]; ok {
			if !prevSpace {
				v.buf.WriteByte(' ')
			}
			v.buf.WriteString(d)
			prevSpace = false
		} else {
			v.buf.WriteString(chr)
			prevSpace = chr == " "
		}
	}
	return v.buf.String()
}

// punctuationEmphasis adds weight for up to four '!' and for two or more
// '?' (capped), as VADER does.
func punctuationEmphasis(text string) float64 {
	ep := min(strings.Count(text, "!"), vaderMaxEP)
	amp := float64(ep) * vaderEPScale
	if qm := strings.Count(text, "?"); qm > 1 {
		if qm <= 3 {
			amp += float64(qm) * vaderQMScale
		} else {
			amp += vaderMaxQM
		}
	}
	return amp
}
