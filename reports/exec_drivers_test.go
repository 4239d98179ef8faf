package reports

import (
	"strings"
	"testing"

	"github.com/complaints/complaints/metrics"
)

// TestDriverSummaryNeedsQ: the summary names the topic that pulls NPS down
// most only when its difference from the reference is beyond chance
// across the topics tested (Benjamini-Hochberg q < 0.05). QA pass CE (a
// random customer link, 14 topics): "The topic that pulls NPS down most
// is Wait times ..." on an uncorrected p of 0.00466, whose q over 14
// topics is 0.00466 x 14 = 0.065 when it is the smallest.
func TestDriverSummaryNeedsQ(t *testing.T) {
	nps := func(topic string, impact, coef, p, q float64) metrics.Driver {
		return metrics.Driver{Metric: "nps", Topic: topic, Responses: 400, Value: fptr(10), Impact: fptr(impact),
			Coef: fptr(coef), PValue: fptr(p), QValue: fptr(q), Reference: metrics.ReferenceOther}
	}
	r := &run{opt: Options{Period: "week"}}
	for _, tt := range []struct {
		name    string
		ds      []metrics.Driver
		want    string
		notWant string
	}{
		{"none beyond chance", []metrics.Driver{nps("wait_times", 1.2, -6, 0.00466, 0.0652), nps("billing", 0.4, -3, 0.0259, 0.18)},
			"No topic's NPS differs from that of the reference group (other responses) beyond chance: of the 2 topics tested, the closest, wait_times, has q = 0.065 (Benjamini-Hochberg)", "pulls NPS down most"},
		{"the first beyond chance", []metrics.Driver{nps("wait_times", 1.2, -6, 0.0001, 0.0014), nps("billing", 0.4, -3, 0.0259, 0.18)},
			"Of the topics whose NPS differs from the reference group's beyond chance (q < 0.05 over the 2 topics tested), the one that pulls NPS down most is wait_times", ""},
		// the largest impact is within chance, the second is not
		{"the second beyond chance", []metrics.Driver{nps("wait_times", 1.2, -6, 0.02, 0.06), nps("billing", 0.4, -3, 0.001, 0.002)},
			"the one that pulls NPS down most is billing", "wait_times"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := r.driverSummary(tt.ds)
			if !strings.Contains(got, tt.want) || (tt.notWant != "" && strings.Contains(got, tt.notWant)) {
				t.Errorf("driver summary = %q, want %q and not %q", got, tt.want, tt.notWant)
			}
		})
	}
}
