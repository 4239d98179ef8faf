package classify

import "testing"

// TestDetectLanguageHebrew: Hebrew text was undetermined, though
// whatlanggo names Hebrew, for Hebrew was left out of its languages
// (detectorOptions); a multilingual QA pass (issue 3) wants the language
// named in the reason of a text no model covers.
func TestDetectLanguageHebrew(t *testing.T) {
	for _, text := range []string{"החיוב כפול בכרטיס האשראי שלי", "\u202eהחיוב כפול בכרטיס האשראי שלי\u202c"} {
		if got := detectLanguage(text, tokenize(text, nil)); got != "he" {
			t.Errorf("detectLanguage(%q) = %q, want he", text, got)
		}
	}
	r := New(Options{Workers: 1}).Classify("החיוב כפול בכרטיס האשראי שלי")
	if r.Language != "he" || r.HasSentiment || r.Topic != TopicOther {
		t.Errorf("Classify(Hebrew): language %q, sentiment %v, topic %q; want he, none, other", r.Language, r.HasSentiment, r.Topic)
	}
}
