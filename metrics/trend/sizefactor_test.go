package trend

import (
	"math"
	"testing"
)

// TestSizeFactorsFewSmallGroups: the median of ratios estimates a period's
// volume robustly, but of a few small groups it is noisier than the
// period's total (QA pass W: on a day of 52 complaints against a mean of
// 57, the four groups averaging 5 or more a day read 2/5, 2/5.7, 3/7.1
// and 12/11.4, a median of 0.41 of the volume, and three steady groups
// were flagged). Its Poisson noise, about 1.25 sqrt(mean(1/mean_g) / k) of
// k reference groups, is over maxSizeNoise here (0.24), so the totals are
// used; of ten groups averaging 40 (0.05) the median is kept.
func TestSizeFactorsFewSmallGroups(t *testing.T) {
	cfg := config{period: Day, prm: paramsOf(Day)}
	const periods = 60
	panel := func(means []float64, last []float64) *Panel {
		pn := &Panel{Totals: make([]float64, periods)}
		for g, m := range means {
			pn.Groups = append(pn.Groups, string(rune('a'+g)))
			row := make([]float64, periods)
			for tt := range row {
				row[tt] = m
				if tt == periods-1 {
					row[tt] = last[g]
				}
				pn.Totals[tt] += row[tt]
			}
			pn.Counts = append(pn.Counts, row)
		}
		return pn
	}
	// the QA's day: four groups of 5 to 11.4 a day and eleven smaller ones
	// (26.7 a day in all), 52 complaints on the day judged
	means := []float64{5, 5.7, 7.1, 11.4, 3, 3, 3, 2.5, 2.5, 2.5, 2.5, 2, 2, 2, 2}
	last := []float64{2, 2, 3, 12, 5, 4, 4, 3, 3, 3, 3, 2, 3, 2, 1}
	pn := panel(means, last)
	got := cfg.sizeFactors(pn, periods-1)[periods-1]
	if want := pn.Totals[periods-1]; got != want {
		t.Errorf("few small groups: denominator %.2f, want the total %.0f", got, want)
	}
	// ten groups of 40 a period, one surging to 80: the median keeps the
	// others' volume, the sum of the groups' means over the window (nine
	// of 40, and (56 x 40 + 80) / 57 = 40.70), not the total's 440
	means = []float64{40, 40, 40, 40, 40, 40, 40, 40, 40, 40}
	last = []float64{80, 40, 40, 40, 40, 40, 40, 40, 40, 40}
	pn = panel(means, last)
	if got, want := cfg.sizeFactors(pn, periods-1)[periods-1], 360+(56*40+80)/57.0; math.Abs(got-want) > 1e-9 {
		t.Errorf("ten groups of 40, one surging: denominator %.2f, want the median's %.2f", got, want)
	}
}
