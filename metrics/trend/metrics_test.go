package trend

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/complaints/complaints/ingest"
)

func TestMannWhitney(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		u, p float64
	}{
		// By hand: U = 0, Var = 3*3/12 * 7 = 5.25, z = (0 - 4.5 + 0.5)/sqrt(5.25)
		// = -1.7457, p = 0.08086 (R: wilcox.test(1:3, 4:6, exact = FALSE)).
		{"separated", []float64{1, 2, 3}, []float64{4, 5, 6}, 0, 0.080856},
		// Ties: ranks 1, 3, 3, 3, 5, 6, R_x = 7, U = 1; Var = 9/12 (7 - 24/30)
		// = 4.65, z = (1 - 4.5 + 0.5)/sqrt(4.65) = -1.3912, p = 0.16417.
		{"ties", []float64{1, 2, 2}, []float64{2, 3, 4}, 1, 0.164168},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, p := MannWhitney(tt.x, tt.y)
			if u != tt.u || !near(p, tt.p, 1e-5) {
				t.Errorf("MannWhitney(%v, %v) = %v, %v; want %v, %v", tt.x, tt.y, u, p, tt.u, tt.p)
			}
		})
	}
}

func TestFitWeightedTrend(t *testing.T) {
	tm := []float64{0, 1, 2, 3}
	tests := []struct {
		name     string
		y        []float64
		v        float64
		slope, p float64
	}{
		// Exact line, unit variances: SE^2 = 1/sum (t - 1.5)^2 = 1/5,
		// z = 2/sqrt(0.2) = 4.4721, normal p = 7.74e-6.
		{"exact", []float64{1, 3, 5, 7}, 1, 2, 7.744e-6},
		// Residuals -0.2, 0.6, -0.6, 0.2 (X^2 = 0.8 < 2 df): slope 11/5,
		// z = 2.2/sqrt(0.2) = 4.9193, normal p = 8.683e-7.
		{"noisy", []float64{0, 3, 4, 7}, 1, 2.2, 8.683e-7},
		// Same points with variances 0.01: X^2 = 80 on 2 df, SE^2 = 0.002 * 40,
		// z = 2.2/sqrt(0.08) = 7.7782; t on 2 df: P(|T| > z) = 1 - z/sqrt(z^2+2) = 0.016130.
		{"overdispersed", []float64{0, 3, 4, 7}, 0.01, 2.2, 0.016130},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := FitWeightedTrend(tm, tt.y, []float64{tt.v, tt.v, tt.v, tt.v})
			if !ok || !near(r.Slope, tt.slope, 1e-12) || math.Abs(r.P-tt.p)/tt.p > 1e-3 {
				t.Errorf("FitWeightedTrend(%v) = %+v, want slope %v p %v", tt.y, r, tt.slope, tt.p)
			}
		})
	}
}

func TestNPSPoint(t *testing.T) {
	// 5 promoters and 3 detractors of 10: NPS 20; smoothed shares 5.5/11 and
	// 3.5/11 give Var = 1e4 (0.5 + 0.31818 - 0.18182^2) / 10 = 785.12.
	v, vr := npsPoint(10, 5, 3)
	if !near(v, 20, 1e-12) || !near(vr, 785.1240, 1e-6) {
		t.Errorf("npsPoint(10, 5, 3) = %v, %v; want 20, 785.124", v, vr)
	}
}

// TestNPSRecovery: SOURCE.md of telecom-nps-verbatims gives monthly NPS
// -58, -33, -27, -25, -13, -22, -11 from Dec 2017 to Jun 2018, an
// improving trend: June 2018 must raise a rising NPS alert.
func TestNPSRecovery(t *testing.T) {
	path := sharedData(t, "telecom-nps-verbatims/nps_verbatims.csv")
	db := openTestDB(t)
	ctx := context.Background()
	m, err := ingest.LoadMapping("../../testdata/mappings/telecom-nps-verbatims.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.File(ctx, db, path, ingest.Options{Mapping: m}); err != nil {
		t.Fatal(err)
	}
	res, err := Detect(ctx, db, Options{Period: Month, Metrics: true, AsOf: date("2018-07-01")})
	if err != nil {
		t.Fatal(err)
	}
	logAlerts(t, res)
	var got *Alert
	for i, a := range res.Alerts {
		if a.Metric == MetricNPS && a.Kind == KindRising && a.PeriodStart == "2018-06-01" {
			got = &res.Alerts[i]
		}
	}
	if got == nil {
		t.Fatalf("no rising NPS alert for June 2018")
	}
	// The fitted line runs from about the December level to about the June
	// one: below -40 at the start, above -20 at the end.
	if got.Expected > -40 || got.Observed < -20 || got.Since != "2017-12-01" || got.Ratio != nil || len(got.Evidence) != 5 {
		t.Errorf("alert = %+v, want a line from below -40 (Dec 2017) to above -20, no ratio, 5 response IDs", *got)
	}
	// Monthly NPS by our own SQL, against SOURCE.md (rounded to units).
	rows, err := db.QueryContext(ctx, `SELECT round(100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / count(nps))
		FROM surveys GROUP BY date_trunc('month', responded_at) ORDER BY date_trunc('month', responded_at)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var monthly []float64
	for rows.Next() {
		var v float64
		rows.Scan(&v)
		monthly = append(monthly, v)
	}
	if want := []float64{-58, -33, -27, -25, -13, -22, -11}; !slices.Equal(monthly, want) {
		t.Errorf("monthly NPS = %v, want %v", monthly, want)
	}
}

// TestDetectMetricAlerts: weekly surveys and resolutions from a fixture.
// For 12 weeks 40 responses a week have CSAT 5 for 32 of them (80%) and 1
// for the rest; in week 12 only 16 of 40 (40%) are 4-5. Resolution takes
// 24 hours for every complaint resolved in weeks 0-11 and 72 hours in week
// 12. Expected by hand: CSAT level alert 0.4 against 0.8 (z = -0.4 /
// sqrt(0.24/40 + 0.16/480) about -5), resolution 72 h against 24 h.
func TestDetectMetricAlerts(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	for w := 0; w <= 12; w++ {
		good := 32
		hours := 24
		if w == 12 {
			good, hours = 16, 72
		}
		for k := 0; k < 40; k++ {
			at := fixtureStart.AddDate(0, 0, 7*w+k%5).Add(10 * time.Hour)
			csat := 1
			if k < good {
				csat = 5
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO surveys (response_id, source, responded_at, csat, ingest_run_id, row_hash) VALUES (?, 'fx', ?, ?, 0, 0)`,
				fmt.Sprintf("r%02d-%02d", w, k), at, csat); err != nil {
				t.Fatal(err)
			}
			if k < 10 {
				if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, resolved_at, ingest_run_id, row_hash) VALUES (?, 'fx', ?, ?, 0, 0)`,
					fmt.Sprintf("c%02d-%02d", w, k), at.Add(-time.Duration(hours)*time.Hour), at); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	res, err := Detect(ctx, db, Options{Metrics: true, AsOf: fixtureStart.AddDate(0, 0, 7*13)})
	if err != nil {
		t.Fatal(err)
	}
	logAlerts(t, res)
	var csat, resolution *Alert
	for i, a := range res.Alerts {
		switch {
		case a.Metric == MetricCSAT && a.Kind == KindShift:
			csat = &res.Alerts[i]
		case a.Metric == MetricResolution:
			resolution = &res.Alerts[i]
		}
	}
	if csat == nil || !near(csat.Observed, 0.4, 1e-12) || !near(csat.Expected, 0.8, 1e-12) || csat.PeriodStart != "2024-03-25" {
		t.Errorf("CSAT alert = %+v, want 0.4 against 0.8 in week 12 (2024-03-25)", csat)
	}
	if resolution == nil || resolution.Observed != 72 || resolution.Expected != 24 || *resolution.Ratio != 3 || len(resolution.Evidence) != 5 {
		t.Errorf("resolution alert = %+v, want 72 h against 24 h, ratio 3, five complaint IDs", resolution)
	}
	for _, a := range res.Alerts {
		if a.Metric == MetricNPS {
			t.Errorf("NPS alert without NPS responses: %+v", a)
		}
	}
}
