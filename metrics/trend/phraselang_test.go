package trend

import (
	"fmt"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/langwords"
)

// TestEmergingPhrasesForeignStopwords: the function words of the other
// languages the language detector names make no phrase. An exploratory QA
// pass (Portuguese complaints rising among English ones) found "não" an
// emerging phrase of its own (21 complaints) and "para" and "já" inside
// others, English's stop words being the only ones. Here 30 Portuguese
// complaints about a bank slip (boleto) join a baseline of English ones:
// the slip emerges, no function word of any language does.
func TestEmergingPhrasesForeignStopwords(t *testing.T) {
	var docs []Doc
	base := []string{"Billing error on my account", "Late fee charged twice", "Service outage for two days", "The app will not load"}
	for i := range 300 {
		docs = append(docs, Doc{ID: fmt.Sprintf("b%03d", i), Text: base[i%len(base)]})
	}
	current := []string{
		"O boleto não foi compensado até hoje",
		"Já paguei o boleto e não consta no sistema",
		"Paguei o boleto para a fatura de março e não baixou",
		"Nao consigo emitir o boleto, já tentei varias vezes",
		"Voces nao enviaram o boleto para o meu email",
	}
	for i := range 60 {
		text := base[i%len(base)]
		if i%2 == 0 {
			text = current[i%len(current)]
		}
		docs = append(docs, Doc{ID: fmt.Sprintf("c%03d", i), Text: text, Current: true})
	}
	got, err := EmergingPhrases(docs, 0.05, 5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	own := map[string]string{}
	for _, lang := range langwords.Languages() {
		for _, w := range langwords.Own(lang) {
			own[w] = lang
		}
	}
	slip := false
	for _, p := range got {
		t.Logf("%q merged %q: %.0f complaints", p.Phrase, p.Merged, p.Observed)
		for _, term := range append([]string{p.Phrase}, p.Merged...) {
			slip = slip || strings.Contains(term, "boleto")
			for _, w := range strings.Fields(term) {
				if lang, ok := own[w]; ok {
					t.Errorf("phrase %q (term %q) holds %q, a function word of %s", p.Phrase, term, w, lang)
				}
			}
		}
	}
	if !slip {
		t.Errorf("phrases %+v, want the boleto among them", got)
	}
}
