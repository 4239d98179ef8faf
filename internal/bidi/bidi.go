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
// flag), where it draws one picture of two and hides nothing. It joins
// letters too (of Indic scripts; the non-joiner of Persian), which are
// shown with it: the classifiers read English. The report pages and
// cmd/complaints show them alike.
func Invisible(prev, r, next rune) bool {
	switch r {
	case 0x200d:
		emoji := func(c rune) bool { return unicode.Is(unicode.So, c) }
		return !((emoji(prev) || prev == 0xfe0f || (prev >= 0x1f3fb && prev <= 0x1f3ff)) && emoji(next))
	case 0x200b, 0x200c, 0x2060, 0xfeff, 0x00ad, 0x034f, 0x180e, 0x2061, 0x2062, 0x2063, 0x2064:
		return true
	}
	return false
}
