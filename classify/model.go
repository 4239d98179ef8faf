package classify

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ModelFormat names the model file format; ModelFormatVersion is bumped on
// incompatible changes.
const (
	ModelFormat        = "complaints-text-model"
	ModelFormatVersion = 1
)

// Model is a trained text classifier, self-describing on disk (JSON): its
// labels, vocabulary, IDF weights, per-label feature weights, the
// hyper-parameters and a hash of the data it was trained on.
type Model struct {
	Format        string       `json:"format"`
	FormatVersion int          `json:"format_version"`
	Name          string       `json:"name"`    // what it predicts, e.g. the label column "product"
	Version       int          `json:"version"` // the model's own version, for classifications.model
	Method        string       `json:"method"`  // MethodLogReg or MethodComplementNB
	Hyper         Hyper        `json:"hyperparameters"`
	Training      TrainingInfo `json:"training"`
	CV            *CVReport    `json:"cross_validation,omitempty"`
	Labels        []string     `json:"labels"`
	Vocabulary    []string     `json:"vocabulary"` // unigrams "word", bigrams "word word"
	// Extra names the dense features after the vocabulary (Hyper.Lexicon):
	// VADER sentiment and the default taxonomy's topic shares.
	Extra []string  `json:"extra_features,omitempty"`
	IDF   []float64 `json:"idf"`
	// score(c) = Σ_i x_i Weights[c][i] + Bias[c] for a document vector x.
	Weights [][]float64 `json:"weights"`
	Bias    []float64   `json:"bias,omitempty"`

	index map[string]int32
}

// Training methods.
const (
	MethodLogReg       = "logreg"        // class-weighted multinomial logistic regression
	MethodComplementNB = "complement-nb" // complement naive Bayes
)

// Hyper are a model's hyper-parameters.
type Hyper struct {
	Method      string  `json:"method"`
	C           float64 `json:"c,omitempty"` // logreg: inverse L2 regularisation strength
	MaxIter     int     `json:"max_iter,omitempty"`
	Alpha       float64 `json:"alpha"`        // additive smoothing of feature counts
	MinDF       int     `json:"min_df"`       // features must occur in at least this many training documents
	MaxFeatures int     `json:"max_features"` // keep the most frequent features (by document frequency)
	Bigrams     bool    `json:"bigrams"`
	BigramMinDF int     `json:"bigram_min_df,omitempty"` // bigrams need this many documents (default MinDF)
	Stem        bool    `json:"stem"`                    // features are stems (see stem)
	ClassWeight string  `json:"class_weight,omitempty"`  // logreg: "balanced" (default), "sqrt" or "none"
	Lexicon     bool    `json:"lexicon_features"`        // add VADER sentiment and taxonomy topic shares as features
	Sublinear   bool    `json:"sublinear_tf"`            // tf -> 1 + ln tf
}

// DefaultHyper are the hyper-parameters used when Train is given none.
func DefaultHyper() Hyper {
	return Hyper{Method: MethodLogReg, C: 3, MaxIter: 200, Alpha: 0.3, MinDF: 2, MaxFeatures: 100000, Stem: true, Sublinear: true}
}

// TrainingInfo describes the training data.
type TrainingInfo struct {
	Documents   int            `json:"documents"`
	LabelCounts map[string]int `json:"label_counts"` // encoding/json writes map keys sorted
	DataSHA256  string         `json:"data_sha256"`  // over the (label, text) pairs in order
	TrainedAt   string         `json:"trained_at,omitempty"`
}

// TrainOptions configure Train; the zero value uses DefaultHyper.
type TrainOptions struct {
	Name    string
	Version int
	Hyper   *Hyper
	Now     func() time.Time // stamps TrainedAt when set
}

// Train fits a model by the method of the hyper-parameters: by default
// class-weighted multinomial logistic regression (see fitLogReg), or a
// complement naive Bayes model (Rennie, Shih, Teevan and
// Karger, "Tackling the poor assumptions of naive Bayes text classifiers",
// ICML 2003) on TF-IDF weighted unigrams and bigrams. Complement NB
// estimates each class's weights from all the other classes' documents,
// which keeps small classes from being swamped by large ones.
//
// With x the L2-normalised TF-IDF vector of a document,
//
//	θ(c,i) = (α + Σ_{d ∉ c} x_d,i) / (α·|V| + Σ_{d ∉ c} Σ_k x_d,k)
//	score(c) = Σ_i x_i · -ln θ(c,i), predict argmax_c score(c).
func Train(labels, texts []string, opts TrainOptions) (*Model, error) {
	if len(labels) != len(texts) {
		return nil, fmt.Errorf("train: %d labels for %d texts", len(labels), len(texts))
	}
	h := DefaultHyper()
	if opts.Hyper != nil {
		h = *opts.Hyper
	}
	m := &Model{Format: ModelFormat, FormatVersion: ModelFormatVersion, Name: opts.Name, Version: max(1, opts.Version),
		Method: h.Method, Hyper: h}
	if h.Method != MethodLogReg && h.Method != MethodComplementNB {
		return nil, fmt.Errorf("train: unknown method %q", h.Method)
	}
	if h.Method == MethodComplementNB && h.Lexicon {
		return nil, fmt.Errorf("train: complement NB needs non-negative features; lexicon features are for logreg")
	}
	m.Training = TrainingInfo{Documents: len(texts), LabelCounts: map[string]int{}, DataSHA256: dataHash(labels, texts)}
	if opts.Now != nil {
		m.Training.TrainedAt = opts.Now().UTC().Format(time.RFC3339)
	}
	labelIdx := map[string]int{}
	for _, l := range labels {
		m.Training.LabelCounts[l]++
		if _, ok := labelIdx[l]; !ok {
			labelIdx[l] = 0
			m.Labels = append(m.Labels, l)
		}
	}
	if len(m.Labels) < 2 {
		return nil, fmt.Errorf("train: need at least two labels, have %d", len(m.Labels))
	}
	sort.Strings(m.Labels)
	for i, l := range m.Labels {
		labelIdx[l] = i
	}
	// vocabulary by document frequency
	df := map[string]int{}
	var f featurizer
	for _, t := range texts {
		for _, k := range f.distinct(t, h.Bigrams, h.Stem) {
			df[k]++
		}
	}
	bigramMin := h.BigramMinDF
	if bigramMin < h.MinDF {
		bigramMin = h.MinDF
	}
	for k, n := range df {
		min := h.MinDF
		if strings.IndexByte(k, ' ') >= 0 {
			min = bigramMin
		}
		if n >= min {
			m.Vocabulary = append(m.Vocabulary, k)
		}
	}
	sort.Slice(m.Vocabulary, func(i, j int) bool {
		a, b := m.Vocabulary[i], m.Vocabulary[j]
		if df[a] != df[b] {
			return df[a] > df[b]
		}
		return a < b
	})
	if h.MaxFeatures > 0 && len(m.Vocabulary) > h.MaxFeatures {
		m.Vocabulary = m.Vocabulary[:h.MaxFeatures]
	}
	if len(m.Vocabulary) == 0 {
		return nil, fmt.Errorf("train: no feature occurs in %d documents", h.MinDF)
	}
	sort.Strings(m.Vocabulary)
	n := float64(len(texts))
	m.IDF = make([]float64, len(m.Vocabulary))
	for i, k := range m.Vocabulary {
		m.IDF[i] = math.Log((1+n)/(1+float64(df[k]))) + 1 // smoothed IDF as in scikit-learn
	}
	m.buildIndex()
	m.setExtra()
	V := len(m.Vocabulary) + len(m.Extra)
	if h.Method == MethodLogReg {
		vecs := make([]sparse, len(texts))
		y := make([]int, len(texts))
		for d, t := range texts {
			vecs[d] = m.vectorize(&f, t, tokenize(t, f.toks[:0]), nil)
			y[d] = labelIdx[labels[d]]
		}
		W, b, err := fitLogReg(vecs, y, len(m.Labels), V, h.C, h.MaxIter, h.ClassWeight)
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		m.Weights, m.Bias = W, b
		return m, nil
	}
	// complement NB: per-class feature totals
	classSum := make([][]float64, len(m.Labels))
	for c := range classSum {
		classSum[c] = make([]float64, V)
	}
	var vec sparse
	for d, t := range texts {
		vec = m.vectorize(&f, t, tokenize(t, f.toks[:0]), vec[:0])
		c := labelIdx[labels[d]]
		for _, e := range vec {
			classSum[c][e.i] += e.v
		}
	}
	all := make([]float64, V)
	for c := range classSum {
		for i, v := range classSum[c] {
			all[i] += v
		}
	}
	m.Weights = make([][]float64, len(m.Labels))
	for c := range m.Labels {
		total := 0.0
		comp := make([]float64, V)
		for i := range comp {
			comp[i] = all[i] - classSum[c][i] + h.Alpha
			total += comp[i]
		}
		w := make([]float64, V)
		for i := range w {
			w[i] = -math.Log(comp[i] / total)
		}
		m.Weights[c] = w
	}
	return m, nil
}

// dataHash is the SHA-256 of the training pairs, each written as
// len(label):label len(text):text so that no two data sets collide by
// concatenation.
func dataHash(labels, texts []string) string {
	h := sha256.New()
	for i := range labels {
		for _, s := range []string{labels[i], texts[i]} {
			h.Write([]byte(strconv.Itoa(len(s))))
			h.Write([]byte{':'})
			h.Write([]byte(s))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (m *Model) buildIndex() {
	m.index = make(map[string]int32, len(m.Vocabulary))
	for i, k := range m.Vocabulary {
		m.index[k] = int32(i)
	}
}

// entry is one non-zero feature of a document vector.
type entry struct {
	i int32
	v float64
}

type sparse []entry

// featurizer holds scratch buffers for turning texts into features.
type featurizer struct {
	toks    []token
	words   []string
	buf     []byte
	seen    map[string]bool
	keys    []string
	count   map[int32]float64
	stems   map[string]string
	matcher *matcher
	fv      *fastVader
}

// stem is stem with a cache.
func (f *featurizer) stem(w string) string {
	if f.stems == nil {
		f.stems = map[string]string{}
	}
	if s, ok := f.stems[w]; ok {
		return s
	}
	s := stem(w)
	if len(f.stems) < 200000 {
		f.stems[strings.Clone(w)] = s
	}
	return s
}

// wordsOf returns the feature words of tokens: lower-cased (and stemmed
// when asked), CFPB masks and pure numbers dropped.
func (f *featurizer) wordsOf(toks []token, stemmed bool) []string {
	f.words = f.words[:0]
	for _, tk := range toks {
		w := tk.lower
		if isMask(w) || isNumber(w) {
			continue
		}
		if stemmed {
			w = f.stem(w)
		}
		f.words = append(f.words, w)
	}
	return f.words
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// distinct returns the distinct features of a text (for document
// frequencies).
func (f *featurizer) distinct(text string, bigrams, stemmed bool) []string {
	f.toks = tokenize(text, f.toks[:0])
	words := f.wordsOf(f.toks, stemmed)
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	clear(f.seen)
	f.keys = f.keys[:0]
	add := func(k string) {
		if !f.seen[k] {
			f.seen[k] = true
			f.keys = append(f.keys, k)
		}
	}
	for i, w := range words {
		add(w)
		if bigrams && i > 0 {
			add(words[i-1] + " " + w)
		}
	}
	return f.keys
}

// vectorize returns the L2-normalised TF-IDF vector of tokens, with
// features outside the vocabulary ignored, followed by the extra features.
func (m *Model) vectorize(f *featurizer, text string, toks []token, out sparse) sparse {
	words := f.wordsOf(toks, m.Hyper.Stem)
	if f.count == nil {
		f.count = map[int32]float64{}
	}
	clear(f.count)
	for i, w := range words {
		if k, ok := m.index[w]; ok {
			f.count[k]++
		}
		if m.Hyper.Bigrams && i > 0 {
			f.buf = append(append(append(f.buf[:0], words[i-1]...), ' '), w...)
			if k, ok := m.index[string(f.buf)]; ok {
				f.count[k]++
			}
		}
	}
	norm := 0.0
	for k, tf := range f.count {
		if m.Hyper.Sublinear {
			tf = 1 + math.Log(tf)
		}
		v := tf * m.IDF[k]
		out = append(out, entry{k, v})
		norm += v * v
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range out {
			out[i].v /= norm
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].i < out[b].i }) // fixed summation order
	if len(m.Extra) > 0 {
		out = m.appendExtra(f, text, toks, out)
	}
	return out
}

// The sentiment analyzer and taxonomy behind the extra features, built once.
var (
	lexiconOnce     sync.Once
	lexiconSent     *sentimentAnalyzer
	lexiconTaxonomy *Taxonomy
)

func lexiconResources() (*sentimentAnalyzer, *Taxonomy) {
	lexiconOnce.Do(func() {
		lexiconSent = newSentimentAnalyzer()
		lexiconTaxonomy = DefaultTaxonomy()
	})
	return lexiconSent, lexiconTaxonomy
}

// setExtra names the extra features when the hyper-parameters ask for them.
func (m *Model) setExtra() {
	m.Extra = nil
	if !m.Hyper.Lexicon {
		return
	}
	_, tax := lexiconResources()
	m.Extra = []string{"vader_compound", "vader_negative", "vader_positive"}
	for _, t := range tax.Topics {
		m.Extra = append(m.Extra, "taxonomy:"+t.Name)
	}
}

// extraScale multiplies the extra features: they are few and dense, and
// on the scale of a TF-IDF entry (about 0.1) the L2 penalty would mute them.
var extraScale = 3.0

// appendExtra appends the extra features: the sentiment score s (see
// sentimentAnalyzer.score) as s, min(s, 0) and max(s, 0), then each
// default-taxonomy topic's share of the matched phrase weight.
func (m *Model) appendExtra(f *featurizer, text string, toks []token, out sparse) sparse {
	sent, tax := lexiconResources()
	base := int32(len(m.Vocabulary))
	if f.fv == nil {
		f.fv = newFastVader(sent.vader)
	}
	s, _ := sent.score(f.fv, text, toks, nil)
	s *= extraScale
	out = append(out, entry{base, s}, entry{base + 1, min(s, 0)}, entry{base + 2, max(s, 0)})
	if f.matcher == nil {
		f.matcher = newMatcher(tax)
	}
	f.matcher.match(text, toks)
	total := 0.0
	for _, v := range f.matcher.scores {
		total += v
	}
	if total > 0 {
		for i, v := range f.matcher.scores {
			if v > 0 {
				out = append(out, entry{base + 3 + int32(i), extraScale * v / total})
			}
		}
	}
	return out
}

// scores returns score(c) for every label.
func (m *Model) scores(vec sparse, out []float64) []float64 {
	out = out[:0]
	for c := range m.Labels {
		s := 0.0
		w := m.Weights[c]
		for _, e := range vec {
			s += e.v * w[e.i]
		}
		if len(m.Bias) == len(m.Labels) {
			s += m.Bias[c]
		}
		out = append(out, s)
	}
	return out
}

// Predict returns the most likely label of text and a confidence in 0..1:
// the softmax of the class scores, a ranking measure rather than a
// calibrated probability. A text with no known feature gets "", 0.
func (m *Model) Predict(text string) (string, float64) {
	var f featurizer
	return m.predict(&f, text, tokenize(text, nil))
}

func (m *Model) predict(f *featurizer, text string, toks []token) (string, float64) {
	vec := m.vectorize(f, text, toks, nil)
	if len(vec) == 0 {
		return "", 0
	}
	sc := m.scores(vec, nil)
	best := 0
	for c, s := range sc {
		if s > sc[best] {
			best = c
		}
	}
	z := 0.0
	for _, s := range sc {
		z += math.Exp(s - sc[best])
	}
	return m.Labels[best], 1 / z
}

// Save writes the model as indented JSON.
func (m *Model) Save(path string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// LoadModel reads a model file written by Save and checks its format.
func LoadModel(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("load model %s: %w", path, err)
	}
	if m.Format != ModelFormat || m.FormatVersion != ModelFormatVersion {
		return nil, fmt.Errorf("load model %s: format %q version %d, want %q version %d", path, m.Format, m.FormatVersion, ModelFormat, ModelFormatVersion)
	}
	if len(m.IDF) != len(m.Vocabulary) || len(m.Weights) != len(m.Labels) {
		return nil, fmt.Errorf("load model %s: %d IDF weights for %d features, %d weight rows for %d labels", path, len(m.IDF), len(m.Vocabulary), len(m.Weights), len(m.Labels))
	}
	for c, w := range m.Weights {
		if len(w) != len(m.Vocabulary)+len(m.Extra) {
			return nil, fmt.Errorf("load model %s: label %q has %d weights for %d features", path, m.Labels[c], len(w), len(m.Vocabulary))
		}
	}
	m.buildIndex()
	extra := m.Extra
	m.setExtra()
	if !slices.Equal(extra, m.Extra) {
		return nil, fmt.Errorf("load model %s: extra features %v, this build computes %v", path, extra, m.Extra)
	}
	return &m, nil
}
