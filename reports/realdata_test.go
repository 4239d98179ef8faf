package reports

import (
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
	row := regexp.MustCompile(`<tr><td>spike</td><td>all</td><td>all</td><td>2015-06-22</td><td class="num">([0-9.]+)</td>.*?<a href="(ids/weekly-alert-[0-9]+\.csv)">`)
	mm := row.FindSubmatch(b)
	if mm == nil {
		t.Fatalf("weekly.html has no spike alert for all complaints in the week of 2015-06-22")
	}
	observed, _ := strconv.ParseFloat(string(mm[1]), 64)
	if rows := len(readCSV(t, filepath.Join(dir, string(mm[2])))) - 1; float64(rows) != observed {
		t.Errorf("the spike's list %s has %d complaints, the alert observed %v", mm[2], rows, observed)
	}
}
