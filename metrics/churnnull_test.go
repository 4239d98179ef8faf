package metrics

import (
	"context"
	"testing"
)

// TestChurnTotalNullWithoutCustomerIDs: where no complaint names its
// customer, the count of customers with a churn signal is unknown, not
// 0: the metrics table's churn_signal_customers is null then, and
// `metrics --churn`'s customers_with_signal, which read 0 on a
// surveys-only warehouse (a QA pass, a BI analyst, 2026-12-07), is null
// by CustomerIDsRecorded. A complaint received after the report date
// does not count.
func TestChurnTotalNullWithoutCustomerIDs(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{{id: "late", customer: "u1", received: "2024-03-20 09:00", status: "open"}},
		[]survey{{id: "s1", customer: "u1", responded: "2024-03-05 12:00", csat: ip(2), nps: ip(3)}}, nil)
	ctx := context.Background()
	opts := Options{Period: "week", AsOf: day(2024, 3, 10)}
	rows, err := Compute(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ChurnSignalCustomers != nil {
			t.Errorf("%s: churn_signal_customers %d, want null", r.PeriodStart, *r.ChurnSignalCustomers)
		}
	}
	for _, tt := range []struct {
		day  int
		want bool
	}{{10, false}, {20, true}} {
		opts.AsOf = day(2024, 3, tt.day)
		got, err := CustomerIDsRecorded(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("as of 2024-03-%d: customer IDs recorded %v, want %v", tt.day, got, tt.want)
		}
	}
}
