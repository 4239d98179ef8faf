package trend

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestShiftNewGroup: a group with no complaint before its shift (N: none
// in 16 weeks, then 20 a week for 5) has no level before to compare
// with: its expected count is 0 and a ratio to it none. The alert says
// the group is new (new_group in JSON), not a bare null ratio (before this
// change: expected 0, ratio null, nothing more).
func TestShiftNewGroup(t *testing.T) {
	n := make([]int, 21)
	for w := 16; w < 21; w++ {
		n[w] = 20
	}
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": flat(20, 21), "B": flat(20, 21), "C": flat(20, 21), "N": n}, 0))
	res, err := Detect(context.Background(), db, Options{By: []string{"product"}, AsOf: fixtureStart.AddDate(0, 0, 7*21)})
	if err != nil {
		t.Fatal(err)
	}
	var shift *Alert
	for i, a := range res.Alerts {
		t.Logf("%s %s observed %g expected %g new %v", a.Kind, a.Group, a.Observed, a.Expected, a.NewGroup)
		if a.Kind == KindShift && a.Group == "N" {
			shift = &res.Alerts[i]
		}
	}
	if shift == nil {
		t.Fatalf("alerts = %+v, want a shift of N", res.Alerts)
	}
	if shift.Expected != 0 || shift.Ratio != nil || !shift.NewGroup {
		t.Errorf("N's shift: expected %g, ratio %v, new group %v; want 0, null, true", shift.Expected, shift.Ratio, shift.NewGroup)
	}
	b, err := json.Marshal(shift)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"new_group":true`) {
		t.Errorf("N's shift in JSON = %s, want new_group true", b)
	}
	// a group that had complaints before is not new
	for _, a := range res.Alerts {
		if a.Group != "N" && a.NewGroup {
			t.Errorf("%s %s: new group, want not", a.Kind, a.Group)
		}
	}
}
