package trend

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeDays writes a canonical CSV of days[product][week][d] complaints
// received on day d (0 Monday) of week week of fixtureStart, at
// 09:00 + k minutes.
func writeDays(t testing.TB, days map[string][][]int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "days.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"complaint_id", "source", "received_at", "product", "channel", "narrative"})
	var products []string
	for p := range days {
		products = append(products, p)
	}
	slices.Sort(products)
	for _, p := range products {
		for wk, week := range days[p] {
			for d, n := range week {
				for k := range n {
					at := fixtureStart.AddDate(0, 0, 7*wk+d).Add(9*time.Hour + time.Duration(k)*time.Minute)
					w.Write([]string{fmt.Sprintf("%s-%02d-%d-%03d", p, wk, d, k), "fixture", at.Format("2006-01-02 15:04:05"), p, "web", "text"})
				}
			}
		}
	}
	w.Flush()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// earlyWeeks is the fixture of the partial week tests: weeks 0-19 of 20
// complaints a week in each of A, B and C, most of them early in the week
// (each its own pace: Monday and Tuesday hold A's 16, B's 12, C's 14),
// and week 20 (2024-05-20) received up to its Wednesday 00:00, partial
// holding its products' Monday and Tuesday.
func earlyWeeks(partial map[string][]int) map[string][][]int {
	pace := map[string][]int{
		"A": {10, 6, 1, 1, 1, 1, 0},
		"B": {6, 6, 2, 2, 2, 1, 1},
		"C": {8, 6, 2, 2, 2, 0, 0},
	}
	out := map[string][][]int{}
	for p, week := range pace {
		for range 20 {
			out[p] = append(out[p], week)
		}
		out[p] = append(out[p], partial[p])
	}
	return out
}

// partialWeekAsOf is Wednesday 00:00 of week 20: 2 days of 7 elapsed.
var partialWeekAsOf = fixtureStart.AddDate(0, 0, 7*20+2)

// TestPartialWeekAtBaselinePace: a partial week is judged at the share of
// a week's complaints that arrive, in the baseline weeks, by the point it
// has reached, not at the calendar fraction elapsed. Complaints do not
// arrive evenly (the QA pass's generator puts 55% of a week's on Monday to
// Wednesday, 3/7 = 43% of its time): judged against the calendar, midweek
// expectations were 22% low, and a no-event export raised alerts in 25 of
// 208 Wednesdays' partial weeks, 11 of the complete ones.
//
// Here Monday and Tuesday hold 42 of the 60 complaints of each baseline
// week, pooled over the groups (16 + 12 + 14): 0.7 of a week, where the
// calendar says 2/7 = 0.286. Week 20, as of its Wednesday, holds each
// product's usual Monday and Tuesday: 42 of all complaints against an
// expected 0.7 x 60 = 42, and A's 16, B's 12, C's 14 against each
// product's own pace (0.8, 0.6 and 0.7 of its 20 a week, from its 240
// complaints of the 12 weeks before: TestPartialWeekGroupRhythms).
// Before, each product expected 20 x 2/7 = 5.714 and all complaints
// 17.143, and all four were raised.
func TestPartialWeekAtBaselinePace(t *testing.T) {
	db := openTestDB(t)
	loadCanonical(t, db, writeDays(t, earlyWeeks(map[string][]int{"A": {10, 6}, "B": {6, 6}, "C": {8, 6}})))
	res, err := Detect(context.Background(), db, Options{By: []string{"all", "product"}, AsOf: partialWeekAsOf, IncludePartial: true})
	if err != nil {
		t.Fatal(err)
	}
	logAlerts(t, res)
	if len(res.Alerts) != 0 {
		t.Errorf("a partial week at the baseline's own pace: %d alerts, want none", len(res.Alerts))
	}
}

// TestPartialWeekSpikeFound: a genuine spike in a partial week is still
// found, against the expectation at the baseline's pace. A has 40
// complaints by Tuesday (20 on each day) where its Monday and Tuesday had
// 16: all complaints, 40 + 12 + 14 = 66, expect 0.7 x 60 = 42 (the pooled
// share of TestPartialWeekAtBaselinePace times the baseline of exactly 60
// a week), and A, at its own pace, 0.8 x 20 = 16.
func TestPartialWeekSpikeFound(t *testing.T) {
	db := openTestDB(t)
	loadCanonical(t, db, writeDays(t, earlyWeeks(map[string][]int{"A": {20, 20}, "B": {6, 6}, "C": {8, 6}})))
	res, err := Detect(context.Background(), db, Options{By: []string{"all", "product"}, AsOf: partialWeekAsOf, IncludePartial: true})
	if err != nil {
		t.Fatal(err)
	}
	logAlerts(t, res)
	const week = "2024-05-20"
	if !hasAlert(res, KindSpike, "product", "A", week) {
		t.Errorf("no spike of A in the partial week %s", week)
	}
	found := false
	for _, a := range res.Alerts {
		if a.PeriodStart != week {
			t.Errorf("alert of %s: want only the partial week's, %s", a.PeriodStart, week)
		}
		if a.Group != "A" && a.Dimension != "all" {
			t.Errorf("alert on %s/%s: want A's and all complaints' only", a.Dimension, a.Group)
		}
		if a.Dimension == "all" && a.Kind == KindSpike {
			found = true
			if a.Observed != 66 || math.Abs(a.Expected-42) > 1e-3 {
				t.Errorf("all complaints: observed %g, expected %g; want 66 against 0.7 x 60 = 42", a.Observed, a.Expected)
			}
			if !strings.Contains(a.Method, "0.7 of a week") {
				t.Errorf("method %q: want it to say the share of a week judged at, 0.7", a.Method)
			}
		}
	}
	if !found {
		t.Errorf("no spike of all complaints in the partial week %s (66 against 42)", week)
	}
}

// TestPartialPaceShare: the share is pooled over the groups and read from
// the baseline periods' own timestamps, for any period; with fewer than
// minPaceComplaints in the baseline, the calendar fraction is used, and
// the note says which.
func TestPartialPaceShare(t *testing.T) {
	db := openTestDB(t)
	loadCanonical(t, db, writeDays(t, earlyWeeks(map[string][]int{"A": {10, 6}, "B": {6, 6}, "C": {8, 6}})))
	ctx := context.Background()
	week20 := fixtureStart.AddDate(0, 0, 7*20)
	for _, tt := range []struct {
		name     string
		period   Period
		from, to time.Time
		elapsed  time.Duration
		calendar float64
		want     float64
		note     string
	}{
		// weeks 8-19, to Wednesday 00:00: Monday and Tuesday hold
		// 16 + 12 + 14 = 42 of the 60 a week: 0.7 (A's own is 0.8)
		{"week", Week, fixtureStart.AddDate(0, 0, 7*8), week20, 48 * time.Hour, 2.0 / 7, 0.7,
			"expected at 0.7 of a week's complaints, the share the 12 weeks before received by this point of the week; 0.286 of its time has elapsed"},
		// the 14 days of weeks 0 and 1, to 09:05: each day's complaints
		// arrive at 09:00 + k minutes, so min(n, 5) of a day's n are
		// early: a week's A 5+5+1+1+1+1+0 = 14, B 5+5+2+2+2+1+1 = 18,
		// C 5+5+2+2+2 = 16, 48 of 60: 0.8
		{"day", Day, fixtureStart, fixtureStart.AddDate(0, 0, 14), 9*time.Hour + 5*time.Minute, (9 + 5.0/60) / 24, 0.8,
			"expected at 0.8 of a day's complaints, the share the 14 days before received by this point of the day"},
		// week 19 alone, 60 complaints: fewer than 100, the calendar
		{"too few", Week, fixtureStart.AddDate(0, 0, 7*19), week20, 48 * time.Hour, 2.0 / 7, 2.0 / 7,
			"expected at 0.286 of a week's complaints, the fraction of its time elapsed: the week before holds 60 complaints, fewer than the 100 a pace needs"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pc, err := readPace(ctx, db, tt.period, tt.from, tt.to, tt.elapsed)
			if err != nil {
				t.Fatal(err)
			}
			got, note := pc.share(tt.calendar, nil)
			if math.Abs(got-tt.want) > 1e-12 || !strings.Contains(note, tt.note) {
				t.Errorf("share = %g, note %q; want %g, %q", got, note, tt.want, tt.note)
			}
			// the sources left out (too young to judge) are left out
			// of the pace too: with the only one left out, nothing is
			// read, and the calendar is used
			if got, _ := pc.share(tt.calendar, []string{"fixture"}); got != tt.calendar {
				t.Errorf("share without the only source = %g, want the calendar's %g", got, tt.calendar)
			}
		})
	}
}
