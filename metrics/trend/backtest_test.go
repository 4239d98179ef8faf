package trend

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/synth/events"
)

// backtestScore compares the alerts of a --since replay with the answer key.
type backtestScore struct {
	events, detected, kindMatched int
	alerts, trueAlerts            int
	nullSeries, nullAlerts        int
	nullSeriesAlerted             int
	runs                          int
}

// eventWindow is the range of weeks in which an alert on the event's group
// counts as finding it: from its start to its end plus the Mann-Kendall
// window (12 weeks) for lasting changes, plus one week for spikes.
func eventWindow(ev events.Event) (from, to int) {
	if ev.Kind == events.Spike {
		return ev.Start, ev.Start + 1
	}
	return ev.Start, ev.End + 12
}

func scoreBacktest(t *testing.T, d events.Dataset, res Result, firstJudged int) backtestScore {
	t.Helper()
	start := d.Config.Start
	week := func(s string) int {
		ts, err := time.Parse(dateLayout, s)
		if err != nil {
			t.Fatalf("period_start %q: %v", s, err)
		}
		return int(ts.Sub(start).Hours() / 24 / 7)
	}
	byGroup := map[string][]events.Event{}
	for _, ev := range d.Events {
		byGroup[ev.Group] = append(byGroup[ev.Group], ev)
	}
	null := map[string]bool{}
	for _, g := range d.Null {
		null[g] = true
	}
	sc := backtestScore{events: len(d.Events), nullSeries: len(d.Null), runs: d.Config.Weeks - firstJudged}
	found := map[int]bool{}
	kindOK := map[int]bool{}
	nullHit := map[string]bool{}
	for _, a := range res.Alerts {
		sc.alerts++
		w := week(a.PeriodStart)
		ok := false
		for i, ev := range d.Events {
			if ev.Group != a.Group {
				continue
			}
			from, to := eventWindow(ev)
			if w >= from && w <= to {
				ok = true
				found[i] = true
				if a.Kind == ev.Kind || (ev.Kind == events.Shift && a.Kind == KindSpike && w == ev.Start) ||
					(ev.Kind == events.Shift && (a.Kind == KindRising || a.Kind == KindFalling)) {
					kindOK[i] = true
				}
			}
		}
		if ok {
			sc.trueAlerts++
		} else {
			t.Logf("false alert: %s %s week %d (%s) obs %.1f exp %.1f q %.2g null %v seasonal %v: %s", a.Kind, a.Group, w, a.PeriodStart, a.Observed, a.Expected, a.QValue, null[a.Group], slices.Contains(d.Seasonal, a.Group), a.Method)
		}
		if null[a.Group] {
			sc.nullAlerts++
			nullHit[a.Group] = true
		}
	}
	sc.detected = len(found)
	sc.kindMatched = len(kindOK)
	sc.nullSeriesAlerted = len(nullHit)
	for i, ev := range d.Events {
		if !found[i] {
			t.Logf("missed: %+v", ev)
		}
	}
	return sc
}

func TestBacktestSynthetic(t *testing.T) {
	if testing.Short() {
		t.Skip("backtest takes about 20 s")
	}
	ctx := context.Background()
	var total backtestScore
	for seed := uint64(1); seed <= 4; seed++ {
		d := events.Generate(events.Config{Seed: seed})
		path := filepath.Join(t.TempDir(), "synth.csv")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteCSV(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		db := openTestDB(t)
		loadCanonical(t, db, path)
		firstJudged := 52
		res, err := Detect(ctx, db, Options{
			Period: Week,
			By:     []string{"product"},
			Since:  d.Config.Start.AddDate(0, 0, 7*firstJudged),
			AsOf:   d.Config.Start.AddDate(0, 0, 7*d.Config.Weeks),
		})
		if err != nil {
			t.Fatal(err)
		}
		sc := scoreBacktest(t, d, res, firstJudged)
		t.Logf("seed %d: %+v", seed, sc)
		total.events += sc.events
		total.detected += sc.detected
		total.kindMatched += sc.kindMatched
		total.alerts += sc.alerts
		total.trueAlerts += sc.trueAlerts
		total.nullSeries += sc.nullSeries
		total.nullAlerts += sc.nullAlerts
		total.nullSeriesAlerted += sc.nullSeriesAlerted
		total.runs = sc.runs
	}
	precision := float64(total.trueAlerts) / float64(total.alerts)
	recall := float64(total.detected) / float64(total.events)
	perRun := 100 * float64(total.nullAlerts) / float64(total.nullSeries) / float64(total.runs)
	t.Logf("events %d, null series %d, runs per seed %d: precision %.3f (%d/%d), recall %.3f (%d/%d), kind agreement %d/%d, false alerts on null series %d (%.3f per 100 null series per run; %d null series ever alerted)",
		total.events, total.nullSeries, total.runs, precision, total.trueAlerts, total.alerts, recall, total.detected, total.events,
		total.kindMatched, total.events, total.nullAlerts, perRun, total.nullSeriesAlerted)
	if total.events < 50 || total.nullSeries < 100 {
		t.Fatalf("answer key has %d events and %d null series, want >= 50 and >= 100", total.events, total.nullSeries)
	}
	if precision < 0.9 {
		t.Errorf("precision = %.3f, want >= 0.9", precision)
	}
	if recall < 0.9 {
		t.Errorf("recall = %.3f, want >= 0.9", recall)
	}
	if perRun > 1 {
		t.Errorf("false alerts per 100 null series per run = %.3f, want <= 1", perRun)
	}
}

// TestBacktestNull replays 52 weeks over datasets with no event at all (48
// null groups each, a quarter with a seasonal share, total volume growing
// with a season). Under this global null Benjamini-Hochberg at q = 0.05
// bounds the chance that a run raises any alert by 0.05, so over 3 x 52
// runs about 8 runs may alert; the test allows 2q (16).
func TestBacktestNull(t *testing.T) {
	if testing.Short() {
		t.Skip("backtest takes about 5 s")
	}
	ctx := context.Background()
	runs, alerting, alerts := 0, 0, 0
	for seed := uint64(101); seed <= 103; seed++ {
		d := events.Generate(events.Config{Seed: seed, Events: -1})
		path := filepath.Join(t.TempDir(), "null.csv")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteCSV(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		db := openTestDB(t)
		loadCanonical(t, db, path)
		res, err := Detect(ctx, db, Options{By: []string{"product"}, Since: d.Config.Start.AddDate(0, 0, 7*52), AsOf: d.Config.Start.AddDate(0, 0, 7*d.Config.Weeks)})
		if err != nil {
			t.Fatal(err)
		}
		perRun := map[string]bool{}
		for _, a := range res.Alerts {
			perRun[a.PeriodStart] = true
			t.Logf("seed %d: %s %s %s (seasonal share %v) obs %.1f exp %.1f q %.2g (%s)", seed, a.PeriodStart, a.Kind, a.Group, slices.Contains(d.Seasonal, a.Group), a.Observed, a.Expected, a.QValue, a.Method)
		}
		runs += 52
		alerting += len(perRun)
		alerts += len(res.Alerts)
	}
	t.Logf("%d runs, %d with an alert (%.3f), %d alerts on %d null series", runs, alerting, float64(alerting)/float64(runs), alerts, 3*48)
	if alerting > 16 {
		t.Errorf("%d of %d null runs raised alerts, want <= 16 (2q)", alerting, runs)
	}
}
