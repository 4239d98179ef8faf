package classify

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// wideGenerator makes PII in the wider range of layouts that test-data
// generators and forms produce, beyond piiGenerator's: phone extensions
// ("x123") and the "001-" and "+1-" prefixes, card numbers of every major
// issuer and length, addresses on two lines ("street\nCity, ST ZIP") with
// any USPS street suffix, a secondary unit and a post-directional, military
// addresses (APO, FPO, DPO), and IBANs of more countries. It is a second,
// independent check of Redact: its layouts were listed from what such
// generators write, not from what Redact reads. It draws from the same
// source and digits as piiGenerator, whose own layouts it replaces.
type wideGenerator struct{ piiGenerator }

func (g wideGenerator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// fill replaces each '#' of layout with a random digit.
func (g wideGenerator) fill(layout string) string {
	b := []byte(layout)
	for i, c := range b {
		if c == '#' {
			b[i] = byte('0' + g.r.IntN(10))
		}
	}
	return string(b)
}

// wideStreetSuffixes are USPS street suffixes (Publication 28, appendix
// C1), written in full as address generators write them.
var wideStreetSuffixes = []string{
	"Alley", "Avenue", "Bend", "Bluff", "Boulevard", "Branch", "Bridge", "Brook", "Burg", "Bypass",
	"Camp", "Canyon", "Cape", "Causeway", "Circle", "Cliff", "Common", "Corner", "Course", "Court",
	"Cove", "Creek", "Crescent", "Crest", "Crossing", "Crossroad", "Curve", "Dale", "Divide", "Drive",
	"Estate", "Estates", "Expressway", "Extension", "Falls", "Ferry", "Field", "Fields", "Flat", "Ford",
	"Forest", "Forge", "Fork", "Fort", "Freeway", "Garden", "Gardens", "Gateway", "Glen", "Green",
	"Grove", "Harbor", "Haven", "Heights", "Highway", "Hill", "Hills", "Hollow", "Inlet", "Island",
	"Isle", "Junction", "Knoll", "Lake", "Landing", "Lane", "Lodge", "Loop", "Manor", "Meadow",
	"Meadows", "Mews", "Mill", "Mills", "Mission", "Motorway", "Mountain", "Neck", "Orchard", "Oval",
	"Overpass", "Parkway", "Pass", "Passage", "Path", "Pike", "Pine", "Pines", "Place", "Plain",
	"Plains", "Plaza", "Port", "Prairie", "Radial", "Ramp", "Ranch", "Rapid", "Ridge", "River",
	"Road", "Route", "Row", "Rue", "Run", "Shoal", "Shore", "Shores", "Skyway", "Spring",
	"Springs", "Spur", "Square", "Stravenue", "Stream", "Street", "Summit", "Terrace", "Throughway", "Trace",
	"Track", "Trafficway", "Trail", "Tunnel", "Turnpike", "Underpass", "Valley", "Viaduct", "View", "Village",
	"Ville", "Vista", "Walk", "Way", "Wells",
}

var (
	wideNames      = []string{"Smith", "Johnson", "Garcia", "Martinez", "Kelly", "Jennifer", "Brooks", "Nguyen", "Anderson", "Taylor", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Hill"}
	widePrefixes   = []string{"", "", "", "North ", "South ", "East ", "West ", "New ", "Lake ", "Port "}
	wideEndings    = []string{"", "", "ville", "land", "ton", "burgh", "side", "view", "haven", "mouth", "bury", "chester", "fort", "borough", "berg", "stad"}
	wideStates     = []string{"AL", "AK", "AZ", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "IL", "IN", "KY", "MA", "MD", "MI", "MN", "NC", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "TN", "TX", "VA", "WA", "WI"}
	wideDirections = []string{"N", "S", "E", "W", "NE", "NW", "SE", "SW"}
	wideTLDs       = []string{"com", "net", "org", "info", "biz", "io", "us", "co.uk"}
)

func (g wideGenerator) city() string {
	return g.pick(widePrefixes) + g.pick(wideNames) + g.pick(wideEndings)
}

func (g wideGenerator) zip() string {
	if g.r.IntN(4) == 0 {
		return g.fill("#####-####")
	}
	return g.fill("#####")
}

// address is a US street or military address, on one line or two.
func (g wideGenerator) address() string {
	sep := "\n"
	if g.r.IntN(2) == 0 {
		sep = ", "
	}
	if g.r.IntN(8) == 0 { // military: Army/Air Force, Navy ship, diplomatic
		region := g.pick([]string{"AA", "AE", "AP"})
		switch g.r.IntN(3) {
		case 0:
			return g.fill("PSC ####, Box ####") + sep + "APO " + region + " " + g.zip()
		case 1:
			return g.pick([]string{"USNS", "USS"}) + " " + g.pick(wideNames) + sep + "FPO " + region + " " + g.zip()
		}
		return g.fill("Unit #### Box ####") + sep + "DPO " + region + " " + g.zip()
	}
	a := g.fill(g.pick([]string{"#", "##", "###", "####", "#####"}))
	a = strings.TrimLeft(a, "0")
	if a == "" {
		a = "7"
	}
	a += " " + g.pick(wideNames) + " " + g.pick(wideStreetSuffixes)
	if g.r.IntN(6) == 0 {
		a += " " + g.pick(wideDirections)
	}
	switch g.r.IntN(4) {
	case 0:
		a += g.fill(" Apt. ###")
	case 1:
		a += g.fill(" Suite ###")
	}
	return a + sep + g.city() + ", " + g.pick(wideStates) + " " + g.zip()
}

// phone is a North American number in one of the layouts generators write,
// with or without an extension.
func (g wideGenerator) phone() string {
	layout := g.pick([]string{"###-###-####", "(###)###-####", "(###) ###-####", "###.###.####", "+1-###-###-####", "001-###-###-####"})
	if g.r.IntN(2) == 0 {
		layout += "x" + strings.Repeat("#", 3+g.r.IntN(3))
	}
	p := []byte(g.fill(layout))
	// area code and exchange do not start with 0 or 1
	k := strings.IndexAny(string(p), "0123456789")
	if strings.HasPrefix(layout, "+1-") || strings.HasPrefix(layout, "001-") {
		k = strings.IndexByte(string(p), '-') + 1
	}
	p[k] = byte('2' + g.r.IntN(8))
	return string(p)
}

// card is a Luhn-valid number of a major issuer, raw or grouped.
func (g wideGenerator) card() string {
	issuers := []struct {
		prefixes []string
		lengths  []int
	}{
		{[]string{"4"}, []int{13, 16, 19}},                                          // Visa
		{[]string{"51", "52", "53", "54", "55", "2221", "2500", "2720"}, []int{16}}, // Mastercard
		{[]string{"34", "37"}, []int{15}},                                           // American Express
		{[]string{"6011", "65", "644"}, []int{16, 19}},                              // Discover
		{[]string{"300", "305", "36", "38"}, []int{14}},                             // Diners Club
		{[]string{"3528", "3589"}, []int{16}},                                       // JCB
	}
	is := issuers[g.r.IntN(len(issuers))]
	p := g.pick(is.prefixes)
	n := is.lengths[g.r.IntN(len(is.lengths))]
	body := withCheckDigit(p + g.digits(n-len(p)-1))
	switch g.r.IntN(3) {
	case 0:
		return body
	case 1:
		if n == 15 { // Amex prints 4-6-5
			return body[:4] + " " + body[4:10] + " " + body[10:]
		}
		return fours(body, " ")
	}
	return fours(body, "-")
}

// iban is a mod-97-valid IBAN, upper case, with or without its spaces.
func (g wideGenerator) iban() string {
	countries := []struct {
		cc      string
		letters int // bank code letters after the check digits
		n       int // BBAN length
	}{{"DE", 0, 18}, {"GB", 4, 18}, {"FR", 0, 23}, {"ES", 0, 20}, {"NL", 4, 14}, {"IT", 1, 23}, {"BE", 0, 12}, {"IE", 4, 18}, {"CH", 0, 17}}
	c := countries[g.r.IntN(len(countries))]
	var bban strings.Builder
	for range c.letters {
		bban.WriteByte(byte('A' + g.r.IntN(26)))
	}
	bban.WriteString(g.digits(c.n - c.letters))
	for ck := 2; ck < 99; ck++ {
		s := fmt.Sprintf("%s%02d%s", c.cc, ck, bban.String())
		if !ibanValid([]byte(s)) {
			continue
		}
		if g.r.IntN(2) == 0 {
			return s
		}
		return fours(s, " ")
	}
	panic("classify test: no IBAN check digits")
}

func (g wideGenerator) email() string {
	first, last := strings.ToLower(g.pick(wideNames)), strings.ToLower(g.pick(wideNames))
	local := g.pick([]string{first + "." + last, first + last + g.digits(2), first[:1] + "_" + last, first + "+bank", last + g.digits(4)})
	domain := g.pick([]string{"example", "mail", "inbox", strings.ToLower(g.pick(wideNames)) + "-" + strings.ToLower(g.pick(wideNames)), "post.example"})
	return local + "@" + domain + "." + g.pick(wideTLDs)
}

// next returns a planted item with the words that introduce it.
func (g wideGenerator) next() (lead string, p plant) {
	switch g.r.IntN(8) {
	case 0:
		return g.pick([]string{"my email is", "email me at", "contact:"}), plant{g.email(), PIIEmail}
	case 1:
		return g.pick([]string{"my phone number is", "call me at", "phone:"}), plant{g.phone(), PIIPhone}
	case 2:
		return g.pick([]string{"my card number is", "the card", "card #"}), plant{g.card(), PIICard}
	case 3:
		return g.pick([]string{"my SSN is", "SSN:", "social security number"}), plant{g.fill(g.pick([]string{"###-##-####", "### ## ####", "#########"})), PIISSN}
	case 4:
		return g.pick([]string{"Account Number:", "acct#", "checking account", "loan no."}), plant{g.digits(6 + g.r.IntN(12)), PIIAccount}
	case 5:
		return g.pick([]string{"routing number", "ABA", "routing #"}), plant{g.digits(9), PIIAccount}
	case 6:
		return g.pick([]string{"please wire it to", "IBAN"}), plant{g.iban(), PIIIBAN}
	}
	return g.pick([]string{"I live at", "my address is", "mail it to"}), plant{g.address(), PIIAddress}
}

// TestRedactPlantedWide measures redaction as TestRedactPlanted does, on
// the same 1,000 CFPB narratives shuffled with another seed, with PII in
// wideGenerator's layouts. An item counts as redacted only when no line or
// comma-separated part of it of five bytes or more is left in the text (a
// street redacted with its city left on the next line is a miss). Same
// targets (issue 3): recall >= 0.98, at most 1% of clean words altered.
func TestRedactPlantedWide(t *testing.T) {
	_, texts := cfpbNarratives(t)
	r := rand.New(rand.NewPCG(4, 1000))
	r.Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
	g := wideGenerator{piiGenerator{r}}
	measurePlanted(t, texts[:1000], g.next, r, leftOf)
}

// leftOf returns the first part of a planted item (the item itself, or one
// of its lines or comma-separated parts, five bytes or more) still in got,
// or "".
func leftOf(got, item string) string {
	if strings.Contains(got, item) {
		return item
	}
	for _, line := range strings.Split(item, "\n") {
		for _, part := range strings.Split(line, ", ") {
			if len(part) >= 5 && strings.Contains(got, part) {
				return part
			}
		}
	}
	return ""
}
