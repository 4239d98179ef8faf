package trend

import (
	"math"
	"math/bits"
	"strconv"
)

// Length strata. A long narrative is more likely to hold any word than a
// short one, so a period whose complaints are longer (a QA pass measured
// CFPB narratives of 1,482 characters on average in a week against 878 in
// its baseline) made everyday words ("received", "spoke", "want") emerge.
// EmergingPhrases therefore compares complaints of like length only: each
// document falls in a stratum by its number of content tokens (the words
// that make terms), and a term's period is tested against the baseline
// stratum by stratum (stratifiedG2).
//
// The strata are fixed, not quantiles of the documents at hand, so that a
// period's counts can be kept and added to another period's baseline
// (CountTerms, AddBaselineCounts). They double in width, so the texts of a
// stratum differ in length by at most a factor of two: under 4 content
// tokens, 4-7, 8-15, 16-31, 32-63, 64-127, 128-255, 256 and more.
const strata = 8

// stratumOf is the stratum of a document of n content tokens.
func stratumOf(n int) int {
	return min(max(bits.Len(uint(n))-2, 0), strata-1)
}

// mergeStrata returns the stratum each stratum is tested as: itself when
// the baseline (n2 documents by stratum) has documents of its length, else
// the nearest shorter one that has, or else the nearest longer one. A
// complaint of a length the baseline lacks is compared with the nearest
// it has (a period of only longer texts would otherwise show nothing).
func mergeStrata(n2 [strata]float64) (into [strata]int) {
	for s := range strata {
		into[s] = -1
		for d := 0; d < strata && into[s] < 0; d++ {
			if s-d >= 0 && n2[s-d] > 0 {
				into[s] = s - d
			} else if s+d < strata && n2[s+d] > 0 {
				into[s] = s + d
			}
		}
		into[s] = max(into[s], 0) // no baseline at all: nothing is tested
	}
	return into
}

// stratifiedG2 is the log-likelihood ratio statistic of the hypothesis
// that a term is used at the baseline's rate in the period judged, length
// for length, against a common rate ratio theta across the strata. In
// stratum s, a[s] of n1[s] documents of the period and b[s] of n2[s] of the
// baseline use it; given their sum k[s], a[s] is binomial with
//
//	pi_s = n1[s] theta / (n1[s] theta + n2[s])
//
// (the stratified form of Dunning's G2, with a stratum's own rate a
// nuisance conditioned away). A stratum without documents of both periods
// tells nothing and is left out. It returns G2 = 2 (l(theta^) - l(1)) and
// whether theta^ > 1. For a term in most documents of a stratum the binomial
// overstates the spread of a[s] (drawn without replacement), so the test
// is conservative there: such words cannot rise much anyway.
func stratifiedG2(a, b, n1, n2 []float64) (g2 float64, up bool) {
	var sa, sb float64 // uses in strata with documents of both periods
	for s := range a {
		if n1[s] > 0 && n2[s] > 0 {
			sa += a[s]
			sb += b[s]
		}
	}
	if sa == 0 && sb == 0 {
		return 0, false
	}
	// loglik is l(u), u = ln theta; score its derivative, info minus its
	// second derivative (l is concave in u).
	loglik := func(u float64) (l, score, info float64) {
		for s := range a {
			if n1[s] == 0 || n2[s] == 0 {
				continue // no comparison within it
			}
			k := a[s] + b[s]
			if k == 0 {
				continue
			}
			pi := 1 / (1 + n2[s]/(n1[s]*math.Exp(u)))
			l += xlogx(a[s], k*pi) + xlogx(b[s], k*(1-pi))
			score += a[s] - k*pi
			info += k * pi * (1 - pi)
		}
		return -l, score, info
	}
	l0, score0, _ := loglik(0)
	up = score0 > 0
	var best float64 // l(theta^)
	switch {
	case sb == 0 || sa == 0:
		// theta^ is infinite (no baseline use) or 0 (no current use): the
		// fit is exact, l = 0
		best = 0
	default:
		best = maxLoglik(loglik)
	}
	return math.Max(0, 2*(best-l0)), up
}

// maxLoglik maximises a concave log-likelihood l(u) by Newton's method,
// each step at most 1 in u and halved while it lowers l.
func maxLoglik(loglik func(u float64) (l, score, info float64)) float64 {
	u := 0.0
	l, score, info := loglik(u)
	for range 100 {
		if math.Abs(score) < 1e-10*(1+info) || info == 0 {
			break
		}
		step := math.Max(-1, math.Min(1, score/info))
		for range 50 {
			nl, ns, ni := loglik(u + step)
			if nl >= l {
				u, l, score, info = u+step, nl, ns, ni
				break
			}
			step /= 2
		}
	}
	return l
}

// countKey is the key of CountTerms' count of term among the texts of
// stratum s: "late fee#3". Term "" counts the texts of the stratum
// themselves ("#3"). No term holds '#' (Tokens).
func countKey(term string, s int) string {
	return term + "#" + strconv.Itoa(s)
}
