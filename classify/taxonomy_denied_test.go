package classify

import "testing"

// TestNegationAfterPhrase: a fault denied after its phrase cancels the
// phrase as a negation before it does: "<phrase> is not the problem (issue,
// fault, concern, cause)", "<phrase> isn't ...", "<phrase> is fine (ok,
// good, great, working)", "no problems (issues) with <phrase>", "nothing
// wrong with <phrase>", and "<phrase> doesn't (never) <fault>" for a verb
// that itself names the fault ("drain", "die", "crash"). The first cases are
// QA pass CF's sentences (its gen.py, "negated"), each filed under product
// defect with the evidence "battery" before. A phrase doing something or
// not doing what it should ("the battery doesn't last", "the app never
// loads") stays a fault, and so do the guards after them.
func TestNegationAfterPhrase(t *testing.T) {
	def := DefaultTaxonomy()
	for _, tt := range []struct{ text, topic, phrase string }{
		{"Battery is not the problem, the strap broke.", "product_defect", "broke"},
		{"The battery doesn't drain overnight, but the app crashes.", "product_defect", "crashes"},
		{"Battery never drains overnight.", TopicOther, ""},
		{"Battery never drains overnight, the speaker buzzes though.", TopicOther, ""},
		// cancelled before already, as the README promises
		{"No battery drain at all, but the screen is dim.", TopicOther, ""},
		{"Not a battery issue - the charger cable frayed.", TopicOther, ""},
	} {
		m := def.Match(tt.text)
		if m.Topic != tt.topic || m.Phrase != tt.phrase {
			t.Errorf("default taxonomy: Match(%q) = %s (%q), want %s (%q)", tt.text, m.Topic, m.Phrase, tt.topic, tt.phrase)
		}
	}

	tax, err := ParseTaxonomy([]byte("version: 1\ndefault_department: Support\ntopics:\n  - name: defect\n    department: Quality\n    phrases: [battery, app, wifi, screen, stopped working]\n  - name: refund\n    department: Billing\n    keep_negated: true\n    phrases: [refund]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"The battery is not the problem", TopicOther},
		{"The battery was never the issue", TopicOther},
		{"The battery isn't a problem", TopicOther},
		{"The battery isnt the cause", TopicOther},
		{"Battery life is not an issue", TopicOther}, // a word between the phrase and its verb
		{"The batteries are fine", TopicOther},
		{"The battery is ok.", TopicOther},
		{"The battery is great", TopicOther},
		{"The battery is working fine.", TopicOther},
		{"No problems with the battery.", TopicOther},
		{"I have never had any issues with the battery", TopicOther},
		{"Nothing wrong with the battery", TopicOther},
		{"The battery doesn't drain.", TopicOther},
		{"The screen never freezes", TopicOther},
		{"The app has never crashed", TopicOther},
		// faults: what it does, or does not do that it should
		{"The battery doesn't last", "defect"},
		{"The app never loads", "defect"},
		{"The battery is not charging", "defect"},
		{"The battery is not good", "defect"},
		{"The battery is the problem", "defect"},
		{"The battery is not just the problem", "defect"},
		{"The battery is dead", "defect"},
		{"The battery is working intermittently", "defect"},
		{"No problems with the charger but the battery is dead", "defect"},
		// the denial is of another thing, or in another clause
		{"The battery drains and the app is fine", "defect"},
		{"The battery, the strap is fine", "defect"},
		{"The battery drains. Is fine otherwise", "defect"},
		{"The wifi drops while the screen is fine", "defect"},
		// a topic that keeps negated phrases keeps these too
		{"The refund is not the problem", "refund"},
		{"No problem with the refund", "refund"},
	} {
		if got := tax.Match(tt.text).Topic; got != tt.want {
			t.Errorf("Match(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

// TestDenialContradicted: a denial the text goes on to contradict cancels
// nothing: a turn after the phrase in its clause ("until", "then",
// "except"), "not anymore" later in its sentence, a question, or a later
// "not fine", "clearly is", or a fault verb after "it", "they" or "but"
// ("it drains", "but drains"). The first six are a regression hunt's, each product_defect
// (on "battery") before 97009ad and other or staff_behaviour after it.
// Denials not contradicted still cancel, and a fault of another thing
// named later ("the app crashes") contradicts nothing.
func TestDenialContradicted(t *testing.T) {
	def := DefaultTaxonomy()
	for _, tt := range []struct{ text, topic string }{
		{"No problems with the battery until last week, now it drains in an hour.", "product_defect"},
		{"The battery is fine for a day then drains completely overnight.", "product_defect"},
		{"I was told the battery is fine. It is not fine, it drains in 2 hours.", "product_defect"},
		{"No problems with the battery? Then why does it die every afternoon?", "product_defect"},
		{"The battery is fine, said the agent, but it dies every day and won't hold a charge.", "product_defect"},
		{"The agent said the battery is not the problem but it clearly is, it drains overnight.", "product_defect"},
		{"The battery was fine, not anymore.", "product_defect"},
		{"The battery was fine, but not any more.", "product_defect"},
		{"The battery was fine; not any more.", "product_defect"},
		{"The battery is fine except on cold days.", "product_defect"},
		{"The battery is not the problem, they said. It clearly is.", "product_defect"},
		// denials that hold
		{"The battery is working now.", TopicOther},
		{"The battery doesn't drain anymore.", TopicOther},
		{"The battery is fine. It doesn't crash either.", TopicOther},
		{"The screen cracked but the battery is fine, it's a shame.", "product_defect"},
		{"The battery is fine but drains overnight.", "product_defect"},
		// a "but" naming no fault of it (an NPS verbatim's, 97009ad's
		// other): with "but" as a turn of its own it was staff_behaviour
		{"Customer service was good but I haven't actually completed the order yet", TopicOther},
	} {
		if got := def.Match(tt.text).Topic; got != tt.topic {
			t.Errorf("Match(%q) = %s, want %s", tt.text, got, tt.topic)
		}
	}
}
