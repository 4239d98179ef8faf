package bidi

import (
	"testing"
	"unicode"
)

// TestInvisible: which zero-width characters Invisible reports, the
// joiner of an emoji sequence excepted (moved from reports, which shows
// them as cmd/complaints does).
func TestInvisible(t *testing.T) {
	for _, tt := range []struct {
		prev, r, next rune
		want          bool
	}{
		{'a', 0x200b, 'b', true},
		{'a', 0x200c, 'b', true},
		{'a', 0x200d, 'b', true},
		{0, 0x2060, 0, true},
		{0, 0xfeff, 'a', true},
		{'😀', 0x200d, '🔥', false},     // within an emoji sequence
		{0x1f3fd, 0x200d, '🚀', false}, // after a skin tone
		{0xfe0f, 0x200d, '🌈', false},  // after the emoji presentation selector
		{'😀', 0x200d, 'a', true},
		{'a', 0x200d, '🔥', true},
		{'a', 'b', 'c', false},
		{'a', 0x202e, 'c', false}, // a bidi control: IsControl's
		// drawn as nothing too (a QA pass: the soft hyphen reached the
		// terminal raw): the soft hyphen, the combining grapheme joiner,
		// the Mongolian vowel separator and the invisible operators
		{'a', 0x00ad, 'b', true},
		{'a', 0x034f, 'b', true},
		{'a', 0x180e, 'b', true},
		{'a', 0x2061, 'b', true},
		{'a', 0x2064, 'b', true},
		// the other default-ignorable code points (Unicode's
		// Default_Ignorable_Code_Point) are drawn as nothing too (a QA
		// pass: a product "Prod\U000e0041X" read ProdX): the Hangul
		// fillers, the tag characters, U+2065 (unassigned, reserved
		// as one of them) and the deprecated format characters
		{'a', 0x2065, 'b', true},
		{'a', 0x115f, 'b', true},
		{'a', 0x1160, 'b', true},
		{'a', 0x3164, 'b', true},
		{'a', 0xffa0, 'b', true},
		{'a', 0xe0000, 'b', true},
		{'a', 0xe0001, 'b', true},
		{'a', 0xe0041, 'b', true},
		{'a', 0xe007f, 'b', true},
		{'a', 0x206a, 'b', true},
		{'a', 0x1d173, 'b', true},
		// but the variation selectors, which choose a glyph ("❤\ufe0f",
		// an ideograph's variant), and the characters that are not
		// default-ignorable though they draw nothing alone
		{0x2764, 0xfe0f, 0, false},
		{'漢', 0xe0100, 0, false},
		{'a', 0x0600, '1', false}, // Arabic number sign, drawn over the digits after it
		{'a', 0x3000, 'b', false}, // ideographic space: a space
		// the joiners shape letters of the scripts that join (pass AB:
		// Persian and Hindi text showed [U+200C] mid-word): kept between
		// two letters or marks of one such script, shown elsewhere
		{'ی', 0x200c, 'خ', false},    // Persian می‌خواهم
		{0x094d, 0x200d, 'ष', false}, // Devanagari virama, joiner, ssa: क्‍ष
		{0x094d, 0x200c, 'ष', false}, // the half form refused
		{'ക', 0x200d, 'ല', false},    // Malayalam
		{'ی', 0x200c, 'a', true},     // scripts differ
		{'a', 0x200c, 'ی', true},
		{'ی', 0x200b, 'خ', true}, // the zero-width space joins nothing
		{'Ж', 0x200d, 'Ж', true}, // Cyrillic does not join
		{'ی', 0x200c, ' ', true}, // no letter after
		{'ی', 0x200c, 0, true},   // the text's end
		{'۱', 0x200c, '۲', true}, // digits: nothing to shape
	} {
		if got := Invisible(tt.prev, tt.r, tt.next); got != tt.want {
			t.Errorf("Invisible(%q, U+%04X, %q) = %v, want %v", tt.prev, tt.r, tt.next, got, tt.want)
		}
	}
}

// TestInvisibleDefaultIgnorable: every code point of Go's
// Other_Default_Ignorable_Code_Point and of the format characters (Cf)
// that Unicode's Default_Ignorable_Code_Point holds (DerivedCoreProperties:
// Cf less the prepended concatenation marks, U+FFF9-U+FFFB and the
// Egyptian hieroglyph format controls, which it leaves out) is shown,
// by Invisible or IsControl, but for the variation selectors and the
// joiners, which Invisible judges by their neighbours.
func TestInvisibleDefaultIgnorable(t *testing.T) {
	notIgnorable := &unicode.RangeTable{
		R16: []unicode.Range16{{0x0600, 0x0605, 1}, {0x06dd, 0x06dd, 1}, {0x070f, 0x070f, 1}, {0x0890, 0x0891, 1}, {0x08e2, 0x08e2, 1}, {0xfff9, 0xfffb, 1}},
		R32: []unicode.Range32{{0x110bd, 0x110bd, 1}, {0x110cd, 0x110cd, 1}, {0x13430, 0x1345f, 1}},
	}
	for _, tab := range []*unicode.RangeTable{unicode.Other_Default_Ignorable_Code_Point, unicode.Cf} {
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if !unicode.Is(tab, r) || unicode.Is(notIgnorable, r) || unicode.Is(unicode.Variation_Selector, r) || r == 0x200c || r == 0x200d {
				continue
			}
			if !Invisible('a', r, 'b') && !IsControl(r) {
				t.Errorf("U+%04X is not shown", r)
			}
		}
	}
}
