package metrics

import (
	"context"
	"testing"
)

func TestServiceRecovery(t *testing.T) {
	db := openTestDB(t)
	load(t, db, fixtureComplaints, fixtureSurveys, nil)
	got, err := ServiceRecovery(context.Background(), db, Options{AsOf: fixtureAsOf})
	if err != nil {
		t.Fatalf("ServiceRecovery: %v", err)
	}
	// From the fixture: s1 (c1 resolved 01-03 09:00, answered 12:00) and s2
	// (c2 resolved 01-08, answered 01-09) are resolved; s4 (c5 resolved 01-19,
	// answered 01-12) unresolved; s3 (u9, never complained) no complaint.
	type g struct {
		name             string
		responses, csatN int64
		csat, nps, ces   *float64
		npsN             int64
	}
	want := []g{
		{RecoveryResolved, 2, 2, fp(0.5), fp(0), fp(4), 2}, // csat 5, 2; nps 9, 3; ces 2, 6
		{RecoveryUnresolved, 1, 0, nil, fp(100), nil, 1},   // nps 10
		{RecoveryNoComplaint, 1, 1, fp(1), fp(0), nil, 1},  // csat 4, nps 7
	}
	if len(got.Groups) != len(want) {
		t.Fatalf("got %d groups, want %d", len(got.Groups), len(want))
	}
	eq := func(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || closeTo(*a, *b, 1e-12)) }
	for i, w := range want {
		x := got.Groups[i]
		if x.Group != w.name || x.Responses != w.responses || x.CSATN != w.csatN || x.NPSN != w.npsN ||
			!eq(x.CSAT, w.csat) || !eq(x.NPS, w.nps) || !eq(x.CESMean, w.ces) {
			t.Errorf("group %d = %+v, want %+v", i, x, w)
		}
		if x.CSAT != nil && (*x.CSATCILow > *x.CSAT || *x.CSATCIHigh < *x.CSAT) {
			t.Errorf("%s: CSAT interval [%v, %v] misses %v", x.Group, *x.CSATCILow, *x.CSATCIHigh, *x.CSAT)
		}
	}
	tests := map[string]RecoveryTest{}
	for _, x := range got.Tests {
		tests[x.Metric+" "+x.A+" "+x.B] = x
	}
	// NPS resolved (0, n 2, Var = (1 - 0)/2, se 70.711) vs unresolved (100,
	// n 1, Var 0): z = -100/70.711 = -1.41421, p = 2(1 - Phi(1.41421)) = 0.157299.
	nt := tests["nps resolved unresolved"]
	if nt.Z == nil || !closeTo(*nt.Z, -1.414214, 1e-6) || !closeTo(*nt.PValue, 0.157299, 1e-5) {
		t.Errorf("nps resolved vs unresolved = %+v, want z -1.414214, p 0.157299", nt)
	}
	// CSAT resolved (1 of 2) vs no complaint (1 of 1): pooled p = 2/3,
	// se = sqrt(2/9 * 3/2) = 0.577350, z = -0.5/0.577350 = -0.866025, p = 0.386476.
	ct := tests["csat resolved no_complaint"]
	if ct.Z == nil || !closeTo(*ct.Z, -0.866025, 1e-6) || !closeTo(*ct.PValue, 0.386476, 1e-5) {
		t.Errorf("csat resolved vs no_complaint = %+v, want z -0.866025, p 0.386476", ct)
	}
	// No CSAT among the unresolved: no test.
	if ut := tests["csat resolved unresolved"]; ut.Z != nil || ut.Difference != nil {
		t.Errorf("csat resolved vs unresolved = %+v, want no test", ut)
	}
}
