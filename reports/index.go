package reports

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// index is the landing page: what data the reports cover, the run's
// settings, and links to the four reports.
func (r *run) index(ctx context.Context) (*page, error) {
	p := &page{
		File:     "index.html",
		Title:    "Complaint analytics",
		Subtitle: fmt.Sprintf("Report date %s, %sly periods", r.asOfText(), r.opt.Period),
	}
	sum, err := r.rows(ctx, "index_summary", r.cutoff)
	if err != nil {
		return nil, err
	}
	s := sum.rows[0]
	get := func(name string) any { return s[sum.col(name)] }
	data := section{ID: "data", Title: "Data covered"}
	if r.empty {
		data.Unavailable = "The warehouse holds no complaints received on or before the report date: load data with `complaints ingest` first."
		if r.surveys > 0 {
			data.Unavailable = "The warehouse holds no complaints received on or before the report date, only survey responses: the executive report shows them."
		}
	}
	data.Figures = []figure{
		{Label: noun(get("complaints"), "complaint", "complaints"), Value: count(get("complaints")), Note: rangeText(get("first_received"), get("last_received"))},
		// named for what they count: "0 sources" of a warehouse of two
		// survey sources (QA pass)
		{Label: noun(get("sources"), "complaint source", "complaint sources"), Value: count(get("sources"))},
		{Label: noun(get("classified"), "classified complaint", "classified complaints"), Value: count(get("classified")), Note: notEnglish(get("not_english"), get("language_undetermined"))},
		{Label: noun(r.surveys, "survey response", "survey responses"), Value: thousands(r.surveys), Note: rangeText(get("first_survey"), get("last_survey"))},
		{Label: noun(get("survey_sources"), "survey source", "survey sources"), Value: count(get("survey_sources"))},
		{Label: noun(get("ingest_runs"), "ingest run", "ingest runs"), Value: count(get("ingest_runs")), Note: "files loaded; see the audit report"},
	}
	if err := r.rejectsFigure(ctx, &data); err != nil {
		return nil, err
	}
	// the classified complaints' topics: which classifier made them
	// (models.go), as the pages that show them say
	if !r.empty {
		models, err := r.topicModels(ctx, r.earliest, r.cutoff)
		if err != nil {
			return nil, err
		}
		if models != nil {
			data.Notes = append(data.Notes, modelsNote(models))
		}
	}
	p.Sections = append(p.Sections, data)

	p.Sections = append(p.Sections, section{
		ID: "reports", Title: "Reports",
		Tables: []table{{
			Columns: []string{"report", "for", "answers"},
			Rows: [][]cell{
				{{Text: "Weekly quality", Href: "weekly.html"}, {Text: "quality managers"}, {Text: "what changed this period, and is it real or noise?"}},
				{{Text: "Executive", Href: "executive.html"}, {Text: "executives"}, {Text: "are NPS and CSAT improving, with what certainty?"}},
				{{Text: "Defects", Href: "defects.html"}, {Text: "product teams"}, {Text: "which defects keep coming back, and where?"}},
				{{Text: "Audit", Href: "audit.html"}, {Text: "auditors"}, {Text: "is the complaint process followed? every figure traceable to complaint IDs"}},
			},
		}},
	})

	date := r.asOfText() + " (data received before " + r.cutoffText() + ")"
	if r.noData {
		date = r.asOfText()
	}
	settings := table{Columns: []string{"setting", "value"}, Rows: [][]cell{
		{{Text: "report date"}, {Text: date}},
		{{Text: "period"}, {Text: r.opt.Period}},
		{{Text: "acknowledgement target"}, {Text: r.ackTarget()}},
		{{Text: "resolution target"}, {Text: r.resTarget() + " calendar days"}},
	}}
	for _, kv := range r.opt.Settings {
		settings.Rows = append(settings.Rows, []cell{{Text: kv[0]}, {Text: kv[1]}})
	}
	p.Sections = append(p.Sections, section{ID: "settings", Title: "Settings of this run", Tables: []table{settings}})
	if r.empty {
		return p, nil // no complaints by month, source or product
	}

	byMonth, err := r.rows(ctx, "index_by_month")
	if err != nil {
		return nil, err
	}
	sec := section{ID: "by-month", Title: "Complaints by month received"}
	if err := r.addChart(&sec, byMonth, "index-by-month", "Complaints by month", "bar", "month"); err != nil {
		return nil, err
	}
	if collapseEmptyRuns(&sec.Tables[0], emptyRun) {
		sec.Notes = append(sec.Notes, fmt.Sprintf("In the table, %d or more months in a row with no complaint are one row.", emptyRun))
	}
	p.Sections = append(p.Sections, sec)

	bySource, err := r.rows(ctx, "index_by_source")
	if err != nil {
		return nil, err
	}
	sources := bySource.table("")
	// the query's column names are identifiers ("first_received"): the
	// header reads them as words
	sources.Columns = slices.Clone(sources.Columns)
	for i, c := range sources.Columns {
		sources.Columns[i] = strings.ReplaceAll(c, "_", " ")
	}
	p.Sections = append(p.Sections, section{ID: "by-source", Title: "Complaints by source", Tables: []table{sources}})

	const largest = 20
	byProduct, err := r.rows(ctx, "index_by_product", largest)
	if err != nil {
		return nil, err
	}
	// the title says the list is cut only where it is: the query sums the
	// products past the largest as "(other)" (a QA pass read "20 largest"
	// over 16 products)
	title := "Complaints by product"
	if len(byProduct.rows) > largest {
		title += fmt.Sprintf(" (the %d largest, the rest as (other))", largest)
	}
	sec = section{ID: "by-product", Title: title}
	if err := r.addChart(&sec, byProduct, "index-by-product", "Complaints by product", "hbar", "product"); err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, sec)
	return p, nil
}

// rejectsShare is the share of a file's records rejected from which the
// index names the file: a quarter (the QA pass's NPS export read with the
// wrong date layout lost 1,428 of its 2,385 records, which only the audit
// page said).
const rejectsShare = 0.25

// rejectsFigure adds to the index's data section the records the ingest
// runs rejected (index_rejects.sql: every run's, as the runs counted
// beside it), with a link to the audit page's list of them, and a line on
// each file that rejected rejectsShare or more of its records: the pages'
// figures leave those records out, and nothing else on the index said so.
func (r *run) rejectsFigure(ctx context.Context, data *section) error {
	runs, err := r.rows(ctx, "index_rejects")
	if err != nil {
		return err
	}
	var read, rejected int64
	for _, row := range runs.rows {
		n, _ := num(row[runs.col("rows_read")])
		bad, _ := num(row[runs.col("rows_rejected")])
		read, rejected = read+int64(n), rejected+int64(bad)
		if bad > 0 && bad >= rejectsShare*n {
			data.Paragraphs = append(data.Paragraphs, fmt.Sprintf("%s: %s of %s records (%.0f%%) rejected: see the audit page.",
				shownLabel(str(row[runs.col("file")])), thousands(int64(bad)), thousands(int64(n)), math.Round(100*bad/n)))
		}
	}
	f := figure{Label: noun(rejected, "record rejected", "records rejected"), Value: thousands(rejected)}
	if len(runs.rows) > 0 {
		f.Note = fmt.Sprintf("of %s read by %s", thousands(read), plural(len(runs.rows), "ingest run", "ingest runs"))
	}
	data.Figures = append(data.Figures, f)
	if rejected > 0 {
		// a link of its own: a figure's link opens a CSV of IDs
		data.Links = append(data.Links, link{Text: "Records rejected, by file and reason: the audit page", Href: "audit.html#lineage"})
	}
	return nil
}

// emptyRun is the number of months in a row with no complaint that the
// index's table lists as one row: a stray old record (a tweet of 2011 in
// an export of 2017) made it 76 rows, 74 of them 0.
const emptyRun = 3

// collapseEmptyRuns replaces each run of min or more rows of t whose cells
// after the first are all "0" by one row, its first cell "first to last"
// (its title the days from the first's first to the last's last); it
// reports whether it did. The chart keeps every row (an axis of months).
func collapseEmptyRuns(t *table, min int) bool {
	empty := func(row []cell) bool {
		for _, c := range row[1:] {
			if c.Text != "0" {
				return false
			}
		}
		return len(row) > 1
	}
	var out [][]cell
	collapsed := false
	for i := 0; i < len(t.Rows); {
		j := i
		for j < len(t.Rows) && empty(t.Rows[j]) {
			j++
		}
		if j-i >= min {
			row := slices.Clone(t.Rows[i])
			row[0].Text = t.Rows[i][0].Text + " to " + t.Rows[j-1][0].Text
			// its days from the first month's first to the last's last:
			// "months 2024-05-01 to 2024-08-31"
			from, _, ok1 := strings.Cut(t.Rows[i][0].Title, " to ")
			_, to, ok2 := strings.Cut(t.Rows[j-1][0].Title, " to ")
			row[0].Title = ""
			if kind, first, ok3 := strings.Cut(from, " "); ok1 && ok2 && ok3 {
				row[0].Title = kind + "s " + first + " to " + to
			}
			out = append(out, row)
			i, collapsed = j, true
			continue
		}
		if j == i {
			j++
		}
		out = append(out, t.Rows[i:j]...)
		i = j
	}
	t.Rows = out
	return collapsed
}

// notEnglish notes the classified complaints whose narrative the
// classifiers do not read, when there are any: in a language other than
// English (foreign), or in one not determined (undetermined: no words,
// such as "!!!" or emoji only, or a script the detector does not name),
// which is not called another language (a QA pass).
func notEnglish(foreign, undetermined any) string {
	var parts []string
	if n, _ := num(foreign); n > 0 {
		parts = append(parts, count(foreign)+" not in English")
	}
	if n, _ := num(undetermined); n > 0 {
		parts = append(parts, count(undetermined)+" whose language could not be determined")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + ": topic other, no sentiment"
}

func rangeText(from, to any) string {
	if from == nil || to == nil {
		return "no dates"
	}
	return text(from) + " to " + text(to)
}

// addChart adds a chart of res to sec, with res as its table: the category
// column is catCol, every other numeric column is a series. kind is "bar",
// "hbar" (horizontal), "stack" or "line"; only, if given, names the
// columns to draw. An empty result adds the table
// only (which says "no rows").
func (r *run) addChart(sec *section, res *result, id, title, kind, catCol string, only ...string) error {
	t := res.table("")
	month := catCol == "month"
	if catCol == "period" || month {
		// each period named by its first day or month (the chart's
		// tooltip gives its range), and the one the report date falls
		// in, not over, marked partial: its count is of some days only
		ci := res.col(catCol)
		for i := range t.Rows {
			c := &t.Rows[i][ci]
			c.Text = r.periodLabel(res.rows[i][ci])
			if month {
				c.Text = text(res.rows[i][ci])[:7]
			}
			if start, ok := res.rows[i][ci].(time.Time); ok {
				if r.partial(start, r.periodEnd(start, month)) {
					c.Text += " (partial, to " + dateText(r.asOf) + ")"
				}
				c.Title = r.periodRange(start, month)
			}
		}
	}
	sec.Tables = append(sec.Tables, t)
	if len(res.rows) == 0 {
		return nil
	}
	ci := res.col(catCol)
	// at[k] is the row of the chart's k-th category, -1 for none; titles
	// are the categories' tooltip titles (periods' ranges), nil for their
	// names
	cats := make([]string, len(res.rows))
	at := make([]int, len(res.rows))
	var titles []string
	for i := range res.rows {
		cats[i], at[i] = t.Rows[i][ci].Text, i
	}
	switch catCol {
	case "period":
		cats, titles, at = r.everyPeriod(res, ci)
	case "month":
		for i := range res.rows {
			start, ok := res.rows[i][ci].(time.Time)
			if !ok {
				titles = nil
				break
			}
			// the chart's axis has room for the mark, not the date
			cats[i] = t.Rows[i][ci].Text[:7]
			if r.partial(start, r.periodEnd(start, true)) {
				cats[i] += " (partial)"
			}
			titles = append(titles, r.periodRange(start, true))
		}
	}
	var ss []series
	for j, name := range res.cols {
		if j == ci || !t.num[j] || (len(only) > 0 && !slices.Contains(only, name)) {
			continue
		}
		s := series{Name: name, Values: make([]*float64, len(cats))}
		for k, i := range at {
			if i >= 0 {
				s.Values[k] = numPtr(res.rows[i][j])
			}
		}
		ss = append(ss, s)
	}
	if !anyValue(ss) {
		sec.Notes = append(sec.Notes, "Nothing to chart: every value is unknown (n/a).")
		return nil
	}
	var c chart
	var err error
	switch kind {
	case "line":
		c, err = lineChart(id, title, cats, ss, nil)
	case "hbar":
		c, err = barChart(id, title, cats, ss, true, false)
	case "stack":
		c, err = barChart(id, title, cats, ss, false, true)
	default:
		c, err = barChart(id, title, cats, ss, false, false)
	}
	if err != nil {
		return err
	}
	c.setTitles(titles)
	sec.Chart = &c
	return nil
}

// periodEnd is the end of the period starting at start: the report's
// period, or a calendar month when month is set.
func (r *run) periodEnd(start time.Time, month bool) time.Time {
	if month {
		return start.AddDate(0, 1, 0)
	}
	return r.addPeriods(start, 1)
}

// everyPeriod is a chart's time axis for rows by period (column ci, in
// order): every period from the first row's to the last's, so that a
// period with no row (the audit's periods with nothing due) is a gap on
// an even axis, not left out of it (QA pass Q); at maps each period to its
// row, -1 for none. Rows whose period is not a date keep their own axis.
func (r *run) everyPeriod(res *result, ci int) (cats, titles []string, at []int) {
	first, ok1 := res.rows[0][ci].(time.Time)
	last, ok2 := res.rows[len(res.rows)-1][ci].(time.Time)
	if !ok1 || !ok2 {
		for i, row := range res.rows {
			cats, at = append(cats, r.periodLabel(row[ci])), append(at, i)
		}
		return cats, nil, at
	}
	i := 0
	for p := first; !p.After(last); p = r.addPeriods(p, 1) {
		label := r.periodLabel(p)
		if r.partial(p, r.addPeriods(p, 1)) {
			label += " (partial)"
		}
		cats, at = append(cats, label), append(at, -1)
		titles = append(titles, r.periodRange(p, false))
		for i < len(res.rows) {
			t, ok := res.rows[i][ci].(time.Time)
			if !ok || t.After(p) {
				break
			}
			if t.Equal(p) {
				at[len(at)-1] = i
			}
			i++
		}
	}
	return cats, titles, at
}

func anyValue(ss []series) bool {
	for _, s := range ss {
		for _, v := range s.Values {
			if v != nil {
				return true
			}
		}
	}
	return false
}
