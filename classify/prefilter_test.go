package classify

import (
	"regexp"
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
