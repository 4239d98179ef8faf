package trend

import (
	"context"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"time"
)

// TopicsNotTested says that the tests of Dimensions (topic, or a pair with
// topic) were not made for the period starting PeriodStart: the periods
// they compare hold complaints classified by more than one model, whose
// topics are different vocabularies (Models, in the order they began). A
// test across the change would compare the models, not the complaints: a
// retrained model that names "Delays" "Delay" made "Delays" fall and
// "Delay" appear while customers complained as before (a QA pass).
// `complaints classify --all` with one model classifies them all alike.
type TopicsNotTested struct {
	PeriodStart string       `json:"period_start"`
	Dimensions  []string     `json:"dimensions"`
	Models      []TopicModel `json:"models"`
}

// TopicModel is one topic vocabulary (TopicVocabulary of
// classifications.model) of the complaints a test would compare: how
// many it classified, received from First to Last (dates).
type TopicModel struct {
	Model      string `json:"model"`
	Complaints int64  `json:"complaints"`
	First      Date   `json:"first_received"`
	Last       Date   `json:"last_received"`
}

// TopicVocabulary is the part of a classify model stamp
// (classifications.model, classify.Classifier.Name) that names where its
// topics come from: "taxonomy:default@9", "linear-svm:issue@1+c4daf6f0".
// The classify version before it ("classify/1 ") and a trained model's
// routing taxonomy after it (" routing:ours@2+..."), which moves
// departments, not topics, are left out: two stamps of one vocabulary
// name topics alike. A stamp of another form is its own vocabulary.
func TopicVocabulary(model string) string {
	if strings.HasPrefix(model, "classify/") {
		if _, rest, ok := strings.Cut(model, " "); ok {
			model = rest
		}
	}
	if i := strings.LastIndex(model, " routing:"); i >= 0 {
		model = model[:i]
	}
	return model
}

// readsTopic reports whether the dimension named (as canonicalDimension
// writes it) groups complaints by their topic: topic, or a pair with it.
func readsTopic(name string) bool {
	a, b, pair := strings.Cut(name, ",")
	return a == "topic" || (pair && b == "topic")
}

//go:embed models.sql
var modelsSQL string

// topicModels holds, per period of a run's panels, the complaints of each
// topic vocabulary: which the topic tests of a period would compare.
type topicModels struct {
	period Period
	cells  map[time.Time]map[string]*TopicModel // period start -> vocabulary -> its complaints
}

// loadTopicModels reads the vocabularies of the complaints received in
// [from, end); nil when the classifications hold one vocabulary or none,
// which the warehouse tells without reading the complaints.
func loadTopicModels(ctx context.Context, db Querier, period Period, from, end time.Time) (*topicModels, error) {
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT model FROM classifications`)
	if err != nil {
		return nil, fmt.Errorf("classify models: %w", err)
	}
	vocabs := map[string]bool{}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return nil, fmt.Errorf("classify models: %w", err)
		}
		vocabs[TopicVocabulary(m)] = true
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("classify models: %w", err)
	}
	if len(vocabs) <= 1 {
		return nil, nil
	}
	rows, err = db.QueryContext(ctx, modelsSQL, string(period), from, end)
	if err != nil {
		return nil, fmt.Errorf("classify models by period: %w", err)
	}
	defer rows.Close()
	tm := &topicModels{period: period, cells: map[time.Time]map[string]*TopicModel{}}
	for rows.Next() {
		var s, first, last time.Time
		var model string
		var n int64
		if err := rows.Scan(&s, &model, &n, &first, &last); err != nil {
			return nil, fmt.Errorf("classify models by period: %w", err)
		}
		s = s.UTC()
		if tm.cells[s] == nil {
			tm.cells[s] = map[string]*TopicModel{}
		}
		v := TopicVocabulary(model)
		c := tm.cells[s][v]
		if c == nil {
			c = &TopicModel{Model: v}
			tm.cells[s][v] = c
		}
		c.merge(TopicModel{Complaints: n, First: Date(first.UTC().Format(dateLayout)), Last: Date(last.UTC().Format(dateLayout))})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("classify models by period: %w", err)
	}
	return tm, nil
}

// merge counts o's complaints in m's.
func (m *TopicModel) merge(o TopicModel) {
	if m.Complaints == 0 || o.First < m.First {
		m.First = o.First
	}
	if m.Complaints == 0 || o.Last > m.Last {
		m.Last = o.Last
	}
	m.Complaints += o.Complaints
}

// mixed returns the vocabularies of the periods from lo to hi (their
// starts, both included), earliest first, when there are two or more;
// nil when one model (or none) classified them.
func (tm *topicModels) mixed(lo, hi time.Time) []TopicModel {
	if tm == nil {
		return nil
	}
	var cells []TopicModel
	for s := lo; !s.After(hi); s = tm.period.Add(s, 1) {
		for _, c := range tm.cells[s] {
			cells = append(cells, *c)
		}
	}
	return MergeVocabularies(cells)
}

// MergeVocabularies merges the counts ms of one vocabulary (Model, as
// TopicVocabulary names it) into one each, earliest first (then by name);
// nil when they hold one vocabulary or none. The trend stage's periods and
// the pages' (reports) list the models behind their topics so.
func MergeVocabularies(ms []TopicModel) []TopicModel {
	all := map[string]*TopicModel{}
	for _, c := range ms {
		m := all[c.Model]
		if m == nil {
			m = &TopicModel{Model: c.Model}
			all[c.Model] = m
		}
		m.merge(c)
	}
	if len(all) <= 1 {
		return nil
	}
	out := make([]TopicModel, 0, len(all))
	for _, m := range all {
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].First != out[j].First {
			return out[i].First < out[j].First
		}
		return out[i].Model < out[j].Model
	})
	return out
}
