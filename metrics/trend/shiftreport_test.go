package trend

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// alertJSON is an alert as the trends JSON writes it, for the fields a
// test reads by name.
func alertJSON(t *testing.T, a Alert) map[string]any {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// findAlert is the alert of kind on group judging period, nil if none.
func findAlert(res Result, kind, group, period string) *Alert {
	for i, a := range res.Alerts {
		if a.Kind == kind && a.Group == group && a.PeriodStart == period {
			return &res.Alerts[i]
		}
	}
	return nil
}

// stepFixture is 22 weeks from fixtureStart of the products A-D at 20
// complaints a week and S at 10 a week, then 30 from week 16 (Mon
// 2024-04-22) on.
func stepFixture(t *testing.T) *warehouse.DB {
	t.Helper()
	s := make([]int, 22)
	for w := range s {
		s[w] = 10
		if w >= 16 {
			s[w] = 30
		}
	}
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": flat(20, 22), "B": flat(20, 22), "C": flat(20, 22), "D": flat(20, 22), "S": s}, 0))
	return db
}

// TestShiftContinuing: S steps from 10 to 30 a week in week 16. Replayed
// weeks 16-21 (measured before this change): spikes in weeks 16 and 17,
// then "shift S 30 vs 10 since 2024-04-22" in each of weeks 18 to 21, as
// if new each week (the QA pass's "shift topic other", raised in weeks 7
// to 10, always since 2019-03-11). A shift that the run of the period
// before raised too, same group, same direction, is continuing (JSON
// "continuing": true): week 18's is new, weeks 19-21's continue it. A run
// of one period knows it as the replay does: the run as of week 19's end
// replays week 18 for it, and the run as of week 18's end has no shift of
// week 17 to continue.
func TestShiftContinuing(t *testing.T) {
	db := stepFixture(t)
	ctx := context.Background()
	res, err := Detect(ctx, db, Options{By: []string{"product"}, Since: fixtureStart.AddDate(0, 0, 7*16), AsOf: fixtureStart.AddDate(0, 0, 7*22)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		period     string
		continuing bool
	}{
		{"2024-05-06", false}, // week 18: the first shift
		{"2024-05-13", true},
		{"2024-05-20", true},
		{"2024-05-27", true},
	} {
		a := findAlert(res, KindShift, "S", tt.period)
		if a == nil {
			t.Errorf("replay: no shift of S in the week of %s", tt.period)
			continue
		}
		if a.Since != "2024-04-22" {
			t.Errorf("replay: shift of S in the week of %s since %q, want 2024-04-22", tt.period, a.Since)
		}
		if got := alertJSON(t, *a)["continuing"] == true; got != tt.continuing {
			t.Errorf("replay: shift of S in the week of %s: continuing %v, want %v", tt.period, got, tt.continuing)
		}
	}
	// one period judged: the period before is replayed for it
	for _, tt := range []struct {
		weeks      int // as of the end of week weeks-1
		period     string
		continuing bool
	}{
		{19, "2024-05-06", false},
		{20, "2024-05-13", true},
	} {
		res, err := Detect(ctx, db, Options{By: []string{"product"}, AsOf: fixtureStart.AddDate(0, 0, 7*tt.weeks)})
		if err != nil {
			t.Fatal(err)
		}
		a := findAlert(res, KindShift, "S", tt.period)
		if a == nil {
			t.Errorf("as of week %d: no shift of S, alerts %+v", tt.weeks-1, res.Alerts)
			continue
		}
		if got := alertJSON(t, *a)["continuing"] == true; got != tt.continuing {
			t.Errorf("as of week %d: shift of S continuing %v, want %v", tt.weeks-1, got, tt.continuing)
		}
	}
}

// TestShiftEvidenceSinceChange: a shift's observed and expected are per
// period since its start, and so its evidence is the group's complaints
// since then (the five earliest), not the period judged's alone: F falls
// from 12 to 1 a week in week 16 (2024-04-22); judged in week 21, its
// evidence was F-21-000 alone (measured before this change), and a fall
// to none had none at all (the QA pass's "shift topic other 0.2 vs 11.5",
// evidence empty). Now F-16-000 ... F-20-000, the five earliest of the
// six since the change.
func TestShiftEvidenceSinceChange(t *testing.T) {
	f := make([]int, 22)
	for w := range f {
		f[w] = 12
		if w >= 16 {
			f[w] = 1
		}
	}
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": flat(20, 22), "B": flat(20, 22), "C": flat(20, 22), "D": flat(20, 22), "F": f}, 0))
	res, err := Detect(context.Background(), db, Options{By: []string{"product"}, AsOf: fixtureStart.AddDate(0, 0, 7*22)})
	if err != nil {
		t.Fatal(err)
	}
	a := findAlert(res, KindShift, "F", "2024-05-27")
	if a == nil {
		t.Fatalf("alerts %+v, want a shift of F", res.Alerts)
	}
	want := []string{"F-16-000", "F-17-000", "F-18-000", "F-19-000", "F-20-000"}
	if a.Since != "2024-04-22" || !slices.Equal(a.Evidence, want) {
		t.Errorf("shift of F since %s, evidence %v; want since 2024-04-22, evidence %v", a.Since, a.Evidence, want)
	}
}

// TestShiftMinCountBeforeLevel: MinCount counts the complaints an alert
// stands on. A, B and C grow from 20 to 100 a week in week 16; G falls
// from 2 a week to none, H from 8 to none. At the volume since (five
// times), G's share before reads 10 a week (measured: "shift G 0 vs 10",
// and from week 20 "falling G 0.94 vs 10"), though G never had more than
// 2: the QA pass's fraud_security, 0-2 a week, "shift 0.0 vs 7.1" under
// --min-count 5. A fall stands on the complaints the group had before
// it: G's 2 a week are under 5 and raise nothing, H's 8 a week still
// raise its shift and its fall.
func TestShiftMinCountBeforeLevel(t *testing.T) {
	a, g, h := make([]int, 22), make([]int, 22), make([]int, 22)
	for w := range a {
		a[w], g[w], h[w] = 20, 2, 8
		if w >= 16 {
			a[w], g[w], h[w] = 100, 0, 0
		}
	}
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": a, "B": a, "C": a, "G": g, "H": h}, 0))
	res, err := Detect(context.Background(), db, Options{By: []string{"product"}, Since: fixtureStart.AddDate(0, 0, 7*16), AsOf: fixtureStart.AddDate(0, 0, 7*22)})
	if err != nil {
		t.Fatal(err)
	}
	for _, al := range res.Alerts {
		if al.Group == "G" {
			t.Errorf("%s %s of G in the week of %s: %g vs %g expected; G had 2 complaints a week, under MinCount 5", al.Kind, al.Dimension, al.PeriodStart, al.Observed, al.Expected)
		}
	}
	if findAlert(res, KindShift, "H", "2024-05-27") == nil || findAlert(res, KindFalling, "H", "2024-05-27") == nil {
		t.Errorf("alerts %+v, want H's shift and fall in the week of 2024-05-27 (8 a week before)", res.Alerts)
	}
}

// coverageFixture loads 22 weeks of the products A-D at 20 complaints a
// week (IDs P-WW-KKK, k 0-19 of a week) and classifies them: a complaint
// with a narrative (language 'en') gets topic other when k is a multiple
// of 5, else its product; one without (language NULL) gets its product,
// as classify gives a complaint without a narrative the topic of its
// product. Complaint k has a narrative when k < before in weeks 0-15,
// when k < after from week 16 (2024-04-22) on.
func coverageFixture(t *testing.T, before, after int) *warehouse.DB {
	t.Helper()
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": flat(20, 22), "B": flat(20, 22), "C": flat(20, 22), "D": flat(20, 22)}, 0))
	if _, err := db.ExecContext(context.Background(), `INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, language, model, classified_at)
		SELECT source, complaint_id,
		       CASE WHEN txt AND k % 5 = 0 THEN 'other' ELSE product END,
		       false, false, false,
		       CASE WHEN txt THEN 'en' END,
		       'classify/1 taxonomy:default@9', TIMESTAMP '2024-06-01'
		FROM (SELECT *, CAST(split_part(complaint_id, '-', 3) AS INT) AS k,
		             CAST(split_part(complaint_id, '-', 3) AS INT) < CASE WHEN CAST(split_part(complaint_id, '-', 2) AS INT) < 16 THEN $1 ELSE $2 END AS txt
		      FROM complaints)`, before, after); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestTextCoverageCaveat: topic other is only ever read from a narrative;
// when 90% of complaints had one (18 of 20 a week per product) and 5% have
// one from week 16 (1 of 20), other falls from 16 a week to 4 with no
// change in what customers complain of (the QA pass: the share with a
// narrative fell from about 90% to 5%, "shift topic other" q 8e-07). Its
// alerts carry the caveat (JSON text_coverage): the share of the
// complaints classified from their text in what the alert reads as
// changed, 4/80 = 0.05 a week since the change for the shift, against
// 72/80 = 0.9 a week in the weeks before it, which it compares with;
// the product alerts, which read no text, carry none. With the narratives' share steady (90% throughout)
// nothing falls and nothing carries it.
func TestTextCoverageCaveat(t *testing.T) {
	ctx := context.Background()
	asOf := fixtureStart.AddDate(0, 0, 7*22)
	res, err := Detect(ctx, coverageFixture(t, 18, 1), Options{By: []string{"topic", "product"}, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	shift := findAlert(res, KindShift, "other", "2024-05-27")
	if shift == nil {
		t.Fatalf("alerts %+v, want a shift of topic other", res.Alerts)
	}
	cov, ok := alertJSON(t, *shift)["text_coverage"].(map[string]any)
	if !ok {
		t.Fatalf("shift of other: %+v, want a text_coverage caveat", alertJSON(t, *shift))
	}
	// computed by hand from the fixture: weeks 16-21, 4 of 80 a week;
	// the weeks before, 72 of 80
	if got, want := cov["share"], 0.05; got != want {
		t.Errorf("text_coverage share = %v, want %v", got, want)
	}
	if got, want := cov["baseline_share"], 0.9; got != want {
		t.Errorf("text_coverage baseline_share = %v, want %v", got, want)
	}
	if p, _ := cov["p_value"].(float64); !(p < 1e-10) {
		t.Errorf("text_coverage p_value = %v, want < 1e-10 (z about 30)", cov["p_value"])
	}
	for _, a := range res.Alerts {
		if _, has := alertJSON(t, a)["text_coverage"]; has != (a.Dimension == "topic") {
			t.Errorf("%s %s %s: text_coverage %v, want it on topic alerts only", a.Kind, a.Dimension, a.Group, has)
		}
	}

	steady, err := Detect(ctx, coverageFixture(t, 18, 18), Options{By: []string{"topic", "product"}, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range steady.Alerts {
		t.Errorf("steady narratives: alert %s %s %s, want none", a.Kind, a.Dimension, a.Group)
	}
}

// TestTextCoverageTwoProportions: the caveat's test, by hand: 4 of 80
// against 72 of 80 pooled 76/160 = 0.475, z = (0.05 - 0.9) /
// sqrt(0.475 * 0.525 * (1/80 + 1/80)) = -10.765, two-sided p =
// erfc(10.765 / sqrt 2) = 5.02e-27 (Python's math.erfc; z squared,
// 115.89, is the X-squared of R's prop.test(c(4, 72), c(80, 80),
// correct = FALSE)); equal shares are no change (p 1), and a share of
// nothing is no test.
func TestTextCoverageTwoProportions(t *testing.T) {
	if p, ok := twoProportions(4, 80, 72, 80); !ok || math.Abs(math.Log10(p)-math.Log10(5.02e-27)) > 0.01 {
		t.Errorf("twoProportions(4, 80, 72, 80) = %g, %v; want 5.02e-27", p, ok)
	}
	if p, ok := twoProportions(9, 10, 90, 100); !ok || p != 1 {
		t.Errorf("twoProportions(9, 10, 90, 100) = %g, %v; want 1", p, ok)
	}
	if _, ok := twoProportions(0, 0, 72, 80); ok {
		t.Errorf("twoProportions(0, 0, 72, 80): ok, want no test")
	}
}

// TestMetricsTested: with Options.Metrics and no survey answer or
// resolution time at all, no NPS, CSAT or resolution test is made, and
// the result says which metrics were tested (JSON metrics_tested: none,
// the key absent), so that a page does not say it tested them (the QA
// pass's weekly page: "with CSAT, NPS and resolution time", "no count,
// share or score changed", while `trends --metrics` made 1 test). With
// 40 answers a week, NPS and CSAT are tested.
func TestMetricsTested(t *testing.T) {
	ctx := context.Background()
	asOf := fixtureStart.AddDate(0, 0, 7*14)
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": flat(20, 14), "B": flat(20, 14), "C": flat(20, 14)}, 0))
	res, err := Detect(ctx, db, Options{By: []string{"all"}, AsOf: asOf, Metrics: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	// asked and none tested is an empty list, told apart from not asked
	// (absent): a QA pass could not tell the two apart
	if got, has := m["metrics_tested"]; !has || got == nil || len(got.([]any)) != 0 {
		t.Errorf("no surveys: metrics_tested = %v (present %v), want an empty list", got, has)
	}
	if res, err := Detect(ctx, db, Options{By: []string{"all"}, AsOf: asOf}); err != nil {
		t.Fatal(err)
	} else if b, _ := json.Marshal(res); strings.Contains(string(b), "metrics_tested") {
		t.Errorf("without --metrics: %s, want no metrics_tested", b)
	}
	if res.Tests == 0 {
		t.Errorf("no test made, want the volume test of all complaints")
	}

	var weeks []surveyWeek
	for w := range 14 {
		weeks = append(weeks, surveyWeek{week: w, n: 40, csatTop: 30, nps: true, promoters: 20, detractors: 10})
	}
	loadSurveyWeeks(t, db, weeks)
	res, err = Detect(ctx, db, Options{By: []string{"all"}, AsOf: asOf, Metrics: true})
	if err != nil {
		t.Fatal(err)
	}
	if b, err = json.Marshal(res); err != nil {
		t.Fatal(err)
	}
	m = nil
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	got, _ := m["metrics_tested"].([]any)
	if len(got) != 2 || got[0] != MetricNPS || got[1] != MetricCSAT {
		t.Errorf("40 answers a week: metrics_tested = %v, want [nps csat]", m["metrics_tested"])
	}
}

// TestFallMinCountRecentLevel: a fall's level before is that of the
// periods just before its change, not of the whole window: M had 1
// complaint a week in weeks 0-29, when A, B and C had 5, then 8 a week
// beside their 40 in weeks 30-45, and falls to 2 from week 46. Over the
// 46 weeks before the change M averaged (30 + 128) / 46 = 3.4, under
// MinCount 5; in the 8 before it, 8: its fall stands on 8 complaints a
// week and is raised (the QA pass's Mortgage: 12.6 a week in the 8 weeks
// before its change, 2.6 over its window; a whole-window level lost its
// alert).
func TestFallMinCountRecentLevel(t *testing.T) {
	a, m := make([]int, 52), make([]int, 52)
	for w := range a {
		switch {
		case w < 30:
			a[w], m[w] = 5, 1
		case w < 46:
			a[w], m[w] = 40, 8
		default:
			a[w], m[w] = 40, 2
		}
	}
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": a, "B": a, "C": a, "M": m}, 0))
	res, err := Detect(context.Background(), db, Options{By: []string{"product"}, AsOf: fixtureStart.AddDate(0, 0, 7*52)})
	if err != nil {
		t.Fatal(err)
	}
	if a := findAlert(res, KindShift, "M", "2024-12-23"); a == nil || a.Since != "2024-11-18" {
		t.Errorf("alerts %+v, want M's shift since 2024-11-18 in the week of 2024-12-23", res.Alerts)
	}
}
