package trend

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/complaints/complaints/internal/owntext"
)

// termStat is one term's complaint counts: a in the period judged (the
// current complaints cur, ascending indexes), b in the baseline.
type termStat struct {
	a, b float64
	cur  []int
}

// termCounter counts, per term of EmergingPhrases (a stemmed content word
// or a bigram of two), the documents using it. It gives the counts of
// Tokens, stem and Terms over each text without building their strings:
// tokens are interned once as ids of their final (stemmed) form, a bigram
// is a pair of ids, and a document's terms are made distinct by stamping
// each with the last document that used it.
type termCounter struct {
	tokens map[string]int32 // lower-cased token as Tokens gives it -> form id
	forms  map[string]int32 // final form -> form id
	form   []string         // form id -> final form
	ok     []bool           // form id -> content(form): a term of its own, part of a bigram
	class  []uint8          // form id -> its wordClass, for negation (negated)
	uni    []int32          // form id -> its unigram's term index + 1 (0: none yet)
	bi     map[uint64]int32 // pair of form ids -> bigram term index
	key    [][2]int32       // term index -> its form ids (second -1 for a unigram)
	stat   []termStat
	// base holds each term's baseline documents by length stratum (their
	// sum is stat's b): term index * strata + stratum -> documents.
	base   []int32
	seen   []int32 // term index -> last document (+1) that used it
	tk     tokens
	lookup func([]byte) int32 // formOf, made once
	cls    []uint8            // the classes of a document's tokens (reused)
	neg    []bool             // which of its tokens are negated (reused)
}

func newTermCounter() *termCounter {
	tc := &termCounter{tokens: map[string]int32{}, forms: map[string]int32{}, bi: map[uint64]int32{}}
	tc.lookup = tc.formOf
	// the words of a negation have forms from the start, so that a
	// baseCounter, which adds none, knows them (but those ending in n't,
	// newNegator)
	for _, w := range negationWords {
		tc.formOf([]byte(w))
	}
	return tc
}

// The classes of the words that negate a term (negated), by their form.
const (
	wordOther   uint8 = iota
	wordBreak         // "": a clause ends (or a redaction mask)
	wordNegator       // not, no, never, without, cannot, a word ending in n't
	wordBe            // is, was
	wordBeNot         // isn't, wasn't: a negator too
	wordArticle       // the, a, an
	wordProblem       // problem, issue
	wordFine          // fine
	wordFill          // any, ever, had, have, has: "never had any battery problem"
	wordOwn           // my, this, ...: "haven't fixed my battery issue" is the customer's
)

// negationWords are the forms of wordClass's classes but the words ending
// in n't other than isn't and wasn't.
var negationWords = []string{"", "not", "no", "never", "without", "cannot", "is", "was", "isn't", "wasn't", "the", "a", "an", "problem", "issue", "fine",
	"any", "ever", "had", "have", "has", "my", "your", "our", "their", "his", "her", "this", "that", "these", "those"}

// wordClass is the class of the form f (finalForm) in a negation.
func wordClass(f string) uint8 {
	switch f {
	case "":
		return wordBreak
	case "is", "was":
		return wordBe
	case "isn't", "wasn't":
		return wordBeNot
	case "the", "a", "an":
		return wordArticle
	case "problem", "issue":
		return wordProblem
	case "fine":
		return wordFine
	case "any", "ever", "had", "have", "has":
		return wordFill
	case "my", "your", "our", "their", "his", "her", "this", "that", "these", "those":
		return wordOwn
	case "not", "no", "never", "without", "cannot":
		return wordNegator
	}
	if strings.HasSuffix(f, "n't") {
		return wordNegator
	}
	return wordOther
}

// negated sets neg (grown to the length of cls, and returned) to whether
// each token of a text, of classes cls, is denied as a problem: a negator
// among the three tokens before it in its clause with "problem" or
// "issue" at most two tokens after it ("not a battery issue", "never had
// a battery problem"), or a denial beginning within the three tokens
// after it in its clause ("battery is not the problem", "the battery life
// is fine"). A term is not counted where it is denied: a complaint that
// says a problem is not its problem is no complaint of it (a QA pass:
// "battery issue", 8 of 8 complaints "Not a battery issue - the charger
// cable frayed."). A negator alone denies nothing: complaints name their
// faults by negation ("won't charge", "agents don't answer", "no
// signal", "never received"), and "doesn't drain" reads as they do; so
// negated, 11 of the support tweets' 14 emerging phrases went.
func negated(cls []uint8, neg []bool) []bool {
	n := len(cls)
	neg = slices.Grow(neg[:0], n)[:n]
	// "problem" or "issue" within the two tokens after (or it), in the clause
	prob := n + 3
	for j := n - 1; j >= 0; j-- {
		switch cls[j] {
		case wordBreak:
			prob = n + 3
		case wordProblem:
			prob = j
		}
		neg[j] = prob-j <= 2
	}
	// the last negator of the clause whose negation is still open: only
	// articles, fillers and the words of the denied noun phrase (those
	// with its "problem" near) after it; a verb or a possessive between
	// makes it the verb's ("haven't fixed my battery issue", "can't stand
	// this wifi problem", "could not find the antenna problem": the
	// problem affirmed, a regression hunt)
	last := -4
	for j, c := range cls {
		neg[j] = neg[j] && j-last <= 3
		switch c {
		case wordNegator, wordBeNot:
			last = j
		case wordArticle, wordFill:
		case wordBreak, wordOwn:
			last = -4
		default:
			if !neg[j] {
				last = -4
			}
		}
	}
	next := n + 3 // the first denial after, in the clause
	for j := n - 1; j >= 0; j-- {
		neg[j] = neg[j] || next-j <= 3
		switch {
		case cls[j] == wordBreak:
			next = n + 3
		case denial(cls[j:]):
			next = j
		}
	}
	return neg
}

// denial reports whether the tokens of classes cls begin "is/was not
// (the) problem/issue" (or isn't, no, never; a, an) or "is/was fine".
func denial(cls []uint8) bool {
	at := func(i int, c uint8) bool { return i < len(cls) && cls[i] == c }
	i := 0
	switch {
	case at(0, wordBe) && at(1, wordFine):
		return true
	case at(0, wordBe) && at(1, wordNegator):
		i = 2
	case at(0, wordBeNot):
		i = 1
	default:
		return false
	}
	if at(i, wordArticle) {
		i++
	}
	return at(i, wordProblem)
}

// tokens holds what tokenize makes, and its buffer.
type tokens struct {
	buf []byte
	ids []int32
}

// formOf returns the form id of token w (lower-cased, trimmed, "" for a
// redaction mask), as EmergingPhrases stems it: a content word is stemmed.
func (tc *termCounter) formOf(w []byte) int32 {
	if id, ok := tc.tokens[string(w)]; ok { // no allocation for the lookup
		return id
	}
	s := string(w)
	f := finalForm(s)
	id, ok := tc.forms[f]
	if !ok {
		id = int32(len(tc.form))
		tc.forms[f] = id
		tc.form = append(tc.form, f)
		tc.ok = append(tc.ok, content(f))
		tc.class = append(tc.class, wordClass(f))
		tc.uni = append(tc.uni, 0)
	}
	tc.tokens[s] = id
	return id
}

// finalForm is the form EmergingPhrases counts token s as: stemmed if a
// content word.
func finalForm(s string) string {
	if content(s) {
		return stem(s)
	}
	return s
}

// isTokenByte reports whether the ASCII byte c is part of a token (a
// letter, a digit or an apostrophe, as in Tokens).
func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\''
}

// tokenize sets tk.ids to the form id formOf gives each token of text, the
// tokens of Tokens: ASCII runs are lower-cased and trimmed in place; a run
// with any other character goes through Tokens' own string functions.
func (tk *tokens) tokenize(text string, formOf func([]byte) int32) {
	tk.ids = tk.ids[:0]
	text = owntext.Of(text) // as Tokens
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf && !isTokenByte(c) {
			if breaks[c] { // a phrase ends (see Tokens)
				tk.ids = append(tk.ids, formOf(tk.buf[:0]))
				if c == '<' {
					if n := markup(text[i:]); n > 0 {
						i += n
						continue
					}
				}
			}
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’') {
				i += size
				continue
			}
		}
		// A token starts at i, unless a web address does (see Tokens).
		if c == 'h' || c == 'H' || c == 'w' || c == 'W' {
			if n := webAddress(text[i:]); n > 0 {
				i += n
				continue
			}
		}
		// Find the token's end, noting whether it is all ASCII.
		start, ascii := i, true
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if !isTokenByte(c) {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’') {
				break
			}
			ascii = false
			i += size
		}
		if hidden(text, start, i) { // a handle, a placeholder
			tk.ids = append(tk.ids, formOf(tk.buf[:0]))
			continue
		}
		if !ascii {
			w := strings.Trim(strings.ToLower(text[start:i]), "'")
			if strings.Trim(w, "x") == "" {
				w = ""
			}
			tk.buf = append(tk.buf[:0], strings.ReplaceAll(w, "’", "'")...)
			tk.ids = append(tk.ids, formOf(tk.buf))
			continue
		}
		tk.buf = append(tk.buf[:0], text[start:i]...)
		b := tk.buf
		for j, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[j] = c + 'a' - 'A'
			}
		}
		lo, hi := 0, len(b)
		for lo < hi && b[lo] == '\'' {
			lo++
		}
		for hi > lo && b[hi-1] == '\'' {
			hi--
		}
		b = b[lo:hi]
		allX := true
		for _, c := range b {
			if c != 'x' {
				allX = false
				break
			}
		}
		if allX {
			b = b[:0] // XXXX redaction (or nothing left)
		}
		tk.ids = append(tk.ids, formOf(b))
	}
}

// term returns the index of the term of form ids f and g (g < 0: the
// unigram f), adding it if new.
func (tc *termCounter) term(f, g int32) int32 {
	if g < 0 {
		if t := tc.uni[f]; t > 0 {
			return t - 1
		}
		t := tc.add(f, g)
		tc.uni[f] = t + 1
		return t
	}
	k := uint64(uint32(f))<<32 | uint64(uint32(g))
	if t, ok := tc.bi[k]; ok {
		return t
	}
	t := tc.add(f, g)
	tc.bi[k] = t
	return t
}

func (tc *termCounter) add(f, g int32) int32 {
	t := int32(len(tc.stat))
	tc.key = append(tc.key, [2]int32{f, g})
	tc.stat = append(tc.stat, termStat{})
	tc.seen = append(tc.seen, 0)
	tc.base = append(tc.base, make([]int32, strata)...)
	return t
}

// addDoc counts the distinct terms of a document and returns its length
// stratum: stamp is a number of its own (above 0), cur its index among the
// current documents, or -1 for one of the baseline.
func (tc *termCounter) addDoc(stamp int32, cur int, text string) (stratum int) {
	tc.tk.tokenize(text, tc.lookup)
	ids := tc.tk.ids
	n := 0 // content tokens
	tc.cls = tc.cls[:0]
	for _, f := range ids {
		if tc.ok[f] {
			n++
		}
		tc.cls = append(tc.cls, tc.class[f])
	}
	stratum = stratumOf(n)
	tc.neg = negated(tc.cls, tc.neg)
	neg := tc.neg
	use := func(t int32) {
		if tc.seen[t] == stamp {
			return
		}
		tc.seen[t] = stamp
		s := &tc.stat[t]
		if cur >= 0 {
			s.a++
			s.cur = append(s.cur, cur)
		} else {
			s.b++
			tc.base[int(t)*strata+stratum]++
		}
	}
	for j, f := range ids {
		if !tc.ok[f] {
			continue
		}
		if !neg[j] {
			use(tc.term(f, -1))
		}
		if j+1 < len(ids) && tc.ok[ids[j+1]] && !neg[j] && !neg[j+1] {
			use(tc.term(f, ids[j+1]))
		}
	}
	return stratum
}

// name is the term as EmergingPhrases reports it: the word, or the two
// words of a bigram joined by a space.
func (tc *termCounter) name(t int32) string {
	k := tc.key[t]
	if k[1] < 0 {
		return tc.form[k[0]]
	}
	return tc.form[k[0]] + " " + tc.form[k[1]]
}

// baseCounter counts baseline documents for the terms a termCounter has
// already (those of the current documents), beside other baseCounters of
// the same termCounter: it only reads the termCounter, and keeps its own
// counts, stamps and the forms of the tokens the termCounter has not seen.
type baseCounter struct {
	tc     *termCounter
	own    map[string]int32 // token the termCounter has not seen -> its form id there, or newContent or newOther
	tk     tokens
	lookup func([]byte) int32 // formOf, made once
	cls    []uint8            // the classes of a document's tokens (reused)
	neg    []bool             // which of its tokens are negated (reused)
	seen   []int32            // term index -> last document (+1) that used it
	b      []int32            // term index * strata + stratum -> baseline documents using it (termCounter.base)
	n      int32              // documents counted
	sizes  [strata]int32      // documents counted by stratum
}

// The form ids baseCounter.formOf gives a form the termCounter does not
// have: no term of it can be one of its terms, but a content word counts
// towards the document's length (stratumOf), and a negator negates
// (negated: the termCounter has the other words of a negation).
const (
	newOther   = -1
	newContent = -2
	newNegator = -3
)

func newBaseCounter(tc *termCounter) *baseCounter {
	bc := &baseCounter{tc: tc, own: map[string]int32{}, seen: make([]int32, len(tc.stat)), b: make([]int32, len(tc.stat)*strata)}
	bc.lookup = bc.formOf
	return bc
}

// formOf is termCounter.formOf without adding anything to it: newContent
// or newOther for a form it does not have.
func (bc *baseCounter) formOf(w []byte) int32 {
	if id, ok := bc.tc.tokens[string(w)]; ok {
		return id
	}
	if id, ok := bc.own[string(w)]; ok {
		return id
	}
	s := string(w)
	f := finalForm(s)
	id, ok := bc.tc.forms[f]
	if !ok {
		id = newOther
		switch {
		case content(f):
			id = newContent
		case wordClass(f) == wordNegator:
			id = newNegator
		}
	}
	bc.own[s] = id
	return id
}

// add counts the termCounter's terms in one baseline document.
func (bc *baseCounter) add(text string) {
	tc := bc.tc
	bc.n++
	stamp := bc.n
	bc.tk.tokenize(text, bc.lookup)
	ids := bc.tk.ids
	n := 0 // content tokens
	for _, f := range ids {
		if f == newContent || f >= 0 && tc.ok[f] {
			n++
		}
	}
	stratum := stratumOf(n)
	bc.sizes[stratum]++
	bc.cls = bc.cls[:0]
	for _, f := range ids {
		c := wordOther
		switch {
		case f >= 0:
			c = tc.class[f]
		case f == newNegator:
			c = wordNegator
		}
		bc.cls = append(bc.cls, c)
	}
	neg := negated(bc.cls, bc.neg)
	bc.neg = neg
	use := func(t int32) {
		if bc.seen[t] != stamp {
			bc.seen[t] = stamp
			bc.b[int(t)*strata+stratum]++
		}
	}
	for j, f := range ids {
		if f < 0 || !tc.ok[f] || neg[j] {
			continue
		}
		if t := tc.uni[f]; t > 0 {
			use(t - 1)
		}
		if j+1 < len(ids) && !neg[j+1] {
			if g := ids[j+1]; g >= 0 && tc.ok[g] {
				if t, ok := tc.bi[uint64(uint32(f))<<32|uint64(uint32(g))]; ok {
					use(t)
				}
			}
		}
	}
}
