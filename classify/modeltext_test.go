package classify

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestModelTexts: train read whole texts in any language, classify gives
// a trained model the complainant's own words in English only (QA pass AG:
// Portuguese complaints trained to 0.739, then 509 of 510 classified
// other; tickets whose quoted replies named their queue's team trained to
// 1.000, then agreed 0.289 with their queues in classify). ModelTexts reads
// them as classify does: own words, PII masked, others left out with why.
func TestModelTexts(t *testing.T) {
	texts := []string{
		"My bag never arrived at the carousel.\n\nOn Mon, 1 Jan 2024 at 10:00, Baggage Team <baggage@air.example> wrote:\n> We are sorry about your baggage claim.\n",
		"Meu pedido não chegou e ninguém responde, quero o reembolso do valor pago.",
		"!!! ???",
		"Write to me at jane.doe@example.com about the refund please.",
	}
	out, why, err := ModelTexts(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if why[0] != "" || strings.Contains(out[0], "Baggage Team") || !strings.Contains(out[0], "My bag never arrived") {
		t.Errorf("text with a quoted reply: %q (%q), want the own words alone", out[0], why[0])
	}
	if why[1] != SkipNotEnglish || out[1] != "" {
		t.Errorf("Portuguese text: %q (%q), want it left out as %q", out[1], why[1], SkipNotEnglish)
	}
	if why[2] != SkipNoWords {
		t.Errorf("text of no words: %q (%q), want it left out as %q", out[2], why[2], SkipNoWords)
	}
	if why[3] != "" || strings.Contains(out[3], "jane") || strings.Contains(out[3], "example") || !strings.Contains(out[3], "refund") {
		t.Errorf("text with an e-mail address: %q (%q), want the address masked", out[3], why[3])
	}
}

// TestModelReadsAsTrained: a model trained on ModelTexts holds no personal
// data in its vocabulary (the QA pass's model file held "jane doe", "doe
// exampl" and "at jane"), and classify gives it the very text it was
// trained on: its topic and confidence for a complaint are the model's
// prediction for that complaint's model text.
func TestModelReadsAsTrained(t *testing.T) {
	raw := map[string][]string{
		"billing": {
			"I was charged twice on my bill, write to jane.doe@example.com.",
			"The bill shows a charge I never made. Call me at (555) 867-5309.",
			"Wrong charge on the monthly bill again.\n\nOn Mon, 1 Jan 2024 at 10:00, Delivery Team <d@air.example> wrote:\n> your package is on its way\n",
			"Billing charged me a late fee for a bill I paid.",
		},
		"delivery": {
			"My package never came and the courier lost it, email jane.doe@example.com.",
			"The package was left at the wrong door. Phone (555) 867-5309.",
			"Delivery of my package is two weeks late.\n\nOn Mon, 1 Jan 2024 at 10:00, Billing Team <b@air.example> wrote:\n> your bill is attached\n",
			"The courier says delivered but no package arrived.",
		},
	}
	var labels, texts []string
	for _, l := range []string{"billing", "delivery"} {
		for _, x := range raw[l] {
			labels, texts = append(labels, l), append(texts, x)
		}
	}
	mt, why, err := ModelTexts(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(why, func(s string) bool { return s != "" }); i >= 0 {
		t.Fatalf("text %d left out: %s", i, why[i])
	}
	h := DefaultHyper()
	h.CGrid, h.C, h.MinDF = nil, 1, 1
	m, err := Train(context.Background(), labels, mt, TrainOptions{Name: "topic", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range m.Vocabulary {
		for _, pii := range []string{"jane", "doe", "exampl", "867", "5309", "team"} {
			if strings.Contains(k, pii) {
				t.Errorf("vocabulary holds %q, of personal data or a quoted reply", k)
			}
		}
	}
	// and texts it was not trained on, whose personal data holds words of
	// its vocabulary
	probes := append(texts, "Write to package.delivery@example.com about the charge on my bill.",
		"The courier lost my package. Reply to billing.charge@example.com.")
	pt, _, err := ModelTexts(context.Background(), probes)
	if err != nil {
		t.Fatal(err)
	}
	c := New(Options{Model: m})
	for i, x := range probes {
		r := c.Classify(x)
		label, p := m.Predict(pt[i])
		if r.Topic != label || r.TopicConfidence != p {
			t.Errorf("classify %q: %s %.6f, the model on its model text %s %.6f", x, r.Topic, r.TopicConfidence, label, p)
		}
	}
}
