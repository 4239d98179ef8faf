package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/reports"
)

func init() {
	register(&command{
		name:    "report",
		usage:   "report --out DIR [--period week|month] [--as-of YYYY-MM-DD] [--ack-days N] [--resolution-target D] [--holidays DATES] [--business-hours]",
		summary: "write the HTML reports (index, weekly, executive, defects, audit) into DIR",
		run:     runReport,
	})
}

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report")
	out := fs.String("out", "", "output directory (required)")
	period := fs.String("period", "week", "period of the trend charts: week or month")
	asOf := fs.String("as-of", "", "report date YYYY-MM-DD (default: the latest date a complaint was received or a survey answered)")
	var tf targetFlags
	tf.define(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return extraArgs(rest)
	}
	if *out == "" {
		return usageError("--out is required: the directory to write the pages to")
	}
	opts, err := reportOptions(e, *out, *period, *asOf, tf)
	if err != nil {
		return err
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := reports.Write(ctx, db, opts); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s/index.html\n", *out)
	return nil
}

// targetFlags are the complaint-handling targets and working calendar
// that metrics, report and run take alike.
type targetFlags struct {
	ackDays    *float64
	resolution *time.Duration
	holidays   *string
	business   *bool
}

func (t *targetFlags) define(fs *flag.FlagSet) {
	t.ackDays = fs.Float64("ack-days", 3, "acknowledgement target in business days")
	t.resolution = durationFlag(fs, "resolution-target", 8*7*24*time.Hour, "resolution target (calendar time): 56d, 8w, 1344h")
	t.holidays = fs.String("holidays", "", "comma-separated holiday dates YYYY-MM-DD (not business days)")
	t.business = fs.Bool("business-hours", false, "report durations in business hours (Mon-Fri, minus --holidays)")
}

// defaultTargets are the flags' defaults, for callers with no flags.
func defaultTargets() targetFlags {
	var t targetFlags
	t.define(flag.NewFlagSet("targets", flag.ContinueOnError))
	return t
}

// parse checks the targets and returns the holidays.
func (t targetFlags) parse() ([]time.Time, error) {
	if !(*t.ackDays > 0) || math.IsInf(*t.ackDays, 1) {
		// (NaN and Inf parse as numbers: NaN met every target)
		return nil, usageError("--ack-days %g: want a number of business days above 0", *t.ackDays)
	}
	if *t.resolution <= 0 {
		return nil, usageError("--resolution-target %v: want a duration above 0", *t.resolution)
	}
	var hs []time.Time
	for _, h := range strings.FieldsFunc(*t.holidays, func(r rune) bool { return r == ',' }) {
		d, err := parseDate("--holidays", strings.TrimSpace(h))
		if err != nil {
			return nil, err
		}
		hs = append(hs, d)
	}
	// a set of dates: in order and once each, so that the pages that list
	// them are the same bytes however they were given
	slices.SortFunc(hs, time.Time.Compare)
	return slices.CompactFunc(hs, time.Time.Equal), nil
}

// reportOptions builds the reports' options from the command's flags.
func reportOptions(e *env, out, period, asOf string, tf targetFlags) (reports.Options, error) {
	opts := reports.Options{
		OutDir:   out,
		Period:   period,
		Settings: [][2]string{{"warehouse", filepath.Base(e.dbPath)}}, // its name: the path would tell where a mailed report was made
		Log:      e.log.With("stage", "report"),
	}
	holidays, err := tf.parse()
	if err != nil {
		return opts, err
	}
	opts.AckTargetDays, opts.ResolutionTargetDays, opts.Holidays = *tf.ackDays, tf.resolution.Hours()/24, holidays
	opts.BusinessHours = *tf.business
	if opts.BusinessHours {
		opts.Settings = append(opts.Settings, [2]string{"durations", "business hours"})
	}
	if len(holidays) > 0 {
		days := make([]string, len(holidays))
		for i, h := range holidays {
			days[i] = h.Format(time.DateOnly)
		}
		opts.Settings = append(opts.Settings, [2]string{"holidays", strings.Join(days, ", ")})
	}
	if period != "week" && period != "month" {
		return opts, usageError("--period %q: want week or month", period)
	}
	if asOf != "" {
		t, err := e.asOfDate(asOf)
		if err != nil {
			return opts, err
		}
		opts.AsOf = t
	}
	return opts, nil
}

// asOfDate reads --as-of. A date after tomorrow is read, with a warning:
// the figures judge open complaints at that date (--as-of 2099-01-01 made
// the SLA met of the last week 0.444 where it was 0.914, without a word).
func (e *env) asOfDate(s string) (time.Time, error) {
	t, err := parseDate("--as-of", s)
	if err != nil {
		return t, err
	}
	if now := e.now(); t.After(now.AddDate(0, 0, 1)) {
		e.log.Warn("--as-of is in the future: open complaints are judged as still open at that date, and the periods after the data's are empty",
			"as_of", s, "today", now.UTC().Format(time.DateOnly))
	}
	return t, nil
}

// writeReports writes the reports of run (and its benchmark) with opts,
// keeping the phrase counts in a writable warehouse.
func writeReports(ctx context.Context, e *env, db *warehouse.DB, opts reports.Options) error {
	// run holds the warehouse for writing: the reports keep their phrase
	// counts in it, so that the next run reads only new texts.
	opts.KeepPhraseCounts = !db.ReadOnly()
	e.log.With("stage", "report").Debug("writing reports", "out", opts.OutDir)
	if err := reports.Write(ctx, db, opts); err != nil {
		return err
	}
	return nil
}

// parseDate reads the date s, YYYY-MM-DD, of the flag named: one written
// so that is none (2020-02-30, 2024-13-01) is "no such date", as every
// date flag says (--since said "want YYYY-MM-DD" of it: QA pass BI).
func parseDate(flag, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil && isDateForm(s) {
		return t, fmt.Errorf("%s %q: no such date", flag, s)
	}
	if err != nil {
		return t, fmt.Errorf("%s %q: want YYYY-MM-DD", flag, s)
	}
	return t, nil
}

// isDateForm reports whether s is written YYYY-MM-DD, whatever its numbers.
func isDateForm(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// days is a duration flag that also takes days and weeks ("56d", "8w"),
// as complaint-handling targets are written; "8w" was refused with Go's
// "parse error" and the whole flag list (QA pass P).
type days struct{ d *time.Duration }

func (v days) String() string {
	if v.d == nil {
		return ""
	}
	return v.d.String()
}

func (v days) Set(s string) error {
	for unit, size := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, unit); ok {
			x, err := strconv.ParseFloat(n, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("want a duration such as 56d, 8w or 1344h")
			}
			*v.d = time.Duration(x * float64(size))
			return nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("want a duration such as 56d, 8w or 1344h")
	}
	*v.d = d
	return nil
}

// durationFlag defines a days flag with its default.
func durationFlag(fs *flag.FlagSet, name string, value time.Duration, usage string) *time.Duration {
	d := value
	fs.Var(days{&d}, name, usage)
	return &d
}
