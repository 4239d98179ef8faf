package classify

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// literalFilter is a cheap necessary condition for a regular expression to
// match somewhere in a text: every match contains, for each set, at least
// one of the set's strings. A text that lacks all the strings of some set
// cannot match, and the expression need not run. It is the idea of Russ
// Cox's trigram index for code search ("Regular Expression Matching with a
// Trigram Index", 2012), with whole literals in place of trigrams.
type literalFilter []literalSet

// literalSet is one set of a literalFilter. A large set is looked for in
// one pass over the text: byFirst lists its strings by first byte.
type literalSet struct {
	lits    []string
	byFirst *[256][]string // nil for a small set
	first   [4]uint64      // bit c set when some string starts with byte c
}

// scanSetOver is the size from which a set is looked for in one pass
// rather than with one strings.Contains per string.
const scanSetOver = 4

func newLiteralSet(lits []string) literalSet {
	ls := literalSet{lits: lits}
	if len(lits) > scanSetOver && minLen(lits) >= 3 {
		ls.byFirst = new([256][]string)
		for _, l := range lits {
			ls.byFirst[l[0]] = append(ls.byFirst[l[0]], l)
			ls.first[l[0]>>6] |= 1 << (l[0] & 63)
		}
	}
	return ls
}

// in reports whether s contains one of the set's strings.
func (ls *literalSet) in(s string) bool {
	if ls.byFirst == nil {
		for _, lit := range ls.lits {
			if strings.Contains(s, lit) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(s); i++ {
		// most bytes start none of the strings: a bit test, not a list
		if c := s[i]; ls.first[c>>6]&(1<<(c&63)) == 0 {
			continue
		}
		rest := s[i:]
		for _, lit := range ls.byFirst[s[i]] {
			// every string has three bytes or more (newLiteralSet): the
			// second and third decide most candidates without a compare
			if len(rest) >= len(lit) && rest[1] == lit[1] && rest[2] == lit[2] && rest[:len(lit)] == lit {
				return true
			}
		}
	}
	return false
}

// mayMatch reports whether s passes the filter: false means the expression
// has no match in s.
func (f literalFilter) mayMatch(s string) bool {
	for i := range f {
		if !f[i].in(s) {
			return false
		}
	}
	return true
}

// Limits of the analysis: larger sets of exact strings are given up (the
// node then only contributes what it requires), and sets whose shortest
// string is shorter than minFilterLit are not worth testing (one or two
// letters are in nearly every text). An alternation is turned into at most
// maxAltProduct required sets, of which the maxAltSets smallest are kept.
const (
	maxExactSet   = 256
	maxAltSets    = 16
	maxAltProduct = 4096
	minFilterLit  = 3
)

// newLiteralFilter derives the filter of re from its syntax tree. It is
// exact in one direction only: a text that fails the filter has no match;
// a text that passes may have none either.
func newLiteralFilter(re *regexp.Regexp) literalFilter {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic("classify: reparse " + re.String() + ": " + err.Error())
	}
	info := literalsOf(t)
	req := info.req
	if info.exact != nil {
		req = addSet(req, info.exact)
	}
	var sets [][]string
	for _, set := range req {
		if minLen(set) >= minFilterLit {
			sets = append(sets, set)
		}
	}
	// the sets with the longest strings first: they fail most often
	slices.SortStableFunc(sets, func(a, b []string) int { return minLen(b) - minLen(a) })
	var f literalFilter
	for _, set := range sets {
		f = append(f, newLiteralSet(set))
	}
	return f
}

// literalInfo is what a syntax node tells about its matches: the set of
// every string it matches, when that set is known and small (exact != nil),
// and sets of strings one of which each match contains.
type literalInfo struct {
	exact []string
	req   [][]string
}

var emptyOnly = []string{""}

func literalsOf(re *syntax.Regexp) literalInfo {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return literalInfo{}
		}
		return literalInfo{exact: []string{string(re.Rune)}}
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase != 0 {
			return literalInfo{}
		}
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= 8 || len(set) > 8 {
				return literalInfo{}
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set = append(set, string(r))
			}
		}
		if len(set) == 0 || len(set) > 8 {
			return literalInfo{}
		}
		return literalInfo{exact: set}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return literalInfo{exact: emptyOnly}
	case syntax.OpCapture:
		return literalsOf(re.Sub[0])
	case syntax.OpQuest:
		sub := literalsOf(re.Sub[0])
		if sub.exact != nil && len(sub.exact) < maxExactSet {
			return literalInfo{exact: dedupe(append(slices.Clone(sub.exact), ""))}
		}
		return literalInfo{}
	case syntax.OpPlus:
		return literalsOf(re.Sub[0]).required()
	case syntax.OpRepeat:
		if re.Min == 0 {
			return literalInfo{}
		}
		return literalsOf(re.Sub[0]).required()
	case syntax.OpConcat:
		cur := emptyOnly
		var req [][]string
		exact := true
		for _, sub := range re.Sub {
			si := literalsOf(sub)
			req = append(req, si.req...)
			switch {
			case si.exact != nil && len(cur)*len(si.exact) <= maxExactSet:
				cur = cross(cur, si.exact)
			case si.exact != nil:
				req = addSet(req, cur)
				cur = si.exact
				exact = false
			default:
				req = addSet(req, cur)
				cur = emptyOnly
				exact = false
			}
		}
		if exact {
			return literalInfo{exact: cur, req: req}
		}
		return literalInfo{req: addSet(req, cur)}
	case syntax.OpAlternate:
		subs := make([]literalInfo, len(re.Sub))
		n, allExact := 0, true
		for i, sub := range re.Sub {
			subs[i] = literalsOf(sub)
			allExact = allExact && subs[i].exact != nil
			n += len(subs[i].exact)
		}
		if allExact && n <= maxExactSet {
			var set []string
			for _, si := range subs {
				set = append(set, si.exact...)
			}
			return literalInfo{exact: dedupe(set)}
		}
		// (A1 and A2) or (B1 and B2) requires A1|B1, A1|B2, A2|B1 and
		// A2|B2: distribute while that stays small, else keep each
		// branch's most telling set. A branch that requires nothing
		// makes the alternation require nothing.
		cnf := [][]string{nil}
		for _, si := range subs {
			var sets [][]string
			for _, set := range si.required().req {
				if minLen(set) >= minFilterLit { // short sets would make every product short
					sets = append(sets, set)
				}
			}
			if len(sets) == 0 {
				return literalInfo{}
			}
			if len(cnf)*len(sets) > maxAltProduct {
				cnf = nil
				break
			}
			var next [][]string
			for _, c := range cnf {
				for _, set := range sets {
					next = append(next, append(slices.Clone(c), set...))
				}
			}
			cnf = next
		}
		if cnf != nil {
			for i := range cnf {
				cnf[i] = minimise(cnf[i])
			}
			// any of the sets is required; the smallest say most
			slices.SortStableFunc(cnf, func(a, b []string) int { return len(a) - len(b) })
			return literalInfo{req: cnf[:min(len(cnf), maxAltSets)]}
		}
		var set []string
		for _, si := range subs {
			best := si.best()
			if best == nil {
				return literalInfo{}
			}
			set = append(set, best...)
		}
		return literalInfo{req: [][]string{minimise(set)}}
	}
	// OpAnyChar, OpAnyCharNotNL, OpStar, OpNoMatch: nothing known
	return literalInfo{}
}

// required turns what a node tells into what one or more repetitions of it
// require (the exact strings become one required set).
func (li literalInfo) required() literalInfo {
	req := li.req
	if li.exact != nil {
		req = addSet(slices.Clone(req), li.exact)
	}
	return literalInfo{req: req}
}

// best is the set of li most worth testing: the one whose shortest string
// is longest; nil when li requires nothing.
func (li literalInfo) best() []string {
	var best []string
	cands := li.req
	if li.exact != nil {
		cands = append(slices.Clone(cands), li.exact)
	}
	for _, set := range cands {
		if slices.Contains(set, "") {
			continue
		}
		if best == nil || minLen(set) > minLen(best) {
			best = set
		}
	}
	return best
}

// addSet adds set to req unless it holds the empty string (which every
// text contains).
func addSet(req [][]string, set []string) [][]string {
	if len(set) == 0 || slices.Contains(set, "") {
		return req
	}
	return append(req, minimise(set))
}

// minimise drops the strings of set that contain another of its strings:
// a text holding the longer holds the shorter.
func minimise(set []string) []string {
	set = dedupe(set)
	var out []string
	for _, s := range set {
		redundant := false
		for _, t := range set {
			if t != s && strings.Contains(s, t) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, s)
		}
	}
	return out
}

func dedupe(set []string) []string {
	set = slices.Clone(set)
	slices.Sort(set)
	return slices.Compact(set)
}

func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

func minLen(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// matchStarts is where every match of an expression begins: at a word
// start (the expression opens with \b and a word byte) that holds one of a
// set of strings. An expression is tried at each such place, anchored,
// instead of at every byte of the text, where the backtracking matcher
// spends most of its time on places no match can start.
type matchStarts struct {
	byFirst  [256][]string
	anchored *regexp.Regexp // ^(?:expression): the same groups, matched at the start only
}

// newMatchStarts derives the starts of re's matches from its syntax tree;
// nil when they are not known (the expression is then run as it is).
func newMatchStarts(re *regexp.Regexp) *matchStarts {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic("classify: reparse " + re.String() + ": " + err.Error())
	}
	if !opensWithWordBoundary(t) || hasTextAnchor(t) {
		return nil
	}
	pre, ok := prefixesOf(t)
	if !ok {
		return nil
	}
	ms := &matchStarts{anchored: regexp.MustCompile(`^(?:` + re.String() + `)`)}
	for _, p := range dedupe(pre) {
		// a word byte after \b: the byte before the match is not one
		if p == "" || !isREWordByte(p[0]) {
			return nil
		}
		ms.byFirst[p[0]] = append(ms.byFirst[p[0]], p)
	}
	return ms
}

// isREWordByte is \b's word byte (ASCII letters, digits and underscore).
func isREWordByte(c byte) bool { return c == '_' || wordBytes[c] }

// opensWithWordBoundary reports whether every match of t is preceded by \b
// at its start.
func opensWithWordBoundary(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return opensWithWordBoundary(t.Sub[0])
	case syntax.OpConcat:
		return len(t.Sub) > 0 && opensWithWordBoundary(t.Sub[0])
	}
	return false
}

// hasTextAnchor reports whether t asserts the start or end of the text or
// a line, which running it on the text from a later start would change.
func hasTextAnchor(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	for _, sub := range t.Sub {
		if hasTextAnchor(sub) {
			return true
		}
	}
	return false
}

// prefix is the start of a match of a syntax node: the whole match when
// whole, else only its first bytes.
type prefix struct {
	s     string
	whole bool
}

// Bounds of the prefix analysis: sets are kept to maxPrefixes strings of
// at most maxPrefixLen bytes by cutting the strings shorter (a shorter
// prefix is still a prefix).
const (
	maxPrefixes  = 256
	maxPrefixLen = 16
)

// prefixesOf returns strings one of which every match of t begins with
// (false when t can match the empty string or its starts are not known).
func prefixesOf(t *syntax.Regexp) ([]string, bool) {
	var out []string
	for _, p := range prefixesOfNode(t) {
		// up to the first white space: \s+ would list every kind of it
		if i := strings.IndexAny(p.s, " \t\n\f\r"); i >= 0 {
			p.s = p.s[:i]
		}
		if p.s == "" {
			return nil, false
		}
		out = append(out, p.s)
	}
	// a string that begins with another adds nothing (sorted, the other
	// comes first)
	var kept []string
	for _, s := range dedupe(out) {
		if !slices.ContainsFunc(kept, func(p string) bool { return strings.HasPrefix(s, p) }) {
			kept = append(kept, s)
		}
	}
	return kept, len(kept) > 0
}

var emptyPrefix = []prefix{{"", true}}

func prefixesOfNode(t *syntax.Regexp) []prefix {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return []prefix{{}}
		}
		return []prefix{{string(t.Rune), true}}
	case syntax.OpCharClass:
		li := literalsOf(t)
		if li.exact == nil {
			return []prefix{{}}
		}
		var ps []prefix
		for _, c := range li.exact {
			ps = append(ps, prefix{c, true})
		}
		return ps
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return emptyPrefix
	case syntax.OpCapture:
		return prefixesOfNode(t.Sub[0])
	case syntax.OpPlus:
		return partial(prefixesOfNode(t.Sub[0]))
	case syntax.OpQuest:
		return append(slices.Clone(prefixesOfNode(t.Sub[0])), emptyPrefix...)
	case syntax.OpStar:
		return append(partial(prefixesOfNode(t.Sub[0])), emptyPrefix...)
	case syntax.OpRepeat:
		ps := partial(prefixesOfNode(t.Sub[0]))
		if t.Min == 0 {
			ps = append(ps, emptyPrefix...)
		}
		return ps
	case syntax.OpConcat:
		return prefixesOfSeq(t.Sub)
	case syntax.OpAlternate:
		var ps []prefix
		for _, sub := range t.Sub {
			ps = append(ps, prefixesOfNode(sub)...)
		}
		return boundPrefixes(ps)
	}
	return []prefix{{}} // nothing known
}

// prefixesOfSeq is prefixesOfNode of a concatenation: a whole match of its
// first node is followed by a match of the rest.
func prefixesOfSeq(subs []*syntax.Regexp) []prefix {
	if len(subs) == 0 {
		return emptyPrefix
	}
	var ps, rest []prefix
	for _, p := range prefixesOfNode(subs[0]) {
		if !p.whole {
			ps = append(ps, p)
			continue
		}
		if rest == nil {
			rest = prefixesOfSeq(subs[1:])
		}
		for _, q := range rest {
			ps = append(ps, prefix{p.s + q.s, q.whole})
		}
	}
	return boundPrefixes(ps)
}

// partial marks every prefix as only the start of a match.
func partial(ps []prefix) []prefix {
	out := make([]prefix, len(ps))
	for i, p := range ps {
		out[i] = prefix{p.s, false}
	}
	return out
}

// boundPrefixes removes duplicates and cuts the strings shorter until the
// set is within maxPrefixes strings of maxPrefixLen bytes.
func boundPrefixes(ps []prefix) []prefix {
	for n := maxPrefixLen; ; n-- {
		seen := map[prefix]bool{}
		var out []prefix
		for _, p := range ps {
			if len(p.s) > n {
				p = prefix{p.s[:n], false}
			}
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		if len(out) <= maxPrefixes || n == 0 {
			return out
		}
	}
}

// next returns the first place at or after i where a match can start in
// s, or -1.
func (ms *matchStarts) next(s string, i int) int {
	for ; i < len(s); i++ {
		if i > 0 && isREWordByte(s[i-1]) {
			continue
		}
		for _, p := range ms.byFirst[s[i]] {
			if strings.HasPrefix(s[i:], p) {
				return i
			}
		}
	}
	return -1
}

// eachMatch calls yield with every match of re in s (with its groups), as
// re.FindAllStringSubmatchIndex(s, -1) returns them, until yield returns
// false. ms are the starts of re's matches (nil: not known); with them,
// from is where the first can start (ms.next(s, 0)), else 0.
func eachMatch(re *regexp.Regexp, ms *matchStarts, s string, from int, yield func(m []int) bool) {
	if ms == nil {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if !yield(m) {
				return
			}
		}
		return
	}
	// The leftmost match is the one anchored at the first start where the
	// expression matches; the next is looked for from its end, as
	// FindAll does (no match is empty: every one holds a prefix).
	for i := from; i >= 0 && i < len(s); i = ms.next(s, i+1) {
		m := ms.anchored.FindStringSubmatchIndex(s[i:])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		if !yield(m) {
			return
		}
		i = m[1] - 1
	}
}
