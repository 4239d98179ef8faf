package trend

import (
	"math"
	"testing"
	"time"
)

// countSpike returns the volume spike test (methodCountSpike) of group at
// the panel's last period.
func countSpike(t *testing.T, cfg config, pn *Panel, group string) test {
	t.Helper()
	for _, ts := range cfg.testsAt(pn, len(pn.Starts)-1, nil, false, nil) {
		if ts.group == group && ts.kind == KindSpike && ts.method == methodCountSpike {
			return ts
		}
	}
	t.Fatalf("no volume spike test of %s", group)
	return test{}
}

// TestGapIsMissing: days on which the export has no row at all are missing
// data, not days of no complaint, when such a day is implausible: a
// helpdesk of 45 complaints a weekday whose file lacks a week (5 weekdays
// of the 20 the volume baseline reads) expected 21.05 on the Wednesday
// judged (measured before this change), half its level. Its closed
// weekends are no gap in the data but no reading of an open day's volume
// either: before this change, the same helpdesk without the gap expected
// 30.62 (5/7 of 45: the weekday terms, whose weekend terms have no bound,
// were not significant, and the mean of all days was read); group A 10.48
// and 6.84 where 15 was planted.
//
// Planted: 70 days from Monday 3 January 2022, three groups of 15 a
// weekday (Poisson, seeded), none at weekends; the gap is the week of
// days 49-53 (Monday to Friday, and its weekend is empty anyway); the day
// judged, day 65, a Wednesday.
func TestGapIsMissing(t *testing.T) {
	const days = 66
	cfg := config{period: Day, prm: paramsOf(Day), minCount: DefaultMinCount, minRatio: 1.5}
	helpdesk := func(gap bool) func(g, t int) float64 {
		return func(g, t int) float64 {
			wd := time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC).AddDate(0, 0, t).Weekday()
			if wd == time.Saturday || wd == time.Sunday || (gap && t >= 49 && t <= 53) {
				return 0
			}
			return 15
		}
	}
	groups := []string{"A", "B", "C"}
	whole := plantedPanel(groups, days, 1, helpdesk(false), 1)
	gappy := plantedPanel(groups, days, 1, helpdesk(true), 1)
	if wd := whole.Starts[days-1].Weekday(); wd != time.Wednesday {
		t.Fatalf("day judged is a %v, want a Wednesday", wd)
	}
	all := func(pn *Panel) *Panel {
		return &Panel{Dimension: "all", TotalOnly: true, Starts: pn.Starts, Totals: pn.Totals, Groups: []string{"all"}, Counts: [][]float64{pn.Totals}}
	}
	for _, tt := range []struct {
		name  string
		pn    func(*Panel) *Panel
		group string
		level float64 // the planted weekday level
	}{
		{"all complaints", all, "all", 45},
		{"group A", func(pn *Panel) *Panel { return pn }, "A", 15},
	} {
		want := countSpike(t, cfg, tt.pn(whole), tt.group)
		got := countSpike(t, cfg, tt.pn(gappy), tt.group)
		t.Logf("%s: expected %.2f with the gap, %.2f without (planted %g)", tt.name, got.expected, want.expected, tt.level)
		// without the gap the baseline reads the planted level, within
		// the Poisson noise of 20 weekdays (45 a day: 1.5%; 15: 2.6%)
		// and of a fitted trend
		if math.Abs(want.expected-tt.level) > 0.15*tt.level {
			t.Errorf("%s without a gap: expected %.2f, want about %g", tt.name, want.expected, tt.level)
		}
		// with it, the missing week changes nothing but which 15 of the
		// weekdays are read
		if math.Abs(got.expected-want.expected) > 0.1*want.expected {
			t.Errorf("%s with a missing week: expected %.2f, want that without it, %.2f (within 10%%)", tt.name, got.expected, want.expected)
		}
	}
}

// TestVolumeGaps: which days of no complaint at all the volume baseline
// leaves out. Planted over 56 days from Monday 3 January 2022: a busy
// series (40 a day) missing days 20-24; a helpdesk closed at weekends (40
// a weekday); and a sparse series (1.5 a day, Poisson: about one day in
// 4.5 without a complaint, e^-1.5), whose zeros are zeros.
func TestVolumeGaps(t *testing.T) {
	const days = 57
	cfg := config{period: Day, prm: paramsOf(Day)}
	for _, tt := range []struct {
		name string
		mean func(g, t int) float64
		want func(t int, wd time.Weekday) bool // a zero day left out
	}{
		{"busy with a gap", func(_, t int) float64 {
			if t >= 20 && t <= 24 {
				return 0
			}
			return 40
		}, func(t int, _ time.Weekday) bool { return t >= 20 && t <= 24 }},
		{"closed at weekends", func(_, t int) float64 {
			if wd := time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC).AddDate(0, 0, t).Weekday(); wd == time.Saturday || wd == time.Sunday {
				return 0
			}
			return 40
		}, func(_ int, wd time.Weekday) bool { return wd == time.Saturday || wd == time.Sunday }},
		{"sparse", func(_, _ int) float64 { return 1.5 }, func(int, time.Weekday) bool { return false }},
	} {
		pn := plantedPanel([]string{"A"}, days, 1, tt.mean, 1)
		gaps := cfg.volumeGaps(pn.Totals, pn.Starts, days-1)
		zeros := 0
		for d := 0; d < days-1; d++ {
			if pn.Totals[d] != 0 {
				if gaps[d] {
					t.Errorf("%s: day %d of %v complaints left out", tt.name, d, pn.Totals[d])
				}
				continue
			}
			zeros++
			if want := tt.want(d, pn.Starts[d].Weekday()); gaps[d] != want {
				t.Errorf("%s: day %d (%v) of no complaint left out %v, want %v", tt.name, d, pn.Starts[d].Weekday(), gaps[d], want)
			}
		}
		if zeros == 0 {
			t.Errorf("%s: no day of no complaint drawn", tt.name)
		}
	}
}
