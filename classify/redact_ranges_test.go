package classify

import (
	"strings"
	"testing"
)

// redactCases checks Redact on each case, and that redacting its
// expected output changes nothing more.
func redactCases(t *testing.T, tests []struct{ name, in, want string }) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := Redact(tt.want); got != tt.want {
				t.Errorf("Redact(%q) = %q, want it unchanged", tt.want, got)
			}
		})
	}
}

// TestRedactYearRange: a range of years is no account number (QA passes
// BG and BH: the audit page's lineage showed the shared file
// it-csat-survey/survey_2018-2019.csv as "survey_[ACCOUNT].csv", and "in
// 2018-2019" became "in [ACCOUNT]"); eight digits that are no such range,
// or a range after an account's label, still are.
func TestRedactYearRange(t *testing.T) {
	redactCases(t, []struct{ name, in, want string }{
		{"file name", "/work/shared/data/it-csat-survey/survey_2018-2019.csv", "/work/shared/data/it-csat-survey/survey_2018-2019.csv"},
		{"other file", "survey_2019-2020.csv", "survey_2019-2020.csv"},
		{"in a narrative", "the fees charged in 2018-2019 were", "the fees charged in 2018-2019 were"},
		{"from", "from 2019-2020, and 1999-2000.", "from 2019-2020, and 1999-2000."},
		{"slash and en dash", "tax years 2018/2019 and 2019–2020", "tax years 2018/2019 and 2019–2020"},
		// from the reclameaqui-pt set
		{"Portuguese", "para veículos 2017-2019 afetados", "para veículos 2017-2019 afetados"},
		// the scan goes on after the range: a number after it is read alone
		{"range then a count", "in 2018-2019 3 payments", "in 2018-2019 3 payments"},
		{"range then a phone", "in 2018-2019 555-867-5309 called", "in 2018-2019 [PHONE] called"},
		{"range then an account", "in 2018-2019 12345678 was", "in 2018-2019 [ACCOUNT] was"},
		// a run that the range ends is read without it
		{"count then a range", "the 2 2018-2019 statements", "the 2 2018-2019 statements"},
		{"account then a range", "paid 12345678 2018-2019 fees", "paid [ACCOUNT] 2018-2019 fees"},
		// after a label the run is one number, a range in it too
		{"labelled run", "acct 1234 2018-2019 statements", "acct [ACCOUNT] statements"},
		// no range: the second year is not after the first, or no year
		{"backwards", "ref 2019-2018 was", "ref [ACCOUNT] was"},
		{"same year", "ref 2018-2018 was", "ref [ACCOUNT] was"},
		{"not years", "18 U.S.C. 2510-2521 and", "18 U.S.C. [ACCOUNT] and"},
		{"1800s", "ref 1850-1860 was", "ref [ACCOUNT] was"},
		{"plain digits", "ref 20182019 was", "ref [ACCOUNT] was"},
		{"labelled", "Account Number: 2018-2019.", "Account Number: [ACCOUNT]."},
		{"prefixed reference", "invoice INV-2018-2019 was", "invoice INV-[ACCOUNT] was"},
	})
	// a longer run that begins with a range is a reference number: no
	// digit of it is left (its type is classifyNumber's)
	for _, in := range []string{"ref 2018-2019-0001", "ref 2018-2019-4455-1234"} {
		if got := Redact(in); strings.ContainsAny(got, "0123456789") {
			t.Errorf("Redact(%q) = %q, want no digit left", in, got)
		}
	}
}

// TestRedactTrunkPhone: a European number with its trunk prefix in
// brackets after the country code ("+49 (0)30 1234567") or its area code
// before a slash ("030/12345678") is one phone number (QA passes BG and
// BH: they became "+49 (0)[ACCOUNT]" and "030/[ACCOUNT]", and with a
// shorter subscriber number, "030/1234567", all their digits were left).
func TestRedactTrunkPhone(t *testing.T) {
	redactCases(t, []struct{ name, in, want string }{
		{"German, trunk prefix", "Tel. +49 (0)30 1234567 bitte", "Tel. [PHONE] bitte"},
		{"no space", "+49(0)89 12345678.", "[PHONE]."},
		{"space after", "+49 (0) 30 1234567", "[PHONE]"},
		{"UK, trunk prefix", "call +44 (0)20 7946 0958 now", "call [PHONE] now"},
		{"French, trunk prefix", "au +33 (0)1 23 45 67 89 svp", "au [PHONE] svp"},
		{"area code, slash", "Rufen Sie 030/12345678 an", "Rufen Sie [PHONE] an"},
		{"area code, slash, seven digits", "Tel.: 030/1234567", "Tel.: [PHONE]"},
		{"longer area code, groups", "unter 0221/987 65 43 oder 06221/12345-67", "unter [PHONE] oder [PHONE]"},
		// no area code before a slash: dates, fractions, a year's range
		{"dates", "on 01/15/2020 and 03/2019, 1/2", "on 01/15/2020 and 03/2019, 1/2"},
		{"hours", "open 0900/1700 daily", "open 0900/1700 daily"},
		{"year range", "2018/2019", "2018/2019"},
		// US numbers stay as they were
		{"US phone", "call +1 (555) 867-5309", "call [PHONE]"},
		{"US account", "account 123/45678901", "account 123/[ACCOUNT]"},
		{"US account, leading zero", "routing number 021000021", "routing number [ACCOUNT]"},
		{"account label", "Account Number: 030/12345678", "Account Number: [ACCOUNT]"},
	})
}
