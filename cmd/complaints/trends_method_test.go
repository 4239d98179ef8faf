package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

// TestTrendsTableMethod: every alert names its method (DESIGN, trend
// detection; README: each alert comes "with observed, expected, p- and
// q-value, method and ..."), and the table named none: only --format json
// carried it (a newcomer QA pass). The table has a short method column,
// after q_value as in DESIGN's JSON, keyed to the methods written in full
// under it, each once.
func TestTrendsTableMethod(t *testing.T) {
	const (
		shift = "changepoint quasi-likelihood F test on the share, Bonferroni over recent starts"
		spike = "quasi-Poisson share baseline, negative binomial upper tail, studentized"
	)
	two := 2.0
	var out strings.Builder
	e := &env{stdout: &out, stderr: io.Discard}
	res := trend.Result{Period: trend.Week, AsOf: "2024-05-26", Alerts: []trend.Alert{
		{Kind: trend.KindShift, Dimension: "product", Group: "A", PeriodStart: "2024-05-20", Observed: 20, Expected: 10, Ratio: &two, PValue: 0.001, QValue: 0.01, Method: shift, Evidence: []string{"A-1"}},
		{Kind: trend.KindSpike, Dimension: "product", Group: "B", PeriodStart: "2024-05-20", Observed: 9, Expected: 3, PValue: 0.002, QValue: 0.01, Method: spike, Evidence: []string{"B-1"}},
		{Kind: trend.KindShift, Dimension: "product", Group: "C", PeriodStart: "2024-05-20", Observed: 8, Expected: 2, PValue: 0.003, QValue: 0.01, Method: shift, Evidence: []string{"C-1"}},
	}}
	if err := writeTrends(e, res, "table", time.Time{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	header := strings.Fields(lines[0])
	col := indexOf(header, "method")
	if col < 0 || header[col-1] != "q_value" {
		t.Fatalf("header %q: want a method column after q_value\n%s", lines[0], out.String())
	}
	for i, want := range []string{"M1", "M2", "M1"} {
		if f := strings.Fields(lines[1+i]); len(f) <= col || f[col] != want {
			t.Errorf("alert %d's row %q: want method %s", i+1, lines[1+i], want)
		}
	}
	for _, want := range []string{"method M1: " + shift + "\n", "method M2: " + spike + "\n"} {
		if strings.Count(out.String(), want) != 1 {
			t.Errorf("the table does not say once %q:\n%s", want, out.String())
		}
	}
	if f := strings.Fields(lines[1]); f[7] != "2.00" {
		t.Errorf("row %q: the ratio column moved", lines[1])
	}
}
