package classify

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/agnivade/levenshtein"
	"gopkg.in/yaml.v3"

	"github.com/complaints/complaints/internal/yamlerr"
)

//go:embed default_taxonomy.yaml
var defaultTaxonomyYAML []byte

// TopicOther is the topic of a text that no phrase (or model) covers.
const TopicOther = "other"

// Topic is one entry of a taxonomy.
type Topic struct {
	Name       string   `yaml:"name"`
	Label      string   `yaml:"label"`
	Parent     string   `yaml:"parent"`
	Department string   `yaml:"department"`
	Aliases    []string `yaml:"aliases"`
	Weight     float64  `yaml:"weight"` // multiplies the topic's phrase scores; 0 means 1
	Phrases    []string `yaml:"phrases"`
	// KeepNegated: a negation before one of the topic's phrases, or a
	// fault of it denied (faultDenied), does not cancel it. For topics
	// whose phrases name what the complaint is about rather than a fault:
	// "no refund", "cannot log in", "never got a bill" are complaints about
	// refunds, access and billing, where "not broken" is no defect.
	KeepNegated YAMLBool `yaml:"keep_negated"`
}

// YAMLBool is a truth value of a YAML file: true or false, yes or no, on
// or off, in any case, written with quotes or without. (yaml.v3 read "yes"
// with quotes and refused "true" with them.)
type YAMLBool bool

// UnmarshalYAML reads a truth value, refusing anything else with its line.
func (b *YAMLBool) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on", "y":
			*b = true
			return nil
		case "false", "no", "off", "n":
			*b = false
			return nil
		}
	}
	kind := map[yaml.Kind]string{yaml.ScalarNode: "str", yaml.SequenceNode: "seq", yaml.MappingNode: "map"}[n.Kind]
	if kind == "str" {
		// in yaml.v3's words, for yamlerr.Message to put in the file's
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: cannot unmarshal !!str `%s` into bool", n.Line, n.Value)}}
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: cannot unmarshal !!%s into bool", n.Line, kind)}}
}

// Taxonomy is a set of topics with the phrases that signal them and the
// department each routes to.
type Taxonomy struct {
	Version           int     `yaml:"version"`
	DefaultDepartment string  `yaml:"default_department"`
	Topics            []Topic `yaml:"topics"`

	index  map[string][]phrase // first stem -> phrases starting with it
	byKey  map[string]int      // lower-cased name, label or alias -> topic
	source []byte              // the YAML it was parsed from (ParseTaxonomy)
	// warnings are ParseTaxonomy's, each with its line (Warnings)
	warnings []string
}

// Source is the YAML the taxonomy was parsed from.
func (t *Taxonomy) Source() []byte { return t.source }

// phrase is a taxonomy phrase as a sequence of stems.
type phrase struct {
	stems []string
	topic int
	text  string
}

// DefaultTaxonomy returns the embedded default taxonomy.
func DefaultTaxonomy() *Taxonomy {
	t, err := ParseTaxonomy(defaultTaxonomyYAML)
	if err != nil {
		panic("classify: default taxonomy: " + err.Error())
	}
	return t
}

// LoadTaxonomy reads a taxonomy YAML file.
func LoadTaxonomy(path string) (*Taxonomy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy: %w", err)
	}
	t, err := ParseTaxonomy(b)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy %s: %w", path, err)
	}
	return t, nil
}

// ParseTaxonomy parses and validates taxonomy YAML: topic names, labels
// and aliases must each name one topic and not be "other" (in any case),
// parents must name topics or be group names (of a topic with a department
// of its own, and like no topic's name) and never lead back to the topic,
// every topic needs at least one phrase, and a phrase needs a word that is
// not a common one. Each error names the line of the offending node. A
// phrase of two topics is accepted with a warning (Warnings).
func ParseTaxonomy(b []byte) (*Taxonomy, error) {
	var t Taxonomy
	// The nodes of the document, for the lines of the errors about what
	// it means (the decoding below reports its own); a syntax error is
	// found here, and named by its line (syntaxLine).
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		msg := yamlerr.Message(err)
		msg = strings.TrimPrefix(msg, yamlLine.FindString(msg))
		return nil, fmt.Errorf("parse taxonomy: line %d: %s", syntaxLine(b), msg)
	}
	// Unknown keys are errors: a misspelt "departmnet" or "phrasez"
	// was ignored, and the topic's complaints went to the default
	// department, or the topic was said to have no phrases.
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("parse taxonomy: no topics")
		}
		return nil, fmt.Errorf("parse taxonomy: %s", yamlerr.Message(err))
	}
	t.source = b
	if len(t.Topics) == 0 {
		return nil, fmt.Errorf("parse taxonomy: no topics")
	}
	lineOf := func(path ...any) int { return yamlerr.Line(&root, path...) }
	fail := func(line int, format string, args ...any) error {
		if line > 0 {
			format = fmt.Sprintf("line %d: ", line) + format
		}
		return fmt.Errorf("parse taxonomy: "+format, args...)
	}
	// What is left out is filled in, and said: each was silent, and a
	// taxonomy without a default department sent topic other to a
	// "Customer Service" its company did not have (QA pass BC).
	if yamlerr.Find(&root, "version") == nil {
		t.warnings = append(t.warnings, "no version: the classifications name the taxonomy at version 0 (@0); give it a version, and a new one when its topics or phrases change")
	}
	if t.DefaultDepartment == "" {
		t.DefaultDepartment = "Customer Service"
		t.warnings = append(t.warnings, fmt.Sprintf("no default_department: topic other, and any topic without a department, goes to %q", t.DefaultDepartment))
	}
	t.index = map[string][]phrase{}
	t.byKey = map[string]int{}
	keyLine := map[string]int{}     // lower-cased key -> the line it is given on
	phraseAt := map[string][2]int{} // stems -> topic, line of its first phrase
	for i, tp := range t.Topics {
		at := func(path ...any) int { return lineOf(append([]any{"topics", i}, path...)...) }
		if strings.TrimSpace(tp.Name) == "" {
			return nil, fail(at("name"), "topic %d has no name", i+1)
		}
		if strings.EqualFold(tp.Name, TopicOther) {
			return nil, fail(at("name"), "topic %d: name %q is reserved", i+1, tp.Name)
		}
		if j, dup := t.byKey[strings.ToLower(tp.Name)]; dup {
			first := keyLine[strings.ToLower(tp.Name)]
			switch {
			case t.Topics[j].Name == tp.Name:
				return nil, fail(at("name"), "topic %q defined twice (first at line %d)", tp.Name, first)
			case strings.EqualFold(t.Topics[j].Name, tp.Name):
				return nil, fail(at("name"), "topic %q: its name is that of topic %q (line %d) in other case; names are read without case", tp.Name, t.Topics[j].Name, first)
			}
			return nil, fail(at("name"), "topic %q: its name is a label or alias of topic %q (line %d)", tp.Name, t.Topics[j].Name, first)
		}
		if len(tp.Phrases) == 0 {
			return nil, fail(at("phrases"), "topic %q has no phrases", tp.Name)
		}
		if tp.Weight < 0 {
			return nil, fail(at("weight"), "topic %q: negative weight", tp.Name)
		}
		if tp.Weight == 0 {
			// left out, it is 1; written as 0 it was read as 1 all the
			// same, and the topic won texts it was meant not to
			if yamlerr.Find(&root, "topics", i, "weight") != nil {
				return nil, fail(at("weight"), "topic %q: weight 0 would be read as 1, the default: give a positive weight, or leave the key out", tp.Name)
			}
			t.Topics[i].Weight = 1
		}
		// Names, labels and aliases are looked up without case: one that
		// named two topics, or "other", would route one topic's
		// complaints to another's department.
		keys := []string{tp.Name, tp.Label}
		paths := [][]any{{"name"}, {"label"}}
		for j, a := range tp.Aliases {
			keys, paths = append(keys, a), append(paths, []any{"aliases", j})
		}
		for n, k := range keys {
			if k == "" {
				continue
			}
			line := at(paths[n]...)
			if strings.EqualFold(k, TopicOther) {
				return nil, fail(line, "topic %q: label or alias %q is reserved", tp.Name, k)
			}
			if j, taken := t.byKey[strings.ToLower(k)]; taken && j != i {
				return nil, fail(line, "topic %q: label or alias %q already names topic %q (line %d)", tp.Name, k, t.Topics[j].Name, keyLine[strings.ToLower(k)])
			}
			if _, taken := t.byKey[strings.ToLower(k)]; !taken {
				keyLine[strings.ToLower(k)] = line
			}
			t.byKey[strings.ToLower(k)] = i
		}
		for j, p := range tp.Phrases {
			line := at("phrases", j)
			toks := tokenize(p, nil)
			if len(toks) == 0 {
				return nil, fail(line, "topic %q: phrase %q has no words", tp.Name, p)
			}
			stems := make([]string, len(toks))
			common := true
			for k, tk := range toks {
				stems[k] = stem(tk.lower)
				common = common && commonWords[tk.lower]
			}
			// "a" matched nearly every text, and the topic with it
			if common {
				return nil, fail(line, "topic %q: phrase %q is only common words, found in nearly every text", tp.Name, p)
			}
			key := strings.Join(stems, " ")
			if first, ok := phraseAt[key]; !ok {
				phraseAt[key] = [2]int{i, line}
			} else if first[0] != i {
				// the matcher gives a phrase to the topic listed first
				t.warnings = append(t.warnings, fmt.Sprintf("line %d: topic %q: phrase %q is a phrase of topic %q too (line %d), which is listed first and takes every match of it",
					line, tp.Name, p, t.Topics[first[0]].Name, first[1]))
			}
			t.index[stems[0]] = append(t.index[stems[0]], phrase{stems: stems, topic: i, text: p})
		}
	}
	for i := range t.Topics {
		if err := t.checkParent(i, lineOf("topics", i, "parent")); err != nil {
			return nil, fail(lineOf("topics", i, "parent"), "%s", err)
		}
	}
	for i, tp := range t.Topics {
		if _, ok := t.OwnDepartment(tp.Name); !ok {
			t.warnings = append(t.warnings, fmt.Sprintf("line %d: topic %q has no department, nor a parent with one: it goes to the default department %q",
				lineOf("topics", i, "name"), tp.Name, t.DefaultDepartment))
		}
	}
	return &t, nil
}

// yamlLine is the line yaml.v3 begins an error's text with.
var yamlLine = regexp.MustCompile(`^line \d+: `)

// syntaxLine returns the line of the YAML syntax error of b, counted from
// 1: the first line from which on no part of b cut at a line's end parses
// (a part cut inside a list written over two lines fails, where the part
// that closes it parses). yaml.v3 names the line where the construct
// around the problem began instead, counted from 0 for its parser's
// errors and from 1 for its scanner's: an unclosed "[" on line 6 was
// "line 5", a tab in the indentation of line 5, after a value on line 4,
// "line 4" (QA pass BC). Only an error's path reads b more than once.
func syntaxLine(b []byte) int {
	starts := []int{0} // where each line begins
	for i, c := range b {
		if c == '\n' && i+1 < len(b) {
			starts = append(starts, i+1)
		}
	}
	for n := len(starts); n > 1; n-- {
		var node yaml.Node
		if yaml.Unmarshal(b[:starts[n-1]], &node) == nil {
			return n
		}
	}
	return 1
}

// checkParent refuses a topic's parent that leads back to it, or that
// names no topic when that looks like a mistake: a near miss of a topic's
// name, label or alias (a typo), or the parent of a topic without a
// department of its own, which would go to the default department either
// way. Each left the topic with the default department, silently. A group
// name of a topic with a department (the default taxonomy's "billing" and
// "financial") routes nothing and is allowed.
func (t *Taxonomy) checkParent(i int, line int) error {
	tp := t.Topics[i]
	if tp.Parent == "" {
		return nil
	}
	if _, ok := t.byKey[strings.ToLower(tp.Parent)]; !ok {
		if near := t.nearestKey(tp.Parent, i); near != "" {
			return fmt.Errorf("topic %q: parent %q names no topic; did you mean %q?", tp.Name, tp.Parent, near)
		}
		if tp.Department == "" {
			return fmt.Errorf("topic %q: parent %q names no topic, and the topic has no department of its own: its complaints would go to the default department %q; name a topic as its parent, or give it a department",
				tp.Name, tp.Parent, t.DefaultDepartment)
		}
		return nil
	}
	seen := map[int]bool{i: true}
	for p, ok := t.byKey[strings.ToLower(tp.Parent)]; ok; p, ok = t.byKey[strings.ToLower(t.Topics[p].Parent)] {
		if seen[p] {
			return fmt.Errorf("topic %q: its parents lead back to topic %q", tp.Name, t.Topics[p].Name)
		}
		seen[p] = true
	}
	return nil
}

// nearestKey returns the name, label or alias of a topic other than topic
// not closest to s, as written, when it is a near miss: at most one edit
// away (two for words of more than five letters), an edit being a letter
// added, dropped or changed (Levenshtein: two letters swapped are two).
// Empty when there is none.
func (t *Taxonomy) nearestKey(s string, not int) string {
	ls := strings.ToLower(s)
	limit := 1
	if len([]rune(ls)) > 5 {
		limit = 2
	}
	best, bestD := "", limit+1
	for i, tp := range t.Topics {
		for _, k := range append([]string{tp.Name, tp.Label}, tp.Aliases...) {
			if k == "" || i == not || t.byKey[strings.ToLower(k)] != i {
				continue
			}
			if d := levenshtein.ComputeDistance(ls, strings.ToLower(k)); d < bestD {
				best, bestD = k, d
			}
		}
	}
	return best
}

// commonWords are words a phrase needs one besides: English function
// words (englishFunctionWords) and the articles, pronouns and particles
// they leave out. A phrase of these only ("a", "the") matched nearly every
// text.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range englishFunctionWords {
		m[w] = true
	}
	for _, w := range strings.Fields("a or as if so by do does did am he she him her his us our its me") {
		m[w] = true
	}
	return m
}()

// Warnings are what ParseTaxonomy found doubtful but accepted, each with
// its line where it has one: a phrase of two topics, which only the first
// listed can match; no version; no default department; a topic without a
// department of its own or a parent's.
func (t *Taxonomy) Warnings() []string { return t.warnings }

// Department returns the department a topic routes to: its own, else its
// parent's, else the taxonomy's default. Unknown topics and "other" go to
// the default department, so every complaint has an owner.
func (t *Taxonomy) Department(topic string) string {
	if d, ok := t.OwnDepartment(topic); ok {
		return d
	}
	return t.DefaultDepartment
}

// OwnDepartment returns the department a topic (a name, label or alias)
// routes to by the taxonomy's topics, its own or a parent's, and false
// when none does (Department then gives the default department).
func (t *Taxonomy) OwnDepartment(topic string) (string, bool) {
	i, ok := t.byKey[strings.ToLower(topic)]
	for hops := 0; ok && hops < 8; hops++ {
		tp := t.Topics[i]
		if tp.Department != "" {
			return tp.Department, true
		}
		i, ok = t.byKey[strings.ToLower(tp.Parent)]
	}
	return "", false
}

// Lookup returns the topic name for a name, label or alias ("Debt
// collection" -> "debt_collection"), case-insensitively.
func (t *Taxonomy) Lookup(key string) (string, bool) {
	i, ok := t.byKey[strings.ToLower(strings.TrimSpace(key))]
	if !ok {
		return "", false
	}
	return t.Topics[i].Name, true
}

// TopicMatch is the outcome of matching a text against a taxonomy.
type TopicMatch struct {
	Topic      string
	Confidence float64 // 0..1
	Phrase     string  // the best topic's first matched phrase, as written in the taxonomy
}

// negators are words that cancel a phrase starting within the next three
// words ("not broken"; "never received" stays a phrase of its own), unless
// its topic keeps negated phrases (Topic.KeepNegated); negatingSubjects
// are negators only before some verbs.
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "nor": true, "isn't": true, "wasn't": true,
	"aren't": true, "weren't": true, "don't": true, "doesn't": true, "didn't": true, "won't": true,
	"haven't": true, "hasn't": true, "hadn't": true, "can't": true, "cannot": true, "couldn't": true,
	"wouldn't": true, "shouldn't": true, "n't": true,
	// the same written without the apostrophe, as often in short texts
	"isnt": true, "wasnt": true, "arent": true, "werent": true, "dont": true, "doesnt": true, "didnt": true,
	"wont": true, "havent": true, "hasnt": true, "hadnt": true, "cant": true, "couldnt": true,
	"wouldnt": true, "shouldnt": true,
}

// negatingSubjects (by stem) are "nothing", "nobody", "none" and
// "neither", which negate what follows as the subject of a verb of being
// or having (subjectVerbs): "nothing is broken" was a defect (QA pass BC).
// Elsewhere they negate nothing that follows: as negators everywhere they
// changed 7 topics among the shared data sets' 23,363 texts, none of
// those read for the better ("you know nothing about customer service"
// and "treated like a nobody by staff" lost staff_behaviour, "late fees
// none towards principal" became pricing_fees); this way, none.
var negatingSubjects, subjectVerbs = stemSet("nothing nobody none neither"),
	stemSet("is was are were be been has had have seems seemed looks looked appears appeared")

func stemSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[stem(w)] = true
	}
	return m
}

// negationScoped reports whether a negator among the three words before
// facts[i] negates it: one in the same clause (no sentence end, comma,
// semicolon or colon between them: "Not happy. Broken speaker.", "No, it
// is broken" are defects) that is not "not just" or "not only" ("not just
// broken" is broken, and more), or a negating subject before its verb
// ("nothing is broken"). toks are the tokens of text the facts are of.
func negationScoped(facts []*wordFacts, i int, text string, toks []token) bool {
	for k := i - 1; k >= max(0, i-3); k-- {
		if k+1 < len(toks) && clauseBreak(text[toks[k].end:toks[k+1].start]) {
			return false // this negator and any before it are in another clause
		}
		if k+1 < i && negatingSubjects[facts[k].stem] && subjectVerbs[facts[k+1].stem] {
			return true
		}
		if !facts[k].negator {
			continue
		}
		if facts[k].stem == "not" && k+1 < i && (facts[k+1].stem == "just" || facts[k+1].stem == "only") {
			continue
		}
		return true
	}
	return false
}

// The words that deny a fault of a phrase, by stem (faultDenied).
var (
	beVerbs     = stemSet("is was are were")
	notBeVerbs  = stemSet("isn't wasn't aren't weren't isnt wasnt arent werent")
	denyWords   = stemSet("not no never")
	faultNouns  = stemSet("problem problems issue issues fault faults concern concerns cause causes")
	fineWords   = stemSet("fine ok okay good great")
	fineAfter   = stemSet("fine well properly perfectly normally again now great ok okay")
	softeners   = stemSet("really actually definitely honestly totally perfectly absolutely still also all")
	determiners = stemSet("the a an any my our this that its their your")
	auxVerbs    = stemSet("do does did has have had will")
	// faultVerbs name the fault themselves: "the battery never drains"
	// denies a fault of the battery, where "the battery doesn't last" and
	// "the app never loads" are the faults (what it should do, not done)
	faultVerbs = stemSet("drain drains drained draining die dies died dying overheat overheats overheated overheating " +
		"crash crashes crashed crashing freeze freezes froze freezing break breaks broke breaking leak leaks leaked leaking " +
		"disconnect disconnects disconnected disconnecting lag lags lagged lagging glitch glitches glitched glitching")
)

// faultDenied reports whether what is said of the phrase at facts[i:end],
// in its clause, denies it is a fault: after it, "is (was, are, were) not
// (no, never) the problem (issue, fault, concern, cause)", "isn't a
// problem", "is fine (ok, okay, good, great)", "is working" at the clause's
// end or before "fine", "well", "again"...; "does not (doesn't, has
// never...) drain" and the other faultVerbs, "isn't crashing"; one word may
// come between the phrase and its verb ("battery life is fine"). Before
// it, "no problems (never had any issues...) with the", "nothing wrong
// with my". A fault not done that should be ("the battery doesn't last")
// is no denial.
func faultDenied(facts []*wordFacts, i, end int, text string, toks []token) bool {
	// in reports whether facts[k] is a word of the clause of facts[k-1]
	in := func(k int) bool {
		return k > 0 && k < len(facts) && !clauseBreak(text[toks[k-1].end:toks[k].start])
	}
	// denied reports whether the words from facts[k] on deny a fault
	denied := func(k int) bool {
		switch st := facts[k].stem; {
		case beVerbs[st]:
			if k++; in(k) && softeners[facts[k].stem] {
				k++
			}
			if !in(k) {
				return false
			}
			switch st := facts[k].stem; {
			case fineWords[st]:
				return true
			case st == "work":
				return !in(k+1) || fineAfter[facts[k+1].stem]
			case denyWords[st]:
				return faultNamed(facts, k+1, in)
			}
		case notBeVerbs[st]:
			return faultNamed(facts, k+1, in)
		case auxVerbs[st] || facts[k].negator && st != "no" && st != "without" && st != "nor":
			if auxVerbs[st] {
				if k++; !in(k) || !facts[k].negator {
					return false
				}
			}
			if k++; in(k) && (facts[k].stem == "ever" || softeners[facts[k].stem]) {
				k++
			}
			return in(k) && faultVerbs[facts[k].stem]
		}
		return false
	}
	if in(end) && (denied(end) || !facts[end].function && !facts[end].negator && in(end+1) && denied(end+1)) {
		return true
	}
	// "no problems with (the) battery", "nothing wrong with my battery"
	k := i - 1
	if in(k+1) && k >= 0 && determiners[facts[k].stem] {
		k--
	}
	if k < 1 || facts[k].stem != "with" || !in(k+1) || !in(k) {
		return false
	}
	k--
	return faultNouns[facts[k].stem] && negationScoped(facts, k, text, toks) ||
		k > 0 && facts[k].stem == "wrong" && facts[k-1].stem == nothingStem && in(k)
}

var nothingStem = stem("nothing")

// The words by which a text goes on to contradict a denial
// (denialContradicted).
var (
	turnWords = stemSet("until then except")
	// a fault verb after these is said of the phrase denied ("but it
	// dies", "but drains"), where "but the app crashes" is another's
	faultSubjects = stemSet("it it's they they're but")
	clearlyStem   = stem("clearly")
	fineStem      = stem("fine")
	anymoreStem   = stem("anymore")
	moreStem      = stem("more")
	anyStem       = stem("any")
	notStem       = stem("not")
)

// denialContradicted reports whether the text goes on to contradict a
// denial of the phrase ending before facts[end]: a turn after the phrase
// in its clause ("until", "then", "except": "no problems with the battery
// until last week", "is fine for a day then drains"), "not anymore" later
// in its sentence, a question ("No problems with the battery?"), or later
// in the text "not fine", "clearly is", or a fault verb after "it",
// "they" or "but", with at most one word between that is no negator ("it
// drains", "it still dies", "but drains"). A fault of another thing ("the
// strap broke", "but the app crashes") contradicts nothing, nor does a
// "but" that names none ("Customer service was good but I haven't
// completed the order", an NPS verbatim).
func denialContradicted(facts []*wordFacts, end int, text string, toks []token) bool {
	clause := true
	for k := end; k < len(facts); k++ {
		if k > end {
			gap := text[toks[k-1].end:toks[k].start]
			clause = clause && !clauseBreak(gap)
		}
		st := facts[k].stem
		if clause && turnWords[st] {
			return true
		}
		if facts[k].negator && k+1 < len(facts) && facts[k+1].stem == fineStem ||
			st == clearlyStem && k+1 < len(facts) && beVerbs[facts[k+1].stem] {
			return true
		}
		if faultSubjects[st] {
			if j := k + 1; j < len(facts) && (faultVerbs[facts[j].stem] || !facts[j].negator && j+1 < len(facts) && faultVerbs[facts[j+1].stem]) {
				return true
			}
		}
	}
	// the rest of the sentence: a question, or "not anymore"
	for k := end; k <= len(facts); k++ {
		gap := text[toks[k-1].end:]
		if k < len(facts) {
			gap = text[toks[k-1].end:toks[k].start]
		}
		if sentenceEnd(gap) {
			return strings.Contains(gap, "?")
		}
		if k < len(facts) && facts[k-1].stem == notStem && (facts[k].stem == anymoreStem || facts[k].stem == anyStem && k+1 < len(facts) && facts[k+1].stem == moreStem) {
			return true
		}
	}
	return false
}

// faultNamed reports whether the words from facts[k] on, in the clause
// (in), are a fault named after a denial: "(the) problem", "an issue", or a
// fault verb ("isn't draining").
func faultNamed(facts []*wordFacts, k int, in func(int) bool) bool {
	if in(k) && determiners[facts[k].stem] {
		k++
	}
	return in(k) && (faultNouns[facts[k].stem] || faultVerbs[facts[k].stem])
}

// clauseBreak reports whether the text between two words ends a clause:
// a comma, semicolon, colon, line break, or a full stop, question or
// exclamation mark (between two words, never inside a number: "2.5" is
// two tokens with nothing but the point between them).
func clauseBreak(gap string) bool {
	return strings.ContainsAny(gap, ",;:") || sentenceEnd(gap)
}

// sentenceEnd reports whether the text between two words (or after the
// last) ends a sentence: a question or exclamation mark, a line break, or a
// full stop not inside a number.
func sentenceEnd(gap string) bool {
	return strings.ContainsAny(gap, "!?\n") || gap != "." && strings.Contains(gap, ".")
}

// matcher holds one goroutine's scratch space for topic matching.
type matcher struct {
	t      *Taxonomy
	v      *vocab
	facts  []*wordFacts
	scores []float64
	first  []string
}

func newMatcher(t *Taxonomy) *matcher {
	return newMatcherVocab(newVocab(t, nil))
}

// newMatcherVocab is newMatcher with a vocabulary shared with the other
// classifiers of a worker (built for the same taxonomy).
func newMatcherVocab(v *vocab) *matcher {
	return &matcher{t: v.tax, v: v, scores: make([]float64, len(v.tax.Topics)), first: make([]string, len(v.tax.Topics))}
}

// match scores every topic by its phrases found in the text (a phrase of n
// words counts n times the topic's weight, so specific phrases outweigh
// single words) and returns
// the best. Confidence is the best topic's share of all matched weight,
// damped when the evidence is thin: share * (1 - exp(-best/2)).
func (m *matcher) match(text string, toks []token) TopicMatch {
	m.facts = m.v.factsOf(toks, m.facts[:0])
	return m.matchFacts(m.facts, text, toks)
}

// matchFacts is match given the facts of the text's tokens.
func (m *matcher) matchFacts(facts []*wordFacts, text string, toks []token) TopicMatch {
	for i := range m.scores {
		m.scores[i] = 0
		m.first[i] = ""
	}
	total := 0.0
	for i := 0; i < len(facts); i++ {
		cands := facts[i].phrases
		if len(cands) == 0 || eager(facts, i) {
			continue
		}
		best := -1
		for ci, p := range cands {
			if i+len(p.stems) > len(facts) {
				continue
			}
			ok := true
			for k := 1; k < len(p.stems); k++ {
				if facts[i+k].stem != p.stems[k] {
					ok = false
					break
				}
			}
			if ok && (best < 0 || len(p.stems) > len(cands[best].stems)) {
				best = ci
			}
		}
		if best < 0 {
			continue
		}
		p := cands[best]
		if !bool(m.t.Topics[p.topic].KeepNegated) && (negationScoped(facts, i, text, toks) ||
			faultDenied(facts, i, i+len(p.stems), text, toks) && !denialContradicted(facts, i+len(p.stems), text, toks)) {
			continue
		}
		i += len(p.stems) - 1
		w := float64(len(p.stems)) * m.t.Topics[p.topic].Weight
		m.scores[p.topic] += w
		total += w
		if m.first[p.topic] == "" {
			m.first[p.topic] = p.text
		}
	}
	if total == 0 {
		return TopicMatch{Topic: TopicOther}
	}
	bi := 0
	for i, s := range m.scores {
		if s > m.scores[bi] {
			bi = i
		}
	}
	best := m.scores[bi]
	conf := best / total * (1 - expNeg(best/2))
	return TopicMatch{Topic: m.t.Topics[bi].Name, Confidence: conf, Phrase: m.first[bi]}
}

// eager reports the idiom of eagerness at facts[i], "can't wait to" (or
// "for", "till", "until": "I can't wait to fly with you again"), which is
// no wait of the customer's: the wait topic keeps negated phrases ("can't
// reach"), and 21 of the 27 airline tweets saying "can't wait" were filed
// under it, at least 18 of them excited ones (an exploratory QA pass).
// "Can't wait any longer" is a wait, and stays one.
func eager(facts []*wordFacts, i int) bool {
	if facts[i].stem != "wait" || i == 0 || i+1 >= len(facts) {
		return false
	}
	switch facts[i-1].stem {
	case "can't", "cannot", "cant":
	default:
		return false
	}
	switch facts[i+1].stem {
	case "to", "for", "till", "until":
		return true
	}
	return false
}

// Match classifies one text against the taxonomy.
func (t *Taxonomy) Match(text string) TopicMatch {
	m := newMatcher(t)
	return m.match(text, tokenize(text, nil))
}
