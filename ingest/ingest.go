package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// maxRecordBytes bounds one record (a CSV line or JSON object): narratives
// of several MB must load. DuckDB sizes its CSV read buffers from it (about
// 16 times), so a larger bound costs memory on every file.
const maxRecordBytes = 8 << 20

// DB is what ingest needs of the warehouse: a dedicated connection, since
// the staging tables are temporary and live on one connection.
type DB interface {
	Conn(ctx context.Context) (*sql.Conn, error)
}

// Options control one ingest. The zero value detects the profile from the
// header.
type Options struct {
	Profile string   // canonical, cfpb or generic; empty: detect
	Mapping *Mapping // for the generic profile (see LoadMapping)
	Source  string   // value of the source column when the file has none; empty: the profile's or the file's name

	Now func() time.Time // clock for ingest_runs; nil means time.Now
	// Progress, when set, is called about every 200 ms while DuckDB reads
	// the file, with the bytes read so far and the file size.
	Progress func(read, size int64)
	// Log, when set, gets a debug line with the duration of each step.
	Log *slog.Logger
}

// Result is the reconciliation of one file.
type Result struct {
	RunID     int64
	File      string
	SHA256    string
	Profile   string
	Target    string
	Read      int64
	Loaded    int64
	Updated   int64
	Duplicate int64
	Rejected  int64
	Elapsed   time.Duration
}

// String is the reconciliation line printed after each file.
func (r Result) String() string {
	return fmt.Sprintf("%s: run %d, profile %s -> %s: read %d = loaded %d + updated %d + duplicate %d + rejected %d",
		r.File, r.RunID, r.Profile, r.Target, r.Read, r.Loaded, r.Updated, r.Duplicate, r.Rejected)
}

// File ingests one export in a single transaction.
func File(ctx context.Context, db DB, path string, opts Options) (Result, error) {
	res := Result{File: path}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	started := now()
	t0 := time.Now()
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	last := t0
	step := func(msg string, args ...any) {
		log.Debug(msg, append([]any{"file", path, "seconds", time.Since(last).Seconds()}, args...)...)
		last = time.Now()
	}
	st, err := os.Stat(path)
	if err != nil {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	if st.IsDir() {
		return res, fmt.Errorf("read %s: is a directory", path)
	}
	format := detectFormat(path, opts.Mapping)
	readPath := path
	if format == "xlsx" {
		sheet := ""
		if opts.Mapping != nil {
			sheet = opts.Mapping.Sheet
		}
		tmp, err := xlsxToCSV(ctx, path, sheet)
		if err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		defer os.Remove(tmp)
		readPath, format = tmp, "csv"
	}

	hashc := make(chan hashResult, 1)
	var hashed atomic.Int64 // bytes the hash has read, not DuckDB
	go func() { hashc <- fileSHA256(path, &hashed) }()

	conn, err := db.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("ingest %s: %w", path, err)
	}
	defer conn.Close()
	// Staging tables are per connection; clear what an earlier, failed run
	// on this pooled connection may have left.
	for _, t := range []string{"ingest_stage", "ingest_outcome", "ingest_reject_errors", "ingest_reject_scans"} {
		if _, err := conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp."+t); err != nil {
			return res, fmt.Errorf("ingest %s: clear staging: %w", path, err)
		}
	}

	header, err := readHeader(ctx, conn, readPath, format)
	if err != nil {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	m, profile, err := chooseMapping(opts.Profile, opts.Mapping, header)
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkColumns(m, header); err != nil {
		return res, fmt.Errorf("%s: mapping %s: %w", path, m.name, err)
	}
	tbl := tables[m.Target]
	res.Profile, res.Target = profile, tbl.name
	defaultSource := opts.Source
	if defaultSource == "" {
		defaultSource = m.Source
	}
	if defaultSource == "" {
		defaultSource = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}

	// Staging happens before the transaction: the temporary table belongs
	// to this connection only, and once committed its rowids are the record
	// order 0..n-1 (rows local to an open transaction are numbered apart).
	var p params
	source := sourceExpr(format, readPath, header, true, &p)
	if m.usesRecord() {
		// Record numbers in file order: the readers keep insertion order.
		source = "(SELECT *, CAST(row_number() OVER () AS VARCHAR) AS " + ident(RecordColumn) + " FROM " + source + ")"
		header = append(header, RecordColumn)
	}
	stage := stageSQL(m, tbl, header, source, &p, defaultSource)
	stop := watchProgress(opts.Progress, st.Size(), &hashed)
	_, err = conn.ExecContext(ctx, stage, p.args...)
	stop()
	if err != nil {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	step("staged")

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("ingest %s: begin: %w", path, err)
	}
	defer tx.Rollback()

	var staged, invalid, readerRejects int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(_reason) FROM ingest_stage`).Scan(&staged, &invalid); err != nil {
		return res, fmt.Errorf("ingest %s: count staged: %w", path, err)
	}
	hasReaderRejects := format == "csv" || format == "tsv"
	if hasReaderRejects {
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT line) FROM ingest_reject_errors`).Scan(&readerRejects); err != nil {
			return res, fmt.Errorf("ingest %s: count reader rejects: %w", path, err)
		}
	}

	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs`).Scan(&res.RunID); err != nil {
		return res, fmt.Errorf("ingest %s: next run id: %w", path, err)
	}
	run := fmt.Sprint(res.RunID)
	if invalid+readerRejects > 0 {
		q := render("rejects.sql", map[string]any{"RunID": run, "ReaderRejects": readerRejects > 0})
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return res, fmt.Errorf("ingest %s: record rejects: %w", path, err)
		}
	}

	keyS, keyJoin := keyExprs(tbl)
	var repeats int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT `+keyS+` FROM ingest_stage s WHERE _reason IS NULL GROUP BY ALL HAVING count(*) > 1)`).Scan(&repeats); err != nil {
		return res, fmt.Errorf("ingest %s: find repeated keys: %w", path, err)
	}
	step("stage checked", "staged", staged, "invalid", invalid, "reader_rejects", readerRejects, "repeated_keys", repeats)
	if _, err := tx.ExecContext(ctx, render("outcome.sql", map[string]any{
		"Table": tbl.name, "KeyS": keyS, "KeyJoin": keyJoin, "Unique": repeats == 0,
	})); err != nil {
		return res, fmt.Errorf("ingest %s: match keys: %w", path, err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (outcome = 'loaded'), count(*) FILTER (outcome = 'updated'),
		count(*) FILTER (outcome = 'duplicate') FROM ingest_outcome`).Scan(&res.Loaded, &res.Updated, &res.Duplicate); err != nil {
		return res, fmt.Errorf("ingest %s: count outcomes: %w", path, err)
	}
	step("outcomes decided")
	cols := make([]string, len(tbl.fields))
	for i, f := range tbl.fields {
		cols[i] = ident(f.name)
	}
	// Only new keys, each once (the usual first load): append without
	// looking at the outcomes.
	allNew := res.Loaded == staged-invalid
	if _, err := tx.ExecContext(ctx, render("merge.sql", map[string]any{
		"Table": tbl.name, "Columns": strings.Join(cols, ", "), "RunID": run, "AllNew": allNew,
	})); err != nil {
		return res, fmt.Errorf("ingest %s: write %s: %w", path, tbl.name, err)
	}
	step("merged")

	res.Rejected = invalid + readerRejects
	res.Read = staged + readerRejects
	hr := <-hashc
	if hr.err != nil {
		return res, fmt.Errorf("read %s: %w", path, hr.err)
	}
	res.SHA256 = hr.sum
	if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_runs (run_id, started_at, finished_at, file, sha256, profile, target,
		rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		res.RunID, started.UTC(), now().UTC(), path, res.SHA256, profile, tbl.name,
		res.Read, res.Loaded, res.Updated, res.Duplicate, res.Rejected); err != nil {
		return res, fmt.Errorf("ingest %s: record run: %w", path, err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("ingest %s: commit: %w", path, err)
	}
	step("committed")
	for _, t := range []string{"ingest_stage", "ingest_outcome"} {
		if _, err := conn.ExecContext(ctx, "DROP TABLE temp."+t); err != nil {
			return res, fmt.Errorf("ingest %s: drop staging: %w", path, err)
		}
	}
	res.Elapsed = time.Since(t0)
	return res, nil
}

func keyExprs(t *table) (keyS, join string) {
	var s, j []string
	for _, k := range t.key {
		s = append(s, "s."+ident(k))
		j = append(j, "e."+ident(k)+" = s."+ident(k))
	}
	return strings.Join(s, ", "), strings.Join(j, " AND ")
}

// checkColumns makes sure every column the mapping names is in the file.
func checkColumns(m *Mapping, header []string) error {
	h := headerSet(header)
	h[RecordColumn] = true
	for _, col := range append(sortedKeys(m.Columns), sortedKeys(m.Keep)...) {
		if !h[col] {
			return fmt.Errorf("column %q is not in the file (it has: %s)", col, strings.Join(truncate(header, 12), ", "))
		}
	}
	return nil
}

func detectFormat(path string, m *Mapping) string {
	if m != nil && m.Format != "" {
		return m.Format
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsv", ".tab":
		return "tsv"
	case ".json":
		return "json"
	case ".ndjson", ".jsonl":
		return "ndjson"
	case ".parquet", ".pq":
		return "parquet"
	case ".xlsx", ".xlsm":
		return "xlsx"
	}
	return "csv"
}

// sourceExpr is the table expression that reads the file with all columns
// as text. With rejects, the CSV reader keeps records it cannot parse in
// ingest_reject_errors instead of failing.
func sourceExpr(format, path string, header []string, rejects bool, p *params) string {
	switch format {
	case "json", "ndjson":
		cols := make([]string, len(header))
		for i, c := range header {
			cols[i] = "json ->> " + literal(c) + " AS " + ident(c)
		}
		if len(cols) == 0 {
			cols = []string{"NULL AS json"}
		}
		return render("source_json.sql", map[string]string{
			"Path": p.add(path), "Columns": strings.Join(cols, ", "), "MaxLine": fmt.Sprint(maxRecordBytes)})
	case "parquet":
		return render("source_parquet.sql", map[string]string{"Path": p.add(path)})
	}
	delim := ","
	if format == "tsv" {
		delim = "\t"
	}
	return render("source_csv.sql", map[string]any{
		"Path": p.add(path), "Delim": p.add(delim), "MaxLine": fmt.Sprint(maxRecordBytes), "Rejects": rejects})
}

// readHeader returns the file's column names as DuckDB will read them.
func readHeader(ctx context.Context, conn *sql.Conn, path, format string) ([]string, error) {
	var p params
	var q string
	if format == "json" || format == "ndjson" {
		q = `SELECT DISTINCT k FROM (
			SELECT unnest(json_keys(coalesce(json -> '_source', json))) AS k
			FROM read_json_objects(` + p.add(path) + `, format = 'auto', maximum_object_size = ` + fmt.Sprint(maxRecordBytes) + `)) ORDER BY k`
		rows, err := conn.QueryContext(ctx, q, p.args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var header []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				return nil, err
			}
			header = append(header, k)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(header) == 0 {
			return nil, errors.New("no JSON objects with fields")
		}
		return header, nil
	}
	q = "SELECT * FROM " + sourceExpr(format, path, nil, false, &p) + " LIMIT 0"
	rows, err := conn.QueryContext(ctx, q, p.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

type hashResult struct {
	sum string
	err error
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func fileSHA256(path string, read *atomic.Int64) hashResult {
	f, err := os.Open(path)
	if err != nil {
		return hashResult{err: err}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, countingReader{f, read}); err != nil {
		return hashResult{err: err}
	}
	return hashResult{sum: hex.EncodeToString(h.Sum(nil))}
}
