package trend

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/jdkato/prose/v2"
)

// stopwords are English function words and complaint boilerplate that never
// make a phrase on their own.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all am an and any are aren't as at be because been
		before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
		during each few for from further had hadn't has hasn't have haven't having he her here hers herself him himself his
		how i i'm if in into is isn't it it's its itself just let's me more most my myself no nor not now of off on once only
		or other ought our ours ourselves out over own same she should shouldn't so some such than that that's the their
		theirs them themselves then there there's these they they're this those through to too under until up very was
		wasn't we we're were weren't what when where which while who whom why will with won't would wouldn't you you're
		your yours yourself yourselves also get got still even one two would've im ive dont cant wont via per us`) {
		m[w] = true
	}
	return m
}()

// Tokens splits text into lower-case word tokens: runs of letters, digits
// and apostrophes, trimmed of apostrophes. Redaction masks such as "XXXX"
// become "" so that phrases do not run across them. It is the tokenizer of
// the hot path (every narrative of the window); prose tags only the latest
// period's texts.
func Tokens(text string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.Trim(strings.ToLower(text[start:end]), "'")
		if strings.Trim(w, "x") == "" {
			w = "" // XXXX redaction
		}
		out = append(out, w)
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	for i, w := range out {
		out[i] = strings.ReplaceAll(w, "’", "'")
	}
	return out
}

// content reports whether a token can be part of a phrase.
func content(w string) bool {
	return len(w) >= 2 && !stopwords[w] && strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// Terms returns the distinct terms of a token sequence: content words and
// bigrams of two adjacent content words.
func Terms(tokens []string, into map[string]bool) {
	for i, w := range tokens {
		if !content(w) {
			continue
		}
		into[w] = true
		if i+1 < len(tokens) && content(tokens[i+1]) {
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
