package trend

import (
	"cmp"
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

//go:embed series.sql
var seriesSQL string

//go:embed evidence.sql
var evidenceSQL string

// Querier is what Detect needs from the warehouse (*warehouse.DB has it).
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Options configure Detect. The zero value judges the latest complete week
// of all complaints with the defaults below.
type Options struct {
	Period Period // day, week (default) or month
	// By names the dimensions tested, e.g. "product" or the pair
	// "topic,product"; none: all complaints. Benjamini-Hochberg's family
	// is every test of one run, so the groups tested move every q-value:
	// the same period's alert has one q-value from `trends --metrics`
	// (all complaints only) and another on the weekly page, which tests
	// all, topic and product (reports.AlertDimensions; `trends --metrics
	// --by 'all;topic;product'` gives the page's q-values).
	By []string
	// AsOf is the instant the run stands at: only complaints received before
	// it are read. Zero means the end of the day (UTC) of the latest
	// received_at (with Metrics, of survey responses and resolutions too),
	// as an --as-of of that date: a file of dates without times, whose
	// latest complaint reads as that day's midnight, has that whole day.
	AsOf time.Time
	// Since, when set, replays the detector at the end of every period from
	// the one holding Since up to AsOf, each time reading only complaints
	// received before that period's end. Each period is a run of its own,
	// Benjamini-Hochberg over its tests alone: its alerts are those a run
	// standing at its end gives (TestDetectNoLookAhead).
	Since    time.Time
	Q        float64 // false discovery rate of each run (each period judged); default 0.05
	MinCount int     // fewest complaints behind an alert; default DefaultMinCount
	MinRatio float64 // smallest observed/expected ratio (or its inverse when falling) to report; default 1.5
	// IncludePartial also judges the period holding AsOf, though
	// incomplete, after the latest complete period (judged as without
	// it): each is a run of its own, as Since's periods are. The partial
	// period's counts are judged at the share of a period's complaints
	// that its baseline periods received as far into them, each group's
	// own (pooled over the groups when its baseline holds fewer than
	// 100, the fraction elapsed when they all do), its share of the
	// period at its pace against the others' (the spikes' method says
	// which: see pace and pacedAt); its NPS and CSAT
	// get a level test on the answers so far (when as many as a complete
	// period's test needs) but no trend line, whose points are whole
	// periods (Result.MetricsNotTested says so).
	IncludePartial bool
	// Metrics adds alerts on NPS, CSAT and median resolution time.
	Metrics bool
	// Phrases adds the words and phrases emerging in the last complete
	// period judged (see EmergingPhrases), against the trendLen periods
	// before it.
	Phrases bool
	// Corpus, when set, may supply the corpus the phrases are mined from
	// instead of Detect reading it (docs.sql): the complaints received in
	// [from, end), as docs.sql returns them and in its order, those
	// received from current on being the period judged, with ok true; ok
	// false makes Detect read them. A caller that has just read every text
	// anyway (the reports) saves a second scan of the redacted text. The
	// corpus must hold redacted texts only, as docs.sql reads them, and
	// count the narratives not yet redacted (Corpus.AddUnredacted): with
	// any, no phrase is mined (Result.PhrasesWithheld).
	Corpus func(from, current, end time.Time) (c *Corpus, ok bool)
}

// Date is a YYYY-MM-DD date, "" when there is none: null in JSON, where
// an empty string is no date (an empty warehouse's as_of read "").
type Date string

// MarshalJSON writes the date as a string, or null when empty.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(d))
}

// Result is the trends JSON of DESIGN.md.
type Result struct {
	Period Period  `json:"period"`
	AsOf   Date    `json:"as_of"` // "" (null in JSON) when the warehouse holds nothing to judge
	Alerts []Alert `json:"alerts"`
	// Phrases are the emerging words and phrases of the last period judged
	// (with Options.Phrases); their q-values are a family of their own, so
	// that thousands of words do not dilute the alerts' tests.
	Phrases []Phrase `json:"phrases,omitempty"`
	// PhrasesPeriodStart is the first day of the period the phrases are
	// mined from (with Options.Phrases; set when none is listed too): the
	// last complete period judged, with Since too, which replays the
	// alerts only (the QA pass read a replay's phrases as each period's),
	// and with IncludePartial, whose incomplete period gets none.
	PhrasesPeriodStart Date `json:"phrases_period_start,omitempty"`
	// PhrasesWithheld, with Options.Phrases, says that no phrase is listed
	// because narratives of the texts compared have not been redacted by
	// classify yet: phrases come from redacted text only, and the texts
	// left would compare a part of the periods (the newest export, not yet
	// classified, is mostly the period judged). The reports withhold their
	// phrases alike (reports/sql/phrases_unredacted.sql).
	PhrasesWithheld *PhrasesWithheld `json:"phrases_withheld,omitempty"`
	// NotJudged lists the sources whose complaints the volume and share
	// tests of some period judged left out (youngSources).
	NotJudged []NotJudged `json:"sources_not_judged,omitempty"`
	// Silent lists the sources that sent complaints in the recent periods
	// before the last one judged and none in it (silentSources).
	Silent []Silent `json:"sources_silent,omitempty"`
	// MetricsNotTested lists, with Options.Metrics, the NPS and CSAT
	// tests not made because of the survey sources (Reason
	// "survey_sources"), and with Options.IncludePartial those not made
	// of the incomplete period judged (partialNotTested), and why; with
	// Options.Phrases, its emerging phrases, not mined. In the order of
	// the periods judged, then nps before csat, level before trend.
	MetricsNotTested []MetricNotTested `json:"metrics_not_tested,omitempty"`
	// SurveySourcesLeftOut lists, with Options.Metrics, the survey
	// sources each NPS or CSAT test made left out, and why (see
	// SurveySourceLeftOut): an alert names them (Alert.SurveySources),
	// and a test that raised none must say so too, or a new instrument's
	// answers would read as judged unchanged. It lists too those of
	// the tests the survey sources kept from being made
	// (MetricsNotTested, Reason "survey_sources"): the sources that
	// answered and were set aside, or "not tested" names none. In the
	// order of the periods judged, then nps before csat, level before
	// trend, sources sorted.
	SurveySourcesLeftOut []SurveySourceLeftOut `json:"survey_sources_left_out,omitempty"`
	// TopicsNotTested lists the periods judged whose topic tests were
	// not made, and why: the periods they compare hold complaints
	// classified by models of different topic vocabularies (models.go).
	TopicsNotTested []TopicsNotTested `json:"topics_not_tested,omitempty"`
	// MetricsTested lists, with Options.Metrics, the metrics (nps, csat,
	// median_resolution_hours, in that order) that got at least one test
	// in the periods judged: a survey test needs metrics.MinTestResponses
	// answers, a resolution test MinCount resolution times, so a
	// warehouse of no surveys has its NPS and CSAT untested, and a page
	// must not say it judged them. Empty ([] in JSON) when none was; nil
	// (absent) without Options.Metrics.
	MetricsTested []string `json:"metrics_tested,omitzero"`
	// Tests is the number of hypothesis tests made over the periods
	// judged, before the false discovery control. None are made for a
	// group until it has MinBaseline periods of history before the one
	// judged: with no alert and no test, nothing could be judged, which is
	// not the same as nothing having changed.
	Tests int `json:"tests"`
}

// PhrasesWithheld counts the narratives received from From to To (dates,
// inclusive: the period judged and the ones its phrases are compared
// against) that have no redacted text yet: `complaints classify` redacts
// them.
type PhrasesWithheld struct {
	Unredacted int  `json:"unredacted_narratives"`
	From       Date `json:"from"`
	To         Date `json:"to"`
}

// MinBaseline is the number of periods of history a group needs before
// the period judged for any test of it.
const MinBaseline = 5

// NotJudged is a source too young for the tests of the periods judged
// before JudgedFrom: its first complaint came in the period starting
// FirstPeriod, when other sources already had a history. Its volume is
// new, not a change, so counting it would read as a spike of all
// complaints and of every group it fills.
type NotJudged struct {
	Source      string `json:"source"`
	FirstPeriod string `json:"first_period"`
	JudgedFrom  string `json:"judged_from"`
}

// Silent is a source that sent Recent complaints in the recent periods
// before the last one judged and none since its latest, of LastComplaint
// (a date): an export not loaded, or a feed stopped. No test reads its
// absence (the volume tests look for rises), so the output says it.
type Silent struct {
	Source        string `json:"source"`
	LastComplaint string `json:"last_complaint"`
	Recent        int64  `json:"recent_complaints"`
}

// MetricNotTested is an NPS or CSAT test not made of the period starting
// PeriodStart: of an incomplete one (Options.IncludePartial), Test
// "trend" (the rising/falling line), whose points are complete periods
// (Reason "incomplete_period"), or "level" (the shift against the
// baseline) with fewer than MinResponses answers so far (Reason
// "too_few_responses"); Responses counts the period's answers so far.
// Of any period, Reason "survey_sources": the test the answers of every
// source pooled would have had is not made within the survey sources
// (SurveySources), the period's answers of the sources with a baseline of
// their own fewer than MinResponses (Responses counts them: 0 when the
// period's answers are all a new instrument's), or, Test "trend", the
// line through them too few periods since the last of them began.
// With Options.Phrases, Metric "phrases" and Test "emerging" (Reason
// "incomplete_period", Responses and MinResponses 0) say that the
// incomplete period's phrases were not mined: those listed are of the
// latest complete period (Result.PhrasesPeriodStart).
type MetricNotTested struct {
	PeriodStart  string `json:"period_start"`
	Metric       string `json:"metric"`
	Test         string `json:"test"`
	Reason       string `json:"reason"`
	Responses    int    `json:"responses"`
	MinResponses int    `json:"min_responses"`
}

// Reasons of a MetricNotTested.
const (
	ReasonIncompletePeriod = "incomplete_period"
	ReasonTooFewResponses  = "too_few_responses"
	ReasonSurveySources    = "survey_sources"
)

// SurveySourceLeftOut is a survey source whose answers an NPS or CSAT
// test (Test "level", the shift, or "trend", the rising/falling line) of
// the period starting PeriodStart did not compare, though it had answers
// in the periods the test read (SurveySources.LeftOut): Reason
// "no_baseline", its answers in the period judged have none of its own in
// the baseline to be compared with (a new instrument), "few_baseline",
// fewer than a test needs (metrics.MinTestResponses, or MinCount when
// more: a pilot's handful of answers is no level to expect its answers
// at, nor to start a line from), or "no_responses", it has none in the
// period judged (an instrument no longer answered).
type SurveySourceLeftOut struct {
	PeriodStart string `json:"period_start"`
	Metric      string `json:"metric"`
	Test        string `json:"test"`
	Source      string `json:"source"`
	Reason      string `json:"reason"`
	// Responses counts the source's answers in the period judged (absent
	// when none: no_responses).
	Responses int `json:"responses,omitempty"`
}

// Reasons of a SurveySourceLeftOut.
const (
	ReasonNoBaseline  = "no_baseline"
	ReasonFewBaseline = "few_baseline"
	ReasonNoResponses = "no_responses"
)

// Alert is one significant change.
type Alert struct {
	Kind        string  `json:"kind"` // spike, emerging, rising, falling or shift
	Dimension   string  `json:"dimension"`
	Group       string  `json:"group"`
	PeriodStart string  `json:"period_start"` // the period judged, YYYY-MM-DD
	Observed    float64 `json:"observed"`     // complaints in the period (shift: mean per period since the change; rising/falling: Sen trend line at the end)
	// Expected is the baseline's expectation on the same scale: what the
	// period would have held without the change (shift: the share before
	// the change; rising/falling of complaints: the share before the trend
	// window, at the period's volume; of NPS and CSAT: the score pooled
	// over the periods before the trend window, or the trend line's start
	// when they hold too few answers), so that Ratio (or, for NPS and
	// CSAT, the difference) reads the change.
	Expected float64 `json:"expected"`
	// Ratio is observed/expected; null for NPS and CSAT (a difference is
	// meaningful, a ratio not) and for a new group (NewGroup).
	Ratio *float64 `json:"ratio"`
	// NewGroup marks a shift or a rising/falling trend of a group that had
	// no complaint in the baseline before Since: its expected count is 0,
	// and a ratio to nothing no figure (the text output prints "new" for
	// it).
	NewGroup bool    `json:"new_group,omitempty"`
	PValue   float64 `json:"p_value"`
	QValue   float64 `json:"q_value"` // Benjamini-Hochberg across every test of the run judging PeriodStart (with Since, each period replayed is its own run)
	Method   string  `json:"method"`
	// Evidence is up to five complaint IDs of the group in the period
	// judged, earliest first; of a shift of complaints, whose observed and
	// expected are a period's since its start, of the group since that
	// start (a fall to none has none: empty, never missing).
	Evidence []string `json:"evidence"`
	// Since is the first period of a shifted level or of the trend window.
	Since string `json:"since,omitempty"`
	// Metric names the metric of a metric alert (nps, csat, median_resolution_hours).
	Metric string `json:"metric,omitempty"`
	// Continuing marks a shift of complaints that the run judging the
	// period before raised too, of the same group and in the same
	// direction (both rises or both falls): the same change, still there,
	// not news of this period. That run is the one a report of the period
	// before would have made, reading nothing after it (Detect replays it
	// when it did not judge it, as Since's runs, a family of its own). A
	// shift is tested once three periods have passed since its start, so
	// one that started longer ago could have been raised before; whether
	// it was is what that run says, not the start alone: the QA pass's
	// "shift topic other" since 2019-03-11 (before MinCount judged a fall
	// by the complaints before it) was first raised in the week of
	// 2019-04-01, a week after the first it could have been, then in each
	// of the three weeks after: new once, continuing three times.
	Continuing bool `json:"continuing,omitempty"`
	// TextCoverage, on an alert of a dimension read from complaint text
	// (topic, a pair with topic, language), says that the share of the
	// complaints classified from their narrative moved significantly
	// between the periods the alert reads as changed and those it
	// compares them with (see TextCoverage): the groups read from text
	// move with it, whatever customers complain of. Nil when it did not.
	TextCoverage *TextCoverage `json:"text_coverage,omitempty"`
	// SurveySources, on an NPS or CSAT alert whose periods read hold the
	// answers of more than one survey source, names the sources its test
	// compared and those it left out (see SurveySources). Nil when they
	// hold one source's.
	SurveySources *SurveySources `json:"survey_sources,omitempty"`
}

// SurveySources names the survey sources (surveys.source) an NPS or CSAT
// test compared: a change of instrument (another survey, another scale)
// loads as another source, and its scores are not the old one's, so a
// score is compared with the same sources' answers only. Both tests
// compare the sources that answered in the period judged and hold, in
// its baseline, as many answers of their own as a test needs: a level
// test (shift) expects the period's answers of each at that source's
// baseline score; a trend line goes through their answers, from when the
// last of them began. LeftOut are the sources with answers in the
// periods read (the baseline and the period judged) that the test did
// not compare: an old instrument no longer answered, a new one without a
// baseline yet, or with too few answers in it
// (Result.SurveySourcesLeftOut lists them, with why, for every test made,
// alert or not). The alert's Evidence is the compared sources' responses.
type SurveySources struct {
	Compared []string `json:"compared"`
	LeftOut  []string `json:"left_out,omitempty"`
}

// TextCoverage compares the share of complaints classified from their
// text (classifications.language is set: classify read a narrative; a
// complaint without one gets the topic of its product and issue) between
// the periods an alert reads as changed and those it compares them with,
// by the two-proportion z test with pooled variance (z squared is the
// chi-squared of the 2x2 table without continuity correction, R's
// prop.test(correct = FALSE)):
//
//	z = (p1 - p0) / sqrt(p (1 - p) (1/n1 + 1/n0)),   p = (x1 + x0) / (n1 + n0)
//
// two-sided, at Options.Q as a significance level (one test per alert, a
// caveat rather than an alert). Share is that of the periods read as
// changed: the period judged (a spike, an emerging group), those since
// the start (a shift) or the trend window (rising, falling);
// BaselineShare that of the periods compared with, from BaselineFrom to
// the first of those: the trendLen periods before the period judged (a
// spike, an emerging group), the window before the start (a shift) or
// before the trend window (rising, falling). Complaints not classified
// yet count in neither; the sources too new to judge are left out, as
// from the tests.
type TextCoverage struct {
	Share      float64 `json:"share"`
	Classified int64   `json:"classified"` // complaints classified in the periods read as changed
	// BaselineShare is the share of the complaints classified in the
	// baseline periods (BaselineClassified) that were classified from
	// their text.
	BaselineShare      float64 `json:"baseline_share"`
	BaselineClassified int64   `json:"baseline_classified"`
	BaselineFrom       string  `json:"baseline_from"` // first period of the baseline, YYYY-MM-DD
	PValue             float64 `json:"p_value"`
}

const dateLayout = "2006-01-02"

// Detect runs the trend detector on the warehouse.
func Detect(ctx context.Context, db Querier, opts Options) (Result, error) {
	period, err := ParsePeriod(string(opts.Period))
	if err != nil {
		return Result{}, err
	}
	cfg := config{period: period, prm: paramsOf(period), minCount: float64(opts.MinCount), minRatio: opts.MinRatio}
	if opts.MinCount <= 0 {
		cfg.minCount = DefaultMinCount
	}
	if cfg.minRatio <= 1 {
		cfg.minRatio = 1.5
	}
	q := opts.Q
	if q <= 0 {
		q = 0.05
	}
	by := opts.By
	if len(by) == 0 {
		by = []string{"all"}
	}
	var dims []dimension
	var names []string
	for _, b := range by {
		name := canonicalDimension(b)
		d, err := resolveDimension(name)
		if err != nil {
			return Result{}, err
		}
		if !slices.Contains(names, name) {
			dims, names = append(dims, d), append(names, name)
		}
	}

	var oldest, newest, newestMetric sql.NullTime
	if err := db.QueryRowContext(ctx, `SELECT min(received_at), max(received_at) FROM complaints`).Scan(&oldest, &newest); err != nil {
		return Result{}, fmt.Errorf("complaint dates: %w", err)
	}
	if opts.Metrics {
		if err := db.QueryRowContext(ctx, `SELECT greatest((SELECT max(responded_at) FROM surveys), (SELECT max(resolved_at) FROM complaints))`).Scan(&newestMetric); err != nil {
			return Result{}, fmt.Errorf("survey dates: %w", err)
		}
	}
	if !newest.Valid && !newestMetric.Valid {
		res := Result{Period: period, Alerts: []Alert{}}
		if !opts.AsOf.IsZero() {
			res.AsOf = Date(opts.AsOf.Add(-time.Nanosecond).Format(dateLayout))
		}
		return res, nil
	}
	asOf := opts.AsOf
	if asOf.IsZero() {
		latest := newest.Time
		if newestMetric.Valid && newestMetric.Time.After(latest) {
			latest = newestMetric.Time
		}
		// The end of the latest day, not just after the latest instant:
		// with dates alone (CFPB), the latest complaint is that day's
		// midnight, and a week ending on that day read as incomplete, so
		// the default judged the week before the one `--as-of` that
		// date judges, and the report's (an exploratory QA pass).
		latest = latest.UTC()
		asOf = time.Date(latest.Year(), latest.Month(), latest.Day()+1, 0, 0, 0, 0, time.UTC)
	}
	asOf = asOf.UTC()
	res := Result{Period: period, AsOf: Date(asOf.Add(-time.Nanosecond).Format(dateLayout)), Alerts: []Alert{}}

	// The periods to judge: the latest complete one, and with
	// IncludePartial the incomplete one holding asOf after it (it used to
	// replace the complete one: the QA pass's board pack lost November's
	// alerts for December's half month); with Since, every period from
	// the one holding it.
	last := period.Start(asOf.Add(-time.Nanosecond))
	lastFrac := float64(asOf.Sub(last)) / float64(period.Add(last, 1).Sub(last))
	partial := lastFrac < 1
	if partial && !opts.IncludePartial {
		last = period.Add(last, -1)
	}
	first := last
	switch {
	case !opts.Since.IsZero():
		first = period.Start(opts.Since.UTC())
	case partial && opts.IncludePartial:
		first = period.Add(last, -1)
	}
	if first.After(last) {
		if !opts.Since.IsZero() {
			// a replay from a date after the as-of date (or within the
			// period it has not completed) would judge nothing: an error,
			// not a silent "0 alerts"
			return Result{}, fmt.Errorf("trend: since %s: its %s starts after the latest complete %s, that of %s (as of %s)",
				opts.Since.Format(dateLayout), period, period, last.Format(dateLayout), res.AsOf)
		}
		return res, nil
	}
	// One period more than the first judged reads: the run judging the
	// period before it, which tells the shifts that continue
	// (Alert.Continuing), reads its whole window too.
	from := period.Add(first, -cfg.prm.window-1)

	allTested := slices.Contains(names, "all")
	firstPeriods, err := sourceFirstPeriods(ctx, db, period)
	if err != nil {
		return Result{}, err
	}
	var panels []*Panel
	var starts []time.Time // the complaint panels' periods (shared by all)
	index := map[time.Time]int{}
	if newest.Valid {
		for i := range dims {
			pn, err := loadPanel(ctx, db, names[i], dims[i], period, from, last, asOf, oldest.Time.UTC())
			if err != nil {
				return Result{}, err
			}
			panels = append(panels, pn)
		}
		starts = panels[0].Starts
		for T, s := range starts {
			index[s] = T
		}
	}
	end := period.Add(last, 1)
	if end.After(asOf) {
		end = asOf
	}
	// The topics of complaints classified by two models are two
	// vocabularies: where the periods a topic test compares hold both,
	// the test is left out (models.go), and the result says so.
	var tm *topicModels
	if newest.Valid && slices.ContainsFunc(names, readsTopic) {
		if tm, err = loadTopicModels(ctx, db, period, from, end); err != nil {
			return Result{}, err
		}
	}
	// The groups read from text move with the share of complaints that
	// have one (TextCoverage).
	var cov *coverage
	if newest.Valid && slices.ContainsFunc(names, readsText) {
		if cov, err = loadCoverage(ctx, db, period, from, end, starts); err != nil {
			return Result{}, err
		}
	}
	var md *metricData
	if opts.Metrics {
		if md, err = loadMetrics(ctx, db, period, from, last, asOf); err != nil {
			return Result{}, err
		}
	}
	// The partial period's counts are judged at the pace of the periods
	// of its volume baseline (the trendLen before it, those the panels
	// hold), read as far into each as it has run: each group's own, and
	// pooled over the groups for those with too few complaints.
	pc := &pace{period: period}
	if T, ok := index[last]; ok && partial && opts.IncludePartial {
		if pc, err = readPace(ctx, db, period, starts[max(0, T-cfg.prm.trendLen)], last, asOf.Sub(last)); err != nil {
			return Result{}, err
		}
		for i, pn := range panels {
			if !pn.TotalOnly {
				if err := pc.readGroups(ctx, db, names[i], dims[i]); err != nil {
					return Result{}, err
				}
			}
		}
	}
	rs := &runs{cfg: cfg, q: q, names: names, panels: panels, index: index, allTested: allTested,
		firstPeriods: firstPeriods, tm: tm, cov: cov, md: md, pace: pc}
	tested := map[string]bool{}
	var prev *periodRun // the run judging the period before s
	for s := first; !s.After(last); s = period.Add(s, 1) {
		frac := 1.0
		if s.Equal(last) && lastFrac < 1 && opts.IncludePartial {
			frac = lastFrac
		}
		cur := rs.judge(s, frac)
		if cur.topicsNotTested != nil {
			res.TopicsNotTested = append(res.TopicsNotTested, *cur.topicsNotTested)
		}
		for _, src := range cur.young {
			if !slices.ContainsFunc(res.NotJudged, func(nj NotJudged) bool { return nj.Source == src }) {
				f := firstPeriods[src]
				res.NotJudged = append(res.NotJudged, NotJudged{Source: src, FirstPeriod: f.Format(dateLayout),
					JudgedFrom: period.Add(f, cfg.prm.recent+1).Format(dateLayout)})
			}
		}
		res.MetricsNotTested = append(res.MetricsNotTested, cur.metricsNotTested...)
		res.SurveySourcesLeftOut = append(res.SurveySourcesLeftOut, cur.sourcesLeftOut...)
		res.Tests += cur.tests
		for m := range cur.metrics {
			tested[m] = true
		}
		if slices.ContainsFunc(cur.alerts, func(ts test) bool { return ts.kind == KindShift && ts.metric == "" }) {
			if prev == nil {
				// not judged in this call: replayed, as Since would
				p := rs.judge(period.Add(s, -1), 1)
				prev = &p
			}
			markContinuing(cur.alerts, prev.alerts)
		}
		prev = &cur
		end := period.Add(s, 1)
		if end.After(asOf) {
			end = asOf
		}
		out, err := withEvidence(ctx, db, cur.alerts, names, dims, s, end, starts, cur.young, md)
		if err != nil {
			return Result{}, err
		}
		res.Alerts = append(res.Alerts, out...)
	}
	if opts.Metrics {
		res.MetricsTested = []string{}
	}
	for _, m := range Metrics {
		if tested[m] {
			res.MetricsTested = append(res.MetricsTested, m)
		}
	}
	if newest.Valid {
		if res.Silent, err = silentSources(ctx, db, period, cfg.prm.recent, last, asOf); err != nil {
			return Result{}, err
		}
	}
	if opts.Phrases && newest.Valid {
		// The phrases are the latest complete period's, as without
		// IncludePartial (the QA pass found the partial week's, none,
		// listed in their place): a phrase's rise is judged against
		// whole periods, and the partial one's texts so far are too few
		// to stand beside them. Its table says the partial period was
		// not mined.
		s := last
		if partial && opts.IncludePartial {
			s = period.Add(last, -1)
			res.MetricsNotTested = append(res.MetricsNotTested, MetricNotTested{PeriodStart: last.Format(dateLayout),
				Metric: "phrases", Test: "emerging", Reason: ReasonIncompletePeriod})
		}
		res.PhrasesPeriodStart = Date(s.Format(dateLayout))
		young := youngSources(firstPeriods, period, cfg.prm.recent, s)
		if res.Phrases, res.PhrasesWithheld, err = phrasesAt(ctx, db, cfg, q, s, asOf, young, opts.Corpus); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

// runs holds what every run of one Detect call reads: the panels, the
// topic models, the text coverage and the metrics of all the periods
// judged and of the period before the first.
type runs struct {
	cfg          config
	q            float64
	names        []string
	panels       []*Panel
	index        map[time.Time]int // period start -> position in the panels
	allTested    bool
	firstPeriods map[string]time.Time
	tm           *topicModels
	cov          *coverage
	md           *metricData
	pace         *pace // of the partial period judged, if any
}

// periodRun is the run judging one period: its alerts (the tests decided),
// how many tests it made, which metrics they tested, and what it left out.
type periodRun struct {
	alerts           []test
	tests            int
	metrics          map[string]bool
	young            []string
	topicsNotTested  *TopicsNotTested
	metricsNotTested []MetricNotTested
	sourcesLeftOut   []SurveySourceLeftOut // of the NPS and CSAT tests made
}

// judge is the run judging the period starting s, frac of it elapsed,
// reading nothing after it: every test of every panel and metric, then
// Benjamini-Hochberg over them (decide), then the text coverage caveat of
// the alerts read from text. A partial period's counts are judged at the
// share of a period's complaints its baseline received by then (pace:
// each group's own, or pooled), which its spikes' method says.
func (rs *runs) judge(s time.Time, frac float64) periodRun {
	cfg := rs.cfg
	var pr periodRun
	var tests []test
	pr.young = youngSources(rs.firstPeriods, cfg.period, cfg.prm.recent, s)
	T, ok := rs.index[s]
	if ok {
		// the periods the tests at T read: the window up to T
		models := rs.tm.mixed(cfg.period.Add(s, -cfg.prm.window), s)
		if models != nil {
			nt := &TopicsNotTested{PeriodStart: s.Format(dateLayout), Models: models}
			for _, name := range rs.names {
				if readsTopic(name) {
					nt.Dimensions = append(nt.Dimensions, name)
				}
			}
			pr.topicsNotTested = nt
		}
		for _, pn := range rs.panels {
			if models != nil && readsTopic(pn.Dimension) {
				continue
			}
			if len(pr.young) > 0 {
				pn = pn.without(pr.young)
			}
			var paces []float64
			if frac < 1 {
				paces = make([]float64, len(pn.Groups))
				for g, name := range pn.Groups {
					paces[g], _ = rs.pace.groupShare(pn.Dimension, name, frac, pr.young)
				}
			}
			tests = cfg.testsAt(pn, T, paces, rs.allTested, tests)
		}
		for i := range tests { // the panels' tests: the metrics' come after
			if frac < 1 && tests[i].kind == KindSpike {
				_, note := rs.pace.groupShare(tests[i].dim, tests[i].group, frac, pr.young)
				tests[i].method += note
			}
		}
	}
	if rs.md != nil {
		// a partial period's NPS and CSAT get their level tests (the
		// answers so far against the baseline, sound at any n their
		// minimum allows) but no trend line: what is left out is said
		Tm := rs.md.index(s)
		first := len(tests)
		tests, pr.metricsNotTested = cfg.metricTestsAt(rs.md, Tm, frac < 1, tests)
		pr.sourcesLeftOut = cfg.sourcesLeftOut(rs.md, tests[first:], pr.metricsNotTested, Tm)
		if frac < 1 {
			pr.metricsNotTested = append(pr.metricsNotTested, cfg.partialNotTested(rs.md, Tm)...)
			// nps before csat, level before trend
			slices.SortStableFunc(pr.metricsNotTested, func(a, b MetricNotTested) int {
				return cmp.Or(cmp.Compare(slices.Index(Metrics, a.Metric), slices.Index(Metrics, b.Metric)), cmp.Compare(a.Test, b.Test))
			})
		}
	}
	pr.tests = len(tests)
	for _, ts := range tests {
		if ts.metric != "" {
			if pr.metrics == nil {
				pr.metrics = map[string]bool{}
			}
			pr.metrics[ts.metric] = true
		}
	}
	pr.alerts = decide(tests, rs.q)
	if ok && rs.cov != nil {
		rs.cov.caveats(cfg, pr.alerts, pr.young, rs.q)
	}
	return pr
}

// markContinuing marks the shifts of complaints among alerts that prev,
// the alerts of the run judging the period before, holds too: the same
// dimension and group, in the same direction (Alert.Continuing). The
// start need not be the same period: the changepoint estimated with one
// period more may move, the change being the same.
func markContinuing(alerts, prev []test) {
	for i, ts := range alerts {
		if ts.kind != KindShift || ts.metric != "" {
			continue
		}
		alerts[i].continuing = slices.ContainsFunc(prev, func(p test) bool {
			return p.kind == KindShift && p.metric == "" && p.dim == ts.dim && p.group == ts.group && p.rises() == ts.rises()
		})
	}
}

//go:embed docs.sql
var docsSQL string

// phrasesAt mines the emerging phrases of the period starting at s, from
// the corpus supplied (see Options.Corpus, which leaves out the texts of
// the sources too new to judge as YoungSources names them) or else read,
// leaving out the period's texts of the young sources: a source added
// brings words the baseline never saw. The texts are redacted ones only;
// when the corpus left out narratives not yet redacted, no phrase is
// mined and withheld says how many (the texts left would compare part of
// the periods only: the export not yet classified is mostly the newest).
func phrasesAt(ctx context.Context, db Querier, cfg config, q float64, s, asOf time.Time, young []string, supplied func(from, current, end time.Time) (*Corpus, bool)) (_ []Phrase, withheld *PhrasesWithheld, _ error) {
	from, end := cfg.period.Add(s, -cfg.prm.trendLen), cfg.period.Add(s, 1)
	if end.After(asOf) {
		end = asOf
	}
	var c *Corpus
	ok := false
	if supplied != nil {
		c, ok = supplied(from, s, end)
	}
	if !ok {
		var err error
		if c, err = readCorpus(ctx, db, from, s, end, young); err != nil {
			return nil, nil, err
		}
	}
	if n := c.Unredacted(); n > 0 {
		return nil, &PhrasesWithheld{Unredacted: n, From: Date(from.Format(dateLayout)),
			To: Date(end.Add(-time.Nanosecond).Format(dateLayout))}, nil
	}
	ps, err := c.Emerging(q, cfg.minCount, cfg.minRatio)
	if err != nil {
		return nil, nil, err
	}
	for i := range ps {
		ps[i].PeriodStart = s.Format(dateLayout)
	}
	return ps, nil, nil
}

// ReadCorpus reads the complaint texts received in [from, end) into a
// Corpus, earliest first (docs.sql), those from current on being the period
// judged: the redacted narratives only, the narratives classify has not
// redacted yet left out and counted (Corpus.Unredacted). One query: per period, each would scan every classification's
// text again (13 times over; 10x slower on 3M complaints). duckdb-go holds
// the result until it is read; the Corpus keeps only the current texts.
func ReadCorpus(ctx context.Context, db Querier, from, current, end time.Time) (*Corpus, error) {
	return readCorpus(ctx, db, from, current, end, nil)
}

// readCorpus is ReadCorpus without the texts of the period judged of the
// sources named by skip.
func readCorpus(ctx context.Context, db Querier, from, current, end time.Time, skip []string) (*Corpus, error) {
	c := NewCorpus()
	if err := readDocs(ctx, db, c, from, end, current, skip); err != nil {
		return nil, err
	}
	return c, nil
}

// readDocs adds the texts received in [from, end) to c, but those of the
// period judged of the sources named by skip.
func readDocs(ctx context.Context, db Querier, c *Corpus, from, end, current time.Time, skip []string) error {
	rows, err := db.QueryContext(ctx, docsSQL, from, end)
	if err != nil {
		return fmt.Errorf("complaint texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d Doc
		var at time.Time
		var txt sql.NullString
		if err := rows.Scan(&d.ID, &d.Source, &at, &txt); err != nil {
			return fmt.Errorf("complaint texts: %w", err)
		}
		d.Current = !at.Before(current)
		if d.Current && slices.Contains(skip, d.Source) {
			continue
		}
		if !txt.Valid {
			// a narrative not yet redacted: left out, counted
			c.AddUnredacted(1)
			continue
		}
		d.Text = txt.String
		c.Add(d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("complaint texts: %w", err)
	}
	return nil
}

//go:embed silent.sql
var silentSQL string

// silentSources returns the sources silent in the period starting last:
// with at least one complaint a period on average in the recent periods
// before it (a regular sender, not one of a complaint a quarter), and none
// from its start to asOf. A source silent longer than the recent periods
// is no longer listed: it stopped long ago.
func silentSources(ctx context.Context, db Querier, period Period, recent int, last, asOf time.Time) ([]Silent, error) {
	rows, err := db.QueryContext(ctx, silentSQL, last, period.Add(last, -recent), asOf, recent)
	if err != nil {
		return nil, fmt.Errorf("silent sources: %w", err)
	}
	defer rows.Close()
	var out []Silent
	for rows.Next() {
		var s Silent
		var t time.Time
		if err := rows.Scan(&s.Source, &t, &s.Recent); err != nil {
			return nil, fmt.Errorf("silent sources: %w", err)
		}
		s.LastComplaint = t.UTC().Format(dateLayout)
		out = append(out, s)
	}
	return out, rows.Err()
}

// sourceFirstPeriods returns the period of each source's first complaint.
func sourceFirstPeriods(ctx context.Context, db Querier, period Period) (map[string]time.Time, error) {
	rows, err := db.QueryContext(ctx, `SELECT source, min(received_at) FROM complaints GROUP BY source`)
	if err != nil {
		return nil, fmt.Errorf("first complaint of each source: %w", err)
	}
	defer rows.Close()
	first := map[string]time.Time{}
	for rows.Next() {
		var src string
		var t time.Time
		if err := rows.Scan(&src, &t); err != nil {
			return nil, fmt.Errorf("first complaint of each source: %w", err)
		}
		first[src] = period.Start(t.UTC())
	}
	return first, rows.Err()
}

// YoungSources returns the sources too new for the tests of the period
// starting s (see youngSources), as Detect leaves them out.
func YoungSources(ctx context.Context, db Querier, period Period, s time.Time) ([]string, error) {
	first, err := sourceFirstPeriods(ctx, db, period)
	if err != nil {
		return nil, err
	}
	return youngSources(first, period, paramsOf(period).recent, s), nil
}

// youngSources returns, sorted, the sources too young for the tests of the
// period starting s: their first complaint came within the recent periods
// up to s (the reach of a shift), after the warehouse's first period. A
// source added to the warehouse is new volume, not a change in complaints:
// judged at once it reads as a spike of all complaints, and of every group
// it fills, and until its start is further back than a shift can be, as a
// shift. Complaints of the warehouse's first sources have no earlier
// history to be judged against anyway.
func youngSources(first map[string]time.Time, period Period, recent int, s time.Time) []string {
	var oldest time.Time
	for _, f := range first {
		if oldest.IsZero() || f.Before(oldest) {
			oldest = f
		}
	}
	var young []string
	for src, f := range first {
		if f.After(oldest) && !f.After(s) && !f.Before(period.Add(s, -recent)) {
			young = append(young, src)
		}
	}
	sort.Strings(young)
	return young
}

// loadPanel reads the counts of one dimension for periods from..last
// (starts), complaints received before asOf. oldest is the first
// received_at of the warehouse: periods before it are not history, and the
// period holding it is left out too unless it starts exactly then, since
// exports rarely begin on a period boundary (a partial first day or week
// would pass for a fall).
func loadPanel(ctx context.Context, db Querier, name string, d dimension, period Period, from, last, asOf, oldest time.Time) (*Panel, error) {
	var starts []time.Time
	index := map[time.Time]int{}
	for s := from; !s.After(last); s = period.Add(s, 1) {
		index[s] = len(starts)
		starts = append(starts, s)
	}
	end := period.Add(last, 1)
	if end.After(asOf) {
		end = asOf
	}
	rows, err := db.QueryContext(ctx, d.sql(seriesSQL, 0), string(period), from, end)
	if err != nil {
		return nil, fmt.Errorf("series of %s: %w", name, err)
	}
	defer rows.Close()
	pn := &Panel{Dimension: name, Starts: starts, Totals: make([]float64, len(starts)), TotalOnly: name == "all"}
	byGroup := map[string][]float64{}
	bySource := map[string]map[string][]float64{} // source -> group -> counts
	firstData := len(starts)
	for rows.Next() {
		var s time.Time
		var g, src string
		var n int64
		if err := rows.Scan(&s, &g, &src, &n); err != nil {
			return nil, fmt.Errorf("series of %s: %w", name, err)
		}
		t, ok := index[s.UTC()]
		if !ok {
			return nil, fmt.Errorf("series of %s: period %v outside %v..%v", name, s, from, last)
		}
		c := byGroup[g]
		if c == nil {
			c = make([]float64, len(starts))
			byGroup[g] = c
		}
		c[t] += float64(n)
		pn.Totals[t] += float64(n)
		firstData = min(firstData, t)
		sg := bySource[src]
		if sg == nil {
			sg = map[string][]float64{}
			bySource[src] = sg
		}
		if sg[g] == nil {
			sg[g] = make([]float64, len(starts))
		}
		sg[g][t] += float64(n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("series of %s: %w", name, err)
	}
	for g := range byGroup {
		pn.Groups = append(pn.Groups, g)
	}
	sort.Strings(pn.Groups)
	for _, g := range pn.Groups {
		pn.Counts = append(pn.Counts, byGroup[g])
	}
	pn.bySource = make(map[string][][]float64, len(bySource))
	for src, sg := range bySource {
		counts := make([][]float64, len(pn.Groups))
		for i, g := range pn.Groups {
			counts[i] = sg[g] // nil: none of the source's complaints in g
		}
		pn.bySource[src] = counts
	}
	// Every panel of a run is trimmed alike: each complaint falls in one
	// group of every dimension, so all panels share their totals.
	if firstData == len(starts) {
		firstData = len(starts) - 1
	}
	if os := period.Start(oldest); firstData < len(starts)-1 && starts[firstData].Equal(os) && oldest.After(os) {
		firstData++
	}
	trimPanel(pn, firstData)
	return pn, nil
}

// trimPanel drops the first k periods.
func trimPanel(pn *Panel, k int) {
	if k <= 0 {
		return
	}
	pn.Starts = pn.Starts[k:]
	pn.Totals = pn.Totals[k:]
	for _, counts := range pn.bySource {
		for g := range counts {
			if counts[g] != nil {
				counts[g] = counts[g][k:]
			}
		}
	}
	for g := range pn.Counts {
		pn.Counts[g] = pn.Counts[g][k:]
	}
}

// withEvidence turns the decided tests of the run judging the period
// starting at s into alerts with up to five complaint IDs each: of the
// group in the period judged, or, for a shift of complaints, since its
// start (its observed and expected are a period's since then, and a fall
// to few has few or none in the period judged; the QA pass's falling
// shifts cited none).
func withEvidence(ctx context.Context, db Querier, tests []test, names []string, dims []dimension, s, end time.Time, starts []time.Time, young []string, md *metricData) ([]Alert, error) {
	// the complaints are read from a period on, one query per dimension
	// and first period
	type span struct {
		dim  string
		from time.Time
	}
	evidenceFrom := func(ts test) time.Time {
		if ts.kind == KindShift && ts.from >= 0 && ts.from < len(starts) {
			return starts[ts.from]
		}
		return s
	}
	var spans []span
	groups := map[span][]string{}
	// a metric alert's IDs are of the survey sources its test compared
	type metricKey struct{ metric, compared string }
	keyOf := func(ts test) metricKey {
		if ts.sources == nil {
			return metricKey{metric: ts.metric}
		}
		return metricKey{ts.metric, strings.Join(ts.sources.Compared, "\x00")}
	}
	metricIDs := map[metricKey][]string{}
	for _, ts := range tests {
		if ts.metric != "" {
			if _, done := metricIDs[keyOf(ts)]; !done {
				ids, err := metricEvidence(ctx, db, ts.metric, ts.sources, s, end)
				if err != nil {
					return nil, err
				}
				metricIDs[keyOf(ts)] = ids
			}
			continue
		}
		sp := span{ts.dim, evidenceFrom(ts)}
		if _, seen := groups[sp]; !seen {
			spans = append(spans, sp)
		}
		if !slices.Contains(groups[sp], ts.group) {
			groups[sp] = append(groups[sp], ts.group)
		}
	}
	type key struct {
		dim, group string
		from       time.Time
	}
	ids := map[key][]string{}
	for _, sp := range spans {
		i := slices.Index(names, sp.dim)
		args := []any{sp.from, end}
		exclude := ""
		if len(young) > 0 {
			exclude = "AND c.source NOT IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(young)), ", ") + ")"
			for _, src := range young {
				args = append(args, src)
			}
		}
		for _, g := range groups[sp] {
			args = append(args, g)
		}
		q := strings.Replace(dims[i].sql(evidenceSQL, len(groups[sp])), "{{EXCLUDE}}", exclude, 1)
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("evidence for %s: %w", sp.dim, err)
		}
		for rows.Next() {
			var g, id string
			if err := rows.Scan(&g, &id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("evidence for %s: %w", sp.dim, err)
			}
			k := key{sp.dim, g, sp.from}
			ids[k] = append(ids[k], id)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("evidence for %s: %w", sp.dim, err)
		}
	}
	out := make([]Alert, 0, len(tests))
	for _, ts := range tests {
		a := Alert{
			Kind:        ts.kind,
			Dimension:   ts.dim,
			Group:       ts.group,
			PeriodStart: s.Format(dateLayout),
			Observed:    round(ts.observed, 3),
			Expected:    round(ts.expected, 3),

			PValue:       ts.p,
			QValue:       ts.q,
			Method:       ts.method,
			Evidence:     ids[key{ts.dim, ts.group, evidenceFrom(ts)}],
			NewGroup:     ts.newGroup,
			Continuing:   ts.continuing,
			TextCoverage: ts.coverage,

			SurveySources: ts.sources,
		}
		if !ts.noRatio && ts.expected > 0 {
			r := round(ts.ratio(), 3)
			a.Ratio = &r
		}
		if ts.metric != "" {
			a.Metric = ts.metric
			a.Evidence = metricIDs[keyOf(ts)]
			if ts.from >= 0 && ts.from < len(md.starts) {
				a.Since = md.starts[ts.from].Format(dateLayout)
			}
		} else if ts.from >= 0 && ts.from < len(starts) {
			a.Since = starts[ts.from].Format(dateLayout)
		}
		if a.Evidence == nil {
			a.Evidence = []string{}
		}
		out = append(out, a)
	}
	return out, nil
}

func round(x float64, digits int) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return 0
	}
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
