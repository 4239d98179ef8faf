package metrics

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/complaints/complaints/ingest"
	"github.com/complaints/complaints/internal/warehouse"
)

//go:embed testdata/load/*.sql
var loadFS embed.FS

// sharedData returns the path of a file under ../shared/data (relative to the
// repository root), skipping the test when it is missing.
func sharedData(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data set %s not found (%v); it lives in ../shared/data beside the repository", rel, err)
	}
	return p
}

// loadShared loads one real data set with testdata/load/<set>.sql, which
// reads it with read_csv and explicit parameters into the canonical tables.
func loadShared(t testing.TB, db *warehouse.DB, set, file string) {
	t.Helper()
	path := sharedData(t, filepath.Join(set, file))
	q, err := loadFS.ReadFile("testdata/load/" + set + ".sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), string(q), sql.Named("path", path)); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
}

// total recombines rows (e.g. one per month) into overall counts.
type total struct {
	complaints, resolved, csatN, csatTop2, npsN, timelyN, timely float64
	npsSum                                                       float64 // NPS * n, i.e. 100 (promoters - detractors)
}

func sum(rows []Row) total {
	var s total
	for _, r := range rows {
		s.complaints += float64(r.Complaints)
		s.resolved += float64(deref(r.Resolved))
		s.csatN += float64(r.CSATN)
		if r.CSAT != nil {
			s.csatTop2 += *r.CSAT * float64(r.CSATN)
		}
		s.npsN += float64(r.NPSN)
		if r.NPS != nil {
			s.npsSum += *r.NPS * float64(r.NPSN)
		}
		s.timelyN += float64(r.TimelyN)
		if r.TimelyRate != nil {
			s.timely += *r.TimelyRate * float64(r.TimelyN)
		}
	}
	return s
}

func TestRealTelecomNPS(t *testing.T) {
	db := openTestDB(t)
	loadShared(t, db, "telecom-nps-verbatims", "nps_verbatims.csv")
	rows, err := Compute(context.Background(), db, Options{Period: "month"})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	// SOURCE.md: monthly NPS Dec 2017 - Jun 2018 -58, -33, -27, -25, -13, -22, -11
	// (rounded to integers), monthly responses with a score 86, 426, 420, 528,
	// 385, 334, 174, overall -24.7.
	want := []struct {
		month string
		nps   float64
		n     int64
	}{
		{"2017-12-01", -58, 86}, {"2018-01-01", -33, 426}, {"2018-02-01", -27, 420}, {"2018-03-01", -25, 528},
		{"2018-04-01", -13, 385}, {"2018-05-01", -22, 334}, {"2018-06-01", -11, 174},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d monthly rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		if r.PeriodStart != w.month || r.NPSN != w.n || r.NPS == nil || math.Round(*r.NPS) != w.nps {
			t.Errorf("month %s: NPS %s over %d, want %v over %d", r.PeriodStart, show(valueOf(r.NPS)), r.NPSN, w.nps, w.n)
		}
		if r.NPSCILow == nil || r.NPSCIHigh == nil || *r.NPSCILow > *r.NPS || *r.NPSCIHigh < *r.NPS {
			t.Errorf("month %s: interval [%s, %s] does not contain %s", r.PeriodStart, show(valueOf(r.NPSCILow)), show(valueOf(r.NPSCIHigh)), show(valueOf(r.NPS)))
		}
	}
	s := sum(rows)
	if got := s.npsSum / s.npsN; math.Abs(got-(-24.7)) > 0.05 {
		t.Errorf("overall NPS = %.2f, want -24.7", got)
	}
}

func TestRealAlexaCSAT(t *testing.T) {
	db := openTestDB(t)
	loadShared(t, db, "amazon-alexa-reviews", "amazon_alexa.tsv")
	rows, err := Compute(context.Background(), db, Options{Period: "month"})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	// SOURCE.md: 5★ 2,286 + 4★ 455 of 3,150 = 87.0%.
	s := sum(rows)
	if s.csatN != 3150 || math.Abs(s.csatTop2-2741) > 1e-6 {
		t.Errorf("CSAT top-2 %v of %v, want 2741 of 3150", s.csatTop2, s.csatN)
	}
	if got := s.csatTop2 / s.csatN; math.Round(got*100) != 87 {
		t.Errorf("CSAT = %.4f, want 87%%", got)
	}
}

func TestRealComcastResolution(t *testing.T) {
	db := openTestDB(t)
	loadShared(t, db, "comcast-fcc-complaints", "Comcast_telecom_complaints_data.csv")
	rows, err := Compute(context.Background(), db, Options{Period: "month"})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	// SOURCE.md: Solved 973 + Closed 734 of 2,224 = 76.8%.
	s := sum(rows)
	if s.complaints != 2224 || s.resolved != 973+734 {
		t.Errorf("resolved %v of %v, want 1707 of 2224", s.resolved, s.complaints)
	}
	if got := s.resolved / s.complaints; math.Abs(got-0.768) > 0.0005 {
		t.Errorf("resolution rate = %.4f, want 0.768", got)
	}
	// June 2015 is the data-cap surge: 1,046 complaints (SOURCE.md).
	for _, r := range rows {
		if r.PeriodStart == "2015-06-01" && r.Complaints != 1046 {
			t.Errorf("June 2015: %d complaints, want 1046", r.Complaints)
		}
		// No timestamps in this source: SLA and durations are unknown. The
		// complaints still open past the resolution target are not judged
		// either: a closed one could only miss it, so judging the open
		// ones alone read 0% by construction (0 of 509: a regression QA
		// pass, 2026-12-07). Which are judged must not turn on the outcome.
		if r.SLAMetRate != nil || r.SLAN != 0 || r.MedianResolutionHours != nil {
			t.Errorf("%s: sla %s of %d, median resolution %s, want nil of 0 and nil (no timestamps)", r.PeriodStart,
				show(valueOf(r.SLAMetRate)), r.SLAN, show(valueOf(r.MedianResolutionHours)))
		}
	}
	// What is known of them is in the backlog's ageing: the 509 open or
	// pending (not Solved or Closed) and received more than 8 weeks (the
	// 56-day target) before the default as-of date, 2015-12-06, which the
	// QA pass counted from the raw file.
	if last := rows[len(rows)-1]; deref(last.BacklogOver8Weeks) != 509 {
		t.Errorf("%s: backlog over 8 weeks %d, want 509", last.PeriodStart, deref(last.BacklogOver8Weeks))
	}
	checkProperties(t, db, Options{Period: "month"})
}

func TestRealCFPBTimely(t *testing.T) {
	db := openTestDB(t)
	loadShared(t, db, "cfpb-bdm-sample", "complaints_sample.csv")
	rows, err := Compute(context.Background(), db, Options{Period: "month"})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	// SOURCE.md: Timely response? Yes 6,529 / No 94.
	s := sum(rows)
	if s.timelyN != 6623 || math.Abs(s.timely-6529) > 1e-6 {
		t.Errorf("timely %v of %v, want 6529 of 6623", s.timely, s.timelyN)
	}
	// 35 complaints "In progress" are open (SOURCE.md): 6,588 resolved.
	if s.resolved != 6623-35 {
		t.Errorf("resolved = %v, want 6588", s.resolved)
	}
	checkProperties(t, db, Options{Period: "month", By: []string{"product", "company"}})
}

// TestRealViaIngest repeats the real-data checks with the files loaded by
// ingest.File (the lead's mappings in testdata/mappings, the cfpb profile),
// so the ground truths hold end to end, not only for the read_csv loaders.
func TestRealViaIngest(t *testing.T) {
	tests := []struct {
		set, file, mapping string
		check              func(t *testing.T, s total)
	}{
		// no mapping: the survey profile, detected from the column names,
		// its day-first dates inferred from the values
		{"telecom-nps-verbatims", "nps_verbatims.csv", "", func(t *testing.T, s total) {
			if got := s.npsSum / s.npsN; s.npsN != 2353 || math.Abs(got-(-24.7)) > 0.05 { // SOURCE.md: 2,385 rows, 32 without score
				t.Errorf("NPS %.2f over %v, want -24.7 over 2353", got, s.npsN)
			}
		}},
		{"telecom-nps-verbatims", "nps_verbatims.csv", "telecom-nps-verbatims.yaml", func(t *testing.T, s total) {
			if got := s.npsSum / s.npsN; s.npsN != 2353 || math.Abs(got-(-24.7)) > 0.05 { // SOURCE.md: 2,385 rows, 32 without score
				t.Errorf("NPS %.2f over %v, want -24.7 over 2353", got, s.npsN)
			}
		}},
		{"amazon-alexa-reviews", "amazon_alexa.tsv", "amazon-alexa-reviews.yaml", func(t *testing.T, s total) {
			if s.csatN != 3150 || math.Abs(s.csatTop2-2741) > 1e-6 { // SOURCE.md: 2,286 + 455 of 3,150
				t.Errorf("CSAT top-2 %v of %v, want 2741 of 3150", s.csatTop2, s.csatN)
			}
		}},
		{"comcast-fcc-complaints", "Comcast_telecom_complaints_data.csv", "comcast-fcc-complaints.yaml", func(t *testing.T, s total) {
			if s.complaints != 2224 || s.resolved != 1707 { // SOURCE.md: Solved 973 + Closed 734
				t.Errorf("resolved %v of %v, want 1707 of 2224 (76.8%%)", s.resolved, s.complaints)
			}
		}},
		{"cfpb-bdm-sample", "complaints_sample.csv", "", func(t *testing.T, s total) {
			if s.timelyN != 6623 || math.Abs(s.timely-6529) > 1e-6 { // SOURCE.md: Yes 6,529 / No 94
				t.Errorf("timely %v of %v, want 6529 of 6623", s.timely, s.timelyN)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.set+" "+cmp.Or(tt.mapping, "detected"), func(t *testing.T) {
			ctx := context.Background()
			db := openTestDB(t)
			path := sharedData(t, filepath.Join(tt.set, tt.file))
			var opts ingest.Options
			if tt.mapping != "" {
				m, err := ingest.LoadMapping(filepath.Join("..", "testdata", "mappings", tt.mapping))
				if err != nil {
					t.Fatal(err)
				}
				opts.Mapping = m
			}
			if _, err := ingest.File(ctx, db, path, opts); err != nil {
				t.Fatalf("ingest %s: %v", path, err)
			}
			rows, err := Compute(ctx, db, Options{Period: "month"})
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			tt.check(t, sum(rows))
		})
	}
}
