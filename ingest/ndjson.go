package ingest

import (
	"bufio"
	"bytes"
	"cmp"
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

// badJSONLines are the lines of a newline-delimited JSON file that are not
// JSON (a write cut short, a hand edit), kept in a temporary file of one
// JSON object a line: each line's record number among the file's records
// (blank lines are none), the line as written and what is wrong. They are
// written as they are found, not held: a file may have millions.
type badJSONLines struct {
	path    string
	n       int64 // lines
	longest int   // bytes of the longest object in path
}

// badJSONLine is one object of badJSONLines' file.
type badJSONLine struct {
	Record int64  `json:"record"`
	Raw    string `json:"raw"`
	Why    string `json:"why"`
}

// malformedJSON reports whether err is DuckDB's JSON reader refusing a
// file for a value that is not JSON.
func malformedJSON(err error) bool {
	var de *duckdb.Error
	// a file with no object whole in its first 16 MiB (lines none of
	// which is JSON) exceeds the reader's maximum object size instead
	return errors.As(err, &de) && (strings.Contains(de.Msg, "Malformed JSON") || strings.Contains(de.Msg, "maximum_object_size"))
}

// ndjsonSample is how many of a file's first lines withoutBadJSONLines
// reads to tell whether it is one JSON object a line.
const ndjsonSample = 100

// withoutBadJSONLines writes a copy of the newline-delimited JSON file
// path to a temporary file in dir with each line that is not JSON as an
// empty object, and returns its path and those lines (written to another
// temporary file in dir); "" and nil when the file has none, or is not
// newline-delimited: its first line that is not blank is not a JSON
// object, and fewer than half of its first ndjsonSample such lines are (an
// array, or objects over several lines, whose lines cannot be told apart;
// a first line that is not one may be the line cut short). DuckDB's
// reader refuses the whole file for one such line; the empty object is
// read as a record of no fields, rejected (fixBadJSONLines then names the
// line and its fault), and the other lines load.
func withoutBadJSONLines(ctx context.Context, path, dir string, ndjson bool) (string, *badJSONLines, error) {
	var records []int64 // the bad lines' record numbers
	var bad *badJSONLines
	var badFile *os.File
	var badOut *bufio.Writer
	seen, objects := 0, 0 // lines, and JSON objects, among the first ndjsonSample
	firstObject := false
	var noObject *noJSONObjectError // the first line that is no object
	notNDJSON := func() bool { return !firstObject && (objects == 0 || 2*objects < seen) }
	err := eachJSONLine(ctx, path, func(record int64, line, body []byte) error {
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
		why := "" // what is wrong, for a line that is not JSON
		if !utf || !json.Valid(body) {
			why = jsonFault(body, utf)
		}
		if record <= ndjsonSample {
			seen++
			if why == "" && body[0] == '{' {
				objects++
				firstObject = firstObject || record == 1
			} else if noObject == nil {
				noObject = &noJSONObjectError{record: record, why: cmp.Or(why, "a JSON value, not an object")}
			}
			if record == ndjsonSample && notNDJSON() {
				return errNotNDJSON
			}
		}
		if why == "" {
			return nil
		}
		raw := string(bytes.TrimRight(line, "\r\n"))
		if !utf {
			// kept as the CSV reader reads such bytes, Windows-1252
			// (DuckDB reads UTF-8)
			if t, _, err := transform.String(&utf8Fallback{}, raw); err == nil {
				raw = t
			} else {
				raw = strings.ToValidUTF8(raw, "\uFFFD")
			}
		}
		if bad == nil {
			f, err := os.CreateTemp(dir, "complaints-not-json-*.ndjson")
			if err != nil {
				return err
			}
			badFile, badOut = f, bufio.NewWriterSize(f, 1<<20)
			bad = &badJSONLines{path: f.Name()}
		}
		b, err := json.Marshal(badJSONLine{Record: record, Raw: raw, Why: why})
		if err != nil {
			return err
		}
		bad.longest = max(bad.longest, len(b))
		records = append(records, record)
		_, err = badOut.Write(append(b, '\n'))
		return err
	})
	if badFile != nil {
		bad.n = int64(len(records))
		if err == nil {
			err = badOut.Flush()
		}
		if cerr := badFile.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil || bad == nil || notNDJSON() {
		if bad != nil {
			os.Remove(bad.path)
		}
		if errors.Is(err, errNotNDJSON) {
			err = nil
		}
		if err == nil && ndjson && objects == 0 && noObject != nil {
			// named newline-delimited, and no line an object: DuckDB's
			// message names a "record/value" and a byte, or only its
			// maximum object size for a file of more than 16 MiB
			noObject.lines = seen
			err = noObject
		}
		return "", nil, err
	}
	tmp, err := os.CreateTemp(dir, "complaints-json-*.ndjson")
	if err != nil {
		os.Remove(bad.path)
		return "", nil, err
	}
	out := bufio.NewWriterSize(tmp, 1<<20)
	k := 0
	err = eachJSONLine(ctx, path, func(record int64, line, _ []byte) error {
		if record > 0 && k < len(records) && records[k] == record {
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
		os.Remove(bad.path)
		return "", nil, err
	}
	return tmp.Name(), bad, nil
}

// jsonFault says what is wrong with a line that is not JSON (utf: its
// bytes are UTF-8).
func jsonFault(body []byte, utf bool) string {
	if !utf {
		return "not UTF-8, which JSON is"
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return err.Error()
	}
	return "not JSON"
}

// noJSONObjectError refuses a file named newline-delimited JSON none of
// whose first lines is a JSON object, naming the first.
type noJSONObjectError struct {
	record int64  // its first line that is no object (blank lines not counted)
	why    string // what it is
	lines  int    // the lines looked at
}

func (e *noJSONObjectError) Error() string {
	which := fmt.Sprintf("no line of the first %d is", e.lines)
	switch {
	case e.lines == 1:
		which = "its one line is not"
	case e.lines < ndjsonSample:
		which = fmt.Sprintf("none of its %d lines is", e.lines)
	}
	return fmt.Sprintf("not newline-delimited JSON: %s a JSON object (line %d: %s)", which, e.record, e.why)
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
// to hold each line as written and what is wrong with it, in one
// statement (sql/not_json.sql; one UPDATE a line took 8 minutes for
// 400,000 of them).
func (j *job) fixBadJSONLines(ctx context.Context, tx *sql.Tx, run int64) error {
	b := j.badJSON
	res, err := tx.ExecContext(ctx, render("not_json.sql", map[string]string{"MaxObject": fmt.Sprint(max(b.longest+1, 1<<20))}),
		b.path, run)
	if err != nil {
		return fmt.Errorf("reject the lines that are not JSON: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != b.n {
		return fmt.Errorf("reject the lines that are not JSON: %d of %d lines were rejected (%v)", n, b.n, err)
	}
	return nil
}
