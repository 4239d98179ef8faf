package classify

import "strings"

// stem reduces an English word to a crude stem so that inflected forms match
// the same phrase: "charged", "charges", "charging" -> "charg"; "refunds" ->
// "refund"; "delayed" -> "delay"; "cancelled", "canceled", "cancellation" ->
// "cancel".
//
// It is a light suffix stripper in the spirit of Harman's S-stemmer (1991)
// extended with -ed/-ing/-ly/-ment/-ation, not the Porter algorithm: phrase
// matching needs only that a phrase and its inflections meet at the same
// stem, and both sides go through the same function. Words of four letters
// or fewer are left alone.
func stem(w string) string {
	if len(w) <= 4 || !isASCIILetters(w) {
		return w
	}
	for _, r := range stemRules {
		if strings.HasSuffix(w, r.suffix) && len(w)-len(r.suffix) >= r.minStem {
			w = w[:len(w)-len(r.suffix)] + r.repl
			break
		}
	}
	// doubled final consonant after stripping: "cancell" -> "cancel", "stopp" -> "stop"
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && !isVowel(w[n-1]) && w[n-1] != 's' {
		w = w[:n-1]
	}
	// a final silent e: "charge" and "charg(ed)" meet
	if n := len(w); n >= 5 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

type stemRule struct {
	suffix, repl string
	minStem      int
}

// stemRules are tried in order; the first that applies wins.
var stemRules = []stemRule{
	{"ational", "ate", 3},
	{"ations", "", 3},
	{"ation", "", 3},
	{"ments", "", 4},
	{"ment", "", 4},
	{"iness", "y", 3},
	{"ness", "", 4},
	{"ingly", "", 3},
	{"ings", "", 3},
	{"ing", "", 3},
	{"ies", "y", 2},
	{"ied", "y", 2},
	{"edly", "", 3},
	{"ed", "", 3},
	{"ly", "", 4},
	{"sses", "ss", 2},
	{"ss", "ss", 2},
	{"us", "us", 2},
	{"es", "e", 3},
	{"s", "", 3},
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
