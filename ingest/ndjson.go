package ingest

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"golang.org/x/text/transform"
)

// badJSONLine is a line of a newline-delimited JSON file that is not JSON
// (a write cut short, a hand edit): its record number among the file's
// records (blank lines are none), the line as written, and what is wrong.
type badJSONLine struct {
	record   int64
	raw, why string
}

// malformedJSON reports whether err is DuckDB's JSON reader refusing a
// file for a value that is not JSON.
func malformedJSON(err error) bool {
	var de *duckdb.Error
	return errors.As(err, &de) && strings.Contains(de.Msg, "Malformed JSON")
}

// ndjsonSample is how many of a file's first lines withoutBadJSONLines
// reads to tell whether it is one JSON object a line.
const ndjsonSample = 100

// withoutBadJSONLines writes a copy of the newline-delimited JSON file
// path to a temporary file in dir with each line that is not JSON as an
// empty object, and returns its path and those lines; "" and none when the
// file has none, or is not newline-delimited: its first line that is not
// blank is not a JSON object, and fewer than half of its first
// ndjsonSample such lines are (an array, or objects over several lines,
// whose lines cannot be told apart; a first line that is not one may be
// the line cut short). DuckDB's reader refuses the whole file for one
// such line; the empty object is read as a record of no fields, rejected
// (fixBadJSONLines then names the line and its fault), and the other
// lines load.
func withoutBadJSONLines(ctx context.Context, path, dir string) (string, []badJSONLine, error) {
	var bad []badJSONLine
	seen, objects := 0, 0 // lines, and JSON objects, among the first ndjsonSample
	firstObject := false
	notNDJSON := func() bool { return !firstObject && (objects == 0 || 2*objects < seen) }
	if err := eachJSONLine(ctx, path, func(record int64, line, body []byte) error {
		if record == 0 {
			return nil // blank
		}
		if record == 1 {
			body = bytes.TrimPrefix(body, []byte("\ufeff")) // a byte order mark
		}
		// JSON is UTF-8: Go's check passes bytes that are not (Windows-1252
		// "caf\xe9"), which DuckDB's reader then refuses with the whole
		// file, naming another record (an exploratory QA pass)
		utf := utf8.Valid(body)
		valid := utf && json.Valid(body)
		if record <= ndjsonSample {
			seen++
			if valid && body[0] == '{' {
				objects++
				firstObject = firstObject || record == 1
			}
			if record == ndjsonSample && notNDJSON() {
				return errNotNDJSON
			}
		}
		if !valid {
			var v any
			why := "not JSON"
			if !utf {
				why = "not UTF-8, which JSON is"
			} else if err := json.Unmarshal(body, &v); err != nil {
				why = err.Error()
			}
			raw := string(bytes.TrimRight(line, "\r\n"))
			if !utf {
				// kept as the CSV reader reads such bytes, Windows-1252
				// (a parameter must be UTF-8)
				if t, _, err := transform.String(&utf8Fallback{}, raw); err == nil {
					raw = t
				} else {
					raw = strings.ToValidUTF8(raw, "\uFFFD")
				}
			}
			bad = append(bad, badJSONLine{record: record, raw: raw, why: why})
		}
		return nil
	}); err != nil || len(bad) == 0 || notNDJSON() {
		if errors.Is(err, errNotNDJSON) {
			err = nil
		}
		return "", nil, err
	}
	tmp, err := os.CreateTemp(dir, "complaints-json-*.ndjson")
	if err != nil {
		return "", nil, err
	}
	out := bufio.NewWriterSize(tmp, 1<<20)
	k := 0
	err = eachJSONLine(ctx, path, func(record int64, line, _ []byte) error {
		if record > 0 && k < len(bad) && bad[k].record == record {
			k++
			line = append([]byte("{}"), line[len(bytes.TrimRight(line, "\r\n")):]...)
		}
		_, err := out.Write(line)
		return err
	})
	if err == nil {
		err = out.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", nil, err
	}
	return tmp.Name(), bad, nil
}

// errNotNDJSON stops withoutBadJSONLines' reading of a file that is not
// one JSON object a line.
var errNotNDJSON = errors.New("not newline-delimited JSON")

// eachJSONLine calls f with every line of the file path, its line end
// included, and for a line that is not blank its record number and text
// without the white space around it (blank lines are passed to f with
// record 0 and no body, and written as they are).
func eachJSONLine(ctx context.Context, path string, f func(record int64, line, body []byte) error) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	r := bufio.NewReaderSize(in, 1<<20)
	records := int64(0)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			body := bytes.TrimSpace(line)
			rec := int64(0)
			if len(body) > 0 {
				records++
				rec = records
				if records%(1<<16) == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
			}
			if ferr := f(rec, line, body); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// fixBadJSONLines rewrites the rejects of the empty objects written in
// place of the lines that are not JSON (withoutBadJSONLines), run run's,
// to hold each line as written and what is wrong with it.
func (j *job) fixBadJSONLines(ctx context.Context, tx *sql.Tx, run int64) error {
	for _, b := range j.badJSON {
		res, err := tx.ExecContext(ctx, `UPDATE rejects SET raw = $1, reason = 'record ' || record_number || ', not JSON: ' || $2
			WHERE run_id = $3 AND record_number = $4`, b.raw, b.why, run, b.record)
		if err != nil {
			return fmt.Errorf("reject the lines that are not JSON: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("reject the lines that are not JSON: record %d was not rejected (%d rows, %v)", b.record, n, err)
		}
	}
	return nil
}
