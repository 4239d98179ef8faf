package trend

import (
	"fmt"
	"reflect"
	"sort"
	"testing"
)

// countTermsSlow counts the documents using each term the plain way, with
// Tokens, stem and Terms: the definition termCounter must match.
func countTermsSlow(docs []Doc) map[string]termStat {
	out := map[string]termStat{}
	set := map[string]bool{}
	nc := 0 // current documents so far: their index among the current ones
	for _, d := range docs {
		toks := Tokens(d.Text)
		for j, w := range toks {
			if content(w) {
				toks[j] = stem(w)
			}
		}
		clear(set)
		Terms(toks, set)
		for t := range set {
			s := out[t]
			if d.Current {
				s.a++
				s.cur = append(s.cur, nc)
			} else {
				s.b++
			}
			out[t] = s
		}
		if d.Current {
			nc++
		}
	}
	return out
}

func countTermsFast(docs []Doc) map[string]termStat {
	c := NewCorpus()
	for _, d := range docs {
		c.Add(d)
	}
	out := map[string]termStat{}
	for t, s := range c.tc.stat {
		out[c.tc.name(int32(t))] = s
	}
	return out
}

// termTexts reach every branch of the tokenizer (TestTermCounterMatchesTokens).
var termTexts = []string{
	"Data cap: I'm being THROTTLED! The data cap, the DATA CAPS and data-caps.",
	"paid XXXX on XX/XX/2019 to XXXX XXXX Bank; xx xxx 'xxx' x",
	"'quoted' ''double'' rock'n'roll o'clock ' '' '''",
	"don’t won’t ’tis the customers’ accounts’ fees’",
	"Ünïcödé wörds: CAFÉ café Straße STRASSE İstanbul ΣΊΣΥΦΟΣ ǅemal ﬁnance",
	"digits ٣٤٥ and ¹²³ and 42nd street 2019-01-02 and ⅻ",
	"ones twos threes its hers ours yours this was does companies charges caps status access bus",
	"invalid \xff\xfe bytes\xc3 in the middle of wörds\xe2\x80",
	"tabs\tand\nnewlines\r\nand   spaces and emoji 😀 fee😀fee",
	"fee fee fee fee late fee late fee late fee",
	"",
	"a an the of",
}

// termDocs are termTexts three times over, a third of them current, in a
// different third each time.
func termDocs() []Doc {
	var docs []Doc
	for k := 0; k < 3; k++ {
		for i, s := range termTexts {
			docs = append(docs, Doc{ID: fmt.Sprint(k, i), Text: s, Current: (i+k)%3 == 0})
		}
	}
	return docs
}

// TestTermCounterMatchesTokens holds termCounter to Tokens, stem and Terms
// on texts that reach every branch of the tokenizer: case, apostrophes
// (straight and curly, inside and around words), redaction masks, digits,
// non-ASCII letters and case mappings that change length, invalid UTF-8,
// stopwords before and after stemming ("ones" stems to the stopword
// "one"), and repeated terms within a document.
func TestTermCounterMatchesTokens(t *testing.T) {
	docs := termDocs()
	want, got := countTermsSlow(docs), countTermsFast(docs)
	if !reflect.DeepEqual(got, want) {
		var keys []string
		for k := range want {
			keys = append(keys, k)
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Errorf("term %q: termCounter %+v, Tokens/Terms %+v", k, got[k], want[k])
			}
		}
	}
}

// FuzzTermCounter checks termCounter against Tokens, stem and Terms on
// arbitrary text.
func FuzzTermCounter(f *testing.F) {
	f.Add("Data cap: I'm being THROTTLED! don’t XXXX ones", "the data caps ÜBER fee")
	f.Add("late again http://t.co/Ab1 ,https://x.y/é wwwhat Www.z", "a’http://q xhttp://r 'www.s ühttps://t")
	f.Add("@AcmeHelp RT in the rain. Call [PHONE]<br />ok [Ab] [AB]x <a href=\"x\">y</a> a<b", "taxes; boxes, crashes! '@'x [ÜB] <é>")
	f.Add("@Uber_Support my_car @a_b_2c @abcdefghijklmnop_q", "x@y_z @_w _@v_u")
	f.Fuzz(func(t *testing.T, a, b string) {
		docs := []Doc{{ID: "a", Text: a}, {ID: "b", Text: b, Current: true}, {ID: "c", Text: a + " " + b, Current: true}}
		want, got := countTermsSlow(docs), countTermsFast(docs)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("termCounter(%q, %q) = %+v, want %+v", a, b, got, want)
		}
		checkAddBaseline(t, docs)
	})
}

// baselineCounts adds docs' current documents to a Corpus one by one, then
// its baseline ones through AddBaseline on workers goroutines, in batches
// of batch documents, and returns the Corpus and each term's counts.
func baselineCounts(t testing.TB, docs []Doc, workers, batch int) (*Corpus, map[string]termStat) {
	t.Helper()
	c, base := splitDocs(docs)
	batches := make(chan []Doc)
	go func() {
		defer close(batches)
		for len(base) > 0 {
			n := min(batch, len(base))
			batches <- base[:n]
			base = base[n:]
		}
	}()
	c.AddBaseline(batches, workers)
	out := map[string]termStat{}
	for i, s := range c.tc.stat {
		out[c.tc.name(int32(i))] = s
	}
	return c, out
}

// checkAddBaseline holds the counts of AddBaseline to those of every
// document added in time order: the same for every term a current document
// uses, and no term none does.
func checkAddBaseline(t *testing.T, docs []Doc) {
	t.Helper()
	want := countTermsSlow(docs)
	var nBase int
	for _, d := range docs {
		if !d.Current {
			nBase++
		}
	}
	for _, workers := range []int{1, 3} {
		c, got := baselineCounts(t, docs, workers, 2)
		for term, s := range got {
			if !reflect.DeepEqual(s, want[term]) {
				t.Errorf("%d workers: term %q: AddBaseline %+v, in time order %+v", workers, term, s, want[term])
			}
		}
		for term, s := range want {
			if _, ok := got[term]; !ok && s.a > 0 {
				t.Errorf("%d workers: term %q of a current document missing", workers, term)
			}
		}
		if cur, base := c.Size(); cur != len(docs)-nBase || base != nBase {
			t.Errorf("%d workers: Size = %d, %d, want %d, %d", workers, cur, base, len(docs)-nBase, nBase)
		}
	}
}

// TestAddBaseline: TestTermCounterMatchesTokens' texts counted through
// AddBaseline; the phrases of TestEmergingPhrases' documents the same
// either way; the misuses Emerging refuses.
func TestAddBaseline(t *testing.T) {
	checkAddBaseline(t, termDocs())

	docs := phraseDocs()
	want, err := EmergingPhrases(docs, 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := baselineCounts(t, docs, 2, 7)
	got, err := c.Emerging(0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("phrases through AddBaseline = %+v\nin time order = %+v", got, want)
	}
	if _, err := c.Emerging(0.05, 0, 1.5); err == nil {
		t.Error("Emerging with minimum count 0 after AddBaseline: no error")
	}
	c.Add(Doc{ID: "late", Text: "data cap", Current: true})
	if _, err := c.Emerging(0.05, 5, 1.5); err == nil {
		t.Error("Emerging with a current document added after AddBaseline: no error")
	}
}
