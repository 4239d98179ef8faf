package trend

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/complaints/complaints/metrics"
)

//go:embed coverage.sql
var coverageSQL string

// readsText reports whether the dimension named (as canonicalDimension
// writes it) groups complaints by what classify read from their text:
// topic (a complaint without a narrative gets its product's topic, and
// topics such as other or staff_behaviour come from narratives only) or
// language (none without a narrative), or a pair with either.
func readsText(name string) bool {
	a, b, pair := strings.Cut(name, ",")
	return readsTopic(name) || a == "language" || (pair && b == "language")
}

// coverage holds, per source, the complaints classified in each period of
// the panels and those of them classified from their text.
type coverage struct {
	starts   []time.Time // the panels' periods
	bySource map[string]*sourceCoverage
}

type sourceCoverage struct {
	classified, fromText []float64 // by period, on the panels' grid
}

// loadCoverage reads coverage.sql for [from, end) onto the periods starts.
func loadCoverage(ctx context.Context, db Querier, period Period, from, end time.Time, starts []time.Time) (*coverage, error) {
	index := make(map[time.Time]int, len(starts))
	for t, s := range starts {
		index[s] = t
	}
	rows, err := db.QueryContext(ctx, coverageSQL, string(period), from, end)
	if err != nil {
		return nil, fmt.Errorf("text coverage: %w", err)
	}
	defer rows.Close()
	cov := &coverage{starts: starts, bySource: map[string]*sourceCoverage{}}
	for rows.Next() {
		var s time.Time
		var src string
		var classified, fromText int64
		if err := rows.Scan(&s, &src, &classified, &fromText); err != nil {
			return nil, fmt.Errorf("text coverage: %w", err)
		}
		t, ok := index[s.UTC()]
		if !ok {
			continue // a period the panels trimmed (loadPanel)
		}
		sc := cov.bySource[src]
		if sc == nil {
			sc = &sourceCoverage{classified: make([]float64, len(starts)), fromText: make([]float64, len(starts))}
			cov.bySource[src] = sc
		}
		sc.classified[t] += float64(classified)
		sc.fromText[t] += float64(fromText)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("text coverage: %w", err)
	}
	return cov, nil
}

// sums returns the complaints classified in periods from..to (inclusive)
// and those classified from their text, of every source but skip.
func (cov *coverage) sums(from, to int, skip []string) (classified, fromText float64) {
	for src, sc := range cov.bySource {
		if slices.Contains(skip, src) {
			continue
		}
		for t := max(from, 0); t <= to && t < len(sc.classified); t++ {
			classified += sc.classified[t]
			fromText += sc.fromText[t]
		}
	}
	return classified, fromText
}

// caveats sets the TextCoverage of each alert among tests on a dimension
// read from text (readsText) whose periods read as changed have a share
// classified from text that differs from that of the periods it compares
// with, by the two-proportion z test at level q (see TextCoverage for the
// periods of each kind). The sources in young are left out, as from the
// tests.
//
// The topic tests themselves are not restricted to the complaints
// classified from text: those without one have topics too (their
// product's), the topic panel is every complaint as the pages count
// them, and within the texts alone a fall of coverage to 5% would leave
// a topic's share read from a few dozen complaints. The caveat says what
// moved instead.
func (cov *coverage) caveats(c config, tests []test, young []string, q float64) {
	for i, ts := range tests {
		if ts.metric != "" || !readsText(ts.dim) {
			continue
		}
		T := ts.t
		first, base := T, max(0, T-c.prm.trendLen) // a spike's or an emerging group's
		if ts.from >= 0 {
			// a shift's since its start, a trend's window, against the
			// window's periods before them
			first, base = ts.from, max(0, T-c.prm.window)
		}
		for base < first {
			if n, _ := cov.sums(base, base, young); n > 0 {
				break
			}
			base++ // before any complaint classified: no baseline yet
		}
		n1, x1 := cov.sums(first, T, young)
		n0, x0 := cov.sums(base, first-1, young)
		p, ok := twoProportions(x1, n1, x0, n0)
		if !ok || p > q {
			continue
		}
		tests[i].coverage = &TextCoverage{
			Share: round(x1/n1, 4), Classified: int64(n1),
			BaselineShare: round(x0/n0, 4), BaselineClassified: int64(n0),
			BaselineFrom: cov.starts[base].Format(dateLayout), PValue: p,
		}
	}
}

// twoProportions is the two-sided p-value of the two-proportion z test
// with pooled variance of x1 of n1 against x0 of n0 (see TextCoverage):
// ok is false when either has no trial (no test), and the p-value 1 when
// the pooled share is 0 or 1 (no variance: the shares are equal).
func twoProportions(x1, n1, x0, n0 float64) (p float64, ok bool) {
	if n1 <= 0 || n0 <= 0 {
		return 0, false
	}
	pooled := (x1 + x0) / (n1 + n0)
	v := pooled * (1 - pooled) * (1/n1 + 1/n0)
	if v <= 0 {
		return 1, true
	}
	z := (x1/n1 - x0/n0) / math.Sqrt(v)
	return metrics.NormalTwoSided(z), true
}
