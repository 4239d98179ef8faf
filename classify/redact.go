package classify

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PII kinds and the placeholders that replace them in redacted text.
const (
	PIIEmail   = "EMAIL"
	PIIPhone   = "PHONE"
	PIICard    = "CARD"
	PIISSN     = "SSN"
	PIIAccount = "ACCOUNT" // account and routing numbers
	PIIIBAN    = "IBAN"
	PIIAddress = "ADDRESS"
	PIITaxID   = "TAXID" // Brazil's CPF and CNPJ
)

// piiSpan is one piece of personal data found in a text.
type piiSpan struct {
	start, end int
	kind       string
}

// Redact returns s with personal data replaced by typed placeholders:
// "[EMAIL]" (with letters beyond ASCII too: "joão@empresa.com.br",
// "user@müller.de"), "[PHONE]", "[CARD]" (Luhn-checked 13-19 digit
// numbers, after any words, even with a letter glued on, "4111 1111 1111
// 1111x"; and a security code after its label, "cvv 123"), "[SSN]",
// "[ACCOUNT]" (account and routing numbers: runs of 8 or more digits, or 5
// or more after words such as "account number"), "[IBAN]" (ISO 13616,
// mod-97 checked; in lower case too, of a country's length), "[TAXID]"
// (Brazil's taxpayer numbers as printed, with their check digits: a CPF,
// "123.456.789-09", a CNPJ, "11.222.333/0001-81") and "[ADDRESS]" (a
// house number, "221B" and "4-6" too, capitalised street name and USPS
// street suffix, with its direction, unit, city, state and ZIP when
// present, the city on the same line or the next; in lower case, a street
// whose suffix is no everyday word (lowerAddressAt); a post office box; a
// military APO, FPO or DPO address; a UK postcode with the town before
// it). A phone number's country code ("+1", "001-", "0044"), area code in
// brackets ("(555)"; "(11)" before a Brazilian number, "(11)
// 98765-4321"), a European trunk prefix after the country code ("+49
// (0)30 1234567"), an area code before a slash ("030/12345678") and
// extension ("x123", "ext. 12") go with it; a range of years
// ("2018-2019") is no account number unless labelled one; an e-mail
// address may be spelled "jane(at)example(dot)com" or "john dot doe at
// gmail dot com" (wordsEmailAt). CFPB masks such as "XXXX" are left as
// they are. Text with no PII is returned unchanged without allocating.
func Redact(s string) string {
	out, _ := redact(s, nil)
	return out
}

// FirstPII is the kind (PIIEmail, PIICard, ...) of the first personal
// data Redact finds in s, "" when it finds none; whole reports whether
// that piece is all of s (Redact gives its placeholder alone). The
// reports tell a customer ID that is personal data by it.
func FirstPII(s string) (kind string, whole bool) {
	spans := findPII(s, nil)
	if len(spans) == 0 {
		return "", false
	}
	return spans[0].kind, len(spans) == 1 && spans[0].start == 0 && spans[0].end == len(s)
}

// redact is Redact that also returns the spans it replaced, reusing buf.
func redact(s string, buf []piiSpan) (string, []piiSpan) {
	spans := findPII(s, buf[:0])
	return replaceSpans(s, spans, func(kind string) string { return "[" + kind + "]" }), spans
}

// replaceSpans returns s with each of spans (in order, not overlapping)
// replaced by with(its kind); s itself when there is none.
func replaceSpans(s string, spans []piiSpan, with func(kind string) string) string {
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.start])
		b.WriteString(with(sp.kind))
		last = sp.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// findPII appends the non-overlapping PII spans of s, in order, to buf.
// Each span found moves the scan past its end, and always at least one
// byte on (a post office box, found at its number, starts before it).
func findPII(s string, buf []piiSpan) []piiSpan {
	i := 0
	// the next " dot " of an address spelled in words ("john dot doe at
	// gmail dot com"): the scan stops there too
	dot := -1
	for i < len(s) {
		if dot < i {
			if dot = strings.Index(s[i:], " dot "); dot < 0 {
				dot = len(s)
			} else {
				dot += i
			}
		}
		// most bytes can start no PII: passed in a tight loop
		for i < dot && !piiFirst[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if i == dot {
			if sp, ok := wordsEmailAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
			} else {
				i++
			}
			continue
		}
		c := s[i]
		switch {
		case c == '@':
			if sp, ok := emailAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			}
		case (c == '(' || c == '[') && i > 0:
			// an address written to dodge harvesters: "jane(at)example(dot)com"
			if sp, ok := spelledEmailAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			}
		}
		switch {
		case c >= 'A' && c <= 'Z' && (i == 0 || !isWordByte(s[i-1])):
			if sp, ok := postcodeAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			}
			if sp, ok := militaryAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			}
			if sp, ok := ibanAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			}
		case c >= '0' && c <= '9' && i >= 2 && isLower(s[i-1]) && isLower(s[i-2]) && (i == 2 || !isWordByte(s[i-3])):
			// an IBAN in lower case, found at its check digits
			if sp, ok := ibanAt(s, i-2); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			}
		case (c >= '0' && c <= '9' || c == '(' || c == '+') && (i == 0 || !isWordByte(s[i-1]) && s[i-1] != '$' && !afterNumber(s, i)):
			if sp, ok := poBoxAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			}
			if sp, end, ok := numberAt(s, i); ok {
				buf = appendSpan(buf, sp)
				i = max(sp.end, i+1)
				continue
			} else if end > i {
				i = end
				continue
			}
		}
		i++
	}
	return buf
}

// afterNumber reports whether s[i] continues a number, after its decimal
// point or thousands separator ("$1,200.00", "3.5"): a '.' or ',' after a
// digit, or after a placeholder's ']', which stood for digits (so that
// redacting twice changes nothing: "12345678,87654321" keeps its second
// part both times). After a word ("tel.555-867-5309", "no.4111...") it is
// a number's start.
func afterNumber(s string, i int) bool {
	return (s[i-1] == '.' || s[i-1] == ',') && i >= 2 && (isDigit(s[i-2]) || s[i-2] == ']')
}

// piiFirst marks the bytes findPII looks at: '@', capital letters,
// digits, '(', '[' and '+'.
var piiFirst = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '@' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '(' || c == '[' || c == '+'
	}
	return t
}()

// appendSpan appends sp, dropping any earlier span it overlaps (an email
// found at '@' may start before spans already recorded).
func appendSpan(buf []piiSpan, sp piiSpan) []piiSpan {
	for len(buf) > 0 && buf[len(buf)-1].end > sp.start {
		if buf[len(buf)-1].start < sp.start {
			sp.start = buf[len(buf)-1].start
		}
		buf = buf[:len(buf)-1]
	}
	return append(buf, sp)
}

func isEmailLocal(c byte) bool {
	return isWordByte(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// localStart is where the local part of an address whose '@' (or spelled
// "(at)") is at s[at] begins: the run of local-part bytes before it, and
// of letters, digits and marks beyond ASCII (RFC 6531: "joão.silva",
// "Ñandú"), of one script (emailScript), less any leading dots; at when
// there is none.
func localStart(s string, at int) int {
	start := at
	var script uint8
	for start > 0 {
		if c := s[start-1]; c < utf8.RuneSelf {
			if !isEmailLocal(c) || isLetterASCII(c) && !sameScript(&script, scriptLatin) {
				break
			}
			start--
			continue
		}
		n, sc := emailRune(s, start, true)
		if n == 0 || !sameScript(&script, sc) {
			break
		}
		start -= n
	}
	for start < at && s[start] == '.' {
		start++
	}
	return start
}

// labelEnd returns where the label of a domain that starts at s[j] ends:
// after its ASCII letters, digits and hyphens, and its letters, digits
// and marks beyond ASCII (an internationalised domain's, "müller.de"), of
// one script (emailScript).
func labelEnd(s string, j int) int {
	var script uint8
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !isWordByte(c) && c != '-' || isLetterASCII(c) && !sameScript(&script, scriptLatin) {
				break
			}
			j++
			continue
		}
		n, sc := emailRune(s, j, false)
		if n == 0 || !sameScript(&script, sc) {
			break
		}
		j += n
	}
	return j
}

// Scripts of the letters of an address. Its local part and each label of
// its domain are written in one script (registries allow no mix within a
// label, bar Japanese's three), and the text around an address in a
// language written without spaces (Chinese, Japanese, Thai) may touch it in
// another: "我的邮箱是jane@example.com谢谢" holds "jane@example.com".
const (
	scriptNone  uint8 = iota // a digit or a mark: of any script
	scriptLatin              // ASCII letters too
	// then emailScripts' ids, then scriptOther
)

// emailScripts are the scripts an address's letters are told apart by;
// any other letter is scriptOther.
var emailScripts = [...]struct {
	table *unicode.RangeTable
	id    uint8
}{
	{unicode.Latin, scriptLatin}, {unicode.Greek, 2}, {unicode.Cyrillic, 3}, {unicode.Arabic, 4},
	{unicode.Hebrew, 5}, {unicode.Devanagari, 6}, {unicode.Thai, 7}, {unicode.Hangul, 8},
	{unicode.Han, 9}, {unicode.Hiragana, 9}, {unicode.Katakana, 9}, // written together in Japanese
}

const scriptOther uint8 = 10

// emailRune reads the rune of s that starts at s[i] (back: that ends
// there), one beyond ASCII, and returns its size and script when it may
// be in an internationalised address: a letter (its script), a digit or a
// combining mark, a decomposed accent (scriptNone). It returns 0, 0 for
// any other rune (a space, punctuation, an emoji, invalid UTF-8).
func emailRune(s string, i int, back bool) (size int, script uint8) {
	var r rune
	if back {
		r, size = utf8.DecodeLastRuneInString(s[:i])
	} else {
		r, size = utf8.DecodeRuneInString(s[i:])
	}
	switch {
	case unicode.IsLetter(r):
		for _, sc := range emailScripts {
			if unicode.Is(sc.table, r) {
				return size, sc.id
			}
		}
		return size, scriptOther
	case unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
		return size, scriptNone
	}
	return 0, scriptNone
}

// sameScript reports whether a character of script sc may join a run of
// script *run (scriptNone: no letter yet), which it then sets.
func sameScript(run *uint8, sc uint8) bool {
	switch {
	case sc == scriptNone:
		return true
	case *run == scriptNone:
		*run = sc
		return true
	}
	return *run == sc
}

func isLetterASCII(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// emailAt recognises an address around the '@' at s[at].
func emailAt(s string, at int) (piiSpan, bool) {
	start := localStart(s, at)
	end := at + 1
	dots, lastDot := 0, -1
	for {
		end = labelEnd(s, end)
		if end == len(s) || s[end] != '.' {
			break
		}
		dots++
		lastDot = end
		end++
	}
	for end > at+1 && s[end-1] == '.' { // sentence full stop
		end--
		dots--
		lastDot = strings.LastIndexByte(s[at:end], '.') + at
	}
	if start == at || dots == 0 || lastDot < at || end-lastDot-1 < 2 {
		return piiSpan{}, false
	}
	// a top-level domain has letters ("xn--" ones too): "items@1.99 each"
	// and "Ação@2.50 cada" are prices, no addresses
	if strings.IndexFunc(s[lastDot+1:end], unicode.IsLetter) < 0 {
		return piiSpan{}, false
	}
	return piiSpan{start, end, PIIEmail}, true
}

// spelledEmailAt recognises an address with its '@' and dots spelled out
// in brackets, the bracket of "(at)" or "[at]" at s[i]: "jane(at)example(dot)com",
// "jane [at] example [dot] co [dot] uk", "john.smith(at)gmail.com" (any
// case; a dot may be a dot). The domain needs a dot, as emailAt's does.
func spelledEmailAt(s string, i int) (piiSpan, bool) {
	at, ok := spelledMark(s, i, "at")
	if !ok {
		return piiSpan{}, false
	}
	start := i
	if s[start-1] == ' ' {
		start--
	}
	local := localStart(s, start)
	if local == start {
		return piiSpan{}, false
	}
	// the domain: labels joined by '.', "(dot)" or "[dot]"
	end, labels := at, 0
	if end < len(s) && s[end] == ' ' {
		end++
	}
	for {
		j := labelEnd(s, end)
		if j == end {
			break
		}
		labels++
		last := j
		if j+1 < len(s) && s[j] == '.' && (isWordByte(s[j+1]) || s[j+1] >= utf8.RuneSelf && labelEnd(s, j+1) > j+1) {
			end = j + 1
			continue
		}
		k := j
		if k < len(s) && s[k] == ' ' {
			k++
		}
		if k < len(s) && (s[k] == '(' || s[k] == '[') {
			if e, ok := spelledMark(s, k, "dot"); ok {
				if e < len(s) && s[e] == ' ' {
					e++
				}
				end = e
				continue
			}
		}
		end = last
		break
	}
	if labels < 2 {
		return piiSpan{}, false
	}
	return piiSpan{local, end, PIIEmail}, true
}

// wordsEmailAt recognises an address spelled out in words around the
// " dot " at s[d]: a name of one to four words joined by " dot " (or '.'),
// " at ", and a domain of two to five labels joined by " dot " whose last
// is a top-level domain (emailTLDs): "john dot doe at gmail dot com",
// "mary at example dot co dot uk". Prose has that shape too ("shopped at
// Target dot com"), so a name of one word needs a mail provider's domain
// (mailDomains) or the word "mail" just before it ("my email is mary at
// example dot com"), and no word of it may be an English function word.
func wordsEmailAt(s string, d int) (piiSpan, bool) {
	// the words before the " dot ", back to where the address may start
	var starts [6]int
	n := 0
	k := wordStartEmail(s, d)
	seenAt := false
	for k < d && n < len(starts) {
		starts[n] = k
		n++
		var w int
		switch {
		case k >= 5 && s[k-5:k] == " dot ":
			w = wordStartEmail(s, k-5)
			if w == k-5 {
				w = k
			}
		case k >= 4 && s[k-4:k] == " at " && !seenAt:
			seenAt = true
			w = wordStartEmail(s, k-4)
			if w == k-4 {
				w = k
			}
		default:
			w = k
		}
		if w == k {
			break
		}
		k = w
	}
	for _, start := range starts[:n] {
		if sp, ok := wordsEmailFrom(s, start); ok {
			return sp, true
		}
	}
	return piiSpan{}, false
}

// wordsEmailFrom reads an address spelled in words (wordsEmailAt) starting
// at s[start].
func wordsEmailFrom(s string, start int) (piiSpan, bool) {
	j := start
	var first string // the domain's first label
	names, nameEnd, labels, end := 0, start, 0, -1
	inDomain := false
	for {
		w := j
		j = emailWordEnd(s, j, inDomain)
		if j == w || j-w > 64 || s[j-1] == '.' || s[w] == '.' {
			break
		}
		word := s[w:j]
		if wordIn(englishFunctionWords, word) {
			break
		}
		switch {
		case !inDomain:
			names++
			nameEnd = j
		case labels == 0:
			labels++
			first = word
		default:
			labels++
			if wordIn(emailTLDs, word) {
				end = j
			}
		}
		if strings.HasPrefix(s[j:], " dot ") && (inDomain && labels < 5 || !inDomain && names < 4) {
			j += 5
			continue
		}
		if !inDomain && strings.HasPrefix(s[j:], " at ") {
			inDomain = true
			j += 4
			continue
		}
		break
	}
	if end < 0 {
		return piiSpan{}, false
	}
	if names == 1 && (wordIn(notNames, s[start:nameEnd]) || !wordIn(mailDomains, first) && !mailBefore(s, start)) {
		return piiSpan{}, false
	}
	return piiSpan{start, end, PIIEmail}, true
}

// wordStartEmail returns where the name or domain label ending at s[k]
// begins (k when there is none), looking back at most 64 bytes.
func wordStartEmail(s string, k int) int {
	w := k
	for w > 0 && k-w < 64 {
		if c := s[w-1]; c < utf8.RuneSelf {
			if !isEmailWordByte(c, false) {
				break
			}
			w--
			continue
		}
		n, _ := emailRune(s, w, true) // "joão dot silva at gmail dot com"
		if n == 0 {
			break
		}
		w -= n
	}
	for w < k && s[w] == '.' {
		w++
	}
	return w
}

// emailWordEnd returns where the word of an address spelled in words that
// starts at s[j] ends (wordStartEmail's, read forwards).
func emailWordEnd(s string, j int, domain bool) int {
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !isEmailWordByte(c, domain) {
				break
			}
			j++
			continue
		}
		n, _ := emailRune(s, j, false)
		if n == 0 {
			break
		}
		j += n
	}
	return j
}

// isEmailWordByte reports whether c may be in a word of an address spelled
// in words: a name's ("john.doe", "j_smith") or a domain label's.
func isEmailWordByte(c byte, domain bool) bool {
	return isWordByte(c) || c == '-' || !domain && (c == '.' || c == '_' || c == '+')
}

// wordIn reports whether word, in lower case, is in set (without
// allocating).
func wordIn(set map[string]bool, word string) bool {
	var b [16]byte
	if len(word) > len(b) {
		return false
	}
	for k := 0; k < len(word); k++ {
		c := word[k]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		b[k] = c
	}
	return set[string(b[:len(word)])]
}

// mailBefore reports whether the word "mail" ("email", "e-mail") is among
// the 24 bytes before s[start], with no digit, '@' or bracket between (so
// that redacting twice changes nothing: a number or address before that
// is redacted the first time shortens the text).
func mailBefore(s string, start int) bool {
	for k := start - 4; k >= 0 && start-k <= 24; k-- {
		if c := s[k+3]; isDigit(c) || c == '@' || c == '[' || c == ']' {
			return false
		}
		if strings.EqualFold(s[k:k+4], "mail") {
			return true
		}
	}
	return false
}

// notNames are words that, alone before " at ", are no address's name
// ("email me at gmail dot com", "look at gmail dot com").
var notNames = map[string]bool{
	"me": true, "us": true, "him": true, "her": true, "home": true, "work": true, "here": true,
	"online": true, "look": true, "looked": true, "login": true, "logged": true, "sign": true,
	"signed": true, "go": true, "went": true, "them": true, "all": true, "once": true,
}

// emailTLDs are the top-level domains an address spelled in words may end
// in: the generic ones and some country codes, none an English word.
var emailTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "edu": true, "gov": true, "mil": true, "int": true,
	"info": true, "biz": true, "io": true, "co": true, "uk": true, "us": true, "ca": true,
	"au": true, "nz": true, "ie": true, "de": true, "fr": true, "es": true, "nl": true,
	"ch": true, "mx": true, "br": true, "jp": true, "ru": true, "pl": true, "se": true,
	"eu": true, "app": true, "dev": true, "ai": true, "xyz": true,
}

// mailDomains are the mail providers' domains whose addresses a name of
// one word before may be spelled out with ("mary at gmail dot com").
var mailDomains = map[string]bool{
	"gmail": true, "googlemail": true, "yahoo": true, "ymail": true, "hotmail": true, "outlook": true,
	"live": true, "msn": true, "aol": true, "icloud": true, "me": true, "mac": true, "protonmail": true,
	"proton": true, "comcast": true, "att": true, "sbcglobal": true, "bellsouth": true, "verizon": true,
	"cox": true, "charter": true, "earthlink": true, "gmx": true, "zoho": true, "mail": true, "juno": true,
	"optonline": true, "frontier": true, "windstream": true, "rocketmail": true,
}

// spelledMark reports whether s[i:] begins with word in brackets, "(at)" or
// "[at]" in any case, and where it ends.
func spelledMark(s string, i int, word string) (int, bool) {
	closing := byte(')')
	if s[i] == '[' {
		closing = ']'
	}
	e := i + 1 + len(word)
	if e >= len(s) || s[e] != closing || !strings.EqualFold(s[i+1:e], word) {
		return 0, false
	}
	return e + 1, true
}

// postcodeAt recognises a UK postcode starting at s[i] as the Royal Mail
// writes it, outward and inward code apart ("SW1A 2AA", "M1 1AE",
// "B33 8TH"), and the town before it on the same line ("London SW1A 2AA"):
// a postcode names a dozen or so addresses. Without the space ("SW1A2AA")
// it is not taken: such runs are also reference numbers.
func postcodeAt(s string, i int) (piiSpan, bool) {
	// cheap refusal first: every capital that begins a word comes here
	if i+5 >= len(s) || !(isDigit(s[i+1]) || isUpper(s[i+1]) && isDigit(s[i+2])) {
		return piiSpan{}, false
	}
	m := postcodeRe.FindStringIndex(s[i:min(len(s), i+9)])
	if m == nil {
		return piiSpan{}, false
	}
	end := i + m[1]
	if end < len(s) && isWordByte(s[end]) {
		return piiSpan{}, false
	}
	return piiSpan{townBefore(s, i), end, PIIAddress}, true
}

// townBefore returns where the town before a postcode at s[i] starts: one
// to three words in title case (a comma may follow them), on the same
// line; i when there is none.
func townBefore(s string, i int) int {
	start, j, words := i, i-1, 0
	if j >= 0 && s[j] == ' ' {
		j--
	}
	if j >= 0 && s[j] == ',' {
		j--
	}
	for words < 3 && j >= 0 && isLower(s[j]) {
		k := j
		for k >= 0 && (isLower(s[k]) || s[k] == '-' || s[k] == '\'') {
			k--
		}
		if k < 0 || !isUpper(s[k]) || k > 0 && isWordByte(s[k-1]) {
			break
		}
		start, words = k, words+1
		if k < 2 || s[k-1] != ' ' {
			break
		}
		j = k - 2
	}
	return start
}

// ibanAt recognises an IBAN starting at s[i]: two capital letters, two check
// digits, then 11 to 30 capital letters or digits, optionally in groups
// separated by single spaces, whose ISO 7064 mod-97 remainder is 1. In
// lower case ("de89 3704 0044 0532 0130 00") the letters must be a
// country's whose IBANs have that length (ibanLengths).
func ibanAt(s string, i int) (piiSpan, bool) {
	if i+4 > len(s) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
		return piiSpan{}, false
	}
	letter := isUpper
	if isLower(s[i]) {
		letter = isLower
	}
	if !letter(s[i+1]) {
		return piiSpan{}, false
	}
	var chars [34]byte
	var ends [34]int
	n := 0
	j := i
	for j < len(s) && n < 34 {
		c := s[j]
		if letter(c) || isDigit(c) {
			if !isDigit(c) {
				c &^= 0x20 // the check reads capitals
			}
			chars[n] = c
			n++
			j++
			ends[n-1] = j
			continue
		}
		if c == ' ' && j+1 < len(s) && (letter(s[j+1]) || isDigit(s[j+1])) && n >= 4 {
			j++
			continue
		}
		break
	}
	// longest valid prefix ending at a group boundary
	lo, hi := 15, n
	if isLower(s[i]) {
		want := int(ibanLengths[string(chars[:2])])
		if want > n {
			return piiSpan{}, false
		}
		lo, hi = want, want
	}
	for m := hi; m >= lo && m > 0; m-- {
		e := ends[m-1]
		if e < len(s) && isWordByte(s[e]) {
			continue
		}
		if ibanValid(chars[:m]) {
			return piiSpan{i, e, PIIIBAN}, true
		}
	}
	return piiSpan{}, false
}

// ibanLengths are the lengths of the IBANs of the countries of the SWIFT
// IBAN registry.
var ibanLengths = map[string]uint8{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
	"ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
	"HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
	"LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
	"MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
	"RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// ibanValid computes the ISO 13616 check: move the first four characters to
// the end, read letters as 10..35, and the number mod 97 must be 1.
func ibanValid(b []byte) bool {
	rem := 0
	add := func(c byte) {
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A'+10)) % 97
		}
	}
	for _, c := range b[4:] {
		add(c)
	}
	for _, c := range b[:4] {
		add(c)
	}
	return rem == 1
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// numberAt reads a number-like run starting at s[i] (digits in groups
// joined by single '-', '.', ' ' or a "(ddd) " area code, which may follow
// a "+1 " or "1 " country code) and decides whether it is PII. When it is
// not, end says where the run stopped so the scan can skip it.
func numberAt(s string, i int) (sp piiSpan, end int, ok bool) {
	// a Brazilian taxpayer number, told cheaply first by its first dot
	if i+14 <= len(s) && (s[i+3] == '.' || s[i+2] == '.') {
		if sp, ok := taxIDAt(s, i); ok {
			return sp, sp.end, true
		}
	}
	if sp, ok := addressAt(s, i); ok {
		return sp, sp.end, true
	}
	if sp, ok := lowerAddressAt(s, i); ok {
		return sp, sp.end, true
	}
	var groups, starts [12]int
	ng, digits := 0, 0
	j := i
	// where the number after a European trunk prefix or area code starts
	// (trunkPrefixEnd, slashAreaEnd); 0 when there is none
	trunk := 0
	if s[j] == '1' && j+2 < len(s) && (s[j+1] == ' ' || s[j+1] == '-') && s[j+2] == '(' {
		// the country code written without its '+' ("1 (555) 867-5309")
		groups[0] = 1
		ng, digits = 1, 1
		j += 2
	} else if s[j] == '+' {
		j++
		if j >= len(s) || !isDigit(s[j]) {
			return piiSpan{}, i, false
		}
		// a country code before an area code in parentheses ("+1 (555)
		// 867-5309") or a trunk prefix ("+49 (0)30 1234567"): a group of
		// its own
		k := j
		for k < len(s) && k-j < 3 && isDigit(s[k]) {
			k++
		}
		if t := trunkPrefixEnd(s, k); t > 0 {
			groups[0] = k - j
			ng, digits = 1, k-j
			j, trunk = t, t
		} else if k+1 < len(s) && (s[k] == ' ' || s[k] == '-') && s[k+1] == '(' {
			groups[0] = k - j
			ng, digits = 1, k-j
			j = k + 1
		}
	} else if t := slashAreaEnd(s, j); t > 0 {
		// an area code before a slash ("030/12345678"): a group of its own
		groups[0], starts[0] = t-1-j, j
		ng, digits = 1, t-1-j
		j, trunk = t, t
	}
	// an area code in brackets: three digits ("(555) 867-5309"), or two
	// before a Brazilian number of 4 or 5 and 4 digits ("(11) 98765-4321",
	// checked below: "(10) 555-1234" is a list's tenth item)
	area, afterArea := -1, 0
	bracket := -1 // the group of a three-digit area code in brackets
	if j < len(s) && s[j] == '(' {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k-j-1 != 3 && k-j-1 != 2 || k >= len(s) || s[k] != ')' {
			return piiSpan{}, i, false
		}
		if k-j-1 == 2 {
			area, afterArea = ng, k+1
		} else {
			bracket = ng
		}
		groups[ng] = k - j - 1
		ng++
		digits += k - j - 1
		j = k + 1
		if j < len(s) && (s[j] == ' ' || s[j] == '-') { // "(555) 867", "(555)-867"
			j++
		}
		if j >= len(s) || !isDigit(s[j]) {
			return piiSpan{}, j, false
		}
	}
	if !isDigit(s[j]) {
		return piiSpan{}, i, false
	}
	prefixed := j > i
	for j < len(s) {
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if ng < len(groups) {
			groups[ng], starts[ng] = k-j, j
		}
		ng++
		digits += k - j
		j = k
		if j+1 < len(s) && (s[j] == '-' || s[j] == '.' || s[j] == ' ') && isDigit(s[j+1]) && digits < 19 {
			if ng < len(groups) && phoneComplete(s, groups[:ng], starts[:ng], bracket, j) {
				break
			}
			j++
			continue
		}
		break
	}
	// A date written year first ("2020-03-09 10:00:00", a timestamp cast to
	// text) is no PII, nor is the hour the run joined to it: the scan goes
	// on after the date, and finds a phone number written after it alone.
	if ng >= 4 && isDigit(s[i]) && yearFirstDate(s, groups[:3], starts[:3]) {
		return piiSpan{}, starts[2] + groups[2], false
	}
	// A range of years ("2018-2019", "survey_2018-2019.csv") is no account
	// number either, unless it is labelled one: the scan goes on after it,
	// and a run that it ends ("the 2 2018-2019 statements") is read without it.
	if !prefixed && ng <= len(groups) && !gluedToPrefix(s, i) {
		if r := yearRangeAt(s, groups[:ng], starts[:ng]); r >= 0 && !accountBefore(s, i) {
			if r == 0 {
				return piiSpan{}, starts[1] + groups[1], false
			}
			j = starts[r-1] + groups[r-1]
			for _, n := range groups[r:ng] {
				digits -= n
			}
			ng = r
		}
	}
	// The run joins digit groups across a space, so it may have taken the
	// digits that begin the next word ("4111 1111 1111 1111 3x charged",
	// "SSN 123-45-6789 2nd letter") or a street's house number ("call
	// 555.867.5309 1600 Pennsylvania Ave"): the number is the run without
	// that last group, which the scan then reads on its own.
	glued := j < len(s) && isWordByte(s[j]) && phoneExtension(s, j) == j
	// A card number with a word glued to it ("4111 1111 1111 1111x") is
	// still one: its digits all go, not all but the last group's.
	keep := glued && ng <= len(groups) && gluedCard(s, i, j, groups[:ng], starts[:ng], digits)
	if ng >= 2 && ng <= len(groups) && !keep {
		last := starts[ng-1]
		if glued || houseNumberAt(s, last) {
			j = starts[ng-2] + groups[ng-2]
			digits -= groups[ng-1]
			ng--
		}
	}
	// a phone number's extension ("x123", " ext. 12") goes with it
	ext := phoneExtension(s, j)
	if j < len(s) && isWordByte(s[j]) && ext == j && !keep { // "12345abc": part of a word
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		return piiSpan{}, j, false
	}
	if ng > len(groups) {
		ng = len(groups)
	}
	if area >= 0 && !(ng == area+3 && (groups[area+1] == 4 || groups[area+1] == 5) && groups[area+2] == 4) {
		return piiSpan{}, afterArea, false // the number after the brackets is read alone
	}
	g := groups[:ng]
	var kind string
	switch {
	case trunk > 0 && !accountBefore(s, i):
		// a European number: a phone's when the digits after the country
		// or area code are as many as a subscriber's; else those digits
		// are read alone
		if sub := digits - g[0]; sub < 5 || sub > 11 {
			return piiSpan{}, trunk, false
		}
		kind = PIIPhone
	default:
		kind = classifyNumber(s, i, j, g, digits)
	}
	switch {
	case kind == PIIPhone:
		j = ext
	case j < len(s) && isWordByte(s[j]) && !keep: // "x" on a number that is no phone
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		return piiSpan{}, j, false
	}
	if kind == "" {
		return piiSpan{}, j, false
	}
	return piiSpan{i, j, kind}, j, true
}

// phoneComplete reports whether the groups read so far, ending at s[j],
// are a North American phone number that digits after a space do not
// continue: "(555) 867-5309" or "(555) 867 5309" after a three-digit area
// code in brackets (group bracket, -1 if none), "555-867-5309" or
// "555.867.5309" written with one separator. What follows is the next
// number ("x (555) 867-5309 4111 1111 1111 1111" was one account number,
// and the card's last four left), read on its own.
func phoneComplete(s string, g, starts []int, bracket, j int) bool {
	if s[j] != ' ' {
		return false
	}
	n := len(g)
	if bracket >= 0 {
		return n == bracket+3 && g[bracket+1] == 3 && g[bracket+2] == 4
	}
	if n != 3 || g[0] != 3 || g[1] != 3 || g[2] != 4 {
		return false
	}
	sep := s[starts[1]-1]
	return (sep == '-' || sep == '.') && s[starts[2]-1] == sep
}

// trunkPrefixEnd returns where the number after a country code that ends
// at s[k] starts when the trunk prefix "(0)", dialled only at home, is
// written between them ("+49 (0)30 1234567", "+44(0) 20 7946 0958"); 0
// when it is not.
func trunkPrefixEnd(s string, k int) int {
	if k < len(s) && s[k] == ' ' {
		k++
	}
	if !strings.HasPrefix(s[k:], "(0)") {
		return 0
	}
	k += 3
	if k < len(s) && s[k] == ' ' {
		k++
	}
	if k == len(s) || !isDigit(s[k]) {
		return 0
	}
	return k
}

// slashAreaEnd returns where the number after an area code written before
// a slash, as in Germany and Austria, starts ("030/12345678", "0221/987 65
// 43"): 3-6 digits, the first the trunk prefix 0 and the second no 0 (an
// international "00"); 0 when there is none. A date ("01/15/2020", "03/2019")
// has fewer digits before its slash.
func slashAreaEnd(s string, j int) int {
	if j+1 >= len(s) || s[j] != '0' || s[j+1] == '0' {
		return 0
	}
	k := j
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k-j < 3 || k-j > 6 || k+1 >= len(s) || s[k] != '/' || !isDigit(s[k+1]) {
		return 0
	}
	return k + 1
}

// yearRangeAt returns the index of the first of a run's digit groups g
// (starting at starts) that begins a range of years, 1900-2099, the second
// after the first, joined by a hyphen ("2018-2019") and apart from the
// run's other groups by a space; -1 when there is none. (A slash or an en
// dash does not join a run: "2018/2019" is two numbers already.)
func yearRangeAt(s string, g, starts []int) int {
	for r := 0; r+1 < len(g); r++ {
		if g[r] != 4 || g[r+1] != 4 || s[starts[r+1]-1] != '-' ||
			r > 0 && s[starts[r]-1] != ' ' || r+2 < len(g) && s[starts[r+2]-1] != ' ' {
			continue
		}
		from, _ := strconv.Atoi(s[starts[r] : starts[r]+4])
		to, _ := strconv.Atoi(s[starts[r+1] : starts[r+1]+4])
		if from >= 1900 && to > from && to <= 2099 {
			return r
		}
	}
	return -1
}

// yearFirstDate reports whether the first three digit groups of a run,
// starting at starts, are a date written year first, 1900-2099, joined by
// the same '-' or '.' ("2020-03-09") and followed by a space.
func yearFirstDate(s string, g, starts []int) bool {
	if g[0] != 4 || g[1] > 2 || g[2] > 2 {
		return false
	}
	sep := s[starts[1]-1]
	if sep != '-' && sep != '.' || s[starts[2]-1] != sep || s[starts[2]+g[2]] != ' ' {
		return false
	}
	year, _ := strconv.Atoi(s[starts[0] : starts[0]+4])
	month, _ := strconv.Atoi(s[starts[1] : starts[1]+g[1]])
	day, _ := strconv.Atoi(s[starts[2] : starts[2]+g[2]])
	return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31
}

// gluedToPrefix reports whether the number run at s[i] is glued by a
// hyphen to the letters before it, as a reference is to its prefix
// ("INV-2020-000123456", redacted as the account number it then is).
func gluedToPrefix(s string, i int) bool {
	return i >= 2 && s[i-1] == '-' && isLetterASCII(s[i-2])
}

// taxIDAt recognises a Brazilian taxpayer number starting at s[i] as it
// is printed, its two check digits right (mod 11, as the Receita Federal
// computes them): a person's CPF, "123.456.789-09", or a company's CNPJ,
// "11.222.333/0001-81" (a sole trader's is personal data too). Their
// digits alone are left to the other rules: 11 or 14 digits pass the
// check by chance one time in a hundred.
func taxIDAt(s string, i int) (piiSpan, bool) {
	const cpf, cnpj = "ddd.ddd.ddd-dd", "dd.ddd.ddd/dddd-dd"
	shape := cpf
	switch {
	case i+len(cpf) <= len(s) && s[i+3] == '.':
	case i+len(cnpj) <= len(s) && s[i+2] == '.':
		shape = cnpj
	default:
		return piiSpan{}, false
	}
	end := i + len(shape)
	if end < len(s) && (isWordByte(s[end]) || s[end] == '-' || s[end] == '/' || s[end] == '.' && end+1 < len(s) && isDigit(s[end+1])) {
		return piiSpan{}, false // a longer run
	}
	var d [14]int
	n := 0
	for k := 0; k < len(shape); k++ {
		c := s[i+k]
		if shape[k] != 'd' {
			if c != shape[k] {
				return piiSpan{}, false
			}
			continue
		}
		if !isDigit(c) {
			return piiSpan{}, false
		}
		d[n] = int(c - '0')
		n++
	}
	weights := &cpfWeights
	if n == 14 {
		weights = &cnpjWeights
	}
	// each check digit is 11 less the remainder mod 11 of a weighted sum
	// of the digits before it (0 for a remainder of 0 or 1)
	for _, w := range weights {
		sum := 0
		for j, x := range w {
			sum += d[j] * x
		}
		want := 0
		if r := sum % 11; r >= 2 {
			want = 11 - r
		}
		if d[len(w)] != want {
			return piiSpan{}, false
		}
	}
	return piiSpan{i, end, PIITaxID}, true
}

// The weights of the digits before each check digit of a CPF and a CNPJ.
var (
	cpfWeights  = [2][]int{{10, 9, 8, 7, 6, 5, 4, 3, 2}, {11, 10, 9, 8, 7, 6, 5, 4, 3, 2}}
	cnpjWeights = [2][]int{{5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}, {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}}
)

// gluedCard reports whether the number run s[i:j], with the given digit
// groups starting at starts and a word glued to its last, is a card
// number whole ("4111 1111 1111 1111x", "4111111111111111x"): it passes
// the card check (isCardNumber) and the run without its last group does
// not ("4111 1111 1111 1111 3x" is a card and "3x"), or it is printed as
// card numbers are, three or more groups of the same three or more digits,
// 13-19 digits in all (and is redacted as the account number it then is).
// Its last group is then no word's start ("3x", "24h", "2nd").
func gluedCard(s string, i, j int, g, starts []int, digits int) bool {
	n := len(g)
	last := g[n-1]
	if n == 1 {
		return isCardNumber(s[i:j], digits)
	}
	if last < 3 {
		return false
	}
	if isCardNumber(s[i:j], digits) && !isCardNumber(s[i:starts[n-2]+g[n-2]], digits-last) {
		return true
	}
	if n < 3 || digits < 13 || digits > 19 {
		return false
	}
	for _, k := range g {
		if k != last {
			return false
		}
	}
	return true
}

// phoneExtension returns the end of an extension written after a number
// that ends at s[j]: "x123" right after it, or after a space or a comma
// "x123", "x 123", "ext. 123", "ext 123" or "extension 123" (any case,
// 1-6 digits); j when there is none.
func phoneExtension(s string, j int) int {
	k := j
	if k < len(s) && s[k] == ',' {
		k++
	}
	if k < len(s) && s[k] == ' ' {
		k++
	}
	r := s[k:]
	switch {
	case len(r) >= 9 && strings.EqualFold(r[:9], "extension"):
		k += 9
	case len(r) >= 3 && strings.EqualFold(r[:3], "ext"):
		k += 3
	case len(r) >= 1 && (r[0] == 'x' || r[0] == 'X'):
		k++
	default:
		return j
	}
	if k < len(s) && s[k] == '.' {
		k++
	}
	if k < len(s) && s[k] == ' ' {
		k++
	}
	d := k
	for k < len(s) && isDigit(s[k]) && k-d < 6 {
		k++
	}
	if k == d || k < len(s) && isWordByte(s[k]) {
		return j
	}
	return k
}

// classifyNumber names the kind of PII a number run s[i:j] with the given
// digit groups is, or "" when it is not PII.
// houseNumberAt reports whether the digit group at i, after a space,
// begins a street address.
func houseNumberAt(s string, i int) bool {
	if s[i-1] != ' ' {
		return false
	}
	if _, ok := addressAt(s, i); ok {
		return true
	}
	_, ok := lowerAddressAt(s, i)
	return ok
}

func classifyNumber(s string, i, j int, g []int, digits int) string {
	if len(g) == 1 && (digits == 3 || digits == 4) && securityCodeBefore(s, i) {
		return PIICard // "cvv 123": the card's security code
	}
	if isDateGroups(g) || digits < 5 {
		return ""
	}
	// A card number: 13-19 digits, an issuer prefix and the Luhn check,
	// whatever words come before it ("cancel my account 4111 1111 1111
	// 1111"): a card number is typed a card's even after "account", at the
	// cost of typing one in ten such account numbers (those with a card's
	// length and prefix that pass Luhn by chance) a card's too.
	if isCardNumber(s[i:j], digits) {
		return PIICard
	}
	ctx := s[max(0, i-40):i]
	acct := accountBefore(s, i)
	switch {
	case len(g) == 3 && g[0] == 3 && g[1] == 2 && g[2] == 4:
		return PIISSN
	case digits == 9 && ssnContext.MatchString(ctx):
		return PIISSN
	case acct:
		return PIIAccount
	case !gluedToPrefix(s, i) && (isPhoneGroups(g, digits) || (digits == 10 || digits == 11 && s[i] == '1') && len(g) == 1 || isInternational00(s, i, g, digits)):
		return PIIPhone
	case digits >= 8:
		return PIIAccount
	}
	return ""
}

var (
	ssnContext     = regexp.MustCompile(`(?i)(ssn|social security|soc\. sec\.|ss#|ss #|ssn#)[^.\n]{0,20}$`)
	accountContext = regexp.MustCompile(`(?i)(account|acct|a/c|routing|aba|iban|member|loan|policy|reference|ref|case|card|ticket|confirmation|claim)\s*(number|no\.?|num|#|id)?\s*(is|was|of|:|ending in|ending with|ends in|ends with)?\s*[:#]?\s*$`)
)

// accountBefore reports whether the number at s[i] follows an account's
// label ("account number:", "ref #").
func accountBefore(s string, i int) bool {
	return accountContext.MatchString(s[max(0, i-40):i])
}

// securityCodeBefore reports whether the number at s[i] follows the label
// of a card's security code: "cvv 123", "CVV: 1234", "CVC2 is 456", "cvv
// code 123", "security code #123", "card verification value 123".
func securityCodeBefore(s string, i int) bool {
	k := skipLabelMarks(s, i)
	w := wordStart(s, k)
	if w == k {
		return false
	}
	if word := s[w:k]; strings.EqualFold(word, "is") || strings.EqualFold(word, "was") {
		k = skipLabelMarks(s, w)
		if w = wordStart(s, k); w == k {
			return false
		}
	}
	word := s[w:k]
	if securityCodeWord(word) {
		return true
	}
	if !strings.EqualFold(word, "code") && !strings.EqualFold(word, "number") && !strings.EqualFold(word, "value") && !strings.EqualFold(word, "no") {
		return false
	}
	k = skipLabelMarks(s, w)
	w = wordStart(s, k)
	before := s[w:k]
	return securityCodeWord(before) || !strings.EqualFold(word, "no") && (strings.EqualFold(before, "security") || strings.EqualFold(before, "verification"))
}

// securityCodeWord reports whether w names a card's security code.
func securityCodeWord(w string) bool {
	if len(w) < 3 || len(w) > 4 {
		return false
	}
	for _, l := range [...]string{"cvv", "cvv2", "cvc", "cvc2", "cvn", "csc"} {
		if strings.EqualFold(w, l) {
			return true
		}
	}
	return false
}

// skipLabelMarks returns where the spaces and marks (": ", " #", ". ")
// between a label and what follows it, ending at s[k], begin.
func skipLabelMarks(s string, k int) int {
	for n := 0; k > 0 && n < 4 && strings.IndexByte(" :#.=-", s[k-1]) >= 0; n++ {
		k--
	}
	return k
}

// wordStart returns where the run of letters and digits ending at s[k]
// begins (k when there is none), looking back at most 16 bytes.
func wordStart(s string, k int) int {
	w := k
	for w > 0 && k-w < 16 && isWordByte(s[w-1]) {
		w--
	}
	return w
}

// isCardNumber reports whether the number run n, of the given count of
// digits, is a card number: 13-19 digits, an issuer prefix (3
// Amex/Diners/JCB, 4 Visa, 5 and 2221-2720 Mastercard, 6 Discover) and the
// Luhn check.
func isCardNumber(n string, digits int) bool {
	return digits >= 13 && digits <= 19 && (n[0] >= '3' && n[0] <= '6' || mastercard2(n)) && luhn(n)
}

// isDateGroups reports digit groups shaped like a date: 4-2-2 or d-d-4.
func isDateGroups(g []int) bool {
	if len(g) != 3 {
		return false
	}
	return g[0] == 4 && g[1] <= 2 && g[2] <= 2 || g[0] <= 2 && g[1] <= 2 && (g[2] == 4 || g[2] == 2)
}

// isPhoneGroups reports North American phone shapes: 3-3-4, 1-3-3-4,
// 3-4 (local) and international runs of 2-4 groups with 10-13 digits after
// a '+'.
func isPhoneGroups(g []int, digits int) bool {
	switch {
	case len(g) == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4:
		return true
	case len(g) == 4 && g[0] <= 3 && g[1] == 3 && g[2] == 3 && g[3] == 4:
		return true
	case len(g) == 2 && g[0] == 3 && g[1] == 4:
		return true
	case len(g) >= 2 && digits >= 10 && digits <= 13:
		return true
	}
	return false
}

// isInternational00 reports a number dialled abroad with "00" for '+'
// ("0044 20 7946 0958"): 2-4 groups, 10-13 digits after the 00.
func isInternational00(s string, i int, g []int, digits int) bool {
	return len(g) >= 2 && len(g) <= 5 && g[0] >= 3 && g[0] <= 5 && strings.HasPrefix(s[i:], "00") && digits-2 >= 10 && digits-2 <= 13
}

// mastercard2 reports whether the number s starts with Mastercard's
// 2-series prefixes, 2221 to 2720.
func mastercard2(s string) bool {
	n, k := 0, 0
	for i := 0; i < len(s) && k < 4; i++ {
		if isDigit(s[i]) {
			n = n*10 + int(s[i]-'0')
			k++
		}
	}
	return k == 4 && n >= 2221 && n <= 2720
}

// luhn reports whether the digits of s pass the Luhn (mod 10) check.
func luhn(s string) bool {
	sum, n := 0, 0
	for k := len(s) - 1; k >= 0; k-- {
		c := s[k]
		if !isDigit(c) {
			continue
		}
		d := int(c - '0')
		if n%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		n++
	}
	return n > 0 && sum%10 == 0
}

// streetSuffixes are the street suffixes that end a street name: the
// primary names of USPS Publication 28 (appendix C1) and their standard
// abbreviations, less those that are everyday words after a name and a
// number in complaints and tweets ("2 Navy Federal Credit Union accounts",
// "50,000 Ultimate Rewards Points", "2 Boarding Pass"): union, point,
// center, light, key, club, mall, station, rest, fall, park, land, lock,
// loaf, wall, mount, pass, track and their plurals and abbreviations; and
// abbreviations that are words or names of other things ("is", "ext",
// "ky", "est" as in "3:50 AM EST", "dm", "vw", "ft" as in "1500 Sq Ft",
// "via", "pr").
var streetSuffixes = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		alley aly annex anx arcade arc avenue ave av bayou byu beach bch bend bnd
		bluff blf bluffs blfs bottom btm boulevard blvd branch bridge brg brook brk
		brooks brks burg burgs bgs bypass byp camp canyon cyn cape cpe causeway cswy
		circle cir circles cirs cliff clf cliffs clfs common cmn commons cmns corner
		cor corners cors course crse court ct courts cts cove coves cvs creek crk
		crescent cres crest crst crossing xing crossroad xrd crossroads xrds curve
		curv dale dam divide drive dr drives drs estate estates expressway expy
		extension extensions exts falls fls ferry fry field fld fields flds flat flt
		flats flts ford frd fords frds forest frst forge frg forges frgs fork frk
		forks frks fort freeway fwy garden gdn gardens gdns gateway gtwy glen gln
		glens glns green grn greens grns grove grv groves grvs harbor hbr harbors hbrs
		haven hvn heights hts highway hwy hill hills hls hollow holw inlet inlt island
		islands iss isle junction jct junctions jcts knoll knl knolls knls lake lakes
		lks landing lndg lane ln lodge ldg loop manor mnr manors mnrs meadow mdw
		meadows mdws mews mill mills mls mission msn motorway mtwy mountain mtn
		mountains mtns neck nck orchard orch oval overpass opas parkway pkwy parkways
		passage psge path pike pine pne pines pnes place pl plain pln plains plns
		plaza plz port prt ports prts prairie radial radl ramp ranch rnch rapid rpd
		rapids rpds ridge rdg ridges rdgs river riv road rd roads rds route rte row
		rue run shoal shl shoals shls shore shr shores shrs skyway skwy spring spg
		springs spgs spur square sq squares sqs stravenue stra stream strm street st
		streets sts summit smt terrace ter throughway trwy trace trce trafficway trfy
		trail trl trailer trlr tunnel tunl turnpike tpke underpass upas valley vly
		valleys vlys viaduct view views vws village vlg villages vlgs ville vista walk
		walks way ways well wells wls`) {
		m[w] = true
	}
	return m
}()

// addressAt recognises a street address starting at s[i]: a house number of
// 1-6 digits (with a letter, "221B", or a range, "4-6": houseNumberEnd),
// then up to five words of the street, capitalised or numbered
// ("5th"), abbreviated ("N.", "S.W.", "St.") or with an apostrophe
// ("O'Connor"), the last of which is a street suffix, then what
// addressTail adds (direction, unit, city, state and ZIP).
func addressAt(s string, i int) (piiSpan, bool) {
	if i > 0 && s[i-1] == ':' { // a time ("3:50 AM EST"), not a house number
		return piiSpan{}, false
	}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i || j-i > 6 {
		return piiSpan{}, false
	}
	j = houseNumberEnd(s, j)
	if j+2 >= len(s) || s[j] != ' ' || !isUpper(s[j+1]) && !isDigit(s[j+1]) {
		return piiSpan{}, false
	}
	j++
	// The street ends at its last suffix among up to five capitalised
	// words: a street's name may hold suffix words ("Pine Ridge Blvd",
	// "Lake View Road").
	end := -1
	for w := 0; w < 5; w++ {
		k := j
		for k < len(s) && (isWordByte(s[k]) || s[k] == '\'' && k > j && k+1 < len(s) && isUpper(s[k+1])) { // "O'Connor"
			k++
		}
		if k == j || !isUpper(s[j]) && !isOrdinal(s[j:k]) {
			break
		}
		word := strings.ToLower(s[j:k])
		if word != "the" && englishFunctionWords[word] {
			if end >= 0 {
				break
			}
			// words of a sentence in capitals, not a street's name
			// ("SPV 1 LLC SUED MI IN COURT")
			return piiSpan{}, false
		}
		if w > 0 && streetSuffixes[word] {
			end = k
			if end < len(s) && s[end] == '.' && k-j <= 4 {
				end++
				break // an abbreviation's full stop ends the street
			}
		}
		// an abbreviation within the street's name: "N. Main St",
		// "S.W. Oak Ln", "St. Charles Ave", "Mt. Vernon Hwy"
		for k+2 < len(s) && s[k] == '.' && k-j <= 3 && isUpper(s[k+1]) && s[k+2] == '.' {
			k += 2
		}
		if k+1 < len(s) && s[k] == '.' && s[k+1] == ' ' && k-j <= 3 {
			k++
		}
		if k >= len(s) || s[k] != ' ' {
			break
		}
		j = k + 1
	}
	if end < 0 {
		return piiSpan{}, false
	}
	end = addressTail(s, end)
	return piiSpan{i, end, PIIAddress}, true
}

// houseNumberEnd returns the end of a house number whose digits end at
// s[j], with a letter A-H after them ("221B", "12a"; not "5x Pro Hybrid
// Max Drive", a car's name) or the number that ends a range ("4-6",
// "12-14"), when a space follows that; j otherwise.
func houseNumberEnd(s string, j int) int {
	if j+1 < len(s) && s[j+1] == ' ' && (s[j] >= 'A' && s[j] <= 'H' || s[j] >= 'a' && s[j] <= 'h') {
		return j + 1
	}
	if j+1 < len(s) && s[j] == '-' && isDigit(s[j+1]) {
		k := j + 1
		for k < len(s) && isDigit(s[k]) && k-j <= 6 {
			k++
		}
		if k < len(s) && s[k] == ' ' {
			return k
		}
	}
	return j
}

// lowerAddressAt recognises a street address written in lower case
// starting at s[i], as customers type them in tweets and chats ("3238 w.
// columbine dr, phx", "12008 blue ridge blvd, grandview mo 64030"): a house
// number of 1-6 digits, not part of an amount or a decimal ("$150 one
// way", "4.5 hr drive"), then one to three words of lower-case letters
// (or a direction's abbreviation, "w."), none a function word ("to
// drive") or a unit of time, distance or count ("an 8 hour road trip",
// "3 times"), the last followed by one of the unambiguous street
// suffixes of lowerSuffixes, then a unit and a ZIP code if they follow. Suffixes that
// are also everyday words or abbreviations in other languages (way, place,
// court, ter; drive, a verb after a plural: "the 2 cars drive") need the
// capitals addressAt reads, and so does a name of a suffix word ("a 4 lane
// highway").
func lowerAddressAt(s string, i int) (piiSpan, bool) {
	if i > 0 && strings.IndexByte("$£€.,:/-#", s[i-1]) >= 0 {
		return piiSpan{}, false
	}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j-i > 6 || j+1 >= len(s) || s[j] != ' ' || !isLower(s[j+1]) {
		return piiSpan{}, false
	}
	j++
	for w := 0; w < 4; w++ {
		k := j
		for k < len(s) && isLower(s[k]) {
			k++
		}
		word := s[j:k]
		if k == j || englishFunctionWords[word] || countUnits[word] || w == 0 && lowerSuffixes[word] {
			return piiSpan{}, false // "a 4 lane highway"
		}
		if w > 0 && lowerSuffixes[word] && (k == len(s) || !isWordByte(s[k])) {
			end := k
			if end < len(s) && s[end] == '.' {
				end++
			}
			if m := lowerUnitRe.FindStringIndex(s[end:min(len(s), end+30)]); m != nil {
				end += m[1]
			}
			if m := lowerZipRe.FindStringIndex(s[end:min(len(s), end+60)]); m != nil {
				end += m[1]
			}
			return piiSpan{i, end, PIIAddress}, true
		}
		if k-j == 1 && k < len(s) && s[k] == '.' { // "w." in "3238 w. columbine dr"
			k++
		}
		if k >= len(s) || s[k] != ' ' {
			return piiSpan{}, false
		}
		j = k + 1
	}
	return piiSpan{}, false
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// lowerSuffixes are the street suffixes lowerAddressAt accepts: common, and
// seldom anything but a street's after a house number and a name.
var lowerSuffixes = map[string]bool{
	"street": true, "st": true, "avenue": true, "ave": true, "road": true, "rd": true, "dr": true,
	"lane": true, "ln": true, "boulevard": true, "blvd": true, "parkway": true, "pkwy": true, "highway": true, "hwy": true,
}

// countUnits are the words that make a number a count or a measure, not a
// house number, before a suffix that is also a word ("an 8 hour drive").
var countUnits = map[string]bool{
	"sec": true, "secs": true, "second": true, "seconds": true, "min": true, "mins": true, "minute": true, "minutes": true,
	"hr": true, "hrs": true, "hour": true, "hours": true, "day": true, "days": true, "week": true, "weeks": true,
	"month": true, "months": true, "year": true, "years": true, "time": true, "times": true,
	"mile": true, "miles": true, "mi": true, "km": true, "kms": true, "kilometer": true, "kilometers": true,
	"block": true, "blocks": true, "minute's": true, "percent": true, "dollar": true, "dollars": true,
}

// lowerUnitRe is a unit designator in lower case after a street ("apt 3",
// "ste. 200", "#4b").
var lowerUnitRe = regexp.MustCompile(`^,? (?:apt\.?|apartment|unit|suite|ste\.?|#) ?#?[0-9][0-9a-z-]{0,5}\b`)

// lowerZipRe is a lower-case city, a state's two letters and a ZIP code
// after a street (", grandview mo 64030"), or a ZIP code alone.
var lowerZipRe = regexp.MustCompile(`^,? ?(?:[a-z]+(?: [a-z]+){0,2},? [a-z]{2},? ?)?` + zipCode + `\b`)

// isOrdinal reports whether w is a numbered street's name: "5th", "42nd",
// "1st", "3rd" (or in capitals).
func isOrdinal(w string) bool {
	k := 0
	for k < len(w) && isDigit(w[k]) {
		k++
	}
	if k == 0 || k > 3 || len(w)-k != 2 {
		return false
	}
	switch strings.ToLower(w[k:]) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// poBoxAt recognises a post office box whose number starts at s[i] ("P.O.
// Box 1234", "PO Box 12", "Post Office Box #7", in any case: "po box 12"),
// with the city, state and ZIP that follow it. It is found from its number
// and read backwards: the scan does not stop at lower-case letters.
func poBoxAt(s string, i int) (piiSpan, bool) {
	if i < 6 || s[i-1] != ' ' && s[i-1] != '#' || strings.IndexByte("xX #", s[i-2]) < 0 {
		return piiSpan{}, false
	}
	// "box", then a space and a '#' if any, before the number (as poBoxRe
	// ends), told cheaply before the expression runs ("XXXX 2016")
	k := i
	if s[k-1] == '#' {
		k--
	}
	if s[k-1] == ' ' {
		k--
	}
	if !strings.EqualFold(s[k-3:k], "box") {
		return piiSpan{}, false
	}
	m := poBoxRe.FindStringSubmatchIndex(s[max(0, i-20):i])
	if m == nil {
		return piiSpan{}, false
	}
	j := i
	for j < len(s) && isDigit(s[j]) && j-i < 6 {
		j++
	}
	if j == i || j < len(s) && isWordByte(s[j]) { // a box number: 1-6 digits
		return piiSpan{}, false
	}
	return piiSpan{max(0, i-20) + m[2], addressTail(s, j), PIIAddress}, true
}

var poBoxRe = regexp.MustCompile(`(?i)(?:^|[^a-z0-9])((?:p\.? ?o\.?|post office) box ?#?)$`)

// addressTail extends an address over a post-directional ("Ave NW"), a
// unit designator ("Apt. 4B") and the city, state and ZIP after it, on the
// same line (", City, ST 12345") or the next.
func addressTail(s string, end int) int {
	// the expressions are anchored and short: given the next 100 bytes,
	// not the rest of a long text, whose length their matcher would clear
	next := func() string { return s[end:min(len(s), end+100)] }
	if m := directionRe.FindStringIndex(next()); m != nil {
		// a direction, not the start of a word ("E-mail")
		if e := end + m[1]; e == len(s) || s[e] == ' ' || s[e] == ',' || s[e] == '\n' || s[e] == '\r' || s[e] == '.' && (e+1 == len(s) || !isWordByte(s[e+1])) {
			end = e
		}
	}
	if m := unitRe.FindStringIndex(next()); m != nil {
		end += m[1]
	}
	if m := cityStateZipRe.FindStringIndex(next()); m != nil {
		end += m[1]
	}
	return end
}

// militaryAt recognises a US military address starting at s[i] ("PSC
// 1234, Box 5678", "Unit 1234 Box 5678", "USS Nimitz") with its APO, FPO
// or DPO line and ZIP.
func militaryAt(s string, i int) (piiSpan, bool) {
	r := s[i:]
	// the words militaryRe begins with, told cheaply first: every capital
	// that begins a word comes here ("USAA" too)
	var ok bool
	switch r[0] {
	case 'P':
		ok = strings.HasPrefix(r, "PSC ")
	case 'C':
		ok = strings.HasPrefix(r, "CMR ")
	case 'U':
		ok = strings.HasPrefix(r, "Unit ") || strings.HasPrefix(r, "USS ") || strings.HasPrefix(r, "USNS ") || strings.HasPrefix(r, "USCGC ")
	}
	if !ok {
		return piiSpan{}, false
	}
	m := militaryRe.FindStringIndex(r[:min(len(r), 80)])
	if m == nil {
		return piiSpan{}, false
	}
	return piiSpan{i, i + m[1], PIIAddress}, true
}

// The pieces of an address after its street. lineBreak is what separates
// a street from its city: a comma and a space, or a new line.
const (
	lineBreak = `(?:,?[ \t]*\r?\n[ \t]*|,? )`
	zipCode   = `[0-9]{5}(?:-[0-9]{4})?`
)

// postcodeRe is a UK postcode's outward code (area, district), a space and
// its inward code, by the letters each place allows (no Q, V or X first; no
// C, I, K, M, O or V in the inward code's letters), or GIR 0AA.
var postcodeRe = regexp.MustCompile(`^(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) [0-9][ABD-HJLNP-UW-Z]{2}|GIR 0AA)`)

var (
	directionRe = regexp.MustCompile(`^ (?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|NE|NW|SE|SW|N\.E\.|N\.W\.|S\.E\.|S\.W\.|[NSEW])\b`)
	unitRe      = regexp.MustCompile(`^,? (?:Apt\.?|Apartment|Unit|Suite|Ste\.?|Bldg\.?|Building|Fl\.?|Floor|Rm\.?|Room|Lot|Trlr|Spc|Space|Dept\.?|Ofc|PH|#) ?#?[0-9A-Za-z-]{1,6}\b`)
	// a city in capitals ("DALLAS, TX 75201") only with its ZIP: in text
	// written in capitals the words after an address are capitals too. A
	// city's word in title case may hold a capital, an apostrophe or a
	// hyphen ("McAllen", "O'Fallon", "Winston-Salem"), after "St." and the
	// like.
	cityStateZipRe = regexp.MustCompile(`^` + lineBreak + `(?:(?:(?:St|Ste|Ft|Mt)\.? )?[A-Z][A-Za-z'-]*[a-z](?: [A-Z][A-Za-z'-]*[a-z]){0,2},? [A-Z]{2}(?:  ?` + zipCode + `)?|[A-Z]+(?: [A-Z]+){0,2},? [A-Z]{2}  ?` + zipCode + `)\b`)
	militaryRe     = regexp.MustCompile(`^(?:(?:PSC|CMR|Unit) [0-9]{1,5},? Box [0-9]{1,5}|(?:USNS|USS|USCGC) [A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+)?)` + lineBreak + `(?:APO|FPO|DPO) (?:AA|AE|AP) ` + zipCode + `\b`)
)
