package metrics

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/complaints/complaints/ingest"
	"github.com/complaints/complaints/internal/synth/demo"
)

// checkChurnAgrees holds the metrics table's churn_signal_customers to the
// --churn ranking, as the README says they count the same signals: per
// period, the customers with a complaint received in it among the
// complaint IDs the ranking (every customer, Limit -1) gives their signals.
// It returns how many churn-signal customers the periods hold in all, so
// that a caller can see the comparison had something to compare.
func checkChurnAgrees(t *testing.T, db Querier, opts Options) int64 {
	t.Helper()
	ctx := context.Background()
	ranked, _, _, err := Churn(ctx, db, ChurnOptions{Options: opts, Limit: -1})
	if err != nil {
		t.Fatalf("Churn: %v", err)
	}
	// the period each complaint is counted in, as Compute buckets it
	period := map[string]string{}
	rows, err := db.QueryContext(ctx, `SELECT complaint_id, strftime(date_trunc($1, received_at), '%Y-%m-%d') FROM complaints`, opts.Period)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, p string
		if err := rows.Scan(&id, &p); err != nil {
			t.Fatal(err)
		}
		period[id] = p
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]bool{} // period -> customers with a signal in it
	for _, c := range ranked {
		for _, ids := range c.Signals {
			for _, id := range ids {
				p, ok := period[id]
				if !ok {
					t.Fatalf("%s: the ranking names complaint %s, which is not stored", c.CustomerID, id)
				}
				if want[p] == nil {
					want[p] = map[string]bool{}
				}
				want[p][c.CustomerID] = true
			}
		}
	}
	opts.By = []string{"all"}
	table, err := Compute(ctx, db, opts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	var all int64
	seen := map[string]bool{}
	for _, r := range table {
		seen[r.PeriodStart] = true
		got := int64(0)
		if r.ChurnSignalCustomers != nil {
			got = *r.ChurnSignalCustomers
		}
		all += got
		if w := int64(len(want[r.PeriodStart])); got != w {
			t.Errorf("%s %s: churn_signal_customers %d, the ranking's signals %d", opts.Period, r.PeriodStart, got, w)
		}
	}
	for p := range want {
		if !seen[p] {
			t.Errorf("%s %s: the ranking has signals, the table no row", opts.Period, p)
		}
	}
	return all
}

// TestChurnSignalCustomersAgreeWithRanking: the table's count follows the
// ranking's one rule, that a customer's signals stop at churned_at (their
// horizon). On the demo (testdata/demo/synthetic, whose customers file
// records churn) the table counted more than the ranking's complaint IDs
// gave: here, loaded and not classified, 7 of its 26 weeks one more
// (week 2020-01-20: 61 against 60); classified, as make run does, 7 weeks
// 1-2 more (QA pass AF: 64 against 62; CUST-00755, churned 2020-02-26,
// had HD-001482 counted as unresolved past the target, 58.6 days after its
// receipt at the as-of date but not at the churn). And on the synthetic
// warehouse (testdata/synth.sql: a tenth of the customers churned,
// sentiment, intent and detractors), across periods, as-of dates and
// windows, where most weeks differed by 1-4.
func TestChurnSignalCustomersAgreeWithRanking(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		ctx := context.Background()
		db := openTestDB(t)
		dir := filepath.Join("..", "testdata", "demo", "synthetic")
		for _, f := range []string{demo.CustomersFile, demo.ComplaintsFile, demo.SurveysFile} {
			if _, err := ingest.File(ctx, db, filepath.Join(dir, f), ingest.Options{Now: func() time.Time { return time.Unix(0, 0) }}); err != nil {
				t.Fatalf("ingest %s: %v", f, err)
			}
		}
		for _, period := range []string{"week", "month"} {
			if n := checkChurnAgrees(t, db, Options{Period: period}); n == 0 {
				t.Errorf("%s: no churn-signal customers at all", period)
			}
		}
	})
	t.Run("synthetic", func(t *testing.T) {
		db := openTestDB(t)
		// as TestComputeMatchesReference: about 2.5 complaints per customer
		loadSynth(t, db, 10000, 3000, 4000)
		for _, opts := range []Options{
			{Period: "week"},
			{Period: "month", AsOf: day(2024, 3, 15)},
			{Period: "month", RepeatWindow: 3 * 24 * time.Hour, ResolutionTarget: 20 * 24 * time.Hour},
			{Period: "day", AsOf: day(2023, 9, 30)},
		} {
			t.Run(fmt.Sprintf("%s as of %s", opts.Period, opts.AsOf.Format(time.DateOnly)), func(t *testing.T) {
				if n := checkChurnAgrees(t, db, opts); n == 0 {
					t.Error("no churn-signal customers at all")
				}
			})
		}
	})
}
