package classify

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRedact: redaction never panics, keeps valid UTF-8 valid, is
// idempotent, and leaves text without digits or '@' alone but for e-mail
// addresses spelled out.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"call 555-867-5309", "a@b.co", "GB82 WEST 1234 5698 7654 32", "12 Main St, Springfield, IL 62704", "XX/XX/XXXX {$1.00}", "(555) 1", "+1", "1234 A B C D Street",
		"555-867-5309x1234 ext. 5", "PSC 1234, Box 5678\nAPO AE 09012", "7 Pine Ridge Blvd NW Apt. 2\nSt. Louis, MO  63101",
		"john dot doe at gmail dot com", "email: mary at example dot co dot uk", "de89 3704 0044 0532 0130 00", "cvv 123", "221B Baker Street", "4111 1111 1111 1111x",
		"2020-03-09 10:00:00", "on 2020-03-09 555-867-5309", "INV-2020-000123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Redact(s)
		if utf8.ValidString(s) && !utf8.ValidString(r) {
			t.Fatalf("Redact(%q) = %q, not valid UTF-8", s, r)
		}
		if rr := Redact(r); rr != r {
			t.Fatalf("Redact not idempotent: %q -> %q -> %q", s, r, rr)
		}
		if !strings.ContainsAny(s, "0123456789@") && r != s {
			// only an e-mail address spelled out ("jane(at)example(dot)com",
			// "john dot doe at gmail dot com") may be redacted there
			_, spans := redact(s, nil)
			for _, sp := range spans {
				if sp.kind != PIIEmail {
					t.Fatalf("Redact(%q) = %q changed text without digits or '@'", s, r)
				}
			}
		}
	})
}

// FuzzDetectFlags: flag detection never panics and every evidence phrase
// is a piece of the text.
func FuzzDetectFlags(f *testing.F) {
	for _, s := range []string{"I will cancel my account.", "my attorney", "without heat", "I'm done with you", "sale date tomorrow", "I\u2019m done with you", "don\ufffdt \ufffd I\ufffdll cancel my account\u2019"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fl := DetectFlags(s)
		for _, ev := range []string{fl.ChurnEvidence, fl.LegalEvidence, fl.UrgentEvidence} {
			if !strings.Contains(s, ev) {
				t.Fatalf("DetectFlags(%q) evidence %q is not in the text", s, ev)
			}
		}
	})
}
