package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

func TestTrendsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", demo); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "trends", "--by", "product", "--by", "issue,company", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Period string           `json:"period"`
		AsOf   string           `json:"as_of"`
		Alerts []map[string]any `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("trends --format json: %v\n%s", err, out)
	}
	if res.Period != "week" || res.AsOf == "" || res.Alerts == nil {
		t.Errorf("trends json = %s, want period week, as_of and an alerts array", out)
	}
	out, _, err = runCLI(t, "--db", db, "trends", "--period", "month", "--since", "2019-01-01", "--as-of", "2019-12-31")
	if err != nil || !strings.Contains(out, "period month, as of 2019-12-31") {
		t.Errorf("trends table = %q, %v; want the summary line", out, err)
	}
	if strings.Contains(out, "no test made") {
		t.Errorf("trends over a year of history says no test was made:\n%s", out)
	}
	// with too little history no test is made, which the line after says
	// (0 alerts alone read as nothing having changed)
	out, _, err = runCLI(t, "--db", db, "trends", "--as-of", "2017-01-01")
	if err != nil || !strings.Contains(out, "no test made: the week judged holds no complaints, or no group has 5 weeks of history before it") {
		t.Errorf("trends before any history = %q, %v; want it to say no test was made", out, err)
	}
	// a warehouse with no dated complaint or response has no report date
	// (the line ended "as of " before)
	empty := filepath.Join(t.TempDir(), "customers.duckdb")
	if _, _, err := runCLI(t, "--db", empty, "ingest", "--quiet", "../../testdata/demo/synthetic/synthetic_customers.csv"); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, "--db", empty, "trends")
	if err != nil || !strings.Contains(out, "0 alerts, period week, as of (no complaints or responses dated)") {
		t.Errorf("trends on a warehouse of customers = %q, %v; want the summary line without a date", out, err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--period", "year"}, `unknown period "year"`},
		{[]string{"--by", "colour"}, `unknown dimension "colour"`},
		{[]string{"--as-of", "31/12/2019"}, "want YYYY-MM-DD"},
		{[]string{"--format", "xml"}, `unknown format "xml"`},
	} {
		_, _, err := runCLI(t, append([]string{"--db", db, "trends"}, tt.args...)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("trends %q error = %v, want %q", tt.args, err, tt.want)
		}
	}
}

// TestTrendsComcastSurge: the data-cap surge of 23-24 June 2015 (SOURCE.md
// of comcast-fcc-complaints: 190 and 218 complaints those days), ingested
// with the shared mapping, is a daily spike of all complaints.
func TestTrendsComcastSurge(t *testing.T) {
	data := "../../../shared/data/comcast-fcc-complaints/Comcast_telecom_complaints_data.csv"
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data not found (%v)", err)
	}
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--mapping", "../../testdata/mappings/comcast-fcc-complaints.yaml", data); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "trends", "--period", "day", "--since", "2015-06-20", "--as-of", "2015-06-24", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2015-06-23", "2015-06-24"} {
		if !strings.Contains(out, `"period_start": "`+day+`"`) {
			t.Errorf("no alert on %s:\n%s", day, out)
		}
	}
	// Weekly with phrases, as a table: throttling is new in the week of 22
	// June (see metrics/trend TestComcastDataCapSurge). Phrases come from
	// redacted text only: classify first (trends_phrases_test.go).
	if _, _, err := runCLI(t, "--db", db, "classify"); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, "--db", db, "trends", "--as-of", "2015-06-28", "--phrases")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^2015-06-22 +spike +all +all +complaints `).MatchString(out) || !strings.Contains(out, "throttling") {
		t.Errorf("weekly table lacks the spike or the throttling phrase:\n%s", out)
	}
}

// TestTrendsAirlineStorm: the storm of 22-23 Feb 2015 (SOURCE.md of
// airline-sentiment: volume doubles) in United, US Airways and Delta
// volume, by airline, ingested with testdata/mappings/airline-sentiment.yaml.
func TestTrendsAirlineStorm(t *testing.T) {
	data := "../../../shared/data/airline-sentiment/airline_sentiment_shared.csv"
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data not found (%v)", err)
	}
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", "--mapping", "../../testdata/mappings/airline-sentiment.yaml", data); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "trends", "--period", "day", "--by", "company", "--since", "2015-02-22", "--as-of", "2015-02-23")
	if err != nil {
		t.Fatal(err)
	}
	for _, airline := range []string{"United", "US Airways", "Delta"} {
		if !regexp.MustCompile(`(?m)^2015-02-2[23] +spike +company +` + regexp.QuoteMeta(airline) + ` `).MatchString(out) {
			t.Errorf("no spike for %s on 22-23 Feb:\n%s", airline, out)
		}
	}
}

// TestTrendsMetricColumn: in the table, an alert on NPS names its metric in
// a column of its own, under "metric", its group staying "all" as in the
// JSON (before, the table put "nps" under "group"). The telecom verbatims'
// NPS of January 2018 (-33, after December's -58: SOURCE.md, and
// metrics/trend's TestNPSRecovery) is the alert.
func TestTrendsMetricColumn(t *testing.T) {
	data := "../../../shared/data/telecom-nps-verbatims/nps_verbatims.csv"
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data not found (%v)", err)
	}
	db := filepath.Join(t.TempDir(), "nps.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", data); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "--db", db, "trends", "--metrics", "--period", "month", "--since", "2018-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "period_start  kind    dimension  group  metric ") ||
		!regexp.MustCompile(`(?m)^2018-01-01 +shift +all +all +nps +-33`).MatchString(out) {
		t.Errorf("trends --metrics table:\n%s", out)
	}
}

// TestTrendsEmptyAsOf: with nothing loaded and no --as-of there is no
// date to stand at: as_of is null in JSON (it was "", which is no date).
func TestTrendsEmptyAsOf(t *testing.T) {
	dir := t.TempDir()
	db, empty := filepath.Join(dir, "w.duckdb"), filepath.Join(dir, "e.csv")
	if err := os.WriteFile(empty, []byte("complaint_id,received_at,narrative\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// a header alone: the warehouse is made, nothing loaded
	runCLI(t, "--db", db, "ingest", "--quiet", "--profile", "canonical", empty)
	out, _, err := runCLI(t, "--db", db, "trends", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"as_of": null`) {
		t.Errorf("trends on an empty warehouse:\n%s\nwant \"as_of\": null", out)
	}
}

// TestTrendsTableNewGroup: a shift of a group with no complaint before it
// has expected 0 and no ratio (null in JSON, with new_group); the table
// says "new" in the ratio column, not "n/a" as for NPS, whose ratio means
// nothing, which it printed before.
func TestTrendsTableNewGroup(t *testing.T) {
	var out strings.Builder
	e := &env{stdout: &out, stderr: io.Discard}
	res := trend.Result{Period: trend.Week, AsOf: "2024-05-26", Alerts: []trend.Alert{
		{Kind: trend.KindShift, Dimension: "product", Group: "N", PeriodStart: "2024-05-20", Observed: 20, NewGroup: true, Evidence: []string{"N-1"}},
		{Kind: trend.KindShift, Dimension: "all", Group: "all", PeriodStart: "2024-05-20", Observed: 30, Expected: 20, Metric: trend.MetricNPS, Evidence: []string{}},
	}}
	if err := writeTrends(e, res, "table", time.Time{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 3 {
		t.Fatalf("table = %q, want a header and two alerts", out.String())
	}
	if f := strings.Fields(lines[1]); len(f) < 8 || f[3] != "N" || f[7] != "new" {
		t.Errorf("new group's row = %q, want its ratio column to say new", lines[1])
	}
	if f := strings.Fields(lines[2]); len(f) < 8 || f[7] != "n/a" {
		t.Errorf("NPS row = %q, want its ratio column n/a", lines[2])
	}
}
