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

// pace holds the complaints of the baseline periods of a partial period
// (early: those received as far into their period as the partial one has
// run; all: every one), per source, pooled over the groups and per group
// of each dimension judged, to judge the partial period's counts at the
// share of a period's complaints received by then: complaints do not
// arrive evenly over a period (fewer at weekends, at night, at the end of
// a month), and the calendar fraction elapsed understated a Wednesday's
// expectation by a fifth where Monday to Wednesday held 55% of a week's
// complaints.
type pace struct {
	period  Period
	periods int // baseline periods read
	pooled  arrivals
	groups  map[string]map[string]arrivals // dimension -> group -> its arrivals
	// the query's arguments, to read each dimension's groups (readGroups)
	from, to time.Time
	elapsed  time.Duration
}

// arrivals holds, per source, the complaints received early in their
// periods and all of them.
type arrivals map[string][2]int64

// sum adds the arrivals of every source but those named by skip.
func (a arrivals) sum(skip []string) (early, all int64) {
	for src, n := range a {
		if !slices.Contains(skip, src) {
			early, all = early+n[0], all+n[1]
		}
	}
	return early, all
}

// readPace reads the pace of the periods starting from from to to (the
// period judged, excluded: no look-ahead) at elapsed into each period,
// pooled over the groups.
func readPace(ctx context.Context, db Querier, period Period, from, to time.Time, elapsed time.Duration) (*pace, error) {
	pc := &pace{period: period, groups: map[string]map[string]arrivals{}, from: from, to: to, elapsed: elapsed}
	for s := from; s.Before(to); s = period.Add(s, 1) {
		pc.periods++
	}
	all, err := pc.read(ctx, db, dimension{expr: "'all'"})
	if err != nil {
		return nil, err
	}
	pc.pooled = all["all"]
	return pc, nil
}

// readGroups reads the pace of each group of the dimension name (d its
// SQL), which groupShare gives when its baseline holds enough complaints.
func (pc *pace) readGroups(ctx context.Context, db Querier, name string, d dimension) error {
	groups, err := pc.read(ctx, db, d)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	pc.groups[name] = groups
	return nil
}

// read reads the arrivals of each group of d.
func (pc *pace) read(ctx context.Context, db Querier, d dimension) (map[string]arrivals, error) {
	rows, err := db.QueryContext(ctx, d.sql(paceSQL, 0), string(pc.period), pc.elapsed.Microseconds(), pc.from, pc.to)
	if err != nil {
		return nil, fmt.Errorf("pace of complaints: %w", err)
	}
	defer rows.Close()
	out := map[string]arrivals{}
	for rows.Next() {
		var grp, src string
		var early, all int64
		if err := rows.Scan(&grp, &src, &early, &all); err != nil {
			return nil, fmt.Errorf("pace of complaints: %w", err)
		}
		if out[grp] == nil {
			out[grp] = arrivals{}
		}
		out[grp][src] = [2]int64{early, all}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pace of complaints: %w", err)
	}
	return out, nil
}

// share returns the part of a period's complaints expected by now in a
// partial period, calendar of it elapsed, and the note the volume
// spikes' method carries to say so: the share of the baseline's
// complaints received as far into their periods, pooled over every group
// and every source but those named by skip (the sources too new to
// judge, whose complaints the tests leave out); the calendar fraction
// when they number fewer than minPaceComplaints. A share of none is
// taken as half a complaint's, as the volume baselines expect half a
// complaint at least.
func (pc *pace) share(calendar float64, skip []string) (float64, string) {
	return pc.at(pc.pooled, "", calendar, skip)
}

// groupShare is share for one group of the dimension dim: its own pace
// where its baseline holds minPaceComplaints or more (groups of different
// rhythms, one's complaints 92% in by Tuesday, another's 28%, were judged
// at the pooled 60%: QA pass BD), else the pooled one.
func (pc *pace) groupShare(dim, group string, calendar float64, skip []string) (float64, string) {
	if a, ok := pc.groups[dim][group]; ok && dim != "all" {
		if _, all := a.sum(skip); all >= minPaceComplaints {
			return pc.at(a, "of its own complaints ", calendar, skip)
		}
	}
	return pc.share(calendar, skip)
}

// at returns the share of a's complaints received by now and its note
// (whose says whose complaints they are), or the calendar fraction when
// they are too few.
func (pc *pace) at(a arrivals, whose string, calendar float64, skip []string) (float64, string) {
	early, all := a.sum(skip)
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
	return s, fmt.Sprintf(" (partial %s: expected at %s of a %s's complaints, the share %s%s received by this point of the %s; %s of its time has elapsed)",
		unit, figure(s), unit, whose, before, unit, figure(calendar))
}

// figure writes a share to three significant digits.
func figure(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
