package reports

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

// commentGroups are the two kinds of respondent whose comments the
// executive page sets side by side: NPS's detractors (0-6) and promoters
// (9-10), or, where no comment has an NPS, CSAT's not satisfied (1-3) and
// satisfied (4-5) (CSAT is the share of 4 and 5).
type commentGroups struct {
	lowName, highName string // "detractors", "promoters"
	low, high, mid    string // with their scores: "detractors (NPS 0-6)"; mid: the rest
	split             func(nps, csat *float64) (low, high bool)
}

var (
	npsGroups = commentGroups{"detractors", "promoters", "detractors (NPS 0-6)", "promoters (NPS 9-10)", "passives (NPS 7-8)", func(nps, _ *float64) (bool, bool) {
		return nps != nil && *nps <= 6, nps != nil && *nps >= 9
	}}
	csatGroups = commentGroups{"customers not satisfied", "satisfied customers", "not satisfied (CSAT 1-3)", "satisfied (CSAT 4-5)", "", func(_, csat *float64) (bool, bool) {
		return csat != nil && *csat <= 3, csat != nil && *csat >= 4
	}}
)

// commentTopic is one topic's comments in each group.
type commentTopic struct {
	topic                     string
	text                      string // as the page shows it (topicTexts); "" for the name
	low, high                 int
	lowShare, highShare, diff *float64 // % of each group's comments, and low's less high's; nil for a group with none
	p, q                      float64  // two-proportion z-test of the shares; Benjamini-Hochberg over the topics
}

// commentClassifier is the classifier survey comments are read with, and
// which taxonomy it has, in words: that of the latest classify run when it
// came from a file (classify_runs.taxonomy), so comments and complaints
// share their topics; else the built-in one. A run whose topics came from
// a trained model leaves the built-in taxonomy too: the warehouse does not
// hold the model. The taxonomy is returned too: the comments' topics are
// labelled by it.
func (r *run) commentClassifier(ctx context.Context) (*classify.Classifier, *classify.Taxonomy, string, error) {
	var yaml, model sql.NullString
	err := r.conn.QueryRowContext(ctx, query("comments_taxonomy")).Scan(&yaml, &model)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, nil, "", fmt.Errorf("executive comments: the latest classify run: %w", err)
	}
	if yaml.Valid {
		t, err := classify.ParseTaxonomy([]byte(yaml.String))
		if err != nil {
			return nil, nil, "", fmt.Errorf("executive comments: the taxonomy of the latest classify run: %w", err)
		}
		name := strings.TrimPrefix(model.String[strings.LastIndexByte(model.String, ' ')+1:], "taxonomy:")
		return classify.New(classify.Options{Taxonomy: t}), t, "the taxonomy " + name + " of the latest classify run", nil
	}
	which := "the default taxonomy"
	if model.Valid && !strings.Contains(model.String, " taxonomy:") {
		which += ": the latest classify run took its topics from a trained model, which the warehouse does not hold"
	}
	return classify.New(classify.Options{}), classify.DefaultTaxonomy(), which, nil
}

// commentsSection says what the survey comments of the periods shown
// (from, to) are about: each comment's topic by the taxonomy of the
// latest classify run (commentClassifier; English only: other languages
// are topic other), counted among the detractors' comments and
// among the promoters', with the difference of the shares tested. It
// returns the section and a sentence for the summary ("" when there are
// no scored comments). Survey comments are not redacted, so none is
// shown; the list behind the counts (ids/executive-comments.csv) gives
// each response's ID, group and topic.
func (r *run) commentsSection(ctx context.Context, from, to time.Time, periods int) (section, string, error) {
	sec := section{ID: "comments", Title: "What survey comments are about"}
	res, err := r.rows(ctx, "executive_comments", from, to)
	if err != nil {
		return sec, "", err
	}
	if len(res.rows) == 0 {
		sec.Unavailable = "No survey response with a comment and a score in these periods."
		return sec, "", nil
	}
	texts := make([]string, len(res.rows))
	g := csatGroups
	for i, row := range res.rows {
		texts[i] = text(row[4])
		if row[2] != nil {
			g = npsGroups
		}
	}
	cl, tax, which, err := r.commentClassifier(ctx)
	if err != nil {
		return sec, "", err
	}
	out := make([]classify.TopicResult, len(texts))
	if err := cl.TopicBatch(ctx, texts, out); err != nil {
		return sec, "", fmt.Errorf("executive comments: %w", err)
	}

	byTopic := map[string]*commentTopic{}
	nLow, nHigh, nMid := 0, 0, 0
	list := [][]string{{"source", "response_id", "group", "topic"}}
	for i, row := range res.rows {
		nps, csat := floatOf(row[2]), floatOf(row[3])
		low, high := g.split(nps, csat)
		var group string
		switch {
		case low:
			group, nLow = g.low, nLow+1
		case high:
			group, nHigh = g.high, nHigh+1
		case g.mid != "" && nps == nil:
			group = "no NPS (CSAT only)" // beside NPS answers: in no group
		default:
			group, nMid = g.mid, nMid+1
		}
		list = append(list, []string{text(row[0]), text(row[1]), group, out[i].Topic}) // each cell as writeList writes it
		if !low && !high {
			continue
		}
		t := byTopic[out[i].Topic]
		if t == nil {
			t = &commentTopic{topic: out[i].Topic}
			byTopic[t.topic] = t
		}
		if low {
			t.low++
		} else {
			t.high++
		}
	}
	href, err := r.writeCommentList(list)
	if err != nil {
		return sec, "", err
	}
	topics := make([]*commentTopic, 0, len(byTopic))
	ps := make([]float64, 0, len(byTopic))
	for _, t := range byTopic {
		t.lowShare, t.highShare = share(t.low, nLow), share(t.high, nHigh)
		if t.lowShare != nil && t.highShare != nil {
			t.diff = fptr(*t.lowShare - *t.highShare)
		}
		t.p = twoProportionP(t.low, nLow, t.high, nHigh)
		topics = append(topics, t)
	}
	// most named by the low group first; other (nothing recognised) last
	slices.SortFunc(topics, func(a, b *commentTopic) int {
		return cmp.Or(cmp.Compare(boolInt(a.topic == classify.TopicOther), boolInt(b.topic == classify.TopicOther)),
			cmp.Compare(b.low, a.low), cmp.Compare(b.high, a.high), cmp.Compare(a.topic, b.topic))
	})
	for _, t := range topics {
		ps = append(ps, t.p)
	}
	for i, q := range metrics.BenjaminiHochberg(ps) {
		topics[i].q = q
	}
	// named as the complaints' tables name them, in the table, the chart
	// and the summary alike (the list keeps the names), by the labels of
	// the taxonomy the comments were read with: a warehouse of surveys
	// alone, or of complaints a trained model classified, has no labels
	// of the complaints' (topicLabels), and showed "installation_setup"
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = t.topic
	}
	for i, s := range r.labelledTexts(names, tax) {
		topics[i].text = s
	}

	groups := fmt.Sprintf("%s of the %s and %s of the %s", thousands(int64(nLow)), g.low, thousands(int64(nHigh)), g.high)
	if nMid > 0 {
		groups = fmt.Sprintf("%s of the %s, %s of the %s and %s of the %s", thousands(int64(nLow)), g.low,
			thousands(int64(nHigh)), g.high, thousands(int64(nMid)), g.mid)
	}
	if rest := len(texts) - nLow - nHigh - nMid; rest > 0 {
		groups += fmt.Sprintf("; %s with a CSAT and no NPS, in no group", plural(rest, "response", "responses"))
	}
	sec.Paragraphs = []string{fmt.Sprintf(
		"The %s with a comment received in the %s shown (%s to %s), each comment's topic read as classify reads a complaint's (%s; text not in English is topic other): %s.",
		plural(len(texts), "survey response", "survey responses"), r.periods(periods), dateText(from), dateText(to.AddDate(0, 0, -1)), which, groups)}
	sec.Figures = []figure{{Label: noun(len(texts), "scored comment, with the response's group and topic", "scored comments, with each response's group and topic"), Value: thousands(int64(len(texts))), Href: href}}
	// each share named by its group: two columns "% of theirs" (a QA pass)
	t := table{Columns: []string{"topic", g.low, "% of " + g.lowName, g.high, "% of " + g.highName, "difference (points)", "p", "q"},
		num: []bool{false, true, true, true, true, true, true, true}}
	var cats []string
	var lowShare, highShare []*float64
	for _, c := range topics {
		t.Rows = append(t.Rows, []cell{{Text: c.text}, {Text: thousands(int64(c.low)), Num: true}, {Text: fmtNum(c.lowShare, 1), Num: true},
			{Text: thousands(int64(c.high)), Num: true}, {Text: fmtNum(c.highShare, 1), Num: true}, {Text: fmtNum(c.diff, 1), Num: true},
			{Text: trend.FormatP(c.p), Num: true}, {Text: trend.FormatP(c.q), Num: true}})
		cats = append(cats, c.text)
		lowShare, highShare = append(lowShare, c.lowShare), append(highShare, c.highShare)
	}
	sec.Tables = []table{t}
	c, err := barChart("executive-comments", "Share of each group's comments by topic (%)", cats,
		[]series{{Name: g.low, Values: lowShare}, {Name: g.high, Values: highShare}}, true, false)
	if err != nil {
		return sec, "", err
	}
	sec.Chart = &c
	sec.Notes = []string{"p: two-sided two-proportion z-test of the topic's share in the two groups; q: p adjusted for the number of topics (Benjamini-Hochberg). A topic can be named by both groups: customers praise and fault the same things."}

	return sec, commentsSummary(g, topics, nLow, r.periods(periods)), nil
}

// commentsSummary is the executive summary's sentence on the comments:
// the topic the low group names most (other aside), and the topics it
// names more than the high group beyond chance (q < 0.05), the largest
// differences first, at most three (saying how many there are when more). "" when the low group has no comment
// of a topic.
func commentsSummary(g commentGroups, topics []*commentTopic, nLow int, shown string) string {
	if len(topics) == 0 || topics[0].low == 0 || topics[0].topic == classify.TopicOther {
		return ""
	}
	top := topics[0]
	s := fmt.Sprintf("The comments of %s in the %s shown speak most often of %s (%s of %s, %s%%",
		g.lowName, shown, cmp.Or(top.text, top.topic), thousands(int64(top.low)), thousands(int64(nLow)), fmtNum(top.lowShare, 0))
	if top.highShare == nil {
		return s + ")."
	}
	s += fmt.Sprintf("; %s %s%%)", g.highName, fmtNum(top.highShare, 0))
	more := slices.Clone(topics)
	more = slices.DeleteFunc(more, func(t *commentTopic) bool {
		return t.topic == classify.TopicOther || t.q >= 0.05 || *t.diff <= 0
	})
	slices.SortStableFunc(more, func(a, b *commentTopic) int { return cmp.Compare(*b.diff, *a.diff) })
	if len(more) == 0 {
		return s + "."
	}
	if len(more) <= 3 {
		s += fmt.Sprintf("; they name these more than %s do, beyond chance (q < 0.05): ", g.highName)
	} else {
		// the sentence names three; the table below has them all
		s += fmt.Sprintf("; they name %d topics more than %s do, beyond chance (q < 0.05), the largest differences ", len(more), g.highName)
	}
	for i, t := range more[:min(3, len(more))] {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s (+%s points)", cmp.Or(t.text, t.topic), fmtNum(t.diff, 1))
	}
	if len(more) > 3 {
		s += fmt.Sprintf(", and %d more in the table below", len(more)-3)
	}
	return s + "."
}

// boolInt is 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// floatOf is a query's number, nil when null.
func floatOf(v any) *float64 {
	if f, ok := num(v); ok {
		return &f
	}
	return nil
}

// share is 100 k / n, nil when n is 0.
func share(k, n int) *float64 {
	if n == 0 {
		return nil
	}
	return fptr(100 * float64(k) / float64(n))
}

// twoProportionP is the two-sided p-value of the pooled z-test that k1 of
// n1 and k2 of n2 are draws of the same share (1 when a group is empty or
// the pooled share is 0 or 1).
func twoProportionP(k1, n1, k2, n2 int) float64 {
	if n1 == 0 || n2 == 0 {
		return 1
	}
	p := float64(k1+k2) / float64(n1+n2)
	se := math.Sqrt(p * (1 - p) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 1
	}
	z := (float64(k1)/float64(n1) - float64(k2)/float64(n2)) / se
	return metrics.NormalTwoSided(z)
}

// writeCommentList writes the scored comments' IDs, groups and topics to
// ids/executive-comments.csv and returns its link.
func (r *run) writeCommentList(rows [][]string) (string, error) {
	return r.writeList("executive-comments", rows)
}
