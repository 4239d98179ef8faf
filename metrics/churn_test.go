package metrics

import (
	"context"
	"reflect"
	"testing"
)

func TestChurn(t *testing.T) {
	db := openTestDB(t)
	// The fixture plus customer u5 (not in the customers table): c6 and c7 a
	// week apart with sentiment falling 0.5 -> -0.5, and c8 open since
	// 2023-10-02, 105 days before the cutoff (past the 8-week target) and 92
	// days before c6 (outside the 90-day repeat window).
	cs := append(append([]complaint{}, fixtureComplaints...),
		complaint{id: "c6", customer: "u5", received: "2024-01-02 09:00", status: "closed", resolved: "2024-01-03 09:00",
			topic: "billing", sentiment: "positive", sentimentScore: fp(0.5)},
		complaint{id: "c7", customer: "u5", received: "2024-01-09 09:00", status: "open",
			topic: "billing", sentiment: "negative", sentimentScore: fp(-0.5)},
		complaint{id: "c8", customer: "u5", received: "2023-10-02 09:00", status: "open"},
	)
	// u1 churned on 2024-01-13; u2, u3, u9 did not.
	us := []customer{{id: "u1", churned: "2024-01-13 00:00"}, {id: "u2"}, {id: "u3"}, {id: "u9"}}
	load(t, db, cs, fixtureSurveys, us)

	got, _, quality, err := Churn(context.Background(), db, ChurnOptions{Options: Options{AsOf: fixtureAsOf}})
	if err != nil {
		t.Fatalf("Churn: %v", err)
	}
	churned := "2024-01-13"
	// Worked by hand with DefaultWeights:
	// u5: repeat c6 c7 (1) + falling c6 c7 (1) + unresolved c8 (2) = 4, 3 complaints;
	// u1: repeat c1 c3 (1) + intent c1 (3) = 4, 2 complaints (c3's 8 days are within target);
	// u2: reopened/disputed c2 (1) + detractor s2 after c2 (2) = 3;
	// u3: nothing (c5 resolved after the cutoff but only 4 days old; s4 is a promoter).
	want := []ChurnCustomer{
		{CustomerID: "u5", Score: 4, Complaints: 3, LastComplaint: "2024-01-09",
			Signals: map[string][]string{SignalRepeat: {"c6", "c7"}, SignalFalling: {"c6", "c7"}, SignalUnresolved: {"c8"}}},
		{CustomerID: "u1", Score: 4, Complaints: 2, LastComplaint: "2024-01-05", ChurnedAt: &churned,
			Signals: map[string][]string{SignalRepeat: {"c1", "c3"}, SignalIntent: {"c1"}}},
		{CustomerID: "u2", Score: 3, Complaints: 1, LastComplaint: "2024-01-02",
			Signals: map[string][]string{SignalReopened: {"c2"}, SignalDetractor: {"c2"}}},
	}
	if len(got) != len(want) {
		t.Fatalf("Churn returned %d customers, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.CustomerID != w.CustomerID || g.Score != w.Score || g.Complaints != w.Complaints ||
			g.LastComplaint != w.LastComplaint || !reflect.DeepEqual(g.ChurnedAt, w.ChurnedAt) || !reflect.DeepEqual(g.Signals, w.Signals) {
			t.Errorf("rank %d = %+v, want %+v", i+1, g, w)
		}
		if len(g.Reasons) != len(w.Signals) {
			t.Errorf("%s: reasons %q, want one per signal", g.CustomerID, g.Reasons)
		}
	}

	// Population u1, u2, u3, u9; churned u1 only (base rate 1/4).
	wantQ := map[string][3]*float64{ // precision, recall, lift
		SignalRepeat:     {fp(1), fp(1), fp(4)}, // u1
		SignalReopened:   {fp(0), fp(0), fp(0)}, // u2
		SignalFalling:    {nil, fp(0), nil},     // u5 is not in the customers table
		SignalIntent:     {fp(1), fp(1), fp(4)},
		SignalDetractor:  {fp(0), fp(0), fp(0)},
		SignalUnresolved: {nil, fp(0), nil},
		SignalAny:        {fp(0.5), fp(1), fp(2)}, // u1, u2
	}
	if len(quality) != len(wantQ) {
		t.Fatalf("got %d signal-quality rows, want %d", len(quality), len(wantQ))
	}
	for _, q := range quality {
		w := wantQ[q.Signal]
		for i, g := range []*float64{q.Precision, q.Recall, q.Lift} {
			if (g == nil) != (w[i] == nil) || (g != nil && !closeTo(*g, *w[i], 1e-12)) {
				t.Errorf("%s: measure %d = %s, want %s", q.Signal, i, show(valueOf(g)), show(valueOf(w[i])))
			}
		}
		if q.Population != 4 || q.ChurnedTotal != 1 {
			t.Errorf("%s: population %d churned %d, want 4 and 1", q.Signal, q.Population, q.ChurnedTotal)
		}
	}
}

func TestChurnLimit(t *testing.T) {
	db := openTestDB(t)
	load(t, db, fixtureComplaints, fixtureSurveys, nil)
	for _, tt := range []struct{ limit, want int }{{1, 1}, {-1, 2}, {0, 2}} {
		got, total, _, err := Churn(context.Background(), db, ChurnOptions{Options: Options{AsOf: fixtureAsOf}, Limit: tt.limit})
		if err != nil {
			t.Fatalf("Churn: %v", err)
		}
		// u1 (4) then u2 (3), as in TestChurnNoCustomers
		if len(got) != tt.want || got[0].CustomerID != "u1" {
			t.Errorf("Churn(limit %d) = %d customers starting %s, want %d starting u1", tt.limit, len(got), got[0].CustomerID, tt.want)
		}
		// the count of customers with a signal is not cut by the limit
		if total != 2 {
			t.Errorf("Churn(limit %d): %d customers with a signal, want 2", tt.limit, total)
		}
	}
}

func TestChurnNoCustomers(t *testing.T) {
	db := openTestDB(t)
	load(t, db, fixtureComplaints, fixtureSurveys, nil)
	got, _, quality, err := Churn(context.Background(), db, ChurnOptions{Options: Options{AsOf: fixtureAsOf}})
	if err != nil {
		t.Fatalf("Churn: %v", err)
	}
	// Without churned_at there is nothing to measure signals against.
	if len(quality) != 0 {
		t.Errorf("signal quality = %+v, want none", quality)
	}
	// u1 (repeat + intent = 4) and u2 (3) as in TestChurn; u1's horizon is now the cutoff.
	if len(got) != 2 || got[0].CustomerID != "u1" || got[0].Score != 4 || got[1].CustomerID != "u2" {
		t.Errorf("Churn = %+v, want u1 (4), u2 (3)", got)
	}
}
