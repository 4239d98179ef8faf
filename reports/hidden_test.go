package reports

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// hiddenCases are texts from the data holding a character that hides or
// rewrites text, each with the text the page shows: the zero-width space,
// non-joiner and joiner, the word joiner and the byte order mark (a
// complaint ID "H\u200b2" read as H2, and is not), ESC (0x1B), which a
// terminal reads as the start of a command, BEL, DEL and the C1 control
// CSI (0x9B), each as its code point, as the bidi controls are shown.
var hiddenCases = []struct{ in, shown string }{
	{"H\u200b2", "H[U+200B]2"},
	{"a\u200cb", "a[U+200C]b"},
	{"a\u200db", "a[U+200D]b"},
	{"a\u2060b", "a[U+2060]b"},
	{"\ufeffbom", "[U+FEFF]bom"},
	{"red\x1b[31m", "red[U+001B][31m"},
	{"bell\x07", "bell[U+0007]"},
	{"del\x7f", "del[U+007F]"},
	{"csi\u009b2J", "csi[U+009B]2J"},
	// the Hangul fillers and the tag characters, default-ignorable
	// (a QA pass: defects.html showed a product "ProdE0041\U000e0041X")
	{"prod\U000e0041x", "prod[U+E0041]x"},
	{"a\u115fb", "a[U+115F]b"},
	{"a\u1160b", "a[U+1160]b"},
	{"a\u3164b", "a[U+3164]b"},
	{"a\uffa0b", "a[U+FFA0]b"},
}

// TestHiddenCharactersVisible: the characters that hide text, or would
// rewrite a terminal's screen, are shown as their code points wherever the
// data puts them in a page (a title, a table cell, a narrative, a chart's
// category and series): before, the zero-width characters and the C1
// controls were written raw, and ESC too (a chart's JSON escaped it as
// \u001b, which ECharts drew as nothing). A joiner inside an emoji
// sequence (a family, a flag) is kept, as are tabs and line breaks.
func TestHiddenCharactersVisible(t *testing.T) {
	var cats []string
	for _, c := range hiddenCases {
		cats = append(cats, c.in)
	}
	const emoji = "😀\u200d🔥 👩🏽\u200d🚀 🏳\ufe0f\u200d🌈" // three emoji sequences
	cats = append(cats, emoji)
	// Persian and Devanagari spelt with the non-joiner and the joiner
	// between their letters (shown as [U+200C] mid-word before)
	const joined = "می\u200cخواهم क्\u200dष"
	cats = append(cats, joined)
	bars, err := barChart("hidden-bars", "bars", cats, []series{{Name: "ser\x1bies", Values: make([]*float64, len(cats))}}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]cell
	for _, c := range cats {
		rows = append(rows, []cell{{Text: c}})
	}
	sec := section{ID: "s1", Title: "products", Chart: &bars, Tables: []table{{Columns: []string{"product"}, Rows: rows}},
		Narratives: append(cats, "line one\n\tline two")}
	p := page{File: "hidden.html", Title: "title " + hiddenCases[0].in, Sections: []section{sec}}
	b, err := p.bytes()
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, c := range hiddenCases {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(c.in, "abcdefghijklmnopqrstuvwxyzH"))
		if strings.ContainsRune(strings.ReplaceAll(strings.ReplaceAll(page, emoji, ""), joined, ""), r) { // (the emoji and the joined letters keep their joiners)
			t.Errorf("the page holds U+%04X raw (from %q)", r, c.in)
		}
		// a table cell, a narrative, the chart's category; the first also
		// in the title
		if n := strings.Count(page, c.shown); n < 3 {
			t.Errorf("%q is shown as %q %d times, want 3 or more (cell, narrative, chart)", c.in, c.shown, n)
		}
	}
	if strings.Contains(page, `\u001b`) || !strings.Contains(page, "ser[U+001B]ies") {
		t.Errorf("the chart's series name does not show its ESC as [U+001B]")
	}
	if n := strings.Count(page, emoji); n < 3 {
		t.Errorf("the emoji sequences are shown whole %d times, want 3 or more", n)
	}
	if n := strings.Count(page, joined); n < 3 {
		t.Errorf("the joined Persian and Devanagari letters are shown whole %d times, want 3 or more", n)
	}
	if !strings.Contains(page, "line one\n\tline two") {
		t.Errorf("a narrative's line break and tab were not kept")
	}
	if bytes.ContainsRune(b, 0x1b) {
		t.Errorf("the page holds a raw ESC")
	}
}
