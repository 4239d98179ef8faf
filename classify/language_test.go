package classify

import (
	"strings"
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"I was charged twice for the same order and nobody answers the phone.", "en"},
		{"@united thx", "en"},
		{"Comcast data cap", "en"},
		{"It's good got quick connection", "en"}, // whatlanggo: French, without the contraction counted
		{"Communication isn't clear", "en"},
		{"Adquiri o veículo no mês de julho e o aplicativo começou a apresentar problemas durante a navegação.", "pt"},
		{"Ich habe zweimal bezahlt und niemand antwortet auf meine E-Mails, das ist eine Frechheit.", "de"},
		{"", "und"},
		// short English texts that whatlanggo's trigrams name another
		// language (the guess before words were asked for in brackets)
		{"Comcast Data Usage Limits", "en"},                 // fr
		{"Awful Service!", "en"},                            // ro
		{"Love my Echo!", "en"},                             // es
		{"@VirginAmerica Thank you!!", "en"},                // pt
		{"It’s awesome", "en"},                              // fr: the apostrophe is no letter
		{"Comcast Las Cruces New Mexico", "en"},             // a place's name
		{"Comcast (Chicago IL) Internet", "en"},             // IL is a state, not Italian
		{"@SouthwestAir loved it!", "en"},                   // fr
		{"Customer Service & Billing", "en"},                // sv
		{"Enormous fees from unknown cash advances.", "en"}, // fr
		// foreign text whose words tell (und or English before)
		{"Hola! Por favor revisa tus mensajes para poder ayudarte.", "es"},
		{"O carro ficou parado e nao me respondem, que vergonha", "pt"},
		{"Danke, aber mein Paket ist noch nicht da", "de"},
	}
	for _, tt := range tests {
		if got := detectLanguage(tt.in, tokenize(tt.in, nil)); got != tt.want {
			t.Errorf("detectLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLanguageSharedSets: reclameaqui-pt (510 Portuguese complaints, title
// and description) must come out Portuguese, and the English sets English.
func TestLanguageSharedSets(t *testing.T) {
	h, recs := readCSV(t, sharedData(t, "reclameaqui-pt/reclamacoes_bruto.csv"), ',')
	title, desc := column(t, h, "title"), column(t, h, "description")
	pt := 0
	for _, r := range recs {
		text := r[title] + "\n" + r[desc]
		if got := detectLanguage(text, tokenize(text, nil)); got == "pt" {
			pt++
		} else {
			t.Logf("reclameaqui-pt detected %q: %.80q", got, text)
		}
	}
	_, _, tweets := airlineTweets(t)
	en := 0
	for _, text := range tweets {
		if detectLanguage(text, tokenize(text, nil)) == "en" {
			en++
		}
	}
	// Comcast's complaint titles, short English (27 of 2,224 were named
	// French, Indonesian, Swedish, Spanish or Romanian by trigrams alone)
	hc, titles := readCSV(t, sharedData(t, "comcast-fcc-complaints/Comcast_telecom_complaints_data.csv"), ',')
	ct := column(t, hc, "Customer Complaint")
	enC := 0
	for _, r := range titles {
		if detectLanguage(r[ct], tokenize(r[ct], nil)) == "en" {
			enC++
		} else {
			t.Logf("Comcast title detected %q: %q", detectLanguage(r[ct], tokenize(r[ct], nil)), r[ct])
		}
	}
	_, narratives := cfpbNarratives(t)
	enN := 0
	for _, text := range narratives {
		if detectLanguage(text, tokenize(text, nil)) == "en" {
			enN++
		}
	}
	ptShare := float64(pt) / float64(len(recs))
	enShare := float64(en) / float64(len(tweets))
	enNShare := float64(enN) / float64(len(narratives))
	enCShare := float64(enC) / float64(len(titles))
	t.Logf("reclameaqui-pt: %d/%d Portuguese; airline tweets %d/%d English; Comcast titles %d/%d English; CFPB narratives %d/%d English",
		pt, len(recs), en, len(tweets), enC, len(titles), enN, len(narratives))
	// measured: pt 509 of 510, airline 10,235 of 10,236 (10,126 by
	// trigrams alone), Comcast 2,224 of 2,224 (2,197), CFPB 2,753 of 2,753
	if ptShare < 0.98 || enShare < 0.995 || enCShare < 0.995 || enNShare < 0.99 {
		t.Errorf("shares pt %.3f, en tweets %.3f, en Comcast titles %.3f, en narratives %.3f; want >= 0.98, 0.995, 0.995, 0.99", ptShare, enShare, enCShare, enNShare)
	}
}

// TestIsASCII puts one non-ASCII byte at every offset of strings of every
// length up to 20, on both sides of isASCII's eight-byte steps.
func TestIsASCII(t *testing.T) {
	for n := 0; n <= 20; n++ {
		s := strings.Repeat("a", n)
		if !isASCII(s) {
			t.Errorf("isASCII(%q) = false", s)
		}
		for i := 0; i < n; i++ {
			b := []byte(s)
			b[i] = 0x80
			if isASCII(string(b)) {
				t.Errorf("isASCII(%q) = true, byte %d is not ASCII", b, i)
			}
		}
	}
	if isASCII("caf\u00e9 ordered") || !isASCII("cafe ordered, 7 items!") {
		t.Error("isASCII wrong on a word with an accent, or without one")
	}
}
