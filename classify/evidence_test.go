package classify

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestEvidenceJSON: evidence.json writes what json.Marshal writes, for
// plain phrases, for text JSON escapes (quotes, backslashes, control
// characters, the HTML characters, non-ASCII and invalid UTF-8), and for
// seeded random values mixing them.
func TestEvidenceJSON(t *testing.T) {
	if n := len(evidence{}.values()); n != len(evidenceKeys) {
		t.Fatalf("evidence.values names %d fields, the struct has %d", n, len(evidenceKeys))
	}
	cases := []evidence{
		{},
		{Topic: "late delivery"},
		{Topic: "refund", Churn: "cancel my account", Legal: "my attorney", Urgent: "eviction notice", NotCovered: "x"},
		{Legal: "filed with the CFPB"},
		{NotCovered: `language "pt" is not covered`},
		{Churn: `a\b`, Urgent: "line\nbreak\ttab"},
		{Topic: "<script>&", Legal: "caf\u00e9 \u2028 \xff"},
	}
	r := rand.New(rand.NewPCG(6, 12))
	alphabet := []string{"a", "Z", " ", "0", ".", "'", `"`, `\`, "<", ">", "&", "\n", "\x01", "\x7f", "\u00e9", "\u2028", "\xff"}
	var plain int // of the alphabet's first plain characters only
	word := func() string {
		var s string
		for range r.IntN(6) {
			s += alphabet[r.IntN(plain)]
		}
		return s
	}
	for _, plain = range []int{6, len(alphabet)} { // written directly, then mostly by json.Marshal
		for range 1000 {
			cases = append(cases, evidence{Topic: word(), Churn: word(), Legal: word(), Urgent: word(), NotCovered: word()})
		}
	}
	for _, ev := range cases {
		want, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		if got := ev.json(); got != string(want) {
			t.Fatalf("%#v: json() = %s, want %s", ev, got, want)
		}
	}
}
