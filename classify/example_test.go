package classify_test

import (
	"context"
	"fmt"

	"github.com/complaints/complaints/classify"
)

func ExampleRedact() {
	fmt.Println(classify.Redact("Call 555-867-5309 or write to jane@example.com about card 4111 1111 1111 1111 (XXXX masks stay)."))
	// Output: Call [PHONE] or write to [EMAIL] about card [CARD] (XXXX masks stay).
}

func ExampleDetectFlags() {
	f := classify.DetectFlags("Nobody fixed it, so I am closing my account. My attorney will hear about this.")
	fmt.Printf("churn %v (%q), legal %v (%q), urgent %v\n", f.Churn, f.ChurnEvidence, f.Legal, f.LegalEvidence, f.Urgent)
	// Output: churn true ("I am closing my account"), legal true ("My attorney"), urgent false
}

func ExampleTaxonomy_Match() {
	tax := classify.DefaultTaxonomy()
	for _, text := range []string{
		"The kettle arrived broken.",
		"The kettle is not broken, but the package was never delivered.",
	} {
		m := tax.Match(text)
		fmt.Printf("%s -> %s\n", m.Topic, tax.Department(m.Topic))
	}
	// Output:
	// product_defect -> Quality
	// delivery_delay -> Logistics
}

func ExampleClassifier_ClassifyBatch() {
	c := classify.New(classify.Options{})
	texts := []string{
		"I was double charged on my bill and the agent was rude. I will never use them again.",
		"O produto chegou quebrado e a loja não responde às minhas mensagens.",
	}
	out := make([]classify.Result, len(texts))
	if err := c.ClassifyBatch(context.Background(), texts, out); err != nil {
		panic(err)
	}
	for _, r := range out {
		fmt.Printf("%s %s %s sentiment=%v churn=%v\n", r.Language, r.Topic, r.Department, r.SentimentLabel, r.Churn)
	}
	// Output:
	// en billing_error Billing sentiment=negative churn=true
	// pt other Customer Service sentiment= churn=false
}

func ExampleTrain() {
	labels := []string{"billing", "billing", "delivery", "delivery"}
	texts := []string{
		"charged twice on my bill",
		"wrong charge on the bill",
		"my package never arrived",
		"package delivery is late",
	}
	h := classify.DefaultHyper()
	h.MinDF = 1
	m, err := classify.Train(context.Background(), labels, texts, classify.TrainOptions{Name: "topic", Hyper: &h})
	if err != nil {
		panic(err)
	}
	label, _ := m.Predict("where is my package")
	fmt.Println(m.Method, m.Labels, label)
	// Output: linear-svm [billing delivery] delivery
}
