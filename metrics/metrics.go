package metrics

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/complaints/complaints/internal/period"
)

//go:embed sql/*.sql
var sqlFS embed.FS

func mustSQL(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name)
	if err != nil {
		panic("metrics: missing embedded SQL " + name)
	}
	return string(b)
}

var (
	calendarSQL = mustSQL("calendar.sql")
	exportsSQL  = mustSQL("exports.sql")
	computeSQL  = withExports(strings.NewReplacer(
		"/*CALENDAR*/", calendarSQL,
		"/*DIM_COLUMNS*/", mustSQL("dim_columns.sql"),
	).Replace(mustSQL("compute.sql")))
)

// withExports is q with the runs' export dates (sql/exports.sql) at its
// marker.
func withExports(q string) string { return strings.Replace(q, "/*EXPORTS*/", exportsSQL, 1) }

// ExportsSQL is the CTE exports of each ingest run's export date
// (sql/exports.sql): the reports' scope knows a closure without a time
// from the same date as the metrics.
func ExportsSQL() string { return exportsSQL }

// CalendarSQL is the working-day calendar the metrics judge business
// times by (sql/calendar.sql: the CTEs bounds and cal, over the
// complaints table), with cutoff and holidays standing for its parameters
// ("$1", "$4"): the reports' scope judges its targets on the same days.
func CalendarSQL(cutoff, holidays string) string {
	return strings.NewReplacer("$cutoff", cutoff, "$holidays", holidays).Replace(calendarSQL)
}

// Querier is what the metrics need from the warehouse: *warehouse.DB and
// *sql.DB satisfy it.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Dimensions lists the names a metrics table can be split by. "all" is the
// whole warehouse as one group. topic, department and language come from
// classifications (a complaint without one is "unclassified"; department
// falls back to the complaint's own department field); the others are
// complaint fields (missing values are "unknown"). A survey response takes
// the dimension values of the complaint it links to ("unlinked" when none;
// for source, when none, the survey's own source, so that a survey
// vendor's unlinked answers are its own group).
var Dimensions = []string{"all", "topic", "product", "issue", "channel", "company", "department", "region", "source", "language"}

// Options select and tune the metrics. The zero value gives weekly figures
// for the whole warehouse as of the latest date in the data, with the
// default targets of DESIGN.md.
type Options struct {
	// Period is "day", "week" (ISO week, Monday start; the default) or "month".
	Period string
	// By lists the dimensions to split by, each a name from Dimensions or a
	// pair "a,b" of two of them (group "A / B"). Empty means "all".
	By []string
	// AsOf is the report date (inclusive): data received or responded after
	// it is ignored and resolution is judged at its end. Zero means the
	// latest received_at or responded_at in the warehouse.
	AsOf time.Time
	// AckTargetDays is the acknowledgement target in business days
	// (default 3). A complaint is acknowledged by the first of its first
	// response and its resolution (the resolution recorded, also a
	// reopened complaint's earlier one).
	AckTargetDays float64
	// ResolutionTarget is the resolution target in calendar time (default 8 weeks).
	ResolutionTarget time.Duration
	// BusinessHours reports durations in business hours: only time on
	// working days counts (Monday to Friday, except Holidays), 24 hours a
	// working day. By default durations are calendar hours.
	BusinessHours bool
	// Holidays are non-working days besides weekends; they shorten business
	// durations and the acknowledgement clock. Only the date part is used.
	Holidays []time.Time
	// LinkWindow is how long before a survey response a customer's latest
	// complaint may be received for the response to link to it when the
	// response names no complaint (default 30 days).
	LinkWindow time.Duration
	// RepeatWindow is the window in which a second complaint by the same
	// customer is a repeat-complaint churn signal (default 90 days).
	RepeatWindow time.Duration
	// Confidence is the level of every interval (default 0.95).
	Confidence float64
	// Since, when not zero, limits the table to the periods from the one
	// holding it on. Their rows are those of the whole table, figure for
	// figure, but older complaints are read only where these periods need
	// them (a repeat or survey link within the windows, the backlog, a
	// survey naming the complaint), so a report of recent periods does not
	// pay for the whole history.
	Since time.Time
}

// Row is one line of the metrics table: one group of one dimension in one
// period. Pointer fields are nil when the figure cannot be known. Shares are
// fractions in 0..1, NPS is on the -100..100 scale, durations are hours.
type Row struct {
	PeriodStart string `json:"period_start"` // YYYY-MM-DD, first day of the period
	Dimension   string `json:"dimension"`    // e.g. "topic", "topic,product" or "all"
	Group       string `json:"group"`        // e.g. "billing", "billing / Credit card" or "all"
	// Partial is true for the period the report date falls in without
	// ending it (Partial): its figures are of its days up to the report
	// date only. DataTo is the last day the row's figures cover
	// (YYYY-MM-DD): the period's last day, or the report date for a
	// partial period.
	Partial bool   `json:"partial"`
	DataTo  string `json:"data_to"`

	// Complaints received in the period; Resolved of those, resolved by the
	// as-of date (resolved_at on or before it, or status closed without a
	// resolved_at once that closure is known; a complaint whose status is
	// open is not, whatever its resolved_at: it was reopened since).
	// ResolutionRate = Resolved / the complaints judged: those of sources
	// that record a status or a resolution date (a source that records
	// neither, tweets, cannot tell resolved from open), less those closed
	// without a resolved_at whose closure is not known by the as-of date
	// and, of a source that records no resolution times, all of the
	// complaints of a run not yet exported by then, the open ones too. A
	// closure without a time (every CFPB complaint: the export records the
	// state at export time only) is known as of the export that recorded it,
	// dated by the latest time (received_at, first_response_at or
	// resolved_at) any complaint its ingest run stored carries (a lower
	// bound of the export date, sql/exports.sql): at an as-of date before
	// that, whether the complaint was resolved by then is unknown, and it is
	// in neither Resolved nor the rate's denominator (nor, as any complaint
	// closed without a time, in the backlog). At the default as-of date (the
	// latest receipt or response) every closure is known unless its run
	// holds a response or resolution dated after that day. Both nil when
	// none of the period's complaints is judged; of a period with no
	// complaint, Resolved is 0 and the rate nil.
	Complaints     int64    `json:"complaints"`
	Resolved       *int64   `json:"resolved"`
	ResolutionRate *float64 `json:"resolution_rate"`
	// Medians (and P90) over the period's complaints that have the
	// timestamp, by linear interpolation (quantile_cont, Hyndman-Fan type 7).
	MedianFirstResponseHours *float64 `json:"median_first_response_hours"`
	P90FirstResponseHours    *float64 `json:"p90_first_response_hours"`
	MedianResolutionHours    *float64 `json:"median_resolution_hours"`
	P90ResolutionHours       *float64 `json:"p90_resolution_hours"`
	// SLAMetRate is the share of judged complaints acknowledged within the
	// acknowledgement target and resolved within the resolution target. A
	// complaint is judged once it has met both targets or missed one (still
	// open past a target counts as missed); complaints closed without a
	// timestamp are not judged, nor any of a source that records no
	// resolution time (the CFPB export, an export of open tickets; a
	// support thread's replies give first responses only), open or closed:
	// a closed one could only miss it, so judging the open ones past the
	// target alone would read 0% by construction (the backlog's ageing
	// shows those). The acknowledgement is not judged of a source that
	// records no response or resolution time. SLAN is the number judged.
	SLAMetRate *float64 `json:"sla_met_rate"`
	SLAN       int64    `json:"sla_n"`

	// CSAT is the top-2-box share (4 or 5 on 1-5) of the period's responses
	// with a CSAT answer, with its Wilson score interval.
	CSAT       *float64 `json:"csat"`
	CSATN      int64    `json:"csat_n"`
	CSATCILow  *float64 `json:"csat_ci_low"`
	CSATCIHigh *float64 `json:"csat_ci_high"`
	// NPS = 100 (promoters (9-10) - detractors (0-6)) / responses, with the
	// interval of NPSInterval.
	NPS       *float64 `json:"nps"`
	NPSN      int64    `json:"nps_n"`
	NPSCILow  *float64 `json:"nps_ci_low"`
	NPSCIHigh *float64 `json:"nps_ci_high"`
	// CESMean is the mean customer effort score (1-7).
	CESMean *float64 `json:"ces_mean"`
	CESN    int64    `json:"ces_n"`

	// NegativeShare is the share of classified complaints whose sentiment
	// label is negative.
	NegativeShare *float64 `json:"negative_share"`
	// ChurnSignalCustomers counts distinct customers with a complaint in the
	// group and period that carries a churn signal, the signals of Churn's
	// ranking as of the as-of date: another complaint by the customer
	// within RepeatWindow of it (before or after), reopened by the as-of
	// date (as ReopenRate) or disputed, the customer's sentiment falling
	// across their complaints (carried by each complaint with a
	// sentiment), churn intent, a detractor response (NPS 0-6) after it and
	// about it (naming it, or the customer's latest complaint before the
	// response), or unresolved past the resolution target. As in the
	// ranking, a customer's signals stop at churned_at when that is before
	// the as-of date (a signal after the churn is no sign of its risk):
	// only complaints received before it count, judged as they stood then.
	// Nil when no complaint names its customer.
	ChurnSignalCustomers *int64 `json:"churn_signal_customers"`

	// ReopenRate is the share of complaints with a known reopened_count
	// that were reopened at least once by the as-of date: one reopened and
	// resolved again after the as-of date may have been reopened by then or
	// not, and is left out.
	ReopenRate *float64 `json:"reopen_rate"`
	// TimelyRate and DisputedRate are shares of the complaints whose source
	// records the flag.
	TimelyRate   *float64 `json:"timely_rate"`
	TimelyN      int64    `json:"timely_n"`
	DisputedRate *float64 `json:"disputed_rate"`
	DisputedN    int64    `json:"disputed_n"`
	// CompensationPaid is the sum of compensation_amount where recorded.
	CompensationPaid *float64 `json:"compensation_paid"`
	// Backlog counts the group's complaints open at the period's end (or at
	// the as-of date's end for the current period), by age then: up to 3
	// business days, up to 8 weeks, and older (the buckets of the metric
	// definitions, whatever the targets). Open is by the status; with none
	// recorded (a register with no status column, a blank status cell), by
	// the resolution time: open when resolved after that instant, or never
	// resolved where the source records resolution times (of a source that
	// records none, tweets, such a complaint is neither open nor closed, and
	// in no backlog). A complaint closed without a time is in no backlog,
	// and of unknown state at a period end before its run's export (as
	// Resolved knows its closure). Nil when all the group's complaints are
	// of sources that record no status or resolution date, or when every
	// complaint of the group received by the period's end is of unknown
	// state then: a count of 0 would say none was open.
	Backlog           *int64 `json:"backlog"`
	Backlog0To3Days   *int64 `json:"backlog_0_3_business_days"`
	BacklogTo8Weeks   *int64 `json:"backlog_to_8_weeks"`
	BacklogOver8Weeks *int64 `json:"backlog_over_8_weeks"`
	// BacklogStateUnknown counts the group's complaints received by the
	// period's end (or the as-of date's) whose state their source cannot
	// tell (no status and no resolution time, of a source that records no
	// resolution times: a tweet), or that were closed without a time in a
	// run exported at or after the period's end (the CFPB's, before its
	// export): neither known open nor closed, they are in no backlog, and
	// any of them may be open then, so the backlog may be short by up to
	// this many.
	BacklogStateUnknown int64 `json:"backlog_state_unknown"`

	// the counts behind CSAT and NPS, for ScoreChange
	csatTop2, promoters, detractors int64
}

// The backlog's ageing buckets, as the metric definitions give them: up to
// AgeingYoungDays business days, up to AgeingOld, and older. They stay
// put when the targets change (Options.AckTargetDays, ResolutionTarget):
// the columns name them.
const (
	AgeingYoungDays = 3
	AgeingOld       = 8 * 7 * 24 * time.Hour
)

// dimension is a validated By entry split into its components.
type dimension struct{ name, d1, d2 string }

func parseDimensions(by []string) ([]dimension, error) {
	if len(by) == 0 {
		by = []string{"all"}
	}
	var dims []dimension
	seen := map[string]bool{}
	for _, b := range by {
		parts := strings.Split(strings.ReplaceAll(b, " ", ""), ",")
		if len(parts) > 2 {
			return nil, fmt.Errorf("dimension %q: at most two names, comma-separated", b)
		}
		for _, p := range parts {
			if !slices.Contains(Dimensions, p) {
				return nil, fmt.Errorf("unknown dimension %q (want one of %s)", p, strings.Join(Dimensions, ", "))
			}
		}
		d := dimension{name: strings.Join(parts, ","), d1: parts[0]}
		if len(parts) == 2 {
			if parts[0] == "all" || parts[1] == "all" || parts[0] == parts[1] {
				return nil, fmt.Errorf("dimension %q: a pair needs two different dimensions other than all", b)
			}
			d.d2 = parts[1]
		}
		key := d.name
		if d.d2 != "" && d.d2 < d.d1 {
			key = d.d2 + "," + d.d1
		}
		if seen[key] {
			if !slices.ContainsFunc(dims, func(x dimension) bool { return x.name == d.name }) {
				return nil, fmt.Errorf("dimension %q: the same pair as one already asked for", b)
			}
			continue
		}
		seen[key] = true
		dims = append(dims, d)
	}
	return dims, nil
}

// resolved holds Options with defaults applied.
type resolved struct {
	Options
	cutoff time.Time // exclusive end of the as-of date
	start  time.Time // with Since: the start of its period
	z      float64
	dims   []dimension
}

func (o Options) resolve(ctx context.Context, db Querier) (resolved, error) {
	r := resolved{Options: o}
	switch r.Period {
	case "":
		r.Period = "week"
	case "day", "week", "month":
	default:
		return r, fmt.Errorf("unknown period %q (want day, week or month)", r.Period)
	}
	if r.AckTargetDays <= 0 {
		r.AckTargetDays = 3
	}
	if r.ResolutionTarget <= 0 {
		r.ResolutionTarget = 8 * 7 * 24 * time.Hour
	}
	if r.LinkWindow <= 0 {
		r.LinkWindow = 30 * 24 * time.Hour
	}
	if r.RepeatWindow <= 0 {
		r.RepeatWindow = 90 * 24 * time.Hour
	}
	r.z = ZFor(r.Confidence)
	dims, err := parseDimensions(r.By)
	if err != nil {
		return r, err
	}
	r.dims = dims
	if r.AsOf.IsZero() {
		var last sql.NullTime
		const q = `SELECT greatest((SELECT max(received_at) FROM complaints), (SELECT max(responded_at) FROM surveys))`
		err := db.QueryRowContext(ctx, q).Scan(&last)
		if err != nil {
			return r, fmt.Errorf("find latest date: %w", err)
		}
		if !last.Valid {
			return r, nil // empty warehouse: cutoff stays zero
		}
		r.AsOf = last.Time
	}
	y, m, d := r.AsOf.Date()
	r.cutoff = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	if !r.Since.IsZero() {
		r.start = period.Period(r.Period).Start(r.Since.UTC()) // the day, ISO week or month, as date_trunc gives it
	}
	return r, nil
}

// restricted reports whether only the periods from Since's are computed.
func (r resolved) restricted() bool { return !r.Since.IsZero() }

// keepSQL selects the complaints the periods from $start on need (see
// compute.sql). Without Since the marker is true: the filter, though it
// keeps every row then, made the whole table about 10% slower.
const keepSQL = `(c.received_at >= $start OR (c.customer_id IS NOT NULL AND c.received_at >= $lo) OR c.resolved_at >= $start ` +
	`OR lower(c.status) <> 'closed' OR (c.status IS NULL AND c.resolved_at IS NULL) OR c.rowid IN (SELECT rid FROM explicit))`

// carryClassifications is compute.sql's CARRY_CLASSIFICATIONS: carry's
// join with the classifications when a dimension reads them, else a row
// of nulls in their place (the join would cost as much as the rest of
// carry).
func carryClassifications(dims []dimension) string {
	for _, d := range dims {
		for _, c := range []string{d.d1, d.d2} {
			if c == "topic" || c == "department" || c == "language" {
				return "LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id"
			}
		}
	}
	return "CROSS JOIN (SELECT NULL::VARCHAR AS topic, NULL::VARCHAR AS department, NULL::VARCHAR AS language) k"
}

// HolidayDates returns holidays as midnight UTC, for the calendar's
// DATE[] parameter (CalendarSQL's holidays).
func HolidayDates(holidays []time.Time) []time.Time {
	hs := make([]time.Time, 0, len(holidays))
	for _, h := range holidays {
		y, m, d := h.Date()
		hs = append(hs, time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	}
	return hs
}

// Compute returns the metrics table: for each dimension of opts.By, one row
// per (period, group) that has complaints, survey responses or backlog,
// ordered by dimension, period and group; the dimension "all" has a row for
// every period from its first to the one holding the as-of date, also one
// with no complaint or response (complaints 0, rates nil, the backlog at
// its end), so that its last row holds the backlog at the as-of date.
func Compute(ctx context.Context, db Querier, opts Options) ([]Row, error) {
	return compute(ctx, db, opts, computeSQL)
}

// compute runs query, compute.sql or a query with the same markers,
// parameters and columns, and scans its rows.
func compute(ctx context.Context, db Querier, opts Options, query string) ([]Row, error) {
	r, err := opts.resolve(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("compute: %w", err)
	}
	if r.cutoff.IsZero() {
		return []Row{}, nil
	}
	keep := "true"
	if r.restricted() {
		keep = keepSQL
	}
	q := strings.NewReplacer("/*KEEP*/", keep, "/*CARRY_CLASSIFICATIONS*/", carryClassifications(r.dims)).Replace(groupingSQL(query, r.dims))
	rows, err := db.QueryContext(ctx, q,
		sql.Named("cutoff", r.cutoff),
		sql.Named("period", r.Period),
		sql.Named("holidays", HolidayDates(r.Holidays)),
		sql.Named("business", r.BusinessHours),
		sql.Named("ack_bsec", r.AckTargetDays*86400),
		sql.Named("res_sec", r.ResolutionTarget.Seconds()),
		sql.Named("window_sec", r.LinkWindow.Seconds()),
		sql.Named("repeat_sec", r.RepeatWindow.Seconds()),
		sql.Named("age_bsec", AgeingYoungDays*86400.0),
		sql.Named("age_old_sec", AgeingOld.Seconds()),
		sql.Named("z", r.z),
		sql.Named("start", sql.NullTime{Time: r.start, Valid: r.restricted()}),
		sql.Named("lo", sql.NullTime{Time: r.start.Add(-max(r.RepeatWindow, r.LinkWindow)), Valid: r.restricted()}),
	)
	if err != nil {
		return nil, fmt.Errorf("compute: %w", err)
	}
	defer rows.Close()
	out := []Row{}
	for rows.Next() {
		var x Row
		var resRate, medFirst, p90First, medRes, p90, sla, csat, csatLo, csatHi, nps, npsLo, npsHi, ces, neg, reopen, timely, disputed, comp sql.NullFloat64
		var signal, resolved, backlog, young, mid, old sql.NullInt64
		if err := rows.Scan(&x.PeriodStart, &x.Dimension, &x.Group, &x.Complaints, &resolved, &resRate,
			&medFirst, &p90First, &medRes, &p90, &sla, &x.SLAN, &csat, &x.CSATN, &csatLo, &csatHi,
			&nps, &x.NPSN, &npsLo, &npsHi, &ces, &x.CESN, &neg, &signal, &reopen,
			&timely, &x.TimelyN, &disputed, &x.DisputedN, &comp,
			&backlog, &young, &mid, &old, &x.BacklogStateUnknown, &x.csatTop2, &x.promoters, &x.detractors); err != nil {
			return nil, fmt.Errorf("compute: scan: %w", err)
		}
		x.ResolutionRate, x.MedianFirstResponseHours, x.MedianResolutionHours = nf(resRate), nf(medFirst), nf(medRes)
		x.P90FirstResponseHours = nf(p90First)
		x.P90ResolutionHours, x.SLAMetRate = nf(p90), nf(sla)
		x.CSAT, x.CSATCILow, x.CSATCIHigh = nf(csat), nf(csatLo), nf(csatHi)
		x.NPS, x.NPSCILow, x.NPSCIHigh = nf(nps), nf(npsLo), nf(npsHi)
		x.CESMean, x.NegativeShare, x.ReopenRate = nf(ces), nf(neg), nf(reopen)
		x.TimelyRate, x.DisputedRate, x.CompensationPaid = nf(timely), nf(disputed), nf(comp)
		x.ChurnSignalCustomers, x.Resolved = ni(signal), ni(resolved)
		x.Backlog, x.Backlog0To3Days, x.BacklogTo8Weeks, x.BacklogOver8Weeks = ni(backlog), ni(young), ni(mid), ni(old)
		if err := r.coverage(&x); err != nil {
			return nil, fmt.Errorf("compute: %w", err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("compute: %w", err)
	}
	return out, nil
}

// Partial reports whether cutoff, the exclusive end of the report date,
// falls inside the period [start, end) without ending it: the period's
// figures are of its days up to the report date only. The reports mark
// such a period "partial" by this rule.
func Partial(start, end, cutoff time.Time) bool {
	return cutoff.After(start) && cutoff.Before(end)
}

// coverage sets x's Partial and DataTo from its period and the report date.
func (r resolved) coverage(x *Row) error {
	start, err := time.Parse(time.DateOnly, x.PeriodStart)
	if err != nil {
		return fmt.Errorf("period start %q: %w", x.PeriodStart, err)
	}
	end := period.Period(r.Period).Add(start, 1)
	x.Partial = Partial(start, end, r.cutoff)
	x.DataTo = end.AddDate(0, 0, -1).Format(time.DateOnly)
	if x.Partial {
		x.DataTo = r.cutoff.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	return nil
}

// ni is nf for counts.
func ni(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	n := v.Int64
	return &n
}

func nf(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return ptr(v.Float64)
}

// dimensionColumns are the columns of the facts in compute.sql that
// Dimensions name, in the order of its grouping(...) bitmask.
var dimensionColumns = Dimensions[1:]

// groupingSQL fills the markers of compute.sql for dims: one grouping set
// per dimension, and CASE expressions that name each set's dimension and
// group from grouping(...), whose bit for a column is 1 when the set leaves
// it out (the first column is the most significant bit). Every identifier
// comes from dimensionColumns and every literal from Dimensions, so no user
// text reaches the SQL.
func groupingSQL(query string, dims []dimension) string {
	// used: the grouping columns any set uses, in dimensionColumns order
	var used []string
	for _, c := range dimensionColumns {
		if slices.ContainsFunc(dims, func(d dimension) bool { return d.d1 == c || d.d2 == c }) {
			used = append(used, c)
		}
	}
	var sets, names, groups []string
	for _, d := range dims {
		cols := []string{}
		for _, c := range []string{d.d1, d.d2} {
			if c != "" && c != "all" {
				cols = append(cols, c)
			}
		}
		mask := 0
		for i, c := range used {
			if !slices.Contains(cols, c) {
				mask |= 1 << (len(used) - 1 - i)
			}
		}
		label := "'all'"
		if len(cols) > 0 {
			label = strings.Join(cols, " || ' / ' || ")
		}
		sets = append(sets, "("+strings.Join(append([]string{"period_start"}, cols...), ", ")+")")
		names = append(names, fmt.Sprintf("WHEN %d THEN '%s'", mask, d.name))
		groups = append(groups, fmt.Sprintf("WHEN %d THEN %s", mask, label))
	}
	dimension, group := "'all'", "'all'"
	if len(used) > 0 {
		g := "grouping(" + strings.Join(used, ", ") + ")"
		dimension = "CASE " + g + " " + strings.Join(names, " ") + " END"
		group = "CASE " + g + " " + strings.Join(groups, " ") + " END"
	}
	return strings.NewReplacer(
		"/*SETS*/", strings.Join(sets, ", "),
		"/*DIMENSION*/", dimension,
		"/*GROUP*/", group,
	).Replace(query)
}
