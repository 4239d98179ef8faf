package reports

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/complaints/complaints/classify"
)

// topicLabels reads the label of each topic from the taxonomies the
// warehouse keeps (classify_runs.taxonomy, the YAML a classify run read
// its topics from, sql/topic_labels.sql) of the models the
// classifications were made by, the built-in taxonomy's for a run that
// used it (at the version its model names): a page writes
// "Speaker audio quality (audio_quality)" where it wrote audio_quality.
// A topic two taxonomies label takes the latest run's label; a taxonomy
// that no longer parses gives none. The ID lists keep the names. Read
// once a run; nil when no taxonomy with a label is kept.
func (r *run) topicLabels(ctx context.Context) (map[string]string, error) {
	if r.labels != nil {
		return r.labels, nil
	}
	rows, err := r.conn.QueryContext(ctx, query("topic_labels"))
	if err != nil {
		return nil, fmt.Errorf("topic labels: %w", err)
	}
	defer rows.Close()
	labels := map[string]string{}
	var def *classify.Taxonomy
	for rows.Next() {
		var yaml sql.NullString
		var model string
		if err := rows.Scan(&yaml, &model); err != nil {
			return nil, fmt.Errorf("topic labels: %w", err)
		}
		var t *classify.Taxonomy
		switch {
		case yaml.Valid:
			if t, err = classify.ParseTaxonomy([]byte(yaml.String)); err != nil {
				continue // a taxonomy of an older rule: its names stand alone
			}
		case strings.Contains(model, " taxonomy:default@"):
			if def == nil {
				def = classify.DefaultTaxonomy()
			}
			if !strings.HasSuffix(model, fmt.Sprintf(" taxonomy:default@%d", def.Version)) {
				continue // another version's labels may not be these
			}
			t = def
		default:
			continue // a trained model's topics: the warehouse holds no taxonomy of them
		}
		for _, tp := range t.Topics {
			if _, ok := labels[tp.Name]; !ok && tp.Label != "" && tp.Label != tp.Name {
				labels[tp.Name] = tp.Label
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("topic labels: %w", err)
	}
	r.labels = labels
	return labels, nil
}

// shownLabel is a category label from the data (a product, an issue, a
// company, a source, a department, a topic's name or its taxonomy's label)
// as every page shows it, in a table, a chart, a tooltip or a sentence: on
// one line, redacted as the complaint text is (classify.Redact: a product
// named with a card number, a trained model's labels, the values of an
// issue column, holding an e-mail address, QA pass AJ), with the
// characters a page shows as code points so shown (shownText). The
// redactor leaves ordinary labels as they are (TestShownLabelOrdinary:
// the CFPB's products and issues, the built-in taxonomy's labels).
func shownLabel(s string) string {
	return shownText(classify.Redact(oneLine.Replace(s)))
}

// redactedText is a text of the data a notebook shows, whatever it is
// (a cell, a column name, an error): redacted as the complaint text is
// (classify.Redact), but for an ID of digits alone, shown as it is unless
// a card number (piiKind: a CFPB complaint ID of 8 digits is no account
// number). Text with no personal data is s itself.
func redactedText(s string) string {
	if piiKind(s) == "" {
		return s
	}
	return classify.Redact(s)
}

// oneLine writes the breaks of a label as spaces: a table shows them so,
// where a chart broke its label into lines.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ", "\u2028", " ", "\u2029", " ")

// labelColumns are the columns of a page's tables whose cells are category
// labels (shownLabel), whatever builds the table (a query's aliases or the
// page's code): the page makes them shown labels as it is written
// (page.show), so a page gets them so for free. A matrix's column headers
// after the first are labels too (the defects page's products). The name
// of a file ingested is shown as one too, since a source is often named
// after its file (QA: "complaint from jane.roe@example.com
// 555-123-4567.csv" in the audit's table of files).
var labelColumns = map[string]bool{
	"topic": true, "topics": true, "product": true, "sub_product": true, "issue": true, "sub_issue": true,
	"company": true, "group": true, "source": true, "department": true, "file": true,
}

// labelCap is the longest label, in characters, a table's cell shows:
// a longer one is cut (cutLabel), whole in the cell's title. The CFPB's
// longest product, issue or sub-issue is 85 (TestShownLabelOrdinary); a
// product of 5,000 characters filled the index page's table (QA pass AJ).
const labelCap = 100

// inlineLabel is a category label written inside other text (a note, a
// cell of several labels with their counts), where no cell's tooltip can
// hold it whole: redacted as the pages show labels, and cut at labelCap.
func inlineLabel(s string) string { return cutLabel(shownLabel(s), labelCap) }

// cutLabel is s cut to n characters with an ellipsis, as the charts cut
// a label (the init script, at 40): a topic's "label (name)" keeps its
// name and loses the label's end, so that two labels that begin alike
// stay told apart.
func cutLabel(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if m := topicSuffix.FindStringSubmatch(s); m != nil {
		label := []rune(m[1])
		keep := n - utf8.RuneCountInString(m[2]) - 2
		return strings.TrimRight(string(label[:min(keep, len(label))]), " ") + "\u2026 " + m[2]
	}
	return truncate(s, n)
}

// topicSuffix is a topic text's "(name)" after its label (topicText), as
// the init script finds it.
var topicSuffix = regexp.MustCompile(`^(.*\S) (\([^()]{1,24}\))$`)

// topicText is a topic as the pages show it (shownLabel): its label with
// its name in parentheses where its taxonomy gives it one (topicLabels),
// else its name.
func (r *run) topicText(name string) string {
	if l, ok := r.labels[name]; ok {
		return shownLabel(l + " (" + name + ")")
	}
	return shownLabel(name)
}

// labelledTexts are names as topicTexts gives them, labelled by tax's
// labels (when tax labels a topic) rather than the complaints' taxonomies:
// for topics read with tax, as survey comments are.
func (r *run) labelledTexts(names []string, tax *classify.Taxonomy) []string {
	labels := map[string]string{}
	if tax != nil {
		for _, tp := range tax.Topics {
			if tp.Label != "" && tp.Label != tp.Name {
				labels[tp.Name] = tp.Label
			}
		}
	}
	saved := r.labels
	r.labels = labels
	defer func() { r.labels = saved }()
	return r.topicTexts(names)
}

// topicTexts are names' topicTexts, for a chart's series or categories:
// a chart names topics as its table does, label and name whole (the
// init script cuts a long one on the axis or legend; the tooltip and the
// table give it whole). A chart's legend shows and hides series by name,
// so each text must stay one topic's: "label (name)" is, unless another
// topic is literally named so; a text that would repeat is the topic's
// bare name instead (names are unique), until none repeats. Names that
// are shown alike, redacted ("card 4111 1111 1111 1111" and "card 5500
// 0000 0000 0004", both "card [CARD]"), are numbered after the first:
// "card [CARD] #2".
func (r *run) topicTexts(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = r.topicText(n)
	}
	for {
		seen := map[string]int{}
		for _, s := range out {
			seen[s]++
		}
		changed := false
		for i, n := range names {
			if bare := shownLabel(n); seen[out[i]] > 1 && out[i] != bare {
				out[i], changed = bare, true
			}
		}
		if !changed {
			break
		}
	}
	taken := map[string]bool{}
	for _, s := range out {
		taken[s] = true
	}
	first := map[string]bool{}
	for i, s := range out {
		if !first[s] {
			first[s] = true
			continue
		}
		k := 2
		for taken[fmt.Sprintf("%s #%d", s, k)] {
			k++
		}
		out[i] = fmt.Sprintf("%s #%d", s, k)
		taken[out[i]] = true
	}
	return out
}

// topicDepartments returns each topic's owner department
// (classifications.department) among the complaints received in
// [from, to): departments joined by ", " in sort order where a topic's
// complaints were routed to several (two taxonomies, or a taxonomy
// changed), none for a topic no classification routes.
func (r *run) topicDepartments(ctx context.Context, from, to any) (map[string]string, error) {
	res, err := r.rows(ctx, "topic_departments", from, to)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, row := range res.rows {
		out[str(row[0])] = str(row[1])
	}
	return out, nil
}
