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
// zero-width non-joiner and joiner, and those of ignorable, the zero-width
// space, the word joiner, the zero-width no-break space (the byte order
// mark), the soft hyphen ("pay\u00adpal" reads "paypal"), the Hangul
// fillers, the tag characters and the rest of Unicode's default-ignorable
// characters, drawn as nothing too. The joiner (U+200D) is
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
	}
	return r >= 0x00ad && unicode.Is(ignorable, r) // (none below the soft hyphen: ASCII is not looked up)
}

// ignorable are the characters Invisible shows whatever their neighbours:
// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt,
// which Go's unicode package does not hold whole), drawn as nothing, less
// Controls, the joiners (judged by their neighbours) and the variation
// selectors (U+180B-U+180D, U+180F, U+FE00-U+FE0F, U+E0100-U+E01EF), which
// choose a glyph for the character before them ("❤\ufe0f"). Beside the
// zero-width space, the word joiner and the byte order mark: the soft
// hyphen, the combining grapheme joiner, the Hangul fillers (U+115F,
// U+1160, U+3164, U+FFA0: a name that shows blank), the Khmer inherent
// vowels, the Mongolian vowel separator, the invisible operators, the
// deprecated format characters (U+206A-U+206F), the shorthand and musical
// format controls, the tag characters (U+E0000-U+E007F: ASCII spelled
// unseen, "Prod\U000e0041X" read ProdX) and the code points the standard
// keeps default-ignorable unassigned (TestInvisibleDefaultIgnorable).
var ignorable = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x00ad, Hi: 0x00ad, Stride: 1},
		{Lo: 0x034f, Hi: 0x034f, Stride: 1},
		{Lo: 0x115f, Hi: 0x1160, Stride: 1},
		{Lo: 0x17b4, Hi: 0x17b5, Stride: 1},
		{Lo: 0x180e, Hi: 0x180e, Stride: 1},
		{Lo: 0x200b, Hi: 0x200b, Stride: 1},
		{Lo: 0x2060, Hi: 0x2065, Stride: 1},
		{Lo: 0x206a, Hi: 0x206f, Stride: 1},
		{Lo: 0x3164, Hi: 0x3164, Stride: 1},
		{Lo: 0xfeff, Hi: 0xfeff, Stride: 1},
		{Lo: 0xffa0, Hi: 0xffa0, Stride: 1},
		{Lo: 0xfff0, Hi: 0xfff8, Stride: 1},
	},
	R32: []unicode.Range32{
		{Lo: 0x1bca0, Hi: 0x1bca3, Stride: 1},
		{Lo: 0x1d173, Hi: 0x1d17a, Stride: 1},
		{Lo: 0xe0000, Hi: 0xe00ff, Stride: 1},
		{Lo: 0xe01f0, Hi: 0xe0fff, Stride: 1},
	},
	LatinOffset: 1,
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
