package yamlerr

import (
	"bytes"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestMessage: the problems of a decoding, one line each in yaml.v3's
// words (taken from its output for these documents), as one line in the
// file's terms (QA pass P: a mapping's typo read "yaml: unmarshal errors:"
// and, on a line of its own, "line 3: field colums not found in type
// ingest.Mapping").
func TestMessage(t *testing.T) {
	type inner struct {
		Unit string `yaml:"unit"`
	}
	type doc struct {
		Columns   map[string]string `yaml:"columns"`
		Keep      map[string][]string
		Header    int      `yaml:"header_line"`
		Constants string   `yaml:"constants"`
		Elapsed   inner    `yaml:"elapsed"`
		Dates     []string `yaml:"dates"`
	}
	for _, tt := range []struct{ in, want string }{
		{"colums: {}\n", `line 1: unknown key "colums"`},
		{"elapsed:\n  units: days\n", `line 2: unknown key "units"`},
		{"header_line: two\n", `line 1: want a whole number, not text "two"`},
		{"keep:\n  Status: Closed\n", `line 2: want a list, not text "Closed"`},
		{"constants: [a, b]\n", `line 1: want a single value, not a list`},
		{"columns: [a]\ncolums: 1\n", `line 1: want a map of keys and values, not a list; line 2: unknown key "colums"`},
		{"", "the file is empty"},
		{"columns: {a: [\n", "line 1: did not find expected node content"},
	} {
		var d doc
		dec := yaml.NewDecoder(bytes.NewReader([]byte(tt.in)))
		dec.KnownFields(true)
		err := dec.Decode(&d)
		if err == nil {
			t.Errorf("%q: no error", tt.in)
			continue
		}
		if got := Message(err); got != tt.want {
			t.Errorf("%q: Message = %q, want %q (yaml.v3: %q)", tt.in, got, tt.want, err.Error())
		}
	}
}

// TestLine: the line of a node by its path, or of the deepest node on the
// way when a key is left out (a taxonomy's "topic has no phrases" is
// reported on the topic's own line).
func TestLine(t *testing.T) {
	const doc = "version: 1\ntopics:\n  - name: a\n    phrases: [x, y]\n  - name: b\n    parent: c\n    phrases:\n      - z\n      - \"\"\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path []any
		want int
	}{
		{[]any{"version"}, 1},
		{[]any{"topics", 0}, 3},
		{[]any{"topics", 0, "phrases", 1}, 4},
		{[]any{"topics", 1, "parent"}, 6},
		{[]any{"topics", 1, "phrases", 1}, 9},
		{[]any{"topics", 1, "weight"}, 5}, // left out: the topic's line
		{[]any{"topics", 7, "name"}, 3},   // no such topic: the list's (its first item's line)
		{[]any{"nothing"}, 0},
	} {
		if got := Line(&root, tt.path...); got != tt.want {
			t.Errorf("Line(%v) = %d, want %d", tt.path, got, tt.want)
		}
	}
	if Find(&root, "topics", 0, "name").Value != "a" || Find(&root, "topics", "x") != nil {
		t.Error("Find: want the value of topics[0].name and nil for a key of a list")
	}
}
