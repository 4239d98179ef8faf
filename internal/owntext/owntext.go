// Package owntext finds the part of a complaint's text that is the
// complainant's own words: what the classifiers and the phrase counts read.
package owntext

import (
	"strings"
)

// Of returns the part of a complaint's text that is the complainant's own
// words, which the classifiers and the reports' phrase counts read:
// helpdesk tickets and complaints sent by e-mail carry more. Left out are
//
//   - a reply's quoted thread: from an "On <date>, <name> wrote:" line (or
//     one wrapped over two lines), Outlook's "-----Original Message-----"
//     or its "From: ... Sent: ..." header block (not a forward's), on to
//     the end;
//   - quoted lines ("> ...") anywhere;
//   - a signature after a "-- " line (a few short lines, not a section
//     of the text), and a phone's "Sent from my iPhone";
//   - a confidentiality disclaimer: from the paragraph that speaks of the
//     "intended recipient" and of confidential or privileged content, on;
//   - a closing at the end: a line of "Thanks", "Kind regards", "Sincerely"
//     and the like (alone, or with a name after a comma) followed by no
//     more than three short lines (a name, a title, a number).
//
// The company's words in a quote would be taken for the customer's (a
// reply's "you may refer your complaint to the Ombudsman" for a legal
// threat), and a disclaimer's ("legally privileged", "unlawful") or a
// closing's ("Thanks", "Best wishes") move the sentiment and the topic: a
// parcel two weeks late, "Please help. Thanks, Jane", read as positive.
// When nothing is left the text is returned as it is, as it is when it
// has none of these (the common case, told by a few scans for the
// markers' words).
func Of(text string) string {
	if strings.IndexByte(text, '\n') < 0 {
		return text // every part is a line of its own, or after one
	}
	closing := closingAt(text)
	if !mayHaveEmailParts(text) {
		// a closing alone (a letter's "Thank you, XXXX" in a hundredth of
		// the CFPB narratives): cut there, and look again above it
		if closing < 0 || strings.TrimSpace(text[:closing]) == "" {
			return text
		}
		return Of(strings.TrimRight(text[:closing], " \t\r\n"))
	}
	lines := strings.SplitAfter(text, "\n")
	recipient := strings.Contains(text, "recipient") // a disclaimer's word
	var b strings.Builder
	kept, cut, forwarded := 0, false, -10 // forwarded: the line of a "Forwarded message" heading
	at := 0                               // the byte offset of lines[i]
lines:
	for i, raw := range lines {
		lineAt := at
		at += len(raw)
		line := strings.TrimSpace(raw)
		if strings.Contains(line, "orwarded message") {
			forwarded = i
		}
		switch {
		case line == "":
		case line[0] == '>',
			hasPrefixFold(line, "sent from my ") && len(line) < 60:
			cut = true
			continue
		case i > forwarded+2 && replyHeader(lines, i), // (a forward's header heads the complaint forwarded)
			(line == "--" || strings.TrimRight(raw, "\r\n") == "-- ") && signatureAfter(lines[i+1:]),
			recipient && disclaimerAt(lines, i),
			lineAt == closing:
			cut = true
			break lines // the thread quoted, the signature or the disclaimer, to the end
		default:
			kept++
		}
		b.WriteString(raw)
	}
	if !cut || kept == 0 {
		return text
	}
	// what is left may end in a part of its own (a closing above the
	// disclaimer cut): each pass cuts something, so this ends
	return Of(strings.TrimRight(b.String(), " \t\r\n"))
}

// signatureAfter reports whether lines, after a "--" line, are a
// signature: at most eight lines that are not blank, none over 80 bytes (a
// "--" that parts a text's sections has more after it).
func signatureAfter(lines []string) bool {
	n := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if n++; n > 8 || len(l) > 80 {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether s starts with prefix, in any case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// mayHaveEmailParts reports whether text, of more than one line (Of
// returns a text of one line as it is: each part is a line of its own or
// after one), may have a part Of leaves out but a closing (closingAt): a
// quote mark, a "--" line, a reply's or header's colon
// ("wrote:", "From:"; Outlook's "Original Message" line comes with a
// "From:"), or at its end a phone's signature or a disclaimer. On the CFPB
// narratives (29% of them of more than one line, 15% with a blank line)
// Of takes 0.5-0.6 us a text, a little over 1% of classifying (the
// markers' words searched for in every text took 1.5 us).
func mayHaveEmailParts(text string) bool {
	if strings.IndexByte(text, '>') >= 0 || strings.Contains(text, "\n--") {
		return true
	}
	if strings.IndexByte(text, ':') >= 0 && (strings.Contains(text, "wrote:") || strings.Contains(text, "From:")) {
		return true
	}
	tail := text[max(0, len(text)-disclaimerReach):]
	// a disclaimer is a paragraph of its own (disclaimerAt), after a blank
	// line; "recipient" is the dearest search ("r" is common)
	return strings.Contains(tail, "Sent from my") || hasBlankLine(tail) && strings.Contains(tail, "recipient")
}

// valedictions close a letter or an e-mail ("Kind regards," and a name).
var valedictions = map[string]bool{
	"thanks": true, "thank you": true, "many thanks": true, "thanks again": true, "thank you again": true, "thanks in advance": true,
	"thank you in advance": true, "thanks for your help": true, "thank you for your help": true, "regards": true, "kind regards": true,
	"best regards": true, "warm regards": true, "kindest regards": true, "with regards": true, "best": true, "best wishes": true,
	"cheers": true, "sincerely": true, "yours sincerely": true, "sincerely yours": true, "yours faithfully": true, "respectfully": true,
	"yours truly": true, "thank you for your time": true,
}

// closingAt returns the byte offset in text of a closing's line (see
// Of): a valediction alone on its line, or with a short name after a
// comma ("Thanks, Jane"), among the last four lines that are not blank
// and followed only by lines of at most 40 bytes and no colon; -1 when
// there is none.
func closingAt(text string) int {
	after := 0 // lines not blank after the one looked at
	for end := len(text); end > 0 && after < 4; {
		start := strings.LastIndexByte(text[:end], '\n') + 1
		line := strings.TrimSpace(text[start:end])
		end = max(start-1, 0)
		if line == "" {
			continue
		}
		v, name, _ := strings.Cut(strings.TrimRight(line, ".,!:;- "), ",")
		// (a name, not a "Cc: DOJ, CFPB" after it, which says more)
		if len(v) <= 30 && valedictions[strings.ToLower(strings.TrimSpace(v))] && len(strings.TrimSpace(name)) <= 30 && !strings.Contains(name, ":") {
			return start
		}
		if len(line) > 40 || strings.Contains(line, ":") {
			return -1 // not a name or a title ("Cc: DOJ, CFPB")
		}
		after++
	}
	return -1
}

// hasBlankLine reports whether text has a line of spaces alone between two
// others.
func hasBlankLine(text string) bool {
	for i := strings.IndexByte(text, '\n'); i >= 0; {
		j := strings.IndexByte(text[i+1:], '\n')
		if j < 0 {
			return false
		}
		if strings.TrimSpace(text[i+1:i+1+j]) == "" {
			return true
		}
		i += 1 + j
	}
	return false
}

// disclaimerReach is how far from a text's end mayHaveEmailParts looks for
// a phone's signature or a disclaimer: the longest disclaimers run to some
// 1,500 characters.
const disclaimerReach = 2000

// replyHeader reports whether lines[i] starts a reply's quoted thread.
func replyHeader(lines []string, i int) bool {
	line := strings.TrimSpace(lines[i])
	wrote := func(l string) bool { return len(l) >= 6 && strings.EqualFold(l[len(l)-6:], "wrote:") }
	switch line[0] {
	case 'o', 'O':
		return hasPrefixFold(line, "on ") && (wrote(line) ||
			// "On Mon, 4 Mar 2024 at 10:00, Support <" / "support@example.com> wrote:"
			len(line) < 120 && i+1 < len(lines) && wrote(strings.TrimSpace(lines[i+1])))
	case '-', '_':
		lower := strings.ToLower(line)
		return strings.Contains(lower, "original message") && strings.Trim(strings.ReplaceAll(lower, "original message", ""), "-_ ") == ""
	case 'f', 'F':
		if !hasPrefixFold(line, "from:") {
			return false
		}
		// Outlook's header: From:, then Sent: or Date:, To:, Subject:
		found := 0
		for j := i + 1; j < len(lines) && j <= i+5; j++ {
			l := strings.ToLower(strings.TrimSpace(lines[j]))
			for _, h := range []string{"sent:", "date:", "to:", "subject:", "cc:"} {
				if strings.HasPrefix(l, h) {
					found++
				}
			}
		}
		return found >= 2
	}
	return false
}

// disclaimerAt reports whether lines[i] starts the paragraph of a
// confidentiality disclaimer: the paragraph (to the next blank line)
// speaks of the intended recipient and of confidential or privileged
// content.
func disclaimerAt(lines []string, i int) bool {
	if i > 0 && strings.TrimSpace(lines[i-1]) != "" {
		return false // not a paragraph's first line
	}
	var para strings.Builder
	for j := i; j < len(lines) && strings.TrimSpace(lines[j]) != ""; j++ {
		para.WriteString(strings.ToLower(lines[j]))
	}
	p := para.String()
	return strings.Contains(p, "intended recipient") && (strings.Contains(p, "confidential") || strings.Contains(p, "privileged"))
}
