package classify

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"email", "write to jane.doe+bank@example.co.uk today.", "write to [EMAIL] today."},
		{"email at end of sentence", "my email is bob@mail.com.", "my email is [EMAIL]."},
		// spelled out to dodge harvesters (QA pass M: left whole before)
		{"email spelled in brackets", "write to jane(at)example(dot)com or jane [at] example [dot] co [dot] uk.", "write to [EMAIL] or [EMAIL]."},
		{"email spelled at, dotted", "email: John.Smith(AT)gmail.com today", "email: [EMAIL] today"},
		{"spelled at without a domain dot", "meet me (at) home (at) 5", "meet me (at) home (at) 5"},
		{"bracketed words kept", "the fee [at the time] was (at least) $5", "the fee [at the time] was (at least) $5"},
		// UK postcodes, with the town before them (QA pass M)
		{"uk address", "I live at 10 Downing Street, London SW1A 2AA and nobody came.", "I live at [ADDRESS], [ADDRESS] and nobody came."},
		{"uk postcode alone", "my postcode is B33 8TH.", "my postcode is [ADDRESS]."},
		{"uk town of two words", "sent to Milton Keynes MK9 1AA, twice", "sent to [ADDRESS], twice"},
		{"postcode-like codes kept", "error E12 4CI? model A1 2BC, flight BA1 234 and QA1 1AA", "error E12 4CI? model A1 2BC, flight BA1 234 and QA1 1AA"},
		{"phone dialled with 00", "Tel: 0044 20 7946 0958 was busy", "Tel: [PHONE] was busy"},
		{"phone dashed", "call me at 555-867-5309 please", "call me at [PHONE] please"},
		{"phone parens", "call (555) 867-5309.", "call [PHONE]."},
		{"phone dotted with country", "on 1.800.555.0199 today", "on [PHONE] today"},
		{"phone with country code", "call +1 (555) 867-5309 or +1-555-867-5309.", "call [PHONE] or [PHONE]."},
		{"plus sign kept before a short number", "rated 4+ 5 times", "rated 4+ 5 times"},
		{"phone plain ten digits", "number 5558675309 works", "number [PHONE] works"},
		// 4111 1111 1111 1111 is the Visa test number; it passes Luhn.
		{"card spaced", "card 4111 1111 1111 1111 was charged", "card [CARD] was charged"},
		{"card plain", "used 5500005555555559 twice", "used [CARD] twice"},
		// Same digits with the last one changed fail Luhn: an account number, not a card.
		{"card failing luhn is an account", "used 5500005555555558 twice", "used [ACCOUNT] twice"},
		{"ssn", "my SSN 123-45-6789 was used", "my SSN [SSN] was used"},
		{"ssn by context", "social security number 123456789.", "social security number [SSN]."},
		{"account by context", "account number 1234567 was closed", "account number [ACCOUNT] was closed"},
		{"routing", "routing number: 021000021 and", "routing number: [ACCOUNT] and"},
		{"long digit run", "reference 00012345678 for", "reference [ACCOUNT] for"},
		// GB82 WEST 1234 5698 7654 32 is the ISO 13616 example IBAN.
		{"iban spaced", "to GB82 WEST 1234 5698 7654 32 on", "to [IBAN] on"},
		{"iban compact", "IBAN DE89370400440532013000.", "IBAN [IBAN]."},
		{"address", "I live at 1234 Oak Street, Springfield, IL 62704 now", "I live at [ADDRESS] now"},
		{"address with unit", "sent to 55 W Maple Ave Apt 3B yesterday", "sent to [ADDRESS] yesterday"},
		{"po box", "mail it to P.O. Box 1234, Austin, TX 78701 and", "mail it to [ADDRESS] and"},
		{"po box plain", "PO Box 77 is mine; Post Office Box 9 too", "[ADDRESS] is mine; [ADDRESS] too"},
		{"not a po box", "the PO Boxes are closed; a PO box number", "the PO Boxes are closed; a PO box number"},
		// A word that starts with digits after a number (QA pass M): the
		// run of digit groups took its digits, and the whole number was
		// then kept as part of a word, or typed an account with a street's
		// house number in it.
		{"card before 3x", "card 4111 1111 1111 1111 3x charged", "card [CARD] 3x charged"},
		{"ssn before 2nd", "SSN 123-45-6789 2nd letter, SSN: 123-45-6789 10am", "SSN [SSN] 2nd letter, SSN: [SSN] 10am"},
		{"account before 24h", "account 12345678901 24h later, account 12345678 4th time", "account [ACCOUNT] 24h later, account [ACCOUNT] 4th time"},
		{"phone before 5pm", "call (555) 867-5309 5pm or 555.867.5309 5pm", "call [PHONE] 5pm or [PHONE] 5pm"},
		{"uk phone before 3x", "called 020 7946 0958 3x", "called [PHONE] 3x"},
		{"routing before a house number", "routing number 021000021 221B Baker Street", "routing number [ACCOUNT] [ADDRESS]"},
		{"phone before an address", "call 555.867.5309 1600 Pennsylvania Ave NW, Washington, DC 20500 now", "call [PHONE] [ADDRESS] now"},
		{"digits before a word alone", "paid 150 2x and 2019 2nd time", "paid 150 2x and 2019 2nd time"},
		{"cfpb masks kept", "On XX/XX/XXXX I called XXXX XXXX about {$240.00}.", "On XX/XX/XXXX I called XXXX XXXX about {$240.00}."},
		{"dates kept", "on 2016-05-12 and 05-12-2016 and 12/05/2016", "on 2016-05-12 and 05-12-2016 and 12/05/2016"},
		{"amounts and years kept", "paid $1,200.00 in 2015 for 36 months", "paid $1,200.00 in 2015 for 36 months"},
		{"short numbers kept", "3 late fees on 2 accounts, code 12345", "3 late fees on 2 accounts, code 12345"},
		{"not an address", "I paid 3 Times the Amount", "I paid 3 Times the Amount"},
		{"not an address in capitals", "CALVARY SPV 1 LLC SUED MI IN COURT CASE", "CALVARY SPV 1 LLC SUED MI IN COURT CASE"},
		{"address in capitals", "MAILED TO 1200 N MAIN ST, DALLAS, TX 75201 ON", "MAILED TO [ADDRESS] ON"},
		// in lower case, as typed in tweets and chats (three such addresses
		// of the shared sets' 105,342 texts went through unredacted; none
		// of these rules matches anything else there)
		{"address in lower case", "The store address is 12008 blue ridge blvd, grandview mo 64030. My phone", "The store address is [ADDRESS]. My phone"},
		{"address in lower case with direction", "my name is c m, 3238 w. columbine dr, phx", "my name is c m, [ADDRESS], phx"},
		{"address in lower case with unit", "send it to 45 elm ave apt 3 please", "send it to [ADDRESS] please"},
		{"lower case: a measure, not a street", "an 8 hour drive, a 40 min road trip and 3 times to place it", "an 8 hour drive, a 40 min road trip and 3 times to place it"},
		{"lower case: an amount", "I paid $150 one way and 4.5 hr. car drive", "I paid $150 one way and 4.5 hr. car drive"},
		{"lower case: a verb", "the 2 cars drive on a 4 lane highway to 17 to drive", "the 2 cars drive on a 4 lane highway to 17 to drive"},
		{"capitals after an address", "SENT TO 1200 N MAIN ST AND THEN WE WAITED", "SENT TO [ADDRESS] AND THEN WE WAITED"},
		{"phone extension", "call 555-867-5309x1234, (555) 867-5309 ext. 12 or 555.867.5309 x9 now", "call [PHONE], [PHONE] or [PHONE] now"},
		{"phone international prefix", "call 001-555-867-5309x123 now", "call [PHONE] now"},
		{"x after a number that is no phone", "a 1920x1080 screen, code 12345x", "a 1920x1080 screen, code 12345x"},
		// 2221000000000009 is a Mastercard 2-series test number.
		{"mastercard 2-series", "card 2221000000000009 was charged", "card [CARD] was charged"},
		{"address on two lines", "mail it to 0487 Smith Lane Apt. 567\nNew Jamesburgh, NJ 12345-6789\nthanks", "mail it to [ADDRESS]\nthanks"},
		{"address with post-directional", "at 1600 Pennsylvania Ave NW, Washington, DC 20500 and", "at [ADDRESS] and"},
		{"address with a USPS suffix", "at 5393 Kelly Stravenue, O'Fallon, MO 63366 and", "at [ADDRESS] and"},
		{"street name with suffix words", "at 12 Pine Ridge Blvd, McAllen, TX 78501 and", "at [ADDRESS] and"},
		{"military address", "to PSC 1234, Box 5678\nAPO AE 09012 or USS Nimitz, FPO AP 96620", "to [ADDRESS] or [ADDRESS]"},
		{"phone country code without plus", "call 1 (555) 867-5309 or (555)-867-5309 now", "call [PHONE] or [PHONE] now"},
		{"numbered street", "at 350 5th Ave, New York, NY 10118 and 12 W 42nd St.", "at [ADDRESS] and [ADDRESS]"},
		{"abbreviations in a street's name", "at 1234 N. Main St., Springfield, IL 62704, 10 S.W. Oak Ln. and 1 St. Charles Ave", "at [ADDRESS], [ADDRESS] and [ADDRESS]"},
		{"apostrophe in a street's name", "at 1234 O'Connor Ct and", "at [ADDRESS] and"},
		{"not an address: abbreviation then a sentence", "I paid 300 To Mr. Smith and 5 Oak. Then we left", "I paid 300 To Mr. Smith and 5 Oak. Then we left"},
		{"po box in lower case", "send to po box 12, Austin TX or p.o. box #7", "send to [ADDRESS] or [ADDRESS]"},
		{"po box with no number", "PO BoX (\xa1 and po box (12)", "PO BoX (\xa1 and po box (12)"},
		{"not a po box number", "a box 12 and a po box 12ab", "a box 12 and a po box 12ab"},
		{"digits after a number's comma, twice", "12345678,87654321 and [ACCOUNT],87654321", "[ACCOUNT],87654321 and [ACCOUNT],87654321"},
		{"number after a word's full stop", "tel.555-867-5309 or no.4111111111111111 but 3.14159 and $1,200.00", "tel.[PHONE] or no.[CARD] but 3.14159 and $1,200.00"},
		{"not an address: time", "since 3:50 AM EST and", "since 3:50 AM EST and"},
		{"not an address: credit union", "I have 2 Navy Federal Credit Union accounts", "I have 2 Navy Federal Credit Union accounts"},
		{"not an address: area", "a 1500 Sq Ft home", "a 1500 Sq Ft home"},
		{"not an address: direct message", "@116720 Kindly DM us", "@116720 Kindly DM us"},
		// QA pass N: gaps an exploratory pass found
		{"house number with a letter", "221B Baker Street, London NW1 6XE", "[ADDRESS], [ADDRESS]"},
		{"house numbers with a letter and a range", "at 12a Elm Road and flat 4-6 Church Lane", "at [ADDRESS] and flat [ADDRESS]"},
		{"not an address: a letter or a range without a street", "paid 2x Late Fees for 4-6 Weeks, code 12a, a Tiggo 5x Pro Hybrid Max Drive", "paid 2x Late Fees for 4-6 Weeks, code 12a, a Tiggo 5x Pro Hybrid Max Drive"},
		{"card glued to a letter", "card 4111 1111 1111 1111x charged, 4111111111111111x too", "card [CARD]x charged, [CARD]x too"},
		{"card-shaped number glued to a letter", "number 4111 1111 1111 1112x", "number [ACCOUNT]x"},
		{"iban in lower case", "wire to de89 3704 0044 0532 0130 00 or gb82west12345698765432 today", "wire to [IBAN] or [IBAN] today"},
		{"iban in lower case, wrong length", "code de89 3704 0044 0532 0130 001 and ab12 cd34", "code de89 [ACCOUNT] and ab12 cd34"},
		{"card after the word account", "I will cancel my account 4111 1111 1111 1111", "I will cancel my account [CARD]"},
		{"account number failing luhn", "account number 5500005555555558 closed", "account number [ACCOUNT] closed"},
		{"email spelled with words", "write to john dot doe at gmail dot com or jane dot roe at gmail dot com.", "write to [EMAIL] or [EMAIL]."},
		{"email spelled with words after email", "my email is mary at example dot co dot uk today", "my email is [EMAIL] today"},
		{"email spelled with words after emailed", "I emailed Jane at acme dot org and john_s at yahoo dot com", "I emailed [EMAIL] and [EMAIL]"},
		{"email words kept: no name", "email me at gmail dot com, look at gmail dot com or sign in at yahoo dot com", "email me at gmail dot com, look at gmail dot com or sign in at yahoo dot com"},
		{"email words kept in prose", "I looked at the site, printed at home dot matrix printer, shopped at Target dot com and my echo dot at home", "I looked at the site, printed at home dot matrix printer, shopped at Target dot com and my echo dot at home"},
		{"card security code", "cvv 123, CVV: 1234, security code 123 and CVC2 is 456", "cvv [CARD], CVV: [CARD], security code [CARD] and CVC2 is [CARD]"},
		{"not a security code", "code 123, 123 cvv and security 1234", "code 123, 123 cvv and security 1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// plant is one piece of PII planted in a narrative.
type plant struct {
	text, kind string
}

// piiGenerator makes realistic PII strings of every kind from a seeded source.
type piiGenerator struct{ r *rand.Rand }

func (g piiGenerator) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return b.String()
}

// card makes a Luhn-valid card number with a real-looking prefix.
func (g piiGenerator) card() string {
	prefixes := []string{"4", "51", "55", "37", "6011"}
	p := prefixes[g.r.IntN(len(prefixes))]
	n := 16
	if p == "37" {
		n = 15
	}
	body := withCheckDigit(p + g.digits(n-len(p)-1))
	switch g.r.IntN(3) {
	case 0:
		return body
	case 1:
		return fours(body, " ")
	}
	return fours(body, "-")
}

// withCheckDigit returns the digits of body followed by the digit that
// makes them pass the Luhn check.
func withCheckDigit(body string) string {
	for d := byte('0'); d <= '9'; d++ {
		if luhn(body + string(d)) {
			return body + string(d)
		}
	}
	panic("classify test: no Luhn check digit")
}

// fours returns s in groups of four characters joined by sep, as card
// numbers and IBANs are printed.
func fours(s, sep string) string {
	var groups []string
	for i := 0; i < len(s); i += 4 {
		groups = append(groups, s[i:min(i+4, len(s))])
	}
	return strings.Join(groups, sep)
}

// iban makes a mod-97-valid IBAN for a few countries' lengths.
func (g piiGenerator) iban() string {
	countries := []struct {
		cc string
		n  int
	}{{"DE", 18}, {"GB", 18}, {"FR", 23}, {"ES", 20}, {"NL", 14}}
	c := countries[g.r.IntN(len(countries))]
	bban := g.digits(c.n)
	if c.cc == "GB" || c.cc == "NL" {
		bban = "ABCD"[:0] + string(rune('A'+g.r.IntN(26))) + string(rune('A'+g.r.IntN(26))) + string(rune('A'+g.r.IntN(26))) + string(rune('A'+g.r.IntN(26))) + bban[4:]
	}
	for ck := 2; ck < 99; ck++ {
		s := fmt.Sprintf("%s%02d%s", c.cc, ck, bban)
		if ibanValid([]byte(s)) {
			if g.r.IntN(2) == 0 {
				return fours(s, " ")
			}
			return s
		}
	}
	panic("classify test: no IBAN check digits")
}

var (
	firstNames = []string{"john", "mary", "j.smith", "lisa_k", "robert", "ana.maria", "dwilliams", "kim"}
	domains    = []string{"gmail.com", "yahoo.com", "outlook.com", "comcast.net", "example.org", "mail.co.uk"}
	streets    = []string{"Oak", "Maple", "Main", "Washington", "Lake View", "Martin Luther King", "Elm", "Pine Ridge"}
	suffixes   = []string{"Street", "St", "Avenue", "Ave", "Road", "Rd", "Drive", "Dr", "Lane", "Blvd", "Court", "Way"}
	cities     = []string{"Springfield", "Houston", "San Antonio", "Columbus", "Atlanta"}
	states     = []string{"IL", "TX", "OH", "GA", "CA"}
)

// next returns a planted PII item of a random kind with the phrase that
// introduces it (as consumers write it) and the placeholder kind expected.
func (g piiGenerator) next() (lead string, p plant) {
	switch g.r.IntN(8) {
	case 0:
		e := firstNames[g.r.IntN(len(firstNames))] + g.digits(g.r.IntN(3)) + "@" + domains[g.r.IntN(len(domains))]
		return "my email is", plant{e, PIIEmail}
	case 1:
		d := g.digits(10)
		d = string(rune('2'+g.r.IntN(8))) + d[1:]
		var p string
		switch g.r.IntN(4) {
		case 0:
			p = "(" + d[:3] + ") " + d[3:6] + "-" + d[6:]
		case 1:
			p = d[:3] + "-" + d[3:6] + "-" + d[6:]
		case 2:
			p = d[:3] + "." + d[3:6] + "." + d[6:]
		default:
			p = "1-" + d[:3] + "-" + d[3:6] + "-" + d[6:]
		}
		return "you can reach me at", plant{p, PIIPhone}
	case 2:
		return "my card number is", plant{g.card(), PIICard}
	case 3:
		d := g.digits(9)
		if g.r.IntN(2) == 0 {
			return "my SSN is", plant{d[:3] + "-" + d[3:5] + "-" + d[5:], PIISSN}
		}
		return "my social security number", plant{d, PIISSN}
	case 4:
		leads := []string{"my account number is", "account #", "acct no.", "loan number"}
		return leads[g.r.IntN(len(leads))], plant{g.digits(6 + g.r.IntN(9)), PIIAccount}
	case 5:
		return "routing number", plant{g.digits(9), PIIAccount}
	case 6:
		return "please wire it to", plant{g.iban(), PIIIBAN}
	}
	a := fmt.Sprintf("%d %s %s", 1+g.r.IntN(9999), streets[g.r.IntN(len(streets))], suffixes[g.r.IntN(len(suffixes))])
	if g.r.IntN(3) == 0 {
		a += fmt.Sprintf(" Apt %d", 1+g.r.IntN(40))
	}
	if g.r.IntN(2) == 0 {
		k := g.r.IntN(len(cities))
		a += fmt.Sprintf(", %s, %s %05d", cities[k], states[k], g.r.IntN(99999))
	}
	return "I live at", plant{a, PIIAddress}
}

// plantWith inserts 1-3 items made by next between sentences of text
// (each after a sentence end drawn at random, introduced by its lead words
// and closed by a full stop), and returns the planted text, the text
// expected after redaction, and the items.
func plantWith(next func() (string, plant), r *rand.Rand, text string) (planted, expected string, items []plant) {
	ends := sentenceEnds(text, nil)
	at := map[int]bool{}
	for range 1 + r.IntN(3) {
		at[ends[r.IntN(len(ends))]] = true
	}
	var pb, eb strings.Builder
	last := 0
	for _, e := range ends {
		pb.WriteString(text[last:e])
		eb.WriteString(text[last:e])
		last = e
		if at[e] {
			lead, p := next()
			pb.WriteString(" " + lead + " " + p.text + ". ")
			eb.WriteString(" " + lead + " [" + p.kind + "]. ")
			items = append(items, p)
		}
	}
	return pb.String(), eb.String(), items
}

// TestRedactPlanted measures redaction on 1,000 real CFPB narratives
// (cfpb-narratives-product, the first 1,000 of a seeded shuffle) with 1-3
// planted PII items each. Targets from issue 3: recall >= 0.98 and at most
// 1% of clean words altered.
func TestRedactPlanted(t *testing.T) {
	_, texts := cfpbNarratives(t)
	r := rand.New(rand.NewPCG(3, 1000))
	r.Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
	g := piiGenerator{r}
	measurePlanted(t, texts[:1000], g.next, r, func(got, item string) string {
		if strings.Contains(got, item) {
			return item
		}
		return ""
	})
}

// measurePlanted plants the items next makes in each text (plantWith),
// redacts it, and reports and checks against issue 3's targets (recall >=
// 0.98, at most 1% of clean words altered): the items redacted (left names
// what of an item is still in the redacted text, "" when nothing), the
// expected placeholders found in place ("typed"), and the clean words, the
// words of the expected output less its placeholders, missing from the
// actual output.
func measurePlanted(t *testing.T, texts []string, next func() (string, plant), r *rand.Rand, left func(got, item string) string) {
	t.Helper()
	var planted, caught, typed, cleanWords, altered int
	missByKind := map[string]int{}
	for _, text := range texts {
		in, want, items := plantWith(next, r, text)
		got := Redact(in)
		for _, p := range items {
			planted++
			if l := left(got, p.text); l == "" {
				caught++
			} else {
				missByKind[p.kind]++
				if missByKind[p.kind] <= 5 {
					t.Logf("missed %s %q: %q left", p.kind, p.text, l)
				}
			}
		}
		have := map[string]int{}
		for _, w := range strings.Fields(got) {
			have[w]++
		}
		for _, w := range strings.Fields(want) {
			if strings.HasPrefix(w, "[") {
				if have[w] > 0 {
					typed++
					have[w]--
				}
				continue
			}
			cleanWords++
			if have[w] > 0 {
				have[w]--
			} else {
				altered++
			}
		}
	}
	recall := float64(caught) / float64(planted)
	alteredShare := float64(altered) / float64(cleanWords)
	t.Logf("planted %d, redacted %d (recall %.4f), typed correctly %d; clean words %d, altered %d (%.4f%%); misses by kind %v",
		planted, caught, recall, typed, cleanWords, altered, 100*alteredShare, missByKind)
	if recall < 0.98 {
		t.Errorf("PII recall = %.4f, want >= 0.98", recall)
	}
	if alteredShare > 0.01 {
		t.Errorf("clean words altered = %.4f, want <= 0.01", alteredShare)
	}
}
