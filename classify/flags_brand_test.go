package classify

import "testing"

// TestDetectFlagsBrandChurn: leaving a brand or a seller is churn, as
// leaving a bank or a carrier is: switching to another brand, never buying
// (from them) again, done with the brand. QA pass CF planted the first
// three sentences (its gen.py) in complaints about consumer products and
// none was flagged (0 of 327). Returning the one product bought is no
// churn (the pass's "I am returning it.", and the Alexa reviews' "I've
// already returned it", "will be returning it"), nor is buying another
// brand's part, nor denying a purchase ("I never purchased anything from
// this company", as CFPB narratives say of accounts opened in their name),
// nor a verdict on the product ("I would not buy it again").
func TestDetectFlagsBrandChurn(t *testing.T) {
	runFlagCases(t, []flagCase{
		{"switching to another brand", "Switching to another brand.", true, false, false, "Switching to another brand"},
		{"done with this brand", "I want a refund and I'm done with this brand.", true, false, false, "I want a refund and I'm done with this brand"},
		{"going with a different brand", "Going with a different brand next time.", true, false, false, "Going with a different brand"},
		{"switching brands", "We are switching brands after this.", true, false, false, "We are switching brands"},
		{"won't buy from you", "I won't buy from you again.", true, false, false, "won't buy from you again"},
		{"won't be buying from a name", "I won't be buying from Acme anymore.", true, false, false, "won't be buying from Acme anymore"},
		{"never buying another", "Never buying another Fitbit.", true, false, false, "Never buying another"},
		{"never ordering from the store", "Never ordering from this store.", true, false, false, "Never ordering from this store"},
		{"will not purchase again", "We will not purchase their products again.", true, false, false, "will not purchase their products again"},
		// flagged before
		{"never buying from them again", "Never buying from them again.", true, false, false, "Never buying from them again"},
		{"will never buy", "I will never buy another Fitbit.", true, false, false, "will never buy"},
		// guards
		{"returning it", "The strap broke. I am returning it.", false, false, false, ""},
		{"already returned it", "I've already returned it and bought the newer model.", false, false, false, ""},
		{"will be returning it", "Very disappointed, will be returning it.", false, false, false, ""},
		{"another brand's part", "I bought another brand's charger and it works.", false, false, false, ""},
		{"a different brand of batteries", "We tried a different brand of batteries in the remote.", false, false, false, ""},
		{"never purchased from the company", "I have never purchased anything from this company and I do not owe them.", false, false, false, ""},
		{"never buying from a lower-case word", "Never buying from scalpers, only the official store.", false, false, false, ""},
		{"not buying from a lower-case word", "I won't buy from scalpers anymore.", false, false, false, ""},
		// an Alexa review's (4 stars): a verdict on the device, not leaving
		// the seller
		{"would not buy it again", "Because of the ever present script it's not a nice device to look at, I would not buy it again, or recommend - go with the Echo.", false, false, false, ""},
		{"never buy a refurbished one", "Never buy a refurbished Echo dot.", false, false, false, ""},
		{"not switching brands", "I am not switching brands, I love it.", false, false, false, ""},
		// a switch ruled out is no intent (a regression hunt: the old binary
		// said false, 97009ad true)
		{"switching not an option", "Switching to another brand is not an option for me.", false, false, false, ""},
		{"switching isn't an option", "Switching brands isn't an option, we are stuck with this one.", false, false, false, ""},
		{"switching out of the question", "Going with a different brand is out of the question.", false, false, false, ""},
		{"switching not possible", "Switching to another brand is not possible with this mount.", false, false, false, ""},
	})
}

// TestDetectFlagsSmallClaimsNoSubject: a sentence that starts with the
// verb of going to small claims court is the consumer's threat, as one
// with "I" is: QA pass CF's "Filing a small claims case." was not flagged.
// Small claims named otherwise without a subject, and a verb not at the
// sentence's start, stay as they were.
func TestDetectFlagsSmallClaimsNoSubject(t *testing.T) {
	runFlagCases(t, []flagCase{
		{"filing a small claims case", "Filing a small claims case.", false, true, false, "Filing a small claims"},
		{"will file in small claims", "Still no refund. Will file in small claims court on Monday.", false, true, false, "Will file in small claims"},
		{"taking them to small claims", "Taking them to small claims!", false, true, false, "Taking them to small claims"},
		{"going to small claims", "Three calls, no answer - going to small claims next.", false, true, false, "going to small claims"},
		{"I am filing", "I am filing a small claims case.", false, true, false, "I am filing a small claims"},
		// guards
		{"not filing", "Not filing a small claims case, just want it fixed.", false, false, false, ""},
		{"they filed", "They filed a small claims case against me.", false, false, false, ""},
		{"small claims as a subject", "Small claims court is too slow for this.", false, false, false, ""},
		{"a question", "Is filing a small claims case worth it?", false, false, false, ""},
	})
}
