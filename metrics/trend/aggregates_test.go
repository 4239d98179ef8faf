package trend

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

// cfpbYearly reads a CFPB search-API trends response (the
// cfpb-trend-aggregates fixtures): the yearly totals of all complaints
// (dateRangeBuckets) and the yearly counts of the one company filtered on,
// by year.
func cfpbYearly(t *testing.T, path string) (totals, company map[int]float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type bucket struct {
		Key   string  `json:"key_as_string"`
		Count float64 `json:"doc_count"`
	}
	var r struct {
		Aggregations struct {
			DateRangeBuckets struct {
				DateRangeBuckets struct{ Buckets []bucket } `json:"dateRangeBuckets"`
			} `json:"dateRangeBuckets"`
			Company struct {
				Company struct {
					Buckets []struct {
						Key         string                     `json:"key"`
						TrendPeriod struct{ Buckets []bucket } `json:"trend_period"`
					}
				} `json:"company"`
			} `json:"company"`
		} `json:"aggregations"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	year := func(bk bucket) int {
		d, err := time.Parse(time.RFC3339, bk.Key)
		if err != nil {
			t.Fatalf("%s: bucket %q: %v", path, bk.Key, err)
		}
		return d.Year()
	}
	totals, company = map[int]float64{}, map[int]float64{}
	for _, bk := range r.Aggregations.DateRangeBuckets.DateRangeBuckets.Buckets {
		totals[year(bk)] = bk.Count
	}
	if cs := r.Aggregations.Company.Company.Buckets; len(cs) == 1 {
		for _, bk := range cs[0].TrendPeriod.Buckets {
			company[year(bk)] = bk.Count
		}
	}
	return totals, company
}

// TestCFPBAggregatesEquifax runs the group tests on real numbers: the
// CFPB's yearly complaint totals and Equifax's yearly complaints
// (cfpb-trend-aggregates, the CFPB's own API fixtures), Equifax against
// all other companies, judging each of 2016 to 2019 with the years before
// it from 2011 (the database opened in December 2011) as baseline. The
// September 2017 Equifax breach took Equifax from 15,973 complaints in
// 2016 to 30,726 in 2017 (SOURCE.md), its share of all complaints from
// 8.3% to 12.6%.
//
// Years are not one of the command's periods; the panel is judged with
// the monthly parameters, whose five-period minimum baseline the years up
// to 2016 meet. What it shows: of the four years judged, 2017 is the one
// whose Equifax share is most surprising against the baseline (the share
// spike's smallest p: measured 0.024, twice the expected count; 2016
// 0.090, 2018 0.13, 2019 0.057), and the other companies' share never
// rises enough to report. With six yearly baseline points whose share
// climbs from 0.9% to 8.3%, the over-dispersion is large and p = 0.024
// alone is not below the false discovery control's 0.05 once several
// tests are made: the detector is built for weeks and months, whose
// baselines hold dozens of periods.
func TestCFPBAggregatesEquifax(t *testing.T) {
	totals, eq := cfpbYearly(t, sharedData(t, "cfpb-trend-aggregates/trends_company_filter__valid.json"))
	if eq[2016] != 15973 || eq[2017] != 30726 || totals[2017] != 242965 {
		t.Fatalf("Equifax 2016, 2017 = %v, %v, all 2017 = %v; want 15,973, 30,726 and 242,965 (SOURCE.md)", eq[2016], eq[2017], totals[2017])
	}
	pn := &Panel{Dimension: "company", Groups: []string{"EQUIFAX, INC.", "other"}, Counts: make([][]float64, 2)}
	for y := 2011; y <= 2019; y++ { // 2020 is a part year
		pn.Starts = append(pn.Starts, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		pn.Totals = append(pn.Totals, totals[y])
		pn.Counts[0] = append(pn.Counts[0], eq[y])
		pn.Counts[1] = append(pn.Counts[1], totals[y]-eq[y])
	}
	c := config{period: Month, prm: paramsOf(Month), minCount: DefaultMinCount, minRatio: 1.5}
	bestYear, bestP := 0, 2.0
	for T := 5; T < len(pn.Starts); T++ {
		y := pn.Starts[T].Year()
		found := false
		for _, ts := range c.testsAt(pn, T, nil, false, nil) {
			if ts.method != methodShareSpike {
				continue
			}
			t.Logf("%d %-13s share spike: observed %.0f, expected %.0f, ratio %.2f, p %.3g", y, ts.group, ts.observed, ts.expected, ts.ratio(), ts.p)
			switch ts.group {
			case "other":
				if ts.material {
					t.Errorf("%d: the other companies' share spike is material (ratio %.2f)", y, ts.ratio())
				}
			default:
				found = true
				if ts.p < bestP {
					bestYear, bestP = y, ts.p
				}
				if y == 2017 && ts.ratio() < 1.9 {
					t.Errorf("2017: Equifax observed %.0f against %.0f expected, want at least 1.9 times (measured 2.03)", ts.observed, ts.expected)
				}
			}
		}
		if !found {
			t.Errorf("%d: no share spike test of Equifax", y)
		}
	}
	if bestYear != 2017 {
		t.Errorf("the most surprising Equifax share is %d's (p %.3g), want 2017's, the breach year", bestYear, bestP)
	}
}
