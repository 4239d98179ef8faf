package classify

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
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
//
// Trigrams alone misname short English texts ("Comcast Data Usage
// Limits" French, "Awful Service!" Romanian, "Love my Echo!" Spanish,
// "@VirginAmerica Thank you!!" Portuguese), and a text given another
// language loses its topic and sentiment. So a language written in the
// Latin alphabet is named only with words of its own (foreignWords: a
// function word of it that is no English word) among the first 60, more
// of them than of English's: whatlanggo's guess when it has one such word
// and is reliable, or two, else the Latin-alphabet language with the
// most, at least two. A text
// with none whose letters are all ASCII (its punctuation and emoji may be
// anything: "It’s awesome") is English, as is ASCII text whatlanggo is not
// confident of (short tweets, titles); other text gets whatlanggo's guess
// when it is reliable or its confidence is at least 0.2, and is
// undetermined otherwise.
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
	// Text of ASCII letters is named another language only for its own
	// words (below): with none, it is English, and whatlanggo, most of the
	// time of a short text, is not asked.
	counts := foreignCounts(text, toks)
	ascii := lettersASCII(text)
	if ascii && counts == ([len(latinLanguages)]int{}) {
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
	if slices.Contains(latinLanguages[:], code) {
		need := 2 // a guess whatlanggo is not sure of needs two words
		if info.IsReliable() {
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

// foreignCounts counts, for each of latinLanguages, its own words
// (foreignWords) among the first 60 words of toks (of text).
func foreignCounts(text string, toks []token) (counts [len(latinLanguages)]int) {
	n := 0
	for _, tk := range toks {
		if n == 60 {
			break
		}
		if isMask(tk.lower) {
			continue
		}
		n++
		langs := foreignWords[tk.lower]
		if langs == 0 {
			continue
		}
		// a handle or hashtag (@united, #neveragain) and a part of a
		// domain or link (amazon.com, t.co/x) name, and a short word in
		// capitals abbreviates (IL, LA, MI, EST: a state, a time zone):
		// none is a function word
		if tk.start > 0 && strings.IndexByte("@#./", text[tk.start-1]) >= 0 || tk.end-tk.start <= 3 && isUpperWord(text[tk.start:tk.end]) {
			continue
		}
		for i := range latinLanguages {
			if langs&(1<<i) != 0 {
				counts[i]++
			}
		}
	}
	return counts
}

// foreignLanguage returns the Latin-alphabet language whose own words
// (counts, by foreignCounts) outnumber the english function words counted
// among the same words: the language with the most (guess first among
// equals, then the first in latinLanguages), when it has at least two, or
// need and is guess; "" when none has.
func foreignLanguage(counts *[len(latinLanguages)]int, guess string, need, english int) string {
	best, most := "", 0
	for i, l := range latinLanguages {
		if c := counts[i]; c > english && (c > most || c == most && l == guess) {
			best, most = l, c
		}
	}
	if best == guess && most >= need || most >= 2 {
		return best
	}
	return ""
}

// latinLanguages are the languages of detectorOptions written in the Latin
// alphabet, and foreignWords their frequent function words that are not
// English words too (so not "a", "no", "die", "an", "am" or "was"), as
// they are written with and without their accents.
var latinLanguages = [...]string{"pt", "es", "fr", "de", "it", "nl", "pl", "tr", "sv", "ro", "vi", "id"}

// foreignWords holds, for each such word, the languages it is one of (bit
// i for latinLanguages[i]).
var foreignWords = func() map[string]uint16 {
	words := map[string]string{
		"pt": "de que não nao uma os da das dos para por mais foi meu minha ele ela mas na nos se ao sem já ja está esta estou tenho até pelo pela isso muito também tambem você voce é são sao com quem eu seu sua ainda mesmo depois sobre quando porque pois nem onde então entao foram tem ter pra",
		"es": "de que el la y en un una por para es lo se su sus del pero muy está esta más ya le te tiene nos si hola gracias porque cuando este esto todo nada algo bien tengo estoy hace",
		"fr": "le la les de des du et un une pour pas je vous nous il elle avec dans sur que qui ce cette mes au aux ne très tres mais sont été j'ai c'est n'est",
		"de": "der das und ist nicht ich sie es ein eine einen mit zu auf für sich auch nach bei wir ihr aber noch wie oder habe sind wurde kein keine von du hast aus dem deine dein meine mein meinen mir mich dass denn schon nur wird uns euch bitte danke hallo leider seit wenn weil jetzt immer heute gibt",
		"it": "il la di che è un una sono del della lo gli le si anche questo molto nel alla",
		"nl": "de het een en ik niet dat je te zijn voor maar ook wel bij nog wij heb geen naar heeft mijn",
		"pl": "nie się sie jest że ze na jak tak już juz mnie przez dla czy jestem był byl tylko",
		"tr": "ve bir bu da de için icin ile çok cok ne gibi daha yok değil degil olarak kadar",
		"sv": "och att det som en är ar på inte jag för ett de så",
		"ro": "și si de la în nu că un se este sunt mai pentru fost ce sau lui dar",
		"vi": "và của là có không khong được duoc tôi toi một mot này các những với người",
		"id": "yang di ini itu dengan untuk tidak dari dalam akan pada juga saya ke bisa sudah karena kami atau aku tapi",
	}
	m := map[string]uint16{}
	for i, l := range latinLanguages {
		for _, w := range strings.Fields(words[l]) {
			m[w] |= 1 << i
		}
	}
	return m
}()

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
