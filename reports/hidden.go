package reports

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/complaints/complaints/internal/bidi"
)

// zeroWidth are the characters that take no room where text is shown: the
// zero-width space, non-joiner and joiner, the word joiner and the zero-width
// no-break space (the byte order mark). Text from the data carries them
// unseen: a complaint ID "H\u200b2" reads as H2 and is not.
var zeroWidth = []rune{0x200b, 0x200c, 0x200d, 0x2060, 0xfeff}

// Invisible reports whether r, between prev and next (0 at either end of
// the text), is a zero-width character that a page or a terminal should
// show rather than print (as bidi.Controls, which reorder text). The
// joiner (U+200D) is kept inside an emoji sequence, after an emoji, a skin
// tone or the emoji presentation selector and before an emoji ("😀\u200d🔥",
// a family, a flag), where it draws one picture of two and hides nothing.
// It joins letters too (of Indic scripts; the non-joiner of Persian), which
// are shown with it: the classifiers read English. cmd/complaints shows
// them in a terminal as the pages do.
func Invisible(prev, r, next rune) bool {
	switch r {
	case 0x200d:
		emoji := func(c rune) bool { return unicode.Is(unicode.So, c) }
		return !((emoji(prev) || prev == 0xfe0f || (prev >= 0x1f3fb && prev <= 0x1f3ff)) && emoji(next))
	case 0x200b, 0x200c, 0x2060, 0xfeff:
		return true
	}
	return false
}

// pageControl reports the control characters a page shows: C0 but tab,
// line feed and carriage return (which lay out text, and html/template
// writes NUL as U+FFFD), DEL and C1. ESC (0x1B) and CSI (0x9B) start a
// terminal's commands: a report's text copied to a terminal, or its ID
// list's values, must not carry them unseen.
func pageControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0)
}

// mayHide reports the characters hidden considers, whatever their
// neighbours.
func mayHide(r rune) bool {
	return pageControl(r) || bidi.IsControl(r) || r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff
}

// visible writes each character of s that reorders the text after it
// (bidi.Controls), takes no room (Invisible) or controls a terminal
// (pageControl) as its code point, "[U+202E]", "[U+200B]", "[U+001B]";
// the rest of s, invalid UTF-8 too, is kept byte for byte.
func visible(s string) string {
	if !strings.ContainsFunc(s, mayHide) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	prev := rune(0)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		next := rune(0)
		if i+n < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+n:])
		}
		if pageControl(r) || bidi.IsControl(r) || Invisible(prev, r, next) {
			fmt.Fprintf(&b, "[U+%04X]", r)
		} else {
			b.WriteString(s[i : i+n])
		}
		prev = r
		i += n
	}
	return b.String()
}
