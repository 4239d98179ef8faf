// Package classify labels complaint texts: topic (from a taxonomy of
// phrases or a trained model), sentiment, churn-intent, legal-threat and
// urgency flags with the phrase behind each, language, and a copy of the
// text with personal data replaced by typed placeholders.
//
// Every classifier is plain Go over strings. A Classifier runs them all over
// a batch of texts on all cores ([Classifier.ClassifyBatch]); [Run] moves
// the complaints of a warehouse through it as Arrow record batches and
// writes one current classifications row per complaint.
//
// The model: a text is split into words (letters and digits, apostrophes
// kept inside words so that negations survive) and sentences. Topic phrases
// match on stemmed words and are cancelled by a negation just before them
// ("not broken"); sentiment is VADER (github.com/jonreiter/govader's
// lexicon and rules, with complaint vocabulary added) scored per sentence
// and averaged, computed by a regexp-free re-implementation of govader's
// scoring loop that is checked to give identical scores;
// flags are general phrasing patterns run on the sentences that contain one
// of their keywords. Trained topic models ([Train]) are linear classifiers
// (one-vs-rest linear SVMs by default, or logistic regression, or complement
// naive Bayes) on sublinear TF-IDF of words, word pairs and, optionally,
// character n-grams, with C chosen by inner cross-validation. A trained
// model reads a text as [ModelTexts] gives it, at training and when
// classifying alike: the complainant's own words, personal data masked,
// English only.
// Texts the models do not cover (not English) get topic
// "other" and no sentiment, with the reason in the evidence.
package classify
