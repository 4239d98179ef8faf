package metrics

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// npsByTopic is a warehouse of NPS responses on 2024-01-10, each topic's
// (in the order of their names) linked to a complaint of the topic
// received the day before, topic "" linked to none.
func npsByTopic(t *testing.T, scores map[string][]int) *warehouse.DB {
	t.Helper()
	db := openTestDB(t)
	var cs []complaint
	var ss []survey
	for _, topic := range slices.Sorted(maps.Keys(scores)) {
		for _, s := range scores[topic] {
			id := fmt.Sprintf("r%d", len(ss)+1)
			sv := survey{id: id, responded: "2024-01-10 12:00", nps: ip(s)}
			if topic != "" {
				cs = append(cs, complaint{id: "c" + id, received: "2024-01-09 12:00", status: "open", topic: topic})
				sv.complaint = "c" + id
			}
			ss = append(ss, sv)
		}
	}
	load(t, db, cs, ss, nil)
	return db
}

func TestDrivers(t *testing.T) {
	// Topic A: 3 responses (NPS 10, 10, 0), topic B: 2 (0, 6), and 3 responses
	// linked to nothing (9, 7, 8).
	db := npsByTopic(t, map[string][]int{"A": {10, 10, 0}, "B": {0, 6}, "": {9, 7, 8}})

	got, err := Drivers(context.Background(), db, DriverOptions{MinResponses: 2})
	if err != nil {
		t.Fatalf("Drivers: %v", err)
	}
	// Worked by hand. Scores: A +100 +100 -100 (mean 33.33), B -100 -100
	// (mean -100), others +100 0 0 (mean 33.33); overall (3 - 3)/8 = 0.
	// Without A: (1 - 2)/5 = -20, impact -20; without B: (3 - 1)/6 = 33.33,
	// impact +33.33, so B comes first.
	// OLS with the others as reference: b_A = 33.33 - 33.33 = 0, b_B = -100 -
	// 33.33 = -133.33. RSS = 26666.7 (A) + 0 (B) + 6666.7 = 33333.3 on 8 - 3 = 5
	// df, s² = 6666.67; se(b_B) = sqrt(s² (1/2 + 1/3)) = 74.536, t(.975, 5) =
	// 2.570582, so b_B in [-324.933, 58.267], t = -1.788854, p = 0.133662
	// (Student t with 5 df, closed form); se(b_A) = sqrt(s² 2/3) = 66.667,
	// b_A in [-171.372, 171.372].
	type w struct {
		topic                  string
		n                      int64
		value, without, impact float64
		coef, lo, hi           float64
	}
	want := []w{
		{"B", 2, -100, 100.0 / 3, 100.0 / 3, -400.0 / 3, -324.9332, 58.2665},
		{"A", 3, 100.0 / 3, -20, -20, 0, -171.3721, 171.3721},
	}
	var nps []Driver
	for _, d := range got {
		if d.Metric == "nps" {
			nps = append(nps, d)
		}
	}
	if len(nps) != len(want) {
		t.Fatalf("got %d NPS drivers, want %d: %+v", len(nps), len(want), got)
	}
	for i, x := range want {
		d := nps[i]
		if d.Topic != x.topic || d.Responses != x.n || !closeTo(*d.Value, x.value, 1e-9) || !closeTo(*d.Without, x.without, 1e-9) ||
			!closeTo(*d.Impact, x.impact, 1e-9) || !closeTo(*d.Overall, 0, 1e-9) || d.Reference != ReferenceOther {
			t.Errorf("driver %d = %s n %d value %v without %v impact %v, want %+v", i, d.Topic, d.Responses, *d.Value, *d.Without, *d.Impact, x)
		}
		if d.Coef == nil || d.CILow == nil || !closeTo(*d.Coef, x.coef, 1e-6) || !closeTo(*d.CILow, x.lo, 1e-5) || !closeTo(*d.CIHigh, x.hi, 1e-5) {
			t.Errorf("%s: coef %s [%s, %s], want %v [%v, %v]", d.Topic, show(valueOf(d.Coef)), show(valueOf(d.CILow)), show(valueOf(d.CIHigh)), x.coef, x.lo, x.hi)
		}
	}
	if p := nps[0].PValue; p == nil || !closeTo(*p, 0.133662, 1e-5) {
		t.Errorf("B: p = %s, want 0.133662", show(valueOf(p)))
	}

	// With a minimum of 3 responses only A is shown; B joins the reference.
	got, err = Drivers(context.Background(), db, DriverOptions{MinResponses: 3})
	if err != nil {
		t.Fatalf("Drivers: %v", err)
	}
	if len(got) != 1 || got[0].Topic != "A" {
		t.Errorf("Drivers(min 3) = %+v, want only A", got)
	}
}

// TestDriversFewOthers: the responses outside the shown topics are the
// reference only when they are as many as a shown topic needs. Topic A: 3
// responses (NPS 10, 10, 0), B: 4 (0, 6, 9, 10), one linked to nothing
// (9); minimum 3. That one promoter made the reference, so A read 66.67
// points under it (an exploratory QA pass: one CSAT response made every
// topic 25 points worse). B, the largest topic, is the reference now, the
// other response keeping an indicator of its own.
func TestDriversFewOthers(t *testing.T) {
	db := npsByTopic(t, map[string][]int{"A": {10, 10, 0}, "B": {0, 6, 9, 10}, "": {9}})

	got, err := Drivers(context.Background(), db, DriverOptions{MinResponses: 3})
	if err != nil {
		t.Fatalf("Drivers: %v", err)
	}
	// Worked by hand. Scores: A +100 +100 -100 (mean 33.33), B -100 -100
	// +100 +100 (mean 0), the other +100. The fit is saturated (one mean a
	// group): b_A = 33.33 - 0. RSS = 26666.7 (A) + 40000 (B) + 0 on 8 - 3
	// = 5 df, s² = 13333.3; se(b_A) = sqrt(s² (1/3 + 1/4)) = 88.1917,
	// t(.975, 5) = 2.570582, so b_A in [-193.37, 260.04].
	var a *Driver
	for i, d := range got {
		if d.Metric != "nps" {
			continue
		}
		if d.Reference != "B" {
			t.Errorf("%s: reference %q, want B (the largest topic; one other response is too few)", d.Topic, d.Reference)
		}
		if d.Topic == "A" {
			a = &got[i]
		}
	}
	if a == nil || a.Coef == nil || a.CILow == nil {
		t.Fatalf("no coefficient for A: %+v", got)
	}
	if !closeTo(*a.Coef, 100.0/3, 1e-6) || !closeTo(*a.CILow, 100.0/3-2.570582*88.19171, 1e-3) || !closeTo(*a.CIHigh, 100.0/3+2.570582*88.19171, 1e-3) {
		t.Errorf("A: coef %v [%v, %v], want 33.33 [-193.37, 260.04]", *a.Coef, *a.CILow, *a.CIHigh)
	}
}
