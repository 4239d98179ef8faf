package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/complaints/complaints/metrics/trend"
)

func init() {
	register(&command{
		name:    "trends",
		usage:   "trends [--period day|week|month] [--by DIM]... [--since DATE] [--as-of DATE] [--format table|json] [--include-partial] [--q Q] [--min-count N] [--metrics] [--phrases]",
		summary: "trend alerts: spikes, emerging groups, rising/falling trends, shifts",
		run:     runTrends,
	})
}

func runTrends(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "trends")
	period := fs.String("period", "week", "period: day, week or month")
	var by []string
	fs.Func("by", "dimension: topic, product, issue, channel, company, department, region, source, language, or a pair such as topic,product; repeat the flag or separate with ';' for several", func(s string) error {
		by = append(by, splitDims(s)...)
		return nil
	})
	since := fs.String("since", "", "replay the detector at the end of every period from DATE (YYYY-MM-DD)")
	asOf := fs.String("as-of", "", "judge data received up to the end of DATE (YYYY-MM-DD); default: the day of the latest complaint received, or with --metrics of the latest survey response or resolution if later")
	format := fs.String("format", "table", "output format: table or json")
	partial := fs.Bool("include-partial", false, "also judge the incomplete period holding --as-of, after the latest complete one (each its own run; the partial period's NPS and CSAT get level tests on the answers so far, no trend line)")
	q := fs.Float64("q", 0.05, "false discovery rate (Benjamini-Hochberg) of each period judged (with --since, of each period replayed, as its own report)")
	minCount := fs.Int("min-count", 5, "fewest complaints behind an alert")
	metrics := fs.Bool("metrics", false, "also alert on NPS, CSAT and median resolution time")
	phrases := fs.Bool("phrases", false, "also list the words and phrases emerging in the last period (from redacted narratives: none while classify has not redacted them all; with --since too: the last period's only)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return extraArgs(rest)
	}
	if err := checkFormat(*format, "table", "json"); err != nil {
		return err
	}
	// the library reads 0 as its default: given here, 0 or an
	// impossible value is refused rather than replaced (--q 0 ran at 0.05,
	// --q 1.5 at 1, --min-count 0 or -3 at 5)
	if !(*q > 0 && *q <= 1) {
		return usageError("--q %g: want a false discovery rate above 0 and at most 1", *q)
	}
	if *minCount < 1 {
		return usageError("--min-count %d: want 1 or more complaints", *minCount)
	}
	opts := trend.Options{
		By:             by,
		Q:              *q,
		MinCount:       *minCount,
		IncludePartial: *partial,
		Metrics:        *metrics,
		Phrases:        *phrases,
	}
	if opts.Period, err = trend.ParsePeriod(*period); err != nil {
		return err
	}
	if *asOf != "" {
		d, err := e.asOfDate(*asOf)
		if err != nil {
			return err
		}
		opts.AsOf = d.AddDate(0, 0, 1)
	}
	if *since != "" {
		d, err := parseDate("--since", *since)
		if err != nil {
			return err
		}
		opts.Since = d
	}
	step := e.steps("trends")
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	step("open")
	res, err := trend.Detect(ctx, db, opts)
	if err != nil {
		return err
	}
	step("detect", "alerts", len(res.Alerts), "tests", res.Tests)
	defer step("write")
	if w := res.PhrasesWithheld; w != nil {
		// phrases come from redacted text only, and with part of the texts
		// compared left out they would compare part of the periods: none
		// is listed, as in the reports (whose defects page says so too)
		fmt.Fprintf(e.stderr, "trends: emerging phrases not shown: %d narratives received from %s to %s are not redacted yet (not classified); phrases come from redacted text only: `complaints classify` redacts them\n",
			w.Unredacted, w.From, w.To)
	}
	return writeTrends(e, res, *format, opts.Since)
}

// splitDims splits --by on ';' (a pair keeps its comma: "topic,product").
func splitDims(s string) []string {
	var out []string
	for _, d := range strings.Split(s, ";") {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// writeTrends writes res in format; a run replayed from since (zero: the
// last period alone) says in its table that its phrases are the last
// period's.
func writeTrends(e *env, res trend.Result, format string, since time.Time) error {
	switch format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "", "table":
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		// figures, last: the columns before it keep their places for
		// scripts that split the table on spaces
		fmt.Fprintf(tw, "period_start\tkind\tdimension\tgroup\tmetric\tobserved\texpected\tratio\tp_value\tq_value\tmethod\tevidence\tfigures\n")
		methods, key := methodKeys(res.Alerts)
		for _, a := range res.Alerts {
			// an alert on NPS, CSAT or resolution time names the metric
			// (its group is "all"); one on complaint counts, none
			metric := a.Metric
			if metric == "" {
				metric = "complaints"
			}
			ratio := "n/a" // NPS and CSAT: a ratio means nothing
			switch {
			case a.Ratio != nil:
				ratio = strconv.FormatFloat(*a.Ratio, 'f', 2, 64)
			case a.NewGroup:
				// no complaint before: a ratio to nothing is no figure
				ratio = "new"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
				a.PeriodStart, a.Kind, cleanCell(a.Dimension), cleanCell(a.Group), metric,
				strconv.FormatFloat(a.Observed, 'f', -1, 64), strconv.FormatFloat(a.Expected, 'f', -1, 64),
				ratio, trend.FormatP(a.PValue), trend.FormatP(a.QValue), key[a.Method], cleanCell(strings.Join(a.Evidence, " ")), trend.Figures(a, string(res.Period)))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		asOf := res.AsOf
		if asOf == "" {
			asOf = "(no complaints or responses dated)"
		}
		fmt.Fprintf(e.stdout, "%s, period %s, as of %s\n", quantity(len(res.Alerts), "alert", "alerts"), res.Period, asOf)
		for _, m := range methods {
			fmt.Fprintf(e.stdout, "method %s: %s\n", key[m], cleanCell(m))
		}
		for i, a := range res.Alerts {
			if tc := a.TextCoverage; tc != nil {
				// the topics read from text move with the share of
				// complaints that have one (the QA pass's "shift topic
				// other", from a fall of narratives, not of complaints)
				changed := ""
				if a.Since != "" {
					changed = " (since " + a.Since + ")"
				}
				fmt.Fprintf(e.stdout, "%s %s %s of the %s of %s%s: narrative coverage %s against %s before (from %s; p %s): topics read from text move with it\n",
					cleanCell(a.Dimension), cleanCell(a.Group), a.Kind, res.Period, a.PeriodStart, changed,
					percent(tc.Share), percent(tc.BaselineShare), tc.BaselineFrom, trend.FormatP(tc.PValue))
			}
			if line := sourcesLine(res, i); line != "" {
				fmt.Fprintln(e.stdout, line)
			}
		}
		for _, line := range leftOutLines(res) {
			fmt.Fprintln(e.stdout, line)
		}
		if res.Tests == 0 && res.AsOf != "" {
			// no alert with no test made is no verdict: the period judged
			// holds no complaints (past the data), or no group has
			// history enough
			fmt.Fprintf(e.stdout, "no test made: the %s judged holds no complaints, or no group has %d %ss of history before it\n", res.Period, trend.MinBaseline, res.Period)
		}
		for _, nj := range res.NotJudged {
			fmt.Fprintf(e.stdout, "source %s (first complaint in the period of %s) is new: its complaints are not judged before %s\n",
				cleanCell(nj.Source), nj.FirstPeriod, nj.JudgedFrom)
		}
		if res.MetricsTested != nil {
			// --metrics: those that got no test, said (unsaid, "0
			// alerts" read as the scores judged unchanged)
			var untested []string
			for _, m := range trend.Metrics {
				// one the survey sources kept from being tested had
				// answers enough: its own line below says why
				kept := slices.ContainsFunc(res.MetricsNotTested, func(nt trend.MetricNotTested) bool {
					return nt.Metric == m && nt.Reason == trend.ReasonSurveySources && nt.Test == "level"
				})
				if !slices.Contains(res.MetricsTested, m) && !kept {
					untested = append(untested, m)
				}
			}
			if len(untested) > 0 {
				fmt.Fprintf(e.stdout, "metrics not tested: %s (too few survey answers or resolution times in the periods judged)\n", strings.Join(untested, ", "))
			}
		}
		for i := 0; i < len(res.MetricsNotTested); i++ {
			nt := res.MetricsNotTested[i]
			if nt.Metric == "phrases" {
				// --include-partial --phrases: the phrases are the
				// latest complete period's (unsaid, they read as the
				// partial period's, or their absence as none emerging)
				fmt.Fprintf(e.stdout, "emerging phrases of the incomplete %s of %s not mined: a phrase is judged over complete %ss only; those listed are of the %s of %s\n",
					res.Period, nt.PeriodStart, res.Period, res.Period, res.PhrasesPeriodStart)
				continue
			}
			test := testName(nt.Test)
			if nt.Reason == trend.ReasonSurveySources {
				// a test the survey sources kept from being made (a new
				// instrument alone in the period): not of an incomplete
				// period, nor of too few answers of every source
				why := fmt.Sprintf("%s of survey sources with a baseline of their own, a test needs %d", quantity(nt.Responses, "answer", "answers"), nt.MinResponses)
				left := keptLeftOut(res, nt.PeriodStart, nt.Metric, nt.Test)
				if nt.Test == "trend" {
					// not always a source begun late: a compared source
					// of few answers a period gives no points either (QA)
					why = fmt.Sprintf("fewer than 4 %ss of %d or more answers of the compared survey sources, from the first %s they all answered", res.Period, nt.MinResponses, res.Period)
				} else if next := i + 1; next < len(res.MetricsNotTested) && res.MetricsNotTested[next] == (trend.MetricNotTested{PeriodStart: nt.PeriodStart,
					Metric: nt.Metric, Test: "trend", Reason: nt.Reason, Responses: nt.Responses, MinResponses: nt.MinResponses}) &&
					keptLeftOut(res, nt.PeriodStart, nt.Metric, "trend") == left {
					// no line through the same too few answers either:
					// one line
					test += " and " + testName("trend")
					i++
				}
				if left != "" {
					// the sources that answered and were set aside,
					// named (QA: tel-new's 384 answers went unsaid)
					why = left + "; " + why
				}
				fmt.Fprintf(e.stdout, "%s %s of the %s of %s not tested within survey sources: %s (%s)\n", nt.Metric, test, res.Period, nt.PeriodStart, why, sameSourceOnly)
				continue
			}
			// --include-partial: the partial period's NPS and CSAT
			// tests left out, said (unsaid, its "0 alerts" read as its
			// scores judged unchanged)
			why := fmt.Sprintf("a trend line goes through complete %ss only (%d answers so far)", res.Period, nt.Responses)
			if nt.Reason == trend.ReasonTooFewResponses {
				why = fmt.Sprintf("%d answers so far, a test needs %d", nt.Responses, nt.MinResponses)
			}
			fmt.Fprintf(e.stdout, "%s %s of the incomplete %s of %s not tested: %s\n", nt.Metric, test, res.Period, nt.PeriodStart, why)
		}
		for _, nt := range res.TopicsNotTested {
			// the topic tests left out across a change of model (unsaid,
			// "0 alerts" read as the topics judged unchanged)
			models := make([]string, len(nt.Models))
			for i, m := range nt.Models {
				models[i] = fmt.Sprintf("%s: %s, received %s to %s", cleanCell(m.Model), quantity(m.Complaints, "complaint", "complaints"), m.First, m.Last)
			}
			fmt.Fprintf(e.stdout, "topic tests of the %s of %s not made (%s): the %ss compared hold complaints of %d topic models, different vocabularies (%s); `complaints classify --all --model FILE` (or --taxonomy FILE) classifies them all with one\n",
				res.Period, nt.PeriodStart, strings.Join(nt.Dimensions, "; "), res.Period, len(nt.Models), strings.Join(models, "; "))
		}
		for _, si := range res.Silent {
			fmt.Fprintf(e.stdout, "source %s is silent: %d complaints in the %d %ss before the last judged, none since %s (an export not loaded? a feed stopped?)\n",
				cleanCell(si.Source), si.Recent, trend.RecentPeriods(res.Period), res.Period, si.LastComplaint)
		}
		if len(res.Phrases) == 0 && res.PhrasesPeriodStart != "" && res.PhrasesWithheld == nil {
			// --phrases asked, none found: said, not left to read as
			// not looked for
			fmt.Fprintf(e.stdout, "no emerging phrases in the %s of %s\n", res.Period, res.PhrasesPeriodStart)
		}
		if len(res.Phrases) > 0 {
			fmt.Fprintln(e.stdout)
			tw = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "period_start\tphrase\tobserved\texpected\tratio\tq_value\tmerged\tevidence\n")
			for _, p := range res.Phrases {
				fmt.Fprintf(tw, "%s\t%s\t%v\t%v\t%.2f\t%s\t%s\t%s\n", p.PeriodStart, cleanCell(p.Phrase), p.Observed, p.Expected,
					p.Ratio, trend.FormatP(p.QValue), cleanCell(strings.Join(p.Merged, ", ")), cleanCell(strings.Join(p.Evidence, " ")))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			// --since replays the alerts, not the phrases: say so
			// where a replay of several periods lists them (the QA
			// pass read them as each period's)
			if last := res.Phrases[0].PeriodStart; !since.IsZero() && since.Format("2006-01-02") < last {
				fmt.Fprintf(e.stdout, "emerging phrases of the last period judged (%s) only, not replayed: --as-of an earlier date lists that period's\n", last)
			}
		}
		return nil
	default:
		return checkFormat(format, "table", "json")
	}
}

// methodKeys keys the methods of alerts in the order they first appear:
// M1, M2, ... A method is a sentence ("Mann-Kendall on the share,
// Hamed-Rao corrected, Sen slope"), too long for a column of the table:
// the column holds its key, and the lines under the table the methods.
func methodKeys(alerts []trend.Alert) (methods []string, key map[string]string) {
	key = map[string]string{}
	for _, a := range alerts {
		if _, seen := key[a.Method]; !seen {
			methods = append(methods, a.Method)
			key[a.Method] = "M" + strconv.Itoa(len(methods))
		}
	}
	return methods, key
}

// sameSourceOnly is why an NPS or CSAT test leaves a survey source out:
// a change of instrument loads as another source (trend.SurveySources).
const sameSourceOnly = "a score is compared with the same survey source's answers only"

// testName names an NPS or CSAT test (the Test of trend.MetricNotTested
// and trend.SurveySourceLeftOut) with the alerts it raises.
func testName(test string) string {
	if test == "level" {
		return "level (shift)"
	}
	return "trend (rising/falling)"
}

// metricTest is the test that raises an NPS or CSAT alert of kind.
func metricTest(kind string) string {
	if kind == trend.KindShift {
		return "level"
	}
	return "trend"
}

// leftOutWhy says why a test left a survey source out, from the detector's
// reason (trend.SurveySourceLeftOut).
func leftOutWhy(reason string, period trend.Period) string {
	switch reason {
	case trend.ReasonNoResponses:
		return fmt.Sprintf("no answers in the %s", period)
	case trend.ReasonNoBaseline:
		return fmt.Sprintf("none in the %ss before it", period)
	case trend.ReasonFewBaseline:
		return fmt.Sprintf("too few in the %ss before it for a test", period)
	}
	return "no answers of its own to compare with" // a reason this version does not know
}

// leftOutText names the survey sources a test (metric, test, of the period
// starting start) left out, each with why from the detector's record
// (trend.Result.SurveySourcesLeftOut): "it-csat-2018 left out (no answers
// in the week)", "a (...), b (...) left out"; with counts, each one's
// answers of the period where the record has them ("...; 384 answers this
// month").
func leftOutText(sources []string, metric, test, start string, period trend.Period, record []trend.SurveySourceLeftOut, counts bool) string {
	named := make([]string, len(sources))
	for i, src := range sources {
		named[i] = cleanCell(src)
		j := slices.IndexFunc(record, func(lo trend.SurveySourceLeftOut) bool {
			return lo.PeriodStart == start && lo.Metric == metric && lo.Test == test && lo.Source == src
		})
		if j < 0 {
			continue
		}
		why := leftOutWhy(record[j].Reason, period)
		if n := record[j].Responses; counts && n > 0 {
			why += fmt.Sprintf("; %s this %s", quantity(n, "answer", "answers"), period)
		}
		if len(sources) == 1 {
			// its reason after the verb, where a reader looks for it
			return named[i] + " left out (" + why + ")"
		}
		named[i] += " (" + why + ")"
	}
	return strings.Join(named, ", ") + " left out"
}

// sourcesLine says, of the NPS or CSAT alert res.Alerts[i] whose test
// left survey sources out (trend.Alert.SurveySources), which it compared
// and which it left out, and why (the result's SurveySourcesLeftOut): a
// score is compared with the same source's answers only (a change of
// instrument loads as another source), and the QA pass's CSAT of 2020-02
// was it-csat-2019's alone, it-csat-2018 answered to 2019-08. The alerts
// of the same metric and period that say the same (a shift and a rise
// leaving the same source out, a QA pass's two near-identical lines) are
// one line, on the first of them. "" when none was left out, or said on
// an earlier alert's line.
func sourcesLine(res trend.Result, i int) string {
	a := res.Alerts[i]
	ss := a.SurveySources
	if ss == nil || len(ss.LeftOut) == 0 {
		return ""
	}
	compared := make([]string, len(ss.Compared))
	for k, src := range ss.Compared {
		compared[k] = cleanCell(src)
	}
	said := func(b trend.Alert) string {
		return strings.Join(compared, ", ") + " only; " +
			leftOutText(b.SurveySources.LeftOut, b.Metric, metricTest(b.Kind), b.PeriodStart, res.Period, res.SurveySourcesLeftOut, false)
	}
	text := said(a)
	same := func(b trend.Alert) bool {
		return b.Metric == a.Metric && b.PeriodStart == a.PeriodStart && b.SurveySources != nil &&
			slices.Equal(b.SurveySources.Compared, ss.Compared) && len(b.SurveySources.LeftOut) > 0 && said(b) == text
	}
	if slices.ContainsFunc(res.Alerts[:i], same) {
		return "" // said with that alert
	}
	var kinds, since []string
	for _, b := range res.Alerts[i:] {
		if !same(b) {
			continue
		}
		kinds = append(kinds, b.Kind)
		if b.Kind == trend.KindRising || b.Kind == trend.KindFalling {
			since = append(since, b.Kind+" since "+b.Since)
		}
	}
	// the shift (the level test) before the line, as the tests are
	slices.SortStableFunc(kinds, func(x, y string) int { return strings.Compare(metricTest(x), metricTest(y)) })
	slices.Sort(since)
	when := ""
	switch {
	case len(kinds) == 1 && len(since) == 1:
		when = " (since " + a.Since + ")"
	case len(since) > 0:
		when = " (" + strings.Join(since, ", ") + ")"
	}
	return fmt.Sprintf("%s %s of the %s of %s%s: %s: %s",
		a.Metric, strings.Join(kinds, " and "), res.Period, a.PeriodStart, when, text, sameSourceOnly)
}

// keptLeftOut names the survey sources the test (metric, test) of the
// period starting start, which the survey sources kept from being made,
// set aside, each with why and its answers of the period (the detector's
// record); "" when it names none.
func keptLeftOut(res trend.Result, start, metric, test string) string {
	var sources []string
	for _, lo := range res.SurveySourcesLeftOut {
		if lo.PeriodStart == start && lo.Metric == metric && lo.Test == test {
			sources = append(sources, lo.Source)
		}
	}
	if len(sources) == 0 {
		return ""
	}
	return leftOutText(sources, metric, test, start, res.Period, res.SurveySourcesLeftOut, true)
}

// leftOutLines say, of the NPS and CSAT tests that raised no alert and
// left survey sources out (res.SurveySourcesLeftOut), which and why: the
// test compared fewer sources than answered, and its "no change" says
// nothing of the others (unsaid, it read as of every source's answers).
// A period's level test and trend line that left the same out are one
// line.
func leftOutLines(res trend.Result) []string {
	type key struct{ start, metric, test string }
	var keys []key
	sources := map[key][]string{}
	for _, lo := range res.SurveySourcesLeftOut {
		k := key{lo.PeriodStart, lo.Metric, lo.Test}
		if slices.ContainsFunc(res.Alerts, func(a trend.Alert) bool {
			return a.Metric == k.metric && a.PeriodStart == k.start && metricTest(a.Kind) == k.test
		}) {
			continue // its alert's line says so
		}
		if slices.ContainsFunc(res.MetricsNotTested, func(nt trend.MetricNotTested) bool {
			return nt.Reason == trend.ReasonSurveySources && nt.PeriodStart == k.start && nt.Metric == k.metric && nt.Test == k.test
		}) {
			continue // a test not made: its "not tested" line names them
		}
		if _, seen := sources[k]; !seen {
			keys = append(keys, k)
		}
		sources[k] = append(sources[k], lo.Source)
	}
	var lines []string
	for i := 0; i < len(keys); i++ {
		k := keys[i]
		left := leftOutText(sources[k], k.metric, k.test, k.start, res.Period, res.SurveySourcesLeftOut, false)
		tests := testName(k.test)
		if i+1 < len(keys) && keys[i+1].start == k.start && keys[i+1].metric == k.metric &&
			leftOutText(sources[keys[i+1]], k.metric, keys[i+1].test, k.start, res.Period, res.SurveySourcesLeftOut, false) == left {
			tests += " and " + testName(keys[i+1].test)
			i++
		}
		lines = append(lines, fmt.Sprintf("%s %s of the %s of %s, no alert: %s: %s, so finding no change says nothing of the sources left out",
			k.metric, tests, res.Period, k.start, left, sameSourceOnly))
	}
	return lines
}

// percent writes a share as a percentage of one decimal.
func percent(x float64) string {
	return strconv.FormatFloat(100*x, 'f', 1, 64) + "%"
}
