package trend

import (
	"math"
	"math/rand"
	"testing"
	"time"
)

// plantedPanel builds a panel of the given groups over periods starting
// Monday 3 January 2022 (step days apart), group g having mean(g, t)
// complaints in period t, drawn from a Poisson distribution seeded with
// seed (or exactly the mean, rounded, with seed 0).
func plantedPanel(groups []string, periods, step int, mean func(g, t int) float64, seed int64) *Panel {
	rng := rand.New(rand.NewSource(seed))
	pn := &Panel{Dimension: "product", Groups: groups, Totals: make([]float64, periods)}
	for t := 0; t < periods; t++ {
		pn.Starts = append(pn.Starts, time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC).AddDate(0, 0, step*t))
	}
	for g := range groups {
		row := make([]float64, periods)
		for t := range row {
			m := mean(g, t)
			if seed == 0 {
				row[t] = math.Round(m)
			} else {
				row[t] = float64(poissonDraw(rng, m))
			}
			pn.Totals[t] += row[t]
		}
		pn.Counts = append(pn.Counts, row)
	}
	return pn
}

// poissonDraw draws a Poisson count of mean m (Knuth's method; the means
// planted here are small).
func poissonDraw(rng *rand.Rand, m float64) int {
	l, k, p := math.Exp(-m), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// trendTest returns the rising or falling test of group at the panel's
// last period, and whether there is one.
func trendTest(pn *Panel, group string) (test, bool) {
	cfg := config{period: Week, prm: paramsOf(Week), minCount: DefaultMinCount, minRatio: 1.5}
	for _, ts := range cfg.testsAt(pn, len(pn.Starts)-1, nil, false, nil) {
		if ts.group == group && (ts.kind == KindRising || ts.kind == KindFalling) {
			return ts, true
		}
	}
	return test{}, false
}

// TestRisingExpectedIsLevelBefore: a rising (or falling) alert's expected
// count is what the period would have held without the change, the
// group's share before the trend window times the period's volume, as a
// shift's is its share before the change; observed/expected then reads
// the change. The start of the Sen line, the expected count before, is no
// such level: over a noisy step its line starts well below the level
// before it (measured before this change on the step doubling below: ratio
// 4.81, expected 2.10 where the level was 5; the halving read 0.57).
//
// Planted: 105 weeks, nine groups of 40 a week (so that the period's
// volume, their median of ratios, is steady: about 6% noise) and A of 5 a
// week, whose count doubles (or halves, from 10) in the last 6 weeks; and,
// without noise, A rising linearly from 50 to 100 over the 12 weeks of the
// trend window, whose Sen line starts at the level before (ratio 1.99
// before this change too). The expected count may miss the planted level
// by the noise of the level pooled over 92 weeks (5 a week: 5%) and of the
// period's volume: 20% is over 2.5 standard deviations of both.
func TestRisingExpectedIsLevelBefore(t *testing.T) {
	const periods = 105
	groups := []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}
	for _, tt := range []struct {
		name      string
		mean      func(g, t int) float64
		seed      int64
		kind      string
		wantExp   float64 // the level planted before the change
		ratioLow  float64 // the planted change, with the Sen line's end
		ratioHigh float64 // (observed) a little over or under a step
	}{
		{"step doubling", func(g, t int) float64 {
			switch {
			case g > 0:
				return 40
			case t >= periods-6:
				return 10
			}
			return 5
		}, 1, KindRising, 5, 1.6, 2.6},
		{"step halving", func(g, t int) float64 {
			switch {
			case g > 0:
				return 40
			case t >= periods-6:
				return 5
			}
			return 10
		}, 1, KindFalling, 10, 1 / 2.6, 1 / 1.6},
		{"linear doubling", func(g, t int) float64 {
			if g > 0 {
				return 150
			}
			if k := t - (periods - 12); k >= 0 {
				return 50 * (1 + float64(k)/11)
			}
			return 50
		}, 0, KindRising, 50, 1.9, 2.1},
	} {
		ts, ok := trendTest(plantedPanel(groups, periods, 7, tt.mean, tt.seed), "A")
		if !ok {
			t.Errorf("%s: no trend test of A", tt.name)
			continue
		}
		t.Logf("%s: %s, observed %.2f, expected %.2f, ratio %.2f, p %.3g", tt.name, ts.kind, ts.observed, ts.expected, ts.ratio(), ts.p)
		if ts.kind != tt.kind {
			t.Errorf("%s: kind %s, want %s", tt.name, ts.kind, tt.kind)
		}
		if math.Abs(ts.expected-tt.wantExp) > 0.2*tt.wantExp {
			t.Errorf("%s: expected %.2f, want the level before the change, %g (within 20%%)", tt.name, ts.expected, tt.wantExp)
		}
		if r := ts.ratio(); r < tt.ratioLow || r > tt.ratioHigh {
			t.Errorf("%s: ratio %.2f, want %.2f..%.2f", tt.name, r, tt.ratioLow, tt.ratioHigh)
		}
	}
}
