package classify

import (
	"regexp"
	"strings"
)

// Flag names, as recorded in the evidence JSON.
const (
	FlagChurn  = "churn_intent"
	FlagLegal  = "legal_threat"
	FlagUrgent = "urgent"
)

// flagRule is one flag: cheap keywords that must occur in the text before
// the (slower) patterns are tried on the sentences around them.
type flagRule struct {
	name     string
	keywords []string
	patterns []*regexp.Regexp
}

// Patterns run on lower-cased text. They describe general ways of phrasing
// each intent, written from the definitions in testdata/labels/README.md,
// not from single labelled examples.
var flagRules = []flagRule{
	{
		name:     FlagChurn,
		keywords: []string{"cancel", "close", "closing", "shut down", "stopped using", "switch", "elsewhere", "never", "no longer", "another", "done with", "terminat", "want out", "different", "competitor", "refinanc", "pull", "move", "moving", "moved", "took my", "take my", "taking my"},
		patterns: []*regexp.Regexp{
			// first person cancelling or closing their own relationship
			regexp.MustCompile(`\b(?:i|we|i'm|i've|i'll|we're|we've)\b[^.;!?]{0,80}?\b((?:cancel(?:l?ed|l?ing)?|close[ds]?|closing|terminat(?:e|ed|ing)|discontinu(?:e|ed|ing))\s+(?:(?:all|both|each)\s+(?:of\s+)?)?(?:my|our)\s+(?:\w+\s+){0,3}?(?:account|accounts|card|cards|service|services|subscription|membership|contract|policy|relationship|business|plan|line|checking|savings))\b`),
			regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:cancell?ed|closed|shut down|terminated)\s+(?:out\s+)?(?:it|(?:the|this|that|both|all)\s+(?:\w+\s+){0,2}?(?:account|accounts|card|cards|service|subscription|membership|contract|policy|closing))|decided to (?:close|cancel)\s+(?:\w+\s+){0,2}?(?:account|card|service|it))\b`),
			regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,20}?\b((?:stopped|quit) using\s+(?:the|my|our|their|this)\s+(?:\w+\s+)?(?:account|card|service|bank|app))\b`),
			// switching to, or looking for, a competitor
			regexp.MustCompile(`\b((?:switch(?:ed|ing)?|mov(?:e|ed|ing)|transferr?(?:ed|ing)?|go(?:ing)?|went|look(?:ing)?\s+for|find(?:ing)?|refinanc(?:e|ed|ing))\b[^.;!?]{0,30}?\b(?:to|with|for)\s+(?:a\s+)?(?:another|a different|different|other|new|competing|competitor)\s+(?:bank|banks|provider|company|companies|carrier|servicer|lender|credit union|airline|airlines|institution|card|insurer))\b`),
			regexp.MustCompile(`\b((?:tak(?:e|ing)|took|mov(?:e|ed|ing)|pull(?:ed|ing)?)\s+(?:all\s+(?:of\s+)?)?(?:my|our)\s+(?:business|money|accounts?|funds|deposits)\s+(?:\w+\s+){0,2}?(?:elsewhere|somewhere else|to another))`),
			regexp.MustCompile(`\b(?:i|we)\s+(?:have\s+|had\s+|am\s+|are\s+)?(?:now\s+)?((?:refinanced|looking to refinance)(?:\s+(?:with|elsewhere|away))?)\b`),
			// never again / no longer a customer
			regexp.MustCompile(`\b(?:will|would|'ll)\s+(?:\w+\s+)?(never\s+(?:again\s+)?(?:use|fly|bank|do business|deal|book|buy|shop|choose|recommend|return|go back|get (?:any (?:more )?)?(?:of )?(?:my|our|any) business))\b`),
			regexp.MustCompile(`\b(never\s+(?:\w+\s+){0,3}?(?:use|fly|bank|do business|deal|book|buy|shop|choose|recommend|return|go back|come back)\b[^.;!?]{0,30}?\bagain)\b`),
			regexp.MustCompile(`\b(?:will|would|'ll)\s+((?:not|no longer)\s+(?:be\s+)?(?:using|use|flying|fly|banking|bank|doing business|do business|a customer|recommend)\b[^.;!?]{0,40}?\b(?:again|anymore|any longer|in the future))\b`),
			regexp.MustCompile(`\b((?:no longer|not)\s+(?:want to\s+)?(?:be\s+)?(?:a|your)\s+(?:customer|member|client))\b`),
			regexp.MustCompile(`\b((?:can|will|could)\s+no longer\s+(?:do business|bank|trust|use|deal)|(?:no longer|not)\s+(?:want to\s+)?(?:do|doing)\s+business\s+with)\b`),
			regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,20}?\b(want out of|(?:am|are|'m|'re)\s+done\s+with\s+(?:you|them|this (?:bank|company|airline)))\b`),
		},
	},
	{
		name:     FlagLegal,
		keywords: []string{"attorney", "lawyer", "sue", "suing", "lawsuit", "law suit", "legal", "court", "cfpb", "consumer financial protection", "regulator", "ombudsman", "ftc", "federal trade", "fcc", "class action", "counsel", "department of", "comptroller", "banking department", "attorney general", "cfbp", "state of", "the state"},
		patterns: []*regexp.Regexp{
			// engaging a lawyer
			regexp.MustCompile(`\b((?:hire|hired|hiring|retain|retained|retaining|consult|consulted|consulting|contact|contacted|contacting|seek|seeking|sought|seeking out|look(?:ing)? for|speak(?:ing)? (?:with|to)|spoke (?:with|to)|talk(?:ing|ed)? (?:with|to))\s+(?:an?\s+|my\s+|our\s+)?(?:own\s+|personal\s+|private\s+|consumer\s+)?(?:attorney|attorneys|lawyer|lawyers|legal counsel|counsel|legal advice|legal representation|legal aid))\b`),
			regexp.MustCompile(`\b((?:my|our)\s+(?:own\s+|new\s+)?(?:attorney|attorneys|lawyer|lawyers|legal counsel)|legal\s+(?:representation|assistance|counsel|advice|help))\b`),
			// suing or going to court
			regexp.MustCompile(`\b(?:i|we)\s+(?:\w+\s+){0,3}?((?:sue|suing)\b(?:\s+(?:you|them|the|this|for))?)`),
			regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:file|filing|bring|pursue|pursuing|start|open|initiate|join|take|taking)\s+(?:a\s+|an\s+|any\s+)?(?:\w+\s+)?(?:lawsuit|law suit|suit|class action(?: lawsuit)?|civil (?:complaint|suit|action)|legal action|legal recourse|legal proceedings))\b`),
			regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:take|taking|took)\s+(?:you|them|this|it|the matter|this matter|the company|the bank|\w+)\s+to\s+(?:court|small claims))\b`),
			regexp.MustCompile(`\b((?:will|would)\s+(?:\w+\s+){0,2}?result in\s+(?:legal action|a lawsuit|court)|(?:see you|see them)\s+in\s+court|next step (?:will|would) (?:\w+\s+){0,3}?(?:the courts?|legal action|the ftc|the cfpb))\b`),
			// escalation to a regulator
			regexp.MustCompile(`\b((?:file|filed|filing|submit|submitted|submitting|report|reported|reporting|complain|complained|complaint|complaints|contact|contacted|contacting|notify|notified|escalat(?:e|ed|ing)|write|wrote|writing|reach(?:ed)? out|inform)\s+(?:\w+\s+){0,6}?(?:to|with|at|in)\s+(?:the\s+)?(?:state of|state's|states?\b|cfpb|consumer financial protection bureau|fcc|federal communications commission|attorney general|attorneys general|state attorney|regulators?|ombudsman|occ|comptroller of the currency|department of (?:banking|financial|transportation|consumer)|banking department|dot|faa|state banking|financial regulator))\b`),
			// addressing the CFPB itself (but not the CFPB acting on its own)
			regexp.MustCompile(`\b((?:cfpb|cfbp|consumer financial protection bureau)(?:\s+(?:please|needs? to|should|must|reference|claims?|complaints?|case))?)\b`),
		},
	},
	{
		name:     FlagUrgent,
		keywords: []string{"evict", "foreclos", "sale date", "auction", "homeless", "nowhere to", "imminent", "immediate", "lose my", "lose our", "medic", "insulin", "surgery", "chemo", "dialysis", "life or death", "emergency", "urgent", "safety", "unsafe", "hazard", "fire", "carbon monoxide", "gas leak", "heat", "power", "electric", "water", "shut off", "shutoff", "disconnect", "food", "groceries", "no money"},
		patterns: []*regexp.Regexp{
			// losing the home
			regexp.MustCompile(`\b((?:facing|face|pending|imminent|received an?|served with an?|notice of|threat(?:ened)? (?:of|with))\s+(?:an?\s+)?eviction|evict(?:ed|ing)\s+(?:me|us)|(?:be|being|getting)\s+evicted)\b`),
			regexp.MustCompile(`\b((?:foreclosure\s+)?sale\s+date|sheriff'?s?\s+sale|foreclosure\s+(?:sale|auction)|(?:going to be|will be|scheduled to be|set to be|is being)\s+(?:auctioned|sold at auction)|foreclos\w*\s+(?:on\s+(?:my|our)\s+(?:home|house)\s+)?(?:very\s+)?(?:soon|tomorrow|next week|this week|in \d+ days)|(?:start|starting|started|begin|beginning|begun|initiat\w+)\s+(?:the\s+)?foreclosure\s+(?:proceedings|process))\b`),
			regexp.MustCompile(`\b((?:i am|i'm|we are|we're|(?:i|we) (?:will|would|could|might) be|(?:i|we) (?:will|would|could|might) become|becoming)\s+(?:\w+\s+)?homeless|nowhere (?:to go|to live|else to go)|(?:imminent|immediate)\s+(?:risk|danger|threat)\s+of\s+losing|(?:about to|going to)\s+lose\s+(?:my|our)\s+(?:home|house|property))\b`),
			// medical need and safety
			regexp.MustCompile(`\b(life or death|medical emergency|need(?:s|ed)?\s+(?:my\s+|her\s+|his\s+)?(?:medication|medicine|insulin|surgery|treatment|oxygen)|(?:afford|pay for|buy|get)\s+(?:my\s+|her\s+|his\s+)?(?:medication|medicine|insulin|prescriptions?)|chemotherapy|dialysis|cancer treatment)\b`),
			regexp.MustCompile(`\b(safety (?:hazard|issue|risk|concern)|unsafe|fire hazard|caught fire|carbon monoxide|gas leak|electrocut\w*)\b`),
			// loss of essential services, and of money for essentials
			regexp.MustCompile(`\b((?:no|without)\s+(?:heat|heating|power|electricity|water|hot water|food|phone service))\b`),
			regexp.MustCompile(`\b((?:shut\s*off|shutoff|disconnect(?:ed|ion)?|cut\s+off|turned\s+off)\b[^.;!?]{0,20}?\b(?:power|electric\w*|water|gas|heat|utilit\w*)|(?:power|electric\w*|water|gas|heat|utilit\w*)\b[^.;!?]{0,20}?\b(?:shut\s*off|disconnected|cut\s+off|turned\s+off))\b`),
			regexp.MustCompile(`\b((?:can(?:'t|not)|unable to|could(?:n't| not))\s+(?:afford\s+(?:to\s+)?|buy\s+|pay\s+for\s+)(?:food|groceries|rent|medication|medicine|insulin|heat)|(?:no|without)\s+money\s+(?:for\s+(?:food|groceries|rent|gas|medicine|medication|bills|this week|the week|the month)|to live on|to live|to eat|left))\b`),
			// stated urgency
			regexp.MustCompile(`\b(urgent|urgently|(?:this|it) is an emergency|emergency situation)\b`),
		},
	},
}

// compromised finds fraud around a closed or cancelled account.
var compromised = regexp.MustCompile(`fraud|stolen|stole\b|identity theft|unauthori[sz]ed|hacked`)

// agentCFPB finds the CFPB acting on its own ("fined by the CFPB", "CFPB
// has taken action"), which is not the consumer escalating.
var agentCFPB = regexp.MustCompile(`(?:by|from)\s+(?:the\s+)?(?:cfpb|consumer financial protection bureau)|(?:cfpb|consumer financial protection bureau)\s+(?:has\s+|had\s+|is\s+|was\s+)?(?:fined|taken|took|ruled|rules?|regulations?|guidelines|website|web site|site|sued|ordered|found|action|investigat\w*|set)`)

// Flags holds the three flags of a text and the phrase behind each.
type Flags struct {
	Churn, Legal, Urgent                         bool
	ChurnEvidence, LegalEvidence, UrgentEvidence string
}

// DetectFlags finds churn intent, legal threats and urgency in text. Each
// flag carries the matched phrase, cut from the original text, as evidence.
// A match preceded in its clause by a negation ("I do not want to cancel my
// account") does not count.
func DetectFlags(text string) Flags {
	lower := asciiLowerKeepOffsets(text)
	var f Flags
	for _, r := range flagRules {
		ev := matchRule(text, lower, &r)
		if ev == "" {
			continue
		}
		switch r.name {
		case FlagChurn:
			f.Churn, f.ChurnEvidence = true, ev
		case FlagLegal:
			f.Legal, f.LegalEvidence = true, ev
		case FlagUrgent:
			f.Urgent, f.UrgentEvidence = true, ev
		}
	}
	return f
}

// matchRule returns the first phrase of text matching one of r's patterns in
// a sentence containing one of its keywords, or "".
func matchRule(text, lower string, r *flagRule) string {
	lastSentence := -1
	for _, kw := range r.keywords {
		from := 0
		for {
			k := strings.Index(lower[from:], kw)
			if k < 0 {
				break
			}
			k += from
			s, e := sentenceAround(lower, k)
			from = e
			if s == lastSentence {
				continue
			}
			lastSentence = s
			for _, p := range r.patterns {
				for _, m := range p.FindAllStringSubmatchIndex(lower[s:e], -1) {
					core := m[0]
					if len(m) >= 4 && m[2] >= 0 {
						core = m[2]
					}
					if negatedBefore(lower[s:s+core]) || r.reject(lower, s, e, s+m[0], s+m[1]) {
						continue
					}
					return strings.TrimSpace(text[s+m[0] : s+m[1]])
				}
			}
			if from >= len(lower) {
				break
			}
		}
	}
	return ""
}

// reject filters matches that the patterns alone cannot tell apart: closing
// an account because it was compromised, and the CFPB acting on its own.
func (r *flagRule) reject(lower string, s, e, ms, me int) bool {
	if r.name == FlagChurn {
		// closing a compromised account is security, not churn
		m := lower[ms:me]
		closing := strings.Contains(m, "clos") || strings.Contains(m, "cancel") || strings.Contains(m, "shut") || strings.Contains(m, "terminat")
		return closing && compromised.MatchString(lower[max(0, ms-150):min(len(lower), me+150)])
	}
	if r.name != FlagLegal {
		return false
	}
	m := lower[ms:me]
	if strings.Contains(m, "cfpb") || strings.Contains(m, "consumer financial") {
		return agentCFPB.MatchString(lower[max(s, ms-30):min(e, me+40)])
	}
	return false
}

// sentenceAround returns the bounds of the sentence holding byte k.
func sentenceAround(s string, k int) (start, end int) {
	start = k
	for start > 0 {
		c := s[start-1]
		if c == '\n' || (c == '.' || c == '!' || c == '?') && start < len(s) && (s[start] == ' ' || s[start] == '\n') {
			break
		}
		start--
	}
	end = k
	for end < len(s) {
		c := s[end]
		end++
		if c == '\n' || (c == '.' || c == '!' || c == '?') && (end == len(s) || s[end] == ' ' || s[end] == '\n') {
			break
		}
	}
	return start, end
}

// negationRe finds a negation at the end of the clause before a match.
var negationRe = regexp.MustCompile(`\b(?:not|n't|never|no|without|nor|cannot)\s+((?:\w+\s+){0,5})$`)

// subjectRe finds a pronoun that starts a new clause after a negation
// ("if this is not fixed I will sue").
var subjectRe = regexp.MustCompile(`\b(?:i|we|they|he|she|you)\s+(?:will|would|shall|am|are|'ll|'m|'re|is going|am going|are going)\b`)

// negatedBefore reports whether the clause text before a match ends in a
// negation of it ("did not want to", "never threatened to").
func negatedBefore(before string) bool {
	if i := strings.LastIndexAny(before, ",;:"); i >= 0 {
		before = before[i+1:]
	}
	if len(before) > 40 {
		before = before[len(before)-40:]
	}
	m := negationRe.FindStringSubmatch(before)
	return m != nil && !subjectRe.MatchString(m[1])
}

// asciiLowerKeepOffsets lower-cases ASCII letters and leaves every other
// byte alone, so offsets into the result are offsets into s.
func asciiLowerKeepOffsets(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
