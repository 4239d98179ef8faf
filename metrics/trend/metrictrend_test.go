package trend

import (
	"context"
	"math"
	"testing"
	"time"
)

// TestMetricTrendExpectedIsLevelBefore: a rising (or falling) NPS or CSAT
// alert expects the level before its trend window, the score pooled over
// the periods before it (as a complaint trend's expected is the share
// before its window, TestRisingExpectedIsLevelBefore), so that observed
// (the line's end) less expected reads the change; the start of the
// fitted line is no such level (measured before this change: NPS 20 to
// 40 in the last 6 weeks read expected 15.59, -20 to 0 read -24.66, CSAT
// 0.6 to 0.8 read 0.558, and 0 to 0.2 read -0.015, a share under 0). NPS
// and CSAT alerts keep no ratio (null), whatever the level before (here
// -20 and 0 too), and are never a new group.
//
// Planted, without noise: 105 weeks from Monday 3 January 2022, 100
// answers a week (over metrics.MinTestResponses); the window of the week
// judged (104) is weeks 92-104, the level before it weeks 0-91, and the
// step is in the last 6 weeks (99-104): the line through 7 weeks at the
// level before and 6 at the new one starts below the level before, and
// expected must be that level exactly (the pooled score of like weeks).
func TestMetricTrendExpectedIsLevelBefore(t *testing.T) {
	const weeks = 105
	T := weeks - 1
	for _, tt := range []struct {
		name                              string
		metric                            string
		prom, det, top, prom2, det2, top2 float64 // a week's answers before and after the step, of 100
		want                              float64 // the level before
	}{
		{"NPS 20 to 40", MetricNPS, 40, 20, 0, 50, 10, 0, 20},
		{"NPS -20 to 0", MetricNPS, 20, 40, 0, 30, 30, 0, -20},
		{"CSAT 0.6 to 0.8", MetricCSAT, 0, 0, 60, 0, 0, 80, 0.6},
		{"CSAT 0 to 0.2", MetricCSAT, 0, 0, 0, 0, 0, 20, 0},
	} {
		md := &metricData{}
		for w := range weeks {
			md.starts = append(md.starts, time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*w))
			p, d, c := tt.prom, tt.det, tt.top
			if w >= T-5 {
				p, d, c = tt.prom2, tt.det2, tt.top2
			}
			md.npsN, md.promoters, md.detrac = append(md.npsN, 100), append(md.promoters, p), append(md.detrac, d)
			md.csatN, md.csatTop = append(md.csatN, 100), append(md.csatTop, c)
			md.hours = append(md.hours, nil)
		}
		cfg := config{period: Week, prm: paramsOf(Week), minCount: DefaultMinCount, minRatio: 1.5}
		var got *test
		tests, _ := cfg.metricTestsAt(md, T, false, nil)
		for i, ts := range tests {
			if ts.metric == tt.metric && (ts.kind == KindRising || ts.kind == KindFalling) {
				got = &tests[i]
			}
		}
		if got == nil {
			t.Errorf("%s: no trend test", tt.name)
			continue
		}
		t.Logf("%s: %s, observed %.4g, expected %.4g, p %.3g", tt.name, got.kind, got.observed, got.expected, got.p)
		if got.kind != KindRising || math.Abs(got.expected-tt.want) > 1e-9 {
			t.Errorf("%s: %s, expected %.4g; want rising, expected the level before, %g", tt.name, got.kind, got.expected, tt.want)
		}
		alerts, err := withEvidence(context.Background(), openTestDB(t), []test{*got}, nil, nil, md.starts[T], md.starts[T].AddDate(0, 0, 7), nil, nil, md)
		if err != nil {
			t.Fatal(err)
		}
		if a := alerts[0]; a.Ratio != nil || a.NewGroup || a.Since != "2023-10-09" {
			t.Errorf("%s: alert ratio %v, new group %v, since %s; want null, false, 2023-10-09 (week 92)", tt.name, a.Ratio, a.NewGroup, a.Since)
		}
	}
}
