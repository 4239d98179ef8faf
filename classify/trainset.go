package classify

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
)

var (
	//go:embed sql/labelled_canonical.sql
	labelledCanonicalSQL string
	//go:embed sql/labelled_extra.sql
	labelledExtraSQL string
	//go:embed sql/extra_keys.sql
	extraKeysSQL string
)

// LabelColumns lists what LabelledTexts can read labels from: the
// complaints table's columns and the keys of its extra JSON, each sorted.
func LabelColumns(ctx context.Context, db Querier) (canonical, extra []string, err error) {
	cols, err := complaintColumns(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	for c := range cols {
		if c != "extra" {
			canonical = append(canonical, c)
		}
	}
	slices.Sort(canonical)
	rows, err := db.QueryContext(ctx, extraKeysSQL)
	if err != nil {
		return nil, nil, fmt.Errorf("read extra keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, nil, fmt.Errorf("read extra keys: %w", err)
		}
		extra = append(extra, k)
	}
	return canonical, extra, rows.Err()
}

// Querier is what LabelledTexts needs of the warehouse.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Labelled are the narratives LabelledTexts reads, each with its label
// and when its complaint was received.
type Labelled struct {
	Labels, Texts []string
	Received      []time.Time
	// Unlabelled counts the complaints with a narrative and no value (or
	// an empty one), which a model cannot learn from.
	Unlabelled int
}

// LabelledTexts reads the narratives of the warehouse's complaints with
// their value in column: a canonical column of the complaints table (such
// as product or issue) or, failing that, a key of the extra JSON (any
// column of the original export). Complaints without a narrative are
// skipped; those without a value, or with an empty one, are counted
// (Unlabelled).
func LabelledTexts(ctx context.Context, db Querier, column string) (*Labelled, error) {
	canonical, err := complaintColumns(ctx, db)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	if canonical[strings.ToLower(column)] && !strings.EqualFold(column, "extra") {
		ident := `"` + strings.ToLower(column) + `"` // a name from information_schema
		rows, err = db.QueryContext(ctx, fmt.Sprintf(labelledCanonicalSQL, ident))
	} else {
		path := `$."` + strings.ReplaceAll(column, `"`, `\"`) + `"`
		rows, err = db.QueryContext(ctx, labelledExtraSQL, path)
	}
	if err != nil {
		return nil, fmt.Errorf("read labels %q: %w", column, err)
	}
	defer rows.Close()
	out := &Labelled{}
	for rows.Next() {
		var l sql.NullString
		var t string
		var at time.Time
		if err := rows.Scan(&l, &t, &at); err != nil {
			return nil, fmt.Errorf("read labels %q: %w", column, err)
		}
		label := strings.TrimSpace(visible(l.String))
		if label == "" {
			out.Unlabelled++
			continue
		}
		out.Labels, out.Texts, out.Received = append(out.Labels, label), append(out.Texts, t), append(out.Received, at)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read labels %q: %w", column, err)
	}
	return out, nil
}

func complaintColumns(ctx context.Context, db Querier) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT column_name FROM information_schema.columns WHERE table_name = 'complaints'`)
	if err != nil {
		return nil, fmt.Errorf("read complaints columns: %w", err)
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols[strings.ToLower(c)] = true
	}
	return cols, rows.Err()
}

// FoldLabels reads labels that differ only in case or white space
// ("Sound", "SOUND", "sound", "no  sound") as one class, which they were
// meant to be, not as classes of their own that split its narratives and
// confuse each other. The class is spelt as most of its narratives spell
// it; ties go to a spelling with single spaces, then to the one with the
// fewest capital letters, then to the first in byte order. A class that
// folds to the reserved topic name ("Other", "OTHER") is spelt "other": it
// is that topic, the catch-all the pages keep apart, not a topic of its
// own listed beside it (QA pass AG). folds maps each class that has more
// than one spelling, or is spelt otherwise than its labels, to the count
// of each spelling; nil when there is none.
func FoldLabels(labels []string) (folded []string, folds map[string]map[string]int) {
	byKey := map[string]map[string]int{}
	for _, l := range labels {
		k := foldKey(l)
		if byKey[k] == nil {
			byKey[k] = map[string]int{}
		}
		byKey[k][l]++
	}
	class := map[string]string{}
	for k, spellings := range byKey {
		best := ""
		for s := range spellings {
			if best == "" || spellingBefore(s, best, spellings) {
				best = s
			}
		}
		if k == TopicOther {
			best = TopicOther
		}
		class[k] = best
		if _, ok := spellings[best]; len(spellings) > 1 || !ok {
			if folds == nil {
				folds = map[string]map[string]int{}
			}
			folds[best] = spellings
		}
	}
	if folds == nil {
		return labels, nil
	}
	folded = make([]string, len(labels))
	for i, l := range labels {
		folded[i] = class[foldKey(l)]
	}
	return folded, folds
}

// foldKey is a label lower-cased with its white space made single spaces
// and its invisible characters dropped (see visible).
func foldKey(l string) string { return strings.ToLower(strings.Join(strings.Fields(visible(l)), " ")) }

// visible drops a label's invisible format characters (Unicode category
// Cf: a zero-width space, a byte order mark, a direction mark): "Broken"
// with a zero-width space pasted in was a class beside "Broken", printed
// alike in the confusion table (QA pass AG).
func visible(l string) string {
	if !strings.ContainsFunc(l, isFormat) {
		return l
	}
	return strings.Map(func(r rune) rune {
		if isFormat(r) {
			return -1
		}
		return r
	}, l)
}

func isFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

// LabelKey is what FoldLabels reads of a label: two labels of the same key
// are one class.
func LabelKey(l string) string { return foldKey(l) }

// spellingBefore reports whether spelling a is to name a class rather
// than b (see FoldLabels), given their counts.
func spellingBefore(a, b string, count map[string]int) bool {
	if count[a] != count[b] {
		return count[a] > count[b]
	}
	single := func(s string) bool { return s == strings.Join(strings.Fields(s), " ") }
	if single(a) != single(b) {
		return single(a)
	}
	capitals := func(s string) int {
		n := 0
		for _, r := range s {
			if unicode.IsUpper(r) {
				n++
			}
		}
		return n
	}
	if ca, cb := capitals(a), capitals(b); ca != cb {
		return ca < cb
	}
	return a < b
}

// LabelDrift names the labels whose examples all fall in part of the
// training data's time range: a label that starts late (new, or the new
// name of a renamed one: a helpdesk's "Delays" became "Delay" in March,
// and a model of January to March learnt both, naming January-like texts
// one and March-like the other, QA pass AG) or ends early (retired, or the
// old name). A label is named when a fifth of the labelled complaints or
// more were received before its first example (or after its last), and
// its examples falling all on one side of that mark would be a chance of
// under 1 in 1,000 were it spread as the others are: (1-q)^n for n
// examples and a share q before (or after). A label of few examples, or
// one that starts a little late, is not named. received[i] is when the
// complaint of labels[i] was received.
func LabelDrift(labels []string, received []time.Time) []string {
	if len(labels) == 0 || len(labels) != len(received) {
		return nil
	}
	sorted := slices.Clone(received)
	slices.SortFunc(sorted, func(a, b time.Time) int { return a.Compare(b) })
	first, last := map[string]time.Time{}, map[string]time.Time{}
	count := map[string]int{}
	for i, l := range labels {
		t := received[i]
		if f, ok := first[l]; !ok || t.Before(f) {
			first[l] = t
		}
		if e, ok := last[l]; !ok || t.After(e) {
			last[l] = t
		}
		count[l]++
	}
	n := float64(len(sorted))
	// the shares of the complaints received before t and after t
	before := func(t time.Time) float64 {
		i, _ := slices.BinarySearchFunc(sorted, t, func(a, b time.Time) int { return a.Compare(b) })
		return float64(i) / n
	}
	after := func(t time.Time) float64 {
		i, found := slices.BinarySearchFunc(sorted, t, func(a, b time.Time) int { return a.Compare(b) })
		for found && i < len(sorted) && !sorted[i].After(t) {
			i++
		}
		return float64(len(sorted)-i) / n
	}
	unlikely := func(q float64, k int) bool { return q >= 0.2 && float64(k)*math.Log1p(-q) < math.Log(0.001) }
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	var notes []string
	for _, l := range slices.Sorted(maps.Keys(count)) {
		k := count[l]
		if unlikely(before(first[l]), k) {
			notes = append(notes, fmt.Sprintf("label %q: all %d examples received from %s (the training data runs from %s): a new or renamed label? Its complaints before then are classified by the other labels",
				l, k, day(first[l]), day(sorted[0])))
		}
		if unlikely(after(last[l]), k) {
			notes = append(notes, fmt.Sprintf("label %q: all %d examples received up to %s (the training data runs to %s): a retired or renamed label? Its complaints after then are classified by the other labels",
				l, k, day(last[l]), day(sorted[len(sorted)-1])))
		}
	}
	return notes
}
