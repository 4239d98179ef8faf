package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// DriverOptions tune Drivers. MinResponses is the fewest responses a topic
// needs to be shown (default 30); the others join the reference group.
type DriverOptions struct {
	Options
	MinResponses int
}

// ReferenceOther names the regression's reference group when it is made of
// the responses outside every shown topic (unlinked, unclassified, small topics).
const ReferenceOther = "other responses"

// Driver is how one topic moves one metric. Scores per response are, for
// NPS, +100 (promoter), 0 (passive) or -100 (detractor), so their mean is the
// NPS; for CSAT, 1 (top-2-box) or 0, so their mean is the CSAT share.
type Driver struct {
	Metric    string   `json:"metric"` // "nps" or "csat"
	Topic     string   `json:"topic"`
	Responses int64    `json:"responses"` // responses linked to a complaint of the topic
	Value     *float64 `json:"value"`     // the metric over the topic's responses
	Without   *float64 `json:"without"`   // the metric over every other response
	Overall   *float64 `json:"overall"`
	// Impact = Without - Overall: positive when the topic pulls the metric
	// down (leaving it out would raise the metric by that much).
	Impact *float64 `json:"impact"`
	// Coef is the topic's coefficient in the least-squares regression of the
	// score on an intercept and one indicator per shown topic (gonum QR), i.e.
	// the topic's difference from Reference, with its 95% (opts.Confidence)
	// interval and p-value from Student's t on n - k residual degrees of
	// freedom, Var(b) = s² (XᵀX)⁻¹. Nil for the reference topic itself or
	// when the fit has no residual degrees of freedom.
	Coef   *float64 `json:"coef"`
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
	PValue *float64 `json:"p_value"`
	// QValue is PValue adjusted for the number of the metric's topics
	// tested (BenjaminiHochberg over those with a p-value): about 14 topics
	// tested at once give one p below 0.05 by chance alone half the time.
	QValue    *float64 `json:"q_value"`
	Reference string   `json:"reference"`
}

// Drivers returns, for NPS then CSAT, each topic with at least
// opts.MinResponses linked responses, the topic that pulls the metric down
// most first.
func Drivers(ctx context.Context, db Querier, opts DriverOptions) ([]Driver, error) {
	r, err := opts.Options.resolve(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("drivers: %w", err)
	}
	if r.cutoff.IsZero() {
		return []Driver{}, nil
	}
	minN := opts.MinResponses
	if minN <= 0 {
		minN = 30
	}
	rows, err := db.QueryContext(ctx, driversSQL, sql.Named("cutoff", r.cutoff), sql.Named("window_sec", r.LinkWindow.Seconds()))
	if err != nil {
		return nil, fmt.Errorf("drivers: %w", err)
	}
	defer rows.Close()
	var nps, csat []scored
	for rows.Next() {
		var topic sql.NullString
		var c, p sql.NullInt64
		var n int64
		if err := rows.Scan(&topic, &c, &p, &n); err != nil {
			return nil, fmt.Errorf("drivers: %w", err)
		}
		if p.Valid {
			y := 0.0
			if p.Int64 >= 9 {
				y = 100
			} else if p.Int64 <= 6 {
				y = -100
			}
			nps = append(nps, scored{topic.String, y, float64(n)})
		}
		if c.Valid {
			y := 0.0
			if c.Int64 >= 4 {
				y = 1
			}
			csat = append(csat, scored{topic.String, y, float64(n)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("drivers: %w", err)
	}
	out := []Driver{}
	for _, m := range []struct {
		name string
		obs  []scored
	}{{"nps", nps}, {"csat", csat}} {
		ds, err := drivers(m.name, m.obs, minN, 1-(1-confidenceOr95(r.Confidence))/2)
		if err != nil {
			return nil, fmt.Errorf("drivers: %s: %w", m.name, err)
		}
		out = append(out, ds...)
	}
	return out, nil
}

func confidenceOr95(c float64) float64 {
	if c > 0 && c < 1 {
		return c
	}
	return 0.95
}

// scored is a group of identical responses: topic ("" = none), score, count.
type scored struct {
	topic string
	y, w  float64
}

// othersColumn names, in the regression only, the responses outside every
// shown topic when they are too few to be the reference; no topic is named
// so (names come from the taxonomy or a model, never with a NUL).
const othersColumn = "\x00other responses"

// withOthersAs returns obs with the topic of every response outside shown
// replaced by name.
func withOthersAs(obs []scored, shown []string, name string) []scored {
	out := make([]scored, len(obs))
	for i, o := range obs {
		if !slices.Contains(shown, o.topic) {
			o.topic = name
		}
		out[i] = o
	}
	return out
}

func drivers(metric string, obs []scored, minN int, quantile float64) ([]Driver, error) {
	counts := map[string]float64{}
	var total, sum float64
	for _, o := range obs {
		if o.topic != "" {
			counts[o.topic] += o.w
		}
		total += o.w
		sum += o.w * o.y
	}
	var topics []string
	for t, n := range counts {
		if n >= float64(minN) {
			topics = append(topics, t)
		}
	}
	sort.Strings(topics)
	if len(topics) == 0 || total == 0 {
		return []Driver{}, nil
	}
	overall := sum / total

	// Reference: the responses outside the shown topics when they are as
	// many as a shown topic needs (minN), else the largest topic (its
	// indicator is dropped to keep X full rank). Fewer outside responses
	// would make a reference of noise: one response of CSAT 1 made every
	// topic read 25 points under it (an exploratory QA pass). They then
	// keep an indicator of their own, so as not to join the reference
	// topic, and are shown as no driver.
	reference, refTopic := ReferenceOther, ""
	other := total
	for _, t := range topics {
		other -= counts[t]
	}
	var cols []string
	fit := obs
	if other < float64(minN) {
		refTopic = topics[0]
		for _, t := range topics {
			if counts[t] > counts[refTopic] {
				refTopic = t
			}
		}
		reference = refTopic
		if other > 0 {
			fit = withOthersAs(obs, topics, othersColumn)
			cols = append(cols, othersColumn)
		}
	}
	for _, t := range topics {
		if t != refTopic {
			cols = append(cols, t)
		}
	}
	coef, se, df := fitIndicators(fit, cols)

	out := make([]Driver, 0, len(topics))
	for _, t := range topics {
		var in, inSum float64
		for _, o := range obs {
			if o.topic == t {
				in += o.w
				inSum += o.w * o.y
			}
		}
		d := Driver{Metric: metric, Topic: t, Responses: int64(in), Value: ptr(inSum / in),
			Overall: ptr(overall), Reference: reference}
		if total > in {
			without := (sum - inSum) / (total - in)
			d.Without, d.Impact = ptr(without), ptr(without-overall)
		}
		if j := slices.Index(cols, t); j >= 0 && coef != nil {
			b := coef[j+1]
			d.Coef = ptr(b)
			if df > 0 && se[j+1] > 0 {
				st := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
				h := st.Quantile(quantile) * se[j+1]
				d.CILow, d.CIHigh = ptr(b-h), ptr(b+h)
				d.PValue = ptr(2 * st.Survival(math.Abs(b/se[j+1])))
			}
		}
		out = append(out, d)
	}
	var tested []int
	var ps []float64
	for i, d := range out {
		if d.PValue != nil {
			tested, ps = append(tested, i), append(ps, *d.PValue)
		}
	}
	for k, q := range BenjaminiHochberg(ps) {
		out[tested[k]].QValue = ptr(q)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Impact, out[j].Impact
		if (a == nil) != (b == nil) {
			return a != nil
		}
		if a != nil && *a != *b {
			return *a > *b
		}
		return out[i].Topic < out[j].Topic
	})
	return out, nil
}

// fitIndicators fits y = b0 + sum_j b_j [topic = cols[j]] by weighted least
// squares (each scored row stands for w identical responses, so this is OLS
// on the responses) and returns the coefficients, their standard errors and
// the residual degrees of freedom (responses - parameters). coef is nil when
// X is rank-deficient.
func fitIndicators(obs []scored, cols []string) (coef, se []float64, df float64) {
	p := len(cols) + 1
	if len(obs) < p {
		return nil, nil, 0
	}
	x := mat.NewDense(len(obs), p, nil)
	y := mat.NewVecDense(len(obs), nil)
	var n float64
	for i, o := range obs {
		s := math.Sqrt(o.w)
		x.Set(i, 0, s)
		if j := slices.Index(cols, o.topic); j >= 0 {
			x.Set(i, j+1, s)
		}
		y.SetVec(i, s*o.y)
		n += o.w
	}
	var qr mat.QR
	qr.Factorize(x)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, y); err != nil {
		return nil, nil, 0
	}
	var xtx mat.SymDense
	xtx.SymOuterK(1, x.T())
	var chol mat.Cholesky
	if !chol.Factorize(&xtx) {
		return nil, nil, 0
	}
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		return nil, nil, 0
	}
	var fitted mat.VecDense
	fitted.MulVec(x, &beta)
	var rss float64
	for i := 0; i < len(obs); i++ {
		r := y.AtVec(i) - fitted.AtVec(i)
		rss += r * r
	}
	df = n - float64(p)
	coef = make([]float64, p)
	se = make([]float64, p)
	for j := 0; j < p; j++ {
		coef[j] = beta.AtVec(j)
		if df > 0 {
			se[j] = math.Sqrt(rss / df * inv.At(j, j))
		}
	}
	return coef, se, df
}
