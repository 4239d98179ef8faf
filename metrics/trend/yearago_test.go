package trend

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// volumeSpike returns the volume spike test of the panel of all
// complaints at its last period, with or without the yearly factor.
func volumeSpike(t *testing.T, cfg config, pn *Panel) test {
	t.Helper()
	for _, ts := range cfg.testsAt(pn, len(pn.Starts)-1, nil, false, nil) {
		if ts.kind == KindSpike && strings.HasPrefix(ts.method, methodCountSpike) {
			return ts
		}
	}
	t.Fatalf("no volume spike test")
	return test{}
}

// TestYearAgoGaps: the yearly factor of the weekly volume baseline (the
// rise of the weeks around T's a year before above the 12 weeks before
// them) leaves out gaps in the data, as the volume baselines do: weeks of
// no complaint at all where the window's median is 10 or more are no
// reading. Read as weeks of none (measured before this change), two
// missing weeks just before the year-ago weeks made a flat series' year
// ago a peak (seed 1: expected 113.74, against 39.43 without the gap); a
// missing week among a real peak's three hid the peak (expected 38.16,
// 45.04 and 34.77 against 59.51, 75.09 and 58.63: no yearly factor, all
// three seeds), and one in the baseline before it too (seed 1: 38.16) or
// raised it (seed 2: 84.74).
//
// Planted: 110 weeks from Monday 3 January 2022 of all complaints, 40 a
// week (Poisson, seeds 1-3), or 60 (1.5 times) in the weeks tk-1..tk+1,
// tk = T-52 the judged week's a year before; the gap weeks are those same
// draws set to 0, so that with and without the gap the baselines read the
// same counts but the gap's.
func TestYearAgoGaps(t *testing.T) {
	const periods = 110
	T := periods - 1
	tk := T - 52
	cfg := config{period: Week, prm: paramsOf(Week), minCount: DefaultMinCount, minRatio: 1.5}
	for _, tt := range []struct {
		name string
		peak float64 // the year-ago weeks' level over 40
		gap  []int
	}{
		{"flat, two weeks missing before the year ago", 1, []int{tk - 3, tk - 2}},
		{"a peak, one of its weeks missing", 1.5, []int{tk}},
		{"a peak, a week missing in the baseline before it", 1.5, []int{tk - 7}},
	} {
		for seed := int64(1); seed <= 3; seed++ {
			whole := plantedPanel([]string{"all"}, periods, 7, func(_, w int) float64 {
				if w >= tk-1 && w <= tk+1 {
					return 40 * tt.peak
				}
				return 40
			}, seed)
			whole.TotalOnly = true
			gappy := &Panel{Dimension: "all", TotalOnly: true, Starts: whole.Starts, Groups: whole.Groups,
				Totals: slices.Clone(whole.Totals), Counts: [][]float64{slices.Clone(whole.Counts[0])}}
			for _, w := range tt.gap {
				gappy.Totals[w], gappy.Counts[0][w] = 0, 0
			}
			want, got := volumeSpike(t, cfg, whole), volumeSpike(t, cfg, gappy)
			t.Logf("%s, seed %d: expected %.2f (%s) with the gap, %.2f (%s) without", tt.name, seed, got.expected, got.method, want.expected, want.method)
			// the gap leaves 9 of the 11 baseline weeks, or 2 of the 3
			// year-ago weeks (their sum's Poisson noise 9% of 120, 11%
			// of 80): the factors differ by the noise of the weeks left
			// out, about 6%; 15% is 2.5 times that
			if math.Abs(got.expected-want.expected) > 0.15*want.expected {
				t.Errorf("%s, seed %d: expected %.2f with the gap, want that without it, %.2f (within 15%%)", tt.name, seed, got.expected, want.expected)
			}
		}
	}
}
