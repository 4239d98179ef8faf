package ingest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"
)

// dateFamilies are the layouts inferDates tries on a timestamp column that
// is not ISO 8601, by family: named months, which are never ambiguous,
// month first (US), day first, and a two-digit year first (22-04-15 as
// 2022-04-15). Each family also reads ISO dates, so that a column mixing
// both still parses. A family's layouts of a two-digit year come before
// those of four: %Y reads "24" as the year 24, where %y does not read
// "2024".
var dateFamilies = []struct {
	name    string
	layouts []string
}{
	{"named month", slices.Concat([]string{"%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y",
		"%d-%b-%Y %H:%M:%S", "%d-%b-%Y %H:%M", "%d %b %Y %H:%M", "%d %b %Y %H:%M:%S", "%b %d, %Y %I:%M %p", "%b %d, %Y %I:%M:%S %p", "%b %d, %Y %H:%M",
		"%d %b %Y %I:%M %p", "%d %b %Y %I:%M:%S %p", "%d-%b-%Y %I:%M %p", "%d-%b-%Y %I:%M:%S %p",
		"%B %d, %Y %I:%M %p", "%B %d, %Y %H:%M", "%a %b %d %H:%M:%S %z %Y", "%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S",
		// Jira's default (dd/MMM/yy h:mm a)
		"%d/%b/%y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y", "%d/%b/%Y %I:%M %p", "%d/%b/%Y %H:%M", "%d/%b/%Y",
		// a spreadsheet's long dates, with the day of the week
		"%A, %B %d, %Y", "%A, %d %B %Y", "%A %d %B %Y", "%a, %b %d, %Y", "%a, %d %b %Y", "%a %d %b %Y"},
		ordinals("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y", "%A, %d %B %Y", "%A %d %B %Y"))},
	{"month first", []string{"%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y %I:%M:%S %p", "%m/%d/%y %I:%M %p", "%m/%d/%y",
		"%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y"}},
	{"day first", []string{"%d/%m/%y %H:%M:%S", "%d/%m/%y %H:%M", "%d/%m/%y", "%d-%m-%y %H:%M", "%d-%m-%y", "%d.%m.%y",
		"%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y"}},
	{"two-digit year first", []string{"%y-%m-%d %H:%M:%S", "%y-%m-%d %H:%M", "%y-%m-%d"}},
}

// The orders Options.DateOrder names, and their families' indexes in
// dateFamilies.
const (
	DateMonthFirst = "month"
	DateDayFirst   = "day"
	monthFirst     = 1
	dayFirst       = 2
)

// ordinals returns layouts with their day written as an ordinal ("March
// 4th, 2024", "4th March 2024"), as a register typed by hand has it: one
// layout a suffix, which strptime reads as literal text.
func ordinals(layouts ...string) []string {
	var out []string
	for _, l := range layouts {
		for _, suffix := range []string{"st", "nd", "rd", "th"} {
			out = append(out, strings.Replace(l, "%d", "%d"+suffix, 1))
		}
	}
	return out
}

// yearFirst is the index in dateFamilies of the two-digit year first,
// which is no reading of a column when it puts one of its dates in the
// future: 31-03-15 read so is the year 2031 (dateFamilyOf).
const yearFirst = 3

// The layouts of a time given as a number, which strptime has no
// directive for (build.go's valueExpr reads them): seconds or milliseconds
// since 1970-01-01 UTC, as APIs write times (Intercom's created_at:
// 1710435900), and days since 1899-12-30, as spreadsheets store dates
// (Excel's and LibreOffice's serial dates: 45365 is 2024-03-14, 45365.5
// noon), which a CSV saved from a column formatted as a number holds.
const (
	epochSeconds = "epoch"
	epochMillis  = "epoch_ms"
	excelSerial  = "excel"
)

// numberLayouts name the numeric layouts above, as inferDates logs them.
var numberLayouts = map[string]string{epochSeconds: "seconds since 1970", epochMillis: "milliseconds since 1970",
	excelSerial: "a spreadsheet's serial dates (days since 1899-12-30)"}

// isNumberLayout reports whether layout is one of the numeric ones above.
func isNumberLayout(layout string) bool {
	_, ok := numberLayouts[layout]
	return ok
}

// sinceEpoch is the SQL reading text as the numeric time layout writes it:
// 9 or 10 digits of seconds (the years 1973 to 2286), 12 or 13 of
// milliseconds, or 5 digits of days and maybe their fraction (the years
// 1927 to 2173), to the millisecond; a TIMESTAMPTZ, null for other text.
func sinceEpoch(text, layout string) string {
	num := "try_cast(" + text + " AS DOUBLE)"
	pattern, secs := "[0-9]{9,10}", num
	switch layout {
	case epochMillis:
		pattern, secs = "[0-9]{12,13}", num+" / 1000"
	case excelSerial:
		// 25569 is the day number of 1970-01-01
		pattern, secs = "[0-9]{5}([.][0-9]+)?", "round(("+num+" - 25569) * 86400, 3)"
	}
	return "CASE WHEN regexp_full_match(" + text + ", '" + pattern + "') THEN to_timestamp(" + secs + ") END"
}

// isNumber is the SQL of whether text is a number, not negative: what a
// numeric layout may read.
func isNumber(text string) string {
	return "regexp_full_match(" + text + ", '[0-9]+([.][0-9]+)?')"
}

// numberHint is what a timestamp's reject reason adds when the value is a
// number: the mapping's dates that read numbers (a number of days from an
// XLSX cell formatted as a number, or milliseconds among seconds, were
// rejected with no word of them: QA pass Y).
const numberHint = "the mapping's dates read epoch: seconds since 1970, epoch_ms: milliseconds, excel: a spreadsheet's day number"

// isoUpper is the SQL of the text x, in capitals when it is an ISO 8601
// date and time written with a small t or z (2021-01-04t00:30:00z), as
// RFC 3339 allows (5.6): no cast or layout reads them, and each such
// record was rejected (QA pass BF). An ISO time holds no other letter.
func isoUpper(x string) string {
	return "CASE WHEN (contains(" + x + ", 't') OR contains(" + x + ", 'z')) AND regexp_matches(" + x +
		", '^[0-9]{4}-?[0-9]{2}-?[0-9]{2}[Tt ][0-9]') THEN upper(" + x + ") ELSE " + x + " END"
}

// isoLayouts read the ISO dates of a column whose other values need a
// layout, ISO 8601's basic format (20240314), and an ISO date and time
// with its offset after a space (2024-03-04 10:15:32 -0500, as Ruby
// writes a time), and a time to the minute with an offset or Z
// (2024-03-10T09:00+01:00, 2024-03-10T09:00Z: valid ISO 8601, which no
// cast reads), read as UTC.
var isoLayouts = []string{"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y%m%dT%H%M%S", "%Y%m%d", "%Y-%m-%d %H:%M:%S %z",
	"%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%MZ"}

// familyLayouts are the layouts family fi of dateFamilies tries, its own
// and then isoLayouts.
func familyLayouts(fi int) []string {
	return append(slices.Clone(dateFamilies[fi].layouts), isoLayouts...)
}

// dateSample is how many values of a column inferDates reads (the first,
// in file order).
const dateSample = 2000

// inferDates returns m, or a copy of it with the layouts of the timestamp
// fields whose values are not ISO 8601 and for which m gives none: read
// from the first dateSample values of each such column, the first family
// of dateFamilies whose layouts read every one of them, when no other
// family does too. Named months are never ambiguous; "03/01/2024" is month
// first or day first, and a column whose values fit both (no day over 12
// among them) takes the order another date column of the file shows (one
// file, one tool, one way of writing dates: a register's "Date received"
// of 04/03/2024 and 12/03/2024 is day first when its "Final response date"
// has an 18/03/2024), else the order --date-order names; with none, it
// gets no layout: its records are rejected, naming the value, as before.
// A column that one order reads but for a few values only the other
// reads (dateFit.mostly: a typo's 14/03/2021 among 03/14/2021s) is read
// in that order, the few rejected each on its own; one of many values of
// each order takes --date-order's, or else gets no layout, its reason
// naming how many of each (QA pass BF: one such value rejected every
// record). A column whose values tell its order keeps it whatever
// --date-order says: kept says so, by field.
// inferred lists the field and family of each layout set.
func inferDates(ctx context.Context, conn *sql.Conn, j *job, m *Mapping) (out *Mapping, inferred []string, kept map[string]string, err error) {
	out = m
	order := -1 // the family --date-order names
	switch j.dateOrder {
	case DateMonthFirst:
		order = monthFirst
	case DateDayFirst:
		order = dayFirst
	}
	sources := m.fieldSources()
	type column struct {
		field string
		fit   dateFit
	}
	var cols []column
	shown := map[int]bool{} // the numeric orders some column shows alone
	for _, f := range j.tbl.fields {
		c, ok := sources[f.name]
		_, elapsed := m.Elapsed[f.name]
		if f.typ != tTimestamp || !ok || pseudoColumn(c) || len(m.Dates[f.name]) > 0 || len(m.Values[f.name]) > 0 || elapsed {
			continue
		}
		fit, err := dateFamilyOf(ctx, conn, j, c)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("dates of %s: %w", c, err)
		}
		cols = append(cols, column{f.name, fit})
		if len(fit.families) == 1 && fit.families[0] != namedMonth {
			shown[fit.families[0]] = true
		}
		if fi := fit.mostly(); fi >= 0 {
			shown[fi] = true
		}
	}
	for _, c := range cols {
		if c.fit.zoned {
			// no typed column (typedColumn): DuckDB's reader would read
			// the abbreviations as ICU does
			out = withDates(m, out)
			if out.zoned == nil {
				out.zoned = map[string]bool{}
			}
			out.zoned[c.field] = true
		}
		if c.fit.epoch != "" {
			out = withDates(m, out)
			out.Dates[c.field] = strList{c.fit.epoch}
			inferred = append(inferred, c.field+": "+numberLayouts[c.fit.epoch])
			continue
		}
		fam := c.fit.family()
		if fam < 0 && len(shown) == 1 && len(c.fit.families) > 1 {
			for fi := range shown {
				if slices.Contains(c.fit.families, fi) {
					fam = fi
				}
			}
		}
		var from *orderSource // what set an order of month or day first
		mostly := -1
		if fam < 0 {
			// before --date-order: a column of one order but for a typo
			// tells its order as plainly as one without (QA pass BK: the
			// flag read such a column in the other order, half its dates
			// loaded with day and month swapped)
			if mostly = c.fit.mostly(); mostly >= 0 {
				fam, from = mostly, &orderSource{mostly, mostly == order}
			}
		}
		if fam >= 0 && order >= 0 && isOrder(fam) && fam != order && !c.fit.isoOnly {
			// a column whose values tell keeps their order (README), said
			why := fmt.Sprintf("its values are %s (some read no other way)", dateFamilies[fam].name)
			switch {
			case mostly >= 0:
				why = fmt.Sprintf("its values are %s but for a few, rejected each on its own", dateFamilies[fam].name)
			case c.fit.family() < 0:
				why = fmt.Sprintf("its values read either way, and the file's other date columns are %s", dateFamilies[fam].name)
			}
			if kept == nil {
				kept = map[string]string{}
			}
			kept[c.field] = fmt.Sprintf("--date-order %s not followed: %s", j.dateOrder, why)
		}
		if fam < 0 && order >= 0 && (slices.Contains(c.fit.families, order) || c.fit.alone[order] > 0) {
			// the order the user gave, when the values allow it or are of
			// both orders: those of the other are rejected, saying so
			fam, from = order, &orderSource{order, true}
		}
		if fam < 0 {
			if len(c.fit.families) > 1 || c.fit.alone != nil {
				// every value reads in more than one order, or the
				// column holds many of each: its records are rejected
				// saying so, and how to settle it
				out = withDates(m, out)
				if out.unreadDates == nil {
					out.unreadDates = map[string]string{}
				}
				out.unreadDates[c.field] = c.fit.orders(c.field)
				families := c.fit.families
				if len(families) == 0 {
					out.unreadDates[c.field] = c.fit.mixed()
					families = []int{monthFirst, dayFirst}
				}
				if out.unreadOrders == nil {
					out.unreadOrders = map[string][]strList{}
				}
				for _, fi := range families {
					out.unreadOrders[c.field] = append(out.unreadOrders[c.field], c.fit.layouts(fi))
				}
			}
			continue
		}
		out = withDates(m, out)
		out.Dates[c.field] = c.fit.layouts(fam)
		if from == nil && isOrder(fam) && !c.fit.isoOnly {
			from = &orderSource{fam, false}
		}
		if from != nil {
			if out.orderFrom == nil {
				out.orderFrom = map[string]orderSource{}
			}
			out.orderFrom[c.field] = *from
		}
		name := dateFamilies[fam].name
		if c.fit.isoOnly {
			name = "ISO 8601 as no cast reads it (basic format, or an offset after a space)"
		}
		inferred = append(inferred, c.field+": "+name)
	}
	return out, inferred, kept, nil
}

// isOrder reports whether family fi is month first or day first, the
// orders --date-order names.
func isOrder(fi int) bool { return fi == monthFirst || fi == dayFirst }

// orders says in which orders the dates of field's column read, each
// with the first layout of its family that reads them, and what settles
// it: --date-order for month first and day first, a layout in the
// mapping's dates for any other (a two-digit year first, which the
// message offered --date-order month for: it reads no 22-04-15).
func (d dateFit) orders(field string) string {
	var alts, settle []string
	flags := 0 // the orders --date-order names
	for _, fi := range d.families {
		l := d.layouts(fi)
		if len(l) == 0 {
			continue
		}
		name := dateFamilies[fi].name
		alts = append(alts, fmt.Sprintf("%s (%s)", name, l[0]))
		switch fi {
		case monthFirst:
			flags++
			settle = append(settle, "--date-order month reads them month first")
		case dayFirst:
			flags++
			settle = append(settle, "--date-order day reads them day first")
		default:
			settle = append(settle, fmt.Sprintf("a layout in the mapping's dates (%s: %q) %s", field, l[0], name))
		}
	}
	how := strings.Join(settle, ", ")
	if flags == len(settle) {
		how = "--date-order month or day (or a mapping's dates) says which"
	}
	return "the column's dates read " + strings.Join(alts, " or ") + " alike (no day over 12 among them): " + how
}

// withDates returns out, or when it is still the caller's mapping m
// (which may serve other files) a copy of it whose Dates can be set.
func withDates(m, out *Mapping) *Mapping {
	if out != m {
		return out
	}
	cp := *m
	cp.Dates = maps.Clone(m.Dates)
	cp.unreadDates = maps.Clone(m.unreadDates)
	cp.unreadOrders = maps.Clone(m.unreadOrders)
	cp.zoned = maps.Clone(m.zoned)
	cp.orderFrom = maps.Clone(m.orderFrom)
	if cp.Dates == nil {
		cp.Dates = map[string]strList{}
	}
	return &cp
}

// namedMonth is the index in dateFamilies of the named months' family.
const namedMonth = 0

// dateFit is what dateFamilyOf finds of a column's dates: the families of
// dateFamilies whose layouts read every sampled value (none when the
// values are ISO 8601 already), and the layouts that read any.
type dateFit struct {
	families []int
	read     map[string]bool
	isoOnly  bool   // the ISO layouts read every value
	epoch    string // epochSeconds, epochMillis or excelSerial: every value is one, of 2000 or later and not in the future
	zoned    bool   // a value ends in a zone's abbreviation (hasZoneAbbrev)
	// alone counts, by month first and day first, the values that order
	// reads and the other does not, when no family reads every value and
	// one of the two reads each (nil otherwise); sampled is the number of
	// values judged (distinct, of the first dateSample)
	alone   map[int]int64
	sampled int64
}

// mostly returns the order, month first or day first, that reads every
// sampled value but a few that only the other reads (a typo's 14/03/2021
// among 03/14/2021s), or -1. A few is at most one value in 50 (one at
// least), and at most a tenth of those the order alone reads: a column of
// two exports merged, one of each order, has many of each, and its values
// of days 1 to 12 read either way, a guess that would swap day and month
// of many (a column of one order has one value in 50 of days over 12
// written otherwise only by a slip).
func (d dateFit) mostly() int {
	for _, fi := range []int{monthFirst, dayFirst} {
		few := d.alone[otherOrder(fi)]
		if few > 0 && few <= max(1, d.sampled/50) && 10*few <= d.alone[fi] {
			return fi
		}
	}
	return -1
}

// otherOrder is day first for month first, and month first for day first.
func otherOrder(fi int) int { return monthFirst + dayFirst - fi }

// mixed says why a column whose values are many of each order (alone,
// and no order mostly) gets no layout: how many only each reads, and
// what settles it.
func (d dateFit) mixed() string {
	var each []string
	for _, fi := range []int{monthFirst, dayFirst} {
		each = append(each, fmt.Sprintf("%d %s alone (%s)", d.alone[fi], dateFamilies[fi].name, d.layouts(fi)[0]))
	}
	return fmt.Sprintf("the column's dates are written in two orders: of the %d different values among its first %d, %s read so: "+
		"--date-order month or day says which, and the values of the other are rejected", d.sampled, dateSample, strings.Join(each, ", "))
}

// orderSource says what set a timestamp field's layouts of month first or
// day first (family), when inferDates did: the column's values or, with
// flag, --date-order. A value only the other order reads is rejected
// saying so (its reason and swappedHint), not asking whether the
// mapping's dates swap day and month, as of a mapping's own layouts.
type orderSource struct {
	family int
	flag   bool
}

// why says, in a reject's reason, why a value that reads only in the
// other order is not read.
func (o orderSource) why() string {
	name := dateFamilies[o.family].name
	if o.flag {
		return fmt.Sprintf("--date-order %s reads the column %s", orderFlag(o.family), name)
	}
	return fmt.Sprintf("a %s date in a column read %s", strings.ReplaceAll(dateFamilies[otherOrder(o.family)].name, " ", "-"), name)
}

// question asks, in the warning of many values rejected that read in the
// other order (swappedHint), whether the column is of that order.
func (o orderSource) question() string {
	other := otherOrder(o.family)
	if o.flag {
		return fmt.Sprintf("are the dates %s, and --date-order %s wrong for this file?", dateFamilies[other].name, orderFlag(o.family))
	}
	return fmt.Sprintf("the column was read %s from its first %d values: are later ones %s? --date-order %s reads them so",
		dateFamilies[o.family].name, dateSample, dateFamilies[other].name, orderFlag(other))
}

// swappedWhy says, in a reject's reason, that a date reads as swapped
// (a timestamp field's layouts with day and month swapped) and why it is
// not read so, and asks, in the warning of many such (swappedHint), what
// may be wrong: of layouts inferDates set (inferred, from saying how),
// that the date is of the other order; of a mapping's, whether its dates
// swap day and month.
func swappedWhy(swapped []string, from orderSource, inferred bool) (why, question string) {
	as := strings.Join(swapped, " or ")
	if !inferred {
		return "it reads as " + as + ": day and month swapped in the mapping's dates?", "are day and month swapped in the mapping's dates?"
	}
	return "it reads " + dateFamilies[otherOrder(from.family)].name + ", as " + as + ": " + from.why(), from.question()
}

// placeholderDays are the days a database or a spreadsheet writes for a
// date it has none of, as a time of that day: SQL Server's zero datetime
// and a spreadsheet's day 1 (1900-01-01), a Unix time of 0 or -1
// (1970-01-01, or 1969-12-31 as UTC's or as a clock's west of it shows
// them). Loaded, they made the metrics weekly rows from 1900 and the
// backlog's "over 8 weeks" counted them for ever (QA pass BF): no
// complaint, answer or customer of this warehouse is of those days. (A
// spreadsheet's day 0, 1899-12-30 or 1899-12-31, is rejected as before
// 1900.)
var placeholderDays = []string{"1900-01-01", "1969-12-31", "1970-01-01"}

// placeholderKind is the check's kind of a placeholder date, and
// placeholderWhat what its reason calls one.
const (
	placeholderKind = "a placeholder date"
	placeholderWhat = "a placeholder date (a database's or a spreadsheet's zero date)"
)

// isPlaceholderDate is the SQL test that the TIMESTAMP ts is of one of
// placeholderDays.
func isPlaceholderDate(ts string) string {
	days := make([]string, len(placeholderDays))
	for i, d := range placeholderDays {
		days[i] = "DATE '" + d + "'" // a literal of ours, not input
	}
	return "CAST(" + ts + " AS DATE) IN (" + strings.Join(days, ", ") + ")"
}

// orderFlag is the word of --date-order that names the order fi.
func orderFlag(fi int) string {
	if fi == dayFirst {
		return DateDayFirst
	}
	return DateMonthFirst
}

// family returns the one family that fits, named months before any other
// (they are never ambiguous), or -1 when none or more than one does. When
// the ISO layouts alone read every value (20240314), every family fits,
// and any serves: the first.
func (d dateFit) family() int {
	switch {
	case d.isoOnly:
		return d.families[0]
	case slices.Contains(d.families, namedMonth):
		return namedMonth
	case len(d.families) == 1:
		return d.families[0]
	}
	return -1
}

// layouts returns the layouts of family fi that read any of the values,
// in the family's order.
func (d dateFit) layouts(fi int) strList {
	var layouts strList
	for _, l := range familyLayouts(fi) {
		if d.read[l] {
			layouts = append(layouts, l)
		}
	}
	return layouts
}

// dateFamilyOf returns the families of dateFamilies that read every
// sampled value of column c, none when the values are ISO 8601 already,
// and the layouts that read any.
func dateFamilyOf(ctx context.Context, conn *sql.Conn, j *job, c string) (dateFit, error) {
	var p params
	sample := "(SELECT " + isoUpper("v") + " AS v FROM " + j.sampleOf(c, dateSample, &p) + ")"
	// One query counts the sampled values that each condition holds for:
	// count adds a condition and returns where its count will be. strptime
	// takes a constant layout, so each layout is a condition of its own.
	var cols []string
	count := func(cond string) int {
		cols = append(cols, "count(*) FILTER ("+cond+")")
		return len(cols) - 1
	}
	// (an ISO date starts with a year of four digits: DuckDB reads
	// "14/03/24" and "22-04-15", both a layout's, as the years 14 and 22)
	reads := func(l string) string {
		r := "try_strptime(v, " + literal(l) + ") IS NOT NULL"
		if slices.Contains(isoLayouts, l) {
			r += " AND iso4"
		}
		return r
	}
	anyOf := func(layouts []string, cond func(string) string) string {
		alts := make([]string, len(layouts))
		for i, l := range layouts {
			alts[i] = cond(l)
		}
		return strings.Join(alts, " OR ")
	}
	all := count("true")
	notISO := count("try_cast(v AS TIMESTAMPTZ) IS NULL OR NOT iso4")
	// an ISO value the cast reads, which the load reads after a column's
	// layouts (valueExpr): every family reads it
	isoCast := "coalesce(try_cast(v AS TIMESTAMPTZ) IS NOT NULL AND iso4, false)"
	byFamily := make([]int, len(dateFamilies)) // values any of a family's layouts reads
	var layouts []string
	for fi, fam := range dateFamilies {
		byFamily[fi] = count(anyOf(familyLayouts(fi), reads) + " OR " + isoCast)
		layouts = append(layouts, fam.layouts...)
	}
	layouts = append(layouts, isoLayouts...)
	byLayout := make([]int, len(layouts))
	for i, l := range layouts {
		byLayout[i] = count(reads(l))
	}
	byISO := count(anyOf(isoLayouts, reads) + " OR " + isoCast)
	// values month first reads and day first does not (a day over 12),
	// and the other way round: a stray value of the other order among a
	// column's (dateFit.mostly), or a column of both
	familyReads := func(fi int) string { return "(" + anyOf(familyLayouts(fi), reads) + " OR " + isoCast + ")" }
	monthAlone := count(familyReads(monthFirst) + " AND NOT " + familyReads(dayFirst))
	dayAlone := count(familyReads(dayFirst) + " AND NOT " + familyReads(monthFirst))
	inFuture := count(anyOf(dateFamilies[yearFirst].layouts, func(l string) string { // as a two-digit year first
		return "try_strptime(v, " + literal(l) + ") > " + p.add(j.notAfter)
	}))
	// times as numbers (since 1970, or a spreadsheet's days), of 2000 or
	// later and not in the future
	since1970 := func(layout string) string {
		return sinceEpoch("v", layout) + " BETWEEN TIMESTAMPTZ '2000-01-01' AND " + p.add(j.notAfter)
	}
	seconds, millis, days := count(since1970(epochSeconds)), count(since1970(epochMillis)), count(since1970(excelSerial))
	numbers := count(isNumber("v"))
	// values nothing reads as a time: no cast, no layout, not a number
	// ("N/A", "unknown", "TBD")
	unread := count("NOT (" + isoCast + " OR " + anyOf(layouts, reads) + " OR " + isNumber("v") + ")")

	// values ending in a zone's abbreviation, read without it: the time
	// before it is written as any other (valueExpr); and 12:00 NOON or
	// MIDNIGHT, read as 12:00 or 00:00 (clockWordTime)
	zoned := count("zoned")
	q := `SELECT ` + strings.Join(cols, ", ") + ` FROM (SELECT v, regexp_matches(v, '^[0-9]{4}') AS iso4, zoned FROM (SELECT DISTINCT CASE WHEN zoned THEN ` +
		withoutZoneAbbrev("v") + ` WHEN ` + endsInLetter("v") + ` AND ` + hasClockWord("v") + ` THEN ` + clockWordText("v", false) +
		` ELSE v END AS v, zoned FROM (SELECT v, ` + hasZoneAbbrev("v") + ` AS zoned FROM ` + sample + `)))`
	counts := make([]int64, len(cols))
	dest := make([]any, len(cols))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := conn.QueryRowContext(ctx, q, p.args...).Scan(dest...); err != nil {
		return dateFit{}, err
	}
	// A value that nothing reads as a time is no evidence for or against
	// any layout: it is rejected on its own, naming it. Counted against
	// every family, one "N/A" among 50 day-first dates left the column
	// without a layout, and all 51 records were rejected, each naming a
	// good date (an exploratory QA pass). When such values are most of
	// the sample, the column is not one of dates written some way, and
	// every value counts.
	n := counts[all]
	if u := counts[unread]; u > 0 && 2*u < n {
		n -= u
	}
	fit := dateFit{zoned: counts[zoned] > 0}
	if counts[notISO] == counts[all]-n {
		return fit, nil
	}
	switch n {
	case counts[seconds]:
		fit.epoch = epochSeconds
		return fit, nil
	case counts[millis]:
		fit.epoch = epochMillis
		return fit, nil
	case counts[days]:
		fit.epoch = excelSerial
		return fit, nil
	}
	// numbers all, most of them of one kind: the column is of that kind,
	// and the others are rejected on their own, as a value nothing reads
	// is above; one value in milliseconds among seconds rejected every
	// record (QA pass Y)
	if counts[numbers] == n {
		for _, k := range []struct {
			at     int
			layout string
		}{{seconds, epochSeconds}, {millis, epochMillis}, {days, excelSerial}} {
			if 2*counts[k.at] > n {
				fit.epoch = k.layout
				return fit, nil
			}
		}
	}
	for fi := range dateFamilies {
		if counts[byFamily[fi]] == n && !(fi == yearFirst && counts[inFuture] > 0) {
			fit.families = append(fit.families, fi)
		}
	}
	fit.read = map[string]bool{}
	for i, l := range layouts {
		fit.read[l] = fit.read[l] || counts[byLayout[i]] > 0
	}
	fit.sampled = n
	if len(fit.families) == 0 && counts[byFamily[monthFirst]]+counts[dayAlone] == n {
		fit.alone = map[int]int64{monthFirst: counts[monthAlone], dayFirst: counts[dayAlone]}
	}
	fit.isoOnly = len(fit.families) == len(dateFamilies) && counts[byISO] == n
	return fit, nil
}

// zoneAbbrevs are the zone abbreviations a time may end in ("2026-03-02
// 09:15:00 EST", as US helpdesk exports write times), each the offset from
// UTC in minutes that it always names (the IANA tz database's): UTC, GMT
// and Z, and North America's, as its clocks show them. PST is UTC-8 on
// any date: a time written so in July is read so, not as PDT. An
// abbreviation that names more than one zone (ambiguousAbbrevs) or none
// of these is read only as a mapping's timezone reads it (abbrevsOf), and
// otherwise rejected naming it: DuckDB's cast read some as ICU's zone IDs
// (IST as India's, CST as Chicago's, BST as Bangladesh's, PST as Los
// Angeles', daylight saving time included), a guess that may be hours off.
var zoneAbbrevs = map[string]int{"UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5 * 60, "EDT": -4 * 60, "MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
	"AKST": -9 * 60, "AKDT": -8 * 60, "HST": -10 * 60}

// ambiguousAbbrevs are abbreviations in common use that name more than one
// zone, with those zones, for a reject's reason: each with the IANA name
// a mapping's timezone gives to read it so, where that zone's clocks show
// the abbreviation (abbrevsOf; Bangladesh's and Arabia's show "+06" and
// "+03" in the tz database: their offset is to be written).
var ambiguousAbbrevs = map[string]string{
	"CST": "US Central -06:00 (America/Chicago), China +08:00 (Asia/Shanghai), Cuba -05:00 (America/Havana)",
	"CDT": "US Central -05:00 (America/Chicago), Cuba -04:00 (America/Havana)",
	"IST": "India +05:30 (Asia/Kolkata), Ireland +01:00 (Europe/Dublin), Israel +02:00 (Asia/Jerusalem)",
	"BST": "British Summer Time +01:00 (Europe/London), Bangladesh +06:00",
	"AST": "Atlantic -04:00 (America/Halifax), Arabia +03:00",
}

// abbrevSettle says, in a reject's reason, what reads a time whose zone
// abbreviation ingest does not read alone.
const abbrevSettle = "a mapping's timezone naming the zone meant (an IANA name such as Asia/Kolkata) reads it as that zone's clocks do, or write the offset (+05:30)"

// zoneAbbrevRE matches a time of day (hours and minutes, maybe seconds
// and a fraction, maybe AM or PM) followed by a space and an abbreviation
// of letters, in any case: the text before the space is group 1, the
// abbreviation group 2 (AM and PM too: see hasZoneAbbrev).
const zoneAbbrevRE = `^(.*[0-9]:[0-9]{2}(?:[.,][0-9]+)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s+([A-Za-z]{1,5})$`

// zoneAbbrevOf is the SQL of the abbreviation the text t ends in after a
// time, in capitals (” when none): "pst" is PST (DuckDB's cast read the
// lower-case ones as ICU's zone IDs, "pst" as Los Angeles' clock, "bst"
// as Bangladesh's: TestZoneAbbreviationsAnyCase).
func zoneAbbrevOf(t string) string {
	return "upper(regexp_extract(" + t + ", " + literal(zoneAbbrevRE) + ", 2))"
}

// hasZoneAbbrev is the SQL test that the text t ends in a zone's
// abbreviation after a time (not AM or PM, nor NOON: clockWordRE). Its
// last character is tested first: a letter, which almost no other time
// ends in.
func hasZoneAbbrev(t string) string {
	return "(" + endsInLetter(t) + " AND " + zoneAbbrevAfter(t) + ")"
}

// endsInLetter is the SQL test that the text t ends in an ASCII letter.
func endsInLetter(t string) string {
	last := "ascii(right(" + t + ", 1))"
	return "(" + last + " BETWEEN 65 AND 90 OR " + last + " BETWEEN 97 AND 122)"
}

// zoneAbbrevAfter is hasZoneAbbrev's test of a text that ends in a
// letter.
func zoneAbbrevAfter(t string) string {
	return "NOT " + isOneOf(zoneAbbrevOf(t), []string{"", "AM", "PM", "NOON"})
}

// clockWordRE matches a date and the time 12:00 followed by NOON or
// MIDNIGHT, in any case ("2024-07-03 12:00 NOON", "07/03/2024 12:00:00
// midnight"), as some systems write the two times a 12-hour clock's AM and
// PM leave unclear: the date is group 1, the word group 2. Noon is 12:00
// PM, and midnight 12:00 AM, 00:00 at the start of the date written (the
// time a clock showing that date and 12:00 AM shows). The word was read as
// a zone's abbreviation, unknown, and the record rejected (QA pass). A
// time of the word other than 12:00 ("11:30 NOON") is none: rejected as
// unread.
const clockWordRE = `^(.*\S)\s+12:00(?::00)?\s*((?i)noon|midnight)$`

// clockWordTime is the SQL of the time the text t (ending in a letter)
// names with NOON or MIDNIGHT (clockWordRE), read as any other time of the
// field, as written at 24 hours ("2024-07-03 12:00") or else with PM or AM
// ("07/03/2024 12:00 PM", for a column read by a 12-hour layout); null
// when t names none.
func clockWordTime(f field, t string, m *Mapping, p *params) string {
	return "CASE WHEN " + hasClockWord(t) + " THEN coalesce(" + timestampExpr(f, clockWordText(t, false), m, p) + ", " +
		timestampExpr(f, clockWordText(t, true), m, p) + ") END"
}

// hasClockWord is the SQL test that the text t is a date and 12:00 NOON
// or MIDNIGHT (clockWordRE).
func hasClockWord(t string) string {
	return "regexp_matches(" + t + ", " + literal(clockWordRE) + ")"
}

// clockWordText is the SQL of the date and time the text t names with
// NOON or MIDNIGHT (clockWordRE), at 24 hours, or with PM or AM when
// ampm.
func clockWordText(t string, ampm bool) string {
	date := "regexp_extract(" + t + ", " + literal(clockWordRE) + ", 1)"
	noon := "lower(regexp_extract(" + t + ", " + literal(clockWordRE) + ", 2)) = 'noon'"
	if ampm {
		return date + " || CASE WHEN " + noon + " THEN ' 12:00 PM' ELSE ' 12:00 AM' END"
	}
	return date + " || CASE WHEN " + noon + " THEN ' 12:00' ELSE ' 00:00' END"
}

// withoutZoneAbbrev is the SQL of the text t without its zone
// abbreviation (hasZoneAbbrev), the time it follows.
func withoutZoneAbbrev(t string) string {
	return "regexp_extract(" + t + ", " + literal(zoneAbbrevRE) + ", 1)"
}

// abbrevsOf returns the abbreviations the clocks of the IANA zone name
// show from 2000 to 2040 (the tz database's, as Go's time package has
// it), each with its offset in minutes; one shown with two offsets in
// those years, or not of letters ("+08"), is left out. None for "".
func abbrevsOf(name string) map[string]int {
	out := map[string]int{}
	loc, err := time.LoadLocation(name)
	if name == "" || err != nil {
		return out
	}
	twice := map[string]bool{}
	for y := 2000; y <= 2040; y++ {
		for mo := time.January; mo <= time.December; mo++ {
			for _, d := range []int{1, 15} {
				abbr, off := time.Date(y, mo, d, 12, 0, 0, 0, time.UTC).In(loc).Zone()
				if strings.Trim(abbr, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
					continue
				}
				if o, ok := out[abbr]; ok && o != off/60 {
					twice[abbr] = true
				}
				out[abbr] = off / 60
			}
		}
	}
	for a := range twice {
		delete(out, a)
	}
	return out
}

// zoneOffsetOf is the SQL of the offset in minutes that the abbreviation
// abbr (SQL text) names as m reads it: zoneAbbrevs', or its timezone's
// clocks' (abbrevsOf); null for any other.
func zoneOffsetOf(abbr string, m *Mapping) string {
	offsets := maps.Clone(zoneAbbrevs)
	maps.Copy(offsets, abbrevsOf(string(m.Timezone)))
	var b strings.Builder
	b.WriteString("CASE " + abbr)
	for _, a := range slices.Sorted(maps.Keys(offsets)) {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", a, offsets[a])
	}
	b.WriteString(" END")
	return b.String()
}

// zoneAbbrevWhy is the SQL of why the abbreviation abbr (SQL text), which
// m does not read (zoneOffsetOf), is not read: the zones it names, or
// that it is none ingest reads.
func zoneAbbrevWhy(abbr string) string {
	var b strings.Builder
	b.WriteString("CASE " + abbr)
	for _, a := range slices.Sorted(maps.Keys(ambiguousAbbrevs)) {
		b.WriteString(" WHEN '" + a + "' THEN " + literal("which names more than one zone ("+ambiguousAbbrevs[a]+")"))
	}
	b.WriteString(" ELSE 'which is not one ingest reads' END")
	return b.String()
}

// A column of ISO times is read typed by DuckDB's reader (typedColumn),
// whose cast reads a time with seconds and a zone's abbreviation as ICU's
// zone ID (PST as Los Angeles' clock, daylight saving time included; IST
// as India's, BST as Bangladesh's), and one without seconds as nothing:
// not as valueExpr reads them. inferDates sees only the column's first
// dateSample values, so a file whose first abbreviation comes later is
// looked through whole, byte by byte, for a value that may end in one
// (fileHasZoneAbbrev): with none, the typed read is safe. Like the other
// scans of the whole file (sniffEncoding, hasRecordToCut) it jumps from
// colon to colon with the byte search functions, and looks closer only at
// a colon between digits.

// abbrevSpan is the most bytes after a time's colon that fileHasZoneAbbrev
// reads to tell whether an abbreviation ends the value; a longer run (of
// digits or spaces) is taken as one, to be safe.
const abbrevSpan = 256

// fileHasZoneAbbrev reports whether some value of the CSV file path, whose
// fields are separated by delim, may end in a zone's abbreviation after a
// time, as zoneAbbrevRE reads one (AM and PM are none), or in NOON or
// MIDNIGHT (clockWordRE), or be an ISO time of a small t or z
// (smallISOAt), which the typed read reads as no time: false only when no
// value does. Any column is looked at, the header and
// narratives too; a narrative whose text ends so ("... at 10:30 EST")
// only costs the file its typed read.
func fileHasZoneAbbrev(ctx context.Context, path string, delim byte) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	return zoneAbbrevIn(ctx, f, make([]byte, 1<<20), delim)
}

// zoneAbbrevIn is fileHasZoneAbbrev of the bytes r reads, read into buf
// (longer than abbrevSpan+1). The last abbrevSpan+1 bytes of each read are
// read again at the start of the next: a colon among them is looked at
// there, with the digit before it and what follows.
func zoneAbbrevIn(ctx context.Context, r io.Reader, buf []byte, delim byte) (bool, error) {
	carry := 0
	for {
		n, err := io.ReadFull(r, buf[carry:])
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return false, err
		}
		b, eof := buf[:carry+n], err != nil
		stop := len(b) // the colons looked at in this read are before stop
		if !eof {
			stop -= abbrevSpan
		}
		for i := 1; i < stop; {
			k := bytes.IndexByte(b[i:stop], ':')
			if k < 0 {
				break
			}
			c := i + k
			if isDigit(b[c-1]) && (abbrevAfter(b, c, delim) || smallISOAt(b, c)) {
				return true, nil
			}
			i = c + 1
		}
		if eof {
			return false, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return false, cerr
		}
		carry = copy(buf, b[len(b)-abbrevSpan-1:])
	}
}

// abbrevAfter reports whether the colon at b[c], after a digit, is a
// time's whose value ends in a zone's abbreviation: two digits, maybe a
// fraction, maybe AM or PM, then spaces and one to five letters, maybe
// spaces, and the value's end (delim, a quote, a line end, or the end of
// b: of the file, or more than abbrevSpan bytes on, taken as one).
func abbrevAfter(b []byte, c int, delim byte) bool {
	k := c + 1
	if k+1 >= len(b) || !isDigit(b[k]) || !isDigit(b[k+1]) {
		return false
	}
	k += 2
	if k+1 < len(b) && (b[k] == '.' || b[k] == ',') && isDigit(b[k+1]) {
		for k += 2; k < len(b) && isDigit(b[k]); k++ {
		}
	}
	if start, end, ok := letterRunAt(b, k, delim); ok && !isAMPM(b[start:end]) {
		return true
	}
	// after AM or PM ("9:15 AM EST"), with or without a space before it
	k = skipSpaces(b, k, delim)
	if k < len(b) && (b[k]|0x20 == 'a' || b[k]|0x20 == 'p') {
		k++
		if k < len(b) && b[k] == '.' {
			k++
		}
		if k < len(b) && b[k]|0x20 == 'm' {
			k++
			if k < len(b) && b[k] == '.' {
				k++
			}
			_, _, ok := letterRunAt(b, k, delim)
			return ok
		}
	}
	return false
}

// smallISOAt reports whether the colon at b[c], after a digit, is an ISO
// time's written with a small t before its hour or a small z after its
// minutes or seconds (2021-01-04t00:30:00z: isoUpper), which the typed
// read reads as no time.
func smallISOAt(b []byte, c int) bool {
	if c >= 4 && b[c-3] == 't' && isDigit(b[c-2]) && isDigit(b[c-4]) {
		return true
	}
	k := c + 1
	if k+2 >= len(b) || !isDigit(b[k]) || !isDigit(b[k+1]) {
		return false
	}
	k += 2
	if b[k] == '.' || b[k] == ',' {
		for k++; k < len(b) && isDigit(b[k]); k++ {
		}
	}
	return k < len(b) && b[k] == 'z'
}

// letterRunAt reports whether b from k is spaces (one at least), one to
// five ASCII letters or MIDNIGHT (clockWordRE), b[start:end], maybe
// spaces, and the value's end (abbrevAfter's).
func letterRunAt(b []byte, k int, delim byte) (start, end int, ok bool) {
	start = skipSpaces(b, k, delim)
	if start == k {
		return 0, 0, false
	}
	for end = start; end < len(b) && end-start <= 8 && isLetter(b[end]); end++ {
	}
	if end == start || end-start > 5 && !bytes.EqualFold(b[start:end], []byte("midnight")) {
		return 0, 0, false
	}
	k = skipSpaces(b, end, delim)
	if k < len(b) && b[k] != delim && b[k] != '"' && b[k] != '\n' && b[k] != '\r' {
		return 0, 0, false
	}
	return start, end, true
}

// skipSpaces returns the index of the first byte of b from k that is not
// a space (a tab is one unless it separates fields).
func skipSpaces(b []byte, k int, delim byte) int {
	for k < len(b) && (b[k] == ' ' || b[k] == '\f' || b[k] == '\v' || b[k] == '\t' && delim != '\t') {
		k++
	}
	return k
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// isAMPM reports whether w is AM or PM, in any case.
func isAMPM(w []byte) bool {
	return len(w) == 2 && (w[0]|0x20 == 'a' || w[0]|0x20 == 'p') && w[1]|0x20 == 'm'
}
