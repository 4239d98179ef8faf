package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
)

var (
	// the detractor signal reads link.sql's links, as the drivers and
	// service recovery do
	churnBaseSQL    = withExports(strings.Replace(mustSQL("churn_base.sql"), "/*LINK*/", linkSQL, 1))
	churnRankSQL    = churnBaseSQL + mustSQL("churn_rank.sql")
	churnQualitySQL = churnBaseSQL + mustSQL("churn_quality.sql")
)

// The churn signals, in the order they are reported.
const (
	SignalRepeat     = "repeat_complaints"         // two or more complaints within RepeatWindow
	SignalReopened   = "reopened_or_disputed"      // a complaint reopened by the as-of date (as Row.ReopenRate) or disputed
	SignalFalling    = "falling_sentiment"         // least-squares slope of sentiment over time < 0 (2+ classified complaints)
	SignalIntent     = "churn_intent"              // classifications.churn_intent on a complaint
	SignalDetractor  = "detractor_after_complaint" // an NPS of 0-6 about a complaint received before it (named by complaint_id, else the customer's latest within LinkWindow)
	SignalUnresolved = "unresolved_past_sla"       // a complaint still unresolved past the resolution target
	SignalAny        = "any_signal"                // any of the above (SignalQuality only)
)

// Weights are the points each churn signal adds to a customer's risk score.
type Weights struct {
	Repeat, Reopened, Falling, Intent, Detractor, Unresolved float64
}

// DefaultWeights rank explicit intent first, then the signals of a failed
// recovery (a detractor score, a complaint left unresolved past the SLA),
// then the behavioural ones. They are a transparent starting point, not a
// fitted model: SignalQuality shows how each signal fares where churn is known.
var DefaultWeights = Weights{Repeat: 1, Reopened: 1, Falling: 1, Intent: 3, Detractor: 2, Unresolved: 2}

// ChurnOptions tune Churn. AsOf, RepeatWindow and ResolutionTarget come from
// the embedded Options; zero Weights mean DefaultWeights.
type ChurnOptions struct {
	Options
	Weights Weights
	// Limit is how many customers to list, riskiest first (default 100;
	// negative: all). Signal quality always covers every customer.
	Limit int
}

// ChurnCustomer is one customer with at least one churn signal.
type ChurnCustomer struct {
	CustomerID string  `json:"customer_id"`
	Score      float64 `json:"score"` // sum of the weights of the signals present
	Complaints int64   `json:"complaints"`
	// LastComplaint is the date of the customer's latest complaint.
	LastComplaint string `json:"last_complaint"`
	// ChurnedAt is customers.churned_at when on or before the as-of date.
	ChurnedAt *string `json:"churned_at"`
	// Reasons lists each signal present with the complaint IDs behind it,
	// e.g. "repeat_complaints: c1 c3".
	Reasons []string `json:"reasons"`
	// Signals maps each signal present to its complaint IDs.
	Signals map[string][]string `json:"signals"`
}

// SignalQuality is how well one signal picks out customers who churned,
// over the customers table: Precision = Churned / Customers, Recall =
// Churned / ChurnedTotal, Lift = Precision / (ChurnedTotal / Population).
type SignalQuality struct {
	Signal       string   `json:"signal"`
	Customers    int64    `json:"customers"` // customers with the signal
	Churned      int64    `json:"churned"`   // of those, churned by the as-of date
	ChurnedTotal int64    `json:"churned_total"`
	Population   int64    `json:"population"`
	Precision    *float64 `json:"precision"`
	Recall       *float64 `json:"recall"`
	Lift         *float64 `json:"lift"`
}

// Churn ranks customers by a rule-based risk score (the weighted count of
// their churn signals, highest first), up to opts.Limit of them, and
// counts the customers with any signal (total, which the limit does not
// cut); when customers.churned_at is known for any customer, it measures
// each signal's precision, recall and lift against actual churn. Events
// after a customer's churned_at are ignored.
func Churn(ctx context.Context, db Querier, opts ChurnOptions) (customers []ChurnCustomer, total int64, quality []SignalQuality, err error) {
	r, err := opts.Options.resolve(ctx, db)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("churn: %w", err)
	}
	if r.cutoff.IsZero() {
		return []ChurnCustomer{}, 0, []SignalQuality{}, nil
	}
	w := opts.Weights
	if w == (Weights{}) {
		w = DefaultWeights
	}
	limit := int64(opts.Limit)
	switch {
	case limit == 0:
		limit = 100
	case limit < 0:
		limit = math.MaxInt64
	}
	args := []any{
		sql.Named("cutoff", r.cutoff),
		sql.Named("limit", limit),
		sql.Named("repeat_sec", r.RepeatWindow.Seconds()),
		sql.Named("res_sec", r.ResolutionTarget.Seconds()),
		sql.Named("window_sec", r.LinkWindow.Seconds()),
		sql.Named("w_repeat", w.Repeat), sql.Named("w_reopened", w.Reopened), sql.Named("w_falling", w.Falling),
		sql.Named("w_intent", w.Intent), sql.Named("w_detractor", w.Detractor), sql.Named("w_unresolved", w.Unresolved),
	}
	customers, total, err = churnCustomers(ctx, db, args)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("churn: rank: %w", err)
	}
	quality, err = churnQuality(ctx, db, args)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("churn: signal quality: %w", err)
	}
	return customers, total, quality, nil
}

var customerIDsSQL = mustSQL("customer_ids.sql")

// CustomerIDsRecorded reports whether any complaint received by the
// as-of date names its customer. Without one no customer can carry a
// churn signal, and Churn's count of those with one is unknown rather
// than 0, as Row.ChurnSignalCustomers is nil then.
func CustomerIDsRecorded(ctx context.Context, db Querier, opts Options) (bool, error) {
	r, err := opts.resolve(ctx, db)
	if err != nil {
		return false, fmt.Errorf("customer IDs: %w", err)
	}
	var named bool
	if err := db.QueryRowContext(ctx, customerIDsSQL, r.cutoff).Scan(&named); err != nil {
		return false, fmt.Errorf("customer IDs: %w", err)
	}
	return named, nil
}

// churnCustomers returns the riskiest customers (up to the limit) and how
// many customers have any signal.
func churnCustomers(ctx context.Context, db Querier, args []any) ([]ChurnCustomer, int64, error) {
	rows, err := db.QueryContext(ctx, churnRankSQL, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	names := []string{SignalRepeat, SignalReopened, SignalFalling, SignalIntent, SignalDetractor, SignalUnresolved}
	out := []ChurnCustomer{}
	var total int64
	for rows.Next() {
		var c ChurnCustomer
		var churned sql.NullString
		lists := make([]sql.NullString, len(names))
		dest := []any{&c.CustomerID, &c.Score, &c.Complaints, &c.LastComplaint, &churned}
		for i := range lists {
			dest = append(dest, &lists[i])
		}
		dest = append(dest, &total)
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, err
		}
		if churned.Valid {
			c.ChurnedAt = &churned.String
		}
		c.Signals = map[string][]string{}
		for i, l := range lists {
			ids := slices.Compact(strings.Fields(l.String))
			if len(ids) == 0 {
				continue
			}
			c.Signals[names[i]] = ids
			c.Reasons = append(c.Reasons, names[i]+": "+strings.Join(ids, " "))
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

func churnQuality(ctx context.Context, db Querier, args []any) ([]SignalQuality, error) {
	var known bool
	if err := db.QueryRowContext(ctx, `SELECT count(churned_at) > 0 FROM customers`).Scan(&known); err != nil {
		return nil, err
	}
	if !known {
		return []SignalQuality{}, nil
	}
	rows, err := db.QueryContext(ctx, churnQualitySQL, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []SignalQuality{}
	for rows.Next() {
		var q SignalQuality
		var p, r, l sql.NullFloat64
		if err := rows.Scan(&q.Signal, &q.Customers, &q.Churned, &q.ChurnedTotal, &q.Population, &p, &r, &l); err != nil {
			return nil, err
		}
		q.Precision, q.Recall, q.Lift = nf(p), nf(r), nf(l)
		out = append(out, q)
	}
	return out, rows.Err()
}
