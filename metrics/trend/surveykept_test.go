package trend

import (
	"reflect"
	"testing"
)

// TestSurveyTestNotMadeNamesSourcesLeftOut: a test the survey sources
// kept from being made (metrics_not_tested, reason survey_sources) said
// which sources answered and why they were set aside nowhere:
// survey_sources_left_out listed the tests made only (the QA pass's April
// of telA: 384 answers of tel-new, none before, and 1 of tel-old, read
// "1 answer of survey sources with 30 or more of their own"). Its sources
// left out are recorded as a made test's are, with the period's answers
// of each (Responses).
func TestSurveyTestNotMadeNamesSourcesLeftOut(t *testing.T) {
	// "a" answers 54 a week to week 11 and 1 in week 12; "b" answers 60
	// in week 12 only: the level test has 1 answer of a source with a
	// baseline, fewer than 30, and no line either (the pooled line had
	// 13 points of 30 or more answers).
	weeks := append(aWeeks(11), npsWeek("a", 12, 1, 1, 0), npsWeek("b", 12, 60, 12, 24))
	res := detectSurveyWeeks(t, weeks)
	wantNT := []MetricNotTested{
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "level", Reason: ReasonSurveySources, Responses: 1, MinResponses: 30},
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "trend", Reason: ReasonSurveySources, Responses: 1, MinResponses: 30},
	}
	if !reflect.DeepEqual(res.MetricsNotTested, wantNT) {
		t.Errorf("metrics not tested %+v, want %+v", res.MetricsNotTested, wantNT)
	}
	want := []SurveySourceLeftOut{
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "level", Source: "b", Reason: ReasonNoBaseline, Responses: 60},
		{PeriodStart: "2024-03-25", Metric: MetricNPS, Test: "trend", Source: "b", Reason: ReasonNoBaseline, Responses: 60},
	}
	if !reflect.DeepEqual(res.SurveySourcesLeftOut, want) {
		t.Errorf("survey sources left out %+v, want %+v", res.SurveySourcesLeftOut, want)
	}
}
