package classify

import (
	"context"
	"fmt"
)

// Why ModelTexts leaves a text out: classify gives such a text topic other
// without asking the model.
const (
	SkipNotEnglish = "not in English" // a language the models do not cover
	SkipNoWords    = "no words"       // punctuation, emoji, numbers or masks alone
)

// piiMask stands for a piece of personal data in the text a trained model
// reads: a CFPB mask, which features leave out (isMask), as they leave out
// the masks of the CFPB's own redaction.
const piiMask = "XXXX"

// maskPII returns s with each piece of personal data that redact finds
// replaced by piiMask (between spaces, so that it stays a word of its
// own), and s itself when there is none; buf is scratch.
func maskPII(s string, buf []piiSpan) (string, []piiSpan) {
	spans := findPII(s, buf[:0])
	return replaceSpans(s, spans, func(string) string { return " " + piiMask + " " }), spans
}

// modelInput returns the text a trained model reads of a complaint, at
// training (ModelTexts) and at classification alike, and its tokens: the
// complainant's own words as worker.read gives them (orig
// as written, plain with its apostrophes plain; w.toks the tokens of
// plain), with personal data masked. A model file is shared: trained on
// texts as they were, it held their e-mail addresses' words ("jane doe",
// "doe exampl") in its vocabulary (an exploratory QA pass). Trained on whole texts, in
// any language, while classify gave it the complainant's own words in
// English only, the accuracy train printed was of other texts than those
// it classified (a ticket's quoted reply named its queue: 1.000 in
// cross-validation, 0.289 agreement with the queues in classify).
// The tokens are w.toks, or a view of w.mtoks, a buffer of its own: when
// it held w.toks, a masked text was tokenized over the next text's
// tokens, which the flags then read (QA pass BE's crash).
func (w *worker) modelInput(orig, plain string) (string, []token) {
	masked, pii := maskPII(orig, w.mpii)
	w.mpii = pii
	if masked == orig {
		return plain, w.toks
	}
	masked, _ = plainApostrophesAt(masked)
	w.mtoks = tokenize(masked, w.mtoks[:0])
	return masked, w.mtoks
}

// ModelTexts returns each text as a trained model reads it when classify
// gives it one (see worker.modelInput), through the same steps, so that
// a model is trained, and its accuracy measured, on what it will read:
// texts[i] becomes out[i], or is left out with why[i] (SkipNotEnglish,
// SkipNoWords) when classify would not ask the model, giving the text
// topic other.
func ModelTexts(ctx context.Context, texts []string) (out, why []string, err error) {
	out, why = make([]string, len(texts)), make([]string, len(texts))
	c := New(Options{}) // the language detector's words are not the taxonomy's
	err = c.each(ctx, len(texts), func(w *worker, i int) {
		orig, plain, _, _, language := w.read(texts[i])
		if why[i] = notCovered(language, w.toks); why[i] == "" {
			out[i], _ = w.modelInput(orig, plain)
		}
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read the texts as the model does: %w", err)
	}
	return out, why, nil
}
