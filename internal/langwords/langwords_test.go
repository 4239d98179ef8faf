package langwords

import (
	"slices"
	"strings"
	"testing"
)

// falseFriends are English words, many of them everyday complaint words,
// that are function words (or their unaccented spellings) of a language
// of Languages, or that customers type in English text: German "die",
// "was", "will", "an", "am", "man", "hat", "war", "in"; Spanish and
// Portuguese "no", "me", "he", "son", "ha", "hay", "sin", "ate" ("até");
// "bank", "rate", "gift" and "mail", nouns of German, Romanian or Polish;
// "mi", "las", "los", "att", "im" (Michigan, Las Vegas, AT&T, "I'm"), and
// what is left of a contraction that lost its apostrophe ("I ve"). In a
// language's own words one would make English text foreign to the
// detector and hide an English complaint's word from the phrases.
var falseFriends = strings.Fields(`a i o e am an as at be by do go he if in is it me my no of on or so to up us we
	also arm bald bank die fast gift hat hell kind man mail mist pies rate real rot see son sue was war will
	ha hay sin ante ate den mi um im las los att hoy mis ca ve ll re`)

func TestOwnWordsAreNoEnglishWords(t *testing.T) {
	english := English()
	for _, lang := range Languages() {
		words := Own(lang)
		if len(words) == 0 {
			t.Errorf("Own(%q) is empty", lang)
		}
		seen := map[string]bool{}
		for _, w := range words {
			if w != strings.ToLower(w) {
				t.Errorf("Own(%q) holds %q, not in lower case", lang, w)
			}
			if seen[w] {
				t.Errorf("Own(%q) holds %q twice", lang, w)
			}
			seen[w] = true
			if slices.Contains(falseFriends, w) || slices.Contains(english, w) {
				t.Errorf("Own(%q) holds %q, an English word", lang, w)
			}
		}
	}
	if Own("en") != nil || Own("ru") != nil {
		t.Error("Own of a language not in Languages is not nil")
	}
}

func TestLanguages(t *testing.T) {
	langs := Languages()
	// classify counts a text's words of each in a bit of a uint16
	if len(langs) == 0 || len(langs) > 16 {
		t.Fatalf("Languages() = %q: want 1 to 16", langs)
	}
	for i, l := range langs {
		if len(l) != 2 || slices.Contains(langs[:i], l) {
			t.Errorf("Languages() = %q: %q is no ISO 639-1 code or comes twice", langs, l)
		}
	}
	// each call is the caller's own copy
	langs[0] = "xx"
	if Languages()[0] == "xx" {
		t.Error("Languages() returned the package's own slice")
	}
}
