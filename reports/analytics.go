package reports

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

// Analytics are the results of the metrics and trend stages that the
// reports show. Write computes them itself unless Options.Analytics is set:
// a pipeline that has just computed them (complaints run) passes them in
// rather than paying for them twice. See Analyze.
type Analytics struct {
	Metrics       []metrics.Row           // metrics.Compute: the report's Period and AsOf, targets, no By; at least the periods the pages show
	Churn         []metrics.ChurnCustomer // metrics.Churn as of the report date, the riskiest churnLimit
	ChurnTotal    int64                   // customers with any churn signal (metrics.Churn's total)
	SignalQuality []metrics.SignalQuality
	Alerts        []trend.Alert     // trend.Detect: Period, By AlertDimensions, AsOf the day after the report date, Metrics
	Phrases       []trend.Phrase    // trend.Detect's emerging phrases (Options.Phrases) of the same run
	NotJudged     []trend.NotJudged // trend.Detect's sources too new to judge, of the same run
	Silent        []trend.Silent    // trend.Detect's sources silent in the period judged, of the same run
	// TopicsNotTested are trend.Detect's periods whose topic tests were not
	// made (their complaints classified by models of two vocabularies), of
	// the same run
	TopicsNotTested []trend.TopicsNotTested
	Tests           int // trend.Detect's number of tests of the same run (none: nothing could be judged)
	// MetricsTested are trend.Detect's metrics tested in the same run
	// (trend.Result.MetricsTested); those of the metric alerts count as
	// tested too
	MetricsTested []string
	// MetricsNotTested are trend.Detect's NPS and CSAT tests not made, and
	// why, of the same run (trend.Result.MetricsNotTested: those the survey
	// sources kept from being made)
	MetricsNotTested []trend.MetricNotTested
	// SurveySourcesLeftOut are the survey sources trend.Detect's NPS and
	// CSAT tests left out, and why, of the same run
	// (trend.Result.SurveySourcesLeftOut)
	SurveySourcesLeftOut []trend.SurveySourceLeftOut
	Drivers              []metrics.Driver  // metrics.Drivers as of the report date
	Recovery             *metrics.Recovery // metrics.ServiceRecovery as of the report date
}

// Analyze computes the Analytics for opts as Write would.
func Analyze(ctx context.Context, db Conner, opts Options) (*Analytics, error) {
	if opts.OutDir == "" {
		opts.OutDir = "."
	}
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("reports: connect: %w", err)
	}
	defer conn.Close()
	r := &run{opt: opts, conn: conn}
	if err := r.resolveAsOf(ctx); err != nil {
		return nil, err
	}
	a := r.analyze(ctx)
	for _, err := range []error{a.overallErr, a.churnErr, a.alertsErr, a.driversErr, a.recoveryErr} {
		if err != nil {
			return nil, fmt.Errorf("reports: %w", err)
		}
	}
	return &Analytics{Metrics: a.overall, Churn: a.churn, ChurnTotal: a.churnTotal, SignalQuality: a.quality, Alerts: a.alerts,
		Phrases: a.phrases, NotJudged: a.notJudged, Silent: a.silent, TopicsNotTested: a.topicsNotTested, Tests: a.tests, MetricsTested: a.metricsTested,
		MetricsNotTested: a.metricsNotTested, SurveySourcesLeftOut: a.sourcesLeftOut, Drivers: a.drivers, Recovery: a.recovery}, nil
}

// churnLimit is how many of the customers at risk the executive page's
// list (ids/executive-churn.csv) holds, riskiest first; its figure counts
// them all.
const churnLimit = 1000

// analytics holds what the metrics and trend stages compute for the
// reports, each with the error that kept it from being computed (shown in
// place of the section, never replaced by made-up numbers).
type analytics struct {
	overall    []metrics.Row // dimension "all", one row per period
	overallErr error

	alerts    []trend.Alert
	phrases   []trend.Phrase
	notJudged []trend.NotJudged
	silent    []trend.Silent
	// the periods judged whose topic tests were not made
	topicsNotTested []trend.TopicsNotTested
	tests           int      // made by the detector (trend.Result.Tests)
	metricsTested   []string // trend.Result.MetricsTested
	// the NPS and CSAT tests not made (trend.Result.MetricsNotTested), and
	// the survey sources those made left out (trend.Result.SurveySourcesLeftOut)
	metricsNotTested []trend.MetricNotTested
	sourcesLeftOut   []trend.SurveySourceLeftOut
	alertsErr        error

	churn      []metrics.ChurnCustomer
	churnTotal int64 // customers with any signal; churn lists the riskiest churnLimit
	quality    []metrics.SignalQuality
	churnErr   error

	drivers     []metrics.Driver
	driversErr  error
	recovery    *metrics.Recovery
	recoveryErr error
}

// AlertDimensions are the groupings the weekly report asks the trend
// detector about.
var AlertDimensions = []string{"all", "topic", "product"}

// analyze runs metrics.Compute, metrics.Churn and trend.Detect once for
// all pages, on the reports' connection.
func (r *run) analyze(ctx context.Context) *analytics {
	if r.anDone != nil {
		t0 := time.Now()
		<-r.anDone // computed in the background (see startTrends)
		r.an, r.anDone = r.bg, nil
		r.opt.Log.Debug("report step", "step", "waited for the analytics", "seconds", since(t0))
	}
	if r.an != nil {
		return r.an
	}
	if g := r.opt.Analytics; g != nil {
		r.an = &analytics{overall: g.Metrics, churn: g.Churn, churnTotal: g.ChurnTotal, quality: g.SignalQuality, alerts: slices.Clone(g.Alerts),
			phrases: g.Phrases, notJudged: g.NotJudged, silent: g.Silent, topicsNotTested: g.TopicsNotTested, tests: g.Tests, metricsTested: g.MetricsTested,
			metricsNotTested: g.MetricsNotTested, sourcesLeftOut: g.SurveySourcesLeftOut, drivers: g.Drivers, recovery: g.Recovery}
		if g.Recovery == nil {
			r.an.recoveryErr = fmt.Errorf("not supplied")
		}
		sortAlerts(r.an.alerts)
		return r.an
	}
	r.an = computeAnalytics(ctx, r.conn, r.opt, r.asOf, r.cutoff, r.window(shownPeriods)[0])
	return r.an
}

// startMetrics computes the metrics in the background, on a connection of
// its own, unless the analytics were passed in; startTrends starts the
// trend stage beside it. They are two steps so that the metrics may start
// before the phrase texts are read (see Write).
func (r *run) startMetrics(ctx context.Context, db Conner) error {
	if r.opt.Analytics != nil || r.metricsDone != nil {
		return nil
	}
	mconn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("reports: connect: %w", err)
	}
	r.bg = &analytics{}
	r.metricsDone = make(chan struct{})
	go func() {
		defer close(r.metricsDone)
		defer mconn.Close()
		t0 := time.Now()
		computeMetrics(ctx, mconn, r.opt, r.asOf, r.window(shownPeriods)[0], r.bg)
		r.opt.Log.Debug("report step", "step", "metrics", "seconds", since(t0))
	}()
	return nil
}

// startTrends computes the trend stage while the pages' own queries run,
// on a connection of its own (much of its work is in Go), starting the
// metrics too if startMetrics has not; the analytics are ready when both
// are done (analyze). The two write different fields of r.bg.
func (r *run) startTrends(ctx context.Context, db Conner) error {
	if r.opt.Analytics != nil {
		return nil
	}
	if err := r.startMetrics(ctx, db); err != nil {
		return err
	}
	tconn, err := db.Conn(ctx)
	if err != nil {
		<-r.metricsDone // not left running on a connection the caller closes
		return fmt.Errorf("reports: connect: %w", err)
	}
	r.anDone = make(chan struct{})
	go func() {
		defer close(r.anDone)
		t0 := time.Now()
		computeTrends(ctx, tconn, r.opt, r.cutoff, r.texts.supply, r.bg)
		tconn.Close()
		r.opt.Log.Debug("report step", "step", "trends", "seconds", since(t0))
		<-r.metricsDone
	}()
	return nil
}

// querier is what the metrics and trend stages read through.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// computeAnalytics runs the metrics and trend stages for the reports.
func computeAnalytics(ctx context.Context, q querier, opt Options, asOf, cutoff, since time.Time) *analytics {
	a := &analytics{}
	computeMetrics(ctx, q, opt, asOf, since, a)
	computeTrends(ctx, q, opt, cutoff, nil, a)
	return a
}

// computeMetrics fills a's metrics (for the periods from first on: the
// pages show no earlier ones), churn, drivers and service recovery.
func computeMetrics(ctx context.Context, q querier, opt Options, asOf, first time.Time, a *analytics) {
	target := time.Duration(opt.ResolutionTargetDays * float64(24*time.Hour))
	t0 := time.Now()
	step := func(name string) {
		opt.Log.Debug("report step", "step", "metrics: "+name, "seconds", since(t0))
		t0 = time.Now()
	}
	a.overall, a.overallErr = metrics.Compute(ctx, q, metrics.Options{
		Period: opt.Period, AsOf: asOf, AckTargetDays: opt.AckTargetDays, ResolutionTarget: target, Holidays: opt.Holidays, Since: first,
		BusinessHours: opt.BusinessHours,
	})
	step("by period")
	mopts := metrics.Options{AsOf: asOf, AckTargetDays: opt.AckTargetDays, ResolutionTarget: target, Holidays: opt.Holidays,
		BusinessHours: opt.BusinessHours}
	a.churn, a.churnTotal, a.quality, a.churnErr = metrics.Churn(ctx, q, metrics.ChurnOptions{Options: mopts, Limit: churnLimit})
	step("churn")
	a.drivers, a.driversErr = metrics.Drivers(ctx, q, metrics.DriverOptions{Options: mopts})
	step("drivers")
	rec, err := metrics.ServiceRecovery(ctx, q, mopts)
	if err == nil {
		a.recovery = &rec
	}
	a.recoveryErr = err
	step("service recovery")
}

// computeTrends fills a's trend alerts and emerging phrases; corpus, if
// not nil, may supply the phrases' texts (trend.Options.Corpus).
func computeTrends(ctx context.Context, q querier, opt Options, cutoff time.Time, corpus func(from, current, end time.Time) (*trend.Corpus, bool), a *analytics) {
	res, err := trend.Detect(ctx, q, trend.Options{
		Period: trend.Period(opt.Period), By: AlertDimensions, AsOf: cutoff, Metrics: true, Phrases: true, Corpus: corpus,
	})
	a.alerts, a.phrases, a.notJudged, a.silent, a.tests, a.alertsErr = res.Alerts, res.Phrases, res.NotJudged, res.Silent, res.Tests, err
	a.topicsNotTested, a.metricsTested = res.TopicsNotTested, res.MetricsTested
	a.metricsNotTested, a.sourcesLeftOut = res.MetricsNotTested, res.SurveySourcesLeftOut
	sortAlerts(a.alerts)
}

// sortAlerts puts the most significant first; the rest of the key makes
// the order total.
func sortAlerts(as []trend.Alert) {
	key := func(a trend.Alert) string {
		return a.Kind + "\x00" + a.Dimension + "\x00" + a.Group + "\x00" + a.PeriodStart + "\x00" + a.Metric
	}
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].QValue != as[j].QValue {
			return as[i].QValue < as[j].QValue
		}
		return key(as[i]) < key(as[j])
	})
}

func notAvailable(what string, err error) string {
	return fmt.Sprintf("Not available: %s could not be computed (%v).", what, err)
}

// fmtNum formats a figure with the given decimals, "n/a" when unknown.
func fmtNum(v *float64, decimals int) string {
	if v == nil {
		return "n/a"
	}
	return strconv.FormatFloat(*v, 'f', decimals, 64)
}

func fmtPct(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return strconv.FormatFloat(100**v, 'f', 1, 64) + "%"
}

func scaled(v *float64, k float64) *float64 {
	if v == nil {
		return nil
	}
	return fptr(*v * k)
}

// alertSection is the weekly report's table of trend alerts, each with its
// evidence IDs and, for the groupings the reports hold, a CSV of every
// complaint of the group in the period judged (of a shift, since its
// start), and what its observed and expected figures are (alertFigures).
func (r *run) alertSection(ctx context.Context, a *analytics) (section, error) {
	sec := section{ID: "alerts", Title: "Trend alerts"}
	if a.alertsErr != nil {
		sec.Unavailable = notAvailable("trend alerts", a.alertsErr)
		return sec, nil
	}
	tested := "all complaints, each topic and each product"
	if len(a.topicsNotTested) > 0 {
		tested = "all complaints and each product (the topics were not tested: see the note below)"
	}
	metricsDone, metricsNot := metricsTested(a)
	with := ""
	if len(metricsDone) > 0 {
		with = ", with " + andList(metricsDone)
	}
	sec.Paragraphs = []string{fmt.Sprintf(
		"Changes the trend detector judged beyond noise in the latest complete %s, for %s%s: q is the Benjamini-Hochberg false discovery rate across every test of the run.",
		r.opt.Period, tested, with)}
	// a score whose level test the survey sources kept from being made
	// had answers enough: said apart (surveySourcesNotes says why)
	tooFew, kept := slices.Clone(metricsNot), []string(nil)
	for _, nt := range a.metricsNotTested {
		if name := metricName(nt.Metric); nt.Reason == trend.ReasonSurveySources && nt.Test == "level" && slices.Contains(tooFew, name) {
			tooFew = slices.DeleteFunc(tooFew, func(n string) bool { return n == name })
			kept = append(kept, name)
		}
	}
	if len(tooFew) > 0 {
		// not said, the scores read as tested and unchanged (a QA pass:
		// no survey loaded, "with CSAT, NPS and resolution time")
		sec.Paragraphs[0] += fmt.Sprintf(" %s could not be tested: too few survey answers or resolution times in the %s or the %ss before it (a score's test needs %d answers in each, the median resolution time's %d complaints resolved).",
			andList(tooFew), r.opt.Period, r.opt.Period, metrics.MinTestResponses, trend.DefaultMinCount)
	}
	if len(kept) > 0 {
		sec.Paragraphs[0] += fmt.Sprintf(" %s could not be tested within survey sources: see the notes below.", andList(kept))
	}
	t := table{
		Columns: []string{"kind", "dimension", "group", "period", "observed", "expected", "ratio", "figures", "p", "q", "method", "evidence"},
		num:     []bool{false, false, false, false, true, true, true, false, true, true, false, false},
	}
	// The alerts judge few periods: copy those periods' complaints once, so
	// each alert's list is cut from a small table; a shift's list holds
	// the periods since its start.
	var starts []any
	seen := map[string]bool{}
	for _, al := range a.alerts {
		from, to, ok := alertPeriods(al)
		for p := from; ok && !p.After(to); p = r.addPeriods(p, 1) {
			if d := p.Format("2006-01-02"); !seen[d] {
				seen[d] = true
				starts = append(starts, p)
			}
		}
	}
	if len(starts) > 0 {
		if _, err := r.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE rpt_alerted AS
			SELECT source, complaint_id, received_at, period, topic, product FROM rpt_complaints
			WHERE list_contains($1::DATE[], period)`, dateList(starts)); err != nil {
			return sec, fmt.Errorf("alert periods: %w", err)
		}
	}
	shifts, continuing := 0, 0
	for i, al := range a.alerts {
		ratio := "n/a"
		switch {
		case al.Ratio != nil:
			ratio = fmt.Sprintf("%.2f", *al.Ratio)
		case al.NewGroup:
			ratio = "new" // from none: no ratio, as `complaints trends` prints it
		}
		group := al.Group
		if al.Dimension == "topic" {
			group = r.topicText(group)
		}
		if al.Metric != "" {
			group += " (" + al.Metric + ")"
		}
		if countShift(al) {
			shifts++
			if al.Continuing {
				continuing++
			}
		}
		// where the complaints listed are from: a shift's since its start
		inWeek := "in the " + r.opt.Period
		if countShift(al) && al.Since != "" {
			inWeek = "since " + al.Since
		}
		ev := cell{Text: strings.Join(al.Evidence, ", ")}
		if where, args, ok := alertWhere(al); ok {
			// the complaints the detector counted: not those of a source
			// too new to judge
			for _, nj := range a.notJudged {
				args = append(args, nj.Source)
				where += fmt.Sprintf(" AND source <> $%d", len(args))
			}
			h, n, err := r.idListFrom(ctx, "rpt_alerted", fmt.Sprintf("weekly-alert-%02d", i+1), nil, where, args...)
			if err != nil {
				return sec, err
			}
			if n > 0 {
				all := "all " + thousands(n)
				if countShift(al) && al.Since != "" {
					all += " " + inWeek
				}
				ev.Text = fmt.Sprintf("%s (%s)", ev.Text, all)
				ev.Href = h
			}
			// Text the classifiers do not read is topic other: a surge of
			// it (a Portuguese export) reads as a rise in other, which
			// nothing beside the alert said (a QA pass)
			if al.Dimension == "topic" && al.Group == classify.TopicOther && n > 0 {
				unread, why, err := r.notScreened(ctx, "(not_english OR language_undetermined) AND "+where, args...)
				if err != nil {
					return sec, err
				}
				if unread > 0 {
					at, _ := time.Parse("2006-01-02", al.PeriodStart) // alertWhere read it
					when := fmt.Sprintf("in the %s of %s", r.opt.Period, r.periodLabel(at))
					if countShift(al) && al.Since != "" {
						when = inWeek
					}
					note := fmt.Sprintf("Topic %s %s: %s of its %s %s other because classify did not read their text (%s).",
						group, when, thousands(unread), plural(int(n), "complaint", "complaints"), verb(unread, "is", "are"), why)
					sec.Notes = append(sec.Notes, note)
					if i < topAlerts {
						sec.brief = append(sec.brief, note) // the alert is in the summary's table too
					}
				}
			}
		}
		if len(al.Evidence) == 0 && ev.Href == "" {
			// a fall to none has no complaint to cite: said, not an
			// empty cell (the QA pass's falling shifts)
			ev.Text = "none " + inWeek
		}
		if tc := al.TextCoverage; tc != nil {
			note := r.coverageNote(al, group)
			sec.Notes = append(sec.Notes, note)
			if i < topAlerts {
				sec.brief = append(sec.brief, note)
			}
		}
		if note := r.surveySourcesNote(a, i); note != "" {
			sec.Notes = append(sec.Notes, note)
			if i < topAlerts {
				sec.brief = append(sec.brief, note)
			}
		}
		t.Rows = append(t.Rows, []cell{
			{Text: al.Kind}, {Text: al.Dimension}, {Text: group}, {Text: al.PeriodStart, Date: true, Title: r.periodTitle(al.PeriodStart)},
			{Text: alertFigure(al.Metric, al.Observed), Num: true}, {Text: alertFigure(al.Metric, al.Expected), Num: true},
			{Text: ratio, Num: true}, {Text: r.alertFigures(al)}, {Text: trend.FormatP(al.PValue), Num: true}, {Text: trend.FormatP(al.QValue), Num: true},
			{Text: al.Method}, ev,
		})
	}
	sec.Tables = []table{t}
	if shifts > 0 {
		note := fmt.Sprintf("A shift's observed and expected are complaints per %s on average since its start (figures), not the %s's count, and its evidence lists its group's complaints since then.",
			r.opt.Period, r.opt.Period)
		if continuing > 0 {
			note += fmt.Sprintf(" A shift continuing was raised by the run of the %s before too (the same group, the same direction): the same change, still there, not news of this %s.",
				r.opt.Period, r.opt.Period)
		}
		sec.Notes = append(sec.Notes, note)
	}
	switch {
	case len(a.alerts) > 0:
	case a.tests == 0:
		// before a group has a baseline, no test is made: no alert is then
		// no verdict (it read "nothing changed" on a first week of data)
		sec.Notes = []string{fmt.Sprintf("No alert, and no test: the %s judged holds no complaints, or the data does not hold the %d earlier %ss the detector judges a %s against.",
			r.opt.Period, trend.MinBaseline, r.opt.Period, r.opt.Period)}
	case len(a.phrases) > 0:
		// the phrases are tested apart: "nothing changed" above a phrase
		// of 14 complaints against 0.5 expected read wrong (a QA pass)
		sec.Notes = []string{fmt.Sprintf("No alert: no %s changed beyond what the baselines expect; emerging phrases, tested apart, are below.",
			judgedFigures(metricsDone, !r.empty))}
	case len(a.topicsNotTested) > 0:
		// the topics were not tested (the note below): not "nothing changed"
		sec.Notes = []string{"No alert: nothing tested changed beyond what the baselines expect."}
	case len(metricsNot) > 0:
		// the scores not tested did not "not change" (a QA pass: no
		// survey loaded, and the page said no score changed)
		sec.Notes = []string{fmt.Sprintf("No alert: no %s changed beyond what the baselines expect.", judgedFigures(metricsDone, !r.empty))}
	default:
		sec.Notes = []string{"No alert: nothing changed beyond what the baselines expect."}
	}
	// the NPS and CSAT tests without an alert that left survey sources
	// out, and those the sources kept from being made
	sec.Notes = append(sec.Notes, r.surveySourcesNotes(a)...)
	for _, si := range a.silent {
		sec.Notes = append(sec.Notes, fmt.Sprintf("Source %s is silent: %s in the %s before this one, none since %s. An export not loaded, or a feed stopped? Its groups' counts fall for that reason alone.",
			shownLabel(si.Source), plural(int(si.Recent), "complaint", "complaints"), r.periods(trend.RecentPeriods(trend.Period(r.opt.Period))), si.LastComplaint))
	}
	// a topic test across a change of model compares the models: left
	// out, said here and in the alerts in brief
	for _, nt := range a.topicsNotTested {
		note := r.topicsNotTestedNote(nt)
		sec.Notes = append(sec.Notes, note)
		sec.brief = append(sec.brief, note)
	}
	for _, nj := range a.notJudged {
		sec.Notes = append(sec.Notes, fmt.Sprintf("Source %s is new (its first complaint came in the %s of %s): its complaints are new volume, not a change, and are left out of these tests until the %s of %s.",
			shownLabel(nj.Source), r.opt.Period, nj.FirstPeriod, r.opt.Period, nj.JudgedFrom))
	}
	return sec, nil
}

// countShift reports whether al is a shift of complaints: its observed and
// expected are a period's on average since its start (Since). A shift of
// a metric (NPS, CSAT, resolution time) is its level test: the period
// judged against the periods before it (each survey source against its
// own: trend.SurveySources).
func countShift(al trend.Alert) bool {
	return al.Kind == trend.KindShift && al.Metric == ""
}

// alertFigures says what an alert's observed and expected figures are:
// the period's count (a spike, an emerging group); for a shift of
// complaints, a period's on average since its start (the QA pass read a
// shift's 340.7, the mean of 253, 488 and 281 since 2019-03-25, as the
// week's 281), continuing when the run of the period before raised it
// too (trend.Alert.Continuing); for a trend, the line's value at the
// period, at its volume, against the level before the trend window; for a
// metric's level test, the period's figure against the periods before it.
func (r *run) alertFigures(al trend.Alert) string {
	return trend.Figures(al, r.opt.Period)
}

// alertPeriods are the first and last periods of the complaints an alert
// counts: the period judged, from a shift's start for a shift of
// complaints. ok is false for an alert whose dates do not parse.
func alertPeriods(al trend.Alert) (from, to time.Time, ok bool) {
	to, err := time.Parse("2006-01-02", al.PeriodStart)
	if err != nil {
		return to, to, false
	}
	from = to
	if countShift(al) {
		if s, err := time.Parse("2006-01-02", al.Since); err == nil && s.Before(to) {
			from = s
		}
	}
	return from, to, true
}

// metricNames are the trend metrics as the pages name them, in the order
// they name them.
var metricNames = []struct{ metric, name string }{
	{trend.MetricCSAT, "CSAT"},
	{trend.MetricNPS, "NPS"},
	{trend.MetricResolution, "resolution time"},
}

// metricsTested returns the names of the metrics the detector tested
// (trend.Result.MetricsTested, and any a metric alert is on) and of those
// it did not, as the pages name them (metricNames).
func metricsTested(a *analytics) (done, not []string) {
	for _, m := range metricNames {
		if slices.Contains(a.metricsTested, m.metric) || slices.ContainsFunc(a.alerts, func(al trend.Alert) bool { return al.Metric == m.metric }) {
			done = append(done, m.name)
		} else {
			not = append(not, m.name)
		}
	}
	return done, not
}

// judgedFigures names what the tests judged, for "no ... changed": the
// counts and shares, and the metrics tested.
func judgedFigures(metricsDone []string, complaints bool) string {
	if len(metricsDone) == len(metricNames) && complaints {
		return "count, share or score"
	}
	var items []string
	if complaints {
		// with no complaints no count nor share was tested (a QA pass:
		// a survey-only warehouse read "no count, share or CSAT changed")
		items = []string{"count", "share"}
	}
	items = append(items, metricsDone...)
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// coverageNote is the caveat of an alert whose TextCoverage is set: the
// share of complaints classified from their narrative moved between the
// periods the alert reads as changed and those it compares with, and the
// groups read from text move with it (the QA pass's weeks 7-10: that
// share fell from about 90% to 5%, and "shift topic other" q 8e-07 read
// as a change in complaints). group is as the table names it.
func (r *run) coverageNote(al trend.Alert, group string) string {
	tc := al.TextCoverage
	pct := func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }
	what := fmt.Sprintf("%s %s, %s of the %s of %s", strings.ToUpper(al.Dimension[:1])+al.Dimension[1:], group, al.Kind, r.opt.Period, al.PeriodStart)
	changed := fmt.Sprintf("in the %s of %s", r.opt.Period, al.PeriodStart)
	if al.Since != "" {
		what = fmt.Sprintf("%s %s, %s since %s", strings.ToUpper(al.Dimension[:1])+al.Dimension[1:], group, al.Kind, al.Since)
		changed = "since " + al.Since
	}
	return fmt.Sprintf("%s: narrative coverage %s against %s before: topics read from text move with it, whatever customers complain of "+
		"(of the complaints classified, those classified from a narrative: %s of %s %s, %s of %s from %s until then, p %s; "+
		"a complaint without one gets the topic of its product, and topics such as other come from narratives only).",
		what, pct(tc.Share), pct(tc.BaselineShare),
		pct(tc.Share), thousands(tc.Classified), changed, pct(tc.BaselineShare), thousands(tc.BaselineClassified), tc.BaselineFrom, trend.FormatP(tc.PValue))
}

// dateList renders dates as a DuckDB list literal parameter: the driver
// binds a string, cast to DATE[] in the query.
func dateList(ts []any) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.(time.Time).Format("2006-01-02")
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// alertWhere selects the complaints behind a count alert on a grouping the
// scope table holds (those of the period judged; of a shift, since its
// start: alertPeriods); metric alerts (NPS, CSAT, resolution time) have
// none.
func alertWhere(al trend.Alert) (string, []any, bool) {
	if al.Metric != "" {
		return "", nil, false
	}
	from, to, ok := alertPeriods(al)
	if !ok {
		return "", nil, false
	}
	switch al.Dimension {
	case "all":
		return "period BETWEEN $1 AND $2", []any{from, to}, true
	case "topic":
		return "period BETWEEN $1 AND $2 AND topic = $3", []any{from, to, al.Group}, true
	case "product":
		return "period BETWEEN $1 AND $2 AND product = $3", []any{from, to, al.Group}, true
	}
	return "", nil, false
}

// alpha is the level the pages judge a p- or q-value by: a change beyond
// sampling noise, a trend alert (trend.Options.Q's default false
// discovery rate), a topic named beyond chance.
const alpha = trend.Alpha

// alertFigure writes an alert's observed or expected value x as the pages
// write its metric: a CSAT share as a percentage of one decimal and an
// NPS in points, as the executive page writes them (QA pass: CSAT 0.665
// against 0.528 read "0.7 | 0.5" beside the executive page's 66.5%); a
// count or a time with one decimal.
func alertFigure(metric string, x float64) string {
	switch metric {
	case trend.MetricCSAT:
		return fmtPct(&x)
	case trend.MetricNPS:
		return scoreNum(&x, scoreTableDecimals)
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

// phraseBaseline is how many periods before the one judged the trend
// stage compares phrases against (its trendLen for weeks and months).
const phraseBaseline = 12

// emergingSection lists the trend detector's alerts on topics and
// products and its emerging phrases, when every narrative they could come
// from has been redacted, each phrase with the list of its complaints
// (phraseComplaints) as ids/PAGE-phrase-NN.csv, PAGE the page's name. The
// weekly page lists the alerts of kind "emerging" here (topics and
// products that were (nearly) absent from the baseline and now appear),
// its trend alerts table every alert; the defects page, which has no such
// table, lists every kind (the Comcast surge week's spikes, billing_error
// 143 against 12.3 expected, read "no rows" under emerging alone: a QA
// pass), with what their figures are, and links the weekly page's.
func (r *run) emergingSection(ctx context.Context, a *analytics, page string) (section, error) {
	allKinds := page == "defects"
	sec := section{ID: "emerging", Title: "Emerging topics, products and phrases"}
	if allKinds {
		sec.Title = "Topic and product alerts, emerging phrases"
	}
	if a.alertsErr != nil {
		sec.Unavailable = notAvailable("trend alerts", a.alertsErr)
		return sec, nil
	}
	t := table{Caption: "Topics and products of kind emerging; the trend alerts above list every kind", Columns: []string{"dimension", "group", "period", "complaints", "expected", "q", "evidence"},
		num: []bool{false, false, false, true, true, true, false}}
	if allKinds {
		t = table{Caption: "Topics and products: every alert, of any kind", Columns: []string{"kind", "dimension", "group", "period", "observed", "expected", "figures", "q", "evidence"},
			num: []bool{false, false, false, false, true, true, false, true, false}}
	}
	if len(a.topicsNotTested) > 0 {
		t.Caption += " (the topics were not tested: see the trend alerts' note)"
	}
	var methods []string
	for _, al := range a.alerts {
		if al.Dimension != "topic" && al.Dimension != "product" || !allKinds && al.Kind != trend.KindEmerging {
			continue
		}
		if !slices.Contains(methods, al.Method) {
			methods = append(methods, al.Method)
		}
		group := al.Group
		if al.Dimension == "topic" {
			group = r.topicText(group)
		}
		row := []cell{{Text: al.Dimension}, {Text: group}, {Text: al.PeriodStart, Date: true, Title: r.periodTitle(al.PeriodStart)},
			{Text: fmt.Sprintf("%.0f", al.Observed), Num: true}, {Text: fmt.Sprintf("%.1f", al.Expected), Num: true},
			{Text: trend.FormatP(al.QValue), Num: true}, {Text: strings.Join(al.Evidence, ", ")}}
		if allKinds {
			// a shift's or a trend's figures are no count (alertFigures)
			if al.Kind != trend.KindSpike && al.Kind != trend.KindEmerging {
				row[3].Text = alertFigure(al.Metric, al.Observed)
			}
			row = slices.Insert(row, 5, cell{Text: r.alertFigures(al)})
			row = slices.Insert(row, 0, cell{Text: al.Kind})
		}
		t.Rows = append(t.Rows, row)
	}
	sec.Tables = []table{t}
	if len(methods) > 0 {
		// named from the alerts themselves, and the detector's constants:
		// the page named no statistic (a QA pass)
		sec.Notes = append(sec.Notes, fmt.Sprintf("The topic and product alerts are the trend detector's, each judged by its method: %s. A group is tested once it has %d %ss of history; an alert stands on at least %d complaints, with q at most %s (Benjamini-Hochberg across every test of the run). expected: what the %s would have held without the change, by the group's baseline.",
			strings.Join(methods, "; "), trend.MinBaseline, r.opt.Period, trend.DefaultMinCount, strconv.FormatFloat(alpha, 'g', -1, 64), r.opt.Period))
	}
	if allKinds {
		sec.Links = append(sec.Links, link{Text: "Every trend alert, with its p-value and the list of its complaints: the weekly page, under Trend alerts", Href: "weekly.html"})
	}

	from := r.addPeriods(r.thisPeriod(), -phraseBaseline)
	var unredacted int64
	if err := r.conn.QueryRowContext(ctx, query("phrases_unredacted"), from, r.cutoff).Scan(&unredacted); err != nil {
		return sec, fmt.Errorf("phrases_unredacted: %w", err)
	}
	if unredacted > 0 {
		sec.Notes = append(sec.Notes, fmt.Sprintf("Emerging phrases are not shown: %s of the periods compared %s not been redacted by classify, and reports show redacted text only.",
			plural(int(unredacted), "narrative", "narratives"), verb(unredacted, "has", "have")))
		return sec, nil
	}
	pt := table{Caption: "Phrases (from redacted narratives; q-values are a family of their own)",
		Columns: []string{"phrase", "also", "period", "complaints", "expected", "ratio", "q", "evidence"},
		num:     []bool{false, false, false, true, true, true, true, false}, phrases: true}
	if len(a.phrases) > 0 {
		if err := r.phraseComplaints(ctx, a.phrases); err != nil {
			return sec, err
		}
	}
	counted, anyAlso := false, false
	var phraseMethods []string
	for i, ph := range a.phrases {
		ev := cell{Text: strings.Join(ph.Evidence, ", ")}
		h, n, err := r.idListFrom(ctx, "rpt_phrase_ids", fmt.Sprintf("%s-phrase-%02d", page, i+1), nil, "phrase = $1", i+1)
		if err != nil {
			return sec, err
		}
		if n > 0 {
			ev.Text = strings.TrimPrefix(fmt.Sprintf("%s (all %s)", ev.Text, thousands(n)), " ")
			ev.Href = h
		}
		also := slices.Clone(ph.Merged)
		if i := slices.Index(also, ph.Counted); ph.Counted != "" && i >= 0 {
			also[i] += " (counted)"
			counted = true
		}
		anyAlso = anyAlso || len(also) > 0
		// the method, less the term a phrase counts, which its row marks
		// (counted)
		if m, _, _ := strings.Cut(ph.Method, " (statistics of "); !slices.Contains(phraseMethods, m) {
			phraseMethods = append(phraseMethods, m)
		}
		pt.Rows = append(pt.Rows, []cell{{Text: ph.Phrase}, {Text: strings.Join(also, ", ")}, {Text: ph.PeriodStart, Date: true, Title: r.periodTitle(ph.PeriodStart)},
			{Text: fmt.Sprintf("%.0f", ph.Observed), Num: true}, {Text: fmt.Sprintf("%.1f", ph.Expected), Num: true},
			{Text: fmt.Sprintf("%.2f", ph.Ratio), Num: true}, {Text: trend.FormatP(ph.QValue), Num: true}, ev})
	}
	sec.Tables = append(sec.Tables, pt)
	if len(a.phrases) > 0 {
		sec.Notes = append(sec.Notes, "Each phrase's evidence links the list of all the complaints of its period that use it (CSV).",
			fmt.Sprintf("Phrases are judged by %s: the %s of %s against the %d %ss before, each term that at least %d complaints of the %s use tested, q at most %s (Benjamini-Hochberg across every term tested). expected: the complaints of the %s that would use it at the baseline's rate, narratives of like length compared; ratio: complaints over expected.",
				strings.Join(phraseMethods, "; "), r.opt.Period, a.phrases[0].PeriodStart, phraseBaseline, r.opt.Period, trend.DefaultMinCount, r.opt.Period,
				strconv.FormatFloat(alpha, 'g', -1, 64), r.opt.Period))
	}
	if anyAlso {
		// The also-terms are folded into the phrase, not counted with it:
		// "a cluster of terms mostly the same complaints use" read them
		// as its complaints ("play", 141 complaints, also "played,
		// playing, bluetooth ...", which 194 use: a QA pass), and was said
		// only beside a term marked (counted).
		note := "also: related terms folded into the phrase, shown for context (terms used by many of the same complaints, other forms of its words, phrases that name the same problem). " +
			"The figures and the list count the complaints that use the phrase's own term (any form of its words, where its forms are tested together): a complaint that uses an also-term only is not counted, unless that term is such a form"
		if counted {
			note += "; where a term is marked (counted), the figures are that term's complaints, not the phrase's own"
		}
		note += "."
		sec.Notes = append(sec.Notes, note)
	}
	return sec, nil
}
