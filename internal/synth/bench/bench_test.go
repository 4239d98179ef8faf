package bench

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func testPool() *Pool {
	return &Pool{
		Rows: [][]string{
			{"2019-01-01", "Mortgage", "", "Issue A", "", "n1", "", "Bank", "NY", "10001", "", "", "Web", "2019-01-02", "Closed with explanation", "Yes", "N/A", "1"},
			{"2019-02-01", "Debt collection", "", "Issue B", "", "", "", "Collector", "CA", "90001", "", "", "Phone", "2019-02-02", "In progress", "No", "N/A", "2"},
		},
		Narratives: []string{"first real narrative", "second, with \"quotes\"\nand a line break"},
	}
}

func TestWriteIsDeterministicAndValid(t *testing.T) {
	var a, b bytes.Buffer
	opts := Options{Rows: 500, Seed: 7}
	if err := Write(&a, testPool(), opts); err != nil {
		t.Fatal(err)
	}
	Write(&b, testPool(), opts)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same seed gave different bytes")
	}
	recs, err := csv.NewReader(&a).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 501 {
		t.Fatalf("records = %d, want 500 + header", len(recs))
	}
	ids := map[string]bool{}
	narr := 0
	for _, r := range recs[1:] {
		ids[r[colID]] = true
		if r[colNarrative] != "" {
			narr++
		}
	}
	if len(ids) != 500 {
		t.Errorf("unique IDs = %d, want 500", len(ids))
	}
	// 60% of 500 is 300; a binomial(500, 0.6) lies within 300 ± 45 (4.1 sd) but for a broken generator.
	if narr < 255 || narr > 345 {
		t.Errorf("narratives = %d, want about 300 of 500", narr)
	}
}

// The weekly export continues the full one: later dates, new IDs.
func TestWeekFollowsExport(t *testing.T) {
	const rows = 1000
	var full, week bytes.Buffer
	if err := Write(&full, testPool(), Options{Rows: rows, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	opts := Week(rows)
	if err := Write(&week, testPool(), opts); err != nil {
		t.Fatal(err)
	}
	fr, _ := csv.NewReader(&full).ReadAll()
	wr, _ := csv.NewReader(&week).ReadAll()
	// 1000 rows over 730 days is 9.6 a week: 1000*7/730 = 9 rows.
	if len(wr)-1 != 9 {
		t.Fatalf("weekly rows = %d, want 9", len(wr)-1)
	}
	lastDate, ids := "", map[string]bool{}
	for _, r := range fr[1:] {
		lastDate = max(lastDate, r[colDate])
		ids[r[colID]] = true
	}
	for _, r := range wr[1:] {
		if r[colDate] <= lastDate || r[colDate] > opts.Start.AddDate(0, 0, 6).Format("2006-01-02") {
			t.Errorf("weekly date %s not in the week after %s", r[colDate], lastDate)
		}
		if ids[r[colID]] {
			t.Errorf("weekly ID %s repeats an ID of the full export", r[colID])
		}
	}
}
