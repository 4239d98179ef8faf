package trend

import (
	"fmt"
	"testing"
)

// TestPhraseNegated: a phrase counted the complaints that deny it (a
// product manager's QA pass: "battery issue", 8 of its 8 complaints "Not
// a battery issue - the charger cable frayed."; "battery" counted "Battery
// is not the problem, the strap broke."). An occurrence is not counted
// with a negator (not, no, never, without, cannot, a word ending in n't)
// among the three words before it in its clause and "problem" or "issue"
// at most two words after it, or "is/was not the problem/issue" or
// "is/was fine" beginning within the three words after it in its clause;
// a negator alone denies nothing ("won't charge" is the complaint); a
// complaint counts for a term where it uses it otherwise too.
func TestPhraseNegated(t *testing.T) {
	for _, tt := range []struct {
		text       string
		counted    []string
		notCounted []string
	}{
		{"Battery is not the problem, the strap broke.", []string{"strap", "broke", "strap broke"}, []string{"battery"}},
		{"Not a battery issue - the charger cable frayed.", []string{"charger", "cable", "charger cable", "frayed"}, []string{"battery", "issue", "battery issue"}},
		{"Never had a battery problem, the speaker buzzes though.", []string{"speaker", "buzz"}, []string{"battery", "battery problem"}},
		// a negator alone: the fault named by negation is counted (the
		// support tweets lost 11 of 14 emerging phrases to it)
		{"The phone won't charge and agents don't answer.", []string{"charge", "agent", "answer"}, nil},
		{"No signal since Monday, never received the refund.", []string{"signal", "refund"}, nil},
		{"The battery life is fine. The screen flickers.", []string{"screen", "flicker", "screen flicker"}, []string{"battery", "life", "battery life"}},
		// a negation in another clause, or four words back, is not this one's
		{"Not an issue before. Battery drains overnight.", []string{"battery", "drain"}, []string{"issue"}},
		{"Never mind the strap, the battery issue is back.", []string{"battery", "issue", "battery issue"}, nil},
		// a verb or a possessive after the negator: the negation is the
		// verb's, the problem affirmed (a regression hunt)
		{"They still haven't fixed my battery issue after three visits.", []string{"battery", "issue", "battery issue"}, nil},
		{"Support didn't fix the modem problem and I am furious.", []string{"modem", "modem problem"}, nil},
		{"I can't stand this wifi problem any longer.", []string{"wifi", "wifi problem"}, nil},
		{"Three engineers could not find the antenna problem.", []string{"antenna", "antenna problem"}, nil},
		{"Why wasn't this outage issue reported on the status page?", []string{"outage", "outage issue"}, nil},
		{"No phone battery issue here, the case cracked.", []string{"case", "cracked"}, []string{"phone", "battery", "phone battery", "battery issue"}},
		// used otherwise too: the complaint counts
		{"The battery is not the problem. The battery drains overnight.", []string{"battery"}, nil},
	} {
		got := countTermsFast([]Doc{{ID: "1", Text: tt.text, Current: true}})
		for _, term := range tt.counted {
			if got[term].a != 1 {
				t.Errorf("%q: term %q counted %v times, want 1", tt.text, term, got[term].a)
			}
		}
		for _, term := range tt.notCounted {
			if got[term].a != 0 {
				t.Errorf("%q: term %q counted %v times, want 0 (negated)", tt.text, term, got[term].a)
			}
		}
	}
}

// TestPhraseNegatedEmerging: the QA pass's planted defect, 20 complaints
// of a battery draining overnight in the week judged, beside 20 that deny
// it in the same week ("Not a battery issue - the charger cable frayed.");
// the baseline, 200 complaints of other things. "battery" emerges with
// the 20 complaints of the defect, and "battery issue" not at all.
func TestPhraseNegatedEmerging(t *testing.T) {
	var docs []Doc
	for i := range 200 {
		docs = append(docs, Doc{ID: fmt.Sprint("b", i), Text: fmt.Sprintf("The delivery came late again, order %d.", i)})
	}
	for i := range 20 {
		docs = append(docs, Doc{ID: fmt.Sprint("d", i), Text: "My battery drains overnight.", Current: true},
			Doc{ID: fmt.Sprint("n", i), Text: "Not a battery issue - the charger cable frayed.", Current: true})
	}
	for i := range 40 {
		docs = append(docs, Doc{ID: fmt.Sprint("c", i), Text: "The delivery came late again.", Current: true})
	}
	phrases, err := EmergingPhrases(docs, 0.05, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range phrases {
		if p.Phrase == "battery issue" {
			t.Errorf("phrase %q emerged from the complaints that deny it (%v complaints)", p.Phrase, p.Observed)
		}
		for _, c := range p.Complaints {
			if c.ID[0] == 'n' && (p.Phrase == "battery" || p.Phrase == "battery drains") {
				t.Errorf("phrase %q counts %s, which denies it", p.Phrase, c.ID)
				break
			}
		}
		if p.Phrase == "battery" || p.Phrase == "battery drains" {
			found = true
			if p.Observed != 20 {
				t.Errorf("phrase %q: %v complaints, want 20", p.Phrase, p.Observed)
			}
		}
	}
	if !found {
		t.Errorf("the battery defect did not emerge: %+v", phrases)
	}
}
