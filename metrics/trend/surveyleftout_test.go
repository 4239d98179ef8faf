package trend

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// Week 12 (2024-03-25) is judged, as in TestSurveyTestsWithinSources;
// CSAT only. Source "old" answers 30 a week, all top-2, in weeks 4-11.
var oldWeeks = []surveyWeek{
	{week: 4, n: 30, csatTop: 30, source: "old"}, {week: 5, n: 30, csatTop: 30, source: "old"},
	{week: 6, n: 30, csatTop: 30, source: "old"}, {week: 7, n: 30, csatTop: 30, source: "old"},
	{week: 8, n: 30, csatTop: 30, source: "old"}, {week: 9, n: 30, csatTop: 30, source: "old"},
	{week: 10, n: 30, csatTop: 30, source: "old"}, {week: 11, n: 30, csatTop: 30, source: "old"},
}

// detectSurveyWeeks loads weeks and runs Detect with Options.Metrics as
// of the end of week 12.
func detectSurveyWeeks(t *testing.T, weeks ...[]surveyWeek) Result {
	t.Helper()
	db := openTestDB(t)
	for _, w := range weeks {
		loadSurveyWeeks(t, db, w)
	}
	res, err := Detect(context.Background(), db, Options{Metrics: true, AsOf: fixtureStart.AddDate(0, 0, 7*13)})
	if err != nil {
		t.Fatal(err)
	}
	logAlerts(t, res)
	return res
}

// csatShift is the CSAT shift alert of res, nil when there is none.
func csatShift(res Result) *Alert {
	for i, a := range res.Alerts {
		if a.Metric == MetricCSAT && a.Kind == KindShift {
			return &res.Alerts[i]
		}
	}
	return nil
}

// TestSurveyEvidenceOfComparedSources: a QA pass's source tA (40 CSAT
// answers a month 2023-01..2024-02, 30% top-2 in 2024-02) and tB (40 in
// 2024-02 only): `trends --metrics --period month` read a shift of 0.3
// (tA's 12 of 40) with survey_sources compared [tA], left out [tB], and
// cited tB's tb2_0 and tb2_28 among its five responses: the evidence was
// every source's answers in the period. It is the compared sources' only.
//
// Here "old" falls to 10 of 40 in week 12 and "new" answers 40 in week 12
// only, no baseline: "new"'s IDs sort first (new-r12-00 before
// old-r12-00, the same times), so before the fix all five were "new"'s.
func TestSurveyEvidenceOfComparedSources(t *testing.T) {
	res := detectSurveyWeeks(t, oldWeeks, []surveyWeek{
		{week: 12, n: 40, csatTop: 10, source: "old"},
		{week: 12, n: 40, csatTop: 40, source: "new"},
	})
	shift := csatShift(res)
	if shift == nil {
		t.Fatal("no csat shift of old's 10 of 40 against 240 of 240")
	}
	want := &SurveySources{Compared: []string{"old"}, LeftOut: []string{"new"}}
	if !reflect.DeepEqual(shift.SurveySources, want) {
		t.Errorf("survey sources %+v, want %+v", shift.SurveySources, want)
	}
	if len(shift.Evidence) != 5 {
		t.Errorf("evidence %v, want five responses", shift.Evidence)
	}
	for _, id := range shift.Evidence {
		if !strings.HasPrefix(id, "old-r12-") {
			t.Errorf("evidence %v: %s is not a response of old in week 12", shift.Evidence, id)
		}
	}
}

// TestSurveySourcesLeftOutOfTests: survey_sources was written on alerts
// only: the QA pass's tA unchanged, tB new, read `{"alerts": [],
// "metrics_tested": ["csat"], "tests": 1}`, nothing saying tB's answers
// were not tested. Result.SurveySourcesLeftOut names, for every NPS or
// CSAT test made, the sources it left out and why.
func TestSurveySourcesLeftOutOfTests(t *testing.T) {
	const judged = "2024-03-25"
	for _, tt := range []struct {
		name  string
		weeks []surveyWeek
		tests int
		want  []SurveySourceLeftOut
	}{
		// The QA case: "old" unchanged (30 of 30 in week 12), "new" with
		// week 12's answers only. The level test of "old" and its line
		// through weeks 4-12, "new" left out of both (the line started
		// when "new" began, week 12, and was no test: a source new in
		// the period judged took it away), no alert.
		{"new source, no alert", []surveyWeek{
			{week: 12, n: 30, csatTop: 30, source: "old"}, {week: 12, n: 40, csatTop: 40, source: "new"}}, 2,
			[]SurveySourceLeftOut{
				{PeriodStart: judged, Metric: MetricCSAT, Test: "level", Source: "new", Reason: ReasonNoBaseline, Responses: 40},
				{PeriodStart: judged, Metric: MetricCSAT, Test: "trend", Source: "new", Reason: ReasonNoBaseline, Responses: 40}}},
		// "gone" answered in weeks 10 and 11, not 12: left out of the
		// level test and of the line through "old"'s weeks 4-12 (no
		// answers in the period judged).
		{"source stopped", []surveyWeek{
			{week: 10, n: 30, csatTop: 30, source: "gone"}, {week: 11, n: 30, csatTop: 30, source: "gone"},
			{week: 12, n: 30, csatTop: 30, source: "old"}}, 2,
			[]SurveySourceLeftOut{
				{PeriodStart: judged, Metric: MetricCSAT, Test: "level", Source: "gone", Reason: ReasonNoResponses},
				{PeriodStart: judged, Metric: MetricCSAT, Test: "trend", Source: "gone", Reason: ReasonNoResponses}}},
		// One source: the level test and the line, nothing left out.
		{"one source", []surveyWeek{{week: 12, n: 30, csatTop: 30, source: "old"}}, 2, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := detectSurveyWeeks(t, oldWeeks, tt.weeks)
			if len(res.Alerts) != 0 {
				t.Errorf("%d alerts, want none", len(res.Alerts))
			}
			if res.Tests != tt.tests {
				t.Errorf("%d tests, want %d", res.Tests, tt.tests)
			}
			if !reflect.DeepEqual(res.SurveySourcesLeftOut, tt.want) {
				t.Errorf("survey sources left out %+v, want %+v", res.SurveySourcesLeftOut, tt.want)
			}
		})
	}
}

// TestSurveyShiftMethodOfSources: the level test's method said "against
// the pooled baseline" where each source's answers were expected at that
// source's own baseline score; with two sources compared it says so.
// "a" and "b" answer 30 a week, all top-2, in weeks 8-11 and fall to 10
// of 30 each in week 12.
func TestSurveyShiftMethodOfSources(t *testing.T) {
	var weeks []surveyWeek
	for w := 8; w <= 12; w++ {
		top := 30
		if w == 12 {
			top = 10
		}
		weeks = append(weeks, surveyWeek{week: w, n: 30, csatTop: top, source: "a"}, surveyWeek{week: w, n: 30, csatTop: top, source: "b"})
	}
	shift := csatShift(detectSurveyWeeks(t, weeks))
	if shift == nil {
		t.Fatal("no csat shift of 20 of 60 against 240 of 240")
	}
	if shift.Method != methodMetricLevelBySource {
		t.Errorf("method %q, want %q", shift.Method, methodMetricLevelBySource)
	}
	if !strings.Contains(shift.Method, "each source against its own baseline") {
		t.Errorf("method %q does not say each source is compared with its own baseline", shift.Method)
	}
}
