package classify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/complaints/complaints/internal/owntext"
)

// Version is the version of the classifiers' rules and lexicons, recorded
// with every classification.
const Version = "1"

// Options configure a Classifier. The zero value uses the default taxonomy,
// no trained model and all cores.
type Options struct {
	Taxonomy     *Taxonomy // nil: DefaultTaxonomy()
	TaxonomyName string    // recorded in Name; "default" when Taxonomy is nil
	Model        *Model    // trained topic model; nil: topics from the taxonomy
	Workers      int       // goroutines for ClassifyBatch; 0: runtime.GOMAXPROCS(0)
}

// Classifier runs every classifier over texts. It is safe for concurrent
// use.
type Classifier struct {
	tax     *Taxonomy
	model   *Model
	sent    *sentimentAnalyzer
	workers int
	name    string
	free    chan *worker
	ownTax  bool // the taxonomy is not the built-in one (see TopicsFromFile)
}

// New builds a Classifier.
func New(opts Options) *Classifier {
	c := &Classifier{tax: opts.Taxonomy, model: opts.Model, workers: opts.Workers, sent: newSentimentAnalyzer(), ownTax: opts.Taxonomy != nil}
	taxName := opts.TaxonomyName
	if c.tax == nil {
		c.tax = DefaultTaxonomy()
		taxName = "default"
	}
	if taxName == "" {
		taxName = "custom"
	}
	if c.workers <= 0 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	topic := fmt.Sprintf("taxonomy:%s@%d", taxName, c.tax.Version)
	if c.ownTax {
		// two taxonomies of one file name and version were recorded
		// alike (QA pass L): the first 8 hex digits of its YAML's
		// SHA-256 tell them apart, as a trained model's data hash does
		sum := sha256.Sum256(c.tax.Source())
		topic += "+" + hex.EncodeToString(sum[:4])
	}
	if c.model != nil {
		routing := strings.TrimPrefix(topic, "taxonomy:")
		topic = fmt.Sprintf("%s:%s@%d", c.model.Method, c.model.Name, c.model.Version)
		// two models of one label and version trained on other data, or
		// with other hyper-parameters, were recorded alike; the first 8
		// hex digits of the model's hash (the model file's model_sha256)
		// tell them apart
		if h := c.model.Stamp(); h != "" {
			topic += "+" + h
		}
		// a taxonomy given routes the model's labels to its departments:
		// named too ("routing:", not "taxonomy:", whose topics these are not)
		if c.ownTax {
			topic += " routing:" + routing
		}
	}
	c.name = fmt.Sprintf("classify/%s %s", Version, topic)
	c.free = make(chan *worker, c.workers)
	return c
}

// Name is the model name and version recorded in classifications.model,
// e.g. "classify/1 taxonomy:default@5".
func (c *Classifier) Name() string { return c.name }

// TopicsFromFile reports whether the topics come from a taxonomy given
// (Options.Taxonomy), not from the built-in taxonomy or a trained model:
// then Run keeps its YAML in classify_runs.
func (c *Classifier) TopicsFromFile() bool { return c.ownTax && c.model == nil }

// Taxonomy is the taxonomy that routes topics to departments.
func (c *Classifier) Taxonomy() *Taxonomy { return c.tax }

// Result is the classification of one text.
type Result struct {
	Topic           string
	TopicConfidence float64
	Department      string
	HasSentiment    bool    // false when the language is not covered or the text is empty
	Sentiment       float64 // -1..1
	SentimentLabel  string  // negative, neutral or positive
	Flags
	Language string // ISO 639-1, or "und"
	Redacted string // the text with PII replaced by typed placeholders
	Evidence string // JSON object: the phrase behind the topic and each flag, or why the text was not covered
}

// evidence is the JSON of Result.Evidence; field order fixes the byte order.
type evidence struct {
	Topic      string `json:"topic,omitempty"`
	Churn      string `json:"churn_intent,omitempty"`
	Legal      string `json:"legal_threat,omitempty"`
	Urgent     string `json:"urgent,omitempty"`
	NotCovered string `json:"not_covered,omitempty"`
}

// json returns json.Marshal(ev). Evidence is mostly plain text (printable
// ASCII that JSON writes as it is), which is written here directly: the
// reflection of json.Marshal cost 1% of classifying.
func (ev evidence) json() string {
	vals := ev.values()
	n := 2
	for k, v := range vals {
		if !plainJSON(v) {
			b, err := json.Marshal(ev)
			if err != nil {
				panic("classify: marshal evidence: " + err.Error())
			}
			return string(b)
		}
		n += len(evidenceKeys[k]) + len(v) + 6
	}
	b := make([]byte, 0, n)
	b = append(b, '{')
	for k, v := range vals {
		if v == "" { // omitempty
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, evidenceKeys[k]...)
		b = append(b, `":"`...)
		b = append(b, v...)
		b = append(b, '"')
	}
	return string(append(b, '}'))
}

// values returns evidence's fields in their order (TestEvidenceJSON checks
// that it names them all).
func (ev evidence) values() [5]string {
	return [...]string{ev.Topic, ev.Churn, ev.Legal, ev.Urgent, ev.NotCovered}
}

// evidenceKeys are evidence's JSON names, in field order, read from its
// tags: json() writes what json.Marshal would.
var evidenceKeys = func() []string {
	t := reflect.TypeFor[evidence]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return keys
}()

// plainJSON reports whether encoding/json writes s's bytes as they are:
// printable ASCII other than the quote, the backslash and the characters
// it escapes for HTML (<, >, &).
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

// worker is one goroutine's scratch space.
type worker struct {
	m     *matcher    // its vocabulary is the worker's
	f     *featurizer // for a trained model
	fv    *fastVader
	toks  []token
	facts []*wordFacts // of toks
	ends  []int
	pii   []piiSpan
	lower []byte    // the text being classified, lower-cased (asciiLowerInto)
	mtoks []token   // modelInput's tokens of a masked text (never w.toks)
	mpii  []piiSpan // modelInput's scratch
}

func (c *Classifier) getWorker() *worker {
	select {
	case w := <-c.free:
		return w
	default:
		return &worker{m: newMatcherVocab(newVocab(c.tax, c.sent.dict))}
	}
}

func (c *Classifier) putWorker(w *worker) {
	select {
	case c.free <- w:
	default:
	}
}

// Classify classifies one text.
func (c *Classifier) Classify(text string) Result {
	w := c.getWorker()
	defer c.putWorker(w)
	return c.classify(w, text)
}

// ClassifyBatch classifies texts[i] into out[i] using the Classifier's
// workers; out must be as long as texts. It stops early, returning the
// context's error, when ctx is cancelled.
func (c *Classifier) ClassifyBatch(ctx context.Context, texts []string, out []Result) error {
	if len(out) != len(texts) {
		panic("classify: ClassifyBatch: out and texts differ in length")
	}
	return c.each(ctx, len(texts), func(w *worker, i int) { out[i] = c.classify(w, texts[i]) })
}

// TopicBatch sets out[i] to the topic of texts[i] and its language, as
// ClassifyBatch would (other for a text that is empty or not in English),
// without the sentiment, flags and redaction: for texts such as survey
// comments, whose topics alone are counted. out must be as long as texts.
func (c *Classifier) TopicBatch(ctx context.Context, texts []string, out []TopicResult) error {
	if len(out) != len(texts) {
		panic("classify: TopicBatch: out and texts differ in length")
	}
	return c.each(ctx, len(texts), func(w *worker, i int) { out[i] = c.topicOnly(w, texts[i]) })
}

// TopicResult is a text's topic and language (TopicBatch).
type TopicResult struct {
	Topic, Language string
}

// each calls f(w, i) for i in [0, n), in chunks shared out among the
// Classifier's workers, each with a worker of its own. It stops early,
// returning the context's error, when ctx is cancelled.
func (c *Classifier) each(ctx context.Context, n int, f func(w *worker, i int)) error {
	const chunk = 64
	var next int64
	var mu sync.Mutex
	take := func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		s := int(next)
		if s >= n {
			return 0, 0
		}
		e := min(s+chunk, n)
		next = int64(e)
		return s, e
	}
	var wg sync.WaitGroup
	for range min(c.workers, (n+chunk-1)/chunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := c.getWorker()
			defer c.putWorker(w)
			for {
				if ctx.Err() != nil {
					return
				}
				s, e := take()
				if s == e {
					return
				}
				for i := s; i < e; i++ {
					f(w, i)
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// topicOnly is classify's topic and language of text, and nothing else.
func (c *Classifier) topicOnly(w *worker, text string) TopicResult {
	orig, text, _, _, language := w.read(text)
	r := TopicResult{Topic: TopicOther, Language: language}
	if len(w.toks) > 0 && notCovered(language, w.toks) == "" {
		r.Topic = c.topicFacts(w, orig, text).Topic
	}
	return r
}

// notCovered says why classify gives a text of the language and tokens
// worker.read found topic other without asking the topic model, and does
// not score its sentiment or flags (SkipNoWords, SkipNotEnglish), or ""
// when it does; ModelTexts leaves the same texts out of a model's
// training.
func notCovered(language string, toks []token) string {
	switch {
	case language != LanguageEnglish && !hasWords(toks):
		return SkipNoWords
	case language != LanguageEnglish:
		return SkipNotEnglish
	}
	return ""
}

// read reads text as every classifier does, setting w.toks and w.facts:
// the complainant's own words (not a reply's quoted thread, a signature or
// a disclaimer; the redacted text keeps them all), as written (orig: the
// flags' evidence is quoted from it), with the apostrophe spelled "'", as
// the lexicons and rules spell it ("isn\u2019t good" is negated as "isn't
// good" is; at maps plain's offsets back to orig's), lower-cased (a view
// of w.lower: nothing that outlives the text's classification keeps it;
// the vocabulary copies its words), and its language.
func (w *worker) read(text string) (orig, plain, lower string, at []int, language string) {
	orig = owntext.Of(text)
	plain, at = plainApostrophesAt(orig)
	lower, w.lower = asciiLowerInto(plain, w.lower)
	w.toks = tokenizeLower(plain, lower, w.toks[:0])
	w.facts = w.m.v.factsOf(w.toks, w.facts[:0])
	return orig, plain, lower, at, detectLanguageFacts(plain, w.toks, w.facts)
}

// TopicOf returns the topic of a text by the classifier's topic model alone
// (used for complaints with no narrative, from their product and issue).
func (c *Classifier) TopicOf(text string) (topic string, confidence float64) {
	w := c.getWorker()
	defer c.putWorker(w)
	w.toks = tokenize(text, w.toks[:0])
	tm := c.topic(w, text)
	return tm.Topic, tm.Confidence
}

func (c *Classifier) topic(w *worker, text string) TopicMatch {
	if c.model == nil {
		return w.m.match(text, w.toks)
	}
	return c.topicFacts(w, text, text)
}

// topicFacts is topic given the facts of the text's tokens in w.facts:
// text is as worker.read gives it (plain apostrophes), orig as written; a
// trained model reads the text modelInput makes of them.
func (c *Classifier) topicFacts(w *worker, orig, text string) TopicMatch {
	if c.model != nil {
		if w.f == nil {
			w.f = &featurizer{}
		}
		mt, mtoks := w.modelInput(orig, text)
		label, p := c.model.predict(w.f, mt, mtoks)
		if label == "" {
			return TopicMatch{Topic: TopicOther}
		}
		return TopicMatch{Topic: label, Confidence: p}
	}
	return w.m.matchFacts(w.facts, text, w.toks)
}

func (c *Classifier) classify(w *worker, text string) Result {
	var r Result
	var ev evidence
	r.Redacted, w.pii = redact(text, w.pii)
	orig, text, lower, at, language := w.read(text)
	r.Language = language
	switch notCovered(language, w.toks) {
	case SkipNoWords:
		// punctuation, emoji, invisible characters, numbers or CFPB masks
		// alone (or nothing): undetermined, for want of a word
		r.Topic = TopicOther
		ev.NotCovered = "no words"
	case SkipNotEnglish:
		r.Topic = TopicOther
		ev.NotCovered = fmt.Sprintf("language %q is not covered by the topic, sentiment and flag models", r.Language)
	default:
		tm := c.topicFacts(w, orig, text)
		r.Topic, r.TopicConfidence = tm.Topic, tm.Confidence
		if tm.Phrase != "" {
			ev.Topic = tm.Phrase
		}
		if w.fv == nil {
			w.fv = c.sent.newFastVader()
		}
		r.Sentiment, w.ends = c.sent.scoreWith(w.fv, text, lower, w.toks, w.facts, w.ends)
		r.SentimentLabel = sentimentLabel(r.Sentiment)
		r.HasSentiment = true
		var asciiFacts []*wordFacts // the vocabulary's flag keywords are for ASCII words
		if isASCII(text) {
			asciiFacts = w.facts
		}
		r.Flags = detectFlagsPlain(orig, text, lower, w.toks, asciiFacts, at)
		ev.Churn, _ = redact(r.ChurnEvidence, nil)
		ev.Legal, _ = redact(r.LegalEvidence, nil)
		ev.Urgent, _ = redact(r.UrgentEvidence, nil)
		r.ChurnEvidence, r.LegalEvidence, r.UrgentEvidence = ev.Churn, ev.Legal, ev.Urgent
	}
	r.Department = c.department(r.Topic)
	r.Evidence = ev.json()
	return r
}

// department routes a topic (a taxonomy topic, or a model label that names
// one by its name, label or alias) to its owner.
func (c *Classifier) department(topic string) string {
	if name, ok := c.tax.Lookup(topic); ok {
		return c.tax.Department(name)
	}
	return c.tax.Department(topic)
}
