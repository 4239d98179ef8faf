package trend

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// lengthVocab is the everyday vocabulary of lengthDocs: words every
// period uses, the first most often (word k drawn with weight 1/(k+1)).
var lengthVocab = strings.Fields(`received spoke want account bank called told payment card said
	credit number information asked phone money days letter time company
	report back sent email loan paid months balance help customer
	service agent manager week request branch online check transfer`)

// lengthDocs builds a corpus whose words, token by token, come from one
// distribution in both periods: nBase baseline documents of about 30 words
// (log-normal, as narratives' lengths are: a median of 30, most between 16
// and 55) and nCur current ones of scale times as many (the QA pass
// measured CFPB narratives of 1,482 characters on average in the week
// judged against 878 in the baseline: scale 1.7). When plant is set, that word is added to a
// share of documents that does not depend on their length: 1 in 100 in the
// baseline, 1 in 15 in the period (a term that truly emerged).
func lengthDocs(seed uint64, nBase, nCur int, scale float64, plant string) []Doc {
	rng := rand.New(rand.NewPCG(seed, 1))
	var total float64
	for k := range lengthVocab {
		total += 1 / float64(k+1)
	}
	word := func() string {
		u := rng.Float64() * total
		for k, w := range lengthVocab {
			if u -= 1 / float64(k+1); u <= 0 {
				return w
			}
		}
		return lengthVocab[len(lengthVocab)-1]
	}
	doc := func(id string, current bool) Doc {
		length := 30 * math.Exp(0.6*rng.NormFloat64())
		share := 100
		if current {
			length *= scale
			share = 15
		}
		n := max(3, int(length))
		words := make([]string, n)
		for i := range words {
			words[i] = word()
		}
		if plant != "" && rng.IntN(share) == 0 {
			words[rng.IntN(n)] = plant
		}
		return Doc{ID: id, Text: strings.Join(words, " "), Current: current}
	}
	var docs []Doc
	for i := range nBase {
		docs = append(docs, doc(fmt.Sprintf("b%04d", i), false))
	}
	for i := range nCur {
		docs = append(docs, doc(fmt.Sprintf("c%04d", i), true))
	}
	return docs
}

// TestEmergingPhrasesLongerNarratives: a period whose complaints are
// longer, their words drawn as before, lists no everyday word as emerging
// (a long text is more likely to hold any word: the QA pass found
// "received", "spoke" and "want" listed in a week of longer narratives);
// a word planted in a fixed share of complaints is still found; and
// periods alike in length stay quiet. Each on ten corpora (seeds 0-9).
// Periods alike list a phrase that did not emerge in some corpora of this
// size: measured on seeds 0-19, 4 of 20 with the unstratified test, 3 of 20
// with the stratified one (its signed root is a normal approximation, and
// most terms here are pairs of a few complaints), so the bound is 3 of 10
// for every case; the unstratified test listed dozens of everyday words
// and pairs in every corpus of longer narratives.
func TestEmergingPhrasesLongerNarratives(t *testing.T) {
	const seeds, allowed = 10, 3
	for _, c := range []struct {
		name  string
		scale float64 // of the current documents' lengths
		plant string
	}{
		{"longer narratives", 1.7, ""}, // 1.7: the QA pass's 1,482 / 878
		{"longer narratives with a planted word", 1.7, "chargeback"},
		{"periods alike", 1, ""},
	} {
		noisy := 0 // corpora listing a phrase that did not emerge
		for seed := range uint64(seeds) {
			got, err := EmergingPhrases(lengthDocs(seed, 3000, 600, c.scale, c.plant), 0.05, 5, 1.5)
			if err != nil {
				t.Fatal(err)
			}
			var wrong []string
			for _, p := range got {
				// pairs with the planted word are new with it
				if c.plant == "" || !strings.Contains(p.Phrase, c.plant) {
					wrong = append(wrong, p.Phrase)
				}
			}
			if len(wrong) > 0 {
				noisy++
				t.Logf("%s, seed %d: %q emerged", c.name, seed, wrong)
			}
			if c.plant == "" {
				continue
			}
			if len(got) == 0 || got[0].Phrase != c.plant {
				t.Errorf("%s, seed %d: %q, want %q first", c.name, seed, phraseNames(got), c.plant)
			} else if r := got[0].Ratio; r < 3.5 || r > 13 {
				// planted in 1 of 15 against 1 of 100: a ratio near 6.7,
				// from about 40 and 30 complaints (a standard error
				// near 1.6)
				t.Errorf("%s, seed %d: ratio %g, want about 6.7", c.name, seed, r)
			}
		}
		if noisy > allowed {
			t.Errorf("%s: %d of %d corpora list phrases that did not emerge, want at most %d", c.name, noisy, seeds, allowed)
		}
	}
}

// phraseNames are the phrases of ps.
func phraseNames(ps []Phrase) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Phrase)
	}
	return out
}

// TestStratifiedG2: by hand, one stratum, 10 of 100 against 10 of 1000:
// given the 20 uses, the period's share pi is 100/1100 under the null and
// 10/20 at its best, so G2 = 2 (10 ln(0.5/(1/11)) + 10 ln(0.5/(10/11)))
// = 22.1382; and two strata whose period uses each at its baseline rate
// (1% and 4%) give 0, though the period, mostly of the second, uses it
// more overall (17 of 500 against 50 of 2000).
func TestStratifiedG2(t *testing.T) {
	g, up := stratifiedG2([]float64{10}, []float64{10}, []float64{100}, []float64{1000})
	if want := 20 * (math.Log(5.5) + math.Log(0.55)); !near(g, want, 1e-9) || !up {
		t.Errorf("stratifiedG2(10 of 100, 10 of 1000) = %v, %v, want %v (22.1382), true", g, up, want)
	}
	g, _ = stratifiedG2([]float64{1, 16}, []float64{10, 40}, []float64{100, 400}, []float64{1000, 1000})
	if !near(g, 0, 1e-9) {
		t.Errorf("stratifiedG2 at the baseline's rate in each stratum = %v, want 0", g)
	}
	if G2(17, 500, 50, 2000) < 1 {
		t.Errorf("the pooled G2 of the same counts is small: the case proves nothing")
	}
}

// TestMergeStrata: a stratum the baseline lacks is tested as the nearest
// shorter one it has, or else the nearest longer one.
func TestMergeStrata(t *testing.T) {
	got := mergeStrata([strata]float64{0, 5, 0, 0, 7, 0, 0, 0})
	want := [strata]int{1, 1, 1, 4, 4, 4, 4, 4} // 3 is nearer 4 than 1
	if got != want {
		t.Errorf("mergeStrata = %v, want %v", got, want)
	}
}

// TestStratifiedCountsAgree: on a corpus of many lengths, the phrases are
// the same whether the baseline is added document by document, through
// AddBaseline, or as CountTerms of two parts; counts without the strata's
// sizes (an older form) are refused.
func TestStratifiedCountsAgree(t *testing.T) {
	docs := lengthDocs(1, 1500, 300, 1.7, "chargeback")
	want, err := EmergingPhrases(docs, 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no phrases: the comparison would prove nothing")
	}
	c, _ := baselineCounts(t, docs, 2, 100)
	if got, err := c.Emerging(0.05, 5, 1.5); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("through AddBaseline: %+v, %v\nwant %+v", got, err, want)
	}
	c, base := splitTexts(docs)
	for _, part := range [][]string{base[:500], base[500:]} {
		c.AddBaselineCounts(len(part), CountTerms(part), 5)
	}
	if got, err := c.Emerging(0.05, 5, 1.5); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("through AddBaselineCounts: %+v, %v\nwant %+v", got, err, want)
	}
	c, base = splitTexts(docs)
	counts := CountTerms(base)
	for s := range strata {
		delete(counts, countKey("", s))
	}
	c.AddBaselineCounts(len(base), counts, 5)
	if _, err := c.Emerging(0.05, 5, 1.5); err == nil {
		t.Error("counts without the strata's sizes: no error")
	}
}
