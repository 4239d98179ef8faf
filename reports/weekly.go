package reports

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/complaints/complaints/internal/period"
	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

// shownPeriods is how many periods the trend charts of the weekly and
// executive reports cover, ending with the latest complete period.
const shownPeriods = 26

// baselinePeriods is how many prior periods the descriptive "prior
// average" of the weekly report averages.
const baselinePeriods = 8

// topTopics is how many topics get their own series; the rest are summed.
const topTopics = 8

// truncPeriod returns the start of the period holding t (UTC).
func (r *run) truncPeriod(t time.Time) time.Time {
	return period.Period(r.opt.Period).Start(t.UTC())
}

func (r *run) addPeriods(t time.Time, n int) time.Time {
	return period.Period(r.opt.Period).Add(t, n)
}

// periods is n of the report's periods, in words: "1 week", "26 weeks".
func (r *run) periods(n int) string {
	return plural(n, r.opt.Period, r.opt.Period+"s")
}

func (r *run) step() string {
	if r.opt.Period == "month" {
		return "1 month"
	}
	return "7 days"
}

// thisPeriod is the latest complete period: the one that ended on or
// before the report date.
func (r *run) thisPeriod() time.Time {
	return r.addPeriods(r.truncPeriod(r.cutoff), -1)
}

// window returns the n periods ending with the latest complete one, less
// those before the period of the first complaint or survey response in
// scope: weeks before any data was loaded are not weeks of no complaints.
// It holds the latest complete period at least.
func (r *run) window(n int) []time.Time {
	last := r.thisPeriod()
	first := r.addPeriods(last, -n+1)
	if !r.earliest.IsZero() {
		if f := r.truncPeriod(r.earliest); f.After(first) {
			first = f
		}
	}
	if first.After(last) {
		first = last
	}
	var ps []time.Time
	for p := first; !p.After(last); p = r.addPeriods(p, 1) {
		ps = append(ps, p)
	}
	return ps
}

// pivot turns long rows (period, group, value) into one row per period
// and one column per group: the top largest groups by total (ties by
// name), the rest summed as "(N other topics)". Missing cells are 0.
func pivot(long *result, periods []time.Time, top int) (wide *result, groups []string) {
	totals := map[string]float64{}
	cells := map[time.Time]map[string]float64{}
	for _, row := range long.rows {
		p, _ := row[0].(time.Time)
		p = p.UTC()
		g := str(row[1])
		v, _ := num(row[2])
		totals[g] += v
		if cells[p] == nil {
			cells[p] = map[string]float64{}
		}
		cells[p][g] += v
	}
	for g := range totals {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool {
		if totals[groups[i]] != totals[groups[j]] {
			return totals[groups[i]] > totals[groups[j]]
		}
		return groups[i] < groups[j]
	})
	others := 0 // groups summed in the last column
	if len(groups) > top {
		groups, others = groups[:top], len(groups)-top
	}
	wide = &result{cols: append([]string{long.cols[0]}, groups...)}
	if others > 0 {
		// named by its count: beside the taxonomy's topic "other", a
		// column "(other)" read as the same thing
		wide.cols = append(wide.cols, fmt.Sprintf("(%s)", plural(others, "other topic", "other topics")))
	}
	keep := map[string]bool{}
	for _, g := range groups {
		keep[g] = true
	}
	for _, p := range periods {
		row := []any{p}
		var rest float64
		for _, g := range groups {
			row = append(row, int64(cells[p][g]))
		}
		for g, v := range cells[p] {
			if !keep[g] {
				rest += v
			}
		}
		if others > 0 {
			row = append(row, int64(rest))
		}
		wide.rows = append(wide.rows, row)
	}
	return wide, groups
}

// weekly is the quality manager's report: volumes and rates by topic, this
// period against the recent past, alerts, response and resolution times.
func (r *run) weekly(ctx context.Context) (*page, error) {
	this := r.thisPeriod()
	p := &page{
		File:  "weekly.html",
		Title: "Quality report",
		Subtitle: fmt.Sprintf("Latest complete %s: %s (report date %s)",
			r.opt.Period, r.periodDays(this), r.asOfText()),
	}
	if r.noData {
		return r.noDataPage(p), nil
	}
	periods := r.window(shownPeriods)
	long, err := r.rows(ctx, "weekly_topic", periods[0], r.addPeriods(this, 1))
	if err != nil {
		return nil, err
	}
	wide, groups := pivot(long, periods, topTopics)
	// the columns, and so the charts' series, name the topics as the
	// other tables do (topicTexts); groups keep the names
	copy(wide.cols[1:], r.topicTexts(groups))

	if len(long.rows) == 0 {
		// Nothing received in the periods shown: no volume, share, times
		// or phrases to show, only the trend alerts (survey scores among
		// them).
		none := r.noComplaints()
		if !r.empty {
			why := r.noCompletePeriod()
			if why == "" {
				why = fmt.Sprintf("No complaints were received in the %s shown.", r.periods(len(periods)))
			}
			none = section{ID: "volume", Title: fmt.Sprintf("Complaints by topic, last %s", r.periods(len(periods))), Unavailable: why}
		}
		alerts, err := r.alertSection(ctx, r.analyze(ctx))
		if err != nil {
			return nil, err
		}
		p.Sections = append(p.Sections, alertSummary(alerts, section{}), none, alerts)
		return p, nil
	}
	sec := section{ID: "volume", Title: fmt.Sprintf("Complaints by topic, last %s", r.periods(len(periods)))}
	if err := r.addChart(&sec, wide, "weekly-volume", "Complaints by topic", "stack", "period"); err != nil {
		return nil, err
	}
	sec.Notes = []string{"Topics come from classify; complaints not yet classified show as \"unclassified\"."}
	note, err := r.unreadIn(ctx, "weekly", periods[0], r.addPeriods(this, 1))
	if err != nil {
		return nil, err
	}
	if note != "" {
		sec.Notes = append(sec.Notes, note)
	}
	// which classifier made the topics, and that those of two models are
	// two vocabularies: said first, beside the figures it changes the
	// reading of
	models, err := r.topicModels(ctx, periods[0], r.addPeriods(this, 1))
	if err != nil {
		return nil, err
	}
	if models != nil {
		sec.Paragraphs = append(sec.Paragraphs, modelsNote(models))
	}
	p.Sections = append(p.Sections, sec)

	// Rates: each topic's share of the period's complaints.
	rates := &result{cols: wide.cols}
	for _, row := range wide.rows {
		var total float64
		for _, v := range row[1:] {
			f, _ := num(v)
			total += f
		}
		out := []any{row[0]}
		for _, v := range row[1:] {
			f, _ := num(v)
			if total == 0 {
				out = append(out, nil)
			} else {
				out = append(out, math.Round(1000*f/total)/10)
			}
		}
		rates.rows = append(rates.rows, out)
	}
	sec = section{ID: "rates", Title: "Topic share of each period's complaints (%)"}
	if err := r.addChart(&sec, rates, "weekly-rates", "Topic share (%)", "line", "period"); err != nil {
		return nil, err
	}
	// every share is rounded to one decimal, and written so: Go wrote
	// 20 beside 25.2
	for _, row := range sec.Tables[0].Rows {
		for i := 1; i < len(row); i++ {
			if f, err := strconv.ParseFloat(row[i].Text, 64); err == nil {
				row[i].Text = strconv.FormatFloat(f, 'f', 1, 64)
			}
		}
	}
	const modelsWhere = "under Complaints by topic above"
	if mixedModels(models) {
		sec.Notes = append(sec.Notes, modelsPointer(models, modelsWhere))
	}
	p.Sections = append(p.Sections, sec)

	cmp, err := r.thisVersusPrior(ctx, long, groups, this)
	if err != nil {
		return nil, err
	}
	if mixedModels(models) {
		cmp.Notes = append(cmp.Notes, modelsPointer(models, modelsWhere))
	}
	p.Sections = append(p.Sections, cmp)

	alerts, err := r.alertSection(ctx, r.analyze(ctx))
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, alerts)
	emerging, err := r.emergingSection(ctx, r.analyze(ctx), "weekly")
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, emerging)
	// the alerts in brief open the page: what changed is what its reader
	// comes for, and the full tables are below the volume charts
	p.Sections = append([]section{alertSummary(alerts, emerging)}, p.Sections...)

	secs, err := r.timesSections(ctx, periods[0], this)
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, secs...)
	return p, nil
}

// sameSourceOnly is why an NPS or CSAT test leaves a survey source out:
// a change of instrument (another survey, another scale) loads as another
// source (trend.SurveySources).
const sameSourceOnly = "a score is compared with the same survey source's answers only"

// metricName is a trend metric as the pages name it (metricNames).
func metricName(metric string) string {
	for _, m := range metricNames {
		if m.metric == metric {
			return m.name
		}
	}
	return metric
}

// metricTest is the NPS or CSAT test that raises an alert of kind: the
// level test a shift, the trend line a rise or a fall (the Test of
// trend.SurveySourceLeftOut and trend.MetricNotTested).
func metricTest(kind string) string {
	if kind == trend.KindShift {
		return "level"
	}
	return "trend"
}

// testName names a metric test as the pages do: "level test (the week
// against the 12 weeks before it)". The level test's alert is of kind
// shift, but it tests one period against its pooled baseline: no lasting
// shift, as the word read (a QA pass).
func (r *run) testName(test string) string {
	if test == "level" {
		return fmt.Sprintf("level test (the %s against the %s before it)", r.opt.Period, r.periods(phraseBaseline))
	}
	return "trend test (rising/falling)"
}

// metricAlertWords says what an NPS or CSAT alert of kind tested: "the
// week's level against the 12 weeks before it" (a shift), "a rising trend
// line".
func (r *run) metricAlertWords(kind string) string {
	if kind == trend.KindShift {
		return fmt.Sprintf("the %s's level against the %s before it", r.opt.Period, r.periods(phraseBaseline))
	}
	return "a " + kind + " trend line"
}

// leftOutWhy says why a test left a survey source out, from the
// detector's reason (trend.SurveySourceLeftOut); a level test's baseline
// and a trend line's window are the phraseBaseline periods before the one
// judged.
func (r *run) leftOutWhy(reason string) string {
	switch reason {
	case trend.ReasonNoResponses:
		return "no answers in the " + r.opt.Period
	case trend.ReasonNoBaseline:
		return fmt.Sprintf("no answers in the %s before it", r.periods(phraseBaseline))
	case trend.ReasonFewBaseline:
		return fmt.Sprintf("fewer than %d answers in the %s before it", metrics.MinTestResponses, r.periods(phraseBaseline))
	}
	return "no answers of its own to compare with" // a reason this page does not know
}

// leftOutReasons are why the test (metric, test) of the period starting
// period left out each survey source it left out, by source
// (analytics.sourcesLeftOut); with counts, each one's answers of the
// period where the record has them ("...; 384 answers this month").
func (r *run) leftOutReasons(a *analytics, period, metric, test string, counts bool) map[string]string {
	why := map[string]string{}
	for _, lo := range a.sourcesLeftOut {
		if lo.PeriodStart == period && lo.Metric == metric && lo.Test == test {
			why[lo.Source] = r.leftOutWhy(lo.Reason)
			if counts && lo.Responses > 0 {
				why[lo.Source] += fmt.Sprintf("; %s this %s", plural(lo.Responses, "answer", "answers"), r.opt.Period)
			}
		}
	}
	return why
}

// sourcesWithWhy names survey sources as the pages show them, each with
// why it was left out where why holds it: "it-csat-2018 (no answers in
// the week)".
func sourcesWithWhy(sources []string, why map[string]string) string {
	named := make([]string, len(sources))
	for i, src := range sources {
		named[i] = shownLabel(src)
		if w := why[src]; w != "" {
			named[i] += " (" + w + ")"
		}
	}
	return andList(named)
}

// answersOf names the answers a survey test compared: "it-csat-2019's
// answers only", "the answers of a and b only".
func answersOf(sources []string) string {
	if len(sources) == 1 {
		return shownLabel(sources[0]) + "'s answers only"
	}
	return "the answers of " + sourcesWithWhy(sources, nil) + " only"
}

// surveySourcesNote is the caveat of the NPS or CSAT alert a.alerts[i]
// whose test left survey sources out (trend.Alert.SurveySources): which
// it compared, and which it left out and why (the detector's record,
// trend.Result.SurveySourcesLeftOut). The QA pass's CSAT of 2020-02
// compared it-csat-2019's answers only, it-csat-2018 (answered to
// 2019-08) left out, and the page did not say so. The alerts of the same
// metric and period that say the same (a shift and a rise leaving the
// same source out: two near-identical notes, a QA pass) are one note, on
// the first of them. "" when it left none out, or an earlier alert's
// note says it.
func (r *run) surveySourcesNote(a *analytics, i int) string {
	al := a.alerts[i]
	ss := al.SurveySources
	if ss == nil || len(ss.LeftOut) == 0 {
		return ""
	}
	said := func(b trend.Alert) string {
		return answersOf(b.SurveySources.Compared) + ", and left out " +
			sourcesWithWhy(b.SurveySources.LeftOut, r.leftOutReasons(a, b.PeriodStart, b.Metric, metricTest(b.Kind), false))
	}
	text := said(al)
	same := func(b trend.Alert) bool {
		return b.Metric == al.Metric && b.PeriodStart == al.PeriodStart && b.SurveySources != nil && said(b) == text
	}
	if slices.ContainsFunc(a.alerts[:i], same) {
		return "" // said with that alert
	}
	var kinds []string
	for _, b := range a.alerts[i:] {
		if same(b) {
			kinds = append(kinds, b.Kind)
		}
	}
	// the shift (the level test) before the line, as the tests are
	slices.SortStableFunc(kinds, func(x, y string) int { return strings.Compare(metricTest(x), metricTest(y)) })
	alert, test := "alert", "test"
	if len(kinds) > 1 {
		alert, test = "alerts", "tests"
	}
	words := make([]string, len(kinds))
	for k, kind := range kinds {
		words[k] = r.metricAlertWords(kind)
	}
	return fmt.Sprintf("%s %s of the %s of %s (%s): the %s compared %s: %s, so a change of instrument is not read as a change of score.",
		metricName(al.Metric), alert, r.opt.Period, al.PeriodStart, strings.Join(words, " and "), test, text, sameSourceOnly)
}

// surveySourcesNotes say, of the NPS and CSAT tests that raised no alert,
// those that left survey sources out (their "no change" says nothing of
// those sources' answers: a QA pass's "no CSAT changed" read as of
// it-csat-2018 too, which its test left out), and the tests the survey
// sources kept from being made (trend.ReasonSurveySources): all from the
// detector's record, in the order of metricNames.
func (r *run) surveySourcesNotes(a *analytics) []string {
	var notes []string
	for _, m := range metricNames {
		// the tests of m without an alert that left sources out, each
		// period's level before its trend
		type leftOut struct {
			period, test string
			sources      []string
		}
		var los []leftOut
		for _, lo := range a.sourcesLeftOut {
			if lo.Metric != m.metric || slices.ContainsFunc(a.alerts, func(al trend.Alert) bool {
				return al.Metric == lo.Metric && al.PeriodStart == lo.PeriodStart && metricTest(al.Kind) == lo.Test
			}) || r.keptTest(a, lo.PeriodStart, lo.Metric, lo.Test) {
				continue // said with its alert, or with the test not made
			}
			if n := len(los); n == 0 || los[n-1].period != lo.PeriodStart || los[n-1].test != lo.Test {
				los = append(los, leftOut{period: lo.PeriodStart, test: lo.Test})
			}
			los[len(los)-1].sources = append(los[len(los)-1].sources, lo.Source)
		}
		for i := 0; i < len(los); i++ {
			lo := los[i]
			left := sourcesWithWhy(lo.sources, r.leftOutReasons(a, lo.period, m.metric, lo.test, false))
			tests, its := r.testName(lo.test), "its"
			if i+1 < len(los) && los[i+1].period == lo.period &&
				sourcesWithWhy(los[i+1].sources, r.leftOutReasons(a, lo.period, m.metric, los[i+1].test, false)) == left {
				// the level test and the line left the same out: said once
				tests, its = tests+" and "+r.testName(los[i+1].test), "their"
				i++
			}
			notes = append(notes, fmt.Sprintf("%s %s of the %s of %s raised no alert, and left out %s; %s, so %s \"no change\" says nothing of %s.",
				m.name, tests, r.opt.Period, lo.period, left, sameSourceOnly, its, andList(shownLabels(lo.sources))))
		}
		notes = append(notes, r.keptBySources(a, m.metric, m.name)...)
	}
	return notes
}

// keptBySources says which tests of metric (named name) the survey
// sources kept from being made (trend.ReasonSurveySources): the answers of
// every source pooled would have had one, those of the sources with a
// baseline of their own too few (a new instrument alone in the period: no
// line through them either), or too few periods of them for a line.
// Unsaid, the page's "too few survey answers" read as a period of few
// answers.
func (r *run) keptBySources(a *analytics, metric, name string) []string {
	var notes []string
	kept := func(period, test string) bool { return r.keptTest(a, period, metric, test) }
	for _, nt := range a.metricsNotTested {
		if nt.Metric != metric || nt.Reason != trend.ReasonSurveySources {
			continue
		}
		what, why := name+" "+r.testName(nt.Test), ""
		switch nt.Test {
		case "level":
			if kept(nt.PeriodStart, "trend") && r.keptLeftOut(a, nt.PeriodStart, metric, "trend") == r.keptLeftOut(a, nt.PeriodStart, metric, "level") {
				what = name // nor the line through the same answers
			}
			why = fmt.Sprintf("%s of survey sources with %d or more of their own in the %s before it, a test needs %d",
				plural(nt.Responses, "answer", "answers"), nt.MinResponses, r.periods(phraseBaseline), nt.MinResponses)
		case "trend":
			if kept(nt.PeriodStart, "level") && r.keptLeftOut(a, nt.PeriodStart, metric, "trend") == r.keptLeftOut(a, nt.PeriodStart, metric, "level") {
				continue // said with the level test
			}
			// not always a source begun late: a compared source of few
			// answers a period gives no points either (QA)
			why = fmt.Sprintf("fewer than 4 %ss of %d or more answers of the compared survey sources, from the first %s they all answered", r.opt.Period, nt.MinResponses, r.opt.Period)
		default:
			continue // a test this page does not know
		}
		if left := r.keptLeftOut(a, nt.PeriodStart, metric, nt.Test); left != "" {
			// the sources that answered and were set aside, named
			// (QA: tel-new's 384 answers went unsaid)
			why = left + " left out; " + why
		}
		notes = append(notes, fmt.Sprintf("%s of the %s of %s not tested within survey sources: %s (%s, so a new instrument's answers are not compared with an old one's).",
			what, r.opt.Period, nt.PeriodStart, why, sameSourceOnly))
	}
	return notes
}

// keptTest says whether the survey sources kept the test (metric, test)
// of the period starting period from being made
// (trend.ReasonSurveySources).
func (r *run) keptTest(a *analytics, period, metric, test string) bool {
	return slices.ContainsFunc(a.metricsNotTested, func(nt trend.MetricNotTested) bool {
		return nt.Metric == metric && nt.Reason == trend.ReasonSurveySources && nt.PeriodStart == period && nt.Test == test
	})
}

// keptLeftOut names the survey sources the detector recorded a test kept
// from being made as setting aside, each with why and its answers of the
// period; "" when it names none.
func (r *run) keptLeftOut(a *analytics, period, metric, test string) string {
	why := r.leftOutReasons(a, period, metric, test, true)
	if len(why) == 0 {
		return ""
	}
	var sources []string
	for _, lo := range a.sourcesLeftOut {
		if lo.PeriodStart == period && lo.Metric == metric && lo.Test == test {
			sources = append(sources, lo.Source)
		}
	}
	return sourcesWithWhy(sources, why)
}

// shownLabels are the labels as the pages show them (shownLabel).
func shownLabels(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = shownLabel(l)
	}
	return out
}

// unreadIn is unreadNote of the complaints received in [from, to), for
// page (the step that failed, in an error).
func (r *run) unreadIn(ctx context.Context, page string, from, to time.Time) (string, error) {
	var foreign, undetermined int64
	if err := r.conn.QueryRowContext(ctx, query("unread_languages"), from, to).Scan(&foreign, &undetermined); err != nil {
		return "", fmt.Errorf("%s: languages: %w", page, err)
	}
	return unreadNote(foreign, undetermined), nil
}

// unreadNote says how many complaints have text the classifiers do not
// read: foreign in a language other than English, undetermined in none
// that could be determined (no words, or a script the detector does not
// name: "!!!" was called written in another language, a QA pass); "" when
// none.
func unreadNote(foreign, undetermined int64) string {
	const notDetermined = "text whose language could not be determined (no words, such as punctuation or emoji only, or a script the detector does not name)"
	// "1 of these complaints are" read wrong: each verb agrees with its count
	var said, read string
	switch {
	case foreign > 0 && undetermined > 0:
		said = fmt.Sprintf("%s of these complaints %s written in a language other than English, and %s %s %s",
			thousands(foreign), verb(foreign, "is", "are"), thousands(undetermined), verb(undetermined, "has", "have"), notDetermined)
		read = "; the classifiers read neither"
	case foreign > 0:
		said = fmt.Sprintf("%s of these complaints %s written in a language other than English", thousands(foreign), verb(foreign, "is", "are"))
		read = ", which the classifiers do not read"
	case undetermined > 0:
		said = fmt.Sprintf("%s of these complaints %s %s", thousands(undetermined), verb(undetermined, "has", "have"), notDetermined)
		read = ", which the classifiers do not read"
	default:
		return ""
	}
	return said + read + ": their topic is other and they have no sentiment (classifications.language gives each one's language, und where it could not be determined)."
}

// topAlerts is how many alerts the weekly page's summary lists.
const topAlerts = 5

// alertSummary is the weekly page's opening section: how many alerts the
// trend detector raised, the topAlerts most significant (the full table
// lists them by q-value), each with the complaints behind it, and a link
// to the full table; then the emerging phrases of the section emerging,
// counted and named (phraseBrief), with a link to them. It is built from
// the alerts section full, so the two say the same thing and link the
// same lists. With no alert, or none to show, it says so and links to no
// alert: the full table then holds no rows, and its section says no more
// than the summary (a QA pass followed the link to "no rows").
func alertSummary(full, emerging section) (sec section) {
	sec = section{ID: "alerts-summary", Title: "Alerts in brief", Unavailable: full.Unavailable}
	defer func() {
		if line, ok := phraseBrief(emerging); ok {
			sec.Paragraphs = append(sec.Paragraphs, line)
			sec.Links = append(sec.Links, link{Text: "Emerging phrases, each with the list of its complaints", Href: "#" + emerging.ID})
		}
	}()
	if full.Unavailable != "" {
		return sec
	}
	t := full.Tables[0]
	n := len(t.Rows)
	if n == 0 {
		sec.Paragraphs = slices.Clone(full.Notes)
		return sec
	}
	sec.Links = []link{{Text: "All alerts with their method, p- and q-values and evidence", Href: "#" + full.ID}}
	cols := []string{"kind", "dimension", "group", "observed", "expected", "q", "evidence"}
	// a shift's figures are a period's on average since its start: said
	// beside them (alertFigures)
	figures := slices.Index(t.Columns, "figures")
	if figures >= 0 {
		cols = slices.Insert(cols, 5, "figures")
	}
	top := t.pick("", cols...)
	top.Rows = top.Rows[:min(n, topAlerts)]
	// a shift raised the period before too is no news: how many are
	// said with the count; the figures name the period, ending "average
	// per week"
	continuing, period := 0, ""
	for _, row := range t.Rows {
		if figures >= 0 && strings.HasPrefix(row[figures].Text, trend.ContinuingFigures) {
			continuing++
			period = row[figures].Text[strings.LastIndex(row[figures].Text, " ")+1:]
		}
	}
	raised := plural(n, "alert", "alerts")
	switch {
	case continuing == 0:
	case n == 1:
		raised += ", a shift continuing from the " + period + " before"
	case continuing == 1:
		raised += ", 1 of them a shift continuing from the " + period + " before"
	default:
		raised += fmt.Sprintf(", %d of them shifts continuing from the %s before", continuing, period)
	}
	sec.Paragraphs = []string{fmt.Sprintf("The trend detector raised %s.", raised)}
	top.Caption = "The alert, beyond noise"
	if n > 1 {
		top.Caption = fmt.Sprintf("The %d most significant (smallest q)", len(top.Rows))
		if n <= topAlerts {
			top.Caption = "Every alert, the most significant (smallest q) first"
		}
	}
	sec.Tables = []table{top}
	sec.Notes = slices.Clone(full.brief)
	return sec
}

// phraseBrief is a sentence counting and naming the emerging phrases the
// section emerging lists (emergingSection), the first topAlerts of them
// with their complaints, expectation and q: "2 emerging phrases: "keeps
// rebooting" (14 complaints, 0.5 expected, q 1.74e-10), ...". ok is false
// when it lists none (none emerged, or they are withheld).
func phraseBrief(emerging section) (line string, ok bool) {
	var t *table
	for i := range emerging.Tables {
		if emerging.Tables[i].phrases {
			t = &emerging.Tables[i]
		}
	}
	if t == nil || len(t.Rows) == 0 {
		return "", false
	}
	var named []string
	for _, row := range t.Rows[:min(len(t.Rows), topAlerts)] {
		n, _ := strconv.Atoi(row[3].Text)
		named = append(named, fmt.Sprintf("\"%s\" (%s, %s expected, q %s)", row[0].Text, plural(n, "complaint", "complaints"), row[4].Text, row[6].Text))
	}
	line = plural(len(t.Rows), "emerging phrase", "emerging phrases") + ": " + strings.Join(named, ", ")
	if more := len(t.Rows) - len(named); more > 0 {
		line += fmt.Sprintf(", and %d more", more)
	}
	return line + ".", true
}

// resolvedShare is weekly_times.sql's column of the share of a period's
// complaints resolved by the report date.
const resolvedShare = "resolved by report date %"

// slaPending is weekly_times.sql's column of a period's complaints still
// open within the resolution target, whose SLA met % is n/a while it is
// not 0 (the audit's "open, not yet due").
const slaPending = "open, not yet due"

// slaPendingNote says that figure (an SLA met %) is n/a while some of
// whose (a period's complaints) are open within the resolution target, as
// the audit's met % is, and why.
func (r *run) slaPendingNote(figure, whose string) string {
	return fmt.Sprintf("%s is n/a while some of %s are still open within the resolution target (%s), as on the audit page: of those judged so far, the fastest handled, it would read high until the rest are due.",
		figure, whose, slaPending)
}

// unansweredNote says, of the latest period of weekly_times.sql's rows,
// how many of its complaints are open with no first response recorded:
// its first-response times are of the answered alone, and read low (a QA
// pass: 9.7 and 42.7 h against 11.8 and 59.4 once all were answered). ""
// when every one is answered.
func (r *run) unansweredNote(times *result) string {
	if len(times.rows) == 0 {
		return ""
	}
	last := times.rows[len(times.rows)-1]
	n, _ := num(last[times.col("unanswered")])
	all, _ := num(last[times.col("answerable")])
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" First response times are those of the complaints answered by the report date: in the latest %ss, where some are not answered yet (%s of the %s of the %s of %s whose source records first responses), they are the fastest answered, and the median and P90 read low until the rest are.",
		r.opt.Period, thousands(int64(n)), thousands(int64(all)), r.opt.Period, r.periodLabel(last[0]))
}

// timesSection fills a times section from weekly_times.sql's rows,
// charted as id. A source that records no response or resolution time
// (the CFPB export) leaves every time and SLA figure unknown: the section
// says so rather than list a column of n/a per period, and charts the
// share answered in time where the source gives that verdict instead.
func (r *run) timesSection(sec *section, times *result, id string) error {
	timely := times.known("timely %")
	if !timely {
		times.drop("timely %")
		times.drop("timely n")
	}
	timelyNote := "timely %: of the complaints the source marks as answered in time or not (a CFPB export's \"Timely response?\"), the share answered in time; timely n: how many it marks."
	unanswered := r.unansweredNote(times)
	times.drop("unanswered")
	times.drop("answerable")
	// a period's SLA met % is n/a while some of its complaints are open
	// within the resolution target: the SLA is measured all the same
	pending := slices.ContainsFunc(times.rows, func(row []any) bool { n, _ := num(row[times.col(slaPending)]); return n > 0 })
	measured := []string{"median first response h", "p90 first response h", "median resolution h", "p90 resolution h", "SLA met %"}
	if times.known(measured...) {
		// a column unknown in every period (a support thread's replies
		// give first responses, no resolutions) is left out, saying so
		var unknown []string
		for _, c := range measured {
			if !times.known(c) && (c != "SLA met %" || !pending) {
				times.drop(c)
				unknown = append(unknown, c)
			}
		}
		if slices.Contains(unknown, "SLA met %") {
			times.drop(slaPending)
		}
		// the share resolved is the metrics' resolution rate, which counts
		// a closure without a time and 0 of complaints all open: known
		// with no resolution time (QA pass V)
		if !times.known(resolvedShare) {
			times.drop(resolvedShare)
			unknown = append(unknown, resolvedShare)
		}
		if err := r.addChart(sec, times, id, "Median hours to first response and resolution", "line", "period",
			"median first response h", "median resolution h"); err != nil {
			return err
		}
		if len(unknown) > 0 {
			sec.Notes = append(sec.Notes, fmt.Sprintf("Left out, unknown in every %s shown (no complaint of them has the time it needs recorded, or the source records none): %s.",
				r.opt.Period, strings.Join(unknown, ", ")))
		}
		note := r.hoursNote()
		if !slices.Contains(unknown, "median first response h") {
			note += unanswered
		}
		if !slices.Contains(unknown, "median resolution h") {
			note += " Resolution times are those of the complaints resolved by the report date with a resolution time: in the latest " + r.opt.Period +
				"s, where many are still open (" + resolvedShare + ", as the metrics' resolution rate), they are the fastest resolved, and the median and P90 read low until the rest close."
		}
		if !slices.Contains(unknown, "SLA met %") {
			note += fmt.Sprintf(" SLA met: acknowledged within %s and resolved within %s days; missed when either is, not yet judged while neither is missed and one is pending, never judged when the source records no resolution time, open or closed (as complaints metrics counts it).",
				r.ackTarget(), r.resTarget())
			note += " " + r.slaPendingNote("SLA met %", "the "+r.opt.Period+"'s complaints")
		}
		sec.Notes = append(sec.Notes, note)
		if timely {
			sec.Notes = append(sec.Notes, timelyNote)
		}
		return nil
	}
	none := fmt.Sprintf("No complaint received in the %s shown has a first response or resolution time recorded, so response and resolution times and the SLA cannot be measured.",
		r.periods(len(times.rows)))
	if !timely {
		sec.Unavailable = none + " Nor does any carry the source's verdict on its timeliness."
		return nil
	}
	for _, c := range append(measured, slaPending, resolvedShare) {
		times.drop(c)
	}
	sec.Paragraphs = append(sec.Paragraphs, none+" The source's own verdict on each complaint's timeliness is charted instead.")
	sec.Notes = append(sec.Notes, timelyNote)
	return r.addChart(sec, times, id, "Complaints answered in time (%)", "line", "period", "timely %")
}

// timesSections are the weekly page's response and resolution times of
// the periods shown, from first to this, the latest complete one: one
// section of every source pooled when at most one source has a first
// response or resolution time in them; else, as sources handle complaints
// too differently to be pooled (QA: 1,071 tweets answered in minutes
// swamped 63 tickets answered in 4.9 hours, the week's median 0.2 h, and
// its share resolved was the tickets' alone beside a count of both), the
// latest period by source, saying which sources each figure is of, and a
// section of each source's periods.
func (r *run) timesSections(ctx context.Context, first, this time.Time) ([]section, error) {
	end := r.addPeriods(this, 1)
	srcs, err := r.rows(ctx, "weekly_sources", first, end)
	if err != nil {
		return nil, err
	}
	has := func(row []any, col string) bool { b, _ := row[srcs.col(col)].(bool); return b }
	timed := 0
	for _, row := range srcs.rows {
		if has(row, "has_ack") || has(row, "has_res") {
			timed++
		}
	}
	if timed <= 1 {
		times, err := r.rows(ctx, "weekly_times", first, this, r.step(), end, nil)
		if err != nil {
			return nil, err
		}
		sec := section{ID: "times", Title: "Response and resolution times and SLA, by " + r.opt.Period + " received"}
		if err := r.timesSection(&sec, times, "weekly-times"); err != nil {
			return nil, err
		}
		return []section{sec}, nil
	}
	sum := section{ID: "times", Title: fmt.Sprintf("Response and resolution times and SLA by source, latest complete %s", r.opt.Period),
		Paragraphs: []string{fmt.Sprintf("The complaints of these %ss come from %d sources with response or resolution times, which handle them differently (a support thread's replies within minutes, a helpdesk's tickets within days): pooled, the times and rates would follow the mix of sources as much as the handling. The table gives each source's times and rates for the latest complete %s, and a section below gives each source's %ss; compare within a source.",
			r.opt.Period, timed, r.opt.Period, r.opt.Period)}}
	var latest *result // each source's row of the latest period
	secs := []section{{}}
	for _, row := range srcs.rows {
		src := str(row[srcs.col("source")])
		times, err := r.rows(ctx, "weekly_times", first, this, r.step(), end, src)
		if err != nil {
			return nil, err
		}
		if latest == nil {
			latest = &result{cols: append([]string{"source"}, times.cols[1:]...), counts: true}
		}
		latest.rows = append(latest.rows, append([]any{src}, times.rows[len(times.rows)-1][1:]...))
		if !has(row, "has_ack") && !has(row, "has_res") && !has(row, "has_timely") {
			continue // nothing to chart: its row says so
		}
		sec := section{ID: fmt.Sprintf("times-%d", len(secs)), Title: fmt.Sprintf("Response and resolution times and SLA of %s, by %s received", shownLabel(src), r.opt.Period)}
		if err := r.timesSection(&sec, times, fmt.Sprintf("weekly-times-%02d", len(secs))); err != nil {
			return nil, err
		}
		sum.Links = append(sum.Links, link{Text: shownLabel(src) + ", by " + r.opt.Period, Href: "#" + sec.ID})
		secs = append(secs, sec)
	}
	// each figure, of the sources that record it, the others named with
	// why; a figure no source records is not shown
	figures := []struct {
		cols      []string
		has, name string
		why       func(row []any) string
	}{
		{[]string{"median first response h", "p90 first response h"}, "has_ack", "median and P90 first response h", func(row []any) string {
			if has(row, "tracks_ack") {
				return "no response recorded in the " + r.opt.Period + "s shown"
			}
			return "it records no response or resolution times"
		}},
		{[]string{"median resolution h", "p90 resolution h"}, "has_res", "median and P90 resolution h", noResolutionWhy(has, "none resolved with a time in the "+r.opt.Period+"s shown")},
		{[]string{resolvedShare}, "has_resolved", resolvedShare, func(row []any) string {
			if has(row, "tracks_res") {
				return "its complaints' state at the report date is not known (recorded in files loaded after it)"
			}
			return "it records no status or resolution date"
		}},
		{[]string{"SLA met %", slaPending}, "has_sla", "SLA met %", noResolutionWhy(has, "none judged yet (a target pending)")},
		{[]string{"timely %", "timely n"}, "has_timely", "timely %", func([]any) string { return "it gives no verdict on timeliness" }},
	}
	var bases []string
	for _, f := range figures {
		var of, left []string
		why := map[string]string{}
		for _, row := range srcs.rows {
			src := str(row[srcs.col("source")])
			if has(row, f.has) {
				of = append(of, src)
			} else {
				left = append(left, src)
				why[src] = f.why(row)
			}
		}
		if len(of) == 0 {
			for _, c := range f.cols {
				latest.drop(c)
			}
			continue
		}
		base := f.name + ": of " + sourcesWithWhy(of, nil)
		if len(left) > 0 {
			base += "; left out: " + sourcesWithWhy(left, why)
		}
		bases = append(bases, base+".")
	}
	latest.drop("unanswered") // said in each source's section
	latest.drop("answerable")
	sum.Tables = []table{latest.table(fmt.Sprintf("Latest complete %s, %s, by source", r.opt.Period, r.periodDays(this)))}
	sum.Notes = []string{"Each figure is of its source's complaints alone, and a rate's base is the complaints of the sources that record it: " + strings.Join(bases, " ")}
	if slices.Contains(latest.cols, slaPending) {
		sum.Notes = append(sum.Notes, r.slaPendingNote("A source's SLA met %", "its complaints of the "+r.opt.Period))
	}
	secs[0] = sum
	return secs, nil
}

// noResolutionWhy is why a source has no figure of the resolution times
// (the resolution times, the SLA) in the periods shown: it records none,
// or none of the periods shown has one (none).
func noResolutionWhy(has func(row []any, col string) bool, none string) func(row []any) string {
	return func(row []any) string {
		if has(row, "tracks_res") {
			return none
		}
		return "it records no resolution times"
	}
}

// noCompletePeriod says, when every complaint and survey response in
// scope falls in the period the report date has not completed (a first
// weekly export loaded mid-week), that no complete period holds data yet;
// "" otherwise. The pages then show the latest complete period, which
// holds nothing, and must not call it the first of the data.
func (r *run) noCompletePeriod() string {
	if r.earliest.IsZero() {
		return ""
	}
	first := r.truncPeriod(r.earliest)
	if !first.After(r.thisPeriod()) {
		return ""
	}
	return fmt.Sprintf("No complete %s holds data yet: the first complaint or survey response, of %s, is in the %s of %s, which is not over on the report date (%s).",
		r.opt.Period, dateText(r.earliest), r.opt.Period, r.periodLabel(first), r.asOfText())
}

// noComplaints is the section a report that reads complaints shows when
// the warehouse holds none received before the report date (it may hold
// survey responses only).
func (r *run) noComplaints() section {
	return section{ID: "no-complaints", Title: "No complaints",
		Unavailable: "The warehouse holds no complaints received on or before the report date, and this report reads complaints. Survey results, if any were loaded, are on the executive page."}
}

// thisVersusPrior compares each topic's count in the latest period with
// its average over the prior baselinePeriods periods. It is descriptive;
// tested alerts come from the trend detector.
func (r *run) thisVersusPrior(ctx context.Context, long *result, groups []string, this time.Time) (section, error) {
	sec := section{ID: "this-period", Title: "This " + r.opt.Period + " against the prior average"}
	// The prior periods are those in the data (window: before the first
	// complaint or survey response a period is not one of no complaints).
	// this is the latest complete period, which the window ends with.
	ps := r.window(baselinePeriods + 1)
	first, prior := ps[0], len(ps)-1
	cur := map[string]float64{}
	before := map[string]float64{}
	for _, row := range long.rows {
		p, _ := row[0].(time.Time)
		v, _ := num(row[2])
		switch {
		case p.Equal(this):
			cur[str(row[1])] += v
		case !p.Before(first) && p.Before(this):
			before[str(row[1])] += v
		}
	}
	if _, err := r.conn.ExecContext(ctx, query("rpt_this"), this, r.addPeriods(this, 1)); err != nil {
		return sec, fmt.Errorf("this %s: %w", r.opt.Period, err)
	}
	t := table{Columns: []string{"topic", "this " + r.opt.Period, fmt.Sprintf("prior %d average", prior), "ratio"},
		num: []bool{false, true, true, true}}
	if prior == 0 {
		// the data's first period: nothing before it to average
		t.Columns, t.num = t.Columns[:2], t.num[:2]
	}
	for i, g := range groups {
		avgText, ratioText := "n/a", "n/a"
		if prior > 0 {
			avg := before[g] / float64(prior)
			avgText = fmt.Sprintf("%.1f", avg)
			if avg > 0 {
				ratioText = fmt.Sprintf("%.2f", cur[g]/avg)
			}
		}
		h, _, err := r.idListFrom(ctx, "rpt_this", fmt.Sprintf("weekly-this-topic-%02d", i+1), nil, "topic = $1", g)
		if err != nil {
			return sec, err
		}
		row := []cell{
			{Text: r.topicText(g)},
			{Text: thousands(int64(cur[g])), Num: true, Href: h},
			{Text: avgText, Num: true},
			{Text: ratioText, Num: true},
		}
		t.Rows = append(t.Rows, row[:len(t.Columns)])
	}
	sec.Tables = []table{t}
	if prior == 0 {
		sec.Title = "This " + r.opt.Period + ", the first of the data"
		sec.Notes = []string{fmt.Sprintf("The data starts %s: there is no earlier %s to compare with. Counts link to the complaint IDs.",
			dateText(r.earliest), r.opt.Period)}
		return sec, nil
	}
	sec.Notes = []string{fmt.Sprintf("A plain comparison with the average of the %s before it, without a test: see trend alerts for what is beyond noise. Counts link to the complaint IDs.",
		r.periods(prior))}
	if prior < baselinePeriods {
		sec.Notes = append(sec.Notes, fmt.Sprintf("The data starts %s: the average is over the %s since (of %d).",
			dateText(r.earliest), r.periods(prior), baselinePeriods))
	}
	return sec, nil
}
