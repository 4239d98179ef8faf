package trend

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

// TestSurveyTestsWithinSources: a change of survey instrument is a change
// of the survey source behind a score (each export profile or mapping
// loads its own source), not of what customers think. A QA pass loaded a
// 5-point CSAT survey (source it-csat-2018, months 2018-09..2019-08) and
// a 1-10 agreement item rescaled (it-csat-2019, 2019-11..2020-02):
// `report --period month` read "shift csat 77.1% against 93.3%, q 0.031",
// February's answers (all of the 2019 item) against a baseline pooling
// both. NPS and CSAT tests now compare the answers of each source with
// that source's own (metricTestsAt), and the alert names the sources
// compared and those left out (Alert.SurveySources).
//
// Week 12 (2024-03-25) is judged, as in TestSurveyTestsNeedMinResponses;
// CSAT only. Source "old" answers in weeks 4-8 (30 a week, all top-2),
// "new" from week 9.
func TestSurveyTestsWithinSources(t *testing.T) {
	old := []surveyWeek{
		{week: 4, n: 30, csatTop: 30, source: "old"}, {week: 5, n: 30, csatTop: 30, source: "old"},
		{week: 6, n: 30, csatTop: 30, source: "old"}, {week: 7, n: 30, csatTop: 30, source: "old"},
		{week: 8, n: 30, csatTop: 30, source: "old"},
	}
	newWeeks := func(top, judgedTop int) []surveyWeek {
		return []surveyWeek{
			{week: 9, n: 15, csatTop: top, source: "new"}, {week: 10, n: 15, csatTop: top, source: "new"},
			{week: 11, n: 15, csatTop: top, source: "new"}, {week: 12, n: 40, csatTop: judgedTop, source: "new"},
		}
	}
	asOf := fixtureStart.AddDate(0, 0, 7*13)
	for _, tt := range []struct {
		name  string
		weeks []surveyWeek
		tests int
		// the csat shift: nil, none
		shift *Alert
	}{
		// QA's case. "new" scores 36 of 45 (0.8) before week 12 and 31 of
		// 40 (0.775) in it. Pooled with "old" (150 of 150), the baseline
		// read 186 of 195 (0.954), a shift of p 0.009 (measured before
		// this change; a second test, a line through weeks 4-8 and 12, the
		// weeks of 30 answers). Within "new": 0.775 against 0.8, one test
		// and no alert (no line: one week of "new" has 30 answers).
		{"instrument changed", append(slices.Clone(old), newWeeks(12, 31)...), 1, nil},
		// A real fall within "new": 42 of 45 (0.933) before, 10 of 40
		// (0.25) in week 12. The shift expects "new"'s own 0.933, not
		// the pool's 192/195 = 0.985, and names "old" left out.
		{"fall within the new source", append(slices.Clone(old), newWeeks(14, 10)...), 1,
			&Alert{Observed: 0.25, Expected: 0.933,
				SurveySources: &SurveySources{Compared: []string{"new"}, LeftOut: []string{"old"}}}},
		// Both sources every week, each at its own level ("a" all top-2,
		// "b" 5 of 10 or 15 of 30), the mix turned in week 12: 30 "a" and
		// 10 "b" a week in weeks 8-11, 10 "a" and 30 "b" in week 12.
		// Pooled, 0.625 against 0.875 read a shift; standardised, week
		// 12's sources expect (10 x 1 + 30 x 0.5)/40 = 0.625, what it
		// scored: no shift.
		{"mix of two sources turned", []surveyWeek{
			{week: 8, n: 30, csatTop: 30, source: "a"}, {week: 8, n: 10, csatTop: 5, source: "b"},
			{week: 9, n: 30, csatTop: 30, source: "a"}, {week: 9, n: 10, csatTop: 5, source: "b"},
			{week: 10, n: 30, csatTop: 30, source: "a"}, {week: 10, n: 10, csatTop: 5, source: "b"},
			{week: 11, n: 30, csatTop: 30, source: "a"}, {week: 11, n: 10, csatTop: 5, source: "b"},
			{week: 12, n: 10, csatTop: 10, source: "a"}, {week: 12, n: 30, csatTop: 15, source: "b"},
		}, -1, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			loadSurveyWeeks(t, db, tt.weeks)
			res, err := Detect(context.Background(), db, Options{Metrics: true, AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			logAlerts(t, res)
			if tt.tests >= 0 && res.Tests != tt.tests {
				t.Errorf("%d tests made, want %d", res.Tests, tt.tests)
			}
			var shift *Alert
			for i, a := range res.Alerts {
				if a.Metric == MetricCSAT && a.Kind == KindShift {
					shift = &res.Alerts[i]
				} else if tt.tests >= 0 {
					t.Errorf("unexpected alert %s %s", a.Kind, a.Metric)
				}
			}
			switch {
			case tt.shift == nil && shift != nil:
				t.Errorf("csat shift %.3f against %.3f (p %.3g), want none", shift.Observed, shift.Expected, shift.PValue)
			case tt.shift != nil && shift == nil:
				t.Errorf("no csat shift, want %.3f against %.3f", tt.shift.Observed, tt.shift.Expected)
			case tt.shift != nil:
				if shift.Observed != tt.shift.Observed || shift.Expected != tt.shift.Expected {
					t.Errorf("csat shift %.3f against %.3f, want %.3f against %.3f", shift.Observed, shift.Expected, tt.shift.Observed, tt.shift.Expected)
				}
				if !reflect.DeepEqual(shift.SurveySources, tt.shift.SurveySources) {
					t.Errorf("survey sources %+v, want %+v", shift.SurveySources, tt.shift.SurveySources)
				}
			}
		})
	}
}
