package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"math"
)

var (
	linkSQL     = mustSQL("link.sql")
	recoverySQL = "WITH " + linkSQL + withExports(mustSQL("recovery.sql"))
	driversSQL  = "WITH " + linkSQL + mustSQL("drivers.sql")
)

// The service-recovery groups.
const (
	RecoveryResolved    = "resolved"     // complainants whose complaint was resolved when they answered
	RecoveryUnresolved  = "unresolved"   // complainants whose complaint was still open
	RecoveryNoComplaint = "no_complaint" // named customers with no complaint before answering
)

// RecoveryGroup is the satisfaction of one service-recovery group, with the
// intervals of Wilson and NPSInterval.
type RecoveryGroup struct {
	Group      string   `json:"group"`
	Responses  int64    `json:"responses"`
	CSAT       *float64 `json:"csat"`
	CSATN      int64    `json:"csat_n"`
	CSATCILow  *float64 `json:"csat_ci_low"`
	CSATCIHigh *float64 `json:"csat_ci_high"`
	NPS        *float64 `json:"nps"`
	NPSN       int64    `json:"nps_n"`
	NPSCILow   *float64 `json:"nps_ci_low"`
	NPSCIHigh  *float64 `json:"nps_ci_high"`
	CESMean    *float64 `json:"ces_mean"`
	CESN       int64    `json:"ces_n"`

	top2, promoters, detractors float64
}

// RecoveryTest compares one metric between two groups: Difference = A - B
// with a two-sided z-test under the hypothesis that both groups' answers
// come from one population, so the standard error uses the two groups'
// answers pooled. For CSAT it is the two-proportion test,
// z = (pA - pB) / sqrt(p(1-p)(1/nA + 1/nB)) with p the pooled share; for NPS,
// the mean of a score of 100 (promoter), 0 or -100 (detractor),
// z = (NPS_A - NPS_B) / (100 sqrt((P + D - (P - D)^2)(1/nA + 1/nB))) with P
// and D the pooled shares of promoters and detractors. P-values come from
// the standard normal; nil when a group has fewer than MinTestResponses
// answers or the standard error is 0.
type RecoveryTest struct {
	Metric     string   `json:"metric"` // "csat" or "nps"
	A          string   `json:"a"`
	B          string   `json:"b"`
	Difference *float64 `json:"difference"`
	Z          *float64 `json:"z"`
	PValue     *float64 `json:"p_value"`
}

// Recovery is the service-recovery comparison.
type Recovery struct {
	Groups []RecoveryGroup `json:"groups"` // resolved, unresolved, no_complaint, in that order
	Tests  []RecoveryTest  `json:"tests"`
}

// ServiceRecovery compares CSAT, NPS and CES of complainants whose complaint
// was resolved when they answered the survey, complainants whose complaint
// was not, and customers with no complaint, with intervals and z-tests
// between each pair. Responses link to complaints as in Compute (opts.LinkWindow),
// and a complaint is resolved or open as Compute judges it: open whatever
// its resolved_at while its status says open (reopened since). A response
// about a complaint of a source that records neither a status nor a
// resolution date (tweets), which cannot tell the two apart, is in no group,
// as is one about a complaint closed without a resolution time whose
// closure is not known by the as-of date (Row.Resolved: the export that
// recorded it is dated later); one known by then counts as resolved when
// answered, the time of the closure being unknown.
func ServiceRecovery(ctx context.Context, db Querier, opts Options) (Recovery, error) {
	r, err := opts.resolve(ctx, db)
	if err != nil {
		return Recovery{}, fmt.Errorf("service recovery: %w", err)
	}
	out := Recovery{Groups: []RecoveryGroup{}, Tests: []RecoveryTest{}}
	if r.cutoff.IsZero() {
		return out, nil
	}
	rows, err := db.QueryContext(ctx, recoverySQL, sql.Named("cutoff", r.cutoff), sql.Named("window_sec", r.LinkWindow.Seconds()))
	if err != nil {
		return Recovery{}, fmt.Errorf("service recovery: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g RecoveryGroup
		var top2, prom, detr int64
		var ces sql.NullFloat64
		if err := rows.Scan(&g.Group, &g.Responses, &g.CSATN, &top2, &g.NPSN, &prom, &detr, &g.CESN, &ces); err != nil {
			return Recovery{}, fmt.Errorf("service recovery: %w", err)
		}
		g.top2, g.promoters, g.detractors = float64(top2), float64(prom), float64(detr)
		if g.CSATN > 0 {
			n := float64(g.CSATN)
			lo, hi := Wilson(g.top2, n, r.z)
			g.CSAT, g.CSATCILow, g.CSATCIHigh = ptr(g.top2/n), ptr(lo), ptr(hi)
		}
		if g.NPSN > 0 {
			v, lo, hi := NPSInterval(g.promoters, g.detractors, float64(g.NPSN), r.z)
			g.NPS, g.NPSCILow, g.NPSCIHigh = ptr(v), ptr(lo), ptr(hi)
		}
		g.CESMean = nf(ces)
		out.Groups = append(out.Groups, g)
	}
	if err := rows.Err(); err != nil {
		return Recovery{}, fmt.Errorf("service recovery: %w", err)
	}
	for i := 0; i < len(out.Groups); i++ {
		for j := i + 1; j < len(out.Groups); j++ {
			a, b := out.Groups[i], out.Groups[j]
			out.Tests = append(out.Tests, csatTest(a, b), npsTest(a, b))
		}
	}
	return out, nil
}

// MinTestResponses is the fewest answers in each of two groups (or
// periods) for the tests between them: the normal approximation they rest
// on needs a few dozen, and with one answer an NPS interval has no width
// at all.
const MinTestResponses = 30

func csatTest(a, b RecoveryGroup) RecoveryTest {
	t := RecoveryTest{Metric: "csat", A: a.Group, B: b.Group}
	if a.CSATN == 0 || b.CSATN == 0 {
		return t
	}
	diff, p := csatZ(a.top2, float64(a.CSATN), b.top2, float64(b.CSATN))
	t.Difference = ptr(diff)
	return withP(t, p)
}

func npsTest(a, b RecoveryGroup) RecoveryTest {
	t := RecoveryTest{Metric: "nps", A: a.Group, B: b.Group}
	if a.NPSN == 0 || b.NPSN == 0 {
		return t
	}
	diff, p := npsZ(a.promoters, a.detractors, float64(a.NPSN), b.promoters, b.detractors, float64(b.NPSN))
	t.Difference = ptr(diff)
	return withP(t, p)
}

// csatZ is the pooled two-proportion test of RecoveryTest: the difference of
// the top-2-box shares x/n and its z and p (nil when a group has too few
// answers or the standard error is 0).
func csatZ(xa, na, xb, nb float64) (diff float64, z *float64) {
	p := (xa + xb) / (na + nb)
	return xa/na - xb/nb, zFrom(xa/na-xb/nb, math.Sqrt(p*(1-p)*(1/na+1/nb)), na, nb)
}

// npsZ is the pooled test of two net promoter scores (RecoveryTest).
func npsZ(pa, da, na, pb, db, nb float64) (diff float64, z *float64) {
	p, d := (pa+pb)/(na+nb), (da+db)/(na+nb)
	diff = 100 * ((pa-da)/na - (pb-db)/nb)
	return diff, zFrom(diff, 100*math.Sqrt(math.Max(0, p+d-(p-d)*(p-d))*(1/na+1/nb)), na, nb)
}

// zFrom is diff / se, or nil when either group has fewer than
// MinTestResponses answers or se is 0.
func zFrom(diff, se, na, nb float64) *float64 {
	if na < MinTestResponses || nb < MinTestResponses || !(se > 0) {
		return nil
	}
	return ptr(diff / se)
}

// ScoreChange tests a score's change between two periods' answers as
// RecoveryTest compares two groups: metric "csat" (the difference a share)
// or "nps" (in points), after - before, with its two-sided p-value; p is
// nil when either period has fewer than MinTestResponses answers.
func ScoreChange(metric string, before, after Row) (diff float64, p *float64) {
	var z *float64
	switch metric {
	case "csat":
		if before.CSATN == 0 || after.CSATN == 0 {
			return 0, nil
		}
		diff, z = csatZ(float64(after.csatTop2), float64(after.CSATN), float64(before.csatTop2), float64(before.CSATN))
	case "nps":
		if before.NPSN == 0 || after.NPSN == 0 {
			return 0, nil
		}
		diff, z = npsZ(float64(after.promoters), float64(after.detractors), float64(after.NPSN),
			float64(before.promoters), float64(before.detractors), float64(before.NPSN))
	default:
		panic("metrics.ScoreChange: metric " + metric)
	}
	if z == nil {
		return diff, nil
	}
	return diff, ptr(NormalTwoSided(*z))
}

// withP sets the test's z statistic and its two-sided normal p-value.
func withP(t RecoveryTest, z *float64) RecoveryTest {
	if z != nil {
		t.Z, t.PValue = z, ptr(NormalTwoSided(*z))
	}
	return t
}
