package bidi

import "testing"

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
		{'a', 0x2065, 'b', false}, // unassigned
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
