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
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"golang.org/x/text/transform"
)

// badJSONLines are the lines of a newline-delimited JSON file that are not
// JSON (a write cut short, a hand edit) or longer than a record may hold
// (maxRecordBytes), kept in a temporary file of one JSON object a line:
// each line's record number among the file's records (blank lines are
// none), the line as written and what is wrong. They are written as they
// are found, not held: a file may have millions.
type badJSONLines struct {
	path    string
	n       int64 // lines
	long    int64 // of which too long
	longest int   // bytes of the longest object in path
	records []int64
}

// badJSONLine is one object of badJSONLines' file.
type badJSONLine struct {
	Record int64  `json:"record"`
	Raw    string `json:"raw"`
	Why    string `json:"why,omitempty"` // the reject's reason after its record number (none: kept)
}

// objectKeys returns the keys of the records among the lines that are JSON
// objects (too long ones; an Elasticsearch hit's of its _source, as
// jsonObjects reads it), sorted, each once, as readHeader gives a file's.
func (b *badJSONLines) objectKeys(ctx context.Context) ([]string, error) {
	f, err := os.Open(b.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	seen := map[string]bool{}
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for {
		var l badJSONLine
		if err := dec.Decode(&l); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("read the records rejected: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal([]byte(l.Raw), &obj) != nil {
			continue // not JSON, or no object: no keys
		}
		var source map[string]json.RawMessage
		if json.Unmarshal(obj["_source"], &source) == nil && source != nil {
			obj = source
		}
		for k := range obj {
			seen[k] = true
		}
	}
	return sortedKeys(seen), nil
}

// tooLongWhy is the reason a record of n bytes, longer than a record may
// hold, is rejected for, after its record number: a CSV record's and a
// JSON record's alike.
func tooLongWhy(n int) (typ, msg string) {
	return "LINE SIZE OVER MAXIMUM", fmt.Sprintf("the record is %d bytes, more than the %d (%d MiB) a record may hold", n, maxRecordBytes, maxRecordBytes>>20)
}

// firstJSONByte returns the first byte of the file path that is not white
// space or a byte order mark: '{' for one object a line, '[' for an array
// (0 for none, or a file that cannot be read: the reader says why), its
// offset, and whether the file begins with a byte order mark.
func firstJSONByte(path string) (c byte, at int64, bom bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for {
		c, n, err := r.ReadRune()
		if err != nil {
			return 0, 0, false
		}
		if c != '\ufeff' && !unicode.IsSpace(c) {
			return byte(min(c, utf8.RuneSelf)), at, bom
		}
		bom = bom || at == 0 && c == '\ufeff'
		at += int64(n)
	}
}

// hasLongLine reports whether the file path has a line of more than limit
// bytes, its carriage return counted: whether withoutBadJSONLines has a
// record too long to reject, told without reading JSON (DuckDB's reader
// loads an object of up to 32 MiB or so at maximum_object_size 8 MiB, and
// fails the file for a longer one).
func hasLongLine(ctx context.Context, path string, limit int) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	run := 0 // bytes since the last line feed
	for {
		n, err := io.ReadFull(f, buf)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return false, err
		}
		b := buf[:n]
		for len(b) > 0 {
			i := bytes.IndexByte(b, '\n')
			if i < 0 {
				run += len(b)
				break
			}
			if run+i > limit {
				return true, nil
			}
			run, b = 0, b[i+1:]
		}
		if run > limit {
			return true, nil
		}
		if err != nil {
			return false, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return false, cerr
		}
	}
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
	w := badLineWriter{dir: dir}
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
		why := "" // what is wrong, for a line that is not JSON or too long
		long := len(bytes.TrimRight(line, "\r\n")) > maxRecordBytes
		switch {
		case long:
			typ, msg := tooLongWhy(len(bytes.TrimRight(line, "\r\n")))
			why = ": " + typ + ": " + msg
		default:
			if fault := jsonFault(body, utf); fault != "" {
				why = ", not JSON: " + fault
			}
		}
		if record <= ndjsonSample {
			seen++
			// (a line too long is not parsed: an object's ends tell it)
			if (why == "" || long && body[len(body)-1] == '}') && body[0] == '{' {
				objects++
				firstObject = firstObject || record == 1
			} else if noObject == nil {
				noObject = &noJSONObjectError{record: record, why: cmp.Or(strings.TrimPrefix(strings.TrimPrefix(why, ", not JSON: "), ": "), "a JSON value, not an object")}
			}
			if record == ndjsonSample && notNDJSON() {
				return errNotNDJSON
			}
		}
		if why == "" {
			return nil
		}
		return w.add(record, rawText(bytes.TrimRight(line, "\r\n"), utf), why, long)
	})
	bad, records := w.bad, w.records
	err = w.close(err)
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

// rawText is a record's text as the rejects keep it: bytes that are not
// UTF-8 (utf false) read as Windows-1252, as the CSV reader reads them
// (DuckDB reads UTF-8).
func rawText(b []byte, utf bool) string {
	raw := string(b)
	if !utf {
		if t, _, err := transform.String(&utf8Fallback{}, raw); err == nil {
			raw = t
		} else {
			raw = strings.ToValidUTF8(raw, "\uFFFD")
		}
	}
	return raw
}

// badLineWriter writes the file of badJSONLines as the lines are found,
// creating it in dir at the first.
type badLineWriter struct {
	dir     string
	bad     *badJSONLines // nil until a line is added
	file    *os.File
	out     *bufio.Writer
	records []int64 // the lines' record numbers
}

// add writes record's line raw, rejected for why (too long, if long).
func (w *badLineWriter) add(record int64, raw, why string, long bool) error {
	if w.bad == nil {
		f, err := os.CreateTemp(w.dir, "complaints-not-json-*.ndjson")
		if err != nil {
			return err
		}
		w.file, w.out = f, bufio.NewWriterSize(f, 1<<20)
		w.bad = &badJSONLines{path: f.Name()}
	}
	b, err := json.Marshal(badJSONLine{Record: record, Raw: raw, Why: why})
	if err != nil {
		return err
	}
	w.bad.longest = max(w.bad.longest, len(b))
	if long {
		w.bad.long++
	}
	w.records = append(w.records, record)
	_, err = w.out.Write(append(b, '\n'))
	return err
}

// close closes the file written, if any, and returns err, else the
// error of closing it.
func (w *badLineWriter) close(err error) error {
	if w.file == nil {
		return err
	}
	w.bad.n, w.bad.records = int64(len(w.records)), w.records
	if err == nil {
		err = w.out.Flush()
	}
	if cerr := w.file.Close(); err == nil {
		err = cerr
	}
	return err
}

// errNotArray stops eachArrayElement at a file that is not a JSON array.
var errNotArray = errors.New("not a JSON array")

// eachArrayElement calls f with the byte span [start, end) of each
// element of the JSON array at byte at of the file path, in order. It
// reads no value: it follows the brackets and braces outside strings (a
// string's escaped quote is no end), so that it is as quick on an element
// of 50 MB as on one of 50 bytes. It returns errNotArray where the byte at
// at is not '['. An array cut short ends with the element cut, its bytes
// to the end of the file. whole says the array is the file's value: text
// after it is an error (a brace too many would end it early, and the
// records after it be lost).
func eachArrayElement(ctx context.Context, path string, at int64, whole bool, f func(start, end int64) error) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	if _, err := in.Seek(at, io.SeekStart); err != nil {
		return err
	}
	buf := make([]byte, 1<<20)
	start := int64(-1) // the element's first byte, -1 between elements
	depth := 0
	inString, escaped, ended := false, false, false
	for {
		n, rerr := io.ReadFull(in, buf)
		if rerr != nil && rerr != io.ErrUnexpectedEOF && rerr != io.EOF {
			return rerr
		}
		if depth == 0 && !ended && (n == 0 || buf[0] != '[') {
			return errNotArray
		}
		for i := 0; i < n; i++ {
			c := buf[i]
			if ended {
				if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
					return fmt.Errorf("not JSON: text after the end of the array, at byte %d", at+int64(i))
				}
				continue
			}
			if inString {
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
				default:
					// on to the next quote or backslash
					k := bytes.IndexAny(buf[i:n], `"\`)
					if k < 0 {
						i = n
					} else {
						i += k - 1
					}
				}
				continue
			}
			pos := at + int64(i)
			switch c {
			case ' ', '\t', '\r', '\n':
				continue
			case '}', ']':
				depth--
				if depth == 1 && start >= 0 {
					if err := f(start, pos+1); err != nil {
						return err
					}
					start = -1
				}
				if depth == 0 {
					if start >= 0 { // a last element that is no object or array
						if err := f(start, pos); err != nil {
							return err
						}
					}
					if !whole {
						return nil
					}
					ended = true
				}
				continue
			case ',':
				if depth == 1 && start >= 0 {
					if err := f(start, pos); err != nil {
						return err
					}
					start = -1
				}
				continue
			}
			if depth == 1 && start < 0 {
				start = pos
			}
			switch c {
			case '"':
				inString = true
			case '{', '[':
				depth++
			}
		}
		at += int64(n)
		if rerr != nil {
			if start >= 0 && !ended { // cut short in an element: it is rejected
				return f(start, at)
			}
			// (cut short between elements, the records before the cut
			// are all there: DuckDB's reader reads them so too)
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// jsonSpace is JSON's white space.
const jsonSpace = " \t\r\n"

// hasLongElement reports whether the JSON array at byte at of the file
// path has an element longer than a record may hold (maxRecordBytes).
func hasLongElement(ctx context.Context, path string, at int64) (bool, error) {
	long := false
	err := eachArrayElement(ctx, path, at, true, func(start, end int64) error {
		long = long || end-start > maxRecordBytes
		return nil
	})
	return long, err
}

// arrayLines writes a copy of the JSON array at byte at of the file path
// (whole: the file's value, else a list response's records array) to a
// temporary file in dir, one element a line, and returns its path. An
// element that DuckDB's reader would refuse the file for (not UTF-8, not
// JSON, a lone surrogate escape, the one cut short at the end of a file
// cut short) or longer than a record may hold is written as an empty
// object, to be rejected, and the elements so written are returned
// (written to another temporary file in dir, as withoutBadJSONLines'
// lines are, their text as written; nil for none): each is rejected
// alone, and the others load. Read so, a list response streams as an
// array does, where DuckDB read it whole as one value and unnested it.
func arrayLines(ctx context.Context, path, dir string, at int64, whole bool) (string, *badJSONLines, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dir, "complaints-json-*.ndjson")
	if err != nil {
		return "", nil, err
	}
	out := bufio.NewWriterSize(tmp, 1<<20)
	w := badLineWriter{dir: dir}
	var line bytes.Buffer
	var b []byte
	record := int64(0)
	err = eachArrayElement(ctx, path, at, whole, func(start, end int64) error {
		record++
		b = slices.Grow(b[:0], int(end-start))[:end-start]
		if _, err := in.ReadAt(b, start); err != nil {
			return err
		}
		b = bytes.TrimRight(b, jsonSpace) // (before a comma, or a file's end)
		line.Reset()
		why, long, utf := "", len(b) > maxRecordBytes, utf8.Valid(b)
		switch {
		case long:
			typ, msg := tooLongWhy(len(b))
			why = ": " + typ + ": " + msg
		case !utf:
			why = ", not JSON: " + jsonFault(b, false)
		default:
			// on one line (a pretty-printed element is on several)
			if err := json.Compact(&line, b); err != nil || loneSurrogate(b) != "" {
				why = ", not JSON: " + jsonFault(b, true)
			}
		}
		if why != "" {
			line.Reset()
			line.WriteString("{}")
			if err := w.add(record, rawText(b, utf), why, long); err != nil {
				return err
			}
		}
		line.WriteByte('\n')
		_, err := out.Write(line.Bytes())
		return err
	})
	if err == nil {
		err = out.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	bad := w.bad
	if err = w.close(err); err != nil {
		os.Remove(tmp.Name())
		if bad != nil {
			os.Remove(bad.path)
		}
		return "", nil, err
	}
	return tmp.Name(), bad, nil
}

// jsonFault says what is wrong with a record's text that DuckDB's reader
// refuses the whole file for, "" for none (utf: its bytes are UTF-8): not
// UTF-8, not JSON, or a lone surrogate escape, which Go's parser takes.
func jsonFault(body []byte, utf bool) string {
	if !utf {
		return "not UTF-8, which JSON is"
	}
	if !json.Valid(body) {
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return err.Error()
		}
		return "not JSON"
	}
	if esc := loneSurrogate(body); esc != "" {
		return "the escape " + esc + " is half of a UTF-16 surrogate pair, no character"
	}
	return ""
}

// loneSurrogate returns the first escape of a UTF-16 surrogate in the JSON
// text b that is not one of a high and a low surrogate's pair (`\ud800`),
// "" for none.
func loneSurrogate(b []byte) string {
	for i := 0; ; {
		k := bytes.IndexByte(b[i:], '\\')
		if k < 0 {
			return ""
		}
		i += k
		r, ok := surrogateAt(b, i)
		if !ok {
			i += 2 // an escape of another kind, "\\" included
			continue
		}
		if r < 0xdc00 { // a high surrogate: a low one must follow
			if low, ok := surrogateAt(b, i+6); ok && low >= 0xdc00 {
				i += 12
				continue
			}
		}
		return string(b[i : i+6])
	}
}

// surrogateAt returns the surrogate that the escape at b[i] writes
// (`\udc00`), and false when it writes none.
func surrogateAt(b []byte, i int) (rune, bool) {
	if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
	return rune(v), err == nil && utf16.IsSurrogate(rune(v))
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
	if err := setRejects(ctx, tx, run, j.badJSON); err != nil {
		return fmt.Errorf("reject the lines that are not JSON: %w", err)
	}
	return nil
}

// setRejects sets the rejects of run that b holds to b's raw text and
// reason (sql/not_json.sql), each of b's lines one reject.
func setRejects(ctx context.Context, tx *sql.Tx, run int64, b *badJSONLines) error {
	res, err := tx.ExecContext(ctx, render("not_json.sql", map[string]string{"MaxObject": fmt.Sprint(max(b.longest+1, 1<<20))}),
		b.path, run)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != b.n {
		return fmt.Errorf("%d of %d records were rejected (%v)", n, b.n, err)
	}
	return nil
}

// errEnough stops a reading of a file that has found what it looked for.
var errEnough = errors.New("enough")

// rawRecords sets the raw text of run's rejects of a JSON file to each
// record's own text as written (a search hit's _source): the stage built
// it of the record's fields as read, the file's every key, sorted, a key
// the record lacks as null, so that a key missing and a key null could
// not be told apart (a QA pass). It reads the file only where records
// were rejected, and after the replies, which read a reply's fields from
// the raw text by the header's names ("via.channel"). The records
// rejected as not JSON or too long (badJSON) keep theirs; so do pages of
// a list response, one a line (dialect.records), their records numbered
// across the pages.
func (j *job) rawRecords(ctx context.Context, tx *sql.Tx, run int64) error {
	if j.format != "json" && j.format != "ndjson" || j.dialect.records != "" {
		return nil
	}
	rejected, err := queryColumn[int64](ctx, tx, render("rejected_records.sql", nil), run)
	if err != nil || len(rejected) == 0 {
		return err
	}
	kept := map[int64]bool{}
	if j.badJSON != nil {
		for _, r := range j.badJSON.records {
			kept[r] = true
		}
	}
	w := badLineWriter{dir: j.tempDir}
	k := 0 // rejected[k] is the next record wanted
	take := func(record int64, text []byte) error {
		for k < len(rejected) && rejected[k] < record {
			k++
		}
		switch {
		case k == len(rejected):
			return errEnough
		case rejected[k] != record || kept[record]:
			return nil
		}
		return w.add(record, ownText(text), "", false)
	}
	src := j.arraySource
	if c, at, _ := firstJSONByte(j.readPath); src.path == "" && c == '[' {
		src = arraySource{j.readPath, at, true}
	}
	if src.path != "" {
		var in *os.File
		if in, err = os.Open(src.path); err != nil {
			return err
		}
		defer in.Close()
		record := int64(0)
		var b []byte
		err = eachArrayElement(ctx, src.path, src.at, src.whole, func(start, end int64) error {
			record++
			if k < len(rejected) && rejected[k] > record {
				return nil // not read
			}
			b = slices.Grow(b[:0], int(end-start))[:end-start]
			if _, err := in.ReadAt(b, start); err != nil {
				return err
			}
			return take(record, bytes.TrimRight(b, jsonSpace))
		})
	} else {
		err = eachJSONLine(ctx, j.readPath, func(record int64, _, body []byte) error {
			if record == 0 {
				return nil // blank
			}
			return take(record, body)
		})
	}
	if errors.Is(err, errEnough) {
		err = nil
	}
	bad := w.bad
	if err = w.close(err); bad != nil {
		defer os.Remove(bad.path)
	}
	if err != nil || bad == nil {
		return err
	}
	return setRejects(ctx, tx, run, bad)
}

// arraySource is the JSON array a job's copy of one element a line was
// written from (arrayLines' arguments).
type arraySource struct {
	path  string
	at    int64
	whole bool
}

// ownText is a JSON record's text as rejects keep it: a search hit's
// _source (jsonObjects reads it as the record), else the text as written.
func ownText(b []byte) string {
	var hit map[string]json.RawMessage
	if json.Unmarshal(b, &hit) == nil && len(hit["_source"]) > 0 && hit["_source"][0] == '{' {
		b = hit["_source"]
	}
	return rawText(b, utf8.Valid(b))
}
