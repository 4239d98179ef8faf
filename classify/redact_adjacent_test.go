package classify

import "testing"

// TestRedactPhoneThenCard: a phone number ends with its groups, and digits
// after it across a space are the next number's. QA pass CF's `x (555)
// 867-5309 4111 1111 1111 1111` was redacted `x [ACCOUNT] 1111`: the run
// joined the phone's groups to the card's until it held 19 digits, typed
// the whole an account number and left the card's last four. A phone
// number followed by a house number, and numbers written all with spaces
// (which no separator tells apart), are as before.
func TestRedactPhoneThenCard(t *testing.T) {
	redactCases(t, []struct{ name, in, want string }{
		{"QA pass CF", "x (555) 867-5309 4111 1111 1111 1111", "x [PHONE] [CARD]"},
		{"country code", "1 (555) 867-5309 4111 1111 1111 1111", "[PHONE] [CARD]"},
		{"plus country code", "call +1 (555) 867-5309 4111 1111 1111 1111", "call [PHONE] [CARD]"},
		{"area code, then spaces", "(555) 867 5309 4111 1111 1111 1111", "[PHONE] [CARD]"},
		{"dashes", "call 555-867-5309 4111 1111 1111 1111 now", "call [PHONE] [CARD] now"},
		{"dots", "call 555.867.5309 4111 1111 1111 1111", "call [PHONE] [CARD]"},
		// as before
		{"extension", "(555) 867-5309 ext. 12 4111 1111 1111 1111", "[PHONE] [CARD]"},
		{"house number", "(555) 867-5309 1600 Pennsylvania Ave", "[PHONE] [ADDRESS]"},
		{"card with dashes", "card 4111-1111-1111-1111 declined", "card [CARD] declined"},
		{"phone alone", "x (555) 867-5309", "x [PHONE]"},
		{"UK area code", "ring (020) 7946 0958", "ring [PHONE]"},
	})
}
