package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
	"github.com/complaints/complaints/reports"
)

func init() {
	register(&command{
		name:    "metrics",
		usage:   "metrics [--period day|week|month] [--by DIM]... [--as-of DATE] [--churn [--limit N] | --recovery | --drivers [--min-responses N]] [--link-window D] [--ack-days N] [--resolution-target D] [--holidays DATES] [--business-hours] [--format table|json|csv]",
		summary: "CSAT, NPS, resolution, response times, SLA, backlog; --churn ranks customers at risk",
		run:     runMetrics,
	})
}

func runMetrics(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "metrics")
	period := fs.String("period", "week", "period: day, week or month")
	var by []string
	fs.Func("by", "split by DIM ("+strings.Join(metrics.Dimensions, ", ")+") or a pair such as topic,product; repeatable", func(s string) error {
		by = append(by, s)
		return nil
	})
	asOf := fs.String("as-of", "", "report date YYYY-MM-DD (default: the latest date a complaint was received or a survey answered)")
	churn := fs.Bool("churn", false, "rank customers by churn risk instead of the metrics table")
	limit := fs.Int("limit", 100, "with --churn: customers to list (-1: all)")
	recovery := fs.Bool("recovery", false, "service recovery: CSAT/NPS of resolved, unresolved and non-complainants, with tests")
	drivers := fs.Bool("drivers", false, "topic drivers of NPS and CSAT (leave-one-out impact and regression)")
	minResponses := fs.Int("min-responses", 30, "with --drivers: fewest responses a topic needs to be shown")
	format := fs.String("format", "table", "output format: table, csv or json")
	var tf targetFlags
	tf.define(fs)
	window := durationFlag(fs, "link-window", 30*24*time.Hour, "how far back a survey links to the customer's latest complaint: 30d, 4w, 720h")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return extraArgs(rest)
	}
	holidays, err := tf.parse()
	if err != nil {
		return err
	}
	if modes := b2i(*churn) + b2i(*recovery) + b2i(*drivers); modes > 1 {
		// one ran and the others were silently ignored
		return usageError("--churn, --recovery and --drivers are each a table of their own: give one")
	}
	if *window <= 0 {
		return usageError("--link-window %s: want a positive duration, e.g. 720h", *window)
	}
	// a mode's own flag without its mode was ignored without a word
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	mode := ""
	switch {
	case *churn:
		mode = "--churn"
	case *recovery:
		mode = "--recovery"
	case *drivers:
		mode = "--drivers"
	}
	for _, name := range []string{"by", "period"} {
		if mode != "" && set[name] {
			// ignored too, the output the same bytes (QA pass BI)
			return usageError("--%s shapes the metrics table; %s is a table of its own, of everything up to the report date: give one or the other", name, mode)
		}
	}
	if set["limit"] && !*churn {
		return usageError("--limit counts the customers --churn lists: give --churn too")
	}
	if set["min-responses"] && !*drivers {
		return usageError("--min-responses is --drivers' floor: give --drivers too")
	}
	if *limit == 0 || *limit < -1 {
		// the library reads 0 as its default, 100: a 0 given here
		// would list 100 customers
		return usageError("--limit %d: want the number of customers to list, 1 or more, or -1 for all", *limit)
	}
	opts := metrics.Options{Period: *period, By: by, AckTargetDays: *tf.ackDays, ResolutionTarget: *tf.resolution,
		BusinessHours: *tf.business, Holidays: holidays, LinkWindow: *window}
	if *asOf != "" {
		if opts.AsOf, err = e.asOfDate(*asOf); err != nil {
			return err
		}
	}
	if err := checkFormat(*format, "table", "csv", "json"); err != nil {
		return err
	}
	step := e.steps("metrics")
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	step("open")
	switch {
	case *recovery:
		rec, err := metrics.ServiceRecovery(ctx, db, opts)
		if err != nil {
			return err
		}
		step("recovery", "tests", len(rec.Tests))
		defer step("write")
		if *format == "json" {
			return writeJSON(e, rec)
		}
		if err := writeStructs(e, rec.Groups, *format); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		return writeStructs(e, rec.Tests, *format)
	case *drivers:
		ds, err := metrics.Drivers(ctx, db, metrics.DriverOptions{Options: opts, MinResponses: *minResponses})
		if err != nil {
			return err
		}
		step("drivers", "rows", len(ds))
		defer step("write")
		return writeStructs(e, ds, *format)
	}
	if *churn {
		return writeChurn(ctx, e, db, metrics.ChurnOptions{Options: opts, Limit: *limit}, *format, step)
	}
	rows, err := metrics.Compute(ctx, db, opts)
	if err != nil {
		return err
	}
	step("compute", "rows", len(rows))
	defer step("write")
	if err := writeStructs(e, rows, *format); err != nil {
		return err
	}
	if len(rows) == 0 && *format == "table" {
		// a header alone read as a failure to compute
		when := "in the warehouse"
		if *asOf != "" {
			when = "on or before " + *asOf
		}
		fmt.Fprintf(e.stdout, "no complaint or survey response %s\n", when)
	}
	return nil
}

// writeChurn ranks the customers at risk and writes them, logging each
// step with step.
func writeChurn(ctx context.Context, e *env, db metrics.Querier, opts metrics.ChurnOptions, format string, step func(string, ...any)) error {
	customers, total, quality, err := metrics.Churn(ctx, db, opts)
	if err != nil {
		return err
	}
	step("churn", "customers", len(customers), "with_signal", total)
	defer step("write")
	// personal IDs as the reports show them: the warehouse keeps the
	// raw ID, for `complaints sql` to join on
	for i := range customers {
		customers[i].CustomerID = reports.ShownCustomer(customers[i].CustomerID)
	}
	// unknown, as the metrics' churn_signal_customers, where no complaint
	// names its customer
	known, err := metrics.CustomerIDsRecorded(ctx, db, opts.Options)
	if err != nil {
		return err
	}
	if format == "json" {
		var withSignal *int64
		if known {
			withSignal = &total
		}
		return writeJSON(e, struct {
			WithSignal *int64                  `json:"customers_with_signal"`
			Customers  []metrics.ChurnCustomer `json:"customers"`
			Signals    []metrics.SignalQuality `json:"signals"`
		}{withSignal, customers, quality})
	}
	if err := writeStructs(e, customers, format); err != nil {
		return err
	}
	if format == "table" {
		fmt.Fprintf(e.stdout, "\n%s\n", churnLine(total, len(customers), known))
	}
	if len(quality) == 0 {
		return nil
	}
	if format == "table" {
		fmt.Fprintln(e.stdout, "\nSignal quality against customers.churned_at:")
	} else {
		fmt.Fprintln(e.stdout)
	}
	return writeStructs(e, quality, format)
}

// churnLine is the line under the churn table: how many customers have a
// signal (total), of whom listed are listed; known is whether any
// complaint names its customer. It was printed only when some were not
// listed, and a table of all or of none ended without it (a newcomer QA
// pass).
func churnLine(total int64, listed int, known bool) string {
	have := quantity(total, "customer has", "customers have") + " a churn signal"
	switch {
	case !known:
		return "no complaint names its customer: how many customers have a churn signal is unknown."
	case total == 0:
		return have + "."
	case total > int64(listed):
		return fmt.Sprintf("%s; the riskiest %s listed (--limit N, -1 for all).", have, quantity(listed, "is", "are")) // "1 is", "3 are"
	case total == 1:
		return have + "; it is listed."
	}
	return have + "; all are listed."
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeStructs prints a slice of structs, one column per JSON-tagged field,
// nil pointers as null ("n/a" in a table); JSON keeps the field order.
func writeStructs[T any](e *env, items []T, format string) error {
	if format == "json" {
		return writeJSON(e, items)
	}
	// Map fields (structured duplicates of a text column) are JSON-only;
	// unexported fields are skipped.
	t := reflect.TypeFor[T]()
	rs := &resultSet{noFormulas: true}
	var fields []int
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.Type.Kind() == reflect.Map || !f.IsExported() || f.Tag.Get("json") == "-" {
			continue
		}
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		rs.columns = append(rs.columns, name)
		fields = append(fields, i)
	}
	for _, it := range items {
		v := reflect.ValueOf(it)
		row := make([]any, 0, len(fields))
		for k, i := range fields {
			f := v.Field(i)
			switch {
			case f.Kind() == reflect.Pointer && f.IsNil():
				row = append(row, nil)
			case f.Kind() == reflect.Pointer:
				row = append(row, forTable(rs.columns[k], f.Elem().Interface(), format))
			case f.Kind() == reflect.Slice:
				parts := make([]string, f.Len())
				for j := range parts {
					parts[j] = fmt.Sprint(f.Index(j).Interface())
				}
				row = append(row, strings.Join(parts, "; "))
			default:
				row = append(row, forTable(rs.columns[k], f.Interface(), format))
			}
		}
		rs.rows = append(rs.rows, row)
	}
	return rs.write(e.stdout, format)
}

// forTable rounds the floats of column for the table view: to 4 decimals,
// but a p- or q-value as the trends table writes it (probCell: 5.4e-06,
// where 4 decimals read 0; the pages write them alike). CSV and JSON keep
// full precision.
func forTable(column string, v any, format string) any {
	x, ok := v.(float64)
	if !ok || format != "table" {
		return v
	}
	if column == "p_value" || column == "q_value" {
		return trend.FormatP(x)
	}
	return math.Round(x*1e4) / 1e4
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
