package reports

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/metrics/trend"
)

// This file is about the models that classified the complaints
// (classifications.model): the topics of two models are two vocabularies,
// and the departments a taxonomy routes them to are either a topic's own
// or, for a topic it does not name, its default.

// topicModels returns the topic vocabularies (trend.TopicVocabulary) of the
// scope's complaints received in [from, to), each with how many complaints
// it classified and when they were received, earliest first; nil when no
// complaint of them is classified. A page that shows topics says which
// classifier made them (modelsNote): only the audit's list of classify
// runs named it (a QA pass: a reader could not tell a taxonomy's v1 from
// its v2 or from a trained model); and of two or more, that they name the
// same complaints otherwise: a model retrained and run without --all
// ("Delays" became "Delay") read as customers complaining of other things
// (a QA pass).
func (r *run) topicModels(ctx context.Context, from, to time.Time) ([]trend.TopicModel, error) {
	if r.vocabularies == 0 {
		return nil, nil // nothing classified
	}
	rows, err := r.conn.QueryContext(ctx, query("topic_models"), from, to)
	if err != nil {
		return nil, fmt.Errorf("topic models: %w", err)
	}
	defer rows.Close()
	var counts []trend.TopicModel
	for rows.Next() {
		var model string
		var n int64
		var first, last time.Time
		if err := rows.Scan(&model, &n, &first, &last); err != nil {
			return nil, fmt.Errorf("topic models: %w", err)
		}
		counts = append(counts, trend.TopicModel{Model: trend.TopicVocabulary(model), Complaints: n,
			First: trend.Date(dateText(first.UTC())), Last: trend.Date(dateText(last.UTC()))})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("topic models: %w", err)
	}
	if ms := trend.MergeVocabularies(counts); ms != nil {
		return ms, nil
	}
	if len(counts) == 0 {
		return nil, nil
	}
	// one vocabulary (MergeVocabularies returns none): named alone
	one := trend.TopicModel{Model: counts[0].Model, First: counts[0].First, Last: counts[0].Last}
	for _, c := range counts {
		one.Complaints += c.Complaints
		one.First, one.Last = min(one.First, c.First), max(one.Last, c.Last)
	}
	return []trend.TopicModel{one}, nil
}

// modelsList names each model with its complaints and when they were
// received: "taxonomy:default@9 classified 1,204 complaints received
// 2024-01-01 to 2024-02-29; ...".
func modelsList(ms []trend.TopicModel) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%s classified %s received %s to %s", m.Model, plural(int(m.Complaints), "complaint", "complaints"), m.First, m.Last)
	}
	return strings.Join(parts, "; ")
}

// reclassify says how to classify every complaint with one model.
const reclassify = "`complaints classify --all --model FILE` (or --taxonomy FILE) classifies them all with one."

// modelsNote says which classifier made the topics of the complaints
// shown, in one line: "Topics by the trained model linear-svm:issue@1+...";
// of two or more models, that their topics are different vocabularies.
func modelsNote(ms []trend.TopicModel) string {
	if len(ms) == 1 {
		return "Topics by " + classifierName(ms[0].Model) + "."
	}
	return fmt.Sprintf("The topics of these complaints come from %d models, whose topics are different vocabularies: "+
		"where one model takes over from another, a topic's rise or fall is the models' doing, not the customers', and one topic may go by two names. %s. %s",
		len(ms), modelsList(ms), reclassify)
}

// classifierName names a topic vocabulary (trend.TopicVocabulary) by what
// made it, as classify stamps it (classify.Classifier.Name): the built-in
// taxonomy, a taxonomy file, a trained model (method:label@version), or
// a model of a stamp of another form. A taxonomy's stamp is named without
// its method, which the words before it say: "the built-in taxonomy
// taxonomy:default@9" read twice (QA pass BE); "default@9" is still what
// classifications.model holds. The warehouse keeps no file's path.
func classifierName(vocab string) string {
	method, name, _ := strings.Cut(vocab, ":")
	switch {
	case strings.HasPrefix(vocab, "taxonomy:default@"):
		return "the built-in taxonomy (" + name + ")"
	case method == "taxonomy":
		return "a taxonomy file (" + name + ")"
	case method == classify.MethodLinearSVM || method == classify.MethodLogReg || method == classify.MethodComplementNB:
		return "the trained model " + vocab
	}
	return "the model " + vocab
}

// mixedModels reports whether the topics of ms are of two vocabularies
// or more: a later section of the same topics then points to modelsNote
// (modelsPointer); of one, the line beside the first says it.
func mixedModels(ms []trend.TopicModel) bool { return len(ms) > 1 }

// modelsPointer is the note of a later section of topics of the same
// complaints: where modelsNote is (where).
func modelsPointer(ms []trend.TopicModel, where string) string {
	return fmt.Sprintf("These topics come from %d models, whose topics are different vocabularies: see the note %s.", len(ms), where)
}

// topicsNotTestedNote says why the trend detector made no topic test of
// a period (trend.TopicsNotTested).
func (r *run) topicsNotTestedNote(nt trend.TopicsNotTested) string {
	return fmt.Sprintf("Topic tests not made for the %s of %s: the complaints they compare were classified by %d models, whose topics are different vocabularies (%s), "+
		"so a topic's change across them would be the models', not the customers'. The tests of all complaints and of each product, whose groups come from the source, are not affected. %s",
		r.opt.Period, nt.PeriodStart, len(nt.Models), modelsList(nt.Models), reclassify)
}

// Routing: how each classification got its department. classify gives a
// complaint the department of its topic in the taxonomy it routes by (the
// topic's own, or its parent's), else the taxonomy's default department:
// for topic other, and for a trained model's label the taxonomy does not
// name. The warehouse records the department only, so which it was is
// told here from the taxonomy: the YAML classify_runs keeps of a run whose
// topics came from a file, else the built-in taxonomy for a stamp that
// routes by it (its own topics, or a trained model's given no
// --taxonomy). A trained model routed by a taxonomy file (" routing:" in
// its stamp) keeps none, nor does a stamp of another form: those are not
// known. rpt_topic_routing lists every (model, topic, department) that is
// the default, or not known; the scope reads it (scope.sql).
const (
	routedDefault = "default" // the taxonomy's default, the topic naming none
	routedUnknown = "unknown" // the taxonomy is not known
)

// topicRouting counts the vocabularies of the classifications
// (r.vocabularies) and creates rpt_topic_routing, before the scope.
func (r *run) topicRouting(ctx context.Context) error {
	models, err := r.textColumn(ctx, `SELECT DISTINCT model FROM classifications ORDER BY model`)
	if err != nil {
		return fmt.Errorf("topic routing: %w", err)
	}
	vocabs := map[string]bool{}
	for _, m := range models {
		vocabs[trend.TopicVocabulary(m)] = true
	}
	r.vocabularies = len(vocabs)
	kept := map[string]string{} // model -> the YAML of its latest run that kept one
	rows, err := r.conn.QueryContext(ctx, query("run_taxonomies"))
	if err != nil {
		return fmt.Errorf("topic routing: %w", err)
	}
	for rows.Next() {
		var model, yaml string
		if err := rows.Scan(&model, &yaml); err != nil {
			rows.Close()
			return fmt.Errorf("topic routing: %w", err)
		}
		if _, ok := kept[model]; !ok {
			kept[model] = yaml
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("topic routing: %w", err)
	}
	var builtIn *classify.Taxonomy
	taxonomyOf := func(model string) *classify.Taxonomy {
		if yaml, ok := kept[model]; ok {
			t, err := classify.ParseTaxonomy([]byte(yaml))
			if err != nil {
				return nil // a taxonomy of an older rule: not known
			}
			return t
		}
		vocab := trend.TopicVocabulary(model)
		switch {
		case !strings.HasPrefix(model, "classify/"):
			return nil // not a classify stamp: its taxonomy is not known
		case strings.Contains(model, " routing:"):
			return nil // a trained model routed by a taxonomy file, which the warehouse does not keep
		case strings.HasPrefix(vocab, "taxonomy:") && !strings.HasPrefix(vocab, "taxonomy:default@"):
			return nil // a taxonomy file's topics, classified before classify_runs kept its YAML
		}
		// The built-in taxonomy, of this version: one of another version
		// may have named other topics, but a department recorded that is
		// not the default is never read as the default below.
		if builtIn == nil {
			builtIn = classify.DefaultTaxonomy()
		}
		return builtIn
	}
	type key struct{ model, topic, department, how string }
	var out []key
	taxonomies := map[string]*classify.Taxonomy{}
	rows, err = r.conn.QueryContext(ctx, query("topic_routing"))
	if err != nil {
		return fmt.Errorf("topic routing: %w", err)
	}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.model, &k.topic, &k.department); err != nil {
			rows.Close()
			return fmt.Errorf("topic routing: %w", err)
		}
		t, ok := taxonomies[k.model]
		if !ok {
			t = taxonomyOf(k.model)
			taxonomies[k.model] = t
		}
		switch {
		case t == nil:
			k.how = routedUnknown
		case k.department == t.DefaultDepartment:
			// the default, unless the topic's own department is it too
			// (a name, label or alias, as classify looks a model's label up)
			if _, own := t.OwnDepartment(k.topic); own {
				continue
			}
			k.how = routedDefault
		default:
			continue // the topic's own: routed
		}
		out = append(out, k)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("topic routing: %w", err)
	}
	err = r.fillTemp(ctx, `CREATE OR REPLACE TEMP TABLE rpt_topic_routing (model VARCHAR, topic VARCHAR, department VARCHAR, how VARCHAR)`, "rpt_topic_routing",
		func(a *duckdb.Appender) error {
			for _, k := range out {
				if err := a.AppendRow(k.model, k.topic, k.department, k.how); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("topic routing: %w", err)
	}
	return nil
}

// textColumn reads the one column of text of a query's rows.
func (r *run) textColumn(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := r.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s.String)
	}
	return out, rows.Err()
}

// ownerFigures are the audit's figures of the complaints of no department
// of their own whose topic did not route them for sure: nDefault given the
// taxonomy's default department because their topic names none, nUnknown
// routed by a taxonomy the warehouse does not keep (their lists in href).
// None when there are none. The QA pass's airline model's 9 labels name
// no taxonomy topic: every complaint got the default department, and the
// audit counted 100% routed.
func (r *run) ownerFigures(ctx context.Context, nDefault, nUnknown int64, href map[string]string) ([]figure, error) {
	if nDefault == 0 && nUnknown == 0 {
		return nil, nil
	}
	res, err := r.rows(ctx, "audit_owner_routing")
	if err != nil {
		return nil, err
	}
	var depts, topics, models []string
	for _, row := range res.rows {
		isDefault, _ := row[0].(bool)
		model, dept, topic := str(row[1]), str(row[2]), str(row[3])
		if !isDefault {
			// the stamp without the classify version
			if strings.HasPrefix(model, "classify/") {
				_, model, _ = strings.Cut(model, " ")
			}
			if !slices.Contains(models, model) {
				models = append(models, model)
			}
			continue
		}
		if d := shownLabel(dept); !slices.Contains(depts, d) {
			depts = append(depts, d) // a label from the data, as every page shows one
		}
		if t := r.topicText(topic); !slices.Contains(topics, t) {
			topics = append(topics, t) // the largest first
		}
	}
	slices.Sort(depts)
	slices.Sort(models)
	var figs []figure
	if nDefault > 0 {
		named := topics[:min(len(topics), 5)]
		list := strings.Join(named, ", ")
		if more := len(topics) - len(named); more > 0 {
			list += fmt.Sprintf(" and %d more", more)
		}
		figs = append(figs, figure{Label: "owner department: the taxonomy's default, for topics it does not name", Value: thousands(nDefault),
			Href: href["audit-default-owner"],
			Note: fmt.Sprintf("classify gave them %s, the default department of the taxonomy it routed by, because their topic names no department there (%s; the largest first): no topic routed them, and the table below does not count them as routed",
				strings.Join(depts, " or "), list)})
	}
	if nUnknown > 0 {
		figs = append(figs, figure{Label: "owner department: its topic's own or the taxonomy's default, not known", Value: thousands(nUnknown),
			Href: href["audit-routing-unknown"],
			Note: fmt.Sprintf("classified by %s, whose routing taxonomy the warehouse does not keep: whether each department is its topic's own or the taxonomy's default cannot be told; counted as routed in the table below",
				strings.Join(models, ", "))})
	}
	return figs, nil
}
