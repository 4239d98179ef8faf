package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/rivo/uniseg"

	"github.com/complaints/complaints/classify"
)

// heatmapTop is how many topics and products the defects heatmap shows.
const heatmapTop = 12

// recurringTop is how many topic and product pairs the defects page lists;
// briefPairs how many of them its summary names.
const (
	recurringTop = 30
	briefPairs   = 3
)

// largest names the n largest of a kind: "the only topic" when there is
// one, "the 3 largest topics" else.
func largest(n int, one, many string) string {
	if n == 1 {
		return "only " + one
	}
	return fmt.Sprintf("%d largest %s", n, many)
}

// recurringLists writes the list of the complaints of each pair of rec
// (topic, dim: its first two columns) received in [from, to) as
// ids/defects-recurring-NN.csv, as the alerts' are written: the window's
// complaints of those pairs copied once (rpt_recurring,
// defects_recurring.sql), each list cut from that small table. It returns
// each pair's link and harm.
func (r *run) recurringLists(ctx context.Context, rec *result, dim string, from, to time.Time) ([]string, []harm, error) {
	if len(rec.rows) == 0 {
		return nil, nil, nil
	}
	err := r.fillTemp(ctx, `CREATE OR REPLACE TEMP TABLE rpt_recurring_pairs (pair INTEGER, topic VARCHAR, grp VARCHAR)`, "rpt_recurring_pairs",
		func(a *duckdb.Appender) error {
			for i, row := range rec.rows {
				if err := a.AppendRow(int32(i+1), str(row[0]), str(row[1])); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return nil, nil, fmt.Errorf("recurring pairs: %w", err)
	}
	// the group as defects_heatmap.sql and defects_heatmap_company.sql
	// name it
	group, join := "c.product", ""
	if dim == "company" {
		group, join = "coalesce(nullif(m.company, ''), 'unknown')", "JOIN complaints m ON m.source = c.source AND m.complaint_id = c.complaint_id"
	}
	q := strings.NewReplacer("{{GROUP}}", group, "{{JOIN}}", join).Replace(query("defects_recurring"))
	if _, err := r.conn.ExecContext(ctx, q, from, to); err != nil {
		return nil, nil, fmt.Errorf("defects_recurring: %w", err)
	}
	hrefs := make([]string, len(rec.rows))
	for i := range rec.rows {
		h, _, err := r.idListFrom(ctx, "rpt_recurring", fmt.Sprintf("defects-recurring-%02d", i+1), nil, "pair = $1", i+1)
		if err != nil {
			return nil, nil, err
		}
		hrefs[i] = h
	}
	res, err := r.rows(ctx, "defects_recurring_harm")
	if err != nil {
		return nil, nil, err
	}
	harms := make([]harm, len(rec.rows))
	for _, row := range res.rows {
		pair, _ := num(row[0])
		h := &harms[int(pair)-1]
		for j, v := range []*int64{&h.withSentiment, &h.negative, &h.positive, &h.screened, &h.churn, &h.legal} {
			f, _ := num(row[j+1])
			*v = int64(f)
		}
	}
	return hrefs, harms, nil
}

// harm is how harmful a recurring pair's complaints are
// (defects_recurring_harm.sql): a pair recurs in praise as well as in
// complaint (Alexa reviews: 12 of the 16 of the most recurrent pair were
// five-star, a QA pass).
type harm struct {
	withSentiment, negative, positive int64 // with a sentiment, and of those negative, positive
	screened, churn, legal            int64 // screened for the flags, and of those flagged
}

// praiseMin is the fewest complaints with a sentiment on which a pair is
// told mostly positive: one or two say nothing of a pair (a QA pass found
// the brief's pairs picked on "1 of 1" negative).
const praiseMin = 5

// mostlyPositive reports whether half or more of the pair's complaints
// with a sentiment, at least praiseMin of them, are positive: praise, not
// a defect. Half counts: the Alexa pair the rule is for, 12 of its 16
// reviews four or five stars, had 8 labelled positive, 3 negative (a QA
// pass).
func (h harm) mostlyPositive() bool {
	return h.withSentiment >= praiseMin && 2*h.positive >= h.withSentiment
}

// flagText is n, the pair's complaints with a flag, "n/a" with none of
// them screened for it (not none flagged).
func (h harm) flagText(n int64) string {
	if h.screened == 0 {
		return "n/a"
	}
	return thousands(n)
}

// negativeText is the pair's negative share, as "9 of 14 (64.3%)", "n/a"
// with no sentiment known.
func (h harm) negativeText() string {
	if h.withSentiment == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d of %d (%s)", h.negative, h.withSentiment, pct(float64(h.negative)/float64(h.withSentiment)))
}

// defects is the product teams' report: which topics recur, on which
// products, for which customers, with redacted examples.
func (r *run) defects(ctx context.Context) (*page, error) {
	periods := r.window(shownPeriods)
	this := periods[len(periods)-1]
	p := &page{
		File:  "defects.html",
		Title: "Recurring defects",
		// the last period's last day, as the executive page gives the
		// span (its start read as the end of the range)
		Subtitle: fmt.Sprintf("Last %s, %s to %s (report date %s)", r.periods(len(periods)),
			r.periodLabel(periods[0]), dateText(r.addPeriods(this, 1).AddDate(0, 0, -1)), r.asOfText()),
	}
	if r.noData {
		return r.noDataPage(p), nil
	}
	if r.empty {
		p.Sections = append(p.Sections, r.noComplaints())
		return p, nil
	}
	hm, err := r.rows(ctx, "defects_heatmap", periods[0], r.addPeriods(this, 1))
	if err != nil {
		return nil, err
	}
	// Where no complaint names a product (tweets to airlines), the company
	// is where a defect recurs.
	dim := "product"
	if !anyKnown(hm, 1) {
		byCompany, err := r.rows(ctx, "defects_heatmap_company", periods[0], r.addPeriods(this, 1))
		if err != nil {
			return nil, err
		}
		if anyKnown(byCompany, 1) {
			hm, dim = byCompany, "company"
		}
	}
	sec, err := r.heatmapSection(hm, dim)
	if err != nil {
		return nil, err
	}
	// which classifier made the topics; of two models, two vocabularies
	// (models.go)
	models, err := r.topicModels(ctx, periods[0], r.addPeriods(this, 1))
	if err != nil {
		return nil, err
	}
	if models != nil {
		sec.Paragraphs = append(sec.Paragraphs, modelsNote(models))
	}
	p.Sections = append(p.Sections, sec)

	// how many of the periods hold complaints: "weeks seen (of 26)" read
	// as 26 weeks of data where 11 held any (Comcast, a QA pass); and
	// the complaints of the period not over, which no table here counts
	end := r.addPeriods(this, 1)
	var withData, later int64
	if err := r.conn.QueryRowContext(ctx, query("defects_window"), periods[0], end).Scan(&withData, &later); err != nil {
		return nil, fmt.Errorf("defects_window: %w", err)
	}
	seen := r.opt.Period + "s seen"
	of := fmt.Sprintf("(of %d)", len(periods))
	if int(withData) < len(periods) {
		of = fmt.Sprintf("(of %d; %d with complaints)", len(periods), withData)
	}

	rec := &result{cols: []string{"topic", dim, "complaints", seen, "latest"}}
	for _, row := range hm.rows {
		rec.rows = append(rec.rows, row)
	}
	sort.SliceStable(rec.rows, func(i, j int) bool {
		a, _ := num(rec.rows[i][3])
		b, _ := num(rec.rows[j][3])
		return a > b // stable: ties keep the complaints order of the query
	})
	if len(rec.rows) > recurringTop {
		rec.rows = rec.rows[:recurringTop]
	}
	caption := fmt.Sprintf("The %s seen in the most %ss %s", plural(len(rec.rows), "topic and "+dim+" pair", "topic and "+dim+" pairs"), r.opt.Period, of)
	if len(rec.rows) == recurringTop {
		caption = fmt.Sprintf("The %d topic and %s pairs seen in the most %ss %s", recurringTop, dim, r.opt.Period, of)
	}
	rt := rec.table(caption)
	hrefs, harms, err := r.recurringLists(ctx, rec, dim, periods[0], end)
	if err != nil {
		return nil, err
	}
	depts, err := r.topicDepartments(ctx, periods[0], end)
	if err != nil {
		return nil, err
	}
	// the flags are known of the complaints classify screened (English
	// narratives): with none screened, their counts would read as none
	// flagged
	flags := slices.ContainsFunc(harms, func(h harm) bool { return h.screened > 0 })
	for i, row := range rec.rows {
		rt.Rows[i][0].Text = r.topicText(str(row[0]))
		rt.Rows[i][2].Href = hrefs[i]
		rt.Rows[i][4].Text = r.periodLabel(row[4])
		if start, ok := row[4].(time.Time); ok {
			rt.Rows[i][4].Title = r.periodRange(start, false)
		}
		rt.Rows[i] = append(rt.Rows[i], cell{Text: harms[i].negativeText(), Num: true})
		if flags {
			rt.Rows[i] = append(rt.Rows[i], cell{Text: harms[i].flagText(harms[i].churn), Num: true}, cell{Text: harms[i].flagText(harms[i].legal), Num: true})
		}
		// the owner department beside the topic
		rt.Rows[i] = append(rt.Rows[i][:1], append([]cell{{Text: depts[str(row[0])]}}, rt.Rows[i][1:]...)...)
	}
	rt.Columns = append(append([]string{"topic", "department"}, rt.Columns[1:]...), "negative")
	rt.num = append(append([]bool{false, false}, rt.num[1:]...), true)
	harmNote := "negative: the complaints whose sentiment classify labelled negative, of those with a sentiment (classifications.sentiment_label)."
	if flags {
		rt.Columns = append(rt.Columns, "churn intent", "legal threat")
		rt.num = append(rt.num, true, true)
		harmNote += " churn intent, legal threat: the complaints classify flagged so, of those it screened (English narratives: classifications.churn_intent, legal_threat)."
	} else {
		harmNote += " No complaint of these pairs was screened for churn intent or legal threats (classify reads English narratives only), so those counts are not shown."
	}
	recurring := section{ID: "recurring", Title: "Most recurrent topic and " + dim + " pairs", Tables: []table{rt},
		Notes: []string{"department: the owner the topic's complaints are routed to (classifications.department). Counts link to the complaint IDs."}}
	if len(rec.rows) > 0 {
		recurring.Notes = append(recurring.Notes, harmNote)
		// topic other and no sentiment of complaints not in English, which
		// the weekly page said and this one did not (a QA pass: "other
		// 463", "negative 0 of 1", of 462 never classified)
		unread, err := r.unreadIn(ctx, "defects", periods[0], end)
		if err != nil {
			return nil, err
		}
		if unread != "" {
			recurring.Notes = append(recurring.Notes, unread)
		}
	}
	if mixedModels(models) {
		recurring.Notes = append(recurring.Notes, modelsPointer(models, "under Topics by "+dim+" above"))
	}
	p.Sections = append(p.Sections, recurring)
	summary := section{ID: "defects-summary", Title: "In brief"}
	if later > 0 {
		h, _, err := r.idListFrom(ctx, "rpt_complaints", "defects-after-window", nil, "received_at >= $1", end)
		if err != nil {
			return nil, err
		}
		summary.Paragraphs = append(summary.Paragraphs, fmt.Sprintf("%s received from %s to the report date (%s), in the %s not over yet, %s not counted in the tables of topics and %s; the examples include them.",
			plural(int(later), "complaint", "complaints"), dateText(end), r.asOfText(), r.opt.Period, verb(later, "is", "are"), dims(dim)))
		summary.Links = append(summary.Links, link{Text: "The complaints received after the last complete " + r.opt.Period + " (CSV)", Href: h})
	}
	top, caption, err := r.briefPairs(rt, rec, harms, dim, seen, of)
	if err != nil {
		return nil, err
	}
	if len(top.Rows) > 0 {
		summary.Tables = []table{top}
		summary.Links = append(summary.Links, link{Text: "All recurrent pairs, with their owner departments and how negative they are", Href: "#recurring"})
	} else {
		summary.Paragraphs = append(summary.Paragraphs, caption)
	}
	if mixedModels(models) && len(top.Rows) > 0 {
		summary.Notes = append(summary.Notes, modelsPointer(models, "under Topics by "+dim+" below"))
	}

	if _, err := r.conn.ExecContext(ctx, query("defects_repeaters")); err != nil {
		return nil, fmt.Errorf("defects_repeaters: %w", err)
	}
	if err := r.registerPIIKind(); err != nil {
		return nil, err
	}
	rep, err := r.rows(ctx, "defects_repeat", 25)
	if err != nil {
		return nil, err
	}
	repHref, n, err := r.copyTo(ctx, "defects-repeat-customers", query("defects_repeat_ids"), []string{"customer_id", "source", "complaint_id"})
	if err != nil {
		return nil, err
	}
	rs := section{ID: "repeat", Title: "Repeat-complaint customers"}
	customers, err := r.customersKnown(ctx)
	if err != nil {
		return nil, err
	}
	if customers {
		rs.Figures = []figure{{Label: "complaints within 90 days of another by the same customer", Value: thousands(n), Href: repHref}}
		caption := "The 25 customers with the most such complaints"
		if len(rep.rows) < 25 {
			caption = "The " + plural(len(rep.rows), "customer", "customers") + " with such complaints, the most first"
		}
		rt := rep.table(caption)
		ci := rep.col("customer")
		pseudonyms := false
		for i := range rt.Rows {
			rt.Rows[i][ci].ID = true
			pseudonyms = pseudonyms || isPseudonym(rt.Rows[i][ci].Text)
		}
		rs.Tables = []table{rt}
		rs.Notes = []string{"Over all complaints up to the report date. Customers are identified by customer_id; complaints without one are not counted."}
		if pseudonyms {
			rs.Notes = append(rs.Notes, customerNote)
		}
	} else {
		// "0 complaints within 90 days" and a table of no rows read as no
		// repeat complaints, where none could be found (the CFPB export
		// carries no customer IDs; an exploratory QA pass)
		rs.Unavailable = "No complaint carries a customer ID, so repeat complaints by the same customer cannot be found."
	}
	p.Sections = append(p.Sections, rs)

	emerging, err := r.emergingSection(ctx, r.analyze(ctx), "defects")
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, emerging)
	if line, ok := phraseBrief(emerging); ok {
		summary.Paragraphs = append(summary.Paragraphs, line)
		summary.Links = append(summary.Links, link{Text: "Emerging phrases, each with the list of its complaints", Href: "#emerging"})
	}
	// the summary opens the page, before the heatmap
	p.Sections = append([]section{summary}, p.Sections...)

	ex, err := r.examples(ctx, 5, 3, periods[0])
	if err != nil {
		return nil, err
	}
	es := section{ID: "examples", Title: "Example complaints (redacted), largest topics"}
	es.Paragraphs = []string{fmt.Sprintf("Of the complaints received from %s to the report date, the five largest topics, each with its three most negative narratives (then the newest; one of each sentiment score, so a text sent again is shown once).",
		dateText(periods[0]))}
	if len(ex.rows) == 0 {
		es.Unavailable = "No redacted narratives: complaints have not been classified, or carry no narrative."
	}
	et := table{Columns: []string{"topic", "source", "complaint", "received", "product", "narrative (redacted)"}}
	for _, row := range ex.rows {
		et.Rows = append(et.Rows, []cell{
			{Text: r.topicText(str(row[0]))}, {Text: str(row[1])}, {Text: str(row[2]), ID: true}, {Text: text(row[3]), Date: true}, {Text: text(row[4])},
			{Text: truncate(str(row[5]), 500)},
		})
	}
	es.Tables = []table{et}
	es.Notes = []string{"Text as redacted by classify (classifications.narrative_redacted); the raw narrative never appears in a report."}
	p.Sections = append(p.Sections, es)
	return p, nil
}

// briefPairs is the summary's table of the most recurrent pairs of rt,
// the recurring pairs' table (rec its rows, harms their harm), of a topic
// the classifier found: topic other (no topic's phrases) and unclassified
// complaints recur most in most data, and name no defect. Of those it
// leaves out the pairs whose complaints are mostly positive: a pair recurs
// in praise too (Alexa reviews: the most recurrent, installation on Black,
// was 12 five-star reviews of 16, and led the brief above a product defect
// 9 of 14 negative: a QA pass). It does not ask for mostly negative ones:
// a pair's sentiment may rest on a few narratives (CFPB: 1 of 15 card
// complaints), and a recurring defect need not read as angry (credit
// reporting, 36 of 76 negative, was left out so). With every pair mostly
// positive it names them all, and its caption says so. seen names rt's weeks-seen column, of
// says of how many. With no pair to name the table has no rows, and the
// text says why.
func (r *run) briefPairs(rt table, rec *result, harms []harm, dim, seen, of string) (table, string, error) {
	var named, defects []int
	for i, row := range rec.rows {
		if t := str(row[0]); t != classify.TopicOther && t != "unclassified" {
			named = append(named, i)
			if !harms[i].mostlyPositive() {
				defects = append(defects, i)
			}
		}
	}
	pairs := fmt.Sprintf("The topic and %s pairs seen in the most %ss", dim, r.opt.Period)
	left := "topic other and unclassified complaints left out"
	praise := fmt.Sprintf("pairs whose complaints are mostly positive, half or more of at least %d with a sentiment, left out as praise", praiseMin)
	pick, caption := defects, pairs+" ("+left+"; "+praise+")"
	switch {
	case len(named) == 0:
		return table{}, "No complaints of a topic the classifier names in these periods.", nil
	case len(defects) == 0:
		pick, caption = named, pairs+" (every one's complaints are mostly positive; "+left+")"
	}
	brief := rt
	brief.Rows = nil
	for k, i := range pick[:min(briefPairs, len(pick))] {
		row := slices.Clone(rt.Rows[i])
		// its own list, the recurring pair's (a hard link): each list is
		// linked by the counts that add up to it
		if n := &row[3]; n.Href != "" {
			h, err := r.sameList(fmt.Sprintf("defects-recurring-%02d", i+1), fmt.Sprintf("defects-brief-%02d", k+1))
			if err != nil {
				return table{}, "", err
			}
			n.Href = h
		}
		brief.Rows = append(brief.Rows, row)
	}
	top := brief.pick(caption, "topic", dim, "complaints", seen, "negative")
	top.Columns[3] = seen + " " + of
	return top, caption, nil
}

// exampleDepth is how many complaints of each topic, in the examples'
// order, the defects report may read the redacted narratives of: the first
// non-blank ones are shown. A topic with fewer than it shows among them,
// and more complaints to look at, is ranked again with every narrative.
const exampleDepth = 20

// examples returns the rows of defects_examples.sql (up to per redacted
// narratives for each of the topics largest topics, of the complaints
// received from from) while reading the text
// of a few complaints per topic rather than of every one: a topic's
// candidates are read one by one until per of them are not blank.
func (r *run) examples(ctx context.Context, topics, per int, from time.Time) (*result, error) {
	cand, err := r.rows(ctx, "defects_example_rows", topics, exampleDepth, from)
	if err != nil {
		return nil, err
	}
	out := &result{cols: []string{"topic", "source", "complaint_id", "received", "product", "narrative_redacted"}}
	if len(cand.rows) == 0 {
		return out, nil
	}
	stmt, err := r.conn.PrepareContext(ctx, query("defects_example_texts"))
	if err != nil {
		return nil, fmt.Errorf("defects_example_texts: %w", err)
	}
	defer stmt.Close()
	rowCol, candCol := cand.col("row"), cand.col("candidates")
	shown := map[string]int{}
	// each text once per topic, as defects_examples.sql shows them: a
	// review posted twice took two of a topic's three places (a QA pass)
	texts := map[[2]string]bool{}
	for _, row := range cand.rows {
		topic := str(row[0])
		if shown[topic] >= per {
			continue
		}
		var text any
		var ok bool
		err := stmt.QueryRowContext(ctx, row[rowCol]).Scan(&text, &ok)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("defects_example_texts: %w", err)
		}
		key := [2]string{topic, str(text)}
		if !ok || texts[key] {
			continue
		}
		texts[key] = true
		shown[topic]++
		out.rows = append(out.rows, []any{row[0], row[1], row[2], row[3], row[4], text})
	}
	for _, row := range cand.rows {
		if c, _ := num(row[candCol]); shown[str(row[0])] < per && c > exampleDepth {
			return r.rows(ctx, "defects_examples", topics, per, from)
		}
	}
	return out, nil
}

// truncate cuts s to n user-perceived characters (grapheme clusters), the
// last an ellipsis, where it is longer: cut by code point, a flag lost one
// of its two regional indicators and a family emoji all but its first
// person (a QA pass).
func truncate(s string, n int) string {
	if uniseg.GraphemeClusterCount(s) <= n {
		return s
	}
	g := uniseg.NewGraphemes(s)
	end := 0
	for k := 0; k < n-1 && g.Next(); k++ {
		_, end = g.Positions()
	}
	return s[:end] + "\u2026"
}

// dims is the plural of dim, product or company.
func dims(dim string) string {
	return map[string]string{"product": "products", "company": "companies"}[dim]
}

// anyKnown reports whether some row of res has a value other than
// "unknown" (the name of a missing product or company) in column c.
func anyKnown(res *result, c int) bool {
	for _, row := range res.rows {
		if str(row[c]) != "unknown" {
			return true
		}
	}
	return false
}

// heatmapSection draws complaints by topic (rows) and dim, product or
// company (columns), for the largest topics and products or companies,
// with the same figures as a table.
func (r *run) heatmapSection(hm *result, dim string) (section, error) {
	sec := section{ID: "heatmap", Title: "Topics by " + dim}
	topicTotal := map[string]float64{}
	productTotal := map[string]float64{}
	for _, row := range hm.rows {
		v, _ := num(row[2])
		topicTotal[str(row[0])] += v
		productTotal[str(row[1])] += v
	}
	topics := topKeys(topicTotal, heatmapTop)
	products := topKeys(productTotal, heatmapTop)
	ti := index(topics)
	pi := index(products)
	grid := make([][]int64, len(topics))
	for i := range grid {
		grid[i] = make([]int64, len(products))
	}
	var cells [][3]float64
	var max float64
	for _, row := range hm.rows {
		t, ok1 := ti[str(row[0])]
		pr, ok2 := pi[str(row[1])]
		if !ok1 || !ok2 {
			continue
		}
		v, _ := num(row[2])
		grid[t][pr] = int64(v)
		cells = append(cells, [3]float64{float64(pr), float64(t), v})
		if v > max {
			max = v
		}
	}
	tab := table{Caption: fmt.Sprintf("Complaints, the %s by the %s", largest(len(topics), "topic", "topics"), largest(len(products), dim, dims(dim))),
		Columns: append([]string{"topic"}, products...), num: make([]bool, len(products)+1), Matrix: true}
	for j := 1; j <= len(products); j++ {
		tab.num[j] = true
	}
	shown := r.topicTexts(topics)
	for i := range topics {
		row := []cell{{Text: shown[i]}}
		for _, v := range grid[i] {
			row = append(row, cell{Text: thousands(v), Num: true})
		}
		tab.Rows = append(tab.Rows, row)
	}
	if len(cells) == 0 {
		sec.Unavailable = "No complaints in these periods."
		if why := r.noCompletePeriod(); why != "" {
			// the weekly page's reason: all the data in a period not over
			// (10,236 tweets of February read "No complaints" on its 24th)
			sec.Unavailable = why
		}
		return sec, nil
	}
	sec.Tables = []table{tab}
	c, err := heatmapChart("defects-heatmap", "Complaints by topic and "+dim, products, shown, cells, max)
	if err != nil {
		return sec, err
	}
	sec.Chart = &c
	return sec, nil
}

// topKeys returns the n keys with the largest values, ties by name.
func topKeys(m map[string]float64, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

func index(ss []string) map[string]int {
	m := make(map[string]int, len(ss))
	for i, s := range ss {
		m[s] = i
	}
	return m
}
