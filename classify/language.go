package classify

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"

	"github.com/abadojack/whatlanggo"
)

// LanguageEnglish is the one language the default models cover.
const LanguageEnglish = "en"

// LanguageUndetermined marks a text whose language could not be told.
const LanguageUndetermined = "und"

// englishFunctionWords are frequent English words that rarely occur in
// other languages' text (so not "a" or "no").
var englishFunctionWords = map[string]bool{
	"the": true, "and": true, "to": true, "of": true, "i": true, "is": true, "in": true, "my": true,
	"for": true, "that": true, "it": true, "was": true, "you": true, "on": true, "with": true,
	"have": true, "this": true, "not": true, "be": true, "they": true, "are": true,
	"we": true, "your": true, "at": true, "from": true, "but": true, "been": true, "had": true,
	"will": true, "can": true, "would": true, "has": true, "their": true, "them": true, "an": true,
	"were": true, "what": true, "why": true, "when": true, "there": true, "thanks": true, "please": true,
	// contractions, frequent in short texts ("It's good got quick connection")
	"it's": true, "i'm": true, "i've": true, "i'll": true, "i'd": true, "don't": true, "didn't": true,
	"doesn't": true, "can't": true, "isn't": true, "wasn't": true, "won't": true, "haven't": true,
	"you're": true, "we're": true, "they're": true, "that's": true,
}

// detectLanguage returns the ISO 639-1 code of a text's language. English
// is recognised from its function words (at least 15% of the first 60
// words), which is fast and reliable for the bulk of complaints; other
// texts go to whatlanggo's trigram detector on their first 1,000 bytes.
// When whatlanggo is not confident, ASCII-only text is taken as English
// (short tweets, titles), other text gets whatlanggo's best guess when its
// confidence is at least 0.2, and is undetermined otherwise.
func detectLanguage(text string, toks []token) string {
	return detectLanguageFacts(text, toks, nil)
}

// detectLanguageFacts is detectLanguage given the facts of the tokens (nil:
// looked up here).
func detectLanguageFacts(text string, toks []token, facts []*wordFacts) string {
	n, hits := 0, 0
	for i, tk := range toks {
		if n == 60 {
			break
		}
		if isMask(tk.lower) {
			continue
		}
		n++
		if facts != nil && facts[i].function || facts == nil && englishFunctionWords[tk.lower] {
			hits++
		}
	}
	if n == 0 {
		return LanguageUndetermined
	}
	if n >= 4 && float64(hits) >= 0.15*float64(n) {
		return LanguageEnglish
	}
	sample := text
	if len(sample) > 1000 {
		sample = sample[:1000]
		for len(sample) > 0 && !utf8.ValidString(sample) {
			sample = sample[:len(sample)-1]
		}
	}
	info := whatlanggo.DetectWithOptions(sample, detectorOptions)
	code := info.Lang.Iso6391()
	ascii := isASCII(text)
	switch {
	case code != "" && info.IsReliable():
		return code
	case ascii:
		return LanguageEnglish
	case code != "" && info.Confidence >= 0.2:
		// whatlanggo's confidence compares the two closest languages
		// (Portuguese and Spanish share most trigrams); text with accents
		// that is not English is better named by the best guess.
		return code
	}
	return LanguageUndetermined
}

// detectorOptions limits whatlanggo to widely used languages: its 84
// trigram profiles include close relatives (Galician next to Portuguese,
// Catalan next to Spanish) that make it unsure of texts that are plainly one
// of the big languages.
var detectorOptions = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Por: true, whatlanggo.Spa: true, whatlanggo.Fra: true,
	whatlanggo.Deu: true, whatlanggo.Ita: true, whatlanggo.Nld: true, whatlanggo.Pol: true,
	whatlanggo.Rus: true, whatlanggo.Tur: true, whatlanggo.Arb: true, whatlanggo.Cmn: true,
	whatlanggo.Jpn: true, whatlanggo.Kor: true, whatlanggo.Hin: true, whatlanggo.Swe: true,
	whatlanggo.Ukr: true, whatlanggo.Ron: true, whatlanggo.Vie: true, whatlanggo.Ind: true,
}}

// isASCII reports whether s is all ASCII. It tests eight bytes at a time
// (their high bits at once): classify asks it of every text and sentence.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
