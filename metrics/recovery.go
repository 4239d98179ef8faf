package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"math"
)

var (
	linkSQL     = mustSQL("link.sql")
	recoverySQL = "WITH " + linkSQL + mustSQL("recovery.sql")
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
// with a two-sided z-test. For CSAT it is the pooled two-proportion test,
// z = (pA - pB) / sqrt(p(1-p)(1/nA + 1/nB)) with p the pooled share; for NPS
// the difference of two independent scores, z = (NPS_A - NPS_B) /
// sqrt(seA² + seB²) with se from NPSInterval's variance (unpooled). P-values
// come from the standard normal; nil when a group has no responses or the
// standard error is 0.
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
// between each pair. Responses link to complaints as in Compute (opts.LinkWindow).
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

func csatTest(a, b RecoveryGroup) RecoveryTest {
	t := RecoveryTest{Metric: "csat", A: a.Group, B: b.Group}
	if a.CSATN == 0 || b.CSATN == 0 {
		return t
	}
	na, nb := float64(a.CSATN), float64(b.CSATN)
	pa, pb := a.top2/na, b.top2/nb
	p := (a.top2 + b.top2) / (na + nb)
	t.Difference = ptr(pa - pb)
	return withZ(t, pa-pb, math.Sqrt(p*(1-p)*(1/na+1/nb)))
}

func npsTest(a, b RecoveryGroup) RecoveryTest {
	t := RecoveryTest{Metric: "nps", A: a.Group, B: b.Group}
	if a.NPSN == 0 || b.NPSN == 0 {
		return t
	}
	se := func(g RecoveryGroup) float64 {
		n := float64(g.NPSN)
		p, d := g.promoters/n, g.detractors/n
		return 100 * math.Sqrt(math.Max(0, p+d-(p-d)*(p-d))/n)
	}
	diff := 100 * ((a.promoters-a.detractors)/float64(a.NPSN) - (b.promoters-b.detractors)/float64(b.NPSN))
	t.Difference = ptr(diff)
	return withZ(t, diff, math.Hypot(se(a), se(b)))
}

// withZ sets the z statistic and two-sided normal p-value of diff / se.
func withZ(t RecoveryTest, diff, se float64) RecoveryTest {
	if !(se > 0) {
		return t
	}
	z := diff / se
	t.Z = ptr(z)
	t.PValue = ptr(NormalTwoSided(z))
	return t
}
