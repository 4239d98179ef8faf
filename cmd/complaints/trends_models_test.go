package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// TestTrendsTopicsNotTested: when the periods a topic test compares hold
// complaints of two topic models (a retrain classified the new complaints
// only), the trend stage leaves the topic tests out (topics_not_tested in
// JSON); the table said nothing of it, so its "0 alerts" read as topics
// judged unchanged. The export of TestTrendsPhrasesUnredacted
// (writeCardExport: 13 weeks from Mon 2024-01-01), its weeks 0-9 restamped
// as if classified by an earlier trained model.
func TestTrendsTopicsNotTested(t *testing.T) {
	db := cardWarehouse(t, nil)
	ctx := context.Background()
	w, err := warehouse.Open(ctx, db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ExecContext(ctx, `UPDATE classifications SET model = 'classify/1 linear-svm:product@1+aaaaaaaa' WHERE complaint_id < 'C10'`); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	args := []string{"--db", db, "trends", "--by", "all", "--by", "topic", "--as-of", "2024-04-01"}
	out, _, err := runCLI(t, append(args, "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		NotTested []struct {
			PeriodStart string `json:"period_start"`
		} `json:"topics_not_tested"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("trends json: %v\n%s", err, out)
	}
	if len(res.NotTested) != 1 || res.NotTested[0].PeriodStart != "2024-03-25" {
		t.Fatalf("topics_not_tested = %+v, want the week of 2024-03-25\n%s", res.NotTested, out)
	}
	table, _, err := runCLI(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"topic tests of the week of 2024-03-25 not made", "linear-svm:product@1+aaaaaaaa", "classify --all"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}
