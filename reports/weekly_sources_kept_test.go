package reports

import (
	"html"
	"strings"
	"testing"

	"github.com/complaints/complaints/metrics/trend"
)

// TestWeeklyKeptTestNamesSources: a test the survey sources kept from
// being made said "1 answer of survey sources with 30 or more of their
// own" and named none of the sources that answered (the QA pass's April
// 2018 of telA: 384 answers of tel-new, none before, and 1 of tel-old).
// The detector records the sources it set aside (SurveySourcesLeftOut,
// with each one's answers of the period); the note names them, and is no
// "raised no alert" note of a test made.
func TestWeeklyKeptTestNamesSources(t *testing.T) {
	const week = "2024-03-25"
	an := &Analytics{Tests: 10, MetricsTested: []string{trend.MetricCSAT},
		SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "level", Source: "tel-new", Reason: trend.ReasonNoBaseline, Responses: 384},
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "trend", Source: "tel-new", Reason: trend.ReasonNoBaseline, Responses: 384},
		},
		MetricsNotTested: []trend.MetricNotTested{
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "level", Reason: trend.ReasonSurveySources, Responses: 1, MinResponses: 30},
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "trend", Reason: trend.ReasonSurveySources, Responses: 1, MinResponses: 30},
		},
	}
	alerts := html.UnescapeString(sectionOf(pageOf(t, writeAnalytics(t, an), "weekly.html"), "alerts"))
	pageHas(t, "weekly.html trend alerts", alerts, []string{
		"NPS of the week of 2024-03-25 not tested within survey sources: tel-new (no answers in the 12 weeks before it; 384 answers this week) left out; " +
			"1 answer of survey sources with 30 or more of their own in the 12 weeks before it, a test needs 30 " +
			"(a score is compared with the same survey source's answers only, so a new instrument's answers are not compared with an old one's).",
	}, []string{"raised no alert"})
}

// TestWeeklySourcesNoteMerged: a week's NPS shift and rising that left
// out the same source for the same reason got two near-identical notes,
// both in the alerts in brief too (QA); they are one note. A CSAT shift
// of another reason keeps its own.
func TestWeeklySourcesNoteMerged(t *testing.T) {
	const week = "2024-03-25"
	ss := &trend.SurveySources{Compared: []string{"a"}, LeftOut: []string{"b"}}
	alert := func(kind, metric, since string) trend.Alert {
		return trend.Alert{Kind: kind, Dimension: "all", Group: "all", PeriodStart: week, Since: since, Metric: metric,
			Observed: 10, Expected: 40, PValue: 0.001, QValue: 0.01, Method: "test", SurveySources: ss}
	}
	an := &Analytics{Tests: 10, MetricsTested: []string{trend.MetricNPS, trend.MetricCSAT},
		Alerts: []trend.Alert{alert(trend.KindRising, trend.MetricNPS, "2024-01-01"), alert(trend.KindShift, trend.MetricCSAT, ""),
			alert(trend.KindShift, trend.MetricNPS, "")},
		SurveySourcesLeftOut: []trend.SurveySourceLeftOut{
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "level", Source: "b", Reason: trend.ReasonNoBaseline, Responses: 40},
			{PeriodStart: week, Metric: trend.MetricNPS, Test: "trend", Source: "b", Reason: trend.ReasonNoBaseline, Responses: 40},
			{PeriodStart: week, Metric: trend.MetricCSAT, Test: "level", Source: "b", Reason: trend.ReasonFewBaseline, Responses: 40},
		},
	}
	page := pageOf(t, writeAnalytics(t, an), "weekly.html")
	alerts := html.UnescapeString(sectionOf(page, "alerts"))
	brief := html.UnescapeString(sectionOf(page, "alerts-summary"))
	nps := "NPS alerts of the week of 2024-03-25 (the week's level against the 12 weeks before it and a rising trend line): the tests compared a's answers only, and left out b (no answers in the 12 weeks before it): "
	csat := "CSAT alert of the week of 2024-03-25 (the week's level against the 12 weeks before it): the test compared a's answers only, and left out b (fewer than 30 answers in the 12 weeks before it): "
	for name, sec := range map[string]string{"trend alerts": alerts, "alerts in brief": brief} {
		pageHas(t, "weekly.html "+name, sec, []string{nps, csat}, []string{"NPS rising of", "NPS shift of"})
		if n := strings.Count(sec, "left out b"); n != 2 {
			t.Errorf("weekly.html %s says \"left out b\" %d times, want twice (NPS once, CSAT once):\n%s", name, n, sec)
		}
	}
}
