package classify

import (
	"fmt"
	"strings"
	"testing"
)

// TestTaxonomyUnknownParent: a parent that names no topic is refused when
// it is a near miss of a topic's name (a typo: testdata/taxonomy/
// parent_typo.yaml, from a product team's QA pass, where "conectivity"
// left wifi_drops with the default department, silently) or when the topic
// has no department of its own, which the parent was to give it. A group
// name that is no topic stays allowed for a topic with its own department
// (the default taxonomy's "billing" and "financial").
func TestTaxonomyUnknownParent(t *testing.T) {
	const path = "testdata/taxonomy/parent_typo.yaml"
	_, err := LoadTaxonomy(path)
	want := []string{path, "line 8:", `topic "wifi_drops"`, `parent "conectivity" names no topic`, `did you mean "connectivity"?`}
	if err == nil || !containsAll(err.Error(), want) {
		t.Errorf("LoadTaxonomy(%s) = %v, want an error naming %q", path, err, want)
	}
	// no department and a parent that is no topic and like none
	_, err = ParseTaxonomy([]byte("topics:\n  - name: connectivity\n    department: Firmware\n    phrases: [bluetooth]\n  - name: wifi\n    parent: hardware\n    phrases: [wifi]\n"))
	want = []string{"line 6:", `topic "wifi"`, `parent "hardware" names no topic`, "no department of its own"}
	if err == nil || !containsAll(err.Error(), want) {
		t.Errorf("group parent without a department: %v, want an error naming %q", err, want)
	}
	// a group name, the topic with a department of its own: accepted
	if _, err := ParseTaxonomy([]byte("topics:\n  - name: connectivity\n    parent: hardware\n    department: Firmware\n    phrases: [bluetooth]\n")); err != nil {
		t.Errorf("group parent of a topic with a department: %v", err)
	}
	// a near miss of a label or alias counts too
	_, err = ParseTaxonomy([]byte("topics:\n  - name: a\n    aliases: [Connectivity]\n    department: F\n    phrases: [x]\n  - name: b\n    parent: conectivity\n    department: G\n    phrases: [y]\n"))
	if err == nil || !strings.Contains(err.Error(), `did you mean "Connectivity"?`) {
		t.Errorf("near miss of an alias: %v", err)
	}
}

// TestTaxonomyErrorLines: every error about a taxonomy's meaning names the
// line of the offending node, as its syntax and type errors do (the QA
// pass's files, each reduced to its problem; lines counted from 1).
func TestTaxonomyErrorLines(t *testing.T) {
	_, err := LoadTaxonomy("testdata/taxonomy/dup.yaml")
	if want := `load taxonomy testdata/taxonomy/dup.yaml: parse taxonomy: line 10: topic "connectivity" defined twice (first at line 4)`; err == nil || err.Error() != want {
		t.Errorf("dup.yaml: %v\nwant %s", err, want)
	}
	for _, tt := range []struct{ name, yaml, want string }{
		{"no phrases", "topics:\n  - name: a\n    phrases: [x]\n  - name: connectivity\n    department: Firmware\n",
			`line 4: topic "connectivity" has no phrases`},
		{"empty phrase", "topics:\n  - name: audio\n    phrases:\n      - volume\n      - \"  \"\n",
			`line 5: topic "audio": phrase "  " has no words`},
		{"negative weight", "topics:\n  - name: a\n    phrases: [x]\n  - name: neg\n    weight: -1\n    phrases: [broken]\n",
			`line 5: topic "neg": negative weight`},
		{"cycle", "topics:\n  - name: a\n    parent: b\n    phrases: [x]\n  - name: b\n    parent: a\n    phrases: [y]\n",
			`line 3: topic "a": its parents lead back to topic "a"`},
		{"no name", "topics:\n  - name: a\n    phrases: [x]\n  - department: Firmware\n    phrases: [wifi]\n",
			`line 4: topic 2 has no name`},
		{"blank name", "topics:\n  - name: \"   \"\n    phrases: [volume]\n",
			`line 2: topic 1 has no name`},
		{"reserved name", "topics:\n  - name: a\n    phrases: [x]\n  - name: Other\n    phrases: [y]\n",
			`line 4: topic 2: name "Other" is reserved`},
		// the QA pass's dupcase.yaml: said "its name is a label or alias"
		{"name in other case", "default_department: S\ntopics:\n  - name: WiFi\n    phrases: [wifi]\n  - name: wifi\n    phrases: [bluetooth]\n",
			`line 5: topic "wifi": its name is that of topic "WiFi" (line 3) in other case; names are read without case`},
		{"name of an alias", "topics:\n  - name: network\n    aliases: [billing]\n    phrases: [speed]\n  - name: billing\n    phrases: [bill]\n",
			`line 5: topic "billing": its name is a label or alias of topic "network" (line 3)`},
		{"alias taken", "topics:\n  - name: billing\n    phrases: [bill]\n  - name: network\n    aliases: [x, Billing]\n    phrases: [speed]\n",
			`line 5: topic "network": label or alias "Billing" already names topic "billing" (line 2)`},
		{"reserved alias", "topics:\n  - name: a\n    phrases: [x]\n    label: OTHER\n",
			`line 4: topic "a": label or alias "OTHER" is reserved`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTaxonomy([]byte(tt.yaml))
			if want := "parse taxonomy: " + tt.want; err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
}

// TestTaxonomyDeadEntries: entries that can never work as written (the QA
// pass's emptyphr2.yaml, w2.yaml, dupphrase.yaml and kn.yaml). A phrase of
// common words only ("a") matched nearly every text and a weight of 0 was
// read as 1: refused. A phrase of two topics goes to the one listed first
// and is dead in the other: a warning (the default taxonomy has seven, all
// harmless). keep_negated reads true/false, yes/no, on/off quoted or not
// ("true" in quotes was refused, "yes" accepted).
func TestTaxonomyDeadEntries(t *testing.T) {
	for _, tt := range []struct{ name, yaml, want string }{
		{"common words", "topics:\n  - name: audio\n    phrases: [volume, \"a\", \"the\"]\n",
			`line 3: topic "audio": phrase "a" is only common words, found in nearly every text`},
		{"weight 0", "topics:\n  - name: a\n    phrases: [x]\n  - name: zero\n    weight: 0\n    phrases: [love]\n",
			`line 5: topic "zero": weight 0 would be read as 1, the default: give a positive weight, or leave the key out`},
		{"keep_negated not a truth value", "topics:\n  - name: a\n    phrases: [x]\n    keep_negated: maybe\n",
			`line 4: want true or false, not text "maybe"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTaxonomy([]byte(tt.yaml))
			if want := "parse taxonomy: " + tt.want; err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
	// with a version and departments, which it would be warned of too
	// (TestTaxonomySilentDefaults)
	tax, err := ParseTaxonomy([]byte("version: 1\ndefault_department: S\ntopics:\n  - name: a\n    department: D\n    phrases: [wifi, volume]\n" +
		"  - name: b\n    department: D\n    keep_negated: \"true\"\n    phrases: [Wi-Fi, WIFI, bluetooth]\n  - name: c\n    department: D\n    keep_negated: \"No\"\n    phrases: [b]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !bool(tax.Topics[1].KeepNegated) || bool(tax.Topics[2].KeepNegated) {
		t.Errorf("keep_negated \"true\", \"No\" read as %v, %v", tax.Topics[1].KeepNegated, tax.Topics[2].KeepNegated)
	}
	want := []string{`line 10: topic "b": phrase "WIFI" is a phrase of topic "a" too (line 6), which is listed first and takes every match of it`}
	if got := tax.Warnings(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Warnings() = %q, want %q", got, want)
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestTopicConfidenceFigures pins the figures README gives for
// topic_confidence, share x (1 - e^(-best/2)): 0.393 for one one-word
// phrase, 0.632 for a two-word phrase or two one-word hits, 0.777 for
// three words, halved by a tie (the QA pass observed the first three).
func TestTopicConfidenceFigures(t *testing.T) {
	tax, err := ParseTaxonomy([]byte("topics:\n  - name: defect\n    phrases: [broken, stopped working, dead]\n  - name: audio\n    phrases: [volume]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		want float64
	}{
		{"it is broken", 0.393},
		{"it stopped working", 0.632},
		{"broken and dead", 0.632},
		{"broken, dead and stopped working", 0.865}, // four words: 1 - e^-2
		{"broken, stopped working", 0.777},
		{"broken volume", 0.197},
	} {
		if got := tax.Match(tt.text).Confidence; fmt.Sprintf("%.3f", got) != fmt.Sprintf("%.3f", tt.want) {
			t.Errorf("Match(%q).Confidence = %.3f, want %.3f", tt.text, got, tt.want)
		}
	}
}
