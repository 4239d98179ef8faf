package reports

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

// executive is the report for executives: NPS and CSAT with their
// uncertainty, churn risk, and a plain-language summary written from the
// numbers.
func (r *run) executive(ctx context.Context) (*page, error) {
	periods := r.window(shownPeriods)
	this := periods[len(periods)-1]
	p := &page{
		File:     "executive.html",
		Title:    "Customer experience: executive summary",
		Subtitle: fmt.Sprintf("Latest complete %s: %s (report date %s)", r.opt.Period, r.periodDays(this), r.asOfText()),
	}
	if len(periods) > 1 {
		// the span the figures over the periods shown are of
		p.Subtitle = fmt.Sprintf("The %s shown: %s; latest complete %s: %s (report date %s)",
			r.periods(len(periods)), r.spanDays(periods), r.opt.Period, r.periodDays(this), r.asOfText())
	}
	if r.noData {
		return r.noDataPage(p), nil
	}
	a := r.analyze(ctx)
	vol, err := r.rows(ctx, "executive_volume", periods[0], this, r.step(), r.cutoff, r.opt.Period, r.addPeriods(this, 1))
	if err != nil {
		return nil, err
	}

	// One metrics row per period of the window (nil where no row).
	rowOf := map[string]*metrics.Row{}
	for i := range a.overall {
		if a.overall[i].Dimension == "all" {
			rowOf[a.overall[i].PeriodStart] = &a.overall[i]
		}
	}
	window := make([]*metrics.Row, len(periods))
	cats := make([]string, len(periods))
	ranges := make([]string, len(periods)) // the tooltips' titles
	for i, pd := range periods {
		window[i] = rowOf[dateText(pd)]
		cats[i] = r.periodLabel(pd)
		ranges[i] = r.periodRange(pd, false)
	}

	// the survey sources the scores pool, in the latest period and in each
	// period shown; with no response by the report date, what to say
	// instead
	var sources []sourceScores
	var byPeriod []periodScores
	var none, noneThen string
	if r.surveys == 0 {
		none, noneThen, err = r.noSurveys(ctx)
	} else if sources, err = r.surveySources(ctx, this); err == nil {
		byPeriod, err = r.periodSources(ctx, periods[0], r.addPeriods(this, 1))
	}
	if err != nil {
		return nil, err
	}
	// each period's sources of each score, "" where it has no answer
	srcs := map[string][]string{"nps": sourcesOf(byPeriod, periods, "nps"), "csat": sourcesOf(byPeriod, periods, "csat")}

	summary := section{ID: "summary", Title: "Summary"}
	if r.surveys == 0 {
		summary.Paragraphs = append(summary.Paragraphs, none)
	} else if a.overallErr == nil {
		summary.Paragraphs = append(summary.Paragraphs, r.scoreSentence(a, "NPS", "nps", window, npsOf, "", "point", 0, srcs["nps"])...)
		summary.Paragraphs = append(summary.Paragraphs, r.pooledSentence("NPS", "nps", "", 0, sources, this)...)
		summary.Paragraphs = append(summary.Paragraphs, r.windowSentences("NPS", "nps", "", 0, periods, byPeriod, srcs["nps"])...)
		summary.Paragraphs = append(summary.Paragraphs, r.scoreSentence(a, "CSAT", "csat", window, csatOf, "%", "percentage point", 1, srcs["csat"])...)
		summary.Paragraphs = append(summary.Paragraphs, r.pooledSentence("CSAT", "csat", "%", 1, sources, this)...)
		summary.Paragraphs = append(summary.Paragraphs, r.windowSentences("CSAT", "csat", "%", 1, periods, byPeriod, srcs["csat"])...)
	}
	if a.driversErr == nil {
		if s := r.driverSummary(a.drivers); s != "" {
			summary.Paragraphs = append(summary.Paragraphs, s)
		}
	}
	comments, said, err := r.commentsSection(ctx, periods[0], r.addPeriods(this, 1), len(periods))
	if err != nil {
		return nil, err
	}
	if said != "" {
		summary.Paragraphs = append(summary.Paragraphs, said)
	}
	if r.empty {
		summary.Paragraphs = append(summary.Paragraphs, "The warehouse holds no complaints received on or before the report date.")
	} else {
		summary.Paragraphs = append(summary.Paragraphs, r.volumeSummary(vol)...)
	}
	for _, c := range []string{"not english", "undetermined", "unclassified"} {
		vol.drop(c) // said in the summary's words
	}
	if a.alertsErr == nil {
		summary.Paragraphs = append(summary.Paragraphs, alertsSentence(len(a.alerts), r.opt.Period))
	}
	customers, err := r.customersKnown(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case a.churnErr == nil && customers:
		summary.Paragraphs = append(summary.Paragraphs, fmt.Sprintf("%s %s at least one churn signal.", plural(int(a.churnTotal), "customer", "customers"), verb(a.churnTotal, "shows", "show")))
	case a.churnErr == nil && !r.empty:
		summary.Paragraphs = append(summary.Paragraphs, noCustomers)
	}
	p.Sections = append(p.Sections, summary)

	if r.surveys == 0 {
		// one word for the six survey sections, each of which would say it
		p.Sections = append(p.Sections, section{ID: "surveys", Title: "NPS, CSAT and what drives them", Unavailable: none + " " + noneThen})
		return r.executiveRest(ctx, p, a, vol, customers)
	}
	for _, m := range []struct {
		id, name, level, title, unit string
		get                          func(*metrics.Row) (v, lo, hi *float64, n int64)
	}{
		{"nps", "NPS", "", "NPS over time, with its 95% interval", "NPS (-100..100)", npsOf},
		{"csat", "CSAT", "%", "CSAT over time, with its 95% interval", "CSAT (% satisfied, 4-5 of 5)", csatOf},
	} {
		sec := section{ID: m.id, Title: m.title}
		if a.overallErr != nil {
			sec.Unavailable = notAvailable("survey metrics", a.overallErr)
			p.Sections = append(p.Sections, sec)
			continue
		}
		vals, lows, highs := make([]*float64, len(window)), make([]*float64, len(window)), make([]*float64, len(window))
		few := make([]bool, len(window))
		var fewAt []string // the periods of a score of too few answers
		t := table{Columns: []string{"period", m.unit, "95% low", "95% high", "responses"}, num: []bool{false, true, true, true, true}}
		any := false
		for i, row := range window {
			var n int64
			if row != nil {
				vals[i], lows[i], highs[i], n = m.get(row)
			}
			any = any || vals[i] != nil
			// a score of a few answers is marked, not drawn as the others:
			// an NPS's interval is then too narrow to hold (none at all
			// when they are alike), and a CSAT of one answer is 0% or 100%
			// (QA pass: 0% of one response, then 80% of 35, drawn alike)
			if vals[i] != nil && n < metrics.MinTestResponses {
				few[i] = true
				fewAt = append(fewAt, cats[i])
			}
			t.Rows = append(t.Rows, []cell{{Text: cats[i], Date: true, Title: ranges[i]}, {Text: scoreNum(vals[i], scoreTableDecimals), Num: true},
				{Text: scoreNum(lows[i], scoreTableDecimals), Num: true}, {Text: scoreNum(highs[i], scoreTableDecimals), Num: true}, {Text: thousands(n), Num: true}})
		}
		runs := r.sourceRuns(srcs[m.id], periods)
		if len(runs) > 1 {
			// the table says which source each period's score is of
			// (QA pass: it-csat-2018 then it-csat-2019, 5-point words
			// then a 1-10 item rescaled, as one series without a word)
			t.Columns, t.num = append(t.Columns, "survey sources"), append(t.num, false)
			for i := range t.Rows {
				t.Rows[i] = append(t.Rows[i], cell{Text: srcs[m.id][i]})
			}
		}
		sec.Tables = []table{t}
		if v, lo, hi, n := windowScore(byPeriod, m.id); v != nil {
			fig := figure{Label: fmt.Sprintf("%s over the %s shown", m.name, r.periods(len(periods))),
				Value: scoreNum(v, scoreTableDecimals) + m.level,
				Note:  r.spanDays(periods) + ": " + intervalText(m.id, m.level, lo, hi, n, scoreTableDecimals)}
			if len(runs) > 1 {
				fig.Note += "; of the survey sources the table names"
			}
			sec.Figures = []figure{fig}
		}
		if st, ok := r.sourceTable(m.id, m.unit, sources, this); ok {
			sec.Tables = append(sec.Tables, st)
		}
		if !any {
			// a table of n/a and 0 per period would say nothing more
			sec.Tables = nil
			sec.Unavailable = "No survey responses with this score in these periods."
			p.Sections = append(p.Sections, sec)
			continue
		}
		s := series{Name: m.unit, Values: vals, Few: few}
		c, err := lineChart("executive-"+m.id, m.title, cats, []series{s}, &band{Low: lows, High: highs})
		if err != nil {
			return nil, err
		}
		c.setTitles(ranges)
		sec.Chart = &c
		sec.Notes = []string{"From the metrics stage: CSAT is the top-2-box share with a Wilson interval; NPS = %promoters - %detractors with Var = (p + d - (p - d)^2) / n. Wide bands mean few responses; an NPS band from fewer than " + strconv.Itoa(metrics.MinTestResponses) + " responses is not to be trusted, and one of answers all alike, of any number, has no width at all (its low and high are the NPS): the true NPS may be lower, or higher, than such a band says."}
		if len(runs) > 1 {
			sec.Notes = append(sec.Notes, fmt.Sprintf("The survey sources change within the %ss shown: %s. Instruments differ in level (their questions, their scales, a scale rescaled): a difference across a change of source is no change of %s.",
				r.opt.Period, strings.Join(runs, "; "), m.name))
		}
		if len(fewAt) > 0 {
			what := "the figure to be relied on or a change from it to be told from noise"
			if m.id == "nps" {
				what = "the figure or its interval to be relied on"
			}
			sec.Notes = append(sec.Notes, fmt.Sprintf("Hollow points rest on fewer than %d responses, too few for %s: %s.",
				metrics.MinTestResponses, what, strings.Join(fewAt, ", ")))
		}
		p.Sections = append(p.Sections, sec)
	}

	// the drivers' topics are those of every complaint up to the report
	// date: which classifier made them; of two models, two vocabularies
	// (models.go)
	models, err := r.topicModels(ctx, r.earliest, r.cutoff)
	if err != nil {
		return nil, err
	}
	for _, metric := range []string{"nps", "csat"} {
		sec, err := r.driverSection(a, metric, sources)
		if err != nil {
			return nil, err
		}
		if models != nil && sec.Unavailable == "" {
			sec.Notes = append(sec.Notes, modelsNote(models))
		}
		p.Sections = append(p.Sections, sec)
	}
	p.Sections = append(p.Sections, comments)
	rec, err := r.recoverySection(a)
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, rec)
	return r.executiveRest(ctx, p, a, vol, customers)
}

// alertsSentence counts the trend alerts of the latest period and, when
// there are any, says where they are listed: the quality report, weekly or
// monthly as the period.
func alertsSentence(n int, period string) string {
	switch n {
	case 0:
		return fmt.Sprintf("The trend detector raised no alerts for the latest %s.", period)
	case 1:
		return fmt.Sprintf("The trend detector raised 1 alert for the latest %s; the quality report lists it with its evidence.", period)
	}
	return fmt.Sprintf("The trend detector raised %s for the latest %s; the quality report lists them with their evidence.", plural(n, "alert", "alerts"), period)
}

// noSurveysLoaded is what the executive page says where survey results
// would be when the warehouse holds no survey response.
const noSurveysLoaded = "No survey responses were loaded: NPS and CSAT cannot be reported."

// noSurveys is what the executive page says where survey results would be
// when no survey response was received by the report date, and then what
// would show them: noSurveysLoaded when none is loaded; when some are, all
// received after the report date, how many and since when (QA pass: "No
// survey responses were loaded" of a warehouse that held 4,871, the first
// a year after the report date).
func (r *run) noSurveys(ctx context.Context) (said, then string, err error) {
	var loaded int64
	var first sql.NullTime
	if err := r.conn.QueryRowContext(ctx, query("executive_surveys_loaded")).Scan(&loaded, &first); err != nil {
		return "", "", fmt.Errorf("executive: survey responses loaded: %w", err)
	}
	if loaded == 0 || !first.Valid {
		return noSurveysLoaded, "Load a survey export (responses with an NPS, CSAT or CES score) to see them over time with their intervals, what drives them, what survey comments are about, and service recovery.", nil
	}
	day := dateText(first.Time)
	held := fmt.Sprintf("%s are loaded, the first on %s", thousands(loaded), day)
	if loaded == 1 {
		held = "1 is loaded, received on " + day
	}
	return fmt.Sprintf("No survey responses were received by the report date (%s): NPS and CSAT cannot be reported.", held),
		fmt.Sprintf("A report dated %s or later shows them.", day), nil
}

// sourceScores are one survey source's answers: those of the latest
// period, of which the page's NPS and CSAT are pooled, and all those up to
// the report date, which the drivers read.
type sourceScores struct {
	source                                      string
	csatN, csatTop, npsN, promoters, detractors int64 // the latest period
	csatAll, npsAll                             int64 // up to the report date
}

// latest is the source's score of metric in the latest period (CSAT in
// percent), with its answers; n is 0 when it has none.
func (s sourceScores) latest(metric string) (v float64, n int64) {
	switch {
	case metric == "csat" && s.csatN > 0:
		return 100 * float64(s.csatTop) / float64(s.csatN), s.csatN
	case metric == "nps" && s.npsN > 0:
		return 100 * float64(s.promoters-s.detractors) / float64(s.npsN), s.npsN
	}
	return 0, 0
}

// all is the source's answers of metric up to the report date.
func (s sourceScores) all(metric string) int64 {
	if metric == "csat" {
		return s.csatAll
	}
	return s.npsAll
}

// surveySources counts each survey source's answers: in the period from
// this, bucketed by responded_at as metrics.Compute buckets them, and all
// before the cutoff, as metrics.Drivers reads them; by source's name.
func (r *run) surveySources(ctx context.Context, this time.Time) ([]sourceScores, error) {
	rows, err := r.conn.QueryContext(ctx, query("executive_sources"), this, r.addPeriods(this, 1), r.cutoff)
	if err != nil {
		return nil, fmt.Errorf("executive: survey sources: %w", err)
	}
	defer rows.Close()
	var out []sourceScores
	for rows.Next() {
		var s sourceScores
		if err := rows.Scan(&s.source, &s.csatN, &s.csatTop, &s.npsN, &s.promoters, &s.detractors, &s.csatAll, &s.npsAll); err != nil {
			return nil, fmt.Errorf("executive: survey sources: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("executive: survey sources: %w", err)
	}
	return out, nil
}

// periodScores are one survey source's answers in one period shown, in
// the latest-period counts of sourceScores (its counts up to the report
// date unused).
type periodScores struct {
	period time.Time
	sourceScores
}

// periodSources counts each survey source's answers in each period from
// first to end, bucketed by responded_at as metrics.Compute buckets them.
func (r *run) periodSources(ctx context.Context, first, end time.Time) ([]periodScores, error) {
	res, err := r.rows(ctx, "executive_source_periods", first, end, r.opt.Period, r.cutoff)
	if err != nil {
		return nil, fmt.Errorf("executive: survey sources by period: %w", err)
	}
	out := make([]periodScores, len(res.rows))
	for i, row := range res.rows {
		p := &out[i]
		p.period, _ = row[res.col("period")].(time.Time)
		p.source = str(row[res.col("source")])
		for name, n := range map[string]*int64{"csat_n": &p.csatN, "csat_top2": &p.csatTop, "nps_n": &p.npsN, "promoters": &p.promoters, "detractors": &p.detractors} {
			f, _ := num(row[res.col(name)])
			*n = int64(f)
		}
	}
	return out, nil
}

// z95 is the normal quantile of the page's 95% intervals: the metrics
// stage's, at its default level, as each period's intervals are.
var z95 = metrics.ZFor(0)

// windowScore is metric over every answer of ps (CSAT in percent), with
// its 95% interval computed as the metrics stage computes a period's
// (metrics.Wilson, metrics.NPSInterval) and its answers; nil when none.
func windowScore(ps []periodScores, metric string) (v, lo, hi *float64, n int64) {
	var top, promoters, detractors int64
	for _, p := range ps {
		if metric == "csat" {
			n, top = n+p.csatN, top+p.csatTop
		} else {
			n, promoters, detractors = n+p.npsN, promoters+p.promoters, detractors+p.detractors
		}
	}
	if n == 0 {
		return nil, nil, nil, 0
	}
	if metric == "csat" {
		l, h := metrics.Wilson(float64(top), float64(n), z95)
		return fptr(100 * float64(top) / float64(n)), fptr(100 * l), fptr(100 * h), n
	}
	_, l, h := metrics.NPSInterval(float64(promoters), float64(detractors), float64(n), z95)
	// the score divided as compute.sql divides it, so that a tie (-16.25)
	// is one for roundHalfAway
	return fptr(100 * float64(promoters-detractors) / float64(n)), fptr(l), fptr(h), n
}

// sourcesOf names, for each of periods, the survey sources with answers of
// metric in it ("a and b"), "" for none.
func sourcesOf(ps []periodScores, periods []time.Time, metric string) []string {
	names := make([][]string, len(periods))
	for _, p := range ps {
		i := slices.IndexFunc(periods, p.period.Equal)
		if _, n := p.latest(metric); n > 0 && i >= 0 {
			names[i] = append(names[i], shownLabel(p.source))
		}
	}
	out := make([]string, len(periods))
	for i, ns := range names {
		out[i] = andList(ns)
	}
	return out
}

// sourceRuns are the stretches of periods whose scores come from the same
// survey sources (srcs, of sourcesOf), periods without answers passed
// over: "2018-09 to 2019-08: it-csat-2018". More than one means the
// sources change within the periods shown.
func (r *run) sourceRuns(srcs []string, periods []time.Time) []string {
	var runs []string
	cur := ""
	var from, to time.Time
	end := func() {
		if cur == "" {
			return
		}
		span := r.periodLabel(from)
		if !to.Equal(from) {
			span += " to " + r.periodLabel(to)
		}
		runs = append(runs, span+": "+cur)
	}
	for i, s := range srcs {
		if s == "" {
			continue
		}
		if s != cur {
			end()
			cur, from = s, periods[i]
		}
		to = periods[i]
	}
	end()
	return runs
}

// windowSentences give metric over the periods shown, with its interval
// and answers, named by their span: the figure a reader quotes for the
// whole window (QA pass: the page gave each period's and a headline on
// the latest only, which a board was quoted); and, when the survey
// sources behind it change within them, that it pools them.
func (r *run) windowSentences(name, metric, level string, decimals int, periods []time.Time, ps []periodScores, srcs []string) []string {
	v, lo, hi, n := windowScore(ps, metric)
	if v == nil {
		return nil
	}
	decimals = levelDecimals(v, lo, hi, decimals)
	out := []string{fmt.Sprintf("Over the %s shown (%s), %s was %s (%s).", r.periods(len(periods)), r.spanDays(periods), name,
		scoreNum(v, decimals)+level, intervalText(metric, level, lo, hi, n, decimals))}
	if len(r.sourceRuns(srcs, periods)) > 1 {
		var names []string
		for _, p := range ps {
			if _, k := p.latest(metric); k > 0 && !slices.Contains(names, p.source) {
				names = append(names, p.source)
			}
		}
		out = append(out, fmt.Sprintf("%s over the %s shown pools %d survey sources, which the %s section lists by %s: instruments differ in level.",
			name, r.periods(len(periods)), len(names), name, r.opt.Period))
	}
	return out
}

// spanDays is the days of periods, the first's first to the last's last:
// "2024-03-04 to 2024-03-17".
func (r *run) spanDays(periods []time.Time) string {
	return dateText(periods[0]) + " to " + dateText(r.addPeriods(periods[len(periods)-1], 1).AddDate(0, 0, -1))
}

// pooled returns the sources with answers of metric, in the latest period
// or (all) up to the report date, the most answers first.
func pooled(sources []sourceScores, metric string, all bool) []sourceScores {
	n := func(s sourceScores) int64 {
		if all {
			return s.all(metric)
		}
		_, n := s.latest(metric)
		return n
	}
	var out []sourceScores
	for _, s := range sources {
		if n(s) > 0 {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b sourceScores) int { return cmp.Compare(n(b), n(a)) })
	return out
}

// pooledSentence says, when the latest period's score pools the answers of
// more than one survey source, each source's figure and answers: a
// vendor's 0-100 survey rescaled, a 1-5 survey and helpdesk ratings were
// shown as one CSAT without a word (QA pass).
func (r *run) pooledSentence(name, metric, level string, decimals int, sources []sourceScores, this time.Time) []string {
	ss := pooled(sources, metric, false)
	if len(ss) < 2 {
		return nil
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		v, n := s.latest(metric)
		parts[i] = fmt.Sprintf("%s %s%s (%s)", shownLabel(s.source), scoreNum(&v, decimals), level, plural(int(n), "response", "responses"))
	}
	return []string{fmt.Sprintf("%s pools %d survey sources in the %s of %s: %s.", name, len(ss), r.opt.Period, r.periodLabel(this), andList(parts))}
}

// sourceTable is the latest period's score of metric by survey source,
// when more than one source has answers (pooledSentence).
func (r *run) sourceTable(metric, unit string, sources []sourceScores, this time.Time) (table, bool) {
	ss := pooled(sources, metric, false)
	if len(ss) < 2 {
		return table{}, false
	}
	t := table{Caption: fmt.Sprintf("The %s of %s by survey source (the figure above pools them)", r.opt.Period, r.periodLabel(this)),
		Columns: []string{"source", unit, "responses"}, num: []bool{false, true, true}}
	for _, s := range ss {
		v, n := s.latest(metric)
		t.Rows = append(t.Rows, []cell{{Text: s.source}, {Text: scoreNum(&v, scoreTableDecimals), Num: true}, {Text: thousands(n), Num: true}})
	}
	return t, true
}

// andList joins words as a sentence lists them: "a", "a and b", "a, b
// and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// executiveRest adds the sections that do not need surveys: churn and
// volume.
func (r *run) executiveRest(ctx context.Context, p *page, a *analytics, vol *result, customers bool) (*page, error) {
	churn, err := r.churnSection(ctx, a, customers)
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, churn)

	// titled by what the chart draws: the negative share is the table's
	// alone (on a scale of its own), which a note says
	sec := section{ID: "volume", Title: fmt.Sprintf("Complaints and survey responses per %s", r.opt.Period)}
	switch {
	case r.earliest.IsZero():
		// periods before the first complaint or response are not periods
		// of none (README): 26 rows of 0 said they were (a QA pass)
		sec.Unavailable = "Nothing was received or surveyed by the report date: no complaint or survey response to count."
	case r.empty:
		// the survey responses alone: a column of 0 complaints in the
		// periods before the first would read as none received
		for _, c := range []string{"complaints", "read for sentiment", "negative", "negative %"} {
			vol.drop(c)
		}
		if err := r.addChart(&sec, vol, "executive-volume", "Survey responses", "line", "period", "survey responses"); err != nil {
			return nil, err
		}
		sec.Notes = append(sec.Notes, "No complaint was received by the report date: the survey responses alone are counted.")
	default:
		if err := r.addChart(&sec, vol, "executive-volume", "Complaints and survey responses", "line", "period",
			"complaints", "survey responses"); err != nil {
			return nil, err
		}
		sec.Notes = append(sec.Notes, "The table adds how many complaints were read for sentiment, how many of them as negative, and that share (negative %).")
	}
	p.Sections = append(p.Sections, sec)
	return p, nil
}

func npsOf(r *metrics.Row) (v, lo, hi *float64, n int64) {
	return r.NPS, r.NPSCILow, r.NPSCIHigh, r.NPSN
}

func csatOf(r *metrics.Row) (v, lo, hi *float64, n int64) {
	return scaled(r.CSAT, 100), scaled(r.CSATCILow, 100), scaled(r.CSATCIHigh, 100), r.CSATN
}

// scoreSentence says how a score moved between the last two periods of the
// window, with the latest value's interval and sample size, for example
// "NPS fell 6 points to 12 (95% CI 4 to 20, 85 responses) in the week of
// 2024-03-25." Figures are written with decimals as shownScore rounds
// them, so that they agree with the table below, and the change is the
// difference of the table's two figures (shownChange); unit is its
// singular ("point"). With fewer than metrics.MinTestResponses answers in
// either period the change is not called a rise or a fall: the sentence
// gives the figure and answers of the period before beside the latest's.
// What the trend detector of a (nil: none) said of the latest period is
// said beside the change (baselineWords).
func (r *run) scoreSentence(a *analytics, name, metric string, window []*metrics.Row, get func(*metrics.Row) (v, lo, hi *float64, n int64), level, unit string, decimals int, srcs []string) []string {
	n := len(window)
	if !anyScore(window, get) {
		return []string{fmt.Sprintf("No %s responses in the %s shown.", name, r.periods(n))}
	}
	if n == 0 || window[n-1] == nil {
		return []string{fmt.Sprintf("No %s responses in the latest %s.", name, r.opt.Period)}
	}
	v, lo, hi, cnt := get(window[n-1])
	if v == nil {
		return []string{fmt.Sprintf("No %s responses in the latest %s.", name, r.opt.Period)}
	}
	decimals = levelDecimals(v, lo, hi, decimals)
	// named as the tables name it: a month is "2024-03", not its first day
	var start any = window[n-1].PeriodStart
	if t, err := time.Parse(time.DateOnly, window[n-1].PeriodStart); err == nil {
		start = t
	}
	when := fmt.Sprintf("the %s of %s", r.opt.Period, r.periodLabel(start))
	// a level is written with its sign of unit ("%" for CSAT's share)
	lv := func(x *float64, decimals int) string {
		if x == nil {
			return "n/a"
		}
		return scoreNum(x, decimals) + level
	}
	ci := func(decimals int) string { return intervalText(metric, level, lo, hi, cnt, decimals) }
	var pv *float64
	var pcnt int64
	if n >= 2 && window[n-2] != nil {
		pv, _, _, pcnt = get(window[n-2])
	}
	if pv == nil {
		return []string{fmt.Sprintf("%s was %s (%s) in %s.", name, lv(v, decimals), ci(decimals), when)}
	}
	if len(srcs) == n && srcs[n-1] != srcs[n-2] {
		// instruments differ in level: a difference across a change of
		// source is no change of the score (QA pass, it-csat-2018 then
		// it-csat-2019)
		return []string{fmt.Sprintf("%s was %s (%s) in %s, of %s, against %s (%s) the %s before, of %s: the two %ss' responses come from different survey sources, so the difference is not told as a change.",
			name, lv(v, decimals), ci(decimals), when, srcs[n-1], lv(pv, decimals), plural(int(pcnt), "response", "responses"), r.opt.Period, srcs[n-2], r.opt.Period)}
	}
	if cnt < metrics.MinTestResponses || pcnt < metrics.MinTestResponses {
		// a change from or to a handful of answers is no rise or fall
		// (QA pass: "CSAT rose 80.0 percentage points" from 0% of one
		// response): both figures are given, each with its answers
		return []string{fmt.Sprintf("%s was %s (%s) in %s, against %s (%s) the %s before; too few responses to tell whether it changed (a test needs %d in each %s).",
			name, lv(v, decimals), ci(decimals), when, lv(pv, decimals), plural(int(pcnt), "response", "responses"), r.opt.Period,
			metrics.MinTestResponses, r.opt.Period)}
	}
	d := decimals
	change := shownChange(*v, *pv, d)
	if change == 0 && shownScore(*v, scoreTableDecimals) != shownScore(*pv, scoreTableDecimals) ||
		change != shownScore(*v, d)-shownScore(*pv, d) {
		// a change of less than half a whole point, or one the two
		// levels rounded alone do not show, is given to the table's
		// decimal: "rose 0 points to 0" of -0.2 to 0.0, and "rose 1 point
		// to 0" of -0.4 to 0.4 (a QA pass), "rose 14 points to 21" of 7.6
		// to 21.2 (a reader of the sentence takes the level before as 7)
		d = scoreTableDecimals
		change = shownChange(*v, *pv, d)
	}
	if change == 0 {
		return []string{fmt.Sprintf("%s held at %s (%s) in %s.", name, lv(v, d), ci(d), when)}
	}
	dir := "rose"
	if change < 0 {
		dir = "fell"
	}
	by := strconv.FormatFloat(math.Abs(change), 'f', d, 64)
	units := unit + "s"
	if by == "1" {
		units = unit
	}
	return []string{fmt.Sprintf("%s %s %s %s to %s (%s) in %s%s.", name, dir, by, units, lv(v, d), ci(d), when,
		changeNoise(metric, *window[n-2], *window[n-1], r.opt.Period, change, func(beyond bool) string {
			// an alert's figures as the sentence's: CSAT's are shares
			fig := func(x float64) string {
				if metric == trend.MetricCSAT {
					x *= 100
				}
				return lv(&x, d)
			}
			return r.baselineWords(a, metric, window[n-1].PeriodStart, beyond, change, fig)
		}))}
}

// levelDecimals is how many decimals a sentence gives a score and its
// interval: decimals, or the table's (scoreTableDecimals) where a bound
// so rounded would equal the score so rounded, which put the estimate on
// its interval's edge: NPS 19.56 (18.73 to 20.40) read "20 (95% CI 19 to
// 20)" (QA pass CE). An interval of no width (allAlike) is left as is.
func levelDecimals(v, lo, hi *float64, decimals int) int {
	if decimals >= scoreTableDecimals || v == nil || lo == nil || hi == nil || *lo == *hi {
		return decimals
	}
	if x := scoreNum(v, decimals); x == scoreNum(lo, decimals) || x == scoreNum(hi, decimals) {
		return scoreTableDecimals
	}
	return decimals
}

// intervalText is a score's 95% interval and answers as the page writes
// them: "95% CI -29 to -21, 2,287 responses"; an NPS of fewer than
// metrics.MinTestResponses answers is said not to hold (the normal
// interval of a few answers can be far too narrow). An NPS interval of no
// width (every answer alike, at any number of them) is no certainty: it is
// not given, and allAlike says what is known instead. level follows each
// bound ("%" for CSAT's share).
func intervalText(metric, level string, lo, hi *float64, n int64, decimals int) string {
	if metric == "nps" && lo != nil && hi != nil && *lo == *hi && n > 0 {
		return allAlike(*lo, n, decimals)
	}
	bound := func(x *float64) string {
		if x == nil {
			return "n/a"
		}
		return scoreNum(x, decimals) + level
	}
	s := fmt.Sprintf("95%% CI %s to %s, %s", bound(lo), bound(hi), plural(int(n), "response", "responses"))
	if metric == "nps" && n < metrics.MinTestResponses {
		s += ", too few for this interval to hold"
	}
	return s
}

// allAlike says what is known of an NPS of n answers all alike, whose
// interval (Var = (p + d - (p - d)^2) / n, the metrics' contract) has no
// width: nps is 100 (all promoters), -100 (all detractors) or 0 (all
// passives). A QA pass's week of promoters read "NPS was 100 (95% CI 100
// to 100, 75 responses)". The rule of three bounds what the answers leave
// open: a share at 1 of n answers is above 1 - 3/n with 95% confidence,
// so the others are below 3/n, and NPS moves by at most that share's
// worth each way (promoters, the rest all detractors at worst: NPS above
// 100 - 600/n). Bounds are written with decimals, rounded outward.
func allAlike(nps float64, n int64, decimals int) string {
	group, may := "passives", "lower or higher"
	switch {
	case nps > 0:
		group, may = "promoters", "lower"
	case nps < 0:
		group, may = "detractors", "higher"
	}
	s := fmt.Sprintf("%s, all %s, for which the interval formula gives no width: the true NPS may be %s; ", plural(int(n), "response", "responses"), group, may)
	rest := 3 / float64(n) // the share of the other answers, at most (rule of three)
	if rest >= 1 {
		return s + "too few for the rule of three to bound it"
	}
	// rounded outward, of the decimal x stands for (to 9 decimals: 100 -
	// 600/75 is 91.99999999999999 in floating point, which is 92)
	outward := func(x float64, decimals int, round func(float64) float64) string {
		k := math.Pow(10, float64(decimals))
		return strconv.FormatFloat(round(math.Round(x*k*1e9)/1e9)/k, 'f', decimals, 64)
	}
	s += fmt.Sprintf("by the rule of three %s are above %s%% of all answers (95%% confidence), so NPS is ", group, outward(100*(1-rest), 1, math.Floor))
	switch {
	case nps > 0:
		return s + "above " + outward(max(-100, 100-200*rest), decimals, math.Floor)
	case nps < 0:
		return s + "below " + outward(min(100, -100+200*rest), decimals, math.Ceil)
	}
	return s + "between " + outward(-100*rest, decimals, math.Floor) + " and " + outward(100*rest, decimals, math.Ceil)
}

// scoreTableDecimals is how many decimals the executive page's tables give
// NPS and CSAT (in percent).
const scoreTableDecimals = 1

// shownScore is x as the page writes it with decimals: the figure its
// tables show (scoreTableDecimals), then, for fewer decimals, that figure
// rounded again, each half away from zero as README promises and a reader
// rounds (roundHalfAway). So the summary agrees with the table below it:
// rounding x itself wrote 12 beside the table's 12.5 (QA pass), and would
// write 12 of 12.46 beside it. Never -0: NPS -0.04 read "to -0".
func shownScore(x float64, decimals int) float64 {
	t := roundHalfAway(x, scoreTableDecimals)
	if decimals < scoreTableDecimals {
		t = roundHalfAway(t, decimals)
	}
	return t
}

// roundHalfAway rounds x to decimals, half away from zero, of the decimal
// it stands for: strconv rounds the binary value half to even, and so
// wrote NPS -16.25 (JSON -16.25) as -16.2 (QA pass). x is read to 12
// significant digits first, so that a tie computed with float noise
// (100 (0.25 - 0.4125) is -16.249999999999996) is one. Never -0.
func roundHalfAway(x float64, decimals int) float64 {
	d, ok := new(big.Rat).SetString(strconv.FormatFloat(x, 'g', 12, 64))
	if !ok {
		return x // NaN or an infinity: no decimal to round
	}
	// FloatString rounds the last digit half away from zero
	t, _ := strconv.ParseFloat(d.FloatString(decimals), 64)
	if t == 0 {
		t = 0 // not -0
	}
	return t
}

// scoreNum writes x as shownScore rounds it, "n/a" when unknown.
func scoreNum(x *float64, decimals int) string {
	if x == nil {
		return "n/a"
	}
	return strconv.FormatFloat(shownScore(*x, decimals), 'f', decimals, 64)
}

// pctScore writes a CSAT share as a percentage of one decimal, rounded as
// scoreNum rounds, "n/a" when unknown.
func pctScore(x *float64) string {
	if x == nil {
		return "n/a"
	}
	return scoreNum(scaled(x, 100), 1) + "%"
}

// shownChange is the change from before to after as the table's figures
// differ, rounded to decimals as shownScore rounds: 7.6 to 21.2 is 14
// (13.6), as a reader of the table subtracts them, though the two
// rounded alone read 8 and 21.
func shownChange(after, before float64, decimals int) float64 {
	return shownScore(shownScore(after, scoreTableDecimals)-shownScore(before, scoreTableDecimals), decimals)
}

// changeNoise says whether a score's change from one period to the next is
// beyond the noise of their samples: ": against the week before alone,
// beyond the two weeks' sampling noise (p = 0.012; one test, not corrected
// for the other tests made)" or "..., within ... (p = 0.84)", by
// metrics.ScoreChange's pooled test; when it makes no test (fewer than
// metrics.MinTestResponses answers in either period, which scoreSentence
// says before it asks) it says there are too few to tell. It compares two
// periods only, one test beside the trend detector's many: a QA pass read
// "beyond the two weeks' sampling noise (p = 0.046)" above "The trend
// detector raised no alerts", the week before an outlier itself; detector
// is what the detector said of the latest period (baselineWords). A change
// beyond the noise but smaller than the least the detector alerts on
// (detectorFloor; change as the sentence gives it) is said to be so: the
// detector's silence on a CSAT fall of 3.2 points at p 0.001 read as
// "found no change" (QA pass CE).
func changeNoise(metric string, before, after metrics.Row, period string, change float64, detector func(beyond bool) string) string {
	_, p := metrics.ScoreChange(metric, before, after)
	if p == nil {
		return fmt.Sprintf(", too few responses to tell the change from the two %ss' sampling noise (a test needs %d in each)", period, metrics.MinTestResponses)
	}
	if *p < alpha {
		floor, floorText := detectorFloor(metric)
		under := ""
		if math.Abs(change) < floor {
			under = fmt.Sprintf(", but smaller than the %s of change the trend detector alerts on", floorText)
		}
		return fmt.Sprintf(": against the %s before alone, beyond the two %ss' sampling noise (%s; one test, not corrected for the other tests made)%s%s",
			period, period, pValue(*p), under, detector(true))
	}
	return fmt.Sprintf(": against the %s before alone, within the two %ss' sampling noise (%s)%s", period, period, pValue(*p), detector(false))
}

// baselineWords is what the trend detector said of metric in the period
// starting period (YYYY-MM-DD), from the alerts and the tests of its run
// (analytics): of each alert of the metric then, which way it found the
// level and against what ("above its level of the 12 weeks before (53
// against 1)", "on a rising trend line since ..."), figures written by
// fig (an alert's Observed and Expected, CSAT as a share); "too" only when
// the change of two periods (change, its sign) was beyond their noise
// (beyond) and every alert goes the same way: "raised an alert on NPS
// too" read beside "NPS fell 12 points" of a week far above its baseline
// (QA pass BE). With no alert, when beyond, that it found no change
// against its baseline (no evidence of a change, not evidence of none).
// "" when the detector did not test the metric's level then, or did not
// run.
func (r *run) baselineWords(a *analytics, metric, period string, beyond bool, change float64, fig func(float64) string) string {
	if a == nil || a.alertsErr != nil {
		return ""
	}
	name := metricName(metric)
	var found []trend.Alert
	for _, al := range a.alerts {
		if al.Metric == metric && al.PeriodStart == period {
			found = append(found, al)
		}
	}
	// the level test before the line, as the weekly page lists them
	slices.SortStableFunc(found, func(x, y trend.Alert) int { return strings.Compare(metricTest(x.Kind), metricTest(y.Kind)) })
	if len(found) > 0 {
		words := make([]string, len(found))
		same := beyond
		for i, al := range found {
			up := al.Kind == trend.KindRising || al.Kind == trend.KindShift && al.Observed > al.Expected
			same = same && up == (change > 0)
			if al.Kind == trend.KindShift {
				way := "below"
				if up {
					way = "above"
				}
				words[i] = fmt.Sprintf("%s its level of the %s before (%s against %s", way, r.periods(r.baselineLen(period, al.Since)), fig(al.Observed), fig(al.Expected))
				continue
			}
			// Since is where the line's window starts, not when the
			// change began: "on a falling trend line since 2025-05" read
			// so of a step in 2026-01 (QA pass CE)
			words[i] = fmt.Sprintf("on a %s trend line fitted over %s (%s at the line's end against a baseline of %s",
				al.Kind, r.lineWindow(al.Since, period), fig(al.Observed), fig(al.Expected))
		}
		too, lists := "", "it"
		if same {
			too = " too"
		}
		if len(found) > 1 {
			lists = "both"
			if len(found) > 2 {
				lists = "them"
			}
		}
		return fmt.Sprintf("; the trend detector%s finds %s %s; the quality report lists %s)", too, name, strings.Join(words, ") and "), lists)
	}
	if !beyond || !slices.Contains(a.metricsTested, metric) || slices.ContainsFunc(a.metricsNotTested, func(nt trend.MetricNotTested) bool {
		return nt.Metric == metric && nt.PeriodStart == period && nt.Test == "level"
	}) {
		return ""
	}
	_, floor := detectorFloor(metric)
	return fmt.Sprintf("; the trend detector, testing the %s against the %s before it, raised no alert on %s: it found no change against that baseline of %s or more, the least it alerts on",
		r.opt.Period, r.periods(r.baselineLen(period, "")), name, floor)
}

// detectorFloor is the least change of metric, in the page's units (NPS
// points, CSAT percentage points), on which the trend detector alerts
// whatever its p-value (trend.MinNPSChange, trend.MinCSATChange), and
// that in words: "5 points".
func detectorFloor(metric string) (float64, string) {
	floor, unit := float64(trend.MinNPSChange), "points"
	if metric == trend.MetricCSAT {
		floor, unit = 100*trend.MinCSATChange, "percentage points"
	}
	return floor, strconv.FormatFloat(floor, 'g', -1, 64) + " " + unit
}

// lineWindow names a trend line's periods, from since to period (both
// YYYY-MM-DD, inclusive): "the 13 months 2025-05 to 2026-05".
func (r *run) lineWindow(since, period string) string {
	from, err1 := time.Parse(time.DateOnly, since)
	to, err2 := time.Parse(time.DateOnly, period)
	if err1 != nil || err2 != nil {
		return fmt.Sprintf("the %ss from %s to %s", r.opt.Period, since, period)
	}
	return fmt.Sprintf("the %s %s to %s", r.periods(1+r.periodsBetween(from, to)), r.periodLabel(from), r.periodLabel(to))
}

// periodsBetween is how many periods start from from (a period's start)
// before to.
func (r *run) periodsBetween(from, to time.Time) int {
	n := 0
	for t := from; t.Before(to); t = r.addPeriods(t, 1) {
		n++
	}
	return n
}

// baselineLen is how many periods before the one starting period
// (YYYY-MM-DD) the trend detector's baseline holds, at most phraseBaseline:
// from since (an alert's Since, where its baseline starts) or, without one,
// from the first data, so that the page names the periods used ("the 9
// months before" at the data's start, not 12: QA pass CE).
func (r *run) baselineLen(period, since string) int {
	until, err := time.Parse(time.DateOnly, period)
	if err != nil {
		return phraseBaseline
	}
	from := r.addPeriods(until, -phraseBaseline)
	if t, err := time.Parse(time.DateOnly, since); err == nil {
		from = t
	} else if !r.earliest.IsZero() {
		from = r.truncPeriod(r.earliest)
	}
	n := min(r.periodsBetween(from, until), phraseBaseline)
	if n == 0 {
		return phraseBaseline
	}
	return n
}

// pValue writes "p = " and p with two significant digits, more where two
// would cross alpha (trend.SameSide), or "p < 0.001".
func pValue(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	if s, ok := trend.SameSide(p, func(d int) string { return strconv.FormatFloat(p, 'g', d, 64) }, 2); ok {
		return "p = " + s
	}
	return "p < " + strconv.FormatFloat(alpha, 'g', -1, 64)
}

// anyScore reports whether some period of window has a value of get.
func anyScore(window []*metrics.Row, get func(*metrics.Row) (v, lo, hi *float64, n int64)) bool {
	for _, row := range window {
		if row != nil {
			if v, _, _, _ := get(row); v != nil {
				return true
			}
		}
	}
	return false
}

// noCustomers is said where churn signals would be when no complaint
// carries a customer ID (a CFPB export): the signals are read per
// customer, so there are none to read, which is not the same as none found.
const noCustomers = "No complaint carries a customer ID, so no customer's churn signals can be read (they are counted per customer)."

// customersKnown reports whether some complaint in the scope carries a
// customer ID.
func (r *run) customersKnown(ctx context.Context) (bool, error) {
	var known bool
	if err := r.conn.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE has_customer) > 0 FROM rpt_complaints`).Scan(&known); err != nil {
		return false, fmt.Errorf("executive: customers: %w", err)
	}
	return known, nil
}

// churnSection lists the customers most at risk (metrics.Churn) with the
// signals and complaint IDs behind each score; all of them go to a CSV.
// customers says whether any complaint carries a customer ID.
func (r *run) churnSection(ctx context.Context, a *analytics, customers bool) (section, error) {
	sec := section{ID: "churn", Title: "Customers at risk of churn"}
	if a.churnErr != nil {
		sec.Unavailable = notAvailable("churn signals", a.churnErr)
		return sec, nil
	}
	href, err := r.writeChurnCSV(a.churn)
	if err != nil {
		return sec, err
	}
	if r.empty {
		// "No complaint carries a customer ID" of complaints that all
		// carry one, received after the report date (a QA pass)
		sec.Unavailable = "No complaint was received by the report date, so no customer's churn signals can be read (they are read from complaints)."
		return sec, nil
	}
	if !customers {
		sec.Unavailable = noCustomers
		return sec, nil
	}
	fig := figure{Label: verb(a.churnTotal, "customer", "customers") + " with a churn signal", Value: thousands(a.churnTotal), Href: href}
	if a.churnTotal > int64(len(a.churn)) {
		fig.Note = fmt.Sprintf("the list holds the riskiest %s", thousands(int64(len(a.churn))))
	}
	sec.Figures = []figure{fig}
	// At risk are the customers who have not churned by the report date:
	// those who have are lost, not at risk (an exploratory QA pass: the
	// top 20 held customers churned weeks before); the list of IDs keeps
	// them, with the date, as the signal quality below counts them.
	var atRisk []metrics.ChurnCustomer
	lost := 0
	for _, c := range a.churn {
		if c.ChurnedAt != nil {
			lost++
			continue
		}
		atRisk = append(atRisk, c)
	}
	caption := "The 20 highest risk scores of the customers who have not churned (weighted count of signals)"
	if int64(len(a.churn)) == a.churnTotal && len(atRisk) <= 20 {
		caption = "Every customer with a signal who has not churned, by risk score (weighted count of signals)"
	}
	t := table{Caption: caption,
		Columns: []string{"customer", "score", "complaints", "last complaint", "signals and complaint IDs"},
		num:     []bool{false, true, true, false, false}}
	for i, c := range atRisk {
		if i == 20 {
			break
		}
		t.Rows = append(t.Rows, []cell{{Text: ShownCustomer(c.CustomerID), ID: true}, {Text: fmt.Sprintf("%g", c.Score), Num: true},
			{Text: thousands(c.Complaints), Num: true}, {Text: c.LastComplaint, Date: true}, {Text: strings.Join(c.Reasons, "; ")}})
	}
	if lost > 0 {
		of := "with a signal"
		if int64(len(a.churn)) < a.churnTotal {
			of = "of the riskiest " + thousands(int64(len(a.churn)))
		}
		sec.Notes = append(sec.Notes, fmt.Sprintf("%s %s had churned by the report date: not at risk, so not in the table; the list of IDs holds them with the date (churned).",
			plural(lost, "customer", "customers"), of))
	}
	// Intent and sentiment are read from English text only: a customer
	// whose complaints are in Portuguese shows neither, which is not
	// known, rather than absent, of them.
	n, why, err := r.notScreened(ctx, "has_customer")
	if err != nil {
		return sec, err
	}
	if n > 0 {
		sec.Notes = append(sec.Notes, fmt.Sprintf("%s %s not screened for cancel or switch intent or sentiment (%s): classify reads them from text in English only, so these complaints give their customers neither signal, whatever they say.",
			plural(int(n), "complaint of a customer", "complaints of customers"), verb(n, "was", "were"), why))
	}
	sec.Tables = []table{t}
	for _, row := range t.Rows {
		if isPseudonym(row[0].Text) {
			sec.Notes = append(sec.Notes, customerNote)
			break
		}
	}
	if len(a.quality) > 0 {
		q := table{Caption: "How well each signal picked out customers who churned (customers table)",
			Columns: []string{"signal", "customers", "churned", "precision", "recall", "lift"},
			num:     []bool{false, true, true, true, true, true}}
		for _, s := range a.quality {
			q.Rows = append(q.Rows, []cell{{Text: s.Signal}, {Text: thousands(s.Customers), Num: true}, {Text: thousands(s.Churned), Num: true},
				{Text: fmtPct(s.Precision), Num: true}, {Text: fmtPct(s.Recall), Num: true}, {Text: fmtNum(s.Lift, 2), Num: true}})
		}
		sec.Tables = append(sec.Tables, q)
	}
	return sec, nil
}

func (r *run) writeChurnCSV(cs []metrics.ChurnCustomer) (string, error) {
	// the page's table's columns (churned was left out: an exploratory QA
	// pass); churned is empty for a customer who has not
	rows := [][]string{{"customer_id", "score", "complaints", "last_complaint", "churned", "reasons"}}
	for _, c := range cs {
		churned := ""
		if c.ChurnedAt != nil {
			churned = *c.ChurnedAt
		}
		rows = append(rows, []string{ShownCustomer(c.CustomerID), fmt.Sprintf("%g", c.Score), fmt.Sprint(c.Complaints), c.LastComplaint, churned, strings.Join(c.Reasons, "; ")})
	}
	return r.writeList("executive-churn", rows)
}

// volumeSummary writes the complaint volume of the latest period against
// the one before, in words.
func (r *run) volumeSummary(vol *result) []string {
	if why := r.noCompletePeriod(); why != "" {
		return []string{why}
	}
	n := len(vol.rows)
	if n == 0 {
		return nil
	}
	cur, _ := num(vol.rows[n-1][1])
	prev := 0.0
	if n >= 2 {
		prev, _ = num(vol.rows[n-2][1])
	}
	s := fmt.Sprintf("%s %s received in the %s of %s", plural(int(cur), "complaint", "complaints"), verb(int64(cur), "was", "were"), r.opt.Period, r.periodLabel(vol.rows[n-1][0]))
	switch {
	case n < 2:
		s += fmt.Sprintf(", the first %s of the data.", r.opt.Period)
	case prev == 0:
		s += fmt.Sprintf(", against none the %s before.", r.opt.Period)
	case cur == prev:
		s += fmt.Sprintf(", as many as the %s before.", r.opt.Period)
	default:
		dir := "up"
		if cur < prev {
			dir = "down"
		}
		pct := 100 * math.Abs(cur-prev) / prev
		if by := strconv.FormatFloat(pct, 'f', 0, 64); by != "0" {
			s += fmt.Sprintf(", %s %s%% from %s the %s before.", dir, by, thousands(int64(prev)), r.opt.Period)
			break
		}
		// "down 0% from 3,390" of 3,380 (QA pass CE)
		s += fmt.Sprintf(", about the same as the %s the %s before (%s %s%%).", thousands(int64(prev)), r.opt.Period, dir, strconv.FormatFloat(pct, 'g', 1, 64))
	}
	out := []string{s}
	last := vol.rows[n-1]
	get := func(c string) int64 { f, _ := num(last[vol.col(c)]); return int64(f) }
	all, read := get("complaints"), get("read for sentiment")
	why := notReadWhy(all-read, get("not english"), get("undetermined"), get("unclassified"))
	switch {
	case read >= metrics.MinTestResponses:
		s := fmt.Sprintf("%s%% of the complaints read for sentiment that %s were negative (%s of %s).",
			text(last[vol.col("negative %")]), r.opt.Period, thousands(get("negative")), thousands(read))
		if why != "" {
			s += fmt.Sprintf(" The other %s %s not read: %s.", thousands(all-read), verb(all-read, "was", "were"), why)
		}
		out = append(out, s)
	case all > 0:
		// a share of 1 is no headline (a QA pass: "0% ... (0 of 1)" of a
		// week of 119 complaints in Portuguese): below the fewest answers
		// the page tests a score on, the counts alone, and why
		s := fmt.Sprintf("%s of the %s of that %s %s read for sentiment", thousands(read), plural(int(all), "complaint", "complaints"), r.opt.Period, verb(read, "was", "were"))
		if why != "" {
			s += ": " + why
		}
		out = append(out, s+fmt.Sprintf(". Too few were read to give the share that were negative (the page gives it from %d).", metrics.MinTestResponses))
	}
	return out
}

// notReadWhy says why unread complaints were not read for sentiment, of
// them foreign not in English, undetermined of a language not determined,
// unclassified not classified yet, the rest with no text to read (no
// narrative); "" when all were read.
func notReadWhy(unread, foreign, undetermined, unclassified int64) string {
	if unread <= 0 {
		return ""
	}
	var why []string
	add := func(n int64, one, many string) {
		if n > 0 {
			why = append(why, thousands(n)+" "+verb(n, one, many))
		}
	}
	add(foreign, "is written in a language other than English, which the classifiers do not read", "are written in a language other than English, which the classifiers do not read")
	add(undetermined, "has text whose language could not be determined", "have text whose language could not be determined")
	add(unclassified, "is not classified yet", "are not classified yet")
	add(unread-foreign-undetermined-unclassified, "has no text to read", "have no text to read")
	return andList(why)
}

// driverSummary names the topic that pulls NPS down most among those whose
// difference from the drivers' reference group is beyond chance across the
// topics tested (q < alpha), or says that none is; "" when no topic was
// tested. With some 14 topics tested, one uncorrected p below 0.05 comes by
// chance alone about half the time (QA pass CE named "Wait times" on p
// 0.00466, q 0.065, of a random customer link). ds are the drivers of
// both metrics, the one that pulls its metric down most first.
func (r *run) driverSummary(ds []metrics.Driver) string {
	var tested []metrics.Driver
	for _, d := range ds {
		if d.Metric == "nps" && d.QValue != nil {
			tested = append(tested, d)
		}
	}
	if len(tested) == 0 {
		return ""
	}
	topics := plural(len(tested), "topic tested", "topics tested")
	for _, d := range tested {
		if *d.QValue < alpha && d.Impact != nil && *d.Impact > 0 && d.Coef != nil && *d.Coef < 0 {
			return fmt.Sprintf(
				"Of the topics whose NPS differs from the reference group's beyond chance (q < %s over the %s), the one that pulls NPS down most is %s: NPS %s over its %s (%s); without %s NPS would be %s points higher (up to the report date).",
				strconv.FormatFloat(alpha, 'g', -1, 64), topics, r.topicText(d.Topic), scoreNum(d.Value, 0),
				plural(int(d.Responses), "linked response", "linked responses"), qValue(*d.QValue),
				verb(d.Responses, "it", "them"), scoreNum(d.Impact, 1))
		}
	}
	least := tested[0]
	for _, d := range tested {
		if *d.QValue < *least.QValue {
			least = d
		}
	}
	if *least.QValue < alpha {
		// a topic beyond chance, but above the reference rather than below
		return fmt.Sprintf("No topic pulls NPS down beyond chance: of the %s, those whose NPS differs from the reference group's (q < %s) lie above it.",
			topics, strconv.FormatFloat(alpha, 'g', -1, 64))
	}
	ref := least.Reference
	if ref != metrics.ReferenceOther {
		ref = r.topicText(ref) + "'s responses"
	}
	return fmt.Sprintf("No topic's NPS differs from that of the reference group (%s) beyond chance: of the %s, the closest, %s, has %s (Benjamini-Hochberg), so none is named as pulling NPS down.",
		ref, topics, r.topicText(least.Topic), qValue(*least.QValue))
}

// qValue writes a q-value as pValue writes a p-value: "q = 0.065".
func qValue(q float64) string { return "q" + strings.TrimPrefix(pValue(q), "p") }

// driverSection shows, for one metric, how each topic moves it
// (metrics.Drivers): the regression coefficient against the reference
// group with its 95% interval as bars, and the leave-one-out impact.
func (r *run) driverSection(a *analytics, metric string, sources []sourceScores) (section, error) {
	name := map[string]string{"nps": "NPS", "csat": "CSAT"}[metric]
	sec := section{ID: "drivers-" + metric, Title: "What drives " + name}
	if a.driversErr != nil {
		sec.Unavailable = notAvailable("drivers", a.driversErr)
		return sec, nil
	}
	k := 1.0
	if metric == "csat" {
		k = 100 // shares shown as percentage points
	}
	var cats []string
	var vals, lows, highs []*float64
	t := table{Columns: []string{"topic", "responses", name, name + " without it", "impact", "difference from reference", "95% low", "95% high", "p", "q"},
		num: []bool{false, true, true, true, true, true, true, true, true, true}}
	ref := ""
	// topics named as the other tables name them (topicTexts), in the
	// table and the chart alike
	var ds []metrics.Driver
	var topics []string
	for _, d := range a.drivers {
		if d.Metric == metric {
			ds, topics = append(ds, d), append(topics, d.Topic)
		}
	}
	shown := r.topicTexts(topics)
	for i, d := range ds {
		topic := shown[i]
		ref = d.Reference
		if ref != metrics.ReferenceOther {
			ref = r.topicText(ref) // the largest topic's responses
		}
		p, q := "n/a", "n/a"
		if d.PValue != nil {
			p = trend.FormatP(*d.PValue)
		}
		if d.QValue != nil {
			q = trend.FormatP(*d.QValue)
		}
		t.Rows = append(t.Rows, []cell{{Text: topic}, {Text: thousands(d.Responses), Num: true},
			{Text: scoreNum(scaled(d.Value, k), 1), Num: true}, {Text: scoreNum(scaled(d.Without, k), 1), Num: true},
			{Text: scoreNum(scaled(d.Impact, k), 1), Num: true}, {Text: scoreNum(scaled(d.Coef, k), 1), Num: true},
			{Text: scoreNum(scaled(d.CILow, k), 1), Num: true}, {Text: scoreNum(scaled(d.CIHigh, k), 1), Num: true}, {Text: p, Num: true}, {Text: q, Num: true}})
		if d.Coef != nil {
			cats = append(cats, topic)
			vals, lows, highs = append(vals, scaled(d.Coef, k)), append(lows, scaled(d.CILow, k)), append(highs, scaled(d.CIHigh, k))
		}
	}
	if len(t.Rows) == 0 {
		sec.Unavailable = "No topic has enough survey responses linked to its complaints (30 or more) to estimate its effect."
		return sec, nil
	}
	sec.Tables = []table{t}
	sec.Paragraphs = []string{fmt.Sprintf(
		"Survey responses linked to complaints, by the complaint's topic, up to the report date. Impact: how much %s would rise without the topic's responses (positive: the topic pulls %s down). Bars: the topic's difference from %q in a least-squares regression, with its 95%% interval; p: that difference's p-value; q: p adjusted for the number of topics tested (Benjamini-Hochberg).%s",
		name, name, ref, referenceText(ds, ref, pooled(sources, metric, true)))}
	if len(cats) > 0 {
		c, err := intervalBarChart("executive-drivers-"+metric, name+" difference by topic", cats, "difference", vals, lows, highs)
		if err != nil {
			return sec, err
		}
		sec.Chart = &c
	}
	sec.Notes = []string{"An association, not a cause: customers who complain about some topics may differ in other ways."}
	return sec, nil
}

// referenceText says which responses the drivers' reference group holds
// and, when they are of more than one survey source, which (QA pass: the
// reference of "What drives CSAT" pooled three instruments without a
// word): " The reference, ..."; "" when there is nothing to say. ds are
// the metric's drivers, ref the reference as shown, sources those with
// answers of the metric up to the report date (pooled), which the drivers
// read.
func referenceText(ds []metrics.Driver, ref string, sources []sourceScores) string {
	if len(ds) == 0 {
		return ""
	}
	metric := ds[0].Metric
	var s string
	if ds[0].Reference == metrics.ReferenceOther {
		// every response of the metric is in a topic shown or in the
		// reference (metrics.Drivers)
		var total, shown int64
		for _, src := range sources {
			total += src.all(metric)
		}
		for _, d := range ds {
			shown += d.Responses
		}
		if total > shown {
			s = fmt.Sprintf(" The reference, %q, holds the %s linked to no complaint of a topic shown (no complaint, one not classified, or of a topic of fewer than 30 responses).",
				ref, plural(int(total-shown), "response", "responses"))
		}
	} else {
		for _, d := range ds {
			if d.Topic == d.Reference {
				s = fmt.Sprintf(" The reference, %q, holds the %s linked to its complaints.", ref, plural(int(d.Responses), "response", "responses"))
			}
		}
	}
	if len(sources) > 1 {
		parts := make([]string, len(sources))
		for i, src := range sources {
			n := thousands(src.all(metric)) // "vendorA (40 responses) and helpdesk (30)"
			if i == 0 {
				n = plural(int(src.all(metric)), "response", "responses")
			}
			parts[i] = fmt.Sprintf("%s (%s)", shownLabel(src.source), n)
		}
		s += fmt.Sprintf(" The responses of %d survey sources are pooled: %s.", len(sources), andList(parts))
	}
	return s
}

// recoverySection compares the satisfaction of complainants whose complaint
// was resolved, still open, and customers with no complaint
// (metrics.ServiceRecovery).
func (r *run) recoverySection(a *analytics) (section, error) {
	sec := section{ID: "recovery", Title: "Service recovery"}
	if a.recoveryErr != nil || a.recovery == nil {
		sec.Unavailable = notAvailable("service recovery", a.recoveryErr)
		return sec, nil
	}
	label := map[string]string{metrics.RecoveryResolved: "complaint resolved", metrics.RecoveryUnresolved: "complaint still open",
		metrics.RecoveryNoComplaint: "no complaint"}
	// each score beside the responses it rests on: the group's responses
	// of any score (1,129) read as the NPS's (906), a QA pass
	t := table{Columns: []string{"group", "responses", "NPS", "NPS 95%", "NPS responses", "CSAT", "CSAT 95%", "CSAT responses", "CES"},
		num: []bool{false, true, true, false, true, true, false, true, true}}
	var cats []string
	var vals, lows, highs []*float64
	responses := int64(0)
	var empty []string // groups without a response: a row of 0 and n/a says nothing
	for _, g := range a.recovery.Groups {
		responses += g.Responses
		if g.Responses == 0 {
			empty = append(empty, label[g.Group])
			continue
		}
		t.Rows = append(t.Rows, []cell{{Text: label[g.Group]}, {Text: thousands(g.Responses), Num: true},
			{Text: scoreNum(g.NPS, 1), Num: true}, {Text: scoreNum(g.NPSCILow, 1) + " to " + scoreNum(g.NPSCIHigh, 1)}, {Text: thousands(g.NPSN), Num: true},
			{Text: pctScore(g.CSAT), Num: true}, {Text: pctScore(g.CSATCILow) + " to " + pctScore(g.CSATCIHigh)}, {Text: thousands(g.CSATN), Num: true},
			{Text: fmtNum(g.CESMean, 2), Num: true}})
		cats = append(cats, label[g.Group])
		vals, lows, highs = append(vals, g.NPS), append(lows, g.NPSCILow), append(highs, g.NPSCIHigh)
	}
	if !slices.ContainsFunc(a.recovery.Groups, func(g metrics.RecoveryGroup) bool { return g.CESMean != nil }) {
		// no response scores effort: a column of n/a says nothing
		t.Columns, t.num = t.Columns[:len(t.Columns)-1], t.num[:len(t.num)-1]
		for i := range t.Rows {
			t.Rows[i] = t.Rows[i][:len(t.Rows[i])-1]
		}
	}
	tests := table{Caption: "Differences between the groups (two-sided z-tests)", Columns: []string{"metric", "between", "difference", "z", "p"},
		num: []bool{false, false, true, true, true}}
	for _, x := range a.recovery.Tests {
		if x.PValue == nil {
			continue // a group without responses of the metric: nothing to compare
		}
		p := trend.FormatP(*x.PValue)
		k := 1.0
		if x.Metric == "csat" {
			k = 100
		}
		tests.Rows = append(tests.Rows, []cell{{Text: strings.ToUpper(x.Metric)}, {Text: label[x.A] + " - " + label[x.B]},
			{Text: scoreNum(scaled(x.Difference, k), 1), Num: true}, {Text: fmtNum(x.Z, 2), Num: true}, {Text: p, Num: true}})
	}
	if responses == 0 {
		// tables of 0 and n/a would say nothing more
		sec.Unavailable = "No survey response falls in a group: a response counts when it links to a complaint, or carries a customer ID with no complaint before it; responses with neither are left out."
		return sec, nil
	}
	sec.Tables = []table{t}
	if len(tests.Rows) > 0 {
		sec.Tables = append(sec.Tables, tests)
	}
	if anyValue([]series{{Values: vals}}) {
		c, err := intervalBarChart("executive-recovery", "NPS by service-recovery group", cats, "NPS", vals, lows, highs)
		if err != nil {
			return sec, err
		}
		sec.Chart = &c
	} else {
		sec.Unavailable = "No NPS responses from these groups."
	}
	sec.Notes = []string{"CSAT differences are in percentage points. Responses link to the customer's latest complaint as in the metrics stage. responses: the group's survey responses, of any score; each score rests on those that give it (NPS responses, CSAT responses)."}
	if out := r.surveys - responses; out > 0 {
		// the rows added to fewer than the responses, without a word (a
		// QA pass: 1,505 of 1,586)
		sec.Notes = append(sec.Notes, fmt.Sprintf("%s of the %s received by the report date fall in a group; the other %s in none: a response counts when it links to a complaint whose state is known (a source recording neither a status nor a resolution date, or a closure recorded after the report date, tells resolved from open for none), or carries a customer ID with no complaint before it.",
			thousands(responses), plural(int(r.surveys), "survey response", "survey responses"), thousands(out)))
	}
	if len(empty) == 1 {
		sec.Notes = append(sec.Notes, fmt.Sprintf("No response falls in the group %s.", empty[0]))
	} else if len(empty) > 1 {
		sec.Notes = append(sec.Notes, fmt.Sprintf("No response falls in the groups %s.", strings.Join(empty, " or ")))
	}
	if len(tests.Rows) == 0 {
		sec.Notes = append(sec.Notes, "No two groups have responses of one metric to compare.")
	}
	return sec, nil
}
