package trend

import (
	"context"
	"encoding/json"
	"strconv"
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

// TestRisingNewGroup: a group with no complaint before its trend window
// (N: none in 9 weeks, then 2, 4, ..., 24 in the 12 weeks of the window)
// has no level before to compare with, as a shift's: its rising alert
// expects 0, has no ratio and says new_group. Before this change it
// expected the floor of half a complaint (measured: 0.5), a ratio of
// about 50, and no new_group.
func TestRisingNewGroup(t *testing.T) {
	n := make([]int, 21)
	for w := 9; w < 21; w++ {
		n[w] = 2 * (w - 8)
	}
	db := openTestDB(t)
	loadCanonical(t, db, writeFixture(t, map[string][]int{"A": flat(20, 21), "B": flat(20, 21), "C": flat(20, 21), "N": n}, 0))
	res, err := Detect(context.Background(), db, Options{By: []string{"product"}, AsOf: fixtureStart.AddDate(0, 0, 7*21)})
	if err != nil {
		t.Fatal(err)
	}
	var rising *Alert
	for i, a := range res.Alerts {
		t.Logf("%s %s observed %g expected %g new %v", a.Kind, a.Group, a.Observed, a.Expected, a.NewGroup)
		if a.Kind == KindRising && a.Group == "N" {
			rising = &res.Alerts[i]
		}
	}
	if rising == nil {
		t.Fatalf("alerts = %+v, want N rising", res.Alerts)
	}
	if rising.Expected != 0 || rising.Ratio != nil || !rising.NewGroup {
		t.Errorf("N rising: expected %g, ratio %v, new group %v; want 0, null, true", rising.Expected, ratioOf(rising), rising.NewGroup)
	}
	b, err := json.Marshal(rising)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"new_group":true`) || !strings.Contains(string(b), `"ratio":null`) {
		t.Errorf("N rising in JSON = %s, want new_group true, ratio null", b)
	}
	for _, a := range res.Alerts {
		if a.Group != "N" && a.NewGroup {
			t.Errorf("%s %s: new group, want not", a.Kind, a.Group)
		}
	}
}

// ratioOf is a's ratio for a message: "null" when it has none.
func ratioOf(a *Alert) string {
	if a.Ratio == nil {
		return "null"
	}
	return strconv.FormatFloat(*a.Ratio, 'g', -1, 64)
}
