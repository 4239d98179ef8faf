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

// File ingests one export: it stages the file's records in a temporary
// table, then reconciles them against the warehouse and records the run in
// one transaction.
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
	j := &job{path: path, readPath: path, format: detectFormat(path, opts.Mapping)}
	if j.format == "xlsx" {
		sheet := ""
		if opts.Mapping != nil {
			sheet = opts.Mapping.Sheet
		}
		tmp, err := xlsxToCSV(ctx, path, sheet)
		if err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		defer os.Remove(tmp)
		j.readPath, j.format = tmp, "csv"
	}

	hashc := make(chan hashResult, 1)
	var hashed atomic.Int64 // bytes the checksum has read, not DuckDB
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
	if err := j.plan(ctx, conn, opts); err != nil {
		return res, err
	}
	res.Profile, res.Target = j.profile, j.tbl.name

	stop := watchProgress(opts.Progress, st.Size(), &hashed)
	err = j.stage(ctx, conn)
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
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs`).Scan(&res.RunID); err != nil {
		return res, fmt.Errorf("ingest %s: next run id: %w", path, err)
	}
	if err := j.reconcile(ctx, tx, &res, step); err != nil {
		return res, fmt.Errorf("ingest %s: %w", path, err)
	}
	hr := <-hashc
	if hr.err != nil {
		return res, fmt.Errorf("read %s: %w", path, hr.err)
	}
	res.SHA256 = hr.sum
	if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_runs (run_id, started_at, finished_at, file, sha256, profile, target,
		rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		res.RunID, started.UTC(), now().UTC(), path, res.SHA256, j.profile, j.tbl.name,
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

// job is one file on its way in.
type job struct {
	path     string // as the user named it
	readPath string // what DuckDB reads (a CSV copy of an XLSX sheet)
	format   string // csv, tsv, json, ndjson or parquet
	header   []string
	m        *Mapping
	profile  string
	tbl      *table
	source   string // the source column's value when no column gives it
}

// plan reads the header and chooses the mapping.
func (j *job) plan(ctx context.Context, conn *sql.Conn, opts Options) error {
	header, err := readHeader(ctx, conn, j.readPath, j.format)
	if err != nil {
		return fmt.Errorf("read %s: %w", j.path, err)
	}
	m, profile, err := chooseMapping(opts.Profile, opts.Mapping, header)
	if err != nil {
		return fmt.Errorf("%s: %w", j.path, err)
	}
	if err := checkColumns(m, header); err != nil {
		return fmt.Errorf("%s: mapping %s: %w", j.path, m.name, err)
	}
	j.header, j.m, j.profile, j.tbl = header, m, profile, tables[m.Target]
	j.source = opts.Source
	if j.source == "" {
		j.source = m.Source
	}
	if j.source == "" {
		j.source = strings.TrimSuffix(filepath.Base(j.path), filepath.Ext(j.path))
	}
	return nil
}

// stage reads every record into the temporary table ingest_stage, converted
// and checked (sql/stage.sql). It runs before the transaction: the table
// belongs to this connection only, and once committed its rowids are the
// record order 0..n-1 (rows local to an open transaction are numbered apart).
func (j *job) stage(ctx context.Context, conn *sql.Conn) error {
	var p params
	header := j.header
	source := sourceExpr(j.format, j.readPath, header, true, &p)
	if j.m.usesRecord() {
		// Record numbers in file order: the readers keep insertion order.
		source = "(SELECT *, CAST(row_number() OVER () AS VARCHAR) AS " + ident(RecordColumn) + " FROM " + source + ")"
		header = append(header[:len(header):len(header)], RecordColumn)
	}
	q := stageSQL(j.m, j.tbl, header, source, &p, j.source)
	_, err := conn.ExecContext(ctx, q, p.args...)
	return err
}

// reconcile counts the staged records, writes the rejects, decides each
// record's outcome and writes the new and changed rows (sql/rejects.sql,
// outcome.sql, merge.sql).
func (j *job) reconcile(ctx context.Context, tx *sql.Tx, res *Result, step func(string, ...any)) error {
	var staged, invalid, readerRejects int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(_reason) FROM ingest_stage`).Scan(&staged, &invalid); err != nil {
		return fmt.Errorf("count staged: %w", err)
	}
	if j.format == "csv" || j.format == "tsv" {
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT line) FROM ingest_reject_errors`).Scan(&readerRejects); err != nil {
			return fmt.Errorf("count reader rejects: %w", err)
		}
	}
	res.Rejected = invalid + readerRejects
	res.Read = staged + readerRejects
	run := fmt.Sprint(res.RunID)
	if res.Rejected > 0 {
		q := render("rejects.sql", map[string]any{"RunID": run, "ReaderRejects": readerRejects > 0})
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("record rejects: %w", err)
		}
	}

	keyS, keyJoin := keyExprs(j.tbl)
	var repeats int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT `+keyS+` FROM ingest_stage s WHERE _reason IS NULL GROUP BY ALL HAVING count(*) > 1)`).Scan(&repeats); err != nil {
		return fmt.Errorf("find repeated keys: %w", err)
	}
	step("stage checked", "staged", staged, "invalid", invalid, "reader_rejects", readerRejects, "repeated_keys", repeats)
	if _, err := tx.ExecContext(ctx, render("outcome.sql", map[string]any{
		"Table": j.tbl.name, "KeyS": keyS, "KeyJoin": keyJoin, "Unique": repeats == 0,
	})); err != nil {
		return fmt.Errorf("match keys: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (outcome = 'loaded'), count(*) FILTER (outcome = 'updated'),
		count(*) FILTER (outcome = 'duplicate') FROM ingest_outcome`).Scan(&res.Loaded, &res.Updated, &res.Duplicate); err != nil {
		return fmt.Errorf("count outcomes: %w", err)
	}
	step("outcomes decided")
	cols := make([]string, len(j.tbl.fields))
	for i, f := range j.tbl.fields {
		cols[i] = ident(f.name)
	}
	// Only new keys, each once (the usual first load): append without
	// looking at the outcomes.
	allNew := res.Loaded == staged-invalid
	if _, err := tx.ExecContext(ctx, render("merge.sql", map[string]any{
		"Table": j.tbl.name, "Columns": strings.Join(cols, ", "), "RunID": run, "AllNew": allNew,
	})); err != nil {
		return fmt.Errorf("write %s: %w", j.tbl.name, err)
	}
	step("merged")
	return nil
}

// keyExprs returns the staged key columns (alias s) and the condition
// joining them to the warehouse table (alias e).
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
