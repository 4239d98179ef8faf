package trend

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// rowOf maps each phrase and term merged into it to its row in ps.
func rowOf(ps []Phrase) map[string]int {
	listed := map[string]int{}
	for i, p := range ps {
		listed[p.Phrase] = i
		for _, m := range p.Merged {
			listed[m] = i
		}
	}
	return listed
}

// crackleDocs is the QA pass's crackling defect (cr.duckdb, crackle.csv)
// beside lengthDocs' everyday complaints (seed 1: 2,000 baseline, 160
// current): 20 planted complaints in the period, 7 "Crackling sound from
// the speaker after a few days.", 6 "The speaker makes a crackling noise
// at high volume.", 4 "Audio crackles and distorts, the speaker seems
// blown." and 3 "Speaker crackling when playing music, very
// disappointing." (the QA file's counts). Two baseline complaints
// crackled too, as two of the QA's did: one "crackling", one "crackles".
func crackleDocs() []Doc {
	docs := lengthDocs(1, 2000, 160, 1, "")
	docs[0].Text = "the speaker was crackling " + docs[0].Text
	docs[1].Text = "it crackles " + docs[1].Text
	add := func(n int, text string) {
		for range n {
			docs = append(docs, Doc{ID: fmt.Sprintf("cr%02d", len(docs)-2160), Text: text, Current: true})
		}
	}
	add(7, "Crackling sound from the speaker after a few days.")
	add(6, "The speaker makes a crackling noise at high volume.")
	add(4, "Audio crackles and distorts, the speaker seems blown.")
	add(3, "Speaker crackling when playing music, very disappointing.")
	return docs
}

// TestPhraseOneDefect: the 20 crackling complaints are one row, counting
// all 20 (16 write "crackling", 4 "crackles": one verb's forms), and the
// phrases only they use ("high volume", "crackling noise", "speaker
// makes") are in it; the QA pass found "crackling" (16) and "high volume"
// (6) listed apart, "crackles" nowhere.
func TestPhraseOneDefect(t *testing.T) {
	got, err := EmergingPhrases(crackleDocs(), 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		t.Logf("%q obs %v exp %v q %.2g counted %q merged %q", p.Phrase, p.Observed, p.Expected, p.QValue, p.Counted, p.Merged)
	}
	listed := rowOf(got)
	row, ok := listed["crackling"]
	if !ok {
		t.Fatalf("crackling not listed: %q", phraseNames(got))
	}
	for _, term := range []string{"crackles", "crackling sound", "crackling noise", "high volume", "speaker makes"} {
		if i, ok := listed[term]; !ok || i != row {
			t.Errorf("%q not in the row of crackling (%q, merged %q)", term, got[row].Phrase, got[row].Merged)
		}
	}
	if got[row].Observed != 20 { // 7 + 6 + 4 + 3
		t.Errorf("crackling counts %v complaints, want 20 (16 crackling, 4 crackles)", got[row].Observed)
	}
	// its complaints, a page's list of them, are the ones it counts: the
	// 20 planted, cr00 to cr19 (crackleDocs' IDs)
	var ids []string
	for _, c := range got[row].Complaints {
		ids = append(ids, c.ID)
	}
	want := make([]string, 20)
	for i := range want {
		want[i] = fmt.Sprintf("cr%02d", i)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("crackling's complaints %q, want %q", ids, want)
	}
	for _, p := range got {
		if float64(len(p.Complaints)) != p.Observed {
			t.Errorf("%q lists %d complaints, counts %v", p.Phrase, len(p.Complaints), p.Observed)
		}
	}
	// lengthDocs' everyday words list a pair or two at seed 1 (see
	// TestEmergingPhrasesLongerNarratives); none of the planted texts'
	// words is in a row of its own
	for i, p := range got {
		for _, w := range append([]string{p.Phrase}, p.Merged...) {
			if i != row && strings.ContainsAny(w, " ") == false && strings.Contains("crackl speaker high volume noise sound audio", w) {
				t.Errorf("%q listed apart from crackling: %q", w, phraseNames(got))
			}
		}
	}
}

// TestFormGroupCountsAgree: a word's forms tested together, one of them
// used by fewer current complaints than the minimum count ("crackles": 4
// of 5) and by a baseline complaint, give the same phrases when the
// baseline is counted by AddBaseline, or given as counts cut to Terms.
func TestFormGroupCountsAgree(t *testing.T) {
	docs := crackleDocs()
	want, err := EmergingPhrases(docs, 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := baselineCounts(t, docs, 2, 100)
	if got, err := c.Emerging(0.05, 5, 1.5); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("through AddBaseline: %+v, %v\nwant %+v", got, err, want)
	}
	c, base := splitTexts(docs)
	for _, part := range [][]string{base[:700], base[700:]} {
		counts := CountTerms(part)
		cut := map[string]int32{}
		for _, term := range c.Terms(5) {
			if n, ok := counts[term]; ok {
				cut[term] = n
			}
		}
		c.AddBaselineCounts(len(part), cut, 5)
	}
	if got, err := c.Emerging(0.05, 5, 1.5); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("through AddBaselineCounts cut to Terms: %+v, %v\nwant %+v", got, err, want)
	}
}

// rebootDocs is the QA pass's week of "keeps rebooting" (wk.duckdb,
// mk_weekly.py's templates, 14 planted in the week judged, 2 each of
// templates 1-7 in order) beside lengthDocs' everyday complaints (seed s:
// 2,200 baseline, about 12 weeks of the QA's 185, and 176 current),
// where "last" is an everyday word too: in one baseline complaint in 300
// and in two of the period's, as there ("last" in 6 complaints of the
// week, 4 of them planted, against 0.626 expected).
func rebootDocs(seed uint64) []Doc {
	docs := lengthDocs(seed, 2200, 176, 1, "")
	for i := range docs {
		if i < 2200 && i%300 == 0 || i == 2200 || i == 2201 {
			docs[i].Text = "last " + docs[i].Text
		}
	}
	templates := []string{
		"Since the last firmware update my Echo keeps rebooting every hour.",
		"Device keeps rebooting itself in the middle of music. Very annoying.",
		"After the update it keeps rebooting and the light ring goes orange.",
		"Keeps rebooting overnight, I have to unplug it every morning.",
		"My dot keeps rebooting randomly since last week, support had no answer.",
		"It keeps rebooting when I ask for the weather. Useless now.",
		"Stuck in a loop, keeps rebooting after the update. Please fix.",
	}
	for i := range 14 {
		docs = append(docs, Doc{ID: fmt.Sprintf("rb%02d", i), Text: templates[i%7], Current: true})
	}
	return docs
}

// TestPhraseExplainedByStronger: a word whose rise the planted phrase's
// complaints make ("last": 4 of its 6 complaints planted) is not listed
// on its own: on the complaints outside "keeps rebooting" it is used as
// the baseline expects (2 against about 0.6); the planted phrase is still
// found, all 14 complaints. Ten corpora (seeds 0-9).
func TestPhraseExplainedByStronger(t *testing.T) {
	for seed := range uint64(10) {
		got, err := EmergingPhrases(rebootDocs(seed), 0.05, 5, 1.5)
		if err != nil {
			t.Fatal(err)
		}
		listed := rowOf(got)
		row, ok := listed["keeps rebooting"]
		if !ok {
			t.Errorf("seed %d: keeps rebooting not found: %q", seed, phraseNames(got))
			continue
		}
		if got[row].Observed != 14 {
			t.Errorf("seed %d: rebooting row counts %v, want the 14 planted", seed, got[row].Observed)
		}
		for i, p := range got {
			if i != row && (p.Phrase == "last" || slices.Contains(p.Merged, "last") || strings.Contains(p.Phrase, "update")) {
				t.Errorf("seed %d: %q (merged %q) listed apart from keeps rebooting", seed, p.Phrase, p.Merged)
			}
		}
		if len(got) > 1 {
			t.Logf("seed %d: %q", seed, phraseNames(got))
		}
	}
}
