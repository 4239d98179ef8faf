package trend

import (
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"time"
)

//go:embed pace.sql
var paceSQL string

// minPaceComplaints is the fewest complaints of the baseline periods whose
// pace a partial period is judged at: at 100, a share near one half is
// known to about 0.05 (its binomial standard error). With fewer, the
// calendar fraction elapsed is used.
const minPaceComplaints = 100

// pace holds, per source, the complaints of the baseline periods of a
// partial period (early: those received as far into their period as the
// partial one has run; all: every one), to judge the partial period's
// counts at the share of a period's complaints received by then:
// complaints do not arrive evenly over a period (fewer at weekends, at
// night, at the end of a month), and the calendar fraction elapsed
// understated a Wednesday's expectation by a fifth where Monday to
// Wednesday held 55% of a week's complaints.
type pace struct {
	period  Period
	periods int // baseline periods read
	early   map[string]int64
	all     map[string]int64
}

// readPace reads the pace of the periods starting from from to to (the
// period judged, excluded: no look-ahead) at elapsed into each period.
func readPace(ctx context.Context, db Querier, period Period, from, to time.Time, elapsed time.Duration) (*pace, error) {
	pc := &pace{period: period, early: map[string]int64{}, all: map[string]int64{}}
	for s := from; s.Before(to); s = period.Add(s, 1) {
		pc.periods++
	}
	rows, err := db.QueryContext(ctx, paceSQL, string(period), elapsed.Microseconds(), from, to)
	if err != nil {
		return nil, fmt.Errorf("pace of complaints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var src string
		var early, all int64
		if err := rows.Scan(&src, &early, &all); err != nil {
			return nil, fmt.Errorf("pace of complaints: %w", err)
		}
		pc.early[src], pc.all[src] = early, all
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pace of complaints: %w", err)
	}
	return pc, nil
}

// share returns the part of a period's complaints expected by now in a
// partial period, calendar of it elapsed, and the note the volume
// spikes' method carries to say so: the share of the baseline's
// complaints received as far into their periods, pooled over every group
// (a group's own is too noisy) and every source but those named by skip
// (the sources too new to judge, whose complaints the tests leave out);
// the calendar fraction when they number fewer than minPaceComplaints. A
// share of none is taken as half a complaint's, as the volume baselines
// expect half a complaint at least.
func (pc *pace) share(calendar float64, skip []string) (float64, string) {
	var early, all int64
	for src, n := range pc.all {
		if !slices.Contains(skip, src) {
			early, all = early+pc.early[src], all+n
		}
	}
	unit := pc.period
	before, hold := fmt.Sprintf("the %d %ss before", pc.periods, unit), "hold"
	if pc.periods == 1 {
		before, hold = "the "+string(unit)+" before", "holds"
	}
	if all < minPaceComplaints {
		return calendar, fmt.Sprintf(" (partial %s: expected at %s of a %s's complaints, the fraction of its time elapsed: %s %s %d complaints, fewer than the %d a pace needs)",
			unit, figure(calendar), unit, before, hold, all, minPaceComplaints)
	}
	s := max(float64(early), 0.5) / float64(all)
	return s, fmt.Sprintf(" (partial %s: expected at %s of a %s's complaints, the share %s received by this point of the %s; %s of its time has elapsed)",
		unit, figure(s), unit, before, unit, figure(calendar))
}

// figure writes a share to three significant digits.
func figure(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
