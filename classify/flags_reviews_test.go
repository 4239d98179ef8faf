package classify

import "testing"

// TestDetectFlagsProductReviews: the flags on product reviews of Amazon
// Echo devices (QA pass BC on ../shared/data/amazon-alexa-reviews, and
// sentences written like them), where every flag raised on a 4-5 star
// review was false. The first cases are the reviews' own sentences (or a
// QA sentence), each flagged wrongly, or not flagged, before the rules
// below were narrowed: "the Dot" is an Echo, not the Department of
// Transportation; a device's power cord, button, bank or source is not a
// loss of power; never going back to another thing, or using an old one,
// is not leaving; a thought quoted from the past is not an intent; a
// lawyer friend is no threat; switching to a named competitor is churn.
// The guards after them must keep their flags.
func TestDetectFlagsProductReviews(t *testing.T) {
	runFlagCases(t, []flagCase{
		// from the reviews (5, 5, 4, 2 stars)
		{"the Dot is an Echo", "Easy to connect and the skills created for our Echo 2nd Gen worked fine with the Dot.", false, false, false, ""},
		{"a quoted past thought", `When the dot was given to me, I thought "this is a cute novelty,  but I'll probably never use it". Was I wrong!!`, false, false, false, ""},
		{"disconnected from the power source", "I only give 4 because the is no internal battery, if I disconnect to the power source, it will be off.", false, false, false, ""},
		{"no power cord", "receivded item back from repair 07/23/18 . parts missing no power cord included.please advise", false, false, false, ""},
		// QA sentences
		{"never go back to another thing", "Love it, I will never go back to a regular speaker", false, false, false, ""},
		{"never use an old thing", "I'll never use my old radio again, this is wonderful", false, false, false, ""},
		{"no power button", "There is no power button but that's fine", false, false, false, ""},
		{"no power bank", "The Echo needs no power bank, just plug it in", false, false, false, ""},
		{"a lawyer friend", "My lawyer friend recommended this and she was right", false, false, false, ""},
		{"sent to the Dot", "I sent the playlist to the Dot and it worked.", false, false, false, ""},
		{"switching to a competitor", "I will be returning this piece of junk and switching to Google Home", true, false, false, "I will be returning this piece of junk and switching to Google"},
		// guards
		{"complaint with the DOT", "File a complaint with the DOT about my cancelled flight", false, true, false, "File a complaint with the DOT"},
		{"reported to the DOT", "I am reporting this to the DOT.", false, true, false, "reporting this to the DOT"},
		{"complaint with the dot, lower-case", "I filed a complaint with the dot about the lost bags.", false, true, false, "filed a complaint with the dot"},
		{"Department of Transportation", "I filed a complaint with the Department of Transportation.", false, true, false, "filed a complaint with the Department of Transportation"},
		{"never go back to the company", "I will never go back to this company.", true, false, false, "will never go back"},
		{"never use them again", "I will never use them again.", true, false, false, "will never use"},
		{"never buy again", "I will never buy anything Amazon makes again!", true, false, false, "will never buy"},
		{"my lawyer", "I have forwarded this to my lawyer.", false, true, false, "my lawyer"},
		{"no power after a storm", "I have no power since the storm yesterday.", false, false, true, "no power"},
		{"power disconnected", "They disconnected my power this morning.", false, false, true, "disconnected my power"},
		{"switching rooms to an Echo", "I'm switching all my rooms to Echo, so happy", false, false, false, ""},
		{"switching to Wi-Fi", "I'm switching to Wi-Fi calling at home.", false, false, false, ""},
		{"switching to a mode", "I am switching to manual mode for now.", false, false, false, ""},
		{"not switching", "I am not switching to Google Home, this is fine.", false, false, false, ""},
	})
}

// TestDetectFlagsSwitchToName: a switch to something written with a
// capital is churn only with leaving the company in the same sentence
// (QA pass BD's probes of 4d9ca7d: each of the first cases was flagged as
// churn by 4d9ca7d's "switching to <Name>").
// The guards after them are switches said as leaving, which must keep
// their flag.
func TestDetectFlagsSwitchToName(t *testing.T) {
	var cases []flagCase
	for _, in := range []string{
		"I'm switching to French for the menus.",
		"I'm switching to Autopay so I don't miss a payment.",
		"I am switching to Paperless billing.",
		"I'm switching to Airplane mode on the flight.",
		"I am switching to Unlimited since I use so much data.",
		"We're switching to Premium to get the extra channels.",
		"I am switching to HD channels.",
		"I'm switching to Chrome because the site doesn't load in Safari.",
		"I'm switching to Android Auto in the car.",
		"I had to switch to Manual mode.",
		"I'm switching to Dark mode.",
		"I'm switching to Ethernet because wifi drops.",
		"I'm switching to DSL.",
		"I'm switching to Mobile data when wifi fails.",
		"I'm switching to Monday deliveries.",
		"We're switching to Plan B.",
		"I'm switching to Echo Show.",
		"I'm switching to Amazon Music Unlimited.",
		"I am switching to Prime Video for this show.",
		"I'm switching to Chrome instead of Safari.",
		"@Ask_Spectrum I'm switching to Spectrum Internet",
		// the company a tweet is addressed to, its handle holding "_"
		"@Ask_Spectrum I'm returning this box and switching to Spectrum Internet",
	} {
		cases = append(cases, flagCase{in, in, false, false, false, ""})
	}
	runFlagCases(t, append(cases, []flagCase{
		{"returning junk and switching", "I will be returning this piece of junk and switching to Google Home", true, false, false, "I will be returning this piece of junk and switching to Google"},
		{"returning and switching", "I'm returning the router and switching to Verizon.", true, false, false, "I'm returning the router and switching to Verizon"},
		{"switching instead", "I'm switching to Verizon instead.", true, false, false, "I'm switching to Verizon"},
		{"unless you fix it", "I'm switching to Verizon unless you fix this.", true, false, false, "I'm switching to Verizon"},
		{"switching from you", "We are switching over to AT&T from you next month.", true, false, false, "We are switching over to AT&T"},
		{"thanks to you", "@USAirways lol thanks to you we had to switch to American http://t.co/Sl6BDRXfN8", true, false, false, "we had to switch to American"},
		{"switching providers", "I'm switching providers after this.", true, false, false, "I'm switching providers"},
		{"switching carriers to a name", "We are switching carriers to T-Mobile.", true, false, false, "We are switching carriers"},
		{"business to a name", "I'm taking my business to Chase.", true, false, false, "taking my business to Chase"},
		{"to a competitor", "I'm switching to a competitor.", true, false, false, "I'm switching to a competitor"},
	}...))
}

// TestDetectFlagsLegalQABD: two real threats QA pass BD found dropped by
// 4d9ca7d's narrowing (its probes): a lawyer who
// is a relative but files the suit, and a report to the DOT written "Dot".
// The two after them were flagged before and must stay so; the guards
// after those stay unflagged.
func TestDetectFlagsLegalQABD(t *testing.T) {
	runFlagCases(t, []flagCase{
		{"attorney brother files", "My attorney brother is filing a lawsuit against you.", false, true, false, "My attorney"},
		{"report you to the Dot", "I'm going to report you to the Dot.", false, true, false, "report you to the Dot"},
		{"lawyer friend sues", "My lawyer friend is going to sue you over this.", false, true, false, "My lawyer"},
		{"reporting this to the Dot", "I will be reporting this to the Dot and the FAA.", false, true, false, "reporting this to the Dot and the FAA"},
		// guards
		{"lawyer friend recommends", "My lawyer friend recommended this and she was right", false, false, false, ""},
		{"sent to the Dot", "I sent the playlist to the Dot and it worked.", false, false, false, ""},
	})
}
