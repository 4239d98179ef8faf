package trend

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/metrics"
)

// partialAnswers inserts n survey answers of the week of fixtureStart +
// week weeks, on its first days days (10:00): the first csatTop CSAT 5
// (the rest 1); the first promoters NPS 10, the next detractors NPS 0,
// the rest 7.
func partialAnswers(t *testing.T, db *warehouse.DB, week, days, n, csatTop, promoters, detractors int) {
	t.Helper()
	for k := 0; k < n; k++ {
		at := fixtureStart.AddDate(0, 0, 7*week+k%days).Add(10 * time.Hour)
		csat, nps := 1, 7
		if k < csatTop {
			csat = 5
		}
		switch {
		case k < promoters:
			nps = 10
		case k < promoters+detractors:
			nps = 0
		}
		if _, err := db.ExecContext(context.Background(), `INSERT INTO surveys (response_id, source, responded_at, csat, nps, ingest_run_id, row_hash) VALUES (?, 'fx', ?, ?, ?, 0, 0)`,
			fmt.Sprintf("p%02d-%03d", week, k), at, csat, nps); err != nil {
			t.Fatal(err)
		}
	}
}

// partialResolved inserts n complaints received on the Monday of the week
// of fixtureStart + week weeks (00:00 + k minutes) and resolved hours + k
// hours later.
func partialResolved(t *testing.T, db *warehouse.DB, week, n, hours int) {
	t.Helper()
	for k := 0; k < n; k++ {
		at := fixtureStart.AddDate(0, 0, 7*week).Add(time.Duration(k) * time.Minute)
		if _, err := db.ExecContext(context.Background(), `INSERT INTO complaints (complaint_id, source, received_at, resolved_at, ingest_run_id, row_hash) VALUES (?, 'fx', ?, ?, 0, 0)`,
			fmt.Sprintf("c%02d-%02d", week, k), at, at.Add(time.Duration(hours+k)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
}

// notTested reads the metrics not tested from the result's JSON, the
// contract the CLI and the pages read.
func notTested(t *testing.T, res Result) []map[string]any {
	t.Helper()
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		NotTested []map[string]any `json:"metrics_not_tested"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out.NotTested
}

// alertsOf returns the alerts of the period starting at day.
func alertsOf(res Result, day string) []Alert {
	var out []Alert
	for _, a := range res.Alerts {
		if a.PeriodStart == day {
			out = append(out, a)
		}
	}
	return out
}

// TestIncludePartialAddsPeriod: IncludePartial judges the incomplete
// period holding AsOf besides the latest complete one, each a run of its
// own (as Since's periods are). Before, the partial period replaced the
// complete one, and the metric tests were skipped on it: the QA pass's
// board pack warehouse as of 2025-12-15, month, gave 6 tests and two CSAT
// alerts for November without the flag and 1 test, 0 alerts with it,
// though December already held 96 NPS and 99 CSAT answers.
//
// Weeks of fixtureStart: 0-11 hold 40 answers each, CSAT 32 top-2 (0.8),
// NPS 20 promoters and 4 detractors (40); week 12 (2024-03-25), the latest
// complete, 40 answers of CSAT 16 top-2 (0.4: a shift from the 0.8
// before); week 13 (2024-04-01) is judged as of its Thursday 00:00 (3 of 7
// days), with answers on Monday to Wednesday. Complaints: 10 a week,
// received on Monday and resolved 20-29 hours later (weeks 0-12), and in
// week 13 eight resolved 50-57 hours later, all by Wednesday 10:00.
func TestIncludePartialAddsPeriod(t *testing.T) {
	if metrics.MinTestResponses != 30 {
		t.Fatalf("MinTestResponses = %d: the answers below assume 30", metrics.MinTestResponses)
	}
	const complete, partial = "2024-03-25", "2024-04-01"
	asOf := fixtureStart.AddDate(0, 0, 7*13+3)
	for _, tt := range []struct {
		name string
		// week 13's answers so far
		n, csatTop, promoters, detractors int
		// the tests of week 13 a level test is made for (30 answers or
		// more): csat and nps shift alerts, or notes saying why not
		levels bool
	}{
		// 35 answers: CSAT 7 of 35 (0.2) against the baseline pooled over
		// weeks 1-12, (11*32 + 16)/480 = 0.767; NPS 100 (3 - 20)/35 = -48.6
		// against 40: both far beyond sampling noise.
		{"35 answers so far", 35, 7, 3, 20, true},
		// 12 answers, fewer than the 30 a test needs: no level test.
		{"12 answers so far", 12, 2, 1, 8, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			ctx := context.Background()
			for w := 0; w <= 12; w++ {
				top := 32
				if w == 12 {
					top = 16
				}
				partialAnswers(t, db, w, 5, 40, top, 20, 4)
				partialResolved(t, db, w, 10, 20)
			}
			partialAnswers(t, db, 13, 3, tt.n, tt.csatTop, tt.promoters, tt.detractors)
			partialResolved(t, db, 13, 8, 50)

			without, err := Detect(ctx, db, Options{Metrics: true, AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			with, err := Detect(ctx, db, Options{Metrics: true, AsOf: asOf, IncludePartial: true})
			if err != nil {
				t.Fatal(err)
			}
			logAlerts(t, without)
			logAlerts(t, with)
			t.Logf("tests: %d without the partial week, %d with it; not tested %v", without.Tests, with.Tests, notTested(t, with))
			if !hasMetricAlert(without, KindShift, MetricCSAT, complete) {
				t.Fatalf("without IncludePartial: no CSAT shift in week 12 (%s): the fixture no longer shows one", complete)
			}
			// The complete week is judged as without the flag: the same
			// alerts, q-values and all (its own Benjamini-Hochberg run).
			if got, want := alertsOf(with, complete), alertsOf(without, complete); !reflect.DeepEqual(got, want) {
				t.Errorf("alerts of the complete week %s with IncludePartial:\n%+v\nwant those without it:\n%+v", complete, got, want)
			}
			if with.Tests <= without.Tests {
				t.Errorf("%d tests with IncludePartial, %d without: want the complete week's and the partial week's", with.Tests, without.Tests)
			}
			// The partial week: resolution times (eight of 50-57 hours
			// against 120 of 20-29: Mann-Whitney's z about 5) are a level
			// test of the complaints resolved so far.
			if !hasMetricAlert(with, KindShift, MetricResolution, partial) {
				t.Errorf("no resolution time shift in the partial week %s", partial)
			}
			for _, m := range []string{MetricCSAT, MetricNPS} {
				if got := hasMetricAlert(with, KindShift, m, partial); got != tt.levels {
					t.Errorf("%s shift alert in the partial week %s: %v, want %v", m, partial, got, tt.levels)
				}
				// a trend line through a period not yet complete is not
				// made
				if hasMetricAlert(with, KindRising, m, partial) || hasMetricAlert(with, KindFalling, m, partial) {
					t.Errorf("%s trend alert in the partial week %s", m, partial)
				}
			}
			// What was not tested is said, with why.
			want := map[string]bool{"nps/trend": true, "csat/trend": true}
			if !tt.levels {
				want["nps/level"], want["csat/level"] = true, true
			}
			got := map[string]bool{}
			for _, nt := range notTested(t, with) {
				if nt["period_start"] != partial || nt["reason"] == "" || nt["reason"] == nil {
					t.Errorf("metric not tested %v: want period_start %s and a reason", nt, partial)
				}
				got[fmt.Sprintf("%v/%v", nt["metric"], nt["test"])] = true
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("metrics not tested = %v, want %v", got, want)
			}
			if nt := notTested(t, without); len(nt) != 0 {
				t.Errorf("complete weeks only: metrics not tested %v, want none", nt)
			}

			// Since with IncludePartial replays the complete weeks and ends
			// with the partial one, judged as above.
			replay, err := Detect(ctx, db, Options{Metrics: true, AsOf: asOf, IncludePartial: true, Since: fixtureStart.AddDate(0, 0, 7*12)})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(replay.Alerts, with.Alerts) || replay.Tests != with.Tests {
				t.Errorf("replay from week 12 with the partial week: %d tests, alerts\n%+v\nwant %d, as IncludePartial alone:\n%+v", replay.Tests, replay.Alerts, with.Tests, with.Alerts)
			}
		})
	}
}

func hasMetricAlert(res Result, kind, metric, period string) bool {
	for _, a := range res.Alerts {
		if a.Kind == kind && a.Metric == metric && a.PeriodStart == period {
			return true
		}
	}
	return false
}
