package classify

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"slices"
	"strings"
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

// LabelledTexts reads the narratives of the warehouse's complaints with
// their value in column: a canonical column of the complaints table (such
// as product or issue) or, failing that, a key of the extra JSON (any
// column of the original export). Complaints without a narrative or without
// a value are skipped. Empty labels are skipped too.
func LabelledTexts(ctx context.Context, db Querier, column string) (labels, texts []string, err error) {
	canonical, err := complaintColumns(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	var rows *sql.Rows
	if canonical[strings.ToLower(column)] && !strings.EqualFold(column, "extra") {
		ident := `"` + strings.ToLower(column) + `"` // a name from information_schema
		rows, err = db.QueryContext(ctx, fmt.Sprintf(labelledCanonicalSQL, ident, ident, ident))
	} else {
		path := `$."` + strings.ReplaceAll(column, `"`, `\"`) + `"`
		rows, err = db.QueryContext(ctx, labelledExtraSQL, path, path)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read labels %q: %w", column, err)
	}
	defer rows.Close()
	for rows.Next() {
		var l, t string
		if err := rows.Scan(&l, &t); err != nil {
			return nil, nil, fmt.Errorf("read labels %q: %w", column, err)
		}
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		labels, texts = append(labels, l), append(texts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read labels %q: %w", column, err)
	}
	return labels, texts, nil
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
// fewest capital letters, then to the first in byte order. folds maps each
// class that has more than one spelling to the count of each; nil when
// there is none.
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
		class[k] = best
		if len(spellings) > 1 {
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

// foldKey is a label lower-cased with its white space made single spaces.
func foldKey(l string) string { return strings.ToLower(strings.Join(strings.Fields(l), " ")) }

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
