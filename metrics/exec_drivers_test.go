package metrics

import (
	"context"
	"testing"
)

// TestDriversQValues: each metric's drivers carry Benjamini-Hochberg
// q-values over the topics tested (those with a p-value), as the executive
// summary names a driver by them: QA pass CE named "Wait times" as what
// pulls NPS down most on an uncorrected p of 0.00466 among 14 topics of a
// random customer link. The fixture is TestDrivers': p(B) = 0.133662,
// p(A) = 1 (b_A = 0), so q(B) = 0.133662 x 2 / 1 = 0.267324 and q(A) =
// min(1, 1 x 2 / 2) = 1.
func TestDriversQValues(t *testing.T) {
	db := npsByTopic(t, map[string][]int{"A": {10, 10, 0}, "B": {0, 6}, "": {9, 7, 8}})
	got, err := Drivers(context.Background(), db, DriverOptions{MinResponses: 2})
	if err != nil {
		t.Fatalf("Drivers: %v", err)
	}
	want := map[string]float64{"B": 0.133662 * 2, "A": 1}
	for _, d := range got {
		if d.Metric != "nps" {
			continue
		}
		if d.QValue == nil || !closeTo(*d.QValue, want[d.Topic], 1e-5) {
			t.Errorf("q of %s = %v, want %v", d.Topic, d.QValue, want[d.Topic])
		}
	}
}

// TestDriversQReferenceTopic: the reference topic (the largest, when the
// responses outside the shown topics are too few) is not tested and has
// no q; the other topics' q is over the topics tested, not every topic
// shown. A (4 responses, the reference) and B (3); nothing else.
func TestDriversQReferenceTopic(t *testing.T) {
	db := npsByTopic(t, map[string][]int{"A": {10, 10, 9, 0}, "B": {0, 6, 10}})
	got, err := Drivers(context.Background(), db, DriverOptions{MinResponses: 2})
	if err != nil {
		t.Fatalf("Drivers: %v", err)
	}
	for _, d := range got {
		if d.Metric != "nps" {
			continue
		}
		switch d.Topic {
		case "A":
			if d.QValue != nil {
				t.Errorf("the reference topic A has q %v, want none", *d.QValue)
			}
		case "B":
			// one test: q = p
			if d.PValue == nil || d.QValue == nil || !closeTo(*d.QValue, *d.PValue, 1e-12) {
				t.Errorf("B: p %v, q %v; want q = p (one topic tested)", d.PValue, d.QValue)
			}
		}
	}
}
