package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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

// topicText is a topic as the pages show it: its label with its name in
// parentheses where its taxonomy gives it one (topicLabels), else its name.
func (r *run) topicText(name string) string {
	if l, ok := r.labels[name]; ok {
		return l + " (" + name + ")"
	}
	return name
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
// bare name instead (names are unique), until none repeats.
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
			if seen[out[i]] > 1 && out[i] != n {
				out[i], changed = n, true
			}
		}
		if !changed {
			return out
		}
	}
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
