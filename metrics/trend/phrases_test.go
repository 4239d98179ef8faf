package trend

import (
	"encoding/csv"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Data cap: I'm being THROTTLED!", []string{"data", "cap", "", "i'm", "being", "throttled", ""}},
		{"paid XXXX on XX/XX/2019", []string{"paid", "", "on", "", "", "2019"}},
		// a handle, a placeholder and markup make no word, and a sentence's
		// end breaks a phrase (an exploratory QA pass: "acmehelp", "phone",
		// "br entretanto", "rain call" were phrases)
		{"@AcmeHelp in the rain. Call [PHONE]<br />ok", []string{"", "in", "the", "rain", "", "call", "", "", "", "", "ok"}},
		{"[Note] a<b", []string{"", "note", "", "a", "", "b"}},
		// a handle is hidden whole, its parts after an underscore too (QA:
		// 40 of the 46 uses of "support" on Uber_Support were of
		// "@Uber_Support"); an underscore elsewhere joins no hidden word,
		// and a run longer than a Twitter handle's 15 characters is none
		{"@Uber_Support my_car @a_b_2c 7_late @abcdefghijklmnop_q", []string{"", "", "my", "car", "", "", "", "7", "late", "", "q"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	got := map[string]bool{}
	Terms(Tokens("The data cap is unfair and the data cap XXXX overage"), got)
	want := map[string]bool{"data": true, "cap": true, "data cap": true, "unfair": true, "overage": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Terms = %v, want %v", got, want)
	}
}

func TestNounPhrases(t *testing.T) {
	got, err := NounPhrases("Comcast imposed an unfair data cap on my internet service")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"unfair data cap", "internet service"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NounPhrases = %q, want %q", got, want)
	}
}

// BenchmarkTokenizers compares prose's tagger with Tokens on the Comcast
// titles (short texts) to decide which runs on the hot path.
func BenchmarkTokenizers(b *testing.B) {
	path := sharedData(b, "comcast-fcc-complaints/Comcast_telecom_complaints_data.csv")
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, r := range recs[1:] {
		texts = append(texts, r[1])
	}
	b.Run("prose", func(b *testing.B) {
		start := time.Now()
		for i := 0; i < b.N; i++ {
			for _, s := range texts {
				if _, err := NounPhrases(s); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(texts)*b.N)/time.Since(start).Seconds(), "docs/s")
	})
	b.Run("tokens", func(b *testing.B) {
		start := time.Now()
		m := map[string]bool{}
		for i := 0; i < b.N; i++ {
			for _, s := range texts {
				clear(m)
				Terms(Tokens(s), m)
			}
		}
		b.ReportMetric(float64(len(texts)*b.N)/time.Since(start).Seconds(), "docs/s")
	})
}

func TestG2(t *testing.T) {
	// By hand: 10 of 100 against 10 of 1000; expected cells 1.818, 98.18,
	// 18.18, 981.8; 2 sum O ln(O/E) = 22.9078.
	if got := G2(10, 100, 10, 1000); !near(got, 22.907803544618957, 1e-12) {
		t.Errorf("G2(10, 100, 10, 1000) = %v, want 22.9078", got)
	}
	// Equal rates give 0.
	if got := G2(5, 50, 10, 100); !near(got, 0, 1e-12) {
		t.Errorf("G2(5, 50, 10, 100) = %v, want 0", got)
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{"caps": "cap", "charges": "charge", "companies": "company", "status": "status", "access": "access", "bus": "bus", "data": "data",
		"crashes": "crash", "glitches": "glitch", "taxes": "tax", "boxes": "box", "addresses": "address", "buzzes": "buzz", "sizes": "size", "fixes": "fix"} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

// phraseDocs are TestEmergingPhrases' documents. Baseline: 300 complaints
// about billing and fees. Current period: 60, of which 24 complain about
// an unfair data cap, some saying "caps" or "throttling". "billing" and
// "fee" keep their share and must not emerge.
func phraseDocs() []Doc {
	var docs []Doc
	base := []string{"Billing error on my account", "Late fee charged twice", "Billing dispute about a late fee", "Service outage for two days"}
	for i := 0; i < 300; i++ {
		docs = append(docs, Doc{ID: fmt.Sprintf("b%03d", i), Text: base[i%len(base)]})
	}
	for i := 0; i < 60; i++ {
		text := base[i%len(base)]
		switch {
		case i%5 == 0:
			text = "Comcast imposed an unfair data cap on my internet"
		case i%5 == 1 && i < 40:
			text = "Unfair data caps and throttling of my internet"
		}
		docs = append(docs, Doc{ID: fmt.Sprintf("c%03d", i), Text: text, Current: true})
	}
	return docs
}

func TestEmergingPhrases(t *testing.T) {
	got, err := EmergingPhrases(phraseDocs(), 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		t.Logf("%+v", p)
	}
	if len(got) == 0 || !strings.Contains(got[0].Phrase, "data cap") {
		t.Fatalf("phrases = %+v, want the first to name the data cap", got)
	}
	// 12 (i%5 == 0) + 8 (i%5 == 1, i < 40) = 20 current complaints use
	// "data cap"; none in the baseline.
	if got[0].Observed != 20 || !reflect.DeepEqual(got[0].Evidence, []string{"c000", "c001", "c005", "c006", "c010"}) {
		t.Errorf("first phrase = %+v, want 20 complaints, evidence c000 c001 c005 c006 c010", got[0])
	}
	for _, p := range got {
		for _, w := range []string{"billing", "fee", "outage"} {
			if strings.Contains(p.Phrase, w) {
				t.Errorf("steady word %q emerged: %+v", w, p)
			}
		}
	}
	// A company reply quoted under many of the period's complaints, and
	// their sign-offs, are not the complainants' phrases (owntext.Of):
	// the same documents with them added give the same phrases.
	quoted := phraseDocs()
	for i := range quoted {
		if quoted[i].Current && i%2 == 0 {
			quoted[i].Text += "\n\nOn Mon, Mar 4, 2024 at 10:00 AM Acme <[EMAIL]> wrote:\n> We are experiencing unusually high volumes of contact\n"
		}
		if quoted[i].Current && i%3 == 0 {
			quoted[i].Text += "\nKind regards,\nSam"
		}
	}
	again, err := EmergingPhrases(quoted, 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, got) {
		t.Errorf("with quoted replies and sign-offs: %+v, want %+v", again, got)
	}
	// A phrase shown longer than the term its figures count names that
	// term (Counted), one of those merged into it.
	for _, p := range got {
		if p.Counted != "" && (!slices.Contains(p.Merged, p.Counted) || p.Counted == p.Phrase) {
			t.Errorf("phrase %q counts %q, which is not among those merged, %q", p.Phrase, p.Counted, p.Merged)
		}
	}
	// Overlapping terms are merged: "data", "cap", "unfair" are not phrases of their own.
	for _, p := range got[1:] {
		if p.Phrase == "data" || p.Phrase == "cap" || p.Phrase == "unfair" {
			t.Errorf("overlapping term %q not merged: %+v", p.Phrase, got)
		}
	}
}

// benchPhraseDocs are 100k synthetic narratives of about 30 words (12
// weeks of baseline, one current week with a planted phrase).
func benchPhraseDocs() []Doc {
	vocab := strings.Fields(`account bank card charge payment loan mortgage credit report error late fee interest
		balance statement dispute fraud transfer deposit branch online app customer service agent call phone email
		letter notice debt collector score bureau identity theft refund overdraft limit rate escrow insurance`)
	const n = 100_000
	docs := make([]Doc, n)
	for i := range docs {
		var sb strings.Builder
		for k := 0; k < 30; k++ {
			sb.WriteString(vocab[(i*31+k*17+k*k*7)%len(vocab)])
			sb.WriteByte(' ')
		}
		cur := i >= n*12/13
		if cur && i%7 == 0 {
			sb.WriteString("the new mobile wallet outage locked me out")
		}
		docs[i] = Doc{ID: fmt.Sprint(i), Text: sb.String(), Current: cur}
	}
	return docs
}

// BenchmarkEmergingPhrases mines benchPhraseDocs added one by one.
func BenchmarkEmergingPhrases(b *testing.B) {
	docs := benchPhraseDocs()
	b.ReportAllocs()
	b.ResetTimer()
	var found int
	for i := 0; i < b.N; i++ {
		ps, err := EmergingPhrases(docs, 0.05, 5, 1.5)
		if err != nil {
			b.Fatal(err)
		}
		found = len(ps)
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(found), "phrases")
}

// BenchmarkAddBaseline mines benchPhraseDocs as the reports do: the
// current documents added, then the baseline counted by AddBaseline on two
// goroutines, in batches of 1,000.
func BenchmarkAddBaseline(b *testing.B) {
	docs := benchPhraseDocs()
	b.ReportAllocs()
	b.ResetTimer()
	var found int
	for i := 0; i < b.N; i++ {
		c, base := splitDocs(docs)
		batches := make(chan []Doc)
		go func() {
			defer close(batches)
			for k := 0; k < len(base); k += 1000 {
				batches <- base[k:min(k+1000, len(base))]
			}
		}()
		c.AddBaseline(batches, 2)
		ps, err := c.Emerging(0.05, 5, 1.5)
		if err != nil {
			b.Fatal(err)
		}
		found = len(ps)
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(found), "phrases")
}

// TestEmergingPhraseSurface: a phrase is shown as the complaints write it,
// not as its stems are counted: "wells fargo" (stems "well fargo"), and
// the more frequent of two spellings that stem alike ("fees" written 9
// times, "fee" 3: shown "fees").
func TestEmergingPhraseSurface(t *testing.T) {
	var docs []Doc
	for i := range 60 {
		docs = append(docs, Doc{ID: fmt.Sprintf("b%02d", i), Text: "my parcel arrived late again"})
	}
	for i := range 12 {
		text := "Wells Fargo charged me overdraft fees twice"
		if i%4 == 3 {
			text = "Wells Fargo charged an overdraft fee twice"
		}
		docs = append(docs, Doc{ID: fmt.Sprintf("c%02d", i), Text: text, Current: true})
	}
	got, err := EmergingPhrases(docs, 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, p := range got {
		shown = append(shown, p.Phrase)
		shown = append(shown, p.Merged...)
	}
	t.Logf("%q", shown)
	if !slices.Contains(shown, "wells fargo") || slices.Contains(shown, "well fargo") {
		t.Errorf("phrases %q, want \"wells fargo\" as written, not its stems", shown)
	}
	if !slices.Contains(shown, "overdraft fees") || slices.Contains(shown, "overdraft fee") {
		t.Errorf("phrases %q, want the overdraft fees as most write them", shown)
	}
}

func TestSurfaceForm(t *testing.T) {
	docs := []Doc{{Text: "The NEWS was bad"}, {Text: "news again"}, {Text: "series of fees"}}
	for _, c := range []struct {
		cur        []int
		term, want string
	}{
		{[]int{0, 1}, "new", "news"},
		{[]int{2}, "sery", "series"},
		{[]int{2}, "sery fee", "sery fee"}, // not written so ("of" between): the term itself
		{nil, "fee", "fee"},
	} {
		if got := newSurfaceForms(docs).of(c.cur, c.term); got != c.want {
			t.Errorf("surface form of %v, %q = %q, want %q", c.cur, c.term, got, c.want)
		}
	}
}
