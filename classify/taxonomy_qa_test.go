package classify

import (
	"strings"
	"testing"
)

// TestTaxonomySyntaxErrorLines: a syntax error names the line the problem
// is on, counted from 1. yaml.v3 names the line where the construct
// around it began, counted from 0 for its parser's errors and from 1 for
// its scanner's: the QA pass's bad/tab.yaml (a tab on line 5, inside the
// plain scalar of line 4) said "line 4", bad/syntax.yaml (a "[" on line 6
// never closed) "line 5". The errors of what a taxonomy means named the
// right lines already (TestTaxonomyErrorLines).
func TestTaxonomySyntaxErrorLines(t *testing.T) {
	for _, tt := range []struct{ name, yaml, want string }{
		{"tab.yaml", "version: 1\ndefault_department: Care\ntopics:\n  - name: battery\n\tdepartment: Hardware\n    phrases: [battery]\n",
			"line 5: found a tab character that violates indentation"},
		{"syntax.yaml", "version: 1\ndefault_department: Care\ntopics:\n  - name: battery\n    department: Hardware\n    phrases: [battery, charge\n  - name: speaker\n",
			"line 6: did not find expected ',' or ']'"},
		// a parser's error after a sequence begun on line 2 (yaml.v3: "line 1")
		{"map in a sequence", "topics:\n  - name: a\n  b: 2\n", "line 3: did not find expected '-' indicator"},
		// an item indented less than the one before (yaml.v3: "line 1")
		{"indent", "topics:\n  - name: a\n    phrases: [x]\n   - name: b\n", "line 4: did not find expected '-' indicator"},
		// a scanner's error on the line yaml.v3 gave already
		{"no colon", "version: 1\ntopics: []\nphrases\nname: x\n", "line 3: could not find expected ':'"},
		// a flow list over two lines before the error does not move it
		{"after a flow list", "topics:\n  - name: a\n    phrases: [x,\n      y]\n    label: [z\n", "line 5: did not find expected ',' or ']'"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTaxonomy([]byte(tt.yaml))
			if want := "parse taxonomy: " + tt.want; err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
}

// TestTaxonomySilentDefaults: what a taxonomy leaves out and the loader
// fills in is said, each a warning (Warnings, which classify prints): the
// QA pass's bad/nodefault.yaml sent topic other to a built-in "Customer
// Service" she did not have, bad/nodept.yaml's battery took the default
// department, bad/noversion.yaml was recorded as version 0; all silently.
// A topic routed by its parent's department is no warning.
func TestTaxonomySilentDefaults(t *testing.T) {
	for _, tt := range []struct {
		name, yaml string
		want       []string
	}{
		{"nodefault.yaml", "version: 1\ntopics:\n  - name: battery\n    department: Hardware\n    phrases: [battery]\n",
			[]string{`no default_department: topic other, and any topic without a department, goes to "Customer Service"`}},
		{"nodept.yaml", "version: 1\ndefault_department: Care\ntopics:\n  - name: battery\n    phrases: [battery]\n  - name: speaker\n    department: Hardware\n    phrases: [speaker]\n",
			[]string{`line 4: topic "battery" has no department, nor a parent with one: it goes to the default department "Care"`}},
		{"noversion.yaml", "default_department: Care\ntopics:\n  - name: battery\n    department: Hardware\n    phrases: [battery]\n",
			[]string{"no version: the classifications name the taxonomy at version 0 (@0); give it a version, and a new one when its topics or phrases change"}},
		{"parent's department", "version: 1\ndefault_department: Care\ntopics:\n  - name: hardware\n    department: Hardware\n    phrases: [device]\n  - name: battery\n    parent: hardware\n    phrases: [battery]\n",
			nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tax, err := ParseTaxonomy([]byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if got := tax.Warnings(); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Warnings() = %q\nwant %q", got, tt.want)
			}
		})
	}
}
