package main

import "testing"

// TestCleanText: text from the data printed to a terminal keeps its
// letters, tabs and newlines (cleanText) but shows every other control
// character, a bidirectional override and invalid UTF-8 as an escape;
// cleanCell makes tabs and line breaks spaces, for one cell of a table.
func TestCleanText(t *testing.T) {
	tests := []struct{ in, text, cell string }{
		{"plain é 日本 😀‍🔥", "plain é 日本 😀‍🔥", "plain é 日本 😀‍🔥"}, // ZWJ emoji untouched
		{"a\tb\nc", "a\tb\nc", "a b c"},
		{"\x1b[2J\x1b]0;pwned\x07", `\x1b[2J\x1b]0;pwned\x07`, `\x1b[2J\x1b]0;pwned\x07`},
		{"ok\rno", `ok\x0dno`, "ok no"},
		{"a\u0085b\u009bc", `a\x85b\x9bc`, `a\x85b\x9bc`},
		{"\u202eevil\u2066", `\u202eevil\u2066`, `\u202eevil\u2066`},
		{"a\u2028b\fc", "a\nb\nc", "a b c"},
		{"bad \xff\xfe", `bad \xff\xfe`, `bad \xff\xfe`},
		{"del\x7f", `del\x7f`, `del\x7f`},
		// zero-width characters hide text: "H\u200b2" printed as H2
		{"H\u200b2 a\u200c\u200db\u2060\ufeff", `H\u200b2 a\u200c\u200db\u2060\ufeff`, `H\u200b2 a\u200c\u200db\u2060\ufeff`},
		// the Hangul fillers and the tag characters, default-ignorable
		// (bidi.Invisible), a tag as Go's 8-digit escape ("\ue0041" reads
		// U+E004 and a 1)
		{"a\u3164b Prod\U000e0041X", `a\u3164b Prod\U000e0041X`, `a\u3164b Prod\U000e0041X`},
		// but the non-joiner and joiner spell Persian and Devanagari words
		{"می\u200cخواهم क्\u200dष", "می\u200cخواهم क्\u200dष", "می\u200cخواهم क्\u200dष"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.text {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := cleanCell(tt.in); got != tt.cell {
			t.Errorf("cleanCell(%q) = %q, want %q", tt.in, got, tt.cell)
		}
	}
}

// TestQuantity: a count and its words agree ("1 alerts" and "classified 1
// complaints" were printed, a QA pass's left-alone).
func TestQuantity(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0 alerts"}, {1, "1 alert"}, {2, "2 alerts"}, {1234, "1234 alerts"}} {
		if got := quantity(tt.n, "alert", "alerts"); got != tt.want {
			t.Errorf("quantity(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
