package reports

import (
	"slices"
	"strings"
	"testing"
)

// TestCellLong: a cell wraps anywhere only when its text holds a run of
// more than longRun (24) bytes without a space.
func TestCellLong(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"", false},
		{"complaints", false},
		{strings.Repeat("a", 24), false},
		{strings.Repeat("a", 25), true},
		{"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", true}, // a SHA-256
		{"2 carriage returns alone in unquoted values read as spaces", false},
		{"repeat_complaints: 7442 7436 7432", false},
		{"in /work/shared/data/twcs-head-sample/twcs_head5000.csv", true},
	} {
		if got := (cell{Text: tt.text}).Long(); got != tt.want {
			t.Errorf("Long(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestTablePick: pick keeps the named columns, their cells and whether
// they hold numbers, in the order named.
func TestTablePick(t *testing.T) {
	full := table{Columns: []string{"run", "file", "read"}, num: []bool{true, false, true},
		Rows: [][]cell{{{Text: "1", Num: true}, {Text: "a.csv"}, {Text: "5", Num: true}}}}
	p := full.pick("records", "run", "read")
	if p.Caption != "records" || !slices.Equal(p.Columns, []string{"run", "read"}) || !p.NumCol(0) || !p.NumCol(1) {
		t.Fatalf("pick = %+v", p)
	}
	if len(p.Rows) != 1 || p.Rows[0][0].Text != "1" || p.Rows[0][1].Text != "5" {
		t.Errorf("pick rows = %+v, want [1 5]", p.Rows)
	}
}

// TestTableHeader: a column's name is escaped (it may be a product or a
// company from the data), with a break allowed after each underscore.
func TestTableHeader(t *testing.T) {
	tb := table{Columns: []string{"usage_instructions", `</script><img src=x onerror="alert(1)">_x`, "plain"}}
	for i, want := range []string{
		"usage_<wbr>instructions",
		"&lt;/script&gt;&lt;img src=x onerror=&#34;alert(1)&#34;&gt;_<wbr>x",
		"plain",
	} {
		if got := string(tb.Header(i)); got != want {
			t.Errorf("Header(%d) = %q, want %q", i, got, want)
		}
	}
}
