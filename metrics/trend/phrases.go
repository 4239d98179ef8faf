package trend

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/complaints/complaints/internal/langwords"
	"github.com/complaints/complaints/internal/owntext"
	"github.com/complaints/complaints/metrics"
)

// stopwords are English function words and complaint boilerplate that never
// make a phrase on their own, and the function words of the other languages
// classify names from their words (langwords.Own: "não", "para", "nicht",
// with and without their accents), none an English word: a cluster of
// Portuguese complaints made "não" an emerging phrase.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, lang := range langwords.Languages() {
		for _, w := range langwords.Own(lang) {
			m[w] = true
		}
	}
	for _, w := range strings.Fields(`a about above after again against all am an and any are aren't as at be because been
		before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
		during each few for from further had hadn't has hasn't have haven't having he her here hers herself him himself his
		how i i'm if in into is isn't it it's its itself just let's me more most my myself no nor not now of off on once only
		or other ought our ours ourselves out over own same she should shouldn't so some such than that that's the their
		theirs them themselves then there there's these they they're this those through to too under until up very was
		wasn't we we're were weren't what when where which while who whom why will with won't would wouldn't you you're
		your yours yourself yourselves also get got still even one two would've im ive dont cant wont via per us
		i've i'd i'll you've you'd you'll we've we'd we'll they've they'd they'll he's she's what's who's here's where's
		every may might must shall like please pls rt`) {
		m[w] = true
	}
	return m
}()

// Tokens splits text, its complainant's own words (owntext.Of), into
// lower-case word tokens: runs of letters, digits
// and apostrophes, trimmed of apostrophes. Redaction masks such as "XXXX"
// and placeholders such as "[PHONE]", a Twitter handle ("@AcmeHelp") and
// HTML markup ("<br />") become "", and so does each mark that ends a
// sentence or a clause (. , ; : ! ? brackets, double quotes, line ends), so
// that no phrase runs across them ("left it in the rain. Call me" made
// "rain call"); web addresses (webAddress) make no token. It defines the tokens
// of the hot path (every narrative of the window), which EmergingPhrases
// counts with termCounter, the same rules without a string per token;
// prose tags only the latest period's texts.
func Tokens(text string) []string {
	// the complainant's own words: not a quoted reply, a disclaimer or a
	// closing (a company reply quoted in many tickets is no phrase of
	// theirs)
	text = owntext.Of(text)
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.Trim(strings.ToLower(text[start:end]), "'")
		if strings.Trim(w, "x") == "" || hidden(text, start, end) {
			w = "" // XXXX redaction, a placeholder, a handle
		}
		out = append(out, w)
		start = -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if start < 0 {
				if n := webAddress(text[i:]); n > 0 {
					i += n // no token: a link's pieces are no phrase
					continue
				}
				start = i
			}
			i += size
			continue
		}
		flush(i)
		if r < utf8.RuneSelf && breaks[r] {
			if n := markup(text[i:]); n > 0 {
				out = append(out, "")
				i += n
				continue
			}
			out = append(out, "")
		}
		i += size
	}
	flush(len(text))
	for i, w := range out {
		out[i] = strings.ReplaceAll(w, "’", "'")
	}
	return out
}

// breaks marks the ASCII characters that end a phrase: sentence and clause
// marks, brackets, double quotes, line ends, and '<', which may open
// markup (markup).
var breaks = func() (b [utf8.RuneSelf]bool) {
	for _, c := range ".,;:!?()[]{}\"<>\n\r" {
		b[c] = true
	}
	return b
}()

// hidden reports whether the token text[start:end] is no word of the
// complainant's: a Twitter handle (after '@'), each of its parts (handle),
// or a redaction placeholder ("[PHONE]": capitals between brackets), which
// counted the phone numbers customers gave as the word "phone".
func hidden(text string, start, end int) bool {
	if start == 0 {
		return false
	}
	switch text[start-1] {
	case '@':
		return true
	case '_':
		return handle(text, start)
	case '[':
		if end >= len(text) || text[end] != ']' {
			return false
		}
		for i := start; i < end; i++ {
			if c := text[i]; c < 'A' || c > 'Z' {
				return false
			}
		}
		return true
	}
	return false
}

// handleMax is the longest Twitter handle, in characters after the '@'.
const handleMax = 15

// handle reports whether the token at text[start:], after an underscore,
// is part of a Twitter handle ('@' and up to handleMax letters, digits and
// underscores): the token after the '@' alone was hidden, so
// "@Uber_Support" made "support" (QA: 40 of its 46 uses on Uber_Support).
// It looks back no further than a handle's length, so a long run of
// underscored words costs no more than a short one.
func handle(text string, start int) bool {
	for i := start - 1; i >= 0 && start-i <= handleMax; i-- {
		switch c := text[i]; {
		case c == '@':
			return true
		case !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'):
			return false
		}
	}
	return false
}

// markup returns the length of the HTML tag s starts with ("<br />",
// "</p>": '<', perhaps '/', a letter, then up to 200 bytes to '>'), or 0.
// Narratives exported from web forms carry them ("<br /><br />Entretanto"
// made the phrase "br entretanto").
func markup(s string) int {
	if s == "" || s[0] != '<' {
		return 0
	}
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i >= len(s) || !(s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		return 0
	}
	if j := strings.IndexByte(s[i:min(len(s), i+200)], '>'); j >= 0 {
		return i + j + 1
	}
	return 0
}

// webAddress returns the length of the web address s starts with, or 0:
// "http://", "https://" or "www." in any case, up to the next ASCII white
// space. Tweets carry links ("http://t.co/x1y2"), whose pieces ("http",
// "co") would otherwise be counted as words and rise as emerging phrases
// whenever tweets do.
func webAddress(s string) int {
	if !hasPrefixFold(s, "http://") && !hasPrefixFold(s, "https://") && !hasPrefixFold(s, "www.") {
		return 0
	}
	n := 0
	for n < len(s) && !asciiSpace[s[n]] {
		n++
	}
	return n
}

// hasPrefixFold is strings.HasPrefix with case folded.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// asciiSpace marks the ASCII white space bytes that end a web address.
var asciiSpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// content reports whether a token can be part of a phrase.
func content(w string) bool {
	return len(w) >= 2 && !stopwords[w] && strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// Terms returns the distinct terms of a token sequence: content words and
// bigrams of two adjacent content words, where not negated (negated).
func Terms(tokens []string, into map[string]bool) {
	cls := make([]uint8, len(tokens))
	for i, w := range tokens {
		cls[i] = wordClass(finalForm(w))
	}
	neg := negated(cls, nil)
	for i, w := range tokens {
		if !content(w) || neg[i] {
			continue
		}
		into[w] = true
		if i+1 < len(tokens) && content(tokens[i+1]) && !neg[i+1] {
			into[w+" "+tokens[i+1]] = true
		}
	}
}

// taggerModel loads prose's tagger once: prose.NewDocument without a model
// decodes the embedded model on every call (about a tenth of a second).
var taggerModel = sync.OnceValues(func() (*prose.Model, error) {
	doc, err := prose.NewDocument("warm up", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, fmt.Errorf("load prose tagger: %w", err)
	}
	return doc.Model, nil
})

// NounPhrases returns the noun phrases of text of two to four words: runs
// of adjectives and nouns ending in a noun, by prose's part-of-speech tags
// (Penn Treebank: JJ*, NN*), lower-cased.
func NounPhrases(text string) ([]string, error) {
	text = owntext.Of(text) // as Tokens
	model, err := taggerModel()
	if err != nil {
		return nil, err
	}
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(model))
	if err != nil {
		return nil, err
	}
	var out []string
	var run []string
	lastNoun := 0 // length of run up to its last noun
	emit := func() {
		if lastNoun >= 2 {
			ph := run[:lastNoun]
			if len(ph) > 4 {
				ph = ph[len(ph)-4:]
			}
			out = append(out, strings.Join(ph, " "))
		}
		run, lastNoun = run[:0], 0
	}
	for _, tok := range doc.Tokens() {
		w := strings.ToLower(tok.Text)
		switch {
		case strings.HasPrefix(tok.Tag, "NN") && content(w):
			run = append(run, w)
			lastNoun = len(run)
		case strings.HasPrefix(tok.Tag, "JJ") && content(w):
			run = append(run, w)
		default:
			emit()
		}
	}
	emit()
	return out, nil
}

// stem folds English plurals (Harman's S-stemmer): "-ies" to "-y", "-es"
// to "-e", "-s" dropped, except after u, s and in "-aes", "-ees", "-oes";
// and "-ches", "-shes", "-xes", "-sses", "-zzes" to their singular's
// "-ch", "-sh", "-x", "-ss", "-zz" (crashes, glitches, taxes, boxes,
// addresses stayed apart from crash, glitch, tax, box, address; a
// headache's plural is the price).
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "zzes")),
		n > 3 && strings.HasSuffix(w, "xes"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "ies") && !strings.HasSuffix(w, "eies") && !strings.HasSuffix(w, "aies"):
		return w[:n-3] + "y"
	case n > 3 && strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "aes") && !strings.HasSuffix(w, "ees") && !strings.HasSuffix(w, "oes"):
		return w[:n-1]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "ss"):
		return w[:n-1]
	}
	return w
}

// Doc is one complaint text for phrase mining.
type Doc struct {
	ID      string
	Source  string
	Text    string
	Current bool // in the period judged; otherwise in the baseline
}

// Phrase is a word or phrase used significantly more in the period judged
// than in the baseline.
type Phrase struct {
	Phrase      string   `json:"phrase"`
	PeriodStart string   `json:"period_start"`
	Observed    float64  `json:"observed"` // complaints of the period using it
	Expected    float64  `json:"expected"` // at the baseline's rate, length for length: sum over length strata of N_s b_s / N_baseline_s, plus N (1/2) / N_baseline
	Ratio       float64  `json:"ratio"`
	PValue      float64  `json:"p_value"`
	QValue      float64  `json:"q_value"` // Benjamini-Hochberg across every term tested
	Method      string   `json:"method"`
	Merged      []string `json:"merged,omitempty"` // overlapping terms folded into this one
	// Counted is the merged term whose complaints Observed, Expected, the
	// ratio and the test count, when the phrase shown is a longer noun
	// phrase that most of them use ("unfair billing practices" shown,
	// "unfair billing" counted: no term of three words or more is
	// counted); "" when they are the phrase's own.
	Counted  string   `json:"counted,omitempty"`
	Evidence []string `json:"evidence"` // up to five complaint IDs of the period
	// Complaints are all the complaints Observed counts, in the order of
	// the texts given: a page's list of them (the JSON names five, in
	// Evidence).
	Complaints []DocRef `json:"-"`
}

// DocRef names a complaint: its source and ID.
type DocRef struct{ Source, ID string }

const methodPhrase = "log-likelihood ratio (G2) of complaint frequency, period vs baseline, stratified by narrative length, signed root"

// G2 is the log-likelihood ratio statistic of a 2x2 table (Dunning 1993):
// a of n1 documents in the period use a term, b of n2 in the baseline:
//
//	G2 = 2 sum O ln(O/E)
//
// over the four cells, E from the margins.
func G2(a, n1, b, n2 float64) float64 {
	n := n1 + n2
	k := a + b
	cells := [4][2]float64{
		{a, n1 * k / n}, {n1 - a, n1 * (n - k) / n},
		{b, n2 * k / n}, {n2 - b, n2 * (n - k) / n},
	}
	g := 0.0
	for _, c := range cells {
		g += xlogx(c[0], c[1])
	}
	return 2 * g
}

// EmergingPhrases finds the terms (stemmed content words and bigrams) that
// complaints of the current period use significantly more than those of the
// baseline of like length (strata.go: a longer text holds any word more
// often): the signed root of the stratified G2 (stratifiedG2) as a
// one-sided normal test, every term used by at least minCount current
// complaints tested, Benjamini-Hochberg at q across them. Significant
// terms at least minRatio times their expectation overlap when mostly the
// same complaints use them (Jaccard of the current complaints >= 1/2):
// they are merged into the strongest, the cluster named and counted by
// its longest term (a phrase's figures and complaints are those of the
// term it names), or named by a longer noun phrase (prose) that most of
// that term's complaints use (Phrase.Counted). Clusters that name one
// problem are then merged too (namedCluster.sameProblem: "throttled" and
// "throttling"; "unfair billing" and "unfair billing practices"). Neither
// merge chains: a term joins a cluster, and a cluster a phrase, only when
// it meets the criterion with every one joined already, so two problems
// that share a word ("data cap", "data breach") are not made one through
// it. A word's forms are also tested as one term (formGroups: "crackling"
// and "crackles"; "firestick" and the pair "fire stick"), and a cluster whose rise a stronger phrase's
// complaints make joins it (explainedBy). docs must be in time order.
func EmergingPhrases(docs []Doc, q, minCount, minRatio float64) ([]Phrase, error) {
	c := NewCorpus()
	for _, d := range docs {
		c.Add(d)
	}
	return c.Emerging(q, minCount, minRatio)
}

// Corpus gathers the documents of EmergingPhrases one at a time: it counts
// the terms of each and keeps the current ones only, since a baseline
// document is never needed again. Twelve weeks of baseline on a 10M
// warehouse are about 700k narratives; holding them took about a gigabyte.
//
// AddBaseline counts baseline documents on several goroutines, for the
// terms of the current documents added before it only.
type Corpus struct {
	tc      *termCounter
	current []Doc
	stratum []int8          // current document -> its length stratum (stratumOf)
	n2      float64         // baseline documents
	n2s     [strata]float64 // baseline documents by length stratum
	// badCounts says why counts given to AddBaselineCounts cannot be
	// used; Emerging returns it.
	badCounts error
	// floor is the smallest minimum count Emerging accepts: the baseline
	// counts are known for the terms at least floor current documents use
	// (1 after AddBaseline, more after AddBaselineCounts; 0 while every
	// document has been added one by one).
	floor float64
	late  bool // a current document came after AddBaseline, or through it
	// unredacted counts the texts left out for want of a redacted version
	// (see Unredacted).
	unredacted int
}

// Unredacted is the number of narratives of the corpus's range left out of
// it because classify has not redacted them yet (ReadCorpus counts them;
// a caller building a corpus tells it with AddUnredacted). Phrases are
// mined from redacted text only, never from a raw narrative.
func (c *Corpus) Unredacted() int { return c.unredacted }

// AddUnredacted counts n more narratives left out as not yet redacted.
func (c *Corpus) AddUnredacted(n int) { c.unredacted += n }

// NewCorpus returns an empty Corpus.
func NewCorpus() *Corpus {
	return &Corpus{tc: newTermCounter()}
}

// Add counts d; documents must come in time order.
func (c *Corpus) Add(d Doc) {
	stamp := int32(len(c.current)) + int32(c.n2) + 1
	if d.Current {
		c.late = c.late || c.floor > 0
		s := c.tc.addDoc(stamp, len(c.current), d.Text)
		c.current = append(c.current, d)
		c.stratum = append(c.stratum, int8(s))
	} else {
		s := c.tc.addDoc(stamp, -1, d.Text)
		c.n2++
		c.n2s[s]++
	}
}

// AddBaseline counts the baseline documents of every batch from batches, on
// workers goroutines, until batches is closed. It counts them for the terms
// of the current documents added before it only: those are all Emerging
// tests, given a minimum count of 1 or more (a term no current complaint
// uses is never tested), so its result is the same as when every document
// is added in time order. A current document added after it, or given to
// it, makes Emerging fail. Counting terms is most of the work of phrase
// mining, and the baseline is most of the documents.
func (c *Corpus) AddBaseline(batches <-chan []Doc, workers int) {
	c.floor = max(c.floor, 1)
	counters := make([]*baseCounter, max(1, workers))
	late := make([]bool, len(counters))
	var wg sync.WaitGroup
	for i := range counters {
		bc := newBaseCounter(c.tc)
		counters[i] = bc
		wg.Go(func() {
			for docs := range batches {
				for _, d := range docs {
					late[i] = late[i] || d.Current
					bc.add(d.Text)
				}
			}
		})
	}
	wg.Wait()
	for i, bc := range counters {
		for k, b := range bc.b {
			c.tc.base[k] += b
			c.tc.stat[k/strata].b += float64(b)
		}
		for s, n := range bc.sizes {
			c.n2s[s] += float64(n)
		}
		c.n2 += float64(bc.n)
		c.late = c.late || late[i]
	}
	// Documents added after this get stamps above every one used before
	// (n2 grew), so tc.seen needs no reset.
}

// Size returns the number of documents added, current and baseline.
func (c *Corpus) Size() (current, baseline int) {
	return len(c.current), int(c.n2)
}

// Emerging is EmergingPhrases of the documents added.
func (c *Corpus) Emerging(q, minCount, minRatio float64) ([]Phrase, error) {
	if c.late {
		return nil, fmt.Errorf("emerging phrases: a current document came after AddBaseline")
	}
	if c.badCounts != nil {
		return nil, c.badCounts
	}
	if c.floor > 0 && minCount < c.floor {
		return nil, fmt.Errorf("emerging phrases: minimum count %g: the baseline was counted only for the terms of at least %g current documents", minCount, c.floor)
	}
	tc, docs := c.tc, c.current
	if len(docs) == 0 || c.n2 == 0 {
		return nil, nil
	}
	// Only terms used by minCount current complaints are tested.
	terms := map[string]*termStat{}
	index := map[string]int32{} // term -> its index in tc
	var names []string
	for t := range tc.stat {
		if s := &tc.stat[t]; s.a >= minCount {
			name := tc.name(int32(t))
			terms[name] = s
			index[name] = int32(t)
			names = append(names, name)
		}
	}
	// A word's forms ("crackling", "crackles") are tested together too
	// (formGroups), as one term of their own.
	groups := c.formGroups(minCount)
	base := func(t string) []int32 {
		if g, ok := groups[t]; ok {
			return g.base
		}
		return tc.base[int(index[t])*strata:][:strata]
	}
	for name, g := range groups {
		terms[name] = &g.stat
		names = append(names, name)
	}
	sort.Strings(names)
	lt := c.newLengthTest()
	p := make([]float64, len(names))
	expected := make([]float64, len(names))
	for i, t := range names {
		p[i], expected[i] = lt.test(terms[t], base(t))
	}
	qv := metrics.BenjaminiHochberg(p)
	// pCut is the largest p-value Benjamini-Hochberg rejects: a term
	// tested again on the complaints outside a stronger phrase
	// (explainedBy) is still significant only at or below it.
	pCut := -1.0
	for i := range p {
		if qv[i] <= q {
			pCut = max(pCut, p[i])
		}
	}
	type cand struct {
		term    string
		p, q    float64
		exp     float64
		members []string
	}
	var sig []cand
	for i, t := range names {
		s := terms[t]
		exp := expected[i]
		if qv[i] <= q && s.a/exp >= minRatio {
			sig = append(sig, cand{term: t, p: p[i], q: qv[i], exp: exp})
		}
	}
	sort.SliceStable(sig, func(i, j int) bool {
		if sig[i].p != sig[j].p {
			return sig[i].p < sig[j].p
		}
		return sig[i].term < sig[j].term
	})
	// Merge overlapping terms into the strongest one. A term joins a
	// cluster only if it overlaps every term of it, the strongest and
	// those joined before: overlapping one of them is no link, or two
	// problems sharing a word chain into one cluster through it ("data
	// cap" and "data breach", no complaint naming both, each at Jaccard
	// 1/2 with "data", TestPhraseMergeNoChain).
	var kept []*cand
	for i := range sig {
		c := &sig[i]
		overlaps := func(t string) bool { return jaccard(terms[t].cur, terms[c.term].cur) >= 0.5 }
		merged := false
		for _, k := range kept {
			if overlaps(k.term) && !slices.ContainsFunc(k.members, func(m string) bool { return !overlaps(m) }) {
				k.members = append(k.members, c.term)
				merged = true
				break
			}
		}
		if !merged {
			kept = append(kept, c)
		}
	}
	// A cluster is named, and counted, by its longest term (the strongest
	// of those as long), all its terms significant: its strongest term
	// may be a word that the complaints of two problems share, which
	// counted the other's complaints in the row ("data breach" counted by
	// "data", with the data cap's complaints: TestPhraseCountsItsLabel).
	// The clusters are taken strongest first by the term they count.
	byTerm := map[string]*cand{}
	for i := range sig {
		byTerm[sig[i].term] = &sig[i]
	}
	// A form group is as long as its longest form: "firestick~", which
	// counts "fire stick" too, names its cluster rather than the pair,
	// whose complaints are some of the group's.
	words := func(t string) int {
		n := len(strings.Fields(t))
		if g, ok := groups[t]; ok {
			for _, m := range g.members {
				n = max(n, len(strings.Fields(tc.name(m))))
			}
		}
		return n
	}
	for i, k := range kept {
		label := k.term
		var others []string
		for _, m := range k.members {
			if words(m) > words(label) {
				others = append(others, label)
				label = m
			} else {
				others = append(others, m)
			}
		}
		l := byTerm[label]
		kept[i] = &cand{term: label, p: l.p, q: l.q, exp: l.exp, members: others}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].p != kept[j].p {
			return kept[i].p < kept[j].p
		}
		return kept[i].term < kept[j].term
	})
	out := make([]Phrase, 0, len(kept))
	// named[i] are the clusters folded into out[i], its own first
	named := make([][]namedCluster, 0, len(kept))
	shown := newSurfaceForms(docs)
	for _, k := range kept {
		s := terms[k.term]
		label := k.term
		merged := slices.Clone(k.members)
		if np, err := longerNounPhrase(docs, s.cur, label); err != nil {
			return nil, err
		} else if np != "" {
			merged = append(merged, label)
			label = np
		}
		// shown as the complaints write them ("wells fargo", not the
		// stems "well fargo"), each merged term by its own complaints
		for i, m := range merged {
			cur := s.cur
			if t, ok := terms[m]; ok {
				cur = t.cur
			}
			merged[i] = shown.of(cur, m)
		}
		// a word's forms counted together are shown as written
		for _, t := range append([]string{k.term}, k.members...) {
			if g, ok := groups[t]; ok {
				for _, m := range g.members {
					merged = append(merged, shown.of(tc.stat[m].cur, tc.name(m)))
				}
			}
		}
		phrase := shown.of(s.cur, label)
		merged = slices.DeleteFunc(merged, func(m string) bool { return m == phrase })
		sort.Strings(merged)
		merged = slices.Compact(merged)
		ph := Phrase{
			Phrase:   phrase,
			Observed: s.a,
			Expected: round(k.exp, 3),
			Ratio:    round(s.a/k.exp, 3),
			PValue:   k.p,
			QValue:   k.q,
			Method:   methodPhrase,
			Merged:   merged,
			Evidence: []string{},
		}
		if label != k.term {
			ph.Counted = shown.of(s.cur, k.term)
			ph.Method += " (statistics of \"" + ph.Counted + "\")"
		}
		for _, i := range s.cur[:min(5, len(s.cur))] {
			ph.Evidence = append(ph.Evidence, docs[i].ID)
		}
		ph.Complaints = make([]DocRef, len(s.cur))
		for j, i := range s.cur {
			ph.Complaints[j] = DocRef{docs[i].Source, docs[i].ID}
		}
		// A cluster folds into a phrase only if it names one problem with
		// every cluster folded into it, as a term joins a cluster above:
		// "data cap" and "data breach" each name one problem with "data"
		// (a label a run of the other's, its complaints among data's),
		// not with each other (TestPhraseMergeNoChain).
		this := namedCluster{term: k.term, label: label, cur: s.cur}
		for _, m := range append([]string{k.term, label}, k.members...) {
			this.words = append(this.words, foldWords(m)...)
		}
		if dup := slices.IndexFunc(named, func(g []namedCluster) bool {
			return !slices.ContainsFunc(g, func(d namedCluster) bool { return !this.sameProblem(d) })
		}); dup >= 0 {
			foldPhrase(&out[dup], ph) // the stronger one stays
			named[dup] = append(named[dup], this)
			continue
		}
		// A cluster whose rise a stronger phrase's complaints make (not
		// significant on the complaints outside them: "last", 4 of its 6
		// complaints those of "keeps rebooting") is that phrase's: its
		// words co-occur with the problem. But a cluster that names a
		// kind of the stronger phrase's counted term ("data breach"
		// beside "data", with "data cap" folded into it) is folded only
		// when that term names the problem (complaints use it as a verb
		// or adjective: "crackling noise" with "crackling"), not when it
		// names a thing that two problems share (a noun: "data"), or the
		// merge would chain (TestPhraseMergeNoChain).
		if dup, err := c.explainedBy(lt, docs, named, k.term, append([]string{label}, k.members...), terms, base, k.exp, pCut, minCount, minRatio); err != nil {
			return nil, err
		} else if dup >= 0 {
			foldPhrase(&out[dup], ph)
			named[dup] = append(named[dup], this)
			continue
		}
		named = append(named, []namedCluster{this})
		out = append(out, ph)
	}
	return out, nil
}

// namedCluster is a cluster of Emerging's terms, named: the term that
// carries its statistics, its label (terms' words, stemmed) and the
// complaints of that term.
type namedCluster struct {
	term, label string
	cur         []int
	words       []string // of its terms and label, folded (foldWords)
}

// sameProblem reports whether clusters c and d name one problem, their
// words folded (foldWords): their terms or their labels the same
// ("throttled", "throttling"), or one label's words a run of the other's
// and most complaints of the smaller cluster in the larger ("unfair
// billing", "unfair billing practices"). The QA pass found both pairs
// listed apart: plurals alone are stemmed, and the complaints that write
// "throttled" are seldom those that write "throttling", nor do half of
// those that say "unfair billing" go on to "practices" (Jaccard < 1/2).
// Labels that merely share a word ("data cap", "data breach") stay apart.
func (c namedCluster) sameProblem(d namedCluster) bool {
	if slices.Equal(foldWords(c.term), foldWords(d.term)) {
		return true
	}
	a, b := foldWords(c.label), foldWords(d.label)
	if len(a) > len(b) {
		a, b = b, a
	}
	if !containsRun(b, a) {
		return false
	}
	return len(a) == len(b) || 2*intersection(c.cur, d.cur) >= min(len(c.cur), len(d.cur))
}

// foldPhrase folds phrase p into the stronger phrase into: p's name, its
// counted term and those merged into it join into's Merged.
func foldPhrase(into *Phrase, p Phrase) {
	add := append([]string{p.Phrase, p.Counted}, p.Merged...)
	for _, m := range add {
		if m != "" && m != into.Phrase && !slices.Contains(into.Merged, m) {
			into.Merged = append(into.Merged, m)
		}
	}
	sort.Strings(into.Merged)
}

// foldWords are the words of term (stemmed as counted) with their -ing or
// -ed and a final e or doubled consonant folded (foldWord).
func foldWords(term string) []string {
	f := strings.Fields(strings.TrimSuffix(term, groupMark))
	for i, w := range f {
		f[i] = foldWord(w)
	}
	return f
}

// foldWord folds an English verb's forms for near-duplicates only (terms
// are counted with plurals folded alone, stem): "-ing" and "-ed" dropped
// when four letters or more are left, then a doubled final consonant but
// l, s or z undoubled (shipp, ship) and a final e dropped when four
// letters or more are left: throttle, throttled, throttling -> throttl;
// charge, charged, charging -> charg; billing -> bill.
func foldWord(w string) string {
	for _, suffix := range []string{"ing", "ed"} {
		if strings.HasSuffix(w, suffix) && len(w)-len(suffix) >= 4 {
			w = w[:len(w)-len(suffix)]
			if n := len(w); w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
				w = w[:n-1]
			}
			break
		}
	}
	if len(w) >= 5 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// intersection is the number of indexes two ascending lists share.
func intersection(a, b []int) int {
	i, j, n := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// lengthTest tests a term's use in the period against the baseline's,
// complaints of like length apart (see strata.go).
type lengthTest struct {
	into    [strata]int // mergeStrata
	stratum []int8      // current document -> its stratum
	n1, n2  []float64   // documents by stratum tested
	a, b    []float64   // a term's, by stratum tested (reused)
	// half is the half document added to a term's baseline count, spread
	// over the strata by their size, so that a term the baseline never
	// used has an expectation above 0: n1 (1/2) / n2 in all.
	half float64
}

func (c *Corpus) newLengthTest() *lengthTest {
	lt := &lengthTest{into: mergeStrata(c.n2s), stratum: c.stratum,
		n1: make([]float64, strata), n2: c.n2s[:],
		a: make([]float64, strata), b: make([]float64, strata),
		half: 0.5 * float64(len(c.current)) / c.n2}
	for _, s := range c.stratum {
		lt.n1[lt.into[s]]++
	}
	return lt
}

// test returns the one-sided p-value of the stratified G2's signed root
// for a term s, base its baseline documents by stratum, and its expected
// number of period complaints at the baseline's rate, length for length:
//
//	sum over strata of n1_s b_s / n2_s, plus half
//
// (a stratum of current documents has baseline ones: mergeStrata).
func (lt *lengthTest) test(s *termStat, base []int32) (p, expected float64) {
	clear(lt.a)
	for _, i := range s.cur {
		lt.a[lt.into[lt.stratum[i]]]++
	}
	for st, n := range base {
		lt.b[st] = float64(n) // a stratum without baseline documents has no uses either
	}
	expected = lt.half
	for st := range strata {
		if lt.n2[st] > 0 {
			expected += lt.n1[st] * lt.b[st] / lt.n2[st]
		}
	}
	g2, up := stratifiedG2(lt.a, lt.b, lt.n1, lt.n2)
	z := math.Sqrt(g2)
	if !up {
		z = -z
	}
	return metrics.NormalSurvival(z), expected
}

// longerNounPhrase returns a noun phrase of prose longer than label that
// contains label's words and is used by at least half of up to 200 of the
// complaints cur (the earliest), or "".
func longerNounPhrase(docs []Doc, cur []int, label string) (string, error) {
	words := strings.Fields(label)
	sample := cur[:min(200, len(cur))]
	count := map[string]int{}
	for _, i := range sample {
		nps, err := NounPhrases(docs[i].Text)
		if err != nil {
			return "", err
		}
		seen := map[string]bool{}
		for _, np := range nps {
			f := strings.Fields(np)
			for j := range f {
				f[j] = stem(f[j])
			}
			np = strings.Join(f, " ")
			if len(f) > len(words) && containsRun(f, words) && !seen[np] {
				seen[np] = true
				count[np]++
			}
		}
	}
	best, bestN := "", 0
	for np, n := range count {
		if n > bestN || (n == bestN && np < best) {
			best, bestN = np, n
		}
	}
	if 2*bestN >= len(sample) && bestN > 0 {
		return best, nil
	}
	return "", nil
}

// surfaceForms shows terms as the complaints write them. It tokenises
// each complaint once, however many terms read it.
type surfaceForms struct {
	docs []Doc
	read map[int]tokenForms // by complaint
}

// tokenForms are a text's tokens and their forms as counted (finalForm).
type tokenForms struct{ toks, forms []string }

func newSurfaceForms(docs []Doc) *surfaceForms {
	return &surfaceForms{docs: docs, read: map[int]tokenForms{}}
}

// of returns term (stemmed words, as counted) as the complaints cur most
// often write it, among up to 200 of them (the earliest): "wells fargo"
// for the term "well fargo", "news" for "new". Ties go to the form first
// in sort order; term itself when none of them writes it.
func (sf *surfaceForms) of(cur []int, term string) string {
	words := strings.Fields(term)
	match := slices.Equal[[]string]
	g, group := strings.CutSuffix(term, groupMark)
	if group {
		// a word's forms: any form of each word (formGroups)
		words = strings.Fields(g)
		match = func(forms, words []string) bool {
			for i, f := range forms {
				if foldWord(f) != words[i] {
					return false
				}
			}
			return true
		}
	}
	count := map[string]int{}
	for _, i := range cur[:min(200, len(cur))] {
		r, ok := sf.read[i]
		if !ok {
			r.toks = Tokens(sf.docs[i].Text)
			r.forms = make([]string, len(r.toks))
			for j, t := range r.toks {
				r.forms[j] = finalForm(t)
			}
			sf.read[i] = r
		}
		toks, forms := r.toks, r.forms
		for j := 0; j+len(words) <= len(forms); j++ {
			if match(forms[j:j+len(words)], words) {
				count[strings.Join(toks[j:j+len(words)], " ")]++
			}
		}
		if group && len(words) == 1 {
			// the word written as a pair ("fire stick" for "firestick~",
			// groupKeys)
			for j := 0; j+1 < len(forms); j++ {
				if content(forms[j]) && content(forms[j+1]) && foldWord(forms[j]+forms[j+1]) == words[0] {
					count[toks[j]+" "+toks[j+1]]++
				}
			}
		}
	}
	best, n := strings.TrimSuffix(term, groupMark), 0
	for f, c := range count {
		if c > n || c == n && f < best {
			best, n = f, c
		}
	}
	return best
}

// containsRun reports whether words occur consecutively in f.
func containsRun(f, words []string) bool {
	for i := 0; i+len(words) <= len(f); i++ {
		ok := true
		for j, w := range words {
			if f[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// jaccard of two sorted index lists.
func jaccard(a, b []int) float64 {
	inter := intersection(a, b)
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// groupMark ends the name of a term that is a word's forms together
// (formGroups): "crackl~" for "crackling" and "crackles".
const groupMark = "~"

// formGroup is a term of Emerging made of terms whose words are forms of
// the same words (foldWords: "crackling", "crackles"; "keeps rebooting",
// "keep rebooted"): its complaints those using any of them, its baseline
// uses the sum of theirs (at most one more per baseline complaint using
// two forms: its expectation is not below the union's).
type formGroup struct {
	stat    termStat
	base    []int32 // by stratum
	members []int32 // term indexes, ascending
}

// formGroups returns the form groups of two or more terms that the current
// complaints use, by name (the words folded, groupMark), with together at
// least minCount current complaints. The QA pass planted 20 complaints
// of a crackling speaker, 4 of which write "crackles": 16 were counted,
// and a defect named in a form of its own by fewer than minCount
// complaints was never tested.
func (c *Corpus) formGroups(minCount float64) map[string]*formGroup {
	tc := c.tc
	out := map[string]*formGroup{}
	for _, ms := range c.groupMembers(minCount) {
		g := &formGroup{members: ms, base: make([]int32, strata)}
		var cur []int
		for _, m := range ms {
			cur = union(cur, tc.stat[m].cur)
			for s, b := range tc.base[int(m)*strata:][:strata] {
				g.base[s] += b
				g.stat.b += float64(b)
			}
		}
		if float64(len(cur)) < minCount {
			continue
		}
		g.stat.cur, g.stat.a = cur, float64(len(cur))
		// named by a word of it, when a pair is written as one too
		// (groupKeys), so that the name reads as one word
		name := tc.name(ms[0])
		if i := slices.IndexFunc(ms, func(m int32) bool { return tc.key[m][1] < 0 }); i >= 0 {
			name = tc.name(ms[i])
		}
		out[strings.Join(foldWords(name), " ")+groupMark] = g
	}
	return out
}

// groupMembers returns the terms of each form group of two or more terms
// the current complaints use whose uses add up to minCount or more, each
// ascending: AddBaselineCounts and Terms need their baseline counts.
func (c *Corpus) groupMembers(minCount float64) [][]int32 {
	keys := c.groupKeys()
	byKey := map[uint64][]int32{}
	for t, k := range keys {
		byKey[k] = append(byKey[k], t)
	}
	var out [][]int32
	for _, ms := range byKey {
		if len(ms) < 2 {
			continue
		}
		sum := 0.0
		for _, m := range ms {
			sum += c.tc.stat[m].a
		}
		if sum >= minCount {
			slices.Sort(ms)
			out = append(out, ms)
		}
	}
	return out
}

// groupKeys returns, for each term the current complaints use one of
// whose words has another form among them (foldWord), the key of its
// words folded: terms of the same key are one word's forms. A pair of
// words whose letters make a word they use is a form of that word.
func (c *Corpus) groupKeys() map[int32]uint64 {
	tc := c.tc
	// fold id of each form the current complaints use; a form whose fold
	// is shared by another is a variant
	foldID := map[string]int32{}
	formFold := make([]int32, len(tc.form))
	forms := make([]int32, len(foldID))
	used := func(w string) bool { // by a current complaint, alone
		f, ok := tc.forms[w]
		t := tc.uni[f]
		return ok && t > 0 && tc.stat[t-1].a > 0
	}
	for f := range tc.form {
		formFold[f] = -1
		if !used(tc.form[f]) {
			continue
		}
		w := foldWord(tc.form[f])
		// a word whose final e foldWord drops is a word of its own where
		// the complaints use the word without it too: "plane" beside
		// "plan" (and "planned", which folds to plan), not one of its
		// forms (TestFormGroupsOwnWord)
		if form := tc.form[f]; w+"e" == form && used(w) {
			w = form
		}
		id, ok := foldID[w]
		if !ok {
			id = int32(len(foldID))
			foldID[w] = id
			forms = append(forms, 0)
		}
		formFold[f] = id
		forms[id]++
	}
	// A pair of words is another form of the word of the same letters
	// that the current complaints write ("fire stick", "firestick"; "wi
	// fi", "wifi"): the QA pass's Alexa reviews listed the two apart, 37
	// and 21 complaints of one device. It is decided here, among the
	// current complaints' words, not when a text's terms are counted: the
	// counts of a period are kept and added to later periods' baselines
	// (CountTerms), before the words of the period judged are known; the
	// baseline counts of both forms are kept, and a form group adds them.
	compound := map[int32]int32{} // bigram term -> fold id of its letters as one word
	for t := range tc.stat {
		if k := tc.key[t]; k[1] >= 0 && tc.stat[t].a > 0 {
			if id, ok := foldID[foldWord(tc.form[k[0]]+tc.form[k[1]])]; ok {
				compound[int32(t)] = id
				forms[id]++
			}
		}
	}
	out := map[int32]uint64{}
	for t := range tc.stat {
		if tc.stat[t].a == 0 {
			continue
		}
		k := tc.key[t]
		f, g := formFold[k[0]], int32(-1)
		if id, ok := compound[int32(t)]; ok {
			f = id // the pair as one word
		} else {
			if f < 0 {
				continue
			}
			if k[1] >= 0 {
				if g = formFold[k[1]]; g < 0 {
					continue
				}
			}
			if forms[f] < 2 && (g < 0 || forms[g] < 2) {
				continue // no word of it has another form
			}
		}
		out[int32(t)] = uint64(uint32(f))<<32 | uint64(uint32(g))
	}
	return out
}

// union of two ascending index lists.
func union(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// explainedBy returns the phrase of named (index into Emerging's phrases,
// strongest first) that the cluster of term (with its label and other
// terms, members; expected its expected complaints) belongs to as a part
// of the problem that phrase names, or -1. The phrase is the one whose
// counted term's complaints explain term's rise (on the period's
// complaints outside them term is not significant: p above pCut, fewer
// than minCount complaints or a ratio under minRatio) and hold most of
// its excess over expected, the nearest (Jaccard) if several do. The
// cluster belongs to it if it shares no word with the phrase's terms, or
// has no word but theirs ("speaker" beside "speaker makes"), or lacks a
// word of the phrase's counted term (another phrase of the same
// complaints: "data leaked" beside "data breach"), or if the complaints
// use a word it shares as a verb or an adjective (the problem itself:
// "crackling noise" beside "crackling") rather than as a noun (a thing
// that several problems share: "data breach" beside "data"); else it is
// a problem of its own.
func (c *Corpus) explainedBy(lt *lengthTest, docs []Doc, named [][]namedCluster, term string, members []string,
	terms map[string]*termStat, base func(string) []int32, expected, pCut, minCount, minRatio float64) (int, error) {
	s := terms[term]
	best, bestJ := -1, 0.0
	for i, g := range named {
		r := g[0]
		if 2*float64(intersection(s.cur, r.cur)) < s.a-expected {
			continue // most of its excess is not r's complaints
		}
		p, exp, a := lt.testOutside(s, base(term), r.cur)
		if a >= minCount && a/exp >= minRatio && p <= pCut {
			continue // a rise of its own beside r's
		}
		if j := jaccard(s.cur, r.cur); best < 0 || j > bestJ {
			best, bestJ = i, j
		}
	}
	if best < 0 {
		return -1, nil
	}
	var words []string // of the phrase's terms
	for _, d := range named[best] {
		words = append(words, d.words...)
	}
	var shared, mine []string // the cluster's words the phrase has; all its words
	for _, m := range append([]string{term}, members...) {
		for _, w := range foldWords(m) {
			if !slices.Contains(mine, w) {
				mine = append(mine, w)
				if slices.Contains(words, w) {
					shared = append(shared, w)
				}
			}
		}
	}
	if len(shared) == 0 || len(shared) == len(mine) {
		return best, nil // no word of the phrase's, or none but its words
	}
	if slices.ContainsFunc(foldWords(named[best][0].term), func(w string) bool { return !slices.Contains(mine, w) }) {
		// not a kind of the term the phrase counts (its words and more):
		// a phrase of the same complaints ("data leaked" beside "data
		// breach")
		return best, nil
	}
	if pred, err := predicateUse(docs, s.cur, shared); err != nil || !pred {
		return -1, err
	}
	return best, nil
}

// testOutside is test of term s on the period's complaints but those of
// out (ascending), against the whole baseline (the few baseline
// complaints of an emerging phrase left in: a little more expected), and
// the complaints of s left.
func (lt *lengthTest) testOutside(s *termStat, base []int32, out []int) (p, expected, a float64) {
	n1 := slices.Clone(lt.n1)
	for _, i := range out {
		n1[lt.into[lt.stratum[i]]]--
	}
	as := make([]float64, len(lt.a))
	j := 0
	for _, i := range s.cur {
		for j < len(out) && out[j] < i {
			j++
		}
		if j < len(out) && out[j] == i {
			continue
		}
		as[lt.into[lt.stratum[i]]]++
		a++
	}
	b := make([]float64, len(base))
	var total float64
	for st, n := range base {
		b[st] = float64(n)
	}
	for st := range n1 {
		total += n1[st]
	}
	expected = lt.half * total / float64(len(lt.stratum))
	for st := range strata {
		if lt.n2[st] > 0 {
			expected += n1[st] * b[st] / lt.n2[st]
		}
	}
	g2, up := stratifiedG2(as, b, n1, lt.n2)
	z := math.Sqrt(g2)
	if !up {
		z = -z
	}
	return metrics.NormalSurvival(z), expected, a
}

// predicateUse reports whether up to 200 of the complaints cur (the
// earliest) use one of the words (folded, foldWord) more often as a verb
// or an adjective than as a noun, by prose's part-of-speech tags (VB*,
// JJ* against NN*).
func predicateUse(docs []Doc, cur []int, words []string) (bool, error) {
	model, err := taggerModel()
	if err != nil {
		return false, err
	}
	pred, noun := make([]int, len(words)), make([]int, len(words))
	for _, i := range cur[:min(200, len(cur))] {
		doc, err := prose.NewDocument(owntext.Of(docs[i].Text), prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(model))
		if err != nil {
			return false, err
		}
		for _, tok := range doc.Tokens() {
			w := slices.Index(words, foldWord(finalForm(strings.ToLower(tok.Text))))
			if w < 0 {
				continue
			}
			switch {
			case strings.HasPrefix(tok.Tag, "VB"), strings.HasPrefix(tok.Tag, "JJ"):
				pred[w]++
			case strings.HasPrefix(tok.Tag, "NN"):
				noun[w]++
			}
		}
	}
	for w := range words {
		if pred[w] > noun[w] {
			return true, nil
		}
	}
	return false, nil
}
