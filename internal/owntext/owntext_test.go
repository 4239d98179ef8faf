package owntext

import (
	"strings"
	"testing"
)

// TestOf: what Of keeps of a ticket's or e-mail's text.
func TestOf(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"plain", "My card was charged twice.", "My card was charged twice."},
		{"gmail reply", "Still no refund.\n\nOn Mon, Mar 4, 2024 at 10:00 AM Support <support@example.com> wrote:\n> We are sorry.\n> You may refer your complaint to the Ombudsman.",
			"Still no refund."},
		{"wrapped reply header", "Still no refund.\nOn Mon, 4 Mar 2024 at 10:00, Acme Support <\nsupport@example.com> wrote:\nWe are sorry.",
			"Still no refund."},
		{"outlook", "The engineer never came.\n\n-----Original Message-----\nFrom: Acme\nSent: 04 March 2024 10:00\nTo: me\nSubject: Your visit\n\nWe will attend on Monday.",
			"The engineer never came."},
		{"outlook header", "The engineer never came.\n\nFrom: Acme Support\nSent: Monday, March 4, 2024 10:00 AM\nTo: Jane\nSubject: RE: visit\n\nWe will attend.",
			"The engineer never came."},
		{"quoted lines", "> Your order has shipped.\nIt has not. Where is it?", "It has not. Where is it?"},
		{"signature", "Please cancel my contract.\n-- \nJane Smith\nHead of Accounts", "Please cancel my contract."},
		{"section rule", "What happened:\n--\nOn 3 March I was charged a fee of $35 that I never agreed to, and the bank will not refund it.\nThey say the contract allows it.",
			"What happened:\n--\nOn 3 March I was charged a fee of $35 that I never agreed to, and the bank will not refund it.\nThey say the contract allows it."},
		{"phone", "The app crashes at login.\n\nSent from my iPhone", "The app crashes at login."},
		{"disclaimer", "My parcel is two weeks late.\n\nThanks,\nJane\n\nCONFIDENTIALITY NOTICE: This e-mail is confidential and may be legally privileged. If you are not the intended recipient, delete it.",
			"My parcel is two weeks late."},
		// closings: a valediction and a few short lines after it
		{"closing", "Hi, my parcel has not arrived after two weeks. Please help.\n\nThanks,\nJane", "Hi, my parcel has not arrived after two weeks. Please help."},
		{"closing with name", "Where is my refund?\nThanks, Jane Smith", "Where is my refund?"},
		{"closing and title", "The fee is wrong.\r\n\r\nKind regards\r\nJohn Doe\r\nAccounts Payable\r\n+44 20 7946 0000", "The fee is wrong."},
		{"not a closing", "Thanks\nfor nothing: the engineer never came and nobody called to say why", "Thanks\nfor nothing: the engineer never came and nobody called to say why"},
		{"closing alone", "Thank you", "Thank you"},
		{"copied to", "Fix my report.\nSincerely, XXXX Cc : DOJ XXXX CFPB", "Fix my report.\nSincerely, XXXX Cc : DOJ XXXX CFPB"},
		{"copied below", "Fix my report.\nThank you.\nSincerely, XXXX\nCc : DOJ, CFPB", "Fix my report.\nThank you.\nSincerely, XXXX\nCc : DOJ, CFPB"},
		// kept: a "From:" that starts no header, a forward (the complaint
		// forwarded is the complaint), a recipient named in the text, and
		// a message that is a quote alone
		{"from in text", "From: the start the fees were wrong.", "From: the start the fees were wrong."},
		{"forward", "---------- Forwarded message ---------\nFrom: Jane\nDate: Mon, Mar 4\nSubject: Refund\n\nI want my money back.",
			"---------- Forwarded message ---------\nFrom: Jane\nDate: Mon, Mar 4\nSubject: Refund\n\nI want my money back."},
		{"recipient", "The recipient of the transfer never got the money.", "The recipient of the transfer never got the money."},
		{"only a quote", "> We are sorry for the delay.", "> We are sorry for the delay."},
	} {
		if got := Of(tt.text); got != tt.want {
			t.Errorf("%s: Of = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzOf: Of never panics, returns a text no longer than the
// one given, every line of which is a line of it, leaves a text of one
// line as it is, and returns the whole text rather than nothing.
func FuzzOf(f *testing.F) {
	for _, s := range []string{"Still no refund.\n\nOn Mon, Mar 4, 2024 at 10:00 AM Support <a@b.co> wrote:\n> sorry",
		"x\n-----Original Message-----\nFrom: a\nSent: b\nTo: c\n", "a\n-- \nsig", "> only", "a\n\nThis is confidential. If you are not the intended recipient, delete it.",
		"---------- Forwarded message ---------\nFrom: a\nDate: b\nSubject: c\n\nbody", "On\nwrote:", "From:\nSent:\nTo:", "\n\n>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Of(s)
		if len(got) > len(s) {
			t.Fatalf("Of(%q) = %q, longer", s, got)
		}
		if !strings.Contains(s, "\n") && got != s {
			t.Fatalf("Of(%q) = %q, changed a text of one line", s, got)
		}
		if strings.TrimSpace(s) != "" && strings.TrimSpace(got) == "" {
			t.Fatalf("Of(%q) = %q, nothing left", s, got)
		}
		for _, line := range strings.Split(got, "\n") {
			if !strings.Contains(s, line) {
				t.Fatalf("Of(%q) = %q: line %q is not the text's", s, got, line)
			}
		}
	})
}
