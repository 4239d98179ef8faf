package classify

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/abadojack/whatlanggo"

	"github.com/complaints/complaints/internal/langwords"
)

// LanguageEnglish is the one language the default models cover.
const LanguageEnglish = "en"

// LanguageUndetermined marks a text whose language could not be told.
const LanguageUndetermined = "und"

// englishFunctionWords are frequent English words that rarely occur in
// other languages' text (so not "a" or "no"): langwords.English.
var englishFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range langwords.English() {
		m[w] = true
	}
	return m
}()

// detectLanguage returns the ISO 639-1 code of a text's language, or "und".
// It reads the words among the first 60 tokens that are no CFPB mask
// (a word has a letter: a number is none; a text without a word is
// undetermined) for English's function words and each
// Latin-alphabet language's own words (langWords: function words of it
// that are no English word, "ich", "não", "que"). English is recognised
// from its function words, which is fast and reliable for the bulk of
// complaints: at least 15% of the words, and more of them than of any
// other language's own ("Ich will mein Geld zurück, was soll das?" holds
// "will" and "was", English and German words both, and "ich" twice:
// German). Other texts go to whatlanggo's trigram detector on their first
// 1,000 bytes.
//
// Trigrams alone misname short English texts ("Comcast Data Usage
// Limits" French, "Awful Service!" Romanian, "Love my Echo!" Spanish,
// "@VirginAmerica Thank you!!" Portuguese), and a text given another
// language loses its topic and sentiment. So a language written in the
// Latin alphabet is named only with words of its own among those words,
// at least as many as of English's: whatlanggo's guess when it has one
// such word and is reliable or no English function word is among the
// words ("Obrigado pela ajuda"), or two, else the Latin-alphabet language
// with the most, at least two. A text with none whose letters are all
// ASCII (its punctuation and emoji may be anything: "It’s awesome") is
// English, as is ASCII text whatlanggo is not confident of (short tweets,
// titles); other text gets whatlanggo's guess when it is reliable or its
// confidence is at least 0.2, and is undetermined otherwise.
func detectLanguage(text string, toks []token) string {
	return detectLanguageFacts(text, toks, nil)
}

// detectLanguageFacts is detectLanguage given the facts of the tokens (nil:
// looked up here). The words are counted in one pass over the tokens,
// from the facts classify has looked up for every token already.
func detectLanguageFacts(text string, toks []token, facts []*wordFacts) string {
	var counts langCounts
	seen, n, hits, most := 0, 0, 0, 0
	for i, tk := range toks {
		if seen == 60 {
			break
		}
		if isMask(tk.lower) {
			continue
		}
		seen++
		if c := tk.lower[0]; c >= '0' && c <= '9' && !isWord(tk.lower) {
			continue // a number
		}
		n++
		var english bool
		var langs uint16
		if facts != nil {
			english, langs = facts[i].function, facts[i].foreign
		} else {
			b := langWords[tk.lower]
			english, langs = b&englishBit != 0, uint16(b)
		}
		if english {
			hits++
		}
		if langs != 0 && ownWordAt(text, tk) {
			for l := range latinLanguages {
				if langs&(1<<l) != 0 {
					counts[l]++
					most = max(most, counts[l])
				}
			}
		}
	}
	if n == 0 {
		return LanguageUndetermined
	}
	if n >= 4 && float64(hits) >= 0.15*float64(n) && hits > most {
		return LanguageEnglish
	}
	// Text of ASCII letters is named another language only for its own
	// words (below): with none, it is English, and whatlanggo, most of the
	// time of a short text, is not asked.
	ascii := lettersASCII(text)
	if ascii && most == 0 {
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
	if slices.Contains(latinLanguages, code) {
		// a guess whatlanggo is not sure of needs two words, or one among
		// words none of which is an English function word ("Obrigado
		// pela ajuda": "pela"; "Love my Echo!" has "my")
		need := 2
		if info.IsReliable() || hits == 0 {
			need = 1
		}
		if own := foreignLanguage(&counts, code, need, hits); own != "" {
			return own
		}
	}
	switch {
	case ascii:
		return LanguageEnglish
	case code != "" && info.IsReliable():
		return code
	case code != "" && info.Confidence >= 0.2:
		// whatlanggo's confidence compares the two closest languages
		// (Portuguese and Spanish share most trigrams); text with accents
		// that is not English is better named by the best guess.
		return code
	}
	return LanguageUndetermined
}

// isWord reports whether a lower-cased token is a word: it holds a letter
// (not a number, "12345") and is no CFPB mask ("xxxx").
func isWord(w string) bool {
	if c := w[0]; c < '0' || c > '9' {
		return !isMask(w)
	}
	for i := 1; i < len(w); i++ { // "2nd", "4g", "5'6"
		if c := w[i]; c >= 'a' && c <= 'z' {
			return true
		} else if c >= utf8.RuneSelf {
			return strings.IndexFunc(w[i:], unicode.IsLetter) >= 0
		}
	}
	return false
}

// hasWords reports whether any of toks is a word (isWord).
func hasWords(toks []token) bool {
	for _, tk := range toks {
		if isWord(tk.lower) {
			return true
		}
	}
	return false
}

// ownWordAt reports whether the token tk of text, one of a language's own
// words, is that word: a handle or hashtag (@united, #neveragain) and a
// part of a domain or link (amazon.com, t.co/x) name, and a short word in
// capitals abbreviates (IL, LA, MI, EST: a state, a time zone).
func ownWordAt(text string, tk token) bool {
	return !(tk.start > 0 && strings.IndexByte("@#./", text[tk.start-1]) >= 0 || tk.end-tk.start <= 3 && isUpperWord(text[tk.start:tk.end]))
}

// langCounts counts a text's words of each of latinLanguages.
type langCounts [16]int

// foreignLanguage returns the Latin-alphabet language whose own words
// (counts) are at least as many as the english function words counted
// among the same words: the language with the most (guess first among
// equals, then the first in latinLanguages), when it has at least two, or
// need and is guess; "" when none has.
func foreignLanguage(counts *langCounts, guess string, need, english int) string {
	best, most := "", 0
	for i, l := range latinLanguages {
		if c := counts[i]; c >= english && (c > most || c == most && l == guess) {
			best, most = l, c
		}
	}
	if most > 0 && (best == guess && most >= need || most >= 2) {
		return best
	}
	return ""
}

// latinLanguages are the languages of detectorOptions written in the Latin
// alphabet (langwords.Languages), at most 16: langWords gives each a bit
// of a uint16.
var latinLanguages = func() []string {
	l := langwords.Languages()
	if len(l) > len(langCounts{}) {
		panic("classify: more Latin-alphabet languages than langCounts holds")
	}
	return l
}()

// langWords holds, for each of English's function words and each of the
// languages' own words (langwords.Own: their function words that are not
// English words, so not "a", "no", "die", "an", "am" or "was", as they are
// written with and without their accents), the languages it is a word of:
// bit i for latinLanguages[i], englishBit for English. One look-up tells
// both (a word's facts keep them: wordFacts.function and foreign).
var langWords = func() map[string]uint32 {
	m := map[string]uint32{}
	for w := range englishFunctionWords {
		m[w] |= englishBit
	}
	for i, l := range latinLanguages {
		for _, w := range langwords.Own(l) {
			m[w] |= 1 << i
		}
	}
	return m
}()

const englishBit = 1 << 16

// lettersASCII reports whether every letter of s is an ASCII letter
// (whatever its punctuation, symbols and emoji).
func lettersASCII(s string) bool {
	if isASCII(s) {
		return true
	}
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// detectorOptions limits whatlanggo to widely used languages: its 84
// trigram profiles include close relatives (Galician next to Portuguese,
// Catalan next to Spanish) that make it unsure of texts that are plainly one
// of the big languages. A script's language left out is never named: Hebrew
// was undetermined.
var detectorOptions = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Por: true, whatlanggo.Spa: true, whatlanggo.Fra: true,
	whatlanggo.Deu: true, whatlanggo.Ita: true, whatlanggo.Nld: true, whatlanggo.Pol: true,
	whatlanggo.Rus: true, whatlanggo.Tur: true, whatlanggo.Arb: true, whatlanggo.Cmn: true,
	whatlanggo.Jpn: true, whatlanggo.Kor: true, whatlanggo.Hin: true, whatlanggo.Swe: true,
	whatlanggo.Ukr: true, whatlanggo.Ron: true, whatlanggo.Vie: true, whatlanggo.Ind: true,
	whatlanggo.Heb: true,
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
