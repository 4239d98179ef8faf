package main

import (
	"strings"
	"testing"
)

// TestSQLHiddenCharacters: `sql --format table` writes to a terminal, so
// a value's ESC (chr(27): the start of the sequences that move the cursor,
// clear the screen or retitle the window) and other controls are written
// escaped, and so are the zero-width characters that hide text (a
// complaint ID "H\u200b2" printed as H2): before, U+200B, U+200C, U+200D,
// U+2060 and U+FEFF were written raw. A joiner inside an emoji sequence
// is kept.
func TestSQLHiddenCharacters(t *testing.T) {
	db := emptyWarehouse(t)
	q := `SELECT 'H' || chr(8203) || '2' AS a, 'x' || chr(8204) || chr(8205) || chr(8288) || chr(65279) || 'y' AS b,
		chr(27) || '[2J' || chr(27) || ']0;owned' || chr(7) AS c, '😀' || chr(8205) || '🔥' AS d`
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "table", q)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"\u200b", "\u200c", "\u2060", "\ufeff", "\x1b", "\x07"} {
		if strings.Contains(out, raw) {
			t.Errorf("sql --format table wrote %q raw:\n%q", raw, out)
		}
	}
	for _, want := range []string{`H\u200b2`, `x\u200c\u200d\u2060\ufeffy`, `\x1b[2J\x1b]0;owned\x07`, "😀\u200d🔥"} {
		if !strings.Contains(out, want) {
			t.Errorf("sql --format table does not show %q:\n%s", want, out)
		}
	}
}
