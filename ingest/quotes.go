package ingest

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
)

// A runaway quote opens a value at the start of a field and is not closed
// on its line, and read on to where a quote closes it, the record is not
// one: the quote is never closed, or is closed wrong (followed by a
// character, not by a delimiter or a line end), or, its line a whole
// record by itself, the record then has more fields than the header (a
// stray quote further on closed it, the lines between read into it; a
// value's own line break leaves the line short of a record). It is a stray quote ("never closed: a
// value typed with a quote at its start by an exporter that does not
// quote values). DuckDB's strict reader reads everything from it to that
// point as one value, its lines included: on a 1,000,000-record export
// with one such quote at record 30,000, "read 585570", the record rejected
// with 14 MB of text and some 414,000 records gone without a reject, and
// within the first records it sniffs, the whole file refused with the
// sniffer's error. Such a record is taken to end with its line: it is
// rejected with the line as written, and the line after it is read as the
// next record (runaways). A stray quote that closes the value at the end
// of a line makes a record of the right fields, and is not told apart
// from a value's own line breaks.

// runaway is a record whose value opened by a runaway quote is cut at the
// end of its line: the bytes [start, end) of the file, the quote in field
// field (0-based, by delimiters outside quotes).
type runaway struct {
	start, end int64
	field      int
}

// hasRunawayQuote reports whether the CSV file path, of fields fields
// separated by delim, has a runaway quote. It reads the file once, going
// from quote to quote with the byte search functions: inside a quoted
// value it looks for line ends, outside quotes it counts delimiters (0.25
// s for the 969 MB 1M export, BenchmarkRunawayScan).
func hasRunawayQuote(ctx context.Context, path string, delim byte, fields int) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	s := quoteScan{delim: delim, prev: '\n', fields: fields}
	buf := make([]byte, 1<<20)
	for {
		n, err := io.ReadFull(f, buf)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return false, err
		}
		eof := err != nil
		if s.scan(buf[:n], eof) {
			return true, nil
		}
		if eof {
			return s.end(), nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return false, cerr
		}
	}
}

// quoteScan is hasRunawayQuote's state between reads.
type quoteScan struct {
	delim, prev byte // prev: the last byte read ('\n' before the first)
	fields      int  // a record's fields (the header's)
	quoted      bool // inside a quoted value
	spanned     bool // the quoted value holds a line end
	pending     bool // a quote ended the last read inside a quoted value
	// firstLine: the delimiters of the quoted value's line, before the
	// quote (outside quotes) and in the value up to its first line end
	firstLine int
	// the record so far: its delimiters outside quotes, and whether a
	// value of it, quoted, holds a line end on whose line a whole record
	// stands (as a stray quote's does)
	delims     int
	recSpanned bool
}

// open starts a quoted value.
func (s *quoteScan) open() {
	s.quoted, s.spanned, s.firstLine = true, false, s.delims
}

// inQuotes reads bytes of a quoted value, up to a quote or the read's end.
func (s *quoteScan) inQuotes(seg []byte) {
	if s.spanned {
		return
	}
	end := lineEndIn(seg)
	if end < 0 {
		s.firstLine += bytes.Count(seg, []byte{s.delim})
		return
	}
	s.firstLine += bytes.Count(seg[:end], []byte{s.delim})
	s.spanned = true
}

// close ends the quoted value.
func (s *quoteScan) close() {
	s.quoted = false
	s.recSpanned = s.recSpanned || s.spanned && s.firstLine == s.fields-1
}

// unquoted reads bytes outside quotes, and reports whether a record ending
// in them is a runaway's: one whose quoted value holds a line end, and
// that has more fields than a record then (the quote that opened the
// value was closed by a stray one further on, the lines between read into
// it).
func (s *quoteScan) unquoted(seg []byte) bool {
	lf, cr := bytes.IndexByte(seg, '\n'), bytes.IndexByte(seg, '\r')
	first := earlier(lf, cr)
	if first < 0 {
		s.delims += bytes.Count(seg, []byte{s.delim})
		return false
	}
	// the last line end, found forwards (bytes.LastIndexByte reads a byte
	// at a time; IndexByte, many)
	last := first
	for _, e := range []struct {
		c  byte
		at int
	}{{'\n', lf}, {'\r', cr}} {
		for at := e.at; at >= 0; {
			last = max(last, at)
			n := bytes.IndexByte(seg[at+1:], e.c)
			if n < 0 {
				break
			}
			at += 1 + n
		}
	}
	if s.recSpanned && s.delims+bytes.Count(seg[:first], []byte{s.delim}) > s.fields-1 {
		return true
	}
	s.recSpanned, s.delims = false, bytes.Count(seg[last+1:], []byte{s.delim})
	return false
}

// lineEndIn returns the offset of the first line end (LF or CR) in b, or
// -1.
func lineEndIn(b []byte) int {
	return earlier(bytes.IndexByte(b, '\n'), bytes.IndexByte(b, '\r'))
}

// earlier returns the smaller of two offsets that are not -1, or -1.
func earlier(a, b int) int {
	if a < 0 || b >= 0 && b < a {
		return b
	}
	return a
}

// end reports whether the file, read to its end, ends in a runaway quote.
func (s *quoteScan) end() bool {
	return s.quoted || s.recSpanned && s.delims > s.fields-1
}

// scan reads the next bytes b (eof: the last) and reports whether a
// runaway quote ends in them (one at the end of the file is told by end).
func (s *quoteScan) scan(b []byte, eof bool) bool {
	i := 0
	if s.pending && len(b) > 0 {
		s.pending = false
		switch c := b[0]; {
		case c == '"':
			i = 1 // a doubled quote, in the value
		case c == s.delim || c == '\n' || c == '\r':
			s.close()
		default:
			if s.spanned {
				return true
			}
			s.quoted = false // the reader rejects this record alone
		}
	}
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '"')
		if !s.quoted {
			if j < 0 {
				if s.unquoted(b[i:]) {
					return true
				}
				break
			}
			at := i + j
			if s.unquoted(b[i:at]) {
				return true
			}
			p := s.prev
			if at > 0 {
				p = b[at-1]
			}
			// a quote opens a value only at the start of a field
			if p == s.delim || p == '\n' || p == '\r' {
				s.open()
			}
			i = at + 1
			continue
		}
		seg := b[i:]
		if j >= 0 {
			seg = b[i : i+j]
		}
		s.inQuotes(seg)
		if j < 0 {
			break
		}
		at := i + j
		if at+1 == len(b) {
			if eof {
				s.close() // closed at the end of the file
			} else {
				s.pending = true
			}
			i = len(b)
			break
		}
		switch c := b[at+1]; {
		case c == '"':
			i = at + 2
		case c == s.delim || c == '\n' || c == '\r':
			s.close()
			i = at + 1
		default:
			if s.spanned {
				return true
			}
			s.quoted, i = false, at+1
		}
	}
	if len(b) > 0 {
		s.prev = b[len(b)-1]
	}
	return false
}

// runaways returns the records of the CSV file path, of fields fields,
// that a runaway quote makes run on, each cut at the end of the line its
// quote is on, after the header (the first headerLines lines, outside
// quotes, are passed over).
// It reads the file byte by byte: it runs only when hasRunawayQuote found
// one.
func runaways(ctx context.Context, path string, delim byte, fields, headerLines int) ([]runaway, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var found []runaway
	pos := int64(0) // of the next byte
	next := func() (byte, bool, error) {
		c, err := r.ReadByte()
		if err == io.EOF {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		pos++
		return c, true, nil
	}
	peek := func() (byte, bool) {
		b, err := r.Peek(1)
		if err != nil {
			return 0, false
		}
		return b[0], true
	}
	lines, start := 0, int64(0)
	field, started := 0, false
	var spanned *runaway // the record's first quoted value holding a line end
	// cut keeps the runaway rw and reads on from the end of its line, as
	// the next record; at the end of the file, done.
	cut := func(rw runaway) (done bool, err error) {
		if lines >= headerLines {
			found = append(found, rw)
		}
		if rw.end == pos {
			return true, nil
		}
		if _, err := f.Seek(rw.end, io.SeekStart); err != nil {
			return false, err
		}
		r.Reset(f)
		pos, spanned = rw.end, nil
		return false, nil
	}
	for {
		c, ok, err := next()
		if err != nil {
			return nil, err
		}
		if !ok || c == '\n' || c == '\r' {
			// the record ends: more fields than a record, with a quoted
			// value holding a line end, is a runaway's
			if spanned != nil && field > fields-1 {
				if done, err := cut(*spanned); err != nil || done {
					return found, err
				}
				continue
			}
			if !ok {
				return found, nil
			}
			if c == '\r' {
				if n, ok := peek(); ok && n == '\n' {
					next()
				}
			}
			lines++
			start, field, started, spanned = pos, 0, false, nil
			if lines%(1<<16) == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			continue
		}
		switch {
		case c == delim:
			field, started = field+1, false
		case c == '"' && !started:
			// a quoted value: read to its close, noting where its first
			// line ends
			rw := runaway{start: start, end: -1, field: field}
			firstLine := field // the line's delimiters, the value's up to its first line end included
			run := false
			for {
				c, ok, err := next()
				if err != nil {
					return nil, err
				}
				if !ok {
					run = true // never closed
					break
				}
				if c == '\n' || c == '\r' {
					if rw.end < 0 {
						rw.end = pos - 1
					}
					continue
				}
				if c == delim && rw.end < 0 {
					firstLine++
				}
				if c != '"' {
					continue
				}
				n, ok := peek()
				if ok && n == '"' {
					next()
					continue
				}
				if !ok || n == delim || n == '\n' || n == '\r' {
					break // closed
				}
				run = rw.end >= 0 // else the reader rejects the record alone
				break
			}
			started = true
			if !run {
				// a line break in the value, on a line a whole record
				// stands on: if the record proves too long, a stray quote
				if rw.end >= 0 && spanned == nil && firstLine == fields-1 {
					spanned = &rw
				}
				continue
			}
			if rw.end < 0 {
				rw.end = pos // the last line, the quote never closed
			}
			if done, err := cut(rw); err != nil || done {
				return found, err
			}
		default:
			started = true
		}
	}
}

// runawayPlaceholder is the line written in place of the record of runaway
// k in the copy withoutRunaways makes: one field, so the reader rejects it
// for columns missing, and fixRunaways rewrites that reject.
func runawayPlaceholder(k int) string { return fmt.Sprintf("%s%d", runawayPrefix, k) }

// runawayPrefix begins every runawayPlaceholder.
const runawayPrefix = "complaints-runaway-quote-"

// withoutRunaways writes a copy of the file path to a temporary file in
// dir with the records rs in place of runawayPlaceholder lines, and
// returns its path and each record as written.
func withoutRunaways(ctx context.Context, path, dir string, rs []runaway) (string, []string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer in.Close()
	raws := make([]string, len(rs))
	var parts []io.Reader
	at := int64(0)
	for k, r := range rs {
		raw := make([]byte, r.end-r.start)
		if _, err := in.ReadAt(raw, r.start); err != nil {
			return "", nil, err
		}
		raws[k] = string(raw)
		parts = append(parts, io.NewSectionReader(in, at, r.start-at), bytes.NewReader([]byte(runawayPlaceholder(k))))
		at = r.end
	}
	st, err := in.Stat()
	if err != nil {
		return "", nil, err
	}
	parts = append(parts, io.NewSectionReader(in, at, st.Size()-at))
	tmp, err := copyToTemp(ctx, io.MultiReader(parts...), dir, "complaints-quotes-*.csv")
	if err != nil {
		return "", nil, err
	}
	return tmp, raws, nil
}

// fixRunaways rewrites the reader's rejects of the runaway records'
// placeholders (withoutRunaways) to name the record as written and what is
// wrong with it, in the field its quote opens.
// It fails when the reader did not reject a placeholder alone, or a staged
// record holds one (a carriage return read as a space joined it to a
// record).
func (j *job) fixRunaways(ctx context.Context, conn *sql.Conn) error {
	var held int64
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM ingest_stage s WHERE contains(s::VARCHAR, $1)`,
		runawayPrefix).Scan(&held); err != nil {
		return fmt.Errorf("look for the placeholders of unterminated quotes: %w", err)
	}
	if held > 0 {
		return fmt.Errorf("%d staged records hold the placeholder of an unterminated quote's record", held)
	}
	for k, r := range j.runaways {
		name := fmt.Sprintf("column %d", r.field+1)
		if r.field < len(j.header) {
			name = j.header[r.field]
		}
		res, err := conn.ExecContext(ctx, `UPDATE ingest_reject_errors
			SET csv_line = $1, error_type = 'UNQUOTED VALUE', column_idx = $2, column_name = $3,
			    error_message = 'Value with unterminated quote found: the quote that opens it is not closed on its line, and read on to where a quote closes it the record is not one (never closed, closed wrong, or more fields than the header), so the record is taken to end with its line, and the next line is read as the next record'
			WHERE csv_line = $4`, j.runawayRaw[k], r.field+1, name, runawayPlaceholder(k))
		if err != nil {
			return fmt.Errorf("reject the record of an unterminated quote: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("reject the record of an unterminated quote: the reader did not reject its line (%d rows, %v)", n, err)
		}
	}
	return nil
}

// escapeSniffBytes is how much of a file sniffEscape reads.
const escapeSniffBytes = 4 << 20

// sniffEscape reports whether the CSV file path, fields separated by
// delim, escapes a quote inside a quoted value with a backslash (\"), as
// MySQL and some scripts write, rather than by doubling it (""), as its
// first 4 MiB show: a quote after a backslash inside a quoted value that
// a character follows (CSV would read the value as closed wrong there),
// and no quote doubled inside one. A backslash and a quote before a
// delimiter or a line end, or before another quote, tell neither.
func sniffEscape(path string, delim byte) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	b := make([]byte, escapeSniffBytes)
	n, err := io.ReadFull(f, b)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, err
	}
	b = b[:n]
	ends := func(i int) bool { // the value may end before b[i]
		return i >= len(b) || b[i] == delim || b[i] == '\n' || b[i] == '\r'
	}
	backslashed, doubled := 0, 0
	quoted, started := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !quoted {
			switch c {
			case delim, '\n', '\r':
				started = false
			case '"':
				quoted, started = !started, true
			default:
				started = true
			}
			continue
		}
		switch {
		case c == '\\' && i+2 < len(b) && b[i+1] == '"' && b[i+2] != '"' && !ends(i+2):
			backslashed++
			i++ // the quote, escaped
		case c == '"' && i+1 < len(b) && b[i+1] == '"':
			doubled++
			i++
		case c == '"':
			quoted = false
		}
	}
	return backslashed > 0 && doubled == 0, nil
}

// recordWidth returns the number of fields most of the first records of
// the CSV file path have (up to 200, in its first 256 KiB, the first skip
// lines passed over), or 0 when it has none: the header's, unless lines
// above it (a title, an export date) make the first line another width,
// which the header search finds only later (headerBelow).
func recordWidth(path string, skip int, delim byte) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	b := make([]byte, 256<<10)
	n, err := io.ReadFull(f, b)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return 0, err
	}
	eof := err != nil
	b = b[:n]
	for ; skip > 0; skip-- {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return 0, nil
		}
		b = b[i+1:]
	}
	count := map[int]int{}
	q := csvQuotes{delim: delim}
	blank, records := true, 0
	for i := 0; i <= len(b) && records < 200; i++ {
		if i == len(b) && !eof {
			break // a record cut by the read
		}
		if i == len(b) || !q.quoted && (b[i] == '\n' || b[i] == '\r') {
			if !blank {
				count[q.seen+1]++
				records++
			}
			q.lineEnd()
			blank = true
			continue
		}
		q.step(b[i])
		blank = false
	}
	width, most := 0, 0
	for w, c := range count {
		if c > most || c == most && w > width {
			width, most = w, c
		}
	}
	return width, nil
}
