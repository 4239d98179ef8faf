package trend

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/metrics"
)

// surveyWeek is the answers of one week of fixtureStart + week weeks: n
// answers, the first csatTop of them CSAT 5 (the rest 1), and when nps,
// the first promoters NPS 10, the next detractors NPS 0, the rest 7;
// from source ("fx" when empty). With npsOnly its answers have no CSAT
// (an NPS-only export, as the QA pass's of survey sources).
type surveyWeek struct {
	week, n, csatTop      int
	nps, npsOnly          bool
	promoters, detractors int
	source                string
}

func loadSurveyWeeks(t *testing.T, db *warehouse.DB, weeks []surveyWeek) {
	t.Helper()
	ctx := context.Background()
	for _, w := range weeks {
		for k := 0; k < w.n; k++ {
			at := fixtureStart.AddDate(0, 0, 7*w.week+k%5).Add(10 * time.Hour)
			var csat any = 1
			switch {
			case w.npsOnly:
				csat = nil
			case k < w.csatTop:
				csat = 5
			}
			var nps any
			if w.nps {
				switch {
				case k < w.promoters:
					nps = 10
				case k < w.promoters+w.detractors:
					nps = 0
				default:
					nps = 7
				}
			}
			src := w.source
			if src == "" {
				src = "fx"
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO surveys (response_id, source, responded_at, csat, nps, ingest_run_id, row_hash) VALUES (?, ?, ?, ?, ?, 0, 0)`,
				fmt.Sprintf("%s-r%02d-%02d", src, w.week, k), src, at, csat, nps); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSurveyTestsNeedMinResponses: the executive page tests a change of
// CSAT or NPS only with metrics.MinTestResponses (30) answers in each
// period; the trend detector tested a week of 40 answers against a
// baseline of 29 (QA: shift csat p = 1.39e-09, shift nps p = 6.55e-09,
// while the executive page said too few responses to tell). Its survey
// tests now need MinTestResponses answers in the period judged and in the
// baseline it pools, and each period a trend line goes through as many.
//
// Week 12 (2024-03-25) is judged (as of its end, Mon 04-01); its
// baseline is the weeks before it (trendLen 12: weeks 0-11), of which only
// those given hold answers. Week 12: 40 answers, CSAT 10 of 40 top-2
// (0.25); NPS 8 promoters, 24 detractors (-40).
func TestSurveyTestsNeedMinResponses(t *testing.T) {
	if metrics.MinTestResponses != 30 {
		t.Fatalf("MinTestResponses = %d: the hand working below assumes 30", metrics.MinTestResponses)
	}
	judged := surveyWeek{week: 12, n: 40, csatTop: 10, nps: true, promoters: 8, detractors: 24}
	asOf := fixtureStart.AddDate(0, 0, 7*13)
	type want struct {
		tests      int
		csatP      float64 // 0: no csat alert
		npsP       float64 // 0: no nps alert
		trendAlert bool
	}
	for _, tt := range []struct {
		name  string
		weeks []surveyWeek
		want  want
	}{
		// QA's case: a baseline week of 29 answers (CSAT 26 of 29 top-2; NPS
		// 20 promoters, 3 detractors). Before: z = (0.25 - 0.8966) /
		// sqrt(0.004763 + 0.003554) = -7.09, p = 1.3e-12 (CSAT) and
		// z = (-40 - 58.62) / sqrt(163.15 + 165.13) = -5.44, p = 5.2e-8
		// (NPS): two alerts. Now no test at all.
		{"baseline of 29", []surveyWeek{{week: 11, n: 29, csatTop: 26, nps: true, promoters: 20, detractors: 3}, judged},
			want{}},
		// One more answer (CSAT 5, NPS 10): 30, the test is made. CSAT
		// baseline 27/30 = 0.9, variance (smoothed 27.5/31) 0.0033385;
		// judged 0.25, variance (10.5/41) 0.0047628: z = -0.65 /
		// sqrt(0.0081013) = -7.2216, p = 2 (1 - Phi(7.2216)) = 5.137e-13.
		// NPS baseline 100 (21 - 3)/30 = 60, variance 1e4 (21.5/31 +
		// 3.5/31 - (18/31)^2)/30 = 156.434; judged -40, variance 1e4
		// (8.5/41 + 24.5/41 - (16/41)^2)/40 = 163.147: z = -100 /
		// sqrt(319.581) = -5.5938, p = 2.221e-8. Two level tests, no line
		// (two periods).
		{"baseline of 30", []surveyWeek{{week: 11, n: 30, csatTop: 27, nps: true, promoters: 21, detractors: 3}, judged},
			want{tests: 2, csatP: 5.137e-13, npsP: 2.221e-8}},
		// The baseline pooled over two weeks of 15 (CSAT 13 + 14 = 27 of 30;
		// NPS 10 + 11 = 21 promoters, 1 + 2 = 3 detractors): the same pooled
		// counts as "baseline of 30", the same tests.
		{"baseline of 15 and 15", []surveyWeek{
			{week: 10, n: 15, csatTop: 13, nps: true, promoters: 10, detractors: 1},
			{week: 11, n: 15, csatTop: 14, nps: true, promoters: 11, detractors: 2}, judged},
			want{tests: 2, csatP: 5.137e-13, npsP: 2.221e-8}},
		// The period judged with 29 answers (the baseline's 30 enough): no test.
		{"judged 29", []surveyWeek{{week: 11, n: 30, csatTop: 27, nps: true, promoters: 21, detractors: 3},
			{week: 12, n: 29, csatTop: 7, nps: true, promoters: 6, detractors: 17}},
			want{}},
		// A line through weeks of 29 answers: weeks 8-11 CSAT 26, 22, 17 and
		// 13 of 29 (0.90 to 0.45), week 12 10 of 40; no NPS. The level test
		// pools 4 x 29 = 116 baseline answers and is made (and raises a
		// shift); the weighted trend through weeks 8-12 (before: five
		// points of 5 or more answers, a falling alert) is not, as only
		// week 12 has 30 answers and a line needs four such periods.
		{"trend through weeks of 29", []surveyWeek{
			{week: 8, n: 29, csatTop: 26}, {week: 9, n: 29, csatTop: 22},
			{week: 10, n: 29, csatTop: 17}, {week: 11, n: 29, csatTop: 13},
			{week: 12, n: 40, csatTop: 10}},
			want{tests: 1, csatP: -1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			loadSurveyWeeks(t, db, tt.weeks)
			res, err := Detect(context.Background(), db, Options{Metrics: true, AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			logAlerts(t, res)
			if res.Tests != tt.want.tests {
				t.Errorf("%d tests made, want %d", res.Tests, tt.want.tests)
			}
			var csatP, npsP float64
			trend := false
			for _, a := range res.Alerts {
				if a.PeriodStart != "2024-03-25" {
					t.Errorf("alert of another week: %+v", a)
				}
				switch {
				case a.Kind == KindRising || a.Kind == KindFalling:
					trend = true
				case a.Metric == MetricCSAT && a.Kind == KindShift:
					csatP = a.PValue
				case a.Metric == MetricNPS && a.Kind == KindShift:
					npsP = a.PValue
				}
			}
			check := func(metric string, got, want float64) {
				switch {
				case want == 0 && got != 0:
					t.Errorf("shift %s p = %.4g, want no test", metric, got)
				case want < 0 && got == 0:
					t.Errorf("no shift %s, want one", metric)
				case want > 0 && !(got > 0 && near(got/want, 1, 1e-3)):
					t.Errorf("shift %s p = %.4g, want %.4g", metric, got, want)
				}
			}
			check(MetricCSAT, csatP, tt.want.csatP)
			check(MetricNPS, npsP, tt.want.npsP)
			if trend != tt.want.trendAlert {
				t.Errorf("rising or falling alert: %v, want %v", trend, tt.want.trendAlert)
			}
		})
	}
}
