package classify

import (
	"cmp"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unsafe"
)

// Flag names, as recorded in the evidence JSON.
const (
	FlagChurn  = "churn_intent"
	FlagLegal  = "legal_threat"
	FlagUrgent = "urgent"
)

// flagRule is one flag and the phrasing patterns that raise it.
type flagRule struct {
	name     string
	patterns []flagPattern
}

// flagPattern is a regular expression with cheap keywords, one of which
// any match must contain: the (slow) expression runs only on the words
// around each keyword occurrence, never over the whole text.
type flagPattern struct {
	keywords []string
	re       *regexp.Regexp
}

// Patterns run on lower-cased text. They describe general ways of phrasing
// each intent, written from the definitions in testdata/labels/README.md,
// not from single labelled examples.
var flagRules = []flagRule{
	{
		name: FlagChurn,
		patterns: []flagPattern{
			// first person cancelling or closing their own relationship
			{[]string{"cancel", "clos", "terminat", "discontinu", "shut"}, regexp.MustCompile(`\b(?:i|we|i'm|i've|i'll|we're|we've)\b[^.;!?]{0,80}?\b((?:cancel(?:l?ed|l?ing)?|close[ds]?|closing|terminat(?:e|ed|ing)|discontinu(?:e|ed|ing)|shut(?:ting)?\s+(?:down|off))\s+(?:(?:all|both|each)\s+(?:of\s+)?)?(?:my|our)\s+(?:\w+\s+){0,3}?(?:account|accounts|card|cards|service|services|subscription|membership|contract|policy|relationship|business|plan|line|checking|savings))\b`)},
			{[]string{"cancel", "closed", "shut down", "terminated", "decided to"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:cancell?ed|closed|shut down|terminated)(?:\s*/\s*(?:cancell?ed|closed))?\s+(?:out\s+)?(?:it|(?:the|this|that|both|all)\s+(?:\w+\s+){0,2}?(?:account|accounts|card|cards|service|subscription|membership|contract|policy|closing))|decided to (?:close|cancel)\s+(?:\w+\s+){0,2}?(?:account|card|service|it))\b`)},
			// asking for one's own account to be closed: "I requested ...
			// to have my credit card closed", "I want my membership cancelled"
			{[]string{"to have", "want", "would like", "request", "asked for", "ask for"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:to have|want|wanted|would like|request|requested|asked for|ask for)\s+(?:my|our)\s+(?:\w+\s+){0,3}?(?:account|accounts|card|cards|service|services|subscription|membership|contract|policy|plan|line)\s+(?:to be\s+|be\s+)?(?:closed|cancell?ed|terminated|shut (?:down|off)))\b`)},
			// asked outright: "Please close my account", "kindly cancel my
			// subscription"
			{[]string{"please", "pls", "kindly"}, regexp.MustCompile(`\b((?:please|pls|kindly)\s+(?:just\s+)?(?:cancel|close|terminate|end)\s+(?:my|our)\s+(?:\w+\s+){0,3}?(?:account|accounts|card|service|subscription|membership|contract|policy|plan|line))\b`)},
			// cancelling a recurring charge or subscription: "trying to
			// cancel the recurring charges on my credit card"
			{[]string{"cancel"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b(cancel\w*\s+(?:the|this|their|these|my|our)\s+(?:\w+\s+)?(?:recurring\s+(?:charges?|payments?|billing)|subscriptions?|auto-?renewal))\b`)},
			{[]string{"stopped using", "quit using"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,20}?\b((?:stopped|quit) using\s+(?:the|my|our|their|this)\s+(?:\w+\s+)?(?:account|card|service|bank|app))\b`)},
			// switching to, or looking for, a competitor
			{[]string{"another", "different", "competi", "other bank", "new bank", "other provider", "new provider", "other lender", "new lender", "other company", "new company", "other servicer", "new servicer", "other airline", "new airline", "other carrier", "new carrier", "other credit union", "new credit union", "other card", "new card", "other institution", "new institution", "other insurer", "new insurer"}, regexp.MustCompile(`\b((?:switch(?:ed|ing)?|mov(?:e|ed|ing)|transferr?(?:ed|ing)?|go(?:ing)?|went|leav(?:e|ing)|look(?:ing)?\s+for|find(?:ing)?|refinanc(?:e|ed|ing)|(?:re)?book(?:ed|ing)?)\b[^.;!?,]{0,30}?\b(?:to|with|for)\s+(?:a\s+)?(?:another|a different|different|other|new|competing|competitor|(?:a\s+)?(?:better|decent|proper|reliable|cheaper))\s+(?:bank|banks|provider|supplier|company|companies|carrier|servicer|lender|credit union|airline|airlines|institution|card|insurer|brand|brands|manufacturer))\b`)},
			// a phone number taken to another carrier: "I am going to port
			// my number to T-Mobile"
			{[]string{"port"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,40}?\b(port(?:ing|ed)?\s+(?:my|our)\s+(?:\w+\s+)?numbers?\s+(?:out|over|away|to))\b`)},
			// "time to cancel my Prime membership", with no subject
			{[]string{"time to", "about to", "ready to"}, regexp.MustCompile(`\b((?:time to|about to|ready to)\s+(?:cancel|close|end|terminate|drop)\s+(?:my|our)\s+(?:\w+\s+){0,3}?(?:account|membership|subscription|service|contract|plan|card))\b`)},
			// "I'm going to see what other companies offer"
			{[]string{"what other", "what another", "what different"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,40}?\b((?:see|seeing|check|checking|look(?:ing)? at|find out|finding out)\s+what\s+(?:other|another|different)\s+(?:compan(?:y|ies)|providers?|carriers?|banks?|airlines?|networks?|suppliers?|lenders?)\s+(?:offer|offers|have|has|charge|charges))\b`)},
			// looking for a competitor: "we will look into other banking
			// services", "looking for another bank"
			{[]string{"look into other", "looking into other", "look at other", "looking at other", "look for another", "looking for another", "look for a different", "looking for a different", "look for a new", "looking for a new"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,40}?\b((?:look|looking)\s+(?:into|at|for)\s+(?:other|another|a different|a new)\s+(?:banking\s+)?(?:banks?|services|providers?|compan(?:y|ies)|lenders?|carriers?|servicers?|credit unions?|institutions?|airlines?|insurers?))\b`)},
			{[]string{"elsewhere", "somewhere else", "to another"}, regexp.MustCompile(`\b((?:tak(?:e|ing)|took|mov(?:e|ed|ing)|pull(?:ed|ing)?)\s+(?:all\s+(?:of\s+)?)?(?:my|our)\s+(?:business|money|accounts?|funds|deposits)\s+(?:\w+\s+){0,2}?(?:elsewhere|somewhere else|to another))`)},
			{[]string{"refinanc"}, regexp.MustCompile(`\b(?:i|we)\s+(?:have\s+|had\s+|am\s+|are\s+)?(?:now\s+)?((?:refinanced|looking to refinance)(?:\s+(?:with|elsewhere|away))?)\b`)},
			// never again / no longer a customer
			{[]string{"never"}, regexp.MustCompile(`\b(?:will|would|'ll)\s+(?:\w+\s+)?(never\s+(?:again\s+)?(?:use|fly|bank|do business|deal|book|buy|shop|choose|return|go back|get (?:any (?:more )?)?(?:of )?(?:my|our|any) business))\b`)},
			{[]string{"never"}, regexp.MustCompile(`\b(never\s+(?:\w+\s+){0,3}?(?:use|using|fly|flying|travel|traveling|travelling|bank|banking|do business|doing business|deal|book|booking|buy|buying|order|ordering|shop|shopping|stay|staying|choose|return|go back|come back)\b[^.;!?]{0,30}?\bagain)\b`)},
			// not coming back: "Never coming back.", "I won't be back to this
			// branch!"
			{[]string{"never coming back", "never going back", "not coming back", "not going back", "be back", "be coming back"}, regexp.MustCompile(`(?:^\s*|[.!?:;,)\-#]\s*|\b(?:i|we)\s*(?:'m|am|are|'re|will|'ll)?\s*)((?:never|not)\s+(?:coming|going)\s+back|(?:won't|will not|wo n't|will never|'ll never)\s+be\s+(?:coming\s+)?back)\b`)},
			// shopping elsewhere as a habit: "the reasons I usually shop
			// elsewhere"
			{[]string{"elsewhere"}, regexp.MustCompile(`\b(?:i|we)\s+((?:usually\s+|now\s+|always\s+|mostly\s+|often\s+|already\s+)?(?:shop|bank|fly|buy|order|go)\s+elsewhere)\b`)},
			// a competitor by handle: "considering switching to @Delta", "I
			// will fly with @X from now on" (not the handle the tweet is
			// addressed to: see reject)
			{[]string{"switch", "from now on"}, regexp.MustCompile(`((?:\b(?:switch(?:ed|ing)?|mov(?:e|ed|ing)|go(?:ing)?|went))\s+(?:over\s+)?to\s+@\w+|\b(?:fly|flying|use|using|shop|shopping|order|ordering|bank|banking|go|going|stick)\s+with\s+@\w+\s+(?:only\s+)?from now on|@\w+\s+only\s+from now on)`)},
			// a competitor by name: "I will be returning this and switching
			// to Google Home" (a name only when written with a capital, not
			// the company a tweet is addressed to, and only said as leaving:
			// see reject), "I'm taking my business to Chase"
			{[]string{"switch to", "switching to", "switch over to", "switching over to"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b(switch(?:ing)?\s+(?:over\s+)?to\s+[a-z][\w&-]*)`)},
			{[]string{"business to"}, regexp.MustCompile(`\b((?:tak(?:e|ing)|took|mov(?:e|ed|ing)|bring(?:ing)?)\s+(?:all\s+(?:of\s+)?)?(?:my|our)\s+business\s+to\s+[a-z][\w&-]*)`)},
			// switching providers, or to a competitor unnamed: "we are
			// switching carriers", "I'm switching to a competitor"
			{[]string{"switch"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b(switch(?:ing)?\s+(?:(?:providers|carriers|banks|companies|airlines|services|networks|isps|suppliers|lenders|insurers|brands|manufacturers)\b|(?:over\s+)?to\s+(?:a\s+|the\s+)?(?:competitors?|competition|rivals?)\b))`)},
			// thinking of switching, with no subject: "Thinking of switching
			// from @X!"
			{[]string{"thinking of switching", "thinking about switching", "considering switching"}, regexp.MustCompile(`(?:^\s*|[.!?]\s+)((?:thinking (?:of|about)|considering)\s+switching\s+(?:away\s+)?from\s+@\w+)`)},
			// "Never again." as a verdict of its own, and "#neveragain"
			{[]string{"never again", "neveragain"}, regexp.MustCompile(`(?:^|[.!?:;,)\-#]\s*|\s)(never\s*again)(?:$|\s*[.!?#,)]|\s+(?:[a-z]+\s*)?[.!?])`)},
			// the last time: "last time I ever fly US Air"
			{[]string{"last time"}, regexp.MustCompile(`\b(last time\s+(?:i|we)\s+(?:will\s+|'ll\s+)?(?:ever\s+)?(?:fly|use|book|travel|buy|shop|order|deal|bank|stay|choose|go)\b)`)},
			// why the consumer no longer uses the company: "reminded me why I
			// never book with you"
			{[]string{"why i", "why we"}, regexp.MustCompile(`\b(why\s+(?:i|we)\s+(?:never|no longer|don't|do not|won't|will not|stopped)\s+(?:fly|flying|book|booking|use|using|travel|bank|banking|shop|buy|deal|do business)\b)`)},
			// using another company instead: "I should be using a different
			// airline", "if I had the chance to use an alternative supplier"
			{[]string{"different", "another", "alternative", "other airline", "other provider", "other supplier", "other carrier", "other company", "other bank"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,40}?\b((?:use|using|fly|flying|go with|going with|try|trying|book with|booking with|switch to|move to|go to)\s+(?:an?\s+)?(?:different|another|other|alternative)\s+(?:airline|airlines|carrier|provider|supplier|company|bank|network|service provider|lender|servicer))\b`)},
			// leaving the company: "this experience will make me leave you",
			// "I am leaving them"
			{[]string{"leav", "left"}, regexp.MustCompile(`\b((?:make|makes|made)\s+(?:me|us)\s+(?:want to\s+)?leave(?:\s+(?:you|them))?|(?:i|we)\s+(?:will|'ll|am going to|'m going to|are going to|'re going to|am|'m|are|'re|have|'ve|had)\s+(?:\w+\s+)?(?:leav(?:e|ing)|left)\s+(?:you|them|this (?:company|bank|airline|provider|supplier|carrier))\b)`)},
			// ending the contract: "I will end my contract in 18 months"
			{[]string{"contract"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,40}?\b((?:end|ending|leave|leaving|exit|exiting|get out of|getting out of|break|breaking)\s+(?:my|our|the)\s+contract)\b`)},
			// leaving when the contract ends: "as soon as my contract's up I
			// will change"
			{[]string{"contract"}, regexp.MustCompile(`\b((?:my|our|the)\s+contracts?\s*(?:is\s+|are\s+|'s\s+|s\s+)?(?:up|over|ends?|finished|expires?)\b[^.;!?]{0,20}?\b(?:i|we)\s+(?:will|'ll|am going to|'m going to|are going to)\s+(?:change|switch|leave|move|go|cancel))\b`)},
			// a cancellation asked for: "I have requested a cancellation"
			{[]string{"cancellation"}, regexp.MustCompile(`\b(?:i|we)\s+(?:have\s+|'ve\s+|had\s+)?((?:requested|request|asked for|put in|submitted)\s+(?:a\s+|the\s+|my\s+)?cancellation)\b`)},
			// leaving if one could: "If I could go anywhere but company I
			// would"; staying for want of a choice: "Only staying out of
			// necessity as no other providers in the area"
			{[]string{"if i could", "if we could"}, regexp.MustCompile(`\b(if\s+(?:i|we)\s+could\s+(?:go|switch|move|leave|change|get out)\b[^.;!?]{0,40}?\b(?:i|we)\s*(?:would|'d)\b)`)},
			{[]string{"only staying", "only stay", "just staying", "only still"}, regexp.MustCompile(`\b((?:only|just)\s+(?:still\s+)?stay(?:ing)?(?:\s+(?:here|with (?:you|them|company|this \w+)))?\s+(?:out of necessity|because|as|since|due to|for now))\b`)},
			// "Done flying #UnitedAirlines."
			{[]string{"done flying", "done using", "done shopping", "done banking", "done ordering"}, regexp.MustCompile(`(?:^\s*|[.!?]\s*|\b(?:i|we)\s*(?:'m|am|are|'re)\s+)(done\s+(?:flying|using|shopping|banking|ordering)\b)`)},
			// anyone else would do: "If possible I would use anyone else"
			{[]string{"anyone else", "anybody else", "someone else", "somebody else", "any other"}, regexp.MustCompile(`\b((?:would|will|'d|'ll)\s+(?:rather\s+|gladly\s+|happily\s+)?(?:use|go with|switch to|choose|pick|try|fly with|fly|bank with)\s+(?:anyone|anybody|someone|somebody|any other\s+\w+)(?:\s+else)?)\b`)},
			// staying only for want of a choice: "we would not be using you
			// if you weren't monopolising the area"
			{[]string{"would not", "wouldn't", "would n't", "would never"}, regexp.MustCompile(`\b(?:i|we)\s+((?:would|'d)\s+(?:not|never|n't)\s+(?:be\s+)?(?:using|use|with|stay(?:ing)? with|choose|choosing)\s+(?:you|them|your|their|this|company)\b)`)},
			// going back to the old provider: "I feel like going back to a
			// service that delivered"
			{[]string{"back to"}, regexp.MustCompile(`\b((?:go|going|went|move|moving|switch|switching)\s+back\s+to\s+(?:(?:my|our|a|the)\s+(?:old\s+|previous\s+|former\s+)?(?:service|provider|supplier|carrier|network)|(?:my|our|the)\s+(?:old|previous|former)\s+(?:bank|company|airline|lender|servicer|insurer)))\b`)},
			// the company told it lost the customer: "you lost a customer",
			// "you have lost my business"
			{[]string{"lost a ", "lost another", "lost one", "lost my", "lost our", "lost me", "lost us"}, regexp.MustCompile(`((?:\b(?:you|they|u)|@\w+)\s*(?:'ve|have|has|just|now|officially|'ve just|have just)?\s*(?:just\s+|now\s+|most likely\s+|probably\s+|definitely\s+|officially\s+)?lost\s+(?:a|another|one|my|our|a loyal|a long-time|a longtime)\s*(?:\w+\s+)?(?:customer|client|member|business|passenger|flyer)|lost\s+(?:me|us)\s+as\s+(?:a\s+)?(?:customer|client|member))\b`)},
			// "screwed me over for the last time"
			{[]string{"for the last time"}, regexp.MustCompile(`\b((?:me|us)\s+(?:over\s+|down\s+)?for the last time)\b`)},
			// "wish I'd gone elsewhere"
			{[]string{"wish"}, regexp.MustCompile(`\b(wish\s+(?:i|we)\s*(?:'d|had|would have|could have)\s+(?:gone|went|stayed|chosen|picked|signed up|booked|flown)\s+(?:elsewhere|somewhere else|with\s+(?:another|a different|someone else|anyone else|(?:my|our)\s+(?:old|previous)\s+\w+)))\b`)},
			{[]string{"again", "anymore", "any longer", "in the future"}, regexp.MustCompile(`\b(?:will|would|'ll)\s+((?:not|no longer)\s+(?:be\s+)?(?:using|use|flying|fly|banking|bank|doing business|do business|a customer|recommend)\b[^.;!?]{0,40}?\b(?:again|anymore|any longer|in the future))\b`)},
			// not buying from the company again: "I won't buy from you
			// again", "we will not purchase their products again" (not "I
			// would not buy it again", a verdict on the product; a company
			// by name only written as one: see reject)
			{[]string{"again", "anymore", "any more", "any longer", "in the future"}, regexp.MustCompile(`\b((?:won't|wont|wo n't|will not|will no longer|'ll not|'ll no longer)\s+(?:be\s+)?(?:buy(?:ing)?|purchas(?:e|ing)|order(?:ing)?|shop(?:ping)?)\s+(?:anything\s+(?:else\s+)?)?(?:(?:from|at|with)\s+[@a-z][\w&-]*|(?:their|your|any of (?:their|your))\s+(?:\w+\s+)?(?:products?|brand|stuff|items|devices))\b[^.;!?]{0,40}?\b(?:again|anymore|any more|any longer|in the future))\b`)},
			// "Never buying from them.", "Never ordering from this store",
			// "Never buying another Fitbit" (a company by name only written
			// as one: see reject)
			{[]string{"never"}, regexp.MustCompile(`(?:^\s*|[.!?:;]\s*)(never\s+(?:again\s+)?(?:buying|ordering|purchasing|shopping)\s+(?:another\b|(?:anything\s+)?(?:from|with|at)\s+(?:you|u|them|(?:this|that|your|their)\s+\w+|@\w+|[a-z][\w&-]*)))`)},
			// "no longer a customer", "don't want to be your customer"; not
			// a bare "not a member" (of a gym the consumer never joined) or
			// "not a customer service company"
			{[]string{"customer", "member", "client"}, regexp.MustCompile(`((?:\bno longer\s+(?:want to\s+)?(?:be\s+)?|(?:\bnot|\b\w+n't)\s+want to\s+be\s+)(?:a|your)\s+(?:customer|member|client))\b`)},
			{[]string{"no longer", "business with"}, regexp.MustCompile(`\b((?:can|will|could)\s+no longer\s+(?:do business|bank|trust|use|deal)|(?:no longer|not)\s+(?:want to\s+)?(?:do|doing)\s+business\s+with)\b`)},
			// done with the company: "I'm so done with Amazon!", "we are done
			// with you guys" (a name only when the sentence ends on it)
			{[]string{"want out", "done with"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,20}?\b(want out of|(?:am|are|'m|'re)\s+(?:so\s+|totally\s+|completely\s+|officially\s+|absolutely\s+|just\s+|really\s+)?done\s+with\s+(?:(?:you|them)(?:\s+guys)?\b|u\b|these people\b|@\w+|(?:this|your)\s+(?:bank|company|airline|carrier|provider|supplier|service|store|card|account|brand|manufacturer)\b|[a-z][\w&-]+\s*(?:[.!]|$)))`)},
			// wanting or planning to leave the company: "I want to go see to
			// @X and leave @Y", "thinking of switching from @X"
			{[]string{"leave you", "leave them", "leave u", "leave @", "leave my", "leave this", "leave your", "leaving you", "leaving them", "leaving u", "leaving @", "leaving my", "leaving this", "leaving your", "switching from", "switch from", "switching away", "switch away"}, regexp.MustCompile(`\b(?:i|we)\s*(?:'m|am|are|'re)?\s+(?:really\s+|seriously\s+|now\s+)?(?:want|wanna|need|plan|planning|intend|going|gonna|ready|thinking|considering|contemplating)\b[^.;!?]{0,40}?\b((?:leav(?:e|ing)|switch(?:ing)?\s+(?:away\s+)?from)\s+(?:(?:you|them)(?:\s+guys)?\b|u\b|@\w+|(?:my|this|your)\s+(?:bank|company|airline|provider|carrier|supplier|network|isp|credit union)\b))`)},
			// a company by name only when thought of leaving ("I'm thinking
			// of leaving TMo"): wanting to "leave Denver!" is a trip
			{[]string{"thinking of leav", "thinking about leav", "considering leav", "contemplating leav"}, regexp.MustCompile(`\b(?:i|we)\s*(?:'m|am|are|'re)?\s+(?:really\s+|seriously\s+|now\s+)?((?:thinking (?:of|about)|considering|contemplating)\s+leaving\s+[a-z][\w&-]+\s*(?:[.!]|$))`)},
			// not renewing: "we will not be renewing with you", "I won't renew"
			{[]string{"renew"}, regexp.MustCompile(`\b(?:i|we)\s*((?:will not|won't|wo n't|will never|'ll never|shall not|am not|'m not|are not|'re not|aren't|are n't)\s+(?:be\s+)?renew(?:ing|ed)?)\b`)},
		},
	},
	{
		name: FlagLegal,
		patterns: []flagPattern{
			// engaging a lawyer
			{[]string{"attorney", "atty", "lawyer", "counsel", "legal advice", "legal representation", "legal aid", "law firm"}, regexp.MustCompile(`\b((?:hire|hired|hiring|retain|retained|retaining|consult|consulted|consulting|contact|contacted|contacting|seek|seeking|sought|seeking out|look(?:ing)? for|speak(?:ing)? (?:with|to)|spoke (?:with|to)|talk(?:ing|ed)? (?:with|to)|(?:need|needs|needed) to (?:get|hire|find)|need|needs|needed|consider|considering|considered|take (?:this|it|the matter|this matter) up with|took (?:this|it|the matter|this matter) up with|get|getting|got|find|found|engage|engaged|obtain|obtained|obtaining|referred to|went to|turned to|reached out to|called)\s+(?:(?:an?|my|our)\s+(?:\w+\s+){0,2}?)?(?:attorney|attorneys|atty|lawyer|lawyers|legal counsel|counsel|legal advice|legal representation|legal aid|law firm))\b`)},
			// having a lawyer: "we have an attorney that has been pursuing this"
			{[]string{"attorney", "lawyer", "legal counsel"}, regexp.MustCompile(`\b(?:i|we)\s+(?:\w+\s+)?((?:have|had|retained)\s+(?:an?|my|our)\s+(?:own\s+|private\s+|personal\s+)?(?:attorney|lawyer|legal counsel))\b`)},
			// a lawyer acting for the consumer: "my attorney", "the lawyer on
			// my case", "through legal counsel"
			{[]string{"attorney", "atty", "lawyer", "counsel", "legal "}, regexp.MustCompile(`\b((?:my|our)\s+(?:own\s+|new\s+)?(?:attorney|attorneys|atty|lawyer|lawyers|legal counsel)|legal\s+(?:representation|assistance|counsel|advice|help)|(?:attorney|attorneys|lawyer|lawyers|counsel)\s+(?:on|handling|for)\s+(?:my|our)\s+(?:case|behalf|matter|file)|(?:attorney|attorneys|lawyer|lawyers|counsel)\s+(?:who|that)\s+(?:\w+\s+){0,2}?represent(?:s|ed|ing)?\s+(?:me|us)|(?:through|via)\s+(?:my\s+|our\s+)?(?:legal counsel|counsel|attorney|attorneys|lawyer|lawyers)|by\s+(?:my|our)\s+(?:legal counsel|counsel|attorney|attorneys|lawyer|lawyers))\b`)},
			// suing, or pressing charges ("suit them" is a common misspelling)
			{[]string{"sue", "suing", "suit", "press", "criminal charges"}, regexp.MustCompile(`\b(?:i|we)\s+(?:\w+\s+){0,4}?((?:sue|suing)\b(?:\s+(?:you|them|the|this|for))?|suit\s+(?:you|them|him|her)\b|press(?:ing)?\s+(?:criminal\s+)?charges\b|(?:file|filing|bring|bringing|want|pursue|pursuing)\s+criminal\s+charges\b)`)},
			// a legal-action verb and a legal step: "pursue all available legal
			// remedies", "I am considering legal action", "we filed suit"
			{[]string{"lawsuit", "law suit", "suit", "class action", "civil complaint", "civil suit", "civil action", "litigation", "court action"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:fil(?:e|ed|ing)|bring(?:ing)?|pursu(?:e|ed|ing)|persu(?:e|ing)|start(?:ing)?|open|initiat(?:e|ing)|join(?:ing)?|tak(?:e|ing)|took|s(?:eek(?:ing)?|ought)|consider(?:ing)?|explor(?:e|ing)|commenc(?:e|ing)|institut(?:e|ing)|resort to|proceed(?:ing)? with|mov(?:e|ing) forward with|go forward with|look(?:ing)? (?:further )?into)\s+(?:\w+\s+){0,2}?(?:lawsuit|law suit|suit|class action(?: lawsuit| law suit| suit)?|civil (?:complaint|suit|action)|litigation|court action))\b`)},
			{[]string{"legal action", "legal recourse", "legal remed", "legal proceeding", "legal step", "legal measure", "legal option", "legal avenue", "legal channel", "legal route", "legal mean"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:fil(?:e|ed|ing)|bring(?:ing)?|pursu(?:e|ed|ing)|persu(?:e|ing)|start(?:ing)?|open|initiat(?:e|ing)|join(?:ing)?|tak(?:e|ing)|took|s(?:eek(?:ing)?|ought)|consider(?:ing)?|explor(?:e|ing)|commenc(?:e|ing)|institut(?:e|ing)|resort to|proceed(?:ing)? with|mov(?:e|ing) forward with|go forward with|look(?:ing)? (?:further )?into)\s+(?:\w+\s+){0,3}?legal (?:actions?|recourse|remed(?:y|ies)|proceedings?|steps?|measures|options|avenues?|channels|route|means))\b`)},
			// "I recorded everything, I will go to court"
			{[]string{"court", "small claims"}, regexp.MustCompile(`\b(?:i|we)\s+((?:will|'ll|shall|am going to|'m going to|'m gonna|are going to|'re going to)\s+(?:\w+\s+)?go\s+to\s+(?:court|small claims))\b`)},
			{[]string{"court", "small claims"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:take|taking|took|bring|bringing|drag|dragging|subpoena|subpoenaing|summon)\s+(?:you|them|this|it|(?:the|this|that|their)\s+(?:\w+\s+){0,2}?\w+|\w+)\s+(?:to|into|in)\s+(?:court|small claims))\b`)},
			// small claims as the consumer's venue: "I will use these stall
			// tactics in small claims", "I went to court to make a small claim"
			{[]string{"small claim"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:will|'ll|would|going to|plan to|intend to|may|might|could|should|consider|considering)\b[^.;!?]{0,40}?\bsmall claims|(?:make|made|file|filed|filing|open|opened)\s+(?:a\s+)?small claims?\b)`)},
			// the same at a sentence's start, with no subject, as tweets and
			// reviews write it: "Filing a small claims case.", "Taking them
			// to small claims!", "Will file in small claims court"
			{[]string{"small claim"}, regexp.MustCompile(`(?:^\s*|[.!?:;]\s*|\s-+\s*)((?:(?:will|gonna|going to|about to|now|then)\s+)?(?:fil(?:e|ing)|tak(?:e|ing)\s+(?:them|you|u|him|her|this|it|@\w+|(?:the|this|that)\s+\w+|\w+)\s+to|go(?:ing)?\s+to|see\s+(?:you|them)\s+in)\s+(?:a\s+|in\s+)?small[ -]claims?)\b`)},
			{[]string{"result in", "in court", "next step"}, regexp.MustCompile(`\b((?:will|would)\s+(?:\w+\s+){0,2}?result in\s+(?:\w+\s+){0,2}?(?:legal action|a lawsuit|court)|(?:see you|see them)\s+in\s+court|next step (?:will|would) (?:\w+\s+){0,3}?(?:the courts?|legal action|the ftc|the cfpb))\b`)},
			// a legal step named as the next move, the only option or an
			// intention, whatever the subject: "my next move will be to sue",
			// "I am prepared to take them to court", "left with no choice but
			// to file suit"
			{[]string{"sue", "suing", "suit", "lawsuit", "legal action", "legal recourse", "legal proceedings", "court", "litigation", "litigate"}, regexp.MustCompile(`\b((?:next (?:step|move|action)|(?:my|our) intention (?:is )?to|only (?:option|recourse)|no (?:other )?(?:choice|choices|options?|alternative|recourse)(?: left)? (?:but|except|other than)|(?:will|would|'ll) (?:be )?(?:forced|compelled|obliged) |(?:plan|plans|planning|intend|intends|intending|prepared|preparing|prepare|preparation|ready|going|decided|forced|reserve the right)(?: to| for)?|(?:am|are|'m|'re) (?:now )?(?:considering|pursuing|seeking|exploring))\s+(?:\w+\s+){0,3}?(?:sue|suing|(?:file|filing|bring|bringing|pursue|pursuing|take|taking|seek|seeking|initiate|initiating|start|starting|begin|beginning|follow(?:ing)? through with|proceed(?:ing)? with|go(?:ing)? (?:ahead|forward) with|mov(?:e|ing) forward with)\s+(?:a\s+|an\s+|any\s+|all\s+)?(?:available\s+|possible\s+|further\s+|formal\s+|civil\s+)?(?:lawsuit|law suit|suit|legal (?:action|recourse|remedies|proceedings)|court action|litigation)|litigat(?:e|ion)|(?:go|going|take (?:\w+\s+){0,2}?)to (?:court|small claims)))\b`)},
			// legal action named as what comes after this complaint: "remove
			// these accounts before pursuing legal action"
			{[]string{"legal action", "legal recourse", "lawsuit", "law suit", "litigation", "court action", "small claims"}, regexp.MustCompile(`\b(before\s+(?:(?:i|we)\s+(?:\w+\s+){0,2}?)?(?:pursu\w+|persu\w+|tak\w+|fil\w+|seek\w*|start\w*|initiat\w+|bring\w*)\s+(?:\w+\s+){0,2}?(?:legal action|legal recourse|lawsuit|law suit|suit|litigation|court action|small claims))\b`)},
			// a legal consequence announced: "or litigation will follow"
			{[]string{"litigation", "legal action", "lawsuit", "law suit", "court action", "legal proceedings"}, regexp.MustCompile(`\b((?:litigation|legal action|a lawsuit|a law suit|court action|legal proceedings)\s+(?:(?:will|may|shall)\s+(?:follow|ensue|be next)|will\s+be (?:taken|filed|pursued|initiated|started)))\b`)},
			// the consumer announcing legal action, however far the verb:
			// "I will file a complaint against you and legal action", "I
			// will continue to escalate this to the point of legal action"
			{[]string{"legal action", "legal proceeding", "lawsuit", "law suit", "litigation"}, regexp.MustCompile(`\b(?:i|we)\s+(?:will|'ll|shall|am going to|are going to|intend to|plan to)\b[^.;!?]{0,60}?\b(legal actions?|legal proceedings|a lawsuit|lawsuits|a law suit|litigation)\b`)},
			// a suit the consumer is about to file: "the class action I am
			// prepared to file"
			{[]string{"lawsuit", "law suit", "suit", "class action", "motion", "petition"}, regexp.MustCompile(`\b((?:lawsuit|law suit|suit|class action|motion|petition)\s+(?:that\s+)?(?:i|we)\s+(?:am|are|'m|'re|was|were)\s+(?:now\s+|also\s+)?(?:prepared|preparing|planning|going|about|ready|intending)\s+to\s+file)\b`)},
			// the matter heading for court: "if this case needs to go to
			// Federal Court"
			{[]string{"court"}, regexp.MustCompile(`\b((?:this|the|my|our)\s+(?:case|matter|issue|dispute)\s+(?:needs to|has to|must|will|may|might|would|could)\s+(?:\w+\s+)?(?:go|be taken|be brought|proceed|end up)\s+(?:to|in|before)\s+(?:a\s+|the\s+)?(?:\w+\s+)?court)\b`)},
			// the consumer's right to sue named: "my legal right to pursue
			// this matter in the courts", "resources available to me to sue
			// them"
			{[]string{"sue", "lawsuit", "legal action", "litigation", "court", "small claims"}, regexp.MustCompile(`\b((?:my|our)\s+(?:legal\s+)?rights?\s+to\s+(?:\w+\s+){0,4}?(?:sue|lawsuit|legal action|litigation|(?:in|to)\s+(?:the\s+)?courts?|small claims))\b`)},
			{[]string{"sue"}, regexp.MustCompile(`\b(?:i|we|me|us)\b[^.;!?]{0,60}?\b(to\s+sue\s+(?:them|you|him|her|it|the|this|that|for))\b`)},
			// the consumer threatening, or having threatened, legal action
			{[]string{"threaten"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b(threaten(?:ed|ing)?\s+(?:them\s+|him\s+|her\s+|the\s+\w+\s+)?(?:with\s+)?(?:legal action|a lawsuit|a law suit|litigation|to sue|court action|to take (?:them|him|her|it|\w+) to court))`)},
			// the case moved to a lawyer, a court or legal services
			{[]string{"attorney", "lawyer", "court", "legal services", "legal aid", "judge advocate"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:take|taking|move|moving|bring|bringing|escalat\w+|refer|referring|turn|turning)\s+(?:this|the|my|our)\s+(?:case|matter|issue|complaint)\s+(?:over\s+)?to\s+(?:a\s+|an\s+|the\s+|my\s+)?(?:\w+\s+){0,2}?(?:attorney|lawyer|court|legal services|legal aid|judge advocate))\b`)},
			// the consumer going to court to stop the company: "I was forced
			// to go to court to stop the eviction"
			{[]string{"court"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:go|goes|went|going|gone)\s+to\s+court\s+to\s+(?:stop|prevent|block|halt|fight|contest|challenge|save|keep|get))\b`)},
			// a motion the consumer files
			{[]string{"motion", "petition", "vacat", "dismiss", "strike", "set aside", "quash", "injunction", "restraining", "an order", "court order"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:file|filed|filing|submit|submitted|submitting)\s+(?:a\s+|an\s+)?(?:motion|petition|request|application)s?\s+(?:to|for)\s+(?:have\s+(?:the|this|my|our)\s+(?:case|judgment|judgement)\s+)?(?:vacate|vacated|open|reopen|re-open|dismiss|dismissed|dismissal|set aside|stay|quash|strike|an order|a court order|an injunction|a restraining order))\b`)},
			// evidence kept for, or a complaint feeding, legal proceedings
			{[]string{"legal proceeding", "court proceeding", "litigation", "legal case", "court case"}, regexp.MustCompile(`\b((?:evidence|documentation|record|proof)\s+(?:\w+\s+){0,2}?(?:in|for)\s+(?:any\s+|a\s+|the\s+)?(?:future\s+|subsequent\s+|upcoming\s+)?(?:legal|court)\s+(?:proceedings?|case|action)|(?:evidence|documentation|record|proof)\s+(?:\w+\s+){0,2}?(?:in|for)\s+(?:any\s+|future\s+)?litigation)\b`)},
			// holding the company liable in law
			{[]string{"liable", "responsible for damages", "responsible for any damages", "accountable in court", "accountable under"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,40}?\b(hold(?:ing)?\s+(?:you|them|it|the\s+\w+|\w+)\s+(?:\w+\s+)?(?:legally\s+|personally\s+|fully\s+)?(?:liable|responsible for (?:any\s+|all\s+)?damages|accountable in court|accountable under))`)},
			// proceedings the consumer started (not merely attended, as a
			// defendant does): "we filed a motion with the court", "I got
			// the judgment vacated"
			{[]string{"court", "judgment", "judgement"}, regexp.MustCompile(`\b(?:i|we)\s+(?:\w+\s+){0,4}?((?:filed|file|submitted)\s+(?:a\s+|an\s+)?(?:motion|petition|suit|lawsuit|claim|case)\s+(?:\w+\s+){0,2}?(?:in|with|at)\s+(?:the\s+)?(?:\w+\s+){0,2}?court|(?:got|had|obtained)\s+(?:the\s+|a\s+)?(?:judgment|judgement)\s+(?:vacated|dismissed|overturned|set aside))\b`)},
			// the consumer asking a court for an order, or filing with it:
			// "I requested the federal court to issue a restraining order",
			// "I contacted the court and filed a notice of exemption"
			{[]string{"court", "judge"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,60}?\b((?:ask|asked|request|requested|petition|petitioned|appl(?:y|ied) to)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:court|judge)\s+(?:to|for)|(?:contact|contacted|went to|called|wrote to)\s+(?:the\s+)?(?:\w+\s+){0,2}?court\s+and\s+(?:filed|submitted|requested|asked))\b`)},
			// the consumer in litigation with someone: "I had litigation with
			// the servicer and other defendants"
			{[]string{"litigation", "lawsuit", "law suit", "legal battle", "court case", "class action"}, regexp.MustCompile(`\b(?:i|we)\s+(?:\w+\s+){0,2}?((?:had|have|in|am in|are in|was in|were in|part of|joined|began|started|entered|entered into)\s+(?:\w+\s+)?(?:litigation|a lawsuit|a law suit|a legal battle|a court case|a class action(?: lawsuit| law suit| suit)?)\s+(?:with|against|for|over|about|regarding))\b`)},
			// the company warned it will face suit: "before they find
			// themselves in the middle of a lawsuit", "or they will be sued"
			{[]string{"sued", "taken to court", "lawsuit", "law suit", "legal action", "litigation"}, regexp.MustCompile(`\b((?:they|it|the company|the bank)\s+(?:(?:will|would|could|may|might|shall|can|are going to|is going to)\s+)?(?:be\s+sued|be\s+taken\s+to\s+court|face\s+(?:a\s+)?(?:lawsuit|law suit|legal action|litigation)|find\s+(?:themselves|itself)\s+(?:\w+\s+){0,5}?(?:lawsuit|law suit|litigation)))\b`)},
			// a case the consumer won
			{[]string{"won the", "won a ", "won my", "won our", "won court", "i won", "we won"}, regexp.MustCompile(`\b((?:i|we)\s+(?:\w+\s+)?won\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:court\s+)?(?:case|lawsuit|law suit|suit|judgment|judgement)|(?:a|the)\s+(?:court\s+)?(?:case|lawsuit|suit)\s+(?:that\s+)?(?:i|we)\s+won)\b`)},
			// escalation to a regulator
			{[]string{"cfpb", "consumer financial protection", "fcc", "federal communications", "attorney general", "attorneys general", "atty general", "state attorney", "states attorney", "state 's attorney", "your agency", "this department", "the state of", "the state's", "with the state", "to the state", "in the state", "the states", "regulator", "regulatory", "ombudsman", "the occ", "comptroller", "department of banking", "department of financial", "department of transportation", "department of consumer", "banking department", "state banking", "the dot", "faa", "ftc", "federal trade", "district attorney", "trading standards", "ofcom", "ofgem", "ofwat", "financial conduct authority"}, regexp.MustCompile(`\b((?:file|filed|filing|lodge|lodged|submit|submitted|submitting|report|reported|reporting|complain|complained|complaint|complaints|contact|contacted|contacting|notify|notified|escalat(?:e|ed|ing)|write|wrote|writing|reach(?:ed)? out|inform|informed|send|sent|sending|forward|forwarded|forwarding|(?:request|requested|requesting|seek|seeking|sought|ask(?:ed)? for|obtain|obtained|get|got)\s+(?:\w+\s+)?(?:assistance|help|intervention|advice)|turn(?:ed)?\s+(?:\w+\s+)?over|work(?:ing|ed)?)\s+(?:[\w']+\s+){0,6}?(?:to|with|at|in|through|via|from)\s+(?:(?:the\s+)?[\w']+(?:\s+[\w']+){0,2}(?:\s*,\s+[\w']+(?:\s+[\w']+){0,2}){0,4}\s*,?\s+(?:and|or|&(?:amp;)?)\s+)?(?:the\s+)?(?:[\w']+\s+)?(?:office of (?:the\s+)?)?(?:[\w']+\s+)?(?:state of|state's|states?\b|ftc|federal trade commission|cfpb|consumer financial protection bureau|fcc|federal communications commission|attorneys? general(?:'?s)?|atty\.? general|states?\s*'?\s*s? attorney|district attorney|regulators?|ombudsman|occ|comptroller of (?:the )?currency|your agency|this department|department of (?:banking|financial|transportation|consumer)|banking department|dot|faa|state banking|financial regulator|trading standards|ofcom|ofgem|ofwat|financial conduct authority))\b`)},
			// the same, to other federal and state agencies
			{[]string{"fdic", "federal reserve", "ncua", "hud", "department of justice", "department of insurance", "insurance commissioner", "department of housing", "consumer protection", "public utilit", "public service"}, regexp.MustCompile(`\b((?:file|filed|filing|lodge|lodged|submit|submitted|submitting|report|reported|reporting|complain|complained|complaint|complaints|contact|contacted|contacting|notify|notified|escalat(?:e|ed|ing)|write|wrote|writing|reach(?:ed)? out|inform|informed|send|sent|sending|forward|forwarded|forwarding|(?:request|requested|requesting|seek|seeking|sought|ask(?:ed)? for|obtain|obtained|get|got)\s+(?:\w+\s+)?(?:assistance|help|intervention|advice)|turn(?:ed)?\s+(?:\w+\s+)?over)\s+(?:[\w']+\s+){0,6}?(?:to|with|at|in|through|via|from)\s+(?:the\s+)?(?:[\w']+\s+)?(?:fdic|federal reserve|ncua|hud|department of (?:justice|insurance|housing)|insurance commissioner|consumer protection (?:division|agency|office|bureau|department|section)|public (?:utilities|utility|service) commission))\b`)},
			// a regulator contacted directly: "I contacted the attorney
			// general", "we notified the FTC"
			{[]string{"cfpb", "consumer financial protection", "fcc", "federal communications", "attorney general", "attorneys general", "atty", "ftc", "federal trade", "ombudsman", "comptroller", "district attorney", "fdic", "federal reserve", "ncua", "hud", "department of justice", "insurance commissioner", "fbi"}, regexp.MustCompile(`\b(?:i|we)\b[^.;!?]{0,40}?\b((?:contact|contacted|contacting|notify|notified|notifying|inform|informed|informing|call|called|calling|email|emailed|emailing|petition|petitioned|alert|alerted)\s+(?:\w+\s+){0,2}?(?:the\s+)?(?:state(?:'s)?\s+)?(?:ftc|federal trade commission|cfpb|consumer financial protection bureau|fcc|federal communications commission|attorneys? general(?:'?s)?|atty\.? general|ombudsman|comptroller of (?:the )?currency|district attorney|fdic|federal reserve|ncua|hud|department of justice|insurance commissioner|fbi))\b`)},
			// the consumer's own state attorney general contacted: "upon
			// contacting our state's Attorney General"
			{[]string{"attorney general", "attorneys general", "atty general"}, regexp.MustCompile(`\b((?:contact|contacted|contacting|notify|notified|notifying|call|called|calling|email|emailed|emailing|wr(?:ite|ote|iting) to|complain(?:ed|ing)? to|report(?:ed|ing)? (?:\w+\s+){0,3}?to)\s+(?:my|our)\s+(?:\w+\s+)?(?:state\s*'?\s*s?\s+)?(?:attorneys? general|atty\.? general))\b`)},
			// the wrong reported to the authorities: "I would report them to
			// the proper authorities", "evidence to turn over to authorities"
			{[]string{"authorities"}, regexp.MustCompile(`\b((?:report|reported|reporting|turn(?:ed|ing)?\s+(?:\w+\s+){0,3}?over|send|sent|sending|forward|forwarded|forwarding|escalat(?:e|ed|ing)|take|taking|took|bring|bringing)\s+(?:[\w']+\s+){0,4}?to\s+(?:the\s+)?(?:(?:proper|appropriate|relevant|responsible|competent|local|state|federal|government|governmental|legal|regulatory)\s+)?authorities)\b`)},
			// asking an authority to take the company's licence
			{[]string{"licens", "licenc"}, regexp.MustCompile(`\b((?:cancel|cancell?ing|cancell?ed|revok(?:e|ed|ing)|suspend(?:ed|ing)?|pull(?:ed|ing)?|tak(?:e|ing) away|strip(?:ped|ping)?)\s+(?:(?:their|its|his|her)\s+|the\s+(?:\w+\s+)?(?:company|bank|lender|servicer|agency|firm)'?\s*'?s\s+)(?:\w+\s+)?licen[cs]es?)\b`)},
			// "This is now an Ombudsman issue", "this is now a legal matter"
			{[]string{"ombudsman issue", "ombudsman matter", "ombudsman case", "legal matter", "legal issue", "regulatory matter", "court matter"}, regexp.MustCompile(`\b((?:this|it|that)\s+is\s+(?:now\s+)?(?:an?\s+)?(?:ombudsman|legal|regulatory|court)\s+(?:issue|matter|case))\b`)},
			// a regulator told of the practice: "I wanted to let the CFPB know"
			{[]string{"let the", "let cfpb", "let you"}, regexp.MustCompile(`\b(let\s+(?:the\s+)?(?:cfpb|consumer financial protection bureau|ftc|federal trade commission|attorney general|state attorney general)\s+know)\b`)},
			// addressing the CFPB itself (but not the CFPB acting on its own)
			{[]string{"cfpb", "cfbp", "consumer financial protection"}, regexp.MustCompile(`\b((?:cfpb|cfbp|consumer financial protection bureau)(?:\s+(?:please|needs? to|should|must|reference|claims?|complaints?|case))?)\b`)},
		},
	},
	{
		name: FlagUrgent,
		patterns: []flagPattern{
			// losing the home
			// a foreclosure, sale or hearing scheduled, or imminent: "they have
			// already scheduled a foreclosure date", "our foreclosure hearing
			// is set", "an imminent foreclosure action"
			{[]string{"scheduled", "imminent", "impending", "hearing is set", "is set for", "date is set"}, regexp.MustCompile(`\b((?:scheduled|set)\s+(?:a\s+|the\s+)?(?:foreclosure|sheriff'?s?\s+sale|trustee'?s?\s+sale|auction)(?:\s+(?:sale|date|hearing|auction))?|(?:foreclosure|eviction)\s+(?:sale\s+|auction\s+|hearing\s+|date\s+)?(?:is\s+|has been\s+|was\s+)?(?:scheduled|set)\s+(?:for|on|with)|(?:imminent|impending)\s+(?:foreclosure|eviction)(?:\s+(?:action|sale|proceedings))?)\b`)},
			// a sale or eviction set for a date, or under way: "the auction of
			// my home scheduled for", "a 3 day eviction notice"
			{[]string{"auction", "sale of", "evict", "day notice"}, regexp.MustCompile(`\b((?:auction|sale)\s+of\s+(?:my|our|the)\s+(?:\w+\s+)?(?:home|house|property|condo)\s+(?:is\s+|was\s+)?(?:scheduled|set|planned|rescheduled)|auction\s+(?:\w+\s+){0,4}?(?:right now|being bid|this (?:week|weekend)|tomorrow)|(?:\d+|three|five|seven|ten|thirty)[- ]day\s+(?:eviction|notice to (?:vacate|quit))|eviction\s+(?:notice|on\s+\d|scheduled|set for|date))\b`)},
			{[]string{"evict"}, regexp.MustCompile(`\b((?:facing|face|pending|imminent|received an?|served with an?|notice of|threat(?:ened)? (?:of|with))\s+(?:an?\s+)?eviction|evict(?:ed|ing)\s+(?:me|us)|(?:be|being|getting)\s+evicted|(?:start\w*|begin\w*|began|initiat\w+|filed|filing)\s+(?:an?\s+|the\s+)?eviction(?:\s+(?:process|proceedings?|action|case))?)\b`)},
			// a foreclosure under way now: "Home is in foreclosure", "we are
			// in a foreclosure process", "a Notice of Intent to Foreclose",
			// "they are proceeding to foreclosure", "instigated a foreclosure
			// action", "too close to the foreclosure date" (not "my home went
			// into foreclosure", nor a bare "started foreclosure", mostly told
			// of a foreclosure long over)
			{[]string{"foreclos"}, regexp.MustCompile(`\b((?:home|house|property|loan|mortgage|account|we|i)\s*(?:is|are|am|'s|'re|'m)\s+(?:now\s+|currently\s+|still\s+|already\s+)?in\s+(?:a\s+|the\s+)?(?:pre-?)?foreclosure(?:\s+(?:process|proceedings))?|(?:notice of\s+)?intent to foreclose|(?:instigat\w+|commenc\w+|initiat\w+|start(?:s|ed|ing)?|begin(?:s|ning)?|begun)\s+(?:the\s+|a\s+)?foreclosure\s+(?:procedure|proceedings|process|action)|proceeding\s+(?:with\s+|to\s+)(?:the\s+|a\s+)?foreclos(?:e|ure)|foreclosure\s+date)\b`)},
			{[]string{"sale date", "sheriff", "trustee", "foreclos", "auction", "law day"}, regexp.MustCompile(`\b((?:foreclosure\s+)?sale\s+date|sheriff\s*'?\s*s?\s+sale|trustee\s*'?\s*s?\s+sale|(?:strict\s+foreclosure\s+)?law\s+day|foreclosure\s+(?:sale|auction)|served\s+(?:me\s+|us\s+)?(?:with\s+)?(?:a\s+|the\s+)?foreclosure\s+(?:complaint|summons|suit|action|notice)|(?:going to be|will be|scheduled to be|set to be|is being)\s+(?:auctioned|sold at auction)|foreclos\w*\s+(?:on\s+(?:my|our)\s+(?:home|house)\s+)?(?:very\s+)?(?:soon|tomorrow|next week|this week|in \d+ days)|(?:start|starting|started|begin|beginning|begun|initiat\w+)\s+(?:the\s+)?foreclosure\s+(?:proceedings|process)|(?:filed|filing|file)\s+(?:a\s+|the\s+)?foreclosure\s+(?:on|against|action|proceedings|case|suit))\b`)},
			{[]string{"homeless", "nowhere", "no where", "imminent", "immediate", "about to lose", "going to lose"}, regexp.MustCompile(`\b((?:i am|i'm|we are|we're|(?:i|we) (?:will|would|could|might) be|(?:i|we) (?:will|would|could|might) become|becoming|(?:found|find|finding) (?:myself|ourselves))\s+(?:\w+\s+)?homeless|no ?where (?:to go|to live|else to go)|(?:imminent|immediate)\s+(?:risk|danger|threat)\s+of\s+losing|(?:about to|going to)\s+lose\s+(?:my|our)\s+(?:home|house|property))\b`)},
			// medical need and safety
			{[]string{"life or death", "medical emergency", "food poisoning", "medication", "medicine", "insulin", "surgery", "treatment", "oxygen", "prescription", "chemotherapy", "dialysis", "cancer"}, regexp.MustCompile(`\b(life or death|medical emergency|food poisoning|need(?:s|ed)?\s+(?:my\s+|her\s+|his\s+)?(?:medication|medicine|insulin|surgery|treatment|oxygen)|(?:afford|pay for|buy|get)\s+(?:my\s+|her\s+|his\s+)?(?:medication|medicine|insulin|prescriptions?)|chemotherapy|dialysis|cancer treatment)\b`)},
			{[]string{"safety", "unsafe", "fire", "carbon monoxide", "gas leak", "electrocut"}, regexp.MustCompile(`\b(safety (?:hazard|issue|risk|concern)|unsafe|fire hazard|caught fire|carbon monoxide|gas leak|electrocut\w*)\b`)},
			// a product that exploded or burned someone: "the charger
			// exploded and burned my hand" (not "my balance exploded"; an
			// injury told of is mostly past, or a figure of speech: "injured
			// and harmed by fees")
			{[]string{"explod", "burn"}, regexp.MustCompile(`\b((?:battery|batteries|charger|phone|device|appliance|heater|boiler|cooker|oven|stove|microwave|kettle|tank|tire|tyre|bottle|laptop|scooter|machine|unit|product|it)\s+(?:\w+\s+){0,2}?explod(?:ed|es|ing)|burn(?:ed|t|s)\s+(?:my|his|her|our|their)\s+(?:\w+\s+)?(?:hand|hands|arm|arms|leg|legs|face|finger|fingers|skin|mouth))\b`)},
			// not safe for someone or to do something: "it's not safe for
			// women to be on their own at this time of night"
			{[]string{"safe for", "safe to"}, regexp.MustCompile(`\b((?:not|n't|never)\s+(?:\w+\s+)?safe\s+(?:for\s+(?:me|us|women|a woman|girls|children|kids|anyone|people|passengers|(?:my|our)\s+(?:family|kids|children|wife|husband|daughter|son|baby|mother|father))|to\s+(?:be|stay|drive|walk|travel|live|sleep|use|eat|drink)))\b`)},
			// in hospital now: "am currently being checked out in the ER"
			{[]string{"in the er", "in er", "emergency room", "hospital", "icu"}, regexp.MustCompile(`\b((?:i am|i'm|we are|we're|currently|am now|is now|are now|still|(?:i|we) (?:have|'ve) been)\s+(?:\w+\s+){0,4}?in\s+(?:the\s+)?(?:er|emergency room|hospital|icu))\b`)},
			// money needed for food or heat: "so I can continue to feed my lil
			// brother and keep my heat on"
			{[]string{"feed my", "feed our", "heat on", "heating on", "power on", "electricity on", "water on"}, regexp.MustCompile(`\b((?:so\s+(?:i|we)\s+can|in order to|need to|have to)\s+(?:continue to\s+)?(?:feed\s+(?:my|our)\s+(?:\w+\s+)?(?:family|kids|children|child|son|daughter|brother|sister|baby|babies)|keep\s+(?:my|our|the)\s+(?:heat|heating|power|electricity|water)\s+on))\b`)},
			// loss of essential services, and of money for essentials
			{[]string{"heat", "power", "electricity", "water", "food", "phone service"}, regexp.MustCompile(`\b((?:no|without)\s+(?:heat|heating|power|electricity|water|hot water|food|phone service)|(?:power|electricity)\s+(?:outage|cut))\b`)},
			{[]string{"shut", "disconnect", "cut off", "turned off"}, regexp.MustCompile(`\b((?:shut\s*off|shutoff|disconnect(?:ed|ion)?|cut\s+off|turned\s+off)\b[^.;!?]{0,20}?\b(?:power|electric\w*|water|gas|heat|utilit\w*)|(?:power|electric\w*|water|gas|heat|utilit\w*)\b[^.;!?]{0,20}?\b(?:shut\s*off|disconnected|cut\s+off|turned\s+off))\b`)},
			{[]string{"afford", "feed", "electric", "utilit", "heat", "gas bill", "water bill", "survive"}, regexp.MustCompile(`\b((?:can(?:'t|not| not)|ca n't|unable to|could(?:n't| n't| not)|(?:will|would)\s+not\s+be\s+able\s+to)\s+(?:even\s+)?(?:afford\s+(?:to\s+)?(?:eat|food|groceries|rent|medication|medicine|insulin|heat)|(?:buy|pay\s+for)\s+(?:food|groceries|rent|medication|medicine|insulin|heat)|pay\s+(?:for\s+)?(?:the\s+|my\s+|our\s+)?(?:electric\w*|utilit\w+|heat|gas bill|water bill)|(?:\w+\s+){0,3}?survive|(?:\w+\s+){0,4}?feed\s+(?:my|our)\s+(?:family|kids|children|child|son|daughter)))\b`)},
			{[]string{"money"}, regexp.MustCompile(`\b((?:no|without)\s+money\s+(?:for\s+(?:food|groceries|rent|gas|medicine|medication|bills|this week|the week|the month)|to live on|to live|to eat|left)|(?:not|n't|no longer)\s+(?:\w+\s+){0,3}?(?:have|get)\s+(?:any\s+)?(?:access to\s+)?(?:my\s+)?(?:money|funds)\s+for\s+(?:[\w-]+\s+){0,5}?(?:food|groceries|rent|medicine|medications?|insulin))\b`)},
			// going hungry
			{[]string{"starv", "go hungry", "going hungry"}, regexp.MustCompile(`\b(starv(?:e|ing)|go(?:ing)? hungry)\b`)},
			// stated urgency
			{[]string{"urgent", "emergency", "time sensitive", "time-sensitive"}, regexp.MustCompile(`\b(urgent|urgently|(?:this|it) is an emergency|emergency situation|(?:this|it|that|which)\s+is\s+(?:very\s+|extremely\s+)?time[- ]sensitive)\b`)},
		},
	},
}

// identityTheft finds an identity-theft narrative, where a report to the
// FTC is a routine step of the recovery process rather than an escalation.
var identityTheft = regexp.MustCompile(`identity\s*theft|police|affidavit|id theft|stolen identity`)

// compromised finds fraud around a closed or cancelled account.
var compromised = regexp.MustCompile(`fraud|stolen|stole\b|identity theft|unauthori[sz]ed|hacked`)

// The literal filters of identityTheft and compromised: the expressions
// run on the whole text or 300 bytes of it, which most texts fail.
var identityTheftFilter, compromisedFilter = newLiteralFilter(identityTheft), newLiteralFilter(compromised)

// mayAndMatch is re.MatchString(s), skipped when s fails re's filter f.
func mayAndMatch(re *regexp.Regexp, f literalFilter, s string) bool {
	return f.mayMatch(s) && re.MatchString(s)
}

// agentBefore and agentAfter find, before and after a name of the CFPB,
// the CFPB acting on its own, which is not the consumer escalating: "fined
// by the CFPB", a fine or rule "from the CFPB" (help "from the CFPB" is the
// consumer's own complaint), a consent order "between the CFPB" and a
// company; "CFPB has taken action", and the CFPB named as what it knows,
// requires or watches, alone or with other agencies ("as the CFPB already
// knows", "the CFPB as well as the FTC scrutinizes this practice"); the
// CFPB as a party ("a pending case vs CFPB"), as an authority cited
// ("according to CFPB", "per the CFPB policy") or as the maker of rules,
// guidance and settlements ("the CFPB established rules", "the laws of
// the CFPB"); but not the CFPB asked in the passive to act (requestedBy).
var agentBefore = regexp.MustCompile(`(?:consent order|order)\s+(?:between|with)\s+(?:the\s+)?$|\b(?:laws?|rules?|regulations?|guidelines?|requirements?|standards?)\s+of\s+(?:the\s+)?$|(?:case|suit|lawsuit|action|litigation)\s+(?:vs\.?|versus|against)\s+(?:the\s+)?$|\b(?:according to|per)\s+(?:the\s+)?(?:\w+\s+(?:and|&)\s+(?:the\s+)?)?$|(?:\bby|(?:fined?|fines|penalt\w+|orders?|actions?|settlements?|rules?|regulations?|guidance|reports?|data|study|warnings?)\s+from)\s+(?:the\s+)?(?:\w+\s+(?:and|&)\s+(?:the\s+)?)?$`)

var agentAfter = regexp.MustCompile(`^(?:\s*\(\s*cfpb\s*\)|\s*\))?\s+(?:(?:as well as|and|or|&)\s+(?:the\s+)?(?:\w+\s+){1,3}?)?(?:(?:has|had|is|are|was|already|highly|also|clearly|closely|well)\s+)*(?:fined|taken|took|ruled|rules?|regulations?|guidelines|website|web site|site|sued|ordered|found|action|investigat\w*|set|knows|aware|scrutiniz\w*|requires?|prohibits?|allows?|states|says|defines?|oversees|regulates?|supervises?|monitors?|consent order|orders?|bulletins?|publish\w*|told|tells|recommends?|advises?|suggests?|templates?|guides?|guidance|polic(?:y|ies)|laws?|settlements?|establish\w*|announc\w*|issued|created|adopted|implemented|enacted|finali[sz]ed|promulgated|enforce[sd]?|enforcing)\b`)

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
	return detectFlags(text, tokenize(text, nil))
}

// detectFlags is DetectFlags given the text's tokens, whose starts are the
// word starts where keywords are looked for.
func detectFlags(text string, toks []token) Flags {
	return detectFlagsLower(text, asciiLowerKeepOffsets(text), toks, nil)
}

// detectFlagsLower is detectFlags given the text lower-cased by
// asciiLowerKeepOffsets, and for an ASCII text the facts of its tokens
// (nil: keywords looked for in the text).
func detectFlagsLower(text, lower string, toks []token, facts []*wordFacts) Flags {
	if plain, at := plainApostrophesAt(text); at != nil {
		// the patterns spell the apostrophe "'"; the evidence quotes the
		// text as written
		return detectFlagsPlain(text, plain, asciiLowerKeepOffsets(plain), tokenize(plain, nil), nil, at)
	}
	return detectFlagsPlain(text, text, lower, toks, facts, nil)
}

// detectFlagsPlain is detectFlagsLower given the text's copy with plain
// apostrophes (plainApostrophesAt: plain, and at, the offsets of the
// apostrophes it wrote), lower-cased, with its tokens and, for an ASCII
// copy, their facts. The evidence is quoted from text.
func detectFlagsPlain(text, plain, lower string, toks []token, facts []*wordFacts, at []int) Flags {
	var hitBuf [64]keywordHit
	var hits []keywordHit
	if facts != nil {
		hits = findKeywordsFacts(lower, toks, facts, hitBuf[:0])
	} else {
		hits = findKeywords(lower, toks, hitBuf[:0])
	}
	// a keyword of several patterns is hit once per pattern, in a row:
	// its window is found once
	for k := range hits {
		h := &hits[k]
		if k > 0 && h.start == hits[k-1].start && h.end == hits[k-1].end {
			h.ws, h.we = hits[k-1].ws, hits[k-1].we
			continue
		}
		h.ws, h.we = matchWindow(lower, h.start, h.end)
	}
	// grouped by rule and pattern, in token order within each, every rule
	// reads only its own hits
	sortHits(hits)
	var f Flags
	rest := hits
	for ri := range flagRules {
		r := &flagRules[ri]
		n := 0
		for n < len(rest) && rest[n].rule == ri {
			n++
		}
		a, b := matchRule(plain, lower, ri, rest[:n])
		rest = rest[n:]
		if a == b {
			continue
		}
		ev := text[originalOffset(a, at):originalOffset(b, at)]
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

// sortHits sorts hits by rule and pattern, keeping their order within
// each. A narrative's hits are few: they are sorted by insertion, without
// the calls of a generic sort, unless there are many (a text could repeat
// a keyword thousands of times).
func sortHits(hits []keywordHit) {
	if len(hits) > 64 {
		slices.SortStableFunc(hits, compareHits)
		return
	}
	for i := 1; i < len(hits); i++ {
		h := hits[i]
		j := i
		for ; j > 0 && compareHits(h, hits[j-1]) < 0; j-- {
			hits[j] = hits[j-1]
		}
		hits[j] = h
	}
}

// compareHits orders hits by rule, then pattern.
func compareHits(a, b keywordHit) int { return cmp.Or(a.rule-b.rule, a.pattern-b.pattern) }

// keywordHit is an occurrence of a pattern's keyword in the text.
type keywordHit struct {
	rule, pattern int
	start, end    int
	ws, we        int // matchWindow of the keyword
}

// keywordEntry is one keyword of one pattern, with the pattern's keywords
// of the same length and first two bytes (itself included): a hit of any of
// them counts as a hit of the entry, so that a pattern with two such
// keywords ("cfpb", "cfbp") has a hit per entry.
type keywordEntry struct {
	rule, pattern int
	kws           []string
}

// keywordIndex maps the first two bytes of every pattern keyword (as
// b0<<8 | b1) to the keywords that start with them, so that one pass over
// the word starts of a text finds every keyword of every pattern.
var keywordIndex = func() *[1 << 16][]keywordEntry {
	var idx [1 << 16][]keywordEntry
	for ri, r := range flagRules {
		for pi, p := range r.patterns {
			for _, kw := range p.keywords {
				if len(kw) < 2 {
					panic("classify: flag keyword shorter than two bytes: " + kw)
				}
				k := int(kw[0])<<8 | int(kw[1])
				e := keywordEntry{rule: ri, pattern: pi}
				for _, kk := range p.keywords {
					if len(kk) == len(kw) && kk[:2] == kw[:2] {
						e.kws = append(e.kws, kk)
					}
				}
				idx[k] = append(idx[k], e)
			}
		}
	}
	return &idx
}()

// keywordPairs has bit b0<<8|b1 set when some keyword starts with those two
// bytes: an 8 KB bitmap that stays in cache, consulted before the 1.5 MB
// keywordIndex.
var keywordPairs = func() *[1 << 10]uint64 {
	var bits [1 << 10]uint64
	for k, hits := range keywordIndex {
		if len(hits) > 0 {
			bits[k>>6] |= 1 << (k & 63)
		}
	}
	return &bits
}()

// findKeywords appends every keyword occurrence that starts a word (a
// token) of lower, in token order and, at one token, in the order of the
// rules, patterns and keywords.
func findKeywords(lower string, toks []token, hits []keywordHit) []keywordHit {
	for _, tk := range toks {
		i := tk.start
		if i+1 >= len(lower) {
			continue
		}
		k := int(lower[i])<<8 | int(lower[i+1])
		if keywordPairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, c := range keywordIndex[k] {
			for _, kw := range c.kws {
				if strings.HasPrefix(lower[i:], kw) {
					hits = append(hits, keywordHit{rule: c.rule, pattern: c.pattern, start: i, end: i + len(kw)})
					break
				}
			}
		}
	}
	return hits
}

// patternFilters holds the literal filter of every flag pattern, by rule
// and pattern: a window that fails it is not given to the expression.
var patternFilters = func() [][]literalFilter {
	f := make([][]literalFilter, len(flagRules))
	for ri, r := range flagRules {
		for _, p := range r.patterns {
			f[ri] = append(f[ri], newLiteralFilter(p.re))
		}
	}
	return f
}()

// patternStarts holds the match starts of every flag pattern, by rule and
// pattern (nil where they are not known).
var patternStarts = func() [][]*matchStarts {
	ms := make([][]*matchStarts, len(flagRules))
	for ri, r := range flagRules {
		for _, p := range r.patterns {
			ms[ri] = append(ms[ri], newMatchStarts(p.re))
		}
	}
	return ms
}()

// findKeywordsFacts is findKeywords for an ASCII text, given the facts of
// its tokens: a word's keywords are known from the word, and only those
// longer than it are looked for in the text.
func findKeywordsFacts(lower string, toks []token, facts []*wordFacts, hits []keywordHit) []keywordHit {
	for ti, tk := range toks {
		i := tk.start
		if i+1 >= len(lower) {
			continue
		}
		if len(tk.lower) < 2 { // the keywords depend on the byte after the word
			hits = findKeywords(lower, toks[ti:ti+1], hits)
			continue
		}
		for _, c := range facts[ti].keywords {
			if c.static {
				hits = append(hits, keywordHit{rule: c.e.rule, pattern: c.e.pattern, start: i, end: i + len(c.e.kws[0])})
				continue
			}
			for _, kw := range c.e.kws {
				// the keyword's last byte first: most words that begin a
				// longer keyword ("the" of "the state of") are not followed
				// by the rest of it
				if e := i + len(kw); e <= len(lower) && lower[e-1] == kw[len(kw)-1] && lower[i:e] == kw {
					hits = append(hits, keywordHit{rule: c.e.rule, pattern: c.e.pattern, start: i, end: e})
					break
				}
			}
		}
	}
	return hits
}

// matchRule returns the bounds in text of the first phrase (in pattern
// order) matching one of rule ri's patterns in the window around one of
// the pattern's keyword hits, trimmed by trimEvidenceBounds, or 0, 0. hits are
// the rule's, with their windows set, in pattern order and token order
// within a pattern.
func matchRule(text, lower string, ri int, hits []keywordHit) (start, end int) {
	r := &flagRules[ri]
	lastPattern, lastWin := -1, -1
	for _, h := range hits {
		pi := h.pattern
		p := &r.patterns[pi]
		filter, starts := patternFilters[ri][pi], patternStarts[ri][pi]
		if pi != lastPattern {
			lastPattern, lastWin = pi, -1
		}
		s, e := h.ws, h.we
		if s == lastWin {
			continue
		}
		lastWin = s
		if strings.HasPrefix(p.re.String(), firstPersonPrefix) && !hasFirstPerson(lower[s:h.start]) {
			continue // the pattern needs "I" or "we" before its keyword
		}
		// a window with no place a match can start fails before the
		// filter, which reads every byte from the first such place
		// (a match, and all it requires, lies after it)
		from := 0
		if starts != nil {
			if from = starts.next(lower[s:e], 0); from < 0 {
				continue
			}
		}
		if !filter.mayMatch(lower[s+from : e]) {
			continue
		}
		found := false
		eachMatch(p.re, starts, lower[s:e], from, func(m []int) bool {
			core := m[0]
			if len(m) >= 4 && m[2] >= 0 {
				core = m[2]
			}
			// a negation does not reach across the phrase's own subject
			// ("... can not afford due to | I am currently homeless")
			// (ownSubject reads at most 6 bytes: it is given 16, not the
			// rest of the text, whose length its matcher would clear)
			negated := !ownSubject.MatchString(lower[s+core:min(len(lower), s+core+16)]) && negatedBefore(lower[s:s+core])
			// "they spoke with | my attorney": the consumer's lawyer, whoever acts
			own := strings.HasPrefix(lower[s+core:], "my ") || strings.HasPrefix(lower[s+core:], "our ")
			other := r.name != FlagUrgent && !own && otherSubject(lower[s:s+core])
			if negated || other || r.reject(text, lower, s, e, s+m[0], s+m[1]) {
				return true
			}
			start, end = trimEvidenceBounds(text, s+m[0], s+m[1])
			found = true
			return false
		})
		if found {
			return start, end
		}
	}
	return 0, 0
}

// plainApostrophes returns text with its apostrophes written "'": the
// typographic one phones type ("I\u2019m"), and the replacement character
// between two letters, which is what an export's Windows-1252 apostrophe
// becomes when read as UTF-8 ("don\ufffdt"). Text with neither is returned
// as it is.
func plainApostrophes(text string) string {
	t, _ := plainApostrophesAt(text)
	return t
}

// plainApostrophesAt is plainApostrophes, also returning the offsets in
// the result of the apostrophes it wrote, each in place of three bytes.
func plainApostrophesAt(text string) (string, []int) {
	if !strings.Contains(text, "\u2019") && !strings.Contains(text, "\ufffd") {
		return text, nil
	}
	const curly, rc = "\u2019", "\ufffd" // both three bytes
	var b strings.Builder
	var at []int
	for i := 0; i < len(text); {
		c := text[i:min(len(text), i+3)]
		if c == curly || c == rc && i > 0 && isASCIILetter(text[i-1]) && i+3 < len(text) && isASCIILetter(text[i+3]) {
			at = append(at, b.Len())
			b.WriteByte('\'')
			i += 3
			continue
		}
		b.WriteByte(text[i])
		i++
	}
	if at == nil {
		return text, nil
	}
	return b.String(), at
}

// originalOffset maps an offset of plainApostrophesAt's result back to the
// text it was made from, given the apostrophes' offsets.
func originalOffset(p int, at []int) int {
	n := sort.SearchInts(at, p) // apostrophes before p
	return p + 2*n
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// trimEvidenceBounds cuts white space, and the punctuation a pattern that
// matches a verdict with the punctuation around it takes in ("Never
// again."), from the ends of the matched phrase text[a:b], returning its
// new bounds; a leading "#" stays ("#neveragain"), a trailing one (the next
// hashtag's) goes.
func trimEvidenceBounds(text string, a, b int) (int, int) {
	edge := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?()-", r) }
	ev := strings.TrimLeftFunc(text[a:b], edge)
	a = b - len(ev)
	ev = strings.TrimRightFunc(ev, func(r rune) bool { return edge(r) || r == '#' })
	return a, a + len(ev)
}

// ownSubject finds a phrase that starts with its own first-person subject.
var ownSubject = regexp.MustCompile(`^(?:i|we)(?:\s|'m\b|'re\b)`)

// cancellationOf finds what a cancellation is of, when that is not the
// consumer's relationship with the company.
var cancellationOf = regexp.MustCompile(`^\s+of\s+(?:the\s+|my\s+|our\s+|these\s+|this\s+|that\s+)?(?:\w+\s+)?(?:disputes?|orders?|payments?|charges?|transactions?|checks?|requests?|fees?|appointments?|flights?|reservations?|transfers?|debits?)\b`)

// overYou finds a competitor preferred less than the company addressed.
var overYou = regexp.MustCompile(`^\s+(?:[@\w]+\s+){1,3}?over\s+(?:you|u|them)\b`)

// overInside finds the same within a match.
var overInside = regexp.MustCompile(`\bover\s+(?:you|u|them)\b`)

// handleIn returns the first @handle of s, or "".
func handleIn(s string) string {
	i := strings.IndexByte(s, '@')
	if i < 0 {
		return ""
	}
	j := i + 1
	for j < len(s) && (isWordByte(s[j]) || s[j] == '_') { // Twitter's [A-Za-z0-9_]
		j++
	}
	return s[i:j]
}

// toHandle finds a churn phrase that is a move to a handle.
var toHandle = regexp.MustCompile(`^(?:switch|mov|go|went)[a-z]*\s+(?:over\s+)?to\s+@`)

// hasAddressee reports whether a tweet starts with an @mention.
func hasAddressee(lower string) bool { return strings.HasPrefix(strings.TrimLeft(lower, " ."), "@") }

// addressedTo reports whether a tweet starts with handle among its
// leading @mentions (".@X @Y thanks" is addressed to both).
func addressedTo(lower, handle string) bool {
	return handle != "" && anyAddressee(lower, func(h string) bool { return h == handle })
}

// anyAddressee reports whether one of a tweet's leading @mentions
// satisfies f.
func anyAddressee(lower string, f func(handle string) bool) bool {
	s := strings.TrimLeft(lower, " .")
	for strings.HasPrefix(s, "@") {
		h := handleIn(s)
		if f(h) {
			return true
		}
		s = strings.TrimLeft(s[len(h):], " ")
	}
	return false
}

// capitalAt reports whether text[i] is an ASCII capital: a word written
// as a name.
func capitalAt(text string, i int) bool { return text[i] >= 'A' && text[i] <= 'Z' }

// toName finds a churn phrase that is a switch, or business taken, to a
// company by name (submatch 1).
var toName = regexp.MustCompile(`\b(?:switch(?:ing)?\s+(?:over\s+)?|business\s+)to\s+([a-z][\w&-]*)$`)

// leavingBefore and leavingAfter find, in the sentence before and after a
// switch to a name, the company left: "returning this piece of junk and |
// switching to Google Home", "returning the router", "thanks to you we
// had to | switch to American", "switching to Verizon | instead", "| from
// you", "| unless you fix this". Without them a switch is to a plan, a
// setting or a product ("switching to Autopay", "to Dark mode", "to Prime
// Video").
var (
	leavingBefore = regexp.MustCompile(`\b(?:return(?:ing)?|send(?:ing)? back|cancel(?:l?ing)?|drop(?:ping)?|leav(?:e|ing)|ditch(?:ing)?|dump(?:ing)?|quit(?:ting)?|clos(?:e|ing)|thanks to|because of|done with|fed up with|sick of|tired of)\s+(?:this|that|these|you|u|your|them|their|it|my|our)\b|\b(?:return(?:ing)?|send(?:ing)? back|cancel(?:l?ing)?)\s+the\b`)
	leavingAfter  = regexp.MustCompile(`^[^.;!?]{0,40}?\b(?:instead\b(?:\s+of\s+(?:you|u|your|them|their|this|these|that)\b|\s*$|\s*[^\sa-z]|\s+(?:now|then|next|after|because|as|since|and|but|if|unless|when|so)\b)|(?:from|unless)\s+(?:you|u|your|them|they|their|this|these|that)\b)`)
)

// notCompanyName are words written with a capital that name a connection
// or a language switched to, not a company ("switching to Wi-Fi calling").
var notCompanyName = map[string]bool{"wi-fi": true, "wifi": true, "bluetooth": true, "lte": true, "english": true, "spanish": true}

// neverOtherThing finds a thing never used or gone back to that is not the
// company's: an old, previous or ordinary one ("never go back to a regular
// speaker").
var neverOtherThing = regexp.MustCompile(`\bnever\b[^.;!?]{0,30}?\b(?:use|using|buy|buying|go back|going back|come back|coming back|return|returning|shop|shopping|book|booking|choose|fly|flying)\s+(?:to\s+|at\s+|with\s+)?(?:a|an|my|our|the|any|that|those)\s+(?:old|previous|former|regular|ordinary|normal|traditional|conventional|other)\b`)

// quotedThought ends a past thought quoted up to a churn phrase ("I
// thought "this is a cute novelty, but | I'll probably never use it"").
var quotedThought = regexp.MustCompile(`\b(?:thought|figured|assumed|said to (?:myself|ourselves)|told (?:myself|ourselves))\s*[,:]?\s*(?:"|\x{201c}|')[^"\x{201d}]*$`)

// foreclosureStart finds a phrase that starts a foreclosure by its verb;
// modalBefore finds a modal, future or conditional just before it.
var (
	foreclosureStart = regexp.MustCompile(`^(?:instigat|commenc|initiat|start|begun|begin|proceed)`)
	modalBefore      = regexp.MustCompile(`\b(?:may|might|could|can|would|will|shall|'ll|'d|going to|gonna|able to|threaten\w*|threat(?:s)? to|if (?:they|it|you|we|i))\s+(?:\w+\s+)?$`)
)

// pastBefore finds a past verb just before "no" or "without".
var pastBefore = regexp.MustCompile(`\b(?:had|was|were|went)\s+$`)

// presentPerfect ends "have had" or "has had" before "no": a loss that
// goes on ("we have had no water for three days").
var presentPerfect = regexp.MustCompile(`\b(?:have|has|'ve|'s)\s+(?:now\s+)?had\s+$`)

// utilityThing reports whether a phrase's utility word (utilityWord) is
// followed by amenityAfter: a thing named, not the supply.
func utilityThing(lower string, ms, me int) bool {
	for _, loc := range utilityWord.FindAllStringIndex(lower[ms:me], -1) {
		if i := ms + loc[1]; amenityAfter.MatchString(lower[i:min(len(lower), i+12)]) {
			return true
		}
	}
	return false
}

// utilityWord finds the supplies the urgency phrases name.
var utilityWord = regexp.MustCompile(`\b(?:power|electric\w*|water|gas|heat|heating|food|utilit\w*)\b`)

// amenityAfter follows "power", "food" or "water" that names an amenity
// or a device's part, not a service lost ("no power outlets", "no food
// options", "no water bottles", "no power cord", "no power button", "the
// power source").
var amenityAfter = regexp.MustCompile(`^\s*(?:outlets?|ports?|sockets?|plugs?|points?|options?|bottles?|fountains?|cords?|cables?|leads?|buttons?|switch(?:es)?|banks?|adapters?|adaptors?|sources?|bricks?|strips?|packs?)\b`)

// likeBefore ends the words before a phrase that is a likeness ("like I'm
// homeless", "as if we were starving").
var likeBefore = regexp.MustCompile(`\b(?:like|as if|as though)\s+$`)

// namedCompany finds the word a churn phrase ends on, after "done with",
// "leave" or "switching from" (submatch 1); knownCompanyWord are the words
// the patterns name the company by, which need no capital.
var namedCompany = regexp.MustCompile(`(?:\bwith|\bleave|\bleaving|\bfrom)\s+([a-z][\w&-]+)\s*[.!]?$`)

// ruledOut is a churn phrase's clause going on to rule it out: "is not an
// option", "isn't an option", "is out of the question", "is not possible".
var ruledOut = regexp.MustCompile(`^[^.;:!?,]{0,30}?\b(?:is\s+not|isn[’']?t)\s+(?:an?\s+option|possible)\b|^[^.;:!?,]{0,30}?\bis\s+out\s+of\s+the\s+question\b`)

// boughtFrom finds the company a churn phrase buys from (submatch 1).
var boughtFrom = regexp.MustCompile(`\b(?:buy|buying|purchas\w*|order|ordering|shop|shopping)\s+(?:anything\s+(?:else\s+)?)?(?:from|at|with)\s+([a-z][\w&-]*)`)

var knownCompanyWord = map[string]bool{"you": true, "them": true, "guys": true, "u": true, "people": true,
	"bank": true, "company": true, "airline": true, "carrier": true, "provider": true, "supplier": true, "service": true,
	"store": true, "card": true, "account": true, "network": true, "isp": true, "union": true}

// oldAccount finds the consumer's old or previous account or provider.
var oldAccount = regexp.MustCompile(`\b(?:my|our|the)\s+(?:old|previous|former)\b`)

// companyObject finds what follows a churn phrase whose actor is the
// company ("can no longer do business | with me").
var companyObject = regexp.MustCompile(`^\s*(?:with\s+)?(?:me|us)\b`)

// utilityCompany finds a company after "utility".
var utilityCompany = regexp.MustCompile(`^\w*\s+(?:provider|providers|company|companies)\b`)

// urgentLabel finds a document after "urgent".
var urgentLabel = regexp.MustCompile(`^\s+(?:notice|letter|message|mail|envelope|flyer|offer|e-?mail|call|update)`)

// passiveBefore finds a passive auxiliary before a churn phrase that
// starts with a participle (participle).
var passiveBefore = regexp.MustCompile(`\b(?:was|were|been|being|is|are|got)\s+$`)

var participle = regexp.MustCompile(`^\w+ed\b`)

// suggestedTo finds the end of a reported suggestion before a churn phrase
// ("she told me that I could | take my business to another bank").
var suggestedTo = regexp.MustCompile(`\b(?:told|tell|tells|advised|advise|advises|suggested|suggests|said to|informed)\s+(?:me|us)\b[^.;!?]*\b(?:i|we)\s+(?:could|can|should|may|might)\s+(?:just\s+|always\s+|simply\s+)?(?:\w+\s+){0,1}$`)

// mayBeSuggestion is a cheap test before suggestedTo: s holds one of its
// reporting verbs.
func mayBeSuggestion(s string) bool {
	for _, v := range []string{"told", "tell", "advise", "suggest", "said to", "informed"} {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// otherLawyer finds what follows a lawyer who acts for someone else ("the
// attorney | on file", "an attorney | for the collector").
var otherLawyer = regexp.MustCompile(`^\s*(?:on file|of record|for (?:the|their|its|this|that)\b|represent(?:s|ing)\s+(?:the|them|their|its)\b)`)

// lawyerPerson follows a lawyer who is someone the consumer knows ("my
// lawyer | friend", "our attorney | neighbour").
var lawyerPerson = regexp.MustCompile(`^\s+(?:friends?|buddy|pal|neighbou?rs?|brother|sister|cousin|uncle|aunt|dad|father|mom|mum|mother|husband|wife|son|daughter|colleagues?|co-?workers?|boss|relatives?)\b`)

// lawyerActs finds, after such a person, a legal act of theirs in the
// sentence: the lawyer is then the consumer's ("my attorney brother | is
// filing a lawsuit against you").
var lawyerActs = regexp.MustCompile(`\b(?:sue|sues|suing|lawsuit|law suit|suit|legal action|court|litigation|litigate|represent\w*|cease and desist|demand letter)\b`)

// reportToDot finds the company or the matter reported to the Dot, which
// is a threat of the regulator however it is written ("report you to the
// Dot"); a thing sent to the Dot is an Echo ("sent the playlist to the
// Dot").
var reportToDot = regexp.MustCompile(`^report\w*\s+(?:you|u|them|this|it)\s+to\s+the\s+dot$`)

// toldTo finds someone else telling the consumer to get a lawyer ("they
// asked me to | get my lawyer"), which is not the consumer's threat.
var toldTo = regexp.MustCompile(`\b(?:asked|asks|told|tells|advised|advises|instructed|suggested|wanted|want|wants)\s+(?:me|us)\s+to\s+(?:\w+\s+)?$`)

// toldNeed finds the consumer told what they would need ("I was told ...
// that I needed to have | my attorney contact them").
var toldNeed = regexp.MustCompile(`\b(?:told|said|advised|informed|instructed)\b[^.;!?]*\b(?:i|we)\s+(?:would\s+)?(?:need|needed|needs|had|have|must|should)\s+to\s+(?:\w+\s+)?$`)

// firstPersonPrefix starts the patterns that need a first-person subject
// before their keyword.
const firstPersonPrefix = `\b(?:i|we`

// hasFirstPerson reports whether s holds the word "i" or "we" (alone or
// contracted), a cheap test before running such a pattern.
func hasFirstPerson(s string) bool {
	for i := 0; i < len(s); i++ {
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		switch {
		case s[i] == 'i' && (i+1 == len(s) || !isWordByte(s[i+1])):
			return true
		case s[i] == 'w' && i+1 < len(s) && s[i+1] == 'e' && (i+2 == len(s) || !isWordByte(s[i+2])):
			return true
		}
	}
	return false
}

// matchWindow returns the span a pattern is tried on for a keyword at
// lower[ks:ke]: its sentence, cut to at most 110 bytes before and 100 after
// the keyword, at word boundaries (every pattern fits in that reach).
func matchWindow(lower string, ks, ke int) (start, end int) {
	const before, after = 110, 100
	// a sentence bound further than the reach is cut anyway: the scan for
	// it stops one byte past the reach (a long sentence is not walked)
	start, end = sentenceWithin(lower, ks, ks-before-1, ke+after+1)
	if end < ke {
		end = ke
	}
	if ks-start > before {
		start = ks - before
		for start < ks && lower[start] != ' ' {
			start++
		}
	}
	if end-ke > after {
		end = ke + after
		for end > ke && lower[end-1] != ' ' {
			end--
		}
	}
	return start, end
}

// reject filters matches that the patterns alone cannot tell apart: closing
// an account because it was compromised, the CFPB acting on its own, and
// identity-theft reports to the FTC. text is the text lower was cut from.
func (r *flagRule) reject(text, lower string, s, e, ms, me int) bool {
	m := lower[ms:me]
	if r.name == FlagChurn {
		// a handle switched to, or stayed with, is a competitor only in a
		// tweet addressed to another company ("@AmericanAir ... switching to
		// @Delta"), not in one about the handle itself ("so I switched to
		// @X", "@X I have switched to @X")
		if toHandle.MatchString(m) || strings.HasSuffix(m, "from now on") {
			if h := handleIn(m); !hasAddressee(lower) || addressedTo(lower, h) {
				return true
			}
		}
		// a company left or done with, named by a word of its own, is
		// written as a name ("done with Amazon!", "leaving TMo"), not
		// "so I can leave tonight."
		if loc := namedCompany.FindStringSubmatchIndex(m); loc != nil && !knownCompanyWord[lower[ms+loc[2]:ms+loc[3]]] && !capitalAt(text, ms+loc[2]) {
			return true
		}
		// so is a company bought from ("won't buy from Acme again", not
		// "never buying from scalpers")
		if loc := boughtFrom.FindStringSubmatchIndex(m); loc != nil {
			if w := lower[ms+loc[2] : ms+loc[3]]; !knownCompanyWord[w] && !determiners[stem(w)] && !capitalAt(text, ms+loc[2]) {
				return true
			}
		}
		// so is a competitor switched to ("switching to Google Home", not
		// "switching to manual mode"), which is not the company a tweet is
		// addressed to ("@VerizonSupport I'm switching to Verizon"); a
		// switch is a competitor's only when said as leaving the company
		// ("returning this and switching to Google Home", not "switching to
		// Autopay")
		if loc := toName.FindStringSubmatchIndex(m); loc != nil {
			name := lower[ms+loc[2] : ms+loc[3]]
			if !capitalAt(text, ms+loc[2]) || notCompanyName[name] || anyAddressee(lower, func(h string) bool { return strings.Contains(h, name) }) {
				return true
			}
			if st, en := sentenceAround(lower, ms); strings.HasPrefix(m[loc[0]:], "switch") &&
				!leavingBefore.MatchString(lower[st:ms+loc[0]]) && !leavingAfter.MatchString(lower[me:en]) {
				return true
			}
		}
		// a switch ruled out is no intent ("Switching to another brand is
		// not an option for me")
		if ruledOut.MatchString(lower[me:]) {
			return true
		}
		// never using, or going back to, another thing is not leaving the
		// company ("I will never go back to a regular speaker", "I'll never
		// use my old radio again")
		if strings.Contains(m, "never") && neverOtherThing.MatchString(lower[ms:min(len(lower), me+40)]) {
			return true
		}
		// a thought quoted from the past is no intent ("I thought 'this is
		// a cute novelty, but I'll probably never use it'. Was I wrong!!")
		st, _ := sentenceAround(lower, ms)
		if quotedThought.MatchString(lower[max(st, ms-120):ms]) {
			return true
		}
		// someone telling the consumer what they could do ("told me that
		// if I did not like it I could take my business elsewhere")
		if mayBeSuggestion(lower[st:ms]) && suggestedTo.MatchString(lower[st:ms]) {
			return true
		}
		// a loan or debt transferred by the company ("was transferred to
		// another lender")
		if participle.MatchString(m) && passiveBefore.MatchString(lower[max(s, ms-12):ms]) {
			return true
		}
		// closing a compromised account is security, not churn
		closing := strings.Contains(m, "clos") || strings.Contains(m, "cancel") || strings.Contains(m, "shut") || strings.Contains(m, "terminat")
		if closing && mayAndMatch(compromised, compromisedFilter, lower[max(0, ms-150):min(len(lower), me+150)]) {
			return true
		}
		// a vow never to choose a competitor over the company addressed
		// is loyalty ("I will never choose @USAirways over you again")
		if strings.Contains(m, "choose") && (overYou.MatchString(lower[me:min(len(lower), me+40)]) || overInside.MatchString(m)) {
			return true
		}
		// the cancellation of something else ("requested cancellation of
		// the disputes")
		if strings.HasSuffix(m, "cancellation") && cancellationOf.MatchString(lower[me:min(len(lower), me+30)]) {
			return true
		}
		// leaving an old provider for this one is not churn from it
		// ("problems cancelling my old account and setting up my new one")
		// (going "back to my old provider" is the reverse)
		if (strings.Contains(m, "old ") || strings.Contains(m, "previous ") || strings.Contains(m, "former ")) && !strings.Contains(m, "back to") && oldAccount.MatchString(m) {
			return true
		}
		// the company ending the relationship is not the consumer's churn
		return strings.Contains(m, "business") && companyObject.MatchString(lower[me:min(len(lower), me+12)])
	}
	if r.name == FlagUrgent {
		// a "disconnected utility provider" is a company described, not a
		// service cut off
		if strings.Contains(m, "utilit") && utilityCompany.MatchString(lower[me:min(len(lower), me+12)]) {
			return true
		}
		// a foreclosure that may, would or will be started is a threat or
		// a description, not one under way ("may initiate foreclosure if
		// you miss too many payments", "going to start foreclosure if I
		// don't pay")
		if foreclosureStart.MatchString(m) && modalBefore.MatchString(lower[max(0, ms-24):ms]) {
			return true
		}
		// essentials lost in the past ("I had no power for 5 days", not
		// "we have had no water for three days")
		if (strings.HasPrefix(m, "no ") || strings.HasPrefix(m, "without ")) &&
			pastBefore.MatchString(lower[max(0, ms-8):ms]) && !presentPerfect.MatchString(lower[max(0, ms-16):ms]) {
			return true
		}
		// an amenity or a device's part missing or unplugged rather than a
		// service lost ("no power outlets" on a plane, "no food options",
		// "no power cord included", "if I disconnect to the power source")
		if utilityThing(lower, ms, me) {
			return true
		}
		// a likeness, not the consumer's state ("sleeping on the floor
		// like I'm homeless")
		if likeBefore.MatchString(lower[max(0, ms-10):ms]) {
			return true
		}
		// an "urgent notice" or letter is a sender's label, not the
		// consumer stating urgency
		return strings.HasPrefix(m, "urgent") && urgentLabel.MatchString(lower[me:min(len(lower), me+12)])
	}
	if r.name != FlagLegal {
		return false
	}
	// legal action aimed at the consumer is someone else's threat ("legal
	// action will be taken against me", "taking me to court")
	if againstConsumer.MatchString(lower[me:min(len(lower), me+20)]) || consumerTaken.MatchString(m) {
		return true
	}
	// letters or calls "threatening legal action" are the collector's
	if i := strings.Index(m, "threaten"); i >= 0 && threatBearer.MatchString(lower[max(s, ms+i-60):ms+i]) {
		return true
	}
	// legal action avoided or faced is not threatened ("I want to avoid
	// legal action", "I will be facing a lawsuit"); being sued is the
	// company's act ("I was sued")
	if avoidedOrFaced.MatchString(m) || (strings.Contains(m, "su") && passiveSue.MatchString(m)) {
		return true
	}
	// "the Dot" is the Department of Transportation as the acronym
	// ("reporting this to the DOT") or in a complaint ("file a complaint
	// with the dot"), not an Echo Dot ("worked fine with the Dot")
	if strings.HasSuffix(m, "dot") && text[me-3:me] != "DOT" && !strings.Contains(m, "complain") && !strings.HasPrefix(m, "fil") && !strings.HasPrefix(m, "lodg") && !reportToDot.MatchString(m) {
		return true
	}
	if strings.Contains(m, "attorney") || strings.Contains(m, "lawyer") || strings.Contains(m, "counsel") || strings.Contains(m, "law firm") || legalHelp(m) {
		st, _ := sentenceAround(lower, ms)
		before := lower[max(s, ms-40):ms]
		// "my lawyer friend" is a person named, not the consumer's lawyer,
		// unless the person acts as one ("my attorney brother is filing a
		// lawsuit")
		knownPerson := false
		if strings.HasPrefix(m, "my ") || strings.HasPrefix(m, "our ") {
			if loc := lawyerPerson.FindStringIndex(lower[me:min(len(lower), me+16)]); loc != nil {
				_, en := sentenceAround(lower, ms)
				knownPerson = !lawyerActs.MatchString(lower[me+loc[1] : max(me+loc[1], min(en, me+loc[1]+60))])
			}
		}
		if knownPerson || otherLawyer.MatchString(lower[me:min(len(lower), me+30)]) || toldTo.MatchString(before) || toldNeed.MatchString(lower[st:ms]) ||
			reportedNeed.MatchString(lower[max(st, ms-80):ms]) || lawyerFees.MatchString(lower[me:min(len(lower), me+16)]) ||
			othersLawyer.MatchString(before) || cannotAfford.MatchString(before) ||
			(strings.HasPrefix(m, "referred") && passiveBefore.MatchString(before) && !selfReferred.MatchString(before)) {
			return true
		}
	}
	if strings.Contains(m, "ftc") || strings.Contains(m, "federal trade") || strings.Contains(m, "fbi") {
		return mayAndMatch(identityTheft, identityTheftFilter, lower)
	}
	if strings.Contains(m, "cfpb") || strings.Contains(m, "consumer financial") {
		return cfpbAsAgent(lower[max(s, ms-60):min(e, me+70)])
	}
	return false
}

// legalHelp reports whether a match names legal help ("legal
// representation", "legal advice"), which the lawyer checks apply to.
func legalHelp(m string) bool {
	for _, w := range [...]string{"legal repr", "legal assis", "legal advi", "legal help", "legal aid", "legal serv"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

// avoidedOrFaced finds legal action the consumer avoids or faces.
var avoidedOrFaced = regexp.MustCompile(`\b(?:fac(?:e|es|ed|ing)|avoid\w*|prevent\w*|spar(?:e|ed|ing)|escap\w+)\b`)

// passiveSue finds the consumer being sued ("I was sue(d)").
var passiveSue = regexp.MustCompile(`\b(?:was|were|been|being|get|got|getting)\s+su(?:e|ed|ing)\b`)

// reportedNeed finds someone else saying the consumer needs a lawyer
// ("they yelled that I | need to get a lawyer", "demanding I | have a
// lawyer contact them").
var reportedNeed = regexp.MustCompile(`(?:\b(?:they|he|she|it|you)\s+(?:\w+\s+)?(?:said|says|yelled|stated|told\s+(?:me|us)|advised|informed|demand\w*|requir\w*|insist\w*)|\b(?:told|advised|informed)\s+(?:me|us)|\b(?:demanding|requiring|insisting))\s+(?:that\s+)?(?:(?:i|we)\s+(?:would\s+|will\s+|must\s+|should\s+)?)?$`)

// lawyerFees finds fees after a lawyer's name ("attorney 's fees"):
// the company's costs, not the consumer's lawyer.
var lawyerFees = regexp.MustCompile(`^\s*(?:'\s*)?(?:'?\s*s\s+)?(?:fees|costs)\b`)

// selfReferred finds the consumer as the one referred ("I was | referred
// to legal aid"), where the account referred is the company's act ("the
// account has been | referred to an attorney").
var selfReferred = regexp.MustCompile(`\b(?:i|we)\s+(?:\w+\s+)?(?:was|were|been|got)\s+$`)

// othersLawyer finds someone else's possessive before a lawyer ("your
// legal counsel").
var othersLawyer = regexp.MustCompile(`\b(?:your|their|its|his|her)\s+$`)

// cannotAfford finds a lawyer the consumer cannot pay for ("no funds
// available to pay for | legal representation").
var cannotAfford = regexp.MustCompile(`\bafford\b(?:\s+\w+){0,3}\s+$|\bpay(?:ing)?\s+for\s+(?:\w+\s+){0,2}$`)

// againstConsumer finds what follows legal action aimed at the consumer.
var againstConsumer = regexp.MustCompile(`^\s*(?:against|towards?)\s+(?:me|us|myself)\b`)

// threatBearer finds a message as the subject of "threatening" ("letters
// threatening legal action", "notices in the mail from the bank
// threatening legal action").
var threatBearer = regexp.MustCompile(`\b(?:letters?|calls?|messages?|voicemails?|notices?|e-?mails?|texts?)\b[^.;!?]{0,40}\s$`)

// consumerTaken finds the consumer taken to court by someone else.
var consumerTaken = regexp.MustCompile(`\b(?:take|taking|took|taken|bring|bringing|brought|drag|dragging|dragged)\s+(?:me|us)\s+(?:to|into|in)\b`)

// personWord finds the personal pronouns of a clause.
var personWord = regexp.MustCompile(`\b(?:i|we|me|us|they|he|she)\b`)

// otherSubject reports whether the phrase's verb has a third person as its
// subject: the clause before it ends in "they", "he" or "she" (not one the
// consumer asked to act) and at most three more words ("they failed to | file a claim with HUD", "they
// immediately flat- | cancelled the policy" are the company's acts). The
// consumer as object ("they asked me to | follow up with the CFPB") or a
// later subject leaves the phrase the consumer's.
func otherSubject(before string) bool {
	if i := strings.LastIndexAny(before, ",;:"); i >= 0 {
		before = before[i+1:]
	}
	if len(before) > 60 {
		before = before[len(before)-60:]
	}
	locs := personWord.FindAllStringIndex(before, -1)
	if len(locs) == 0 {
		return false
	}
	last := locs[len(locs)-1]
	switch before[last[0]:last[1]] {
	case "they", "he", "she":
		// "I requested they | close my account" is still the consumer's act
		return len(strings.Fields(before[last[1]:])) <= 3 && !askedThat.MatchString(before[:last[0]])
	}
	return false
}

// askedThat finds a request verb just before a third-person subject.
var askedThat = regexp.MustCompile(`\b(?:request|requested|requesting|ask|asked|asking|demand|demanded|demanding|insist|insisted|want|wanted)\s+(?:that\s+)?$`)

// cfpbAsAgent reports whether a name of the CFPB in w is the CFPB acting
// on its own (agentBefore before it or agentAfter after it): anchored at
// each name, the expressions stay small and fast.
func cfpbAsAgent(w string) bool {
	for _, name := range [...]string{"cfpb", "consumer financial protection bureau"} {
		for off := 0; ; {
			i := strings.Index(w[off:], name)
			if i < 0 {
				break
			}
			i += off
			before := w[max(0, i-40):i]
			if !requestedBy.MatchString(w[max(0, i-60):i]) && (agentBefore.MatchString(before) || agentAfter.MatchString(w[i+len(name):]) && !askedOf.MatchString(before)) {
				return true
			}
			off = i + len(name)
		}
	}
	return false
}

// askedOf finds the consumer asking the CFPB to act ("I request the
// CFPB | investigate"): its acts after the name are then the consumer's
// request.
var askedOf = regexp.MustCompile(`\b(?:request|requests|requested|requesting|ask|asking|urge|urging|want|need|would like|please|implore|beg)\s+(?:that\s+)?(?:the\s+)?$`)

// requestedBy finds the consumer asking for the CFPB's act in the passive
// ("this practice should be thoroughly researched by | the CFPB").
var requestedBy = regexp.MustCompile(`\b(?:should|must|needs? to|ought to)\s+be\s+(?:\w+\s+)?\w+ed\s+by\s+(?:the\s+)?$`)

// sentenceAround returns the bounds of the sentence holding byte k.
func sentenceAround(s string, k int) (start, end int) {
	return sentenceWithin(s, k, 0, len(s))
}

// sentenceWithin is sentenceAround with the scan for the bounds stopped at
// lo and hi: a bound beyond them is returned as lo or hi.
func sentenceWithin(s string, k, lo, hi int) (start, end int) {
	lo, hi = max(lo, 0), min(hi, len(s))
	start = k
	// (sentenceBytes, one look-up, passes the bytes that end no sentence)
	for start > lo {
		c := s[start-1]
		if sentenceBytes[c] && (c == '\n' || start < len(s) && (s[start] == ' ' || s[start] == '\n')) {
			break
		}
		start--
	}
	end = k
	for end < hi {
		c := s[end]
		end++
		if sentenceBytes[c] && (c == '\n' || end == len(s) || s[end] == ' ' || s[end] == '\n') {
			break
		}
	}
	return start, end
}

// negationRe finds a negation at the end of the clause before a match
// ("n't" also inside a word: "can't", "don't").
var negationRe = regexp.MustCompile(`(?:\b(?:not|never|no|without|nor|cannot)|n't)\s+((?:\w+\s+){0,5})$`)

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
	return m != nil && !subjectRe.MatchString(m[1]) && !notNegation.MatchString(m[1])
}

// notNegation finds words after a negation that turn it into its opposite
// ("no other option but to", "will not hesitate to", "don't mind if"), or
// that start a clause of their own ("I don't need it and | will never use
// it").
var notNegation = regexp.MustCompile(`^(?:hesitate|mind)\b|\b(?:but|except|besides|than)\b|\band\s+(?:will|would|shall|am|have|had|has|can|could|did|do)\b`)

// asciiLowerKeepOffsets lower-cases ASCII letters and leaves every other
// byte alone, so offsets into the result are offsets into s.
func asciiLowerKeepOffsets(s string) string {
	lower, _ := asciiLowerInto(s, nil)
	return lower
}

// asciiLowerInto is asciiLowerKeepOffsets writing into buf (returned, grown
// as needed) instead of new memory: the result is s itself when s has no
// capital, else a view of buf, valid until buf is written again. A
// classifier worker lower-cases every text into one buffer: a fresh copy
// of each was a third of the bytes classify allocated.
func asciiLowerInto(s string, buf []byte) (string, []byte) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			buf = append(buf[:0], s...)
			for j := i; j < len(buf); j++ {
				if c := buf[j]; c >= 'A' && c <= 'Z' {
					buf[j] = c + 'a' - 'A'
				}
			}
			return unsafe.String(unsafe.SliceData(buf), len(buf)), buf
		}
	}
	return s, buf
}
