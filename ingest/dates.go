package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// dateFamilies are the layouts inferDates tries on a timestamp column that
// is not ISO 8601, by family: month first (US), day first, and named
// months, which are never ambiguous. Each family also reads ISO dates, so
// that a column mixing both still parses.
var dateFamilies = []struct {
	name    string
	layouts []string
}{
	{"named month", []string{"%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y %H:%M:%S", "%d %b %Y %H:%M", "%a %b %d %H:%M:%S %z %Y"}},
	{"month first", []string{"%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y", "%m/%d/%y %H:%M", "%m/%d/%y %I:%M %p", "%m/%d/%y"}},
	{"day first", []string{"%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y %H:%M", "%d/%m/%y", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y"}},
}

// isoLayouts read the ISO dates of a column whose other values need a
// layout.
var isoLayouts = []string{"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"}

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
// among them) gets no layout: its records are rejected, naming the value,
// as before. inferred lists the field and family of each layout set.
func inferDates(ctx context.Context, conn *sql.Conn, j *job, m *Mapping) (out *Mapping, inferred []string, err error) {
	out = m
	sources := m.fieldSources()
	for _, f := range j.tbl.fields {
		c, ok := sources[f.name]
		if f.typ != tTimestamp || !ok || c == RecordColumn || len(m.Dates[f.name]) > 0 || len(m.Values[f.name]) > 0 {
			continue
		}
		family, layouts, err := dateFamilyOf(ctx, conn, j, c)
		if err != nil {
			return nil, nil, fmt.Errorf("dates of %s: %w", c, err)
		}
		if layouts == nil {
			continue
		}
		if out == m { // the caller's mapping may serve other files
			cp := *m
			cp.Dates = maps.Clone(m.Dates)
			if cp.Dates == nil {
				cp.Dates = map[string]strList{}
			}
			out = &cp
		}
		out.Dates[f.name] = layouts
		inferred = append(inferred, f.name+": "+family)
	}
	return out, inferred, nil
}

// dateFamilyOf returns the family of dateFamilies that reads every sampled
// value of column c, and its layouts that read any (in order), or nil when
// the values are ISO 8601 already, or no family or more than one fits.
func dateFamilyOf(ctx context.Context, conn *sql.Conn, j *job, c string) (string, strList, error) {
	var p params
	d := j.dialect
	d.lenient = true // a sample: a strict read could fail on the file as a whole
	src := sourceExpr(j.format, d, j.readPath, j.header, csvSkip, "", "", "", &p)
	// strptime takes a constant layout: one column per layout, and one per
	// family counting the values any of its layouts reads
	reads := func(l string) string { return "try_strptime(v, " + literal(l) + ") IS NOT NULL" }
	cols := []string{"count(*)", "count(*) FILTER (try_cast(v AS TIMESTAMPTZ) IS NULL)"}
	var all []string
	for fi, fam := range dateFamilies {
		var alts []string
		for _, l := range familyLayouts(fi) {
			alts = append(alts, reads(l))
		}
		cols = append(cols, "count(*) FILTER ("+strings.Join(alts, " OR ")+")")
		all = append(all, fam.layouts...)
	}
	all = append(all, isoLayouts...)
	for _, l := range all {
		cols = append(cols, "count(*) FILTER ("+reads(l)+")")
	}
	q := `SELECT ` + strings.Join(cols, ", ") + ` FROM (SELECT DISTINCT v FROM (SELECT trim(` + ident(c) + `) AS v FROM ` + src +
		` WHERE nullif(trim(` + ident(c) + `), '') IS NOT NULL LIMIT ` + fmt.Sprint(dateSample) + `))`
	counts := make([]int64, len(cols))
	dest := make([]any, len(cols))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := conn.QueryRowContext(ctx, q, p.args...).Scan(dest...); err != nil {
		return "", nil, err
	}
	n, notISO, byFamily, byLayout := counts[0], counts[1], counts[2:2+len(dateFamilies)], counts[2+len(dateFamilies):]
	if notISO == 0 {
		return "", nil, nil
	}
	fit := -1
	for fi := range dateFamilies {
		if byFamily[fi] < n {
			continue
		}
		if fit >= 0 {
			if fit == 0 { // named months are never ambiguous
				continue
			}
			return "", nil, nil // month first and day first both fit
		}
		fit = fi
	}
	if fit < 0 {
		return "", nil, nil
	}
	read := map[string]bool{}
	for i, l := range all {
		read[l] = read[l] || byLayout[i] > 0
	}
	var layouts strList
	for _, l := range familyLayouts(fit) {
		if read[l] {
			layouts = append(layouts, l)
		}
	}
	return dateFamilies[fit].name, layouts, nil
}
