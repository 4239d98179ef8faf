package metrics

import (
	"reflect"
	"testing"
	"time"
)

// TestChurnDetractorLinkWindow: a response that names no complaint links to
// its customer's latest complaint received up to the link window before it
// (README: "its detractor signal, the drivers and the service recovery read
// that link"), so a detractor answer long after the complaint is no signal.
// QA pass CE: at 2025-10-31 C006944 was flagged for an NPS of 6 on
// 2025-07-26 against complaint T010077 of 2025-04-23, 94 days before, and
// --link-window 1h, 720h and 8760h all gave 9,299 customers with a signal.
// Complaint a is received 2024-03-01 10:00; as of 2024-09-30.
func TestChurnDetractorLinkWindow(t *testing.T) {
	cs := []complaint{{id: "a", customer: "u", received: "2024-03-01 10:00", status: "closed", resolved: "2024-03-02 10:00"}}
	asOf := time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		s      survey
		window time.Duration // 0: the default, 30 days
		want   []string      // the detractor signal's complaint IDs
		months map[string]int64
	}{
		{"10 days after", survey{customer: "u", responded: "2024-03-11 10:00", nps: ip(6)}, 0,
			[]string{"a"}, map[string]int64{"2024-03-01": 1}},
		// 94 days after a: outside the default 30-day window
		{"94 days after", survey{customer: "u", responded: "2024-06-03 10:00", nps: ip(6)}, 0,
			nil, map[string]int64{"2024-03-01": 0, "2024-06-01": -1}},
		{"94 days after, a 100-day window", survey{customer: "u", responded: "2024-06-03 10:00", nps: ip(6)}, 100 * 24 * time.Hour,
			[]string{"a"}, map[string]int64{"2024-03-01": 1, "2024-06-01": -1}},
		{"10 days after, a 1-hour window", survey{customer: "u", responded: "2024-03-11 10:00", nps: ip(6)}, time.Hour,
			nil, map[string]int64{"2024-03-01": 0}},
		// a response naming the complaint is about it whatever the window
		{"94 days after, naming a", survey{complaint: "a", responded: "2024-06-03 10:00", nps: ip(6)}, 0,
			[]string{"a"}, map[string]int64{"2024-03-01": 1, "2024-06-01": -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			tt.s.id = "s"
			load(t, db, cs, []survey{tt.s}, nil)
			opts := Options{Period: "month", AsOf: asOf, LinkWindow: tt.window}
			ranked, _, _, err := Churn(t.Context(), db, ChurnOptions{Options: opts, Limit: -1})
			if err != nil {
				t.Fatalf("Churn: %v", err)
			}
			var got []string
			for _, c := range ranked {
				if c.CustomerID == "u" {
					got = c.Signals[SignalDetractor]
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("detractor signal of u = %q, want %q", got, tt.want)
			}
			// the table's churn_signal_customers reads the same link
			rows, err := Compute(t.Context(), db, opts)
			if err != nil {
				t.Fatal(err)
			}
			months := map[string]int64{}
			for _, r := range rows {
				if r.Complaints == 0 && r.NPSN == 0 {
					continue
				}
				months[r.PeriodStart] = -1
				if r.ChurnSignalCustomers != nil {
					months[r.PeriodStart] = *r.ChurnSignalCustomers
				}
			}
			if !reflect.DeepEqual(months, tt.months) {
				t.Errorf("churn_signal_customers by month = %v, want %v", months, tt.months)
			}
		})
	}
}
