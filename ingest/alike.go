package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"
)

// A file of which many records are rejected for one field and one reason
// is nearly always read wrong rather than dirty: a CSAT asked on 1-10 read
// on its field's 1-5 (its answers 6 to 10 rejected, and the metrics made
// of the low answers alone), a date layout that fits a part of the
// records. Only a file whose every record was rejected was told
// (allRejected); rejectedAlike warns of the others.
//
// alikeShare and minAlike are when: the records rejected for one field
// and reason are a quarter or more of the file's, and at least ten. A
// quarter is far beyond the few records in a hundred a dirty export has
// wrong in one field, yet short of the half a scale of twice the
// field's would reject (1-10 read on 1-5: 6 to 10). Ten keeps chance in a
// small file from warning: were a file's records wrong one in twenty, each
// on its own, ten or more of forty (a quarter) would be so 2 times in
// 100,000, and a quarter of a larger file less often (binomial tails); a
// quarter of twelve, three, 1 time in 50.
const (
	alikeShare = 0.25
	minAlike   = 10
)

// rejectedAlike returns a warning for each field and reason that rejected
// a large share of the file's records (alikeShare, minAlike), the most
// first: from the staged records' _check (the check that rejected each,
// and the value it judged), and the CSV reader's rejects by their error.
// A score beyond its field's range, or a mapping's scale, is told the
// values rejected and the scale a mapping's scales would read them on.
// A rule that leaves records out by design (keep, replies) is none.
func (j *job) rejectedAlike(ctx context.Context, tx *sql.Tx, res *Result) ([]string, error) {
	if res.Read == 0 || res.Rejected < minAlike || float64(res.Rejected) < alikeShare*float64(res.Read) {
		return nil, nil
	}
	least := max(minAlike, int64(math.Ceil(alikeShare*float64(res.Read))))
	out, err := j.checksAlike(ctx, tx, res, least)
	if err != nil || !j.tolerant {
		return out, err // a strict read has no reader rejects (countReaderRejects)
	}
	reader, err := readerAlike(ctx, tx, res.Read, least)
	return append(out, reader...), err
}

// checksAlike warns of each check that rejected least records or more of
// the read (sql/alike.sql); not of placeholder dates, which
// placeholderWarnings tells of however few.
func (j *job) checksAlike(ctx context.Context, tx *sql.Tx, res *Result, least int64) ([]string, error) {
	var out []string
	err := j.eachCheck(ctx, tx, least, func(c check, n int64, lo, hi, sum sql.NullFloat64) {
		if c.kind == placeholderKind {
			return
		}
		w := fmt.Sprintf("%s: field %s, %s", alikeCount(n, res.Read), c.label, c.kind)
		switch {
		case len(c.swapped) > 0:
			w += swappedHint(c, n, int64(sum.Float64), res.Loaded+res.Updated)
		case lo.Valid && hi.Valid:
			w += scaleHint(c, lo.Float64, hi.Float64)
		}
		out = append(out, w)
	})
	return out, err
}

// placeholderWarnings warns, for each timestamp field, of the records
// rejected for a placeholder date in it (placeholderDays), however few,
// naming the days (the least and the greatest): a date nobody knew,
// which a warning of many alike would leave untold when few, and how to
// load such records where the date stands for none (a resolved_at of
// 1970-01-01 rejected a complaint whole: QA pass BK).
func (j *job) placeholderWarnings(ctx context.Context, tx *sql.Tx, res *Result) ([]string, error) {
	if res.Rejected == 0 {
		return nil, nil
	}
	var out []string
	err := j.eachCheck(ctx, tx, 1, func(c check, n int64, lo, hi, _ sql.NullFloat64) {
		if c.kind != placeholderKind {
			return
		}
		day := func(x sql.NullFloat64) string { return time.Unix(int64(x.Float64), 0).UTC().Format(time.DateOnly) }
		days := day(lo)
		if d := day(hi); d != days {
			days += " to " + d
		}
		out = append(out, fmt.Sprintf("%s rejected dated %s in field %s, %s: a date nobody knew? Each is in the rejects, naming its record; where it stands for none, a mapping's values turning that text into an empty one loads the records with the field empty",
			records(int(n)), days, c.label, placeholderWhat))
	})
	return out, err
}

// eachCheck calls do with each check that rejected least records or more
// of the read (sql/alike.sql), their number, and the least, greatest and
// sum of the values it judged, the most records first.
func (j *job) eachCheck(ctx context.Context, tx *sql.Tx, least int64, do func(c check, n int64, lo, hi, sum sql.NullFloat64)) error {
	args := []any{least}
	data := map[string]any{"BadJSON": j.badJSON != nil, "Pos": j.stagePos}
	if b := j.badJSON; b != nil {
		args = append(args, b.path)
		data["MaxObject"] = fmt.Sprint(max(b.longest+1, 1<<20))
	}
	rows, err := tx.QueryContext(ctx, render("alike.sql", data), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rule int
		var n int64
		var lo, hi, sum sql.NullFloat64
		if err := rows.Scan(&rule, &n, &lo, &hi, &sum); err != nil {
			return err
		}
		if rule < 0 || rule >= len(j.checks) {
			return fmt.Errorf("check %d of %d", rule, len(j.checks))
		}
		do(j.checks[rule], n, lo, hi, sum)
	}
	return rows.Err()
}

// readerAlike warns of each error of the CSV reader's (a field too many,
// a quote closed wrong) that least records or more of the read have.
func readerAlike(ctx context.Context, tx *sql.Tx, read, least int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, render("alike_reader.sql", nil), least)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var why string
		var n int64
		if err := rows.Scan(&why, &n); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s: %s", alikeCount(n, read), why))
	}
	return out, rows.Err()
}

// alikeCount is "146 of 200 records (73%) rejected alike".
func alikeCount(n, read int64) string {
	return fmt.Sprintf("%d of %s (%d%%) rejected alike", n, records(int(read)), n*100/read)
}

// swappedHint tells, of n values of a date field rejected by c, that
// swapped of them read with the layout's day and month swapped, when they
// are half of them or more: a file of dates written day first read month
// first has every value of a day past 12 rejected, and each read with
// the two swapped, where a column of dirty dates has few that do. Those
// of days 1 to 12 loaded, wrong, among the loaded: told, not undone.
//
// The load is not failed, as a load whose every record is rejected is
// (Result.AllRejected): every record of it is loaded or rejected, as
// README's Loading says a load's are, and told so; a column may hold dates
// of both orders (two systems' exports merged), its records of the
// other order rightly rejected; and the run is stored whatever the exit
// (a failed one would be kept too, and undone by hand the same).
func swappedHint(c check, n, swapped, loaded int64) string {
	if swapped == 0 || 2*swapped < n {
		return ""
	}
	some := fmt.Sprintf("all %d values rejected", n)
	if swapped < n {
		some = fmt.Sprintf("%d of the %d values rejected", swapped, n)
	}
	return fmt.Sprintf("; %s read as %s: %s The %d loaded may carry swapped dates",
		some, strings.Join(c.swapped, " or "), c.swapQuestion, loaded)
}

// standardScales are the tops of the scales surveys ask on, as a question
// names them (scaleRange).
var standardScales = []float64{5, 7, 10, 100}

// scaleHint tells of a score's values lo to hi, rejected by c as beyond
// its field's range or the mapping's scale: the scale they are likely
// answers of, from 0 (the field's or the mapping's start, or an answer)
// or else 1, to the least of standardScales that holds them and the
// scale they were read on, and what a mapping's scales would read them
// as; nothing past the values for a field that is no score, or values no
// such scale holds (a negative one, one over 100).
func scaleHint(c check, lo, hi float64) string {
	s := fmt.Sprintf("; the values rejected run %g to %g", lo, hi)
	if lo == hi {
		s = fmt.Sprintf("; the values rejected are all %g", lo)
	}
	f := c.field
	if !isScore(f.name) {
		return s
	}
	from := [2]float64{f.min, f.max}
	if c.scale[1] > c.scale[0] {
		from = c.scale
	}
	var r [2]float64 // the scale suggested
	switch {
	case lo < from[0] && lo != 0, lo < 0:
		return s // a scale of its own
	case lo < from[0]:
		r[0] = 0 // answers of 0 on a scale from 1
	case from[0] == 0:
		r[0] = 0
	default:
		r[0] = 1
	}
	for _, top := range standardScales {
		if top >= max(hi, from[1]) {
			r[1] = top
			break
		}
	}
	if r[1] == 0 || r == from {
		return s
	}
	// two values and what they read as: the least and greatest rejected,
	// or, when they are one, it and the scale's other end (a 1-10 that
	// rejected the zeros of 0-10 alone: "0 as 1, 10 as 5", not "0 as 1,
	// 0 as 1")
	a, b := lo, hi
	switch {
	case lo != hi:
	case hi == r[1]:
		a = r[0]
	default:
		b = r[1]
	}
	return s + fmt.Sprintf(": a scale of %s? A mapping's scales: {%s: [%g, %g]} reads %s onto %s (%g as %d, %g as %d)",
		scaleText(r), f.name, r[0], r[1], scaleText(r), scaleText([2]float64{f.min, f.max}), a, onScale(f, r, a), b, onScale(f, r, b))
}

// onScale is the point of field f's canonical scale that valueExpr reads
// a score x of the source scale r as: csat and nps the highest point at
// or below x's position, ces the nearest.
func onScale(f field, r [2]float64, x float64) int {
	pos := f.min + (x-r[0])*(f.max-f.min)/(r[1]-r[0])
	if f.name == "ces" {
		return int(math.Round(pos))
	}
	return int(math.Floor(pos + 1e-9))
}
