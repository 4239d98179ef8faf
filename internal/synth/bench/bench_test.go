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
