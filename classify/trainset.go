package classify

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"slices"
	"strings"
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
