package reports

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/complaints/complaints/internal/bidi"
)

// pageControl reports the control characters a page shows: C0 but tab,
// line feed and carriage return (which lay out text, and html/template
// writes NUL as U+FFFD), DEL and C1. ESC (0x1B) and CSI (0x9B) start a
// terminal's commands: a report's text copied to a terminal, or its ID
// list's values, must not carry them unseen.
func pageControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0)
}

// mayHide reports the characters hidden considers, whatever their
// neighbours (Invisible with none reports the joiner too).
func mayHide(r rune) bool {
	return pageControl(r) || bidi.IsControl(r) || bidi.Invisible(0, r, 0)
}

// visible writes each character of s that reorders the text after it
// (bidi.Controls), takes no room (bidi.Invisible) or controls a terminal
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
		if pageControl(r) || bidi.IsControl(r) || bidi.Invisible(prev, r, next) {
			fmt.Fprintf(&b, "[U+%04X]", r)
		} else {
			b.WriteString(s[i : i+n])
		}
		prev = r
		i += n
	}
	return b.String()
}
