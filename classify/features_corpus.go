package classify

import (
	"math"
	"slices"
)

// termCount is a feature of a corpus (an interned key) and its count in a
// document (a small integer, exact in a float32; 8 bytes an entry).
type termCount struct {
	id int32
	n  float32
}

// corpus holds the raw features of a list of texts, computed once so that
// all the models of a cross-validation (its folds, and the inner folds that
// choose hyper-parameters) share them: each text's counts of words and word
// pairs (the word block) and of character n-grams (the character block),
// over keys interned across the corpus, and its extra features. Interning
// learns nothing from the texts: each model's vocabulary and IDF come from
// its own training documents only (see corpus.vocabulary).
//
// The features are those of featurizer.distinct and Model.vectorize for the
// same hyper-parameters, so a model trained from a corpus predicts new
// texts (Model.predict) from the same vectors.
type corpus struct {
	texts []string
	keys  []string
	words [][]termCount // per text, by id
	chars [][]termCount
	extra []sparse // per text; indices count from 0 within the extra block
	// groups numbers the texts by their words (textGroups): copies share a
	// number, and every fold dealt of the corpus keeps them together
	groups []int
}

// newCorpus extracts the features of texts under the feature settings of h
// (Stem, Numbers, Bigrams, CharMin, CharMax, Lexicon).
func newCorpus(texts []string, h *Hyper) *corpus {
	cp := &corpus{texts: texts, words: make([][]termCount, len(texts)), groups: textGroups(texts)}
	if h.CharMin > 0 {
		cp.chars = make([][]termCount, len(texts))
	}
	if h.Lexicon {
		cp.extra = make([]sparse, len(texts))
	}
	ids := map[string]int32{}
	intern := func(k []byte) int32 {
		if id, ok := ids[string(k)]; ok {
			return id
		}
		id := int32(len(cp.keys))
		s := string(k)
		ids[s] = id
		cp.keys = append(cp.keys, s)
		return id
	}
	var f featurizer
	count := map[int32]float64{}
	lexModel := &Model{Hyper: *h} // no vocabulary: extra indices from 0
	for d, t := range texts {
		f.toks = tokenize(t, f.toks[:0])
		words := f.wordsOf(f.toks, h)
		clear(count)
		for i, w := range words {
			count[intern([]byte(w))]++
			if h.Bigrams && i > 0 {
				f.buf = append(append(append(f.buf[:0], words[i-1]...), ' '), w...)
				count[intern(f.buf)]++
			}
		}
		cp.words[d] = sortedCounts(count)
		if h.CharMin > 0 {
			clear(count)
			f.charGrams(f.toks, h.CharMin, h.CharMax, func(k []byte) { count[intern(k)]++ })
			cp.chars[d] = sortedCounts(count)
		}
		if h.Lexicon {
			cp.extra[d] = lexModel.appendExtra(&f, t, f.toks, nil)
		}
	}
	return cp
}

func sortedCounts(count map[int32]float64) []termCount {
	out := make([]termCount, 0, len(count))
	for id, n := range count {
		out = append(out, termCount{id, float32(n)})
	}
	slices.SortFunc(out, func(a, b termCount) int { return int(a.id - b.id) })
	return out
}

// vocabulary returns the vocabulary that Train learns from the documents
// docs (see selectVocabulary), its smoothed IDF weights, and the map from
// corpus ids to vocabulary indices (-1: not in the vocabulary).
func (cp *corpus) vocabulary(docs []int, h *Hyper) (vocab []string, idf []float64, local []int32) {
	df := make([]int, len(cp.keys))
	for _, d := range docs {
		for _, tc := range cp.words[d] {
			df[tc.id]++
		}
		if cp.chars != nil {
			for _, tc := range cp.chars[d] {
				df[tc.id]++
			}
		}
	}
	byKey := map[string]int{}
	for id, n := range df {
		if n > 0 {
			byKey[cp.keys[id]] = n
		}
	}
	vocab = selectVocabulary(byKey, h)
	n := float64(len(docs))
	idf = make([]float64, len(vocab))
	index := make(map[string]int32, len(vocab))
	for i, k := range vocab {
		idf[i] = math.Log((1+n)/(1+float64(byKey[k]))) + 1 // smoothed IDF as in scikit-learn
		index[k] = int32(i)
	}
	local = make([]int32, len(cp.keys))
	for id, k := range cp.keys {
		local[id] = -1
		if i, ok := index[k]; ok && df[id] > 0 {
			local[id] = i
		}
	}
	return vocab, idf, local
}

// vector returns document d's vector for a model with the given
// vocabulary map and IDF (see Model.vectorize): the word block
// L2-normalised, the character block L2-normalised and scaled by
// CharWeight, then the extra features.
func (cp *corpus) vector(d int, local []int32, idf []float64, h *Hyper, out sparse) sparse {
	out = appendCounts(out, cp.words[d], local, idf, h.Sublinear, 1)
	if cp.chars != nil {
		w := h.CharWeight
		if w == 0 {
			w = 1
		}
		out = appendCounts(out, cp.chars[d], local, idf, h.Sublinear, w)
	}
	if cp.extra != nil {
		base := int32(len(idf))
		for _, e := range cp.extra[d] {
			out = append(out, entry{base + e.i, e.v})
		}
	}
	return out
}

// appendCounts appends the TF-IDF entries of the counts that are in the
// vocabulary, L2-normalised and multiplied by weight, in feature order.
func appendCounts(out sparse, counts []termCount, local []int32, idf []float64, sublinear bool, weight float64) sparse {
	from := len(out)
	for _, tc := range counts {
		k := local[tc.id]
		if k < 0 {
			continue
		}
		tf := float64(tc.n)
		if sublinear {
			tf = 1 + math.Log(tf)
		}
		out = append(out, entry{k, tf * idf[k]})
	}
	block := out[from:]
	slices.SortFunc(block, func(a, b entry) int { return int(a.i - b.i) })
	norm := 0.0
	for _, e := range block {
		norm += e.v * e.v
	}
	if norm > 0 {
		norm = weight / math.Sqrt(norm)
		for i := range block {
			block[i].v *= norm
		}
	}
	return out
}

// sameFeatures reports whether two hyper-parameter sets extract the same
// raw features, so that they can share a corpus.
func sameFeatures(a, b *Hyper) bool {
	return a.Stem == b.Stem && a.Numbers == b.Numbers && a.Bigrams == b.Bigrams && a.CharMin == b.CharMin &&
		a.CharMax == b.CharMax && a.Lexicon == b.Lexicon
}
