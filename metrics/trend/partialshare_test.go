package trend

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"
)

// rhythmWeeks is the fixture of the partial share tests, after the QA
// pass's pace3.csv (srcA 1,000 a week, 92% of it on Monday and Tuesday;
// srcB 1,000 a week spread evenly), at a tenth of its size: weeks 0-19 of
// 100 complaints a week in each of A (92 on Monday and Tuesday) and B
// (28 on Monday and Tuesday), then week 20 received to its Wednesday
// 00:00 (partialWeekAsOf), holding partial's Monday and Tuesday.
func rhythmWeeks(partial map[string][]int) map[string][][]int {
	pace := map[string][]int{
		"A": {46, 46, 2, 2, 2, 1, 1},
		"B": {14, 14, 14, 14, 14, 15, 15},
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

// TestPartialWeekGroupRhythms: groups of different weekly rhythms, each
// steady, raise nothing in a partial week nor in the complete week before.
// Pooled, Monday and Tuesday hold 120 of the 200 complaints of a week
// (0.6): A's 92 read against 0.6 x 100 = 60 as a volume spike, and
// against its whole-week share, half of the partial week's 120 (60), as
// a share spike (the QA pass: "spike srcA 904 expected 597, quasi-Poisson
// share baseline"). At each group's own pace (A 0.92, B 0.28, of 1,200
// complaints in the 12 weeks before, over the 100 a pace needs) A expects
// 92 and B 28, and A's share of the partial week is 0.5 x 0.92 / (0.5 x
// 0.92 + 0.5 x 0.28) = 92 of 120.
func TestPartialWeekGroupRhythms(t *testing.T) {
	db := openTestDB(t)
	loadCanonical(t, db, writeDays(t, rhythmWeeks(map[string][]int{"A": {46, 46}, "B": {14, 14}})))
	res, err := Detect(context.Background(), db, Options{By: []string{"all", "product"}, AsOf: partialWeekAsOf, IncludePartial: true})
	if err != nil {
		t.Fatal(err)
	}
	logAlerts(t, res)
	if len(res.Alerts) != 0 {
		t.Errorf("steady groups of different rhythms: %d alerts in the partial week or the one before, want none", len(res.Alerts))
	}
}

// TestPartialWeekGroupRhythmSpike: a real spike of the slow group in the
// partial week is still found, against its own pace: B has 60 complaints
// by Tuesday where its Monday and Tuesday held 28, its expected count
// 0.28 x 100 = 28 (pooled, 0.6 x 100 = 60, it was no spike at all), and
// the volume spike's method says the share used.
func TestPartialWeekGroupRhythmSpike(t *testing.T) {
	db := openTestDB(t)
	loadCanonical(t, db, writeDays(t, rhythmWeeks(map[string][]int{"A": {46, 46}, "B": {30, 30}})))
	res, err := Detect(context.Background(), db, Options{By: []string{"product"}, AsOf: partialWeekAsOf, IncludePartial: true})
	if err != nil {
		t.Fatal(err)
	}
	logAlerts(t, res)
	const week = "2024-05-20"
	found := false
	for _, a := range res.Alerts {
		if a.PeriodStart != week || a.Group != "B" {
			t.Errorf("alert %s %s/%s of %s: want B's of the partial week %s only", a.Kind, a.Dimension, a.Group, a.PeriodStart, week)
		}
		if a.Group == "B" && a.Kind == KindSpike && strings.HasPrefix(a.Method, methodCountSpike) {
			found = true
			if a.Observed != 60 || math.Abs(a.Expected-28) > 1e-3 {
				t.Errorf("B: observed %g, expected %g; want 60 against its own 0.28 x 100 = 28", a.Observed, a.Expected)
			}
			if !strings.Contains(a.Method, "0.28 of a week") {
				t.Errorf("method %q: want it to say the group's own share, 0.28", a.Method)
			}
		}
	}
	if !found {
		t.Errorf("no volume spike of B in the partial week %s (60 against 28)", week)
	}
}

// TestPartialGroupPace: a group's pace is its own where its baseline holds
// minPaceComplaints or more, else the pooled one. In earlyWeeks each
// product has 20 complaints a week, A's 16 on Monday and Tuesday (0.8),
// all 42 of 60 (0.7): five weeks give A 100 complaints, its own pace;
// four weeks 80, too few, and the pooled share of the 240.
func TestPartialGroupPace(t *testing.T) {
	db := openTestDB(t)
	loadCanonical(t, db, writeDays(t, earlyWeeks(map[string][]int{"A": {10, 6}, "B": {6, 6}, "C": {8, 6}})))
	ctx := context.Background()
	week20 := fixtureStart.AddDate(0, 0, 7*20)
	d, err := resolveDimension("product")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		weeks int
		want  float64
		note  string
	}{
		{"own", 5, 0.8, "expected at 0.8 of a week's complaints, the share of its own complaints the 5 weeks before received by this point of the week"},
		{"pooled", 4, 0.7, "expected at 0.7 of a week's complaints, the share the 4 weeks before received by this point of the week"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pc, err := readPace(ctx, db, Week, week20.AddDate(0, 0, -7*tt.weeks), week20, 48*time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if err := pc.readGroups(ctx, db, "product", d); err != nil {
				t.Fatal(err)
			}
			got, note := pc.groupShare("product", "A", 2.0/7, nil)
			if math.Abs(got-tt.want) > 1e-12 || !strings.Contains(note, tt.note) {
				t.Errorf("A's share = %g, note %q; want %g, %q", got, note, tt.want, tt.note)
			}
		})
	}
}
