package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/complaints/complaints/ingest"
	"github.com/complaints/complaints/internal/warehouse"
)

// TestComcastSurge loads the Comcast FCC complaints (shared data: 2,224
// complaints of 2015; the data-cap surge of 23-24 June 2015 per
// shared/data/README.md) and writes the reports for the week holding the
// surge: the weekly report must show a spike alert for the week of
// 2015-06-22, and the complaint list behind it must hold exactly the
// alert's observed count (trend and reports select the same complaints).
func TestComcastSurge(t *testing.T) {
	data := filepath.Join("..", "..", "shared", "data", "comcast-fcc-complaints", "Comcast_telecom_complaints_data.csv")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data missing (%v): run from a checkout beside shared/", err)
	}
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "comcast.duckdb")
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := ingest.LoadMapping(filepath.Join("..", "testdata", "mappings", "comcast-fcc-complaints.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	if _, err := ingest.File(ctx, db, data, ingest.Options{Profile: "generic", Mapping: m, Now: now}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir, AsOf: time.Date(2015, 6, 28, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "weekly.html"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`<tr><td dir="auto">spike</td><td dir="auto">all</td><td dir="auto">all</td><td class="date" title="week 2015-06-22 to 2015-06-28">2015-06-22</td><td class="num">([0-9.]+)</td>.*?<a href="(ids/weekly-alert-[0-9]+\.csv)"[^>]*>`)
	mm := row.FindSubmatch(b)
	if mm == nil {
		t.Fatalf("weekly.html has no spike alert for all complaints in the week of 2015-06-22")
	}
	observed, _ := strconv.ParseFloat(string(mm[1]), 64)
	if rows := len(readCSV(t, filepath.Join(dir, string(mm[2])))) - 1; float64(rows) != observed {
		t.Errorf("the spike's list %s has %d complaints, the alert observed %v", mm[2], rows, observed)
	}
}

// TestTelecomNPS loads the telecom NPS survey (shared data, 2,385
// responses) and checks the executive report's monthly NPS table against
// SOURCE.md: monthly NPS Dec -58, Jan -33, Feb -27, Mar -25, Apr -13,
// May -22, Jun -11 (rounded there to whole points), with the monthly
// counts 86, 426, 420, 528, 385, 334, 174.
func TestTelecomNPS(t *testing.T) {
	ctx := context.Background()
	db := telecomNPS(t)
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir, Period: "month", AsOf: time.Date(2018, 6, 30, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "executive.html"))
	if err != nil {
		t.Fatal(err)
	}
	_, nps, _ := bytes.Cut(b, []byte(`<section id="nps">`))
	nps, _, _ = bytes.Cut(nps, []byte("</section>"))
	row := regexp.MustCompile(`<tr><td class="date" title="month \d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2}">(\d{4}-\d{2})</td><td class="num">(-?[0-9.]+)</td><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">([0-9,]+)</td></tr>`)
	got := map[string][2]float64{}
	for _, m := range row.FindAllSubmatch(nps, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		n, _ := strconv.ParseFloat(string(m[3]), 64)
		got[string(m[1])] = [2]float64{v, n}
	}
	want := []struct {
		month string
		nps   float64
		n     float64
	}{
		{"2017-12", -58, 86}, {"2018-01", -33, 426}, {"2018-02", -27, 420}, {"2018-03", -25, 528},
		{"2018-04", -13, 385}, {"2018-05", -22, 334}, {"2018-06", -11, 174},
	}
	for _, w := range want {
		g, ok := got[w.month]
		if !ok {
			t.Errorf("executive.html has no NPS row for %s", w.month)
			continue
		}
		if g[1] != w.n || g[0] < w.nps-0.5 || g[0] > w.nps+0.5 {
			t.Errorf("NPS %s = %v over %v responses, want %v (±0.5) over %v", w.month, g[0], g[1], w.nps, w.n)
		}
	}
}

// telecomNPS is a warehouse of the telecom NPS survey (shared data,
// loaded with its mapping in testdata/mappings); the test skips without
// the shared data.
func telecomNPS(t *testing.T) *warehouse.DB {
	t.Helper()
	data := filepath.Join("..", "..", "shared", "data", "telecom-nps-verbatims", "nps_verbatims.csv")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data missing (%v): run from a checkout beside shared/", err)
	}
	db := openTestDB(t)
	m, err := ingest.LoadMapping(filepath.Join("..", "testdata", "mappings", "telecom-nps-verbatims.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.File(context.Background(), db, data, ingest.Options{Profile: "generic", Mapping: m}); err != nil {
		t.Fatal(err)
	}
	return db
}
