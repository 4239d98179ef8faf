package classify

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a text: its byte span in the original and its
// lower-cased form.
type token struct {
	start, end int
	lower      string
}

// isWordByte reports whether an ASCII byte belongs to a word.
func isWordByte(c byte) bool { return wordBytes[c] }

// wordBytes marks the ASCII letters and digits.
var wordBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// asciiGap marks the ASCII bytes that are not word bytes; lowerOrDigit the
// lower-case ASCII letters and the digits.
var asciiGap, lowerOrDigit = func() (gap, lod [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		gap[c] = !wordBytes[c]
		lod[c] = c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
	}
	return gap, lod
}()

// tokenize appends the words of s to buf and returns it. A word is a run of
// letters and digits; an apostrophe between letters stays inside the word
// ("don't"), so negations survive. ASCII words are lower-cased without
// allocating when they are already lower case.
func tokenize(s string, buf []token) []token {
	return tokenizeLower(s, "", buf)
}

// tokenizeLower is tokenize given s lower-cased by asciiLowerKeepOffsets
// ("": not given), from which ASCII words are cut without allocating.
func tokenizeLower(s, lower string, buf []token) []token {
	i := 0
	for i < len(s) {
		// runs of ASCII bytes between words, and of lower-case letters and
		// digits within them, are passed in tight loops
		for i < len(s) && asciiGap[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += n
				continue
			}
		}
		start := i
		ascii, upper := true, false
		for i < len(s) {
			for i < len(s) && lowerOrDigit[s[i]] {
				i++
			}
			if i == len(s) {
				break
			}
			c := s[i]
			if c < utf8.RuneSelf {
				if isWordByte(c) {
					upper = upper || c >= 'A' && c <= 'Z'
					i++
					continue
				}
				if (c == '\'') && i+1 < len(s) && i > start && isWordByte(s[i+1]) {
					i++
					continue
				}
				break
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '\u2019' && i+n < len(s) && isWordByte(s[i+n]) && i > start {
				// curly apostrophe: keep the word whole
				ascii = false
				i += n
				continue
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			ascii = false
			i += n
		}
		w := s[start:i]
		switch {
		case !ascii:
			w = strings.ToLower(strings.ReplaceAll(w, "\u2019", "'"))
		case upper && lower != "":
			w = lower[start:i]
		case upper:
			w = asciiLower(w)
		}
		buf = append(buf, token{start: start, end: i, lower: w})
	}
	return buf
}

func asciiLower(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// sentenceEnds returns the byte offsets where the sentences of s end: after
// '.', '!' or '?' (and any closing quotes) followed by white space, and at
// line breaks. The last offset is len(s).
func sentenceEnds(s string, buf []int) []int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !sentenceBytes[c] {
			continue
		}
		switch c {
		case '\n':
			buf = append(buf, i+1)
		case '.', '!', '?':
			j := i + 1
			for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == '"' || s[j] == '\'' || s[j] == ')') {
				j++
			}
			if j == len(s) || s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r' {
				buf = append(buf, j)
				i = j - 1
			}
		}
	}
	if len(buf) == 0 || buf[len(buf)-1] != len(s) {
		buf = append(buf, len(s))
	}
	return buf
}

// sentenceBytes marks the bytes that can end a sentence.
var sentenceBytes = [256]bool{'\n': true, '.': true, '!': true, '?': true}

// isMask reports whether a lower-cased token is a CFPB redaction mask
// ("xxxx", "xx"), which carries no meaning.
func isMask(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] != 'x' {
			return false
		}
	}
	return true
}

// expNeg returns e^-x.
func expNeg(x float64) float64 { return math.Exp(-x) }
