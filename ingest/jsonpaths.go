package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// pathSample is how many records of a JSON file checkPaths looks at
// before reading all of them: a path a mapping reads is nearly always in
// the first records, and the whole file is read again only for a path
// that is not.
const pathSample = 1000

// checkPaths checks that each member path a mapping file reads from a JSON
// or NDJSON file ("fields.created") is in some record, its value null or
// not, as checkColumns checks a CSV's columns: a misspelt path read null
// in every record, silently, or rejected every record as missing (QA pass
// Y). The first records answer for nearly every path; only a path not in
// them is looked for in the whole file. A profile's paths are not
// checked: an export may lack what a profile reads when it is there
// (Zendesk's metric_set).
func (j *job) checkPaths(ctx context.Context, conn *sql.Conn) error {
	h := headerSet(j.header)
	var paths []string
	byPath := map[string]string{} // JSON path -> the mapping's column
	for _, c := range j.m.columnsRead() {
		if p := jsonPath(c, h); p != "" && !strings.Contains(p, `."*"`) {
			paths, byPath[p] = append(paths, p), c
		}
	}
	if len(paths) == 0 {
		return nil
	}
	missing, err := j.pathsNotIn(ctx, conn, paths, pathSample)
	if err != nil || len(missing) == 0 {
		return err
	}
	if missing, err = j.pathsNotIn(ctx, conn, missing, 0); err != nil || len(missing) == 0 {
		return err
	}
	c := byPath[missing[0]]
	has, err := j.keysNear(ctx, conn, c)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%q", c)
	if fields := j.m.Columns[c]; len(fields) > 0 {
		what += " (" + strings.Join(fields, ", ") + ")"
	}
	return fmt.Errorf("path %s is in no record of the file (%s)", what, has)
}

// pathsNotIn returns those of paths that none of the file's first n
// records has (n 0: all of them).
func (j *job) pathsNotIn(ctx context.Context, conn *sql.Conn, paths []string, n int) ([]string, error) {
	var p params
	list := p.add(paths)
	rows, err := conn.QueryContext(ctx, render("json_paths.sql", map[string]string{"Objects": j.objects(&p, n), "Paths": list}), p.args...)
	if err != nil {
		return nil, fmt.Errorf("paths of %s: %w", j.path, err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var path string
		if err := rows.Scan(&path); err != nil {
			return nil, fmt.Errorf("paths of %s: %w", j.path, err)
		}
		found[path] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("paths of %s: %w", j.path, err)
	}
	return slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return found[p] }), nil
}

// objects is the table expression of the file's records, the first n of
// them (0: all).
func (j *job) objects(p *params, n int) string {
	objects := jsonObjects(j.readPath, j.dialect.records, p)
	if n > 0 {
		objects = "(SELECT json FROM " + objects + " LIMIT " + fmt.Sprint(n) + ")"
	}
	return objects
}

// keysNear says what the records have near column c, a path none has: the
// keys of the deepest object above it that some record has ("fields has:
// assignee, created, ..."), for the error to show what was meant.
func (j *job) keysNear(ctx context.Context, conn *sql.Conn, c string) (string, error) {
	segs := strings.Split(c, ".")
	for n := len(segs) - 1; n > 0; n-- {
		var p params
		q := render("json_keys.sql", map[string]string{"Objects": j.objects(&p, 0), "Path": p.add(memberPath(segs[:n]))})
		keys, err := queryColumn[string](ctx, conn, q, p.args...)
		if err != nil {
			return "", fmt.Errorf("keys of %s: %w", j.path, err)
		}
		if len(keys) > 0 {
			return strings.Join(segs[:n], ".") + " has: " + strings.Join(truncate(keys, 12), ", "), nil
		}
	}
	return "they have: " + strings.Join(truncate(j.header, 12), ", "), nil
}
