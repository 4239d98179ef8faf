package ingest

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// The weeks of a survey export with no response ID, as a survey tool
// writes them: week 1 and week 2 are the QA pass's reproduction (week 2
// "updated" week 1's two responses, which were lost); week 3 holds two
// identical responses (the same day and score, no comment), as NPS files
// often do.
const (
	surveyHeader = "Date,NPS,Comment\n"
	surveyWeek1  = "2024-03-04,0,slow install\n2024-03-05,2,awful\n"
	surveyWeek2  = "2024-03-11,10,great\n2024-03-12,9,super\n"
	surveyWeek3  = "2024-03-18,9,\n2024-03-18,9,\n2024-03-19,7,ok\n"
)

// TestSurveyIDsFromContent: a survey file with no response ID (the survey
// profile) keys each response by its content, so that weekly files add
// their responses, a file loaded again is all duplicate, a cumulative
// re-export adds only what is new (in whatever order, and whether read
// strictly or, for a malformed record, record by record), and identical
// responses of one file stay as many. Before, the record number was the
// ID: week 2's records 1 and 2 replaced week 1's.
func TestSurveyIDsFromContent(t *testing.T) {
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		writeFile(t, p, surveyHeader+body)
		return p
	}
	db := openTemp(t)
	w1, w2 := file("nps_w1.csv", surveyWeek1), file("nps_w2.csv", surveyWeek2)
	steps := []struct {
		what  string
		path  string
		want  counts
		total int64 // responses stored after the step
	}{
		{"week 1", w1, counts{2, 2, 0, 0, 0}, 2},
		{"week 2", w2, counts{2, 2, 0, 0, 0}, 4},
		{"week 1 again", w1, counts{2, 0, 0, 2, 0}, 4},
		// weeks 1 to 3 in one export: week 3's 3 responses are new
		{"weeks 1-3", file("nps_to_w3.csv", surveyWeek1+surveyWeek2+surveyWeek3), counts{7, 3, 0, 4, 0}, 7},
		// newest first, as some tools sort
		{"weeks 1-3 newest first", file("nps_to_w3_desc.csv", reverseLines(surveyWeek1+surveyWeek2+surveyWeek3)), counts{7, 0, 0, 7, 0}, 7},
		// a field too many in a comment ("a, b"): read record by record,
		// the other 7 still known
		{"weeks 1-3 and a malformed record", file("nps_bad.csv", surveyWeek1+surveyWeek2+surveyWeek3+"2024-03-20,5,a, b\n"), counts{8, 0, 0, 7, 1}, 7},
		// ten responses, the fifth's score out of range: rejected under
		// its record number
		{"week 4", file("nps_w4.csv", surveyWeek4()), counts{10, 9, 0, 0, 1}, 7 + 9},
	}
	for _, s := range steps {
		res := mustIngest(t, db, s.path, Options{})
		if res.Profile != "survey" {
			t.Fatalf("%s: profile %s, want survey", s.what, res.Profile)
		}
		if got := res.counts(); got != s.want {
			t.Errorf("%s = %+v, want %+v", s.what, got, s.want)
		}
		if got := queryInt(t, db, `SELECT count(*) FROM surveys`); got != s.total {
			t.Errorf("after %s: %d responses stored, want %d", s.what, got, s.total)
		}
	}
	// the records rejected, by their number in their files (the IDs are
	// numbered in another order, the records staged in theirs)
	var got []string
	for _, r := range rejectRows(t, db, "raw") {
		got = append(got, r.reason)
	}
	want := []string{"record 5, field NPS (nps): 11 is outside 0..10", "record 8: TOO MANY COLUMNS: Expected Number of Columns: 3 Found: 4"}
	if !slices.Equal(got, want) {
		t.Errorf("rejects %q, want %q", got, want)
	}
	// so too in a first load, which goes straight into the table (the
	// records numbered by a second reading)
	first := openTemp(t)
	mustIngest(t, first, filepath.Join(dir, "nps_w4.csv"), Options{})
	if r := rejectRows(t, first, "raw"); len(r) != 1 || r[0].reason != want[0] {
		t.Errorf("week 4 first: rejects %+v, want %q", r, want[0])
	}
	// week 3's two identical responses are two
	if got := queryInt(t, db, `SELECT count(*) FROM surveys WHERE responded_at = '2024-03-18' AND nps = 9`); got != 2 {
		t.Errorf("%d responses of 2024-03-18 scored 9, want week 3's 2", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys WHERE NOT regexp_full_match(response_id, '[0-9a-f]{32}#[0-9]+')`); got != 0 {
		t.Errorf("%d response IDs not of the form digest#k", got)
	}
}

// surveyWeek4 is a week of ten responses, one a day, the fifth's score
// (11) out of range.
func surveyWeek4() string {
	var b strings.Builder
	for i := 1; i <= 10; i++ {
		score := i
		if i == 5 {
			score = 11
		}
		fmt.Fprintf(&b, "2024-03-%02d,%d,comment %d\n", 20+i, score, i)
	}
	return b.String()
}

// reverseLines returns the lines of s (each ending in a line feed) in
// reverse order.
func reverseLines(s string) string {
	lines := strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
	var b strings.Builder
	for i := len(lines) - 1; i >= 0; i-- {
		b.WriteString(strings.TrimSuffix(lines[i], "\n") + "\n")
	}
	return b.String()
}

// surveyRowHash is the row hash stage.sql gives a survey row: its fields
// in table order, then extra.
const surveyRowHash = `hash(response_id, source, customer_id, complaint_id, responded_at, csat, nps, ces, comment, extra)`

// storeAsBefore rewrites the stored responses as versions before content
// IDs stored them: keyed by their record number in the file that loaded
// them (record, by the response's date), with the row hash of that key.
func storeAsBefore(t *testing.T, db *warehouse.DB, record map[string]string) {
	t.Helper()
	ctx := context.Background()
	if got := queryInt(t, db, `SELECT count(*) FROM surveys WHERE row_hash <> `+surveyRowHash); got != 0 {
		t.Fatalf("%d rows whose row_hash is not the hash of their fields and extra", got)
	}
	for date, n := range record {
		if _, err := db.ExecContext(ctx, `UPDATE surveys SET response_id = $1 WHERE responded_at = CAST($2 AS TIMESTAMP)`, n, date); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, `UPDATE surveys SET row_hash = `+surveyRowHash); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys WHERE regexp_full_match(response_id, '[0-9]+')`); got != int64(len(record)) {
		t.Fatalf("%d rows keyed by a record number, want %d", got, len(record))
	}
}

// TestSurveyIDsStoredBefore: a warehouse whose responses an earlier
// version keyed by record number (rows made here as it stored them; the
// same outcomes with warehouses the binary built at 5b9ae2b wrote) loads
// the same file again as all duplicate, those rows now keyed by their
// content, so that the next week's file adds its responses. Where the
// fault had already struck (week 2's records held the keys 1 and 2, week
// 1's lost), week 1 loaded again comes back and week 2's rows are left as
// they are. A response loaded again under its content's ID from an export
// that holds it at another number loses its copy under the number when
// the file that stored it is loaded again.
func TestSurveyIDsStoredBefore(t *testing.T) {
	dir := t.TempDir()
	w1, w2 := filepath.Join(dir, "nps_w1.csv"), filepath.Join(dir, "nps_w2.csv")
	writeFile(t, w1, surveyHeader+surveyWeek1)
	writeFile(t, w2, surveyHeader+surveyWeek2)

	db := openTemp(t)
	mustIngest(t, db, w1, Options{})
	storeAsBefore(t, db, map[string]string{"2024-03-04": "1", "2024-03-05": "2"})
	res := mustIngest(t, db, w1, Options{})
	if got, want := res.counts(), (counts{2, 0, 0, 2, 0}); got != want {
		t.Errorf("week 1 again = %+v, want %+v", got, want)
	}
	if want := "2 responses stored under their record numbers by an earlier version now known by their content"; !strings.Contains(res.Warnings(), want) {
		t.Errorf("warnings %q, want %q", res.Warnings(), want)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys WHERE regexp_full_match(response_id, '[0-9]+')`); got != 0 {
		t.Errorf("%d rows still keyed by record number", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys WHERE row_hash <> `+surveyRowHash); got != 0 {
		t.Errorf("%d rows re-keyed without their row hash", got)
	}
	if got, want := mustIngest(t, db, w2, Options{}).counts(), (counts{2, 2, 0, 0, 0}); got != want {
		t.Errorf("week 2 = %+v, want %+v", got, want)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys`); got != 4 {
		t.Errorf("%d responses stored, want weeks 1 and 2's 4", got)
	}

	// weeks 1 and 2 loaded by the earlier version: week 2's records
	// replaced week 1's under the keys 1 and 2
	db = openTemp(t)
	mustIngest(t, db, w2, Options{})
	storeAsBefore(t, db, map[string]string{"2024-03-11": "1", "2024-03-12": "2"})
	if got, want := mustIngest(t, db, w1, Options{}).counts(), (counts{2, 2, 0, 0, 0}); got != want {
		t.Errorf("week 1 after the loss = %+v, want %+v", got, want)
	}
	if got, want := mustIngest(t, db, w2, Options{}).counts(), (counts{2, 0, 0, 2, 0}); got != want {
		t.Errorf("week 2 again = %+v, want %+v", got, want)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys`); got != 4 {
		t.Errorf("%d responses stored, want weeks 1 and 2's 4", got)
	}

	// week 1 loaded by the earlier version, then a cumulative export of
	// weeks 1 and 2, newest first: week 1's responses stand at records 3
	// and 4 there, not under the numbers stored, and are loaded again (6
	// stored); week 1 loaded again then finds its responses under their
	// numbers and under their content's IDs, and removes the copies
	db = openTemp(t)
	mustIngest(t, db, w1, Options{})
	storeAsBefore(t, db, map[string]string{"2024-03-04": "1", "2024-03-05": "2"})
	both := filepath.Join(dir, "nps_w1_w2_desc.csv")
	writeFile(t, both, surveyHeader+reverseLines(surveyWeek1+surveyWeek2))
	if got, want := mustIngest(t, db, both, Options{}).counts(), (counts{4, 4, 0, 0, 0}); got != want {
		t.Errorf("weeks 1 and 2 newest first = %+v, want %+v", got, want)
	}
	res = mustIngest(t, db, w1, Options{})
	if got, want := res.counts(), (counts{2, 0, 0, 2, 0}); got != want {
		t.Errorf("week 1 again = %+v, want %+v", got, want)
	}
	if want := "2 responses stored under their record numbers by an earlier version and again under their content's ID: the copies under the numbers removed"; res.Warnings() != want {
		t.Errorf("warnings %q, want %q", res.Warnings(), want)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys`); got != 4 {
		t.Errorf("%d responses stored, want weeks 1 and 2's 4", got)
	}
}

// TestSurveyFileSplit loads the telecom NPS verbatims split in two by date
// (944 responses before March 2018, 1,441 from March: their months'
// counts), with no mapping and with the shipped mapping: the halves add up
// to the file's 2,385 responses (before, the second half's records 1 to
// 944 replaced the first's: 1,441 were left), the whole file after them is
// all duplicate, and the Amazon Alexa reviews loaded after them by the
// survey profile (its own 3,150 responses, of the same source "survey")
// leave them as they are (before, they replaced every NPS answer).
func TestSurveyFileSplit(t *testing.T) {
	whole := sharedData(t, "telecom-nps-verbatims/nps_verbatims.csv")
	alexa := sharedData(t, "amazon-alexa-reviews/amazon_alexa.tsv")
	rows := readCSV(t, whole, 1<<20)
	header := []string{"CUSTOMER_RESPONSE_DATE", "SURVEY_SUB_TYPE", "NPS_RATING", "NPS_SCORE", "text", "Qtr"}
	var before, from [][]string
	march := time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range rows {
		at, err := time.Parse("02/01/2006 15:04", r["CUSTOMER_RESPONSE_DATE"])
		if err != nil {
			t.Fatal(err)
		}
		rec := make([]string, len(header))
		for i, c := range header {
			rec[i] = r[c]
		}
		if at.Before(march) {
			before = append(before, rec)
		} else {
			from = append(from, rec)
		}
	}
	if len(before) != 944 || len(from) != 1441 {
		t.Fatalf("split %d + %d, want 944 + 1441", len(before), len(from))
	}
	dir := t.TempDir()
	halves := []string{filepath.Join(dir, "nps_to_feb.csv"), filepath.Join(dir, "nps_from_mar.csv")}
	for i, recs := range [][][]string{before, from} {
		f, err := os.Create(halves[i])
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(f)
		w.Write(header)
		w.WriteAll(recs)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	mapping, err := LoadMapping(filepath.Join("..", "testdata", "mappings", "telecom-nps-verbatims.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		opts   Options
		source string
	}{
		{"survey profile", Options{}, "survey"},
		{"mapping", Options{Mapping: mapping}, "telecom-nps"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			for i, want := range []counts{{944, 944, 0, 0, 0}, {1441, 1441, 0, 0, 0}} {
				if got := mustIngest(t, db, halves[i], tt.opts).counts(); got != want {
					t.Errorf("%s = %+v, want %+v", filepath.Base(halves[i]), got, want)
				}
			}
			if got, want := mustIngest(t, db, whole, tt.opts).counts(), (counts{2385, 0, 0, 2385, 0}); got != want {
				t.Errorf("the whole file after its halves = %+v, want %+v", got, want)
			}
			if tt.source == "survey" {
				if got, want := mustIngest(t, db, alexa, Options{Profile: "survey"}).counts(), (counts{3150, 3150, 0, 0, 0}); got != want {
					t.Errorf("the Alexa reviews = %+v, want %+v", got, want)
				}
			}
			// 2,385 - 32 without a score (TestMappings)
			if got := queryInt(t, db, `SELECT count(nps) FROM surveys WHERE source = $1`, tt.source); got != 2385-32 {
				t.Errorf("%d NPS answers stored, want the file's 2,353", got)
			}
		})
	}
}

// TestNoMappingKeyedByRecord: no shipped mapping keys its records by
// their number ($record), which a second file of the same source would
// take for the first's.
func TestNoMappingKeyedByRecord(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "mappings", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no mappings: %v", err)
	}
	for _, p := range paths {
		m, err := LoadMapping(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range tables[m.Target].key {
			if m.fieldSources()[k] == RecordColumn {
				t.Errorf("%s: %s is the record number", filepath.Base(p), k)
			}
		}
	}
}
