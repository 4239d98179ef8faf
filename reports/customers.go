package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
)

// phoneID is an international phone number as a whole customer ID: a +,
// then digits and separators only (shownCustomer also wants 8 digits).
var phoneID = regexp.MustCompile(`^\+[0-9 ().-]+$`)

// shownCustomer is a customer ID as the pages and ID lists show it: one
// that is an e-mail address or an international phone number, personal
// data, as its type and the first 12 hex digits of its SHA-256, the same
// customer always alike (`complaints sql` finds it: left(sha256(customer_id),
// 12)); others as they are. The rule of sql/shown_customer.sql, which the
// SQL that lists customers calls.
func shownCustomer(id string) string {
	typ := ""
	if at := strings.IndexByte(id, '@'); at >= 0 && strings.Contains(id[at+1:], ".") {
		typ = "[EMAIL]"
	} else if phoneID.MatchString(id) && len(strings.Map(keepDigit, id)) >= 8 {
		typ = "[PHONE]"
	}
	if typ == "" {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return typ + "#" + hex.EncodeToString(sum[:6])
}

// isPseudonym reports whether a shown customer ID is shownCustomer's
// pseudonym.
func isPseudonym(shown string) bool {
	return strings.HasPrefix(shown, "[EMAIL]#") || strings.HasPrefix(shown, "[PHONE]#")
}

// customerNote says, under a table of customers, how personal IDs are
// shown.
const customerNote = "A customer ID that is an e-mail address or a phone number is personal data, shown as its type and the first 12 hex digits of its SHA-256 ([EMAIL]#86e0b9e56c17: left(sha256(customer_id), 12) in `complaints sql` finds it)."

// keepDigit keeps the ASCII digits of a string (strings.Map).
func keepDigit(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}
