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
	q := groupSQL(query("defects_recurring"), dim)
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

// groupSQL is q with its markers GROUP, the group of dim (product or
// company) as defects_heatmap.sql and defects_heatmap_company.sql name
// it, of the scope's rows c, and JOIN, empty or the join to complaints
// that the company needs.
func groupSQL(q, dim string) string {
	group, join := "c.product", ""
	if dim == "company" {
		group, join = "coalesce(nullif(m.company, ''), 'unknown')", "JOIN complaints m ON m.source = c.source AND m.complaint_id = c.complaint_id"
	}
	return strings.NewReplacer("{{GROUP}}", group, "{{JOIN}}", join).Replace(q)
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

	// ranked by negative complaints (the heatmap's last column), then
	// weeks seen (recurringRankNote)
	var pairs [][]any
	for _, row := range hm.rows {
		// topic other (no topic's phrases) and unclassified complaints
		// name no defect: they took the table's first places (a QA pass)
		if t := str(row[0]); t != classify.TopicOther && t != "unclassified" {
			pairs = append(pairs, row)
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		for _, c := range []int{5, 3} {
			a, _ := num(pairs[i][c])
			b, _ := num(pairs[j][c])
			if a != b {
				return a > b
			}
		}
		return false // stable: ties keep the complaints order of the query
	})
	rec := &result{cols: []string{"topic", dim, "complaints", seen, "latest"}}
	for _, row := range pairs {
		rec.rows = append(rec.rows, row[:5])
	}
	if len(rec.rows) > recurringTop {
		rec.rows = rec.rows[:recurringTop]
	}
	caption := fmt.Sprintf("The %s with the %s", plural(len(rec.rows), "topic and "+dim+" pair", "topic and "+dim+" pairs"), r.recurringRank(of))
	if len(rec.rows) == recurringTop {
		caption = fmt.Sprintf("The %d topic and %s pairs with the %s", recurringTop, dim, r.recurringRank(of))
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
		Notes: []string{recurringRankNote(r.opt.Period),
			"department: the owner the topic's complaints are routed to (classifications.department). Counts link to the complaint IDs."}}
	if len(rec.rows) > 0 {
		recurring.Notes = append(recurring.Notes, harmNote)
	}
	// topic other and no sentiment of complaints not in English, which
	// the weekly page said and this one did not (a QA pass: "other 463",
	// "negative 0 of 1", of 462 never classified); said with no pair
	// listed too, topic other left out
	unread, err := r.unreadIn(ctx, "defects", periods[0], end)
	if err != nil {
		return nil, err
	}
	if unread != "" {
		recurring.Notes = append(recurring.Notes, unread)
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
		summary.Notes = append(summary.Notes, recurringRankNote(r.opt.Period))
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
	line, named := phraseBrief(emerging) // (it reads the phrases' columns by place)
	if err := r.phraseWhere(ctx, &emerging, dim); err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, emerging)
	if named {
		summary.Paragraphs = append(summary.Paragraphs, line)
		summary.Links = append(summary.Links, link{Text: "Emerging phrases, each with the list of its complaints", Href: "#emerging"})
	}
	// the summary opens the page, before the heatmap
	p.Sections = append([]section{summary}, p.Sections...)

	phraseEx, err := r.phraseExamples(ctx, emerging)
	if err != nil {
		return nil, err
	}
	ex, err := r.examples(ctx, 5, 3, periods[0])
	if err != nil {
		return nil, err
	}
	es := section{ID: "examples", Title: "Example complaints (redacted), largest topics"}
	largestTopics := fmt.Sprintf("Of the complaints received from %s to the report date, the five largest topics (but other: no topic's phrases matched, which names no defect), each with its three most negative narratives (then the newest; one of each sentiment score, so a text sent again is shown once).",
		dateText(periods[0]))
	es.Paragraphs = []string{largestTopics}
	if len(phraseEx.Rows) > 0 {
		// the emerging phrases first: the largest topics' examples showed
		// none of a defect that emerged (a QA pass)
		es.Title = "Example complaints (redacted), emerging phrases and largest topics"
		es.Paragraphs = []string{fmt.Sprintf("One complaint of each emerging phrase (the first %d), the most negative of those that use it (then the newest); the phrase links the list of all its complaints.", topAlerts),
			largestTopics}
		es.Tables = append(es.Tables, phraseEx)
	}
	if len(ex.rows) == 0 && len(phraseEx.Rows) == 0 {
		es.Unavailable = "No redacted narratives: complaints have not been classified, or carry no narrative."
	}
	et := table{Caption: "The largest topics' examples", Columns: []string{"topic", "source", "complaint", "received", "product", "narrative (redacted)"}}
	for _, row := range ex.rows {
		et.Rows = append(et.Rows, exampleCells(cell{Text: r.topicText(str(row[0]))}, row))
	}
	es.Tables = append(es.Tables, et)
	es.Notes = []string{"Text as redacted by classify (classifications.narrative_redacted); the raw narrative never appears in a report."}
	p.Sections = append(p.Sections, es)
	return p, nil
}

// briefPairs is the summary's table of the first pairs of rt, the
// recurring pairs' table (rec its rows, in its order: recurringRank;
// harms their harm). Of those it leaves out the pairs whose complaints
// are mostly positive: a pair recurs in praise too (Alexa reviews: the
// most recurrent, installation on Black, was 12 five-star reviews of 16,
// and led the brief above a product defect 9 of 14 negative: a QA pass).
// It does not ask for mostly negative ones: a pair's sentiment may rest
// on a few narratives (CFPB: 1 of 15 card complaints), and a recurring
// defect need not read as angry (credit reporting, 36 of 76 negative,
// was left out so). With every pair mostly positive it names them all,
// and its caption says so. seen names rt's weeks-seen column, of says of
// how many. With no pair to name the table has no rows, and the text
// says why.
func (r *run) briefPairs(rt table, rec *result, harms []harm, dim, seen, of string) (table, string, error) {
	var defects []int
	for i := range rec.rows {
		if !harms[i].mostlyPositive() {
			defects = append(defects, i)
		}
	}
	pairs := fmt.Sprintf("The topic and %s pairs with the %s", dim, r.recurringRank(of))
	praise := fmt.Sprintf("but those whose complaints are mostly positive (half or more of at least %d with a sentiment), left out as praise", praiseMin)
	pick, caption := defects, pairs+", "+praise
	switch {
	case len(rec.rows) == 0:
		return table{}, "No complaints of a topic the classifier names in these periods.", nil
	case len(defects) == 0:
		pick = make([]int, len(rec.rows))
		for i := range pick {
			pick[i] = i
		}
		caption = pairs + "; every one's complaints are mostly positive"
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

// recurringRank is the order of the recurring pairs, for a caption (of
// says of how many periods the weeks seen are); recurringRankNote says
// it in full.
func (r *run) recurringRank(of string) string {
	return fmt.Sprintf("most negative complaints, then seen in the most %ss %s", r.opt.Period, of)
}

// recurringRankNote says, in a sentence, how the recurring pairs are
// ranked, and why: what to fix first is what hurts most customers, most
// often. By weeks seen alone, topic other took the first places, and a
// pair of 4 complaints, one negative, led the brief above one of 40, 27
// negative (QA passes on synthetic reviews and tweets).
func recurringRankNote(period string) string {
	return fmt.Sprintf("Pairs are ranked by their negative complaints (classify's sentiment), then by the %ss they were seen in, then by their complaints: "+
		"the defects that upset the most customers, most often, come first. Topic other (no topic's phrases matched) and unclassified complaints name no defect and are left out.", period)
}

// exampleDepth is how many complaints of each topic, in the examples'
// order, the defects report may read the redacted narratives of: the first
// non-blank ones are shown. A topic with fewer than it shows among them,
// and more complaints to look at, is ranked again with every narrative.
const exampleDepth = 20

// examples returns the rows of defects_examples.sql (up to per redacted
// narratives for each of the topics largest topics but other, of the
// complaints received from from) while reading the text of a few
// complaints per topic rather than of every one: a topic's candidates are
// read one by one until per of them are not blank.
func (r *run) examples(ctx context.Context, topics, per int, from time.Time) (*result, error) {
	cand, err := r.rows(ctx, "defects_example_rows", topics, exampleDepth, from, classify.TopicOther)
	if err != nil {
		return nil, err
	}
	out := &result{cols: []string{"topic", "source", "complaint_id", "received", "product", "narrative_redacted"}}
	if len(cand.rows) == 0 {
		return out, nil
	}
	rows, shown, err := r.exampleTexts(ctx, cand, per)
	if err != nil {
		return nil, err
	}
	out.rows = rows
	candCol := cand.col("candidates")
	for _, row := range cand.rows {
		if c, _ := num(row[candCol]); shown[str(row[0])] < per && c > exampleDepth {
			return r.rows(ctx, "defects_examples", topics, per, from, classify.TopicOther)
		}
	}
	return out, nil
}

// exampleTexts reads the redacted narratives of the candidates cand (the
// rows of defects_example_rows.sql or defects_phrase_examples.sql: a
// group, a topic or a phrase; source, complaint_id, received, product,
// and the classification's rowid in the column row), one by one, until
// per of each group are not blank. It returns their rows (the group,
// source, complaint_id, received, product and the text) and how many
// each group (str of it) has.
func (r *run) exampleTexts(ctx context.Context, cand *result, per int) ([][]any, map[string]int, error) {
	stmt, err := r.conn.PrepareContext(ctx, query("defects_example_texts"))
	if err != nil {
		return nil, nil, fmt.Errorf("defects_example_texts: %w", err)
	}
	defer stmt.Close()
	rowCol := cand.col("row")
	var out [][]any
	shown := map[string]int{}
	// each text once per group, as defects_examples.sql shows them: a
	// review posted twice took two of a topic's three places (a QA pass)
	texts := map[[2]string]bool{}
	for _, row := range cand.rows {
		group := str(row[0])
		if shown[group] >= per {
			continue
		}
		var text any
		var ok bool
		err := stmt.QueryRowContext(ctx, row[rowCol]).Scan(&text, &ok)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, nil, fmt.Errorf("defects_example_texts: %w", err)
		}
		key := [2]string{group, str(text)}
		if !ok || texts[key] {
			continue
		}
		texts[key] = true
		shown[group]++
		out = append(out, []any{row[0], row[1], row[2], row[3], row[4], text})
	}
	return out, shown, nil
}

// exampleCells are the cells of an example's row (exampleTexts), the
// first what it is an example of.
func exampleCells(of cell, row []any) []cell {
	return []cell{of, {Text: str(row[1])}, {Text: str(row[2]), ID: true}, {Text: text(row[3]), Date: true}, {Text: text(row[4])},
		{Text: truncate(str(row[5]), 500)}}
}

// phraseExamples is a table of one example of each of the first topAlerts
// emerging phrases of the section emerging (emergingSection's phrases
// table, whose evidence links each phrase's list): of the phrase's
// complaints with a redacted narrative, the most negative (then the
// newest), the phrase linking its list. It has no rows where no phrase
// is listed.
func (r *run) phraseExamples(ctx context.Context, emerging section) (table, error) {
	t := table{Caption: "The emerging phrases' examples, one each", Columns: []string{"phrase", "source", "complaint", "received", "product", "narrative (redacted)"}}
	pt := phrasesTable(&emerging)
	if pt == nil {
		return t, nil
	}
	phrases := pt.Rows
	cand, err := r.rows(ctx, "defects_phrase_examples", min(len(phrases), topAlerts), exampleDepth)
	if err != nil {
		return t, err
	}
	rows, _, err := r.exampleTexts(ctx, cand, 1)
	if err != nil {
		return t, err
	}
	for _, row := range rows {
		n, _ := num(row[0]) // the phrase's number, from 1
		ph := phrases[int(n)-1]
		t.Rows = append(t.Rows, exampleCells(cell{Text: ph[0].Text, Href: ph[len(ph)-1].Href}, row))
	}
	return t, nil
}

// phrasesTable is the phrases table of the section emerging
// (emergingSection), nil when it lists no phrase.
func phrasesTable(emerging *section) *table {
	i := slices.IndexFunc(emerging.Tables, func(t table) bool { return t.phrases })
	if i < 0 || len(emerging.Tables[i].Rows) == 0 {
		return nil
	}
	return &emerging.Tables[i]
}

// phraseWhereTop is how many products (or companies) each emerging
// phrase's row names.
const phraseWhereTop = 3

// phraseWhere adds to the phrases table of the section emerging
// (emergingSection), after its complaints, where each phrase's complaints
// are: the phraseWhereTop products (or companies, dim) with the most of
// them, each with its complaints and their share of the phrase's,
// "Nimbus Phone 35 (57.4%), Orion Watch 26 (42.6%)", each label as the
// pages show a label. The page named no product of a phrase (a QA pass:
// "battery", a defect of one product, and "bluetooth", of two, showed
// none but in the heatmap, which has no phrases).
func (r *run) phraseWhere(ctx context.Context, emerging *section, dim string) error {
	t := phrasesTable(emerging)
	if t == nil {
		return nil
	}
	res, err := r.rowsSQL(ctx, "defects_phrase_where", groupSQL(query("defects_phrase_where"), dim), phraseWhereTop)
	if err != nil {
		return err
	}
	where := map[int][]string{} // by the phrase's number
	for _, row := range res.rows {
		n, _ := num(row[0])
		k, _ := num(row[2])
		total, _ := num(row[3])
		where[int(n)] = append(where[int(n)], fmt.Sprintf("%s %s (%s)", inlineLabel(str(row[1])), thousands(int64(k)), pct(k/total)))
	}
	col := slices.Index(t.Columns, "complaints") + 1
	name := "top " + dims(dim)
	t.Columns = slices.Insert(slices.Clone(t.Columns), col, name)
	t.num = slices.Insert(slices.Clone(t.num), col, false)
	for j := range t.Rows {
		t.Rows[j] = slices.Insert(t.Rows[j], col, cell{Text: strings.Join(where[j+1], ", ")})
	}
	emerging.Notes = append(emerging.Notes, fmt.Sprintf("%s: the %s with the most of the phrase's complaints (at most %d), each with its complaints and their share of the phrase's.",
		name, dims(dim), phraseWhereTop))
	return nil
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
