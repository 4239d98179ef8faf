// Package bidi names the Unicode characters that change the direction of
// the text after them (the "Trojan Source" characters, CVE-2021-42574):
// text from the data must not carry them unseen to a terminal (`complaints
// sql`, trends, errors) or to a report page, where a product
// "abc\u202Egnp.exe" reads "abcexe.png"; and those that take no room
// (Invisible), where a complaint ID "H\u200b2" reads as H2. The terminal
// and the pages share these rules.
package bidi

import (
	"slices"
	"unicode"
)

// Controls are those characters: the Arabic letter mark, the left-to-right
// and right-to-left marks, the embeddings and overrides with their pop,
// and the isolates with theirs.
var Controls = []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}

// IsControl reports whether r is one of Controls.
func IsControl(r rune) bool { return slices.Contains(Controls, r) }

// Invisible reports whether r, between prev and next (0 at either end of
// the text), is a zero-width character that a page or a terminal should
// show rather than print (as Controls, which reorder text): the
// zero-width space, non-joiner and joiner, the word joiner and the
// zero-width no-break space (the byte order mark); the soft hyphen, the
// combining grapheme joiner, the Mongolian vowel separator and the
// invisible operators (U+2061-U+2064), drawn as nothing too ("pay\u00adpal"
// reads "paypal"). The joiner (U+200D) is
// kept inside an emoji sequence, after an emoji, a skin tone or the emoji
// presentation selector and before an emoji ("😀\u200d🔥", a family, a
// flag), where it draws one picture of two and hides nothing. The joiner
// and the non-joiner are kept too between two letters (or marks) of one
// script whose letters join (joiningScripts: Persian's "می‌خواهم", a
// Devanagari half form), where they choose the letters' shapes, as the
// writer meant; between Latin letters they draw nothing and hide the word
// ("pay\u200cpal"). The report pages and cmd/complaints show them alike.
func Invisible(prev, r, next rune) bool {
	switch r {
	case 0x200d, 0x200c:
		if joinsLetters(prev, next) {
			return false
		}
		if r == 0x200c {
			return true
		}
		emoji := func(c rune) bool { return unicode.Is(unicode.So, c) }
		return !((emoji(prev) || prev == 0xfe0f || (prev >= 0x1f3fb && prev <= 0x1f3ff)) && emoji(next))
	case 0x200b, 0x2060, 0xfeff, 0x00ad, 0x034f, 0x180e, 0x2061, 0x2062, 0x2063, 0x2064:
		return true
	}
	return false
}

// joiningScripts are the scripts whose letters change shape as they join
// their neighbours, where a zero-width joiner or non-joiner between two of
// them is part of the spelling: Arabic (Persian, Urdu), Syriac, N'Ko and
// Mongolian, and the Brahmic scripts of South and South-East Asia.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Tibetan, unicode.Myanmar, unicode.Khmer,
}

// joinsLetters reports whether prev and next are letters or marks of one
// of joiningScripts.
func joinsLetters(prev, next rune) bool {
	letter := func(c rune) bool { return unicode.IsLetter(c) || unicode.IsMark(c) }
	if !letter(prev) || !letter(next) {
		return false
	}
	for _, s := range joiningScripts {
		if unicode.Is(s, prev) && unicode.Is(s, next) {
			return true
		}
	}
	return false
}
