package classify

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"
)

func TestLiteralFilter(t *testing.T) {
	tests := []struct {
		name string
		re   string
		want [][]string
	}{
		{"literal", `abc`, [][]string{{"abc"}}},
		{"short literal dropped", `ab`, nil},
		{"alternation", `\b(?:file|filed|filing)\s+suit\b`, [][]string{{"file", "filing"}, {"suit"}}},
		{"optional part", `sheriff'?s?\s+sale`, [][]string{{"sheriff"}, {"sale"}}},
		{"nothing required", `\b(?:i|we)\b[^.;!?]{0,60}?\b(?:\w+\s+)*`, nil},
		{"repeat at least once", `(?:very\s+){1,3}bad`, [][]string{{"very"}, {"bad"}}},
		// ("no" is too short to test, so the products with it are dropped)
		{"distributed alternation", `(?:cannot\s+afford|no\s+money)`, [][]string{{"cannot", "money"}, {"afford", "money"}}},
		{"branch requiring nothing", `(?:urgent|\w+)`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]string
			for _, set := range newLiteralFilter(regexp.MustCompile(tt.re)) {
				got = append(got, set.lits)
			}
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("newLiteralFilter(%q) = %q, want %q", tt.re, got, tt.want)
			}
		})
	}
}

// TestLiteralFilterSound checks the filter's one promise (a text it rejects
// has no match) for every flag pattern on the window around every keyword
// of the real CFPB narratives of both public sets (the labelled flag sets
// are drawn from them).
func TestLiteralFilterSound(t *testing.T) {
	_, texts := cfpbNarratives(t)
	h, recs := readCSV(t, sharedData(t, "cfpb-bdm-sample/complaints_sample.csv"), ',')
	n := column(t, h, "Consumer complaint narrative")
	for _, r := range recs {
		texts = append(texts, r[n])
	}
	windows, rejected, matched := 0, 0, 0
	for _, text := range texts {
		lower := asciiLowerKeepOffsets(text)
		for _, h := range findKeywords(lower, tokenize(text, nil), nil) {
			re := flagRules[h.rule].patterns[h.pattern].re
			s, e := matchWindow(lower, h.start, h.end)
			w := lower[s:e]
			windows++
			m := re.MatchString(w)
			if m {
				matched++
			}
			if !patternFilters[h.rule][h.pattern].mayMatch(w) {
				rejected++
				if m {
					t.Errorf("pattern %d/%d matches %q, which its filter rejects", h.rule, h.pattern, w)
				}
			}
		}
	}
	t.Logf("%d texts: %d keyword windows, %d rejected by the filters, %d matched", len(texts), windows, rejected, matched)
	if matched == 0 || rejected == 0 {
		t.Errorf("no window matched (%d) or none was rejected (%d): the test tests nothing", matched, rejected)
	}
}

func TestPrefixes(t *testing.T) {
	tests := []struct {
		re   string
		want []string // nil: not known
	}{
		{`\b(?:i|we|i'm)\b[^.;!?]{0,60}?\bcancel`, []string{"i", "we"}},
		{`\b((?:foreclosure\s+)?sale\s+date|sheriff'?s?\s+sale)\b`, []string{"foreclosure", "sale", "sheriff"}},
		{`\b(?:file|filed|filing)\s+suit`, []string{"file", "filing"}},
		{`\b(?:\w+\s+)?won`, nil},                           // a word of any letters
		{`\b(?:will|'ll)\s+never`, []string{"'ll", "will"}}, // newMatchStarts refuses "'ll": no word byte
		{`\b(?:urgent)?`, nil},                              // can match the empty string
	}
	for _, tt := range tests {
		tr, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := prefixesOf(tr)
		if !ok {
			got = nil
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("prefixesOf(%q) = %q, want %q", tt.re, got, tt.want)
		}
	}
	if newMatchStarts(regexp.MustCompile(`\b(?:will|'ll)\s+never`)) != nil {
		t.Errorf("newMatchStarts accepts a match that can start after a word byte")
	}
}

// TestEachMatch checks that eachMatch, which runs a flag pattern anchored
// at its possible match starts, finds exactly the matches of
// FindAllStringSubmatchIndex, on the window around every keyword of the
// real CFPB narratives and on the first 500 whole narratives (long texts,
// where the expressions run on another of Go's matchers).
func TestEachMatch(t *testing.T) {
	_, texts := cfpbNarratives(t)
	starts, compared := 0, 0
	for ri, r := range flagRules {
		for pi := range r.patterns {
			if patternStarts[ri][pi] != nil {
				starts++
			}
		}
	}
	for i, text := range texts {
		lower := asciiLowerKeepOffsets(text)
		check := func(ri, pi int, w string) {
			re, ms := flagRules[ri].patterns[pi].re, patternStarts[ri][pi]
			var got [][]int
			from := 0
			if ms != nil {
				from = ms.next(w, 0)
			}
			eachMatch(re, ms, w, from, func(m []int) bool {
				got = append(got, slices.Clone(m))
				return true
			})
			want := re.FindAllStringSubmatchIndex(w, -1)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("pattern %d/%d on %q: eachMatch %v, FindAllStringSubmatchIndex %v", ri, pi, w, got, want)
			}
			compared += len(want)
		}
		for _, h := range findKeywords(lower, tokenize(text, nil), nil) {
			s, e := matchWindow(lower, h.start, h.end)
			check(h.rule, h.pattern, lower[s:e])
		}
		if i >= 500 {
			continue
		}
		for ri, r := range flagRules {
			for pi := range r.patterns {
				check(ri, pi, lower)
			}
		}
	}
	t.Logf("%d of the patterns run at their match starts; %d matches compared", starts, compared)
	if starts == 0 || compared == 0 {
		t.Errorf("nothing compared")
	}
}
