package trend

import (
	"slices"
	"testing"
	"time"
)

// dayTrendTest returns the rising or falling test of group at the daily
// panel's last period, and whether there is one.
func dayTrendTest(pn *Panel, group string) (test, bool) {
	cfg := config{period: Day, prm: paramsOf(Day), minCount: DefaultMinCount, minRatio: 1.5}
	for _, ts := range cfg.testsAt(pn, len(pn.Starts)-1, nil, false, nil) {
		if ts.group == group && (ts.kind == KindRising || ts.kind == KindFalling) {
			return ts, true
		}
	}
	return test{}, false
}

// missingDays returns a copy of pn with no complaint at all on the days none
// names: the same draws, but those days missing.
func missingDays(pn *Panel, none func(d int) bool) *Panel {
	out := &Panel{Dimension: pn.Dimension, Starts: pn.Starts, Groups: pn.Groups, Totals: slices.Clone(pn.Totals)}
	for _, c := range pn.Counts {
		out.Counts = append(out.Counts, slices.Clone(c))
	}
	for d := range out.Totals {
		if none(d) {
			out.Totals[d] = 0
			for g := range out.Counts {
				out.Counts[g][d] = 0
			}
		}
	}
	return out
}

// TestTrendGaps: the daily rising/falling test leaves out of its series
// the days volumeGaps leaves out of the volume baseline, gaps in the data
// (a day of no row at all whose weekday's median is 10 or more) and days
// the complaints do not come (a weekday of none throughout the window),
// and tests the days left while they are 8 or more, its minimum. Before
// this change (measured), a period of no volume in the 28 days of the
// trend window skipped the test: a helpdesk closed at weekends never had
// one, nor a window with one day missing from the export. A group's own
// zero on a day the others had complaints is a zero, kept.
//
// Planted: 85 days from Monday 3 January 2022 (the day judged, day 84, a
// Monday; the trend window days 57-84); B to J 15 complaints a day (nine,
// so that the period's volume, their median of ratios, does not follow
// A), A 10 a day before the window and 10(1 + (t-57)/27) in it, a
// doubling by day 84 (Poisson, seed 1); the days missing are those draws
// set to 0. Closed at weekends, the ratio (the Sen line's end share over
// the share before: the period's volume cancels) may miss 2 by the noise
// of the share before (about 400 of A's complaints: 5%) and of the line's
// end: a day's share varies by about 28% (A's Poisson noise at about 15,
// 26%, and the median of ten groups' ratios, 1.25 sqrt(1/15/10) = 10%),
// and a line's end through 20 days by about 0.45 of that, 13%; 14% in
// all, and 1.5..2.5 is about 2 standard deviations either side. A day
// missing changes only which days are read: the ratio within 10% of that
// with none missing (one day of 28 moves the line's end by about 13%/28
// of... a few percent). The p-values are logged, not judged: the
// Hamed-Rao correction makes a doubling over 28 noisy days significant or
// not by the draw.
func TestTrendGaps(t *testing.T) {
	const days = 85
	T := days - 1
	groups := []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}
	start := time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC)
	weekend := func(d int) bool {
		wd := start.AddDate(0, 0, d).Weekday()
		return wd == time.Saturday || wd == time.Sunday
	}
	whole := plantedPanel(groups, days, 1, func(g, d int) float64 {
		switch {
		case g > 0:
			return 15
		case d >= T-27:
			return 10 * (1 + float64(d-(T-27))/27)
		}
		return 10
	}, 1)
	open, ok := dayTrendTest(whole, "A")
	if !ok || open.kind != KindRising {
		t.Fatalf("with no day missing: a trend test %v, %s; want rising", ok, open.kind)
	}
	t.Logf("none missing: rising, observed %.2f, expected %.2f, ratio %.2f, p %.3g", open.observed, open.expected, open.ratio(), open.p)
	for _, tt := range []struct {
		name     string
		pn       *Panel
		test     bool // a trend test is made
		kind     string
		low, hig float64 // the ratio's bounds (with a kind)
	}{
		{"closed at weekends", missingDays(whole, weekend), true, KindRising, 1.5, 2.5},
		{"one day missing", missingDays(whole, func(d int) bool { return d == T-10 }), true, KindRising, open.ratio() / 1.1, open.ratio() * 1.1},
		// days 64-83 missing: 57-63 and 84 are left, 8
		{"8 days left", missingDays(whole, func(d int) bool { return d >= T-20 && d < T }), true, "", 0, 0},
		// days 63-83 missing: 7 left, too few
		{"7 days left", missingDays(whole, func(d int) bool { return d >= T-21 && d < T }), false, "", 0, 0},
		// A, 10 a day, has none from day 71 (the window's second half)
		// while the others have their 15: its zeros are zeros, a fall to
		// none (left out, the days of 10 left would be flat); the ratio
		// is the floor's, under 1/1.5
		{"a group's own zeros", plantedPanel(groups, days, 1, func(g, d int) float64 {
			switch {
			case g > 0:
				return 15
			case d >= T-13:
				return 0
			}
			return 10
		}, 1), true, KindFalling, 0, 1 / 1.5},
	} {
		ts, ok := dayTrendTest(tt.pn, "A")
		if ok != tt.test {
			t.Errorf("%s: a trend test %v, want %v", tt.name, ok, tt.test)
			continue
		}
		if !ok {
			continue
		}
		t.Logf("%s: %s, observed %.2f, expected %.2f, ratio %.2f, p %.3g", tt.name, ts.kind, ts.observed, ts.expected, ts.ratio(), ts.p)
		if tt.kind == "" {
			continue
		}
		if ts.kind != tt.kind {
			t.Errorf("%s: %s, want %s", tt.name, ts.kind, tt.kind)
		}
		if r := ts.ratio(); r < tt.low || r > tt.hig {
			t.Errorf("%s: ratio %.2f, want %.2f..%.2f", tt.name, r, tt.low, tt.hig)
		}
	}
}

// TestTrendZeroVolumeDay: a day of no complaint that volumeGaps does not
// call a gap (its weekday's median under gapLevel: a small helpdesk's
// quiet day) is a day of no volume, so of no share (0 of 0), and the
// rising/falling test is made on the days left, as it is when the day is
// a gap: the same test, figure for figure. Before this change such a day
// skipped the test (measured: no test in either case below), and a
// small series, whose quiet days are common, seldom had one.
//
// Planted as TestTrendGaps (85 days from Monday 3 January 2022, day 84
// judged, the window days 57-84) at a small helpdesk's volume: B, C, D
// 1.5 complaints a day, A 1.5 before the window and 1.5(1 + (t-57)/27) in
// it (Poisson, seed 1): about 6 a day, a weekday's median under
// gapLevel. (1) Day 74 set to none; (2) at a third of that volume (B, C,
// D 0.5 a day, A 0.5 rising to 1: about 2 a day, a day of none about
// e^-2, 1 in 7) the draws' own days of none (seed 3: seed 1's day judged
// has none, and a day of no volume is not judged).
func TestTrendZeroVolumeDay(t *testing.T) {
	const days = 85
	T := days - 1
	groups := []string{"A", "B", "C", "D"}
	planted := func(level float64, seed int64) *Panel {
		return plantedPanel(groups, days, 1, func(g, d int) float64 {
			if g > 0 || d < T-27 {
				return level
			}
			return level * (1 + float64(d-(T-27))/27)
		}, seed)
	}
	cfg := config{period: Day, prm: paramsOf(Day), minCount: DefaultMinCount, minRatio: 1.5}
	for _, tt := range []struct {
		name string
		pn   *Panel
	}{
		{"one quiet day", missingDays(planted(1.5, 1), func(d int) bool { return d == T-10 })},
		{"a small helpdesk's quiet days", planted(0.5, 3)},
	} {
		gaps := cfg.volumeGaps(tt.pn.Totals, tt.pn.Starts, T)
		var zero []int // days of the trend window of no volume, no gap
		for d := T - 27; d < T; d++ {
			if tt.pn.Totals[d] == 0 && !gaps[d] {
				zero = append(zero, d)
				gaps[d] = true // read as a gap, for the test it must equal
			}
		}
		if len(zero) == 0 {
			t.Fatalf("%s: no day of no volume in the trend window (the draws changed?)", tt.name)
		}
		ts, ok := dayTrendTest(tt.pn, "A")
		if !ok {
			t.Errorf("%s: days %v of no volume: no trend test", tt.name, zero)
			continue
		}
		t.Logf("%s: days %v of no volume: %s, observed %.2f, expected %.2f, ratio %.2f, p %.3g", tt.name, zero, ts.kind, ts.observed, ts.expected, ts.ratio(), ts.p)
		// sizeFactors takes the totals: no group averages DefaultMinCount
		var want test
		for _, w := range cfg.groupTests(tt.pn, "A", tt.pn.Counts[0][:T+1], tt.pn.Totals[:T+1], tt.pn.Starts[:T+1], gaps, 1, nil) {
			if w.kind == KindRising || w.kind == KindFalling {
				want = w
			}
		}
		if ts != want {
			t.Errorf("%s: %+v; want the test with those days read as gaps, %+v", tt.name, ts, want)
		}
	}
}
