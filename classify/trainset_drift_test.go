package classify

import (
	"strings"
	"testing"
	"time"
)

// TestLabelDrift: a helpdesk renamed category "Delays" to "Delay" in
// March (QA pass AG); a model of January to March learnt both, and classify
// --all gave January-like texts one and March-like texts the other, which
// the weekly page read as shifts. Train cannot know of renames, but it can
// say that a label's examples all fall in part of the data's time range.
// Labels spread over the range, or too few to tell, are not named.
func TestLabelDrift(t *testing.T) {
	day0 := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	var labels []string
	var received []time.Time
	add := func(label string, from, to, n int) {
		for i := range n {
			labels = append(labels, label)
			received = append(received, day0.AddDate(0, 0, from+i*(to-from)/n))
		}
	}
	add("Baggage", 0, 90, 300)  // the whole range
	add("Refund", 0, 90, 200)   // the whole range
	add("Delays", 0, 59, 80)    // January and February
	add("Delay", 59, 90, 120)   // from 2024-03-01
	add("Rare", 70, 90, 3)      // late, but three examples tell nothing
	add("Seasonal", 0, 80, 150) // ends ten days early: a ninth of the data
	notes := LabelDrift(labels, received)
	joined := strings.Join(notes, "\n")
	if len(notes) != 2 {
		t.Fatalf("LabelDrift = %q, want two notes (Delay, Delays)", notes)
	}
	for _, want := range []string{
		`"Delay": all 120 examples received from 2024-03-01 (the training data runs from 2024-01-02)`,
		`"Delays": all 80 examples received up to 2024-02-`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("LabelDrift = %q, want a note containing %q", notes, want)
		}
	}
	// no dates to tell (one placeholder date for all, as the CFPB product file has)
	same := make([]time.Time, len(labels))
	if notes := LabelDrift(labels, same); len(notes) != 0 {
		t.Errorf("LabelDrift of one date = %q, want none", notes)
	}
}
