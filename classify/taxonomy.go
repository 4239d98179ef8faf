package classify

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/complaints/complaints/internal/yamlerr"
	"gopkg.in/yaml.v3"
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
	// KeepNegated: a negation before one of the topic's phrases does not
	// cancel it. For topics whose phrases name what the complaint is about
	// rather than a fault: "no refund", "cannot log in", "never got a bill"
	// are complaints about refunds, access and billing, where "not broken"
	// is no defect.
	KeepNegated bool `yaml:"keep_negated"`
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
// parents must name topics or be new group names and never lead back to
// the topic, and every topic needs at least one phrase.
func ParseTaxonomy(b []byte) (*Taxonomy, error) {
	var t Taxonomy
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
	if t.DefaultDepartment == "" {
		t.DefaultDepartment = "Customer Service"
	}
	t.index = map[string][]phrase{}
	t.byKey = map[string]int{}
	for i, tp := range t.Topics {
		if tp.Name == "" || strings.EqualFold(tp.Name, TopicOther) {
			return nil, fmt.Errorf("parse taxonomy: topic %d: name %q is empty or reserved", i+1, tp.Name)
		}
		if j, dup := t.byKey[strings.ToLower(tp.Name)]; dup {
			if t.Topics[j].Name == tp.Name {
				return nil, fmt.Errorf("parse taxonomy: topic %q defined twice", tp.Name)
			}
			return nil, fmt.Errorf("parse taxonomy: topic %q: its name is a label or alias of topic %q", tp.Name, t.Topics[j].Name)
		}
		if len(tp.Phrases) == 0 {
			return nil, fmt.Errorf("parse taxonomy: topic %q has no phrases", tp.Name)
		}
		if tp.Weight < 0 {
			return nil, fmt.Errorf("parse taxonomy: topic %q: negative weight", tp.Name)
		}
		if tp.Weight == 0 {
			t.Topics[i].Weight = 1
		}
		// Names, labels and aliases are looked up without case: one that
		// named two topics, or "other", would route one topic's
		// complaints to another's department.
		for _, k := range append([]string{tp.Name, tp.Label}, tp.Aliases...) {
			if k == "" {
				continue
			}
			if strings.EqualFold(k, TopicOther) {
				return nil, fmt.Errorf("parse taxonomy: topic %q: label or alias %q is reserved", tp.Name, k)
			}
			if j, taken := t.byKey[strings.ToLower(k)]; taken && j != i {
				return nil, fmt.Errorf("parse taxonomy: topic %q: label or alias %q already names topic %q", tp.Name, k, t.Topics[j].Name)
			}
			t.byKey[strings.ToLower(k)] = i
		}
		for _, p := range tp.Phrases {
			toks := tokenize(p, nil)
			if len(toks) == 0 {
				return nil, fmt.Errorf("parse taxonomy: topic %q: phrase %q has no words", tp.Name, p)
			}
			stems := make([]string, len(toks))
			for k, tk := range toks {
				stems[k] = stem(tk.lower)
			}
			t.index[stems[0]] = append(t.index[stems[0]], phrase{stems: stems, topic: i, text: p})
		}
	}
	// Parents that lead back to a topic (a typo, most likely) leave its
	// department to the default, silently: refused.
	for i, tp := range t.Topics {
		seen := map[int]bool{i: true}
		for p, ok := t.byKey[strings.ToLower(tp.Parent)]; ok; p, ok = t.byKey[strings.ToLower(t.Topics[p].Parent)] {
			if seen[p] {
				return nil, fmt.Errorf("parse taxonomy: topic %q: its parents lead back to topic %q", tp.Name, t.Topics[p].Name)
			}
			seen[p] = true
		}
	}
	return &t, nil
}

// Department returns the department a topic routes to: its own, else its
// parent's, else the taxonomy's default. Unknown topics and "other" go to
// the default department, so every complaint has an owner.
func (t *Taxonomy) Department(topic string) string {
	i, ok := t.byKey[strings.ToLower(topic)]
	for hops := 0; ok && hops < 8; hops++ {
		tp := t.Topics[i]
		if tp.Department != "" {
			return tp.Department
		}
		i, ok = t.byKey[strings.ToLower(tp.Parent)]
	}
	return t.DefaultDepartment
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
// its topic keeps negated phrases (Topic.KeepNegated).
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "nor": true, "isn't": true, "wasn't": true,
	"aren't": true, "weren't": true, "don't": true, "doesn't": true, "didn't": true, "won't": true,
	"haven't": true, "hasn't": true, "hadn't": true, "can't": true, "cannot": true, "couldn't": true,
	"wouldn't": true, "shouldn't": true, "n't": true,
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
	return m.matchFacts(m.facts)
}

// matchFacts is match given the facts of the text's tokens.
func (m *matcher) matchFacts(facts []*wordFacts) TopicMatch {
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
		negated := false
		for k := max(0, i-3); k < i; k++ {
			if facts[k].negator {
				negated = true
			}
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
		if best < 0 || negated && !m.t.Topics[cands[best].topic].KeepNegated {
			continue
		}
		p := cands[best]
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
