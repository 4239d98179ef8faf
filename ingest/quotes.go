package ingest

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
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
//
// A record longer than a record may hold (maxRecordBytes, its line end not
// counted) is cut from the copy read the same way, whole: DuckDB's reader
// refuses it (LINE SIZE OVER MAXIMUM), and among the records its sniffer
// samples, with the whole file. It is rejected with its text as written.
//
// So is a record of more or fewer fields than the header that the reader's
// rejects would not hold well (misfit): longer than the text they keep,
// or of far more fields than the header, for each of which they keep one.
// And so is a record longer than the text they keep with a quoted value
// closed wrong on its line (its closing quote followed by text, not by a
// delimiter or a line end), which the reader rejects alone: its reject
// would hold the record's first readerLineBytes only.

// maxSurplusBytes bounds a record's fields past the header's times its
// bytes. DuckDB's reader keeps a reject for each field too many, each with
// the record's text (its first readerLineBytes), and reads the record again
// for each: a line of 200 kB with 100,000 fields too many ran 87 s and
// failed at memory_limit 1GB with 3.2 GB resident, one of 440 kB with
// 20,000 took 38 s and 660 MB; 10 fields too many in 8 MB took 1.1 s.
// A record beyond it is cut whole (misfit).
const maxSurplusBytes = 64 << 20

// readerLineBytes is the most of a record's text DuckDB's reader keeps in
// its rejects (csv_line): a record of 50,019 bytes came back with its
// first 10,000, and one whose 10,000th byte is inside a letter of two
// bytes (é) failed the whole file ("Invalid unicode (byte sequence
// mismatch) detected in segment statistics update"). A longer record
// the reader would reject for its fields (misfit) or for a quoted value
// closed wrong is cut whole (one closed wrong of 12,037 bytes came back
// with its first 10,000; one of 12,038 whose 10,000th byte is the first
// of an é failed the file: TestClosedWrongLong).
const readerLineBytes = 10000

// runaway is a record cut from the copy of the file that is read: one
// whose value opened by a runaway quote is cut at the end of its line, or
// one too long or a misfit, cut whole. It is the bytes [start, end) of
// the file, on line line (1-based, the file's), the quote in field field
// (0-based, by delimiters outside quotes).
type runaway struct {
	start, end int64
	line       int64
	field      int
	long       bool // longer than maxRecordBytes: the whole record
	fields     int  // its fields, when a misfit: the whole record
	// closedWrong: a quoted value of it, in field field, is closed wrong
	// (its closing quote followed by text), and the record is longer than
	// readerLineBytes: the whole record
	closedWrong bool
}

// whole reports whether the record is cut whole (too long, a misfit or
// closed wrong), not at a runaway quote.
func (r runaway) whole() bool { return r.long || r.fields > 0 || r.closedWrong }

// misfit reports whether a record of delims delimiters outside quotes and
// size bytes, which the reader rejects for having more or fewer fields
// than a record (fields), is to be cut whole: it is longer than the text
// the reader's rejects keep (readerLineBytes), or its fields too many or
// missing times its bytes are more than surplus (0: any; see
// maxSurplusBytes), as the reader keeps a reject for each.
func misfit(delims, fields int, size, surplus int64) bool {
	off := int64(delims - (fields - 1))
	if off < 0 {
		off = -off
	}
	return off > 0 && (size > readerLineBytes || surplus > 0 && off*size > surplus)
}

// misfitLine is the longest line that cannot be a misfit for surplus: a
// line has fewer fields too many than bytes, so one of n bytes has fewer
// than n*n surplus bytes (and a field missing is one of the header's).
func misfitLine(surplus int64) int {
	if surplus <= 0 {
		return readerLineBytes
	}
	return min(readerLineBytes, int(math.Sqrt(float64(surplus))))
}

// hasRecordToCut reports whether the CSV file path, of fields fields
// separated by delim, has a runaway quote, a record longer than
// maxRecordBytes, a misfit (maxSurplusBytes) or a record longer than
// readerLineBytes with a quoted value closed wrong. It reads the file once, going from quote to quote with
// the byte search functions: inside a quoted value it looks for line ends,
// outside quotes it counts delimiters (0.25 s for the 969 MB 1M export,
// BenchmarkRunawayScan).
func hasRecordToCut(ctx context.Context, path string, delim byte, fields int) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	s := quoteScan{delim: delim, prev: '\n', fields: fields, limit: maxRecordBytes, surplus: maxSurplusBytes}
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

// quoteScan is hasRecordToCut's state between reads.
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
	// wrong: a quoted value of the record is closed wrong on its line
	// (the reader rejects the record alone; see closedWrong)
	wrong bool
	// limit is the most bytes a record may hold (0: any), no fewer than
	// a read holds (a record within one read is not measured); off is
	// the file offset of the next read, recStart that of the record
	// being read
	limit, off, recStart int64
	// surplus bounds a record's fields too many times its bytes (0: any;
	// see misfit)
	surplus int64
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

// unquoted reads bytes outside quotes, at file offset at, and reports
// whether a record ending in them is a runaway's: one whose quoted value
// holds a line end, and that has more fields than a record then (the quote
// that opened the value was closed by a stray one further on, the lines
// between read into it); or one longer than the limit, or a misfit.
func (s *quoteScan) unquoted(seg []byte, at int64) bool {
	lf, cr := bytes.IndexByte(seg, '\n'), bytes.IndexByte(seg, '\r')
	first := earlier(lf, cr)
	if first < 0 {
		s.delims += bytes.Count(seg, []byte{s.delim})
		return false
	}
	// the last line end, found forwards (bytes.LastIndexByte reads a byte
	// at a time; IndexByte, many); on the way, the records wholly in seg
	// are looked at where the stretch from the line end before (of the
	// kind, or the first) is long enough to hold a misfit: a record lies
	// in such a stretch ending at its own line end
	last, misfits, short := first, false, misfitLine(s.surplus)
	for _, e := range []struct {
		c  byte
		at int
	}{{'\n', lf}, {'\r', cr}} {
		from := first
		for at := e.at; at >= 0; at = nextIndex(seg, at, e.c) {
			last = max(last, at)
			if at-from-1 > short && !misfits {
				misfits = s.misfitIn(seg[from+1 : at])
			}
			from = at
		}
	}
	delims := s.delims + bytes.Count(seg[:first], []byte{s.delim}) // the record ending at first
	if s.recSpanned && delims > s.fields-1 {
		return true
	}
	// the records after the first line end are within seg, no longer
	// than one read (see limit)
	if s.limit > 0 && at+int64(first)-s.recStart > s.limit {
		return true
	}
	// a record with a quote in it ends at first: those after it hold
	// none, so none closed wrong
	if misfits || misfit(delims, s.fields, at+int64(first)-s.recStart, s.surplus) ||
		closedWrong(s.wrong, at+int64(first)-s.recStart) {
		return true
	}
	s.recSpanned, s.wrong, s.delims = false, false, bytes.Count(seg[last+1:], []byte{s.delim})
	s.recStart = at + int64(last) + 1
	return false
}

// misfitIn reports whether a line of b, which holds whole records with
// no quote, is a misfit. Only a line longer than misfitLine can be, so
// only those are counted. It keeps the next line end of each kind,
// so that a long stretch of lines ending in one kind is read once.
func (s *quoteScan) misfitIn(b []byte) bool {
	short := misfitLine(s.surplus)
	lf, cr := bytes.IndexByte(b, '\n'), bytes.IndexByte(b, '\r')
	for start := 0; ; {
		end := earlier(lf, cr)
		if end < 0 {
			end = len(b)
		}
		if line := b[start:end]; len(line) > short && misfit(bytes.Count(line, []byte{s.delim}), s.fields, int64(len(line)), s.surplus) {
			return true
		}
		if end == len(b) {
			return false
		}
		start = end + 1
		if end == lf {
			lf = nextIndex(b, lf, '\n')
		} else {
			cr = nextIndex(b, cr, '\r')
		}
	}
}

// nextIndex returns the offset of the first c in b after offset i, or -1.
func nextIndex(b []byte, i int, c byte) int {
	n := bytes.IndexByte(b[i+1:], c)
	if n < 0 {
		return -1
	}
	return i + 1 + n
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

// end reports whether the file, read to its end, ends in a runaway quote
// or a record too long or a misfit.
func (s *quoteScan) end() bool {
	return s.quoted || s.recSpanned && s.delims > s.fields-1 || s.tooLong() ||
		misfit(s.delims, s.fields, s.off-s.recStart, s.surplus) || closedWrong(s.wrong, s.off-s.recStart)
}

// closedWrong reports whether a record of size bytes with a quoted value
// closed wrong on its line (wrong), which the reader rejects alone, is to
// be cut whole: it is longer than the text the reader's rejects keep
// (readerLineBytes).
func closedWrong(wrong bool, size int64) bool {
	return wrong && size > readerLineBytes
}

// tooLong reports whether the record being read is already longer than
// the limit.
func (s *quoteScan) tooLong() bool {
	return s.limit > 0 && s.off-s.recStart > s.limit
}

// scan reads the next bytes b (eof: the last) and reports whether a
// runaway quote ends in them (one at the end of the file is told by end),
// or a record in them is too long.
func (s *quoteScan) scan(b []byte, eof bool) bool {
	base := s.off // b's offset in the file
	s.off += int64(len(b))
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
			s.quoted, s.wrong = false, true // the reader rejects this record alone
		}
	}
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '"')
		if !s.quoted {
			if j < 0 {
				if s.unquoted(b[i:], base+int64(i)) {
					return true
				}
				break
			}
			q := i + j
			if s.unquoted(b[i:q], base+int64(i)) {
				return true
			}
			p := s.prev
			if q > 0 {
				p = b[q-1]
			}
			// a quote opens a value only at the start of a field
			if p == s.delim || p == '\n' || p == '\r' {
				s.open()
			}
			i = q + 1
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
			s.quoted, s.wrong, i = false, true, at+1
		}
	}
	if len(b) > 0 {
		s.prev = b[len(b)-1]
	}
	return s.tooLong()
}

// runaways returns the records of the CSV file path, of fields fields,
// that a runaway quote makes run on, each cut at the end of the line its
// quote is on, and those longer than limit bytes (0: any), misfits for
// surplus (but those whose fields too many are all empty, which the
// reader drops and loads the record) or longer than readerLineBytes with
// a quoted value closed wrong, each whole, after the header (the first headerLines lines, outside quotes, are
// passed over).
// It reads the file byte by byte: it runs only when hasRecordToCut found
// one.
func runaways(ctx context.Context, path string, delim byte, fields, headerLines int, limit, surplus int64) ([]runaway, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var found []runaway
	pos := int64(0)  // of the next byte
	ends := int64(0) // the line ends read (CR LF one), for a record's line
	next := func() (byte, bool, error) {
		c, err := r.ReadByte()
		if err == io.EOF {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		pos++
		switch c {
		case '\n':
			ends++
		case '\r':
			if b, err := r.Peek(1); err != nil || b[0] != '\n' {
				ends++
			}
		}
		return c, true, nil
	}
	peek := func() (byte, bool) {
		b, err := r.Peek(1)
		if err != nil {
			return 0, false
		}
		return b[0], true
	}
	lines, start, startLine := 0, int64(0), int64(1)
	field, started := 0, false
	surplusFilled := false // a field past a record's holds a character
	wrongField := -1       // the field of the record's first quoted value closed wrong
	var spanned *runaway   // the record's first quoted value holding a line end
	var spannedEnds int64
	// cut keeps the runaway rw and reads on from the end of its line, as
	// the next record, endsBefore the line ends before it; at the end of
	// the file, done.
	cut := func(rw runaway, endsBefore int64) (done bool, err error) {
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
		pos, ends, spanned, wrongField = rw.end, endsBefore, nil, -1
		start = rw.end // (the line end read next ends no record too long)
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
				if done, err := cut(*spanned, spannedEnds); err != nil || done {
					return found, err
				}
				continue
			}
			end := pos - 1 // the line end's
			if !ok {
				end = pos
			}
			switch {
			case lines < headerLines:
			case limit > 0 && end-start > limit:
				found = append(found, runaway{start: start, end: end, line: startLine, long: true})
			case misfit(field, fields, end-start, surplus) && (field < fields-1 || surplusFilled):
				found = append(found, runaway{start: start, end: end, line: startLine, fields: field + 1})
			case closedWrong(wrongField >= 0, end-start):
				found = append(found, runaway{start: start, end: end, line: startLine, field: wrongField, closedWrong: true})
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
			start, startLine, field, started, spanned, surplusFilled, wrongField = pos, ends+1, 0, false, nil, false, -1
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
			rw := runaway{start: start, end: -1, line: startLine, field: field}
			endsBefore := ends // (the value's first line end is rw.end)
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
				if !run && wrongField < 0 {
					wrongField = field
				}
				break
			}
			started = true
			surplusFilled = surplusFilled || field >= fields
			if !run {
				// a line break in the value, on a line a whole record
				// stands on: if the record proves too long, a stray quote
				if rw.end >= 0 && spanned == nil && firstLine == fields-1 {
					spanned, spannedEnds = &rw, endsBefore
				}
				continue
			}
			if rw.end < 0 {
				rw.end = pos // the last line, the quote never closed
			}
			if done, err := cut(rw, endsBefore); err != nil || done {
				return found, err
			}
		default:
			started = true
			surplusFilled = surplusFilled || field >= fields
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
// returns its path and each record as written, but one cut whole (""):
// fixRunaways reads that from path when it needs it, one at a time.
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
		if !r.whole() {
			raw := make([]byte, r.end-r.start)
			if _, err := in.ReadAt(raw, r.start); err != nil {
				return "", nil, err
			}
			raws[k] = string(raw)
		}
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

// runawayMessage is the error of a record cut at a runaway quote.
const runawayMessage = "Value with unterminated quote found: the quote that opens it is not closed on its line, and read on to where a quote closes it the record is not one (never closed, closed wrong, or more fields than the header), so the record is taken to end with its line, and the next line is read as the next record"

// closedWrongMessage is the error of a record cut whole for a quoted
// value closed wrong, after its line.
const closedWrongMessage = "a quoted value's closing quote is followed by text, not by a delimiter or a line end"

// fixRunaways rewrites the reader's rejects of the placeholders of the
// records cut (withoutRunaways) to name the record as written and what is
// wrong with it: in the field its quote opens, for a runaway quote; its
// size, for a record too long, its fields, for a misfit, and its quote
// closed wrong, in the field it opens, for a record closed wrong (with the
// error type DuckDB's reader gives each).
// It fails when the reader did not reject a placeholder alone, or a staged
// record holds one (a carriage return read as a space joined it to a
// record).
func (j *job) fixRunaways(ctx context.Context, conn *sql.Conn) error {
	var held int64
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM ingest_stage s WHERE contains(s::VARCHAR, $1)`,
		runawayPrefix).Scan(&held); err != nil {
		return fmt.Errorf("look for the placeholders of records cut: %w", err)
	}
	if held > 0 {
		return fmt.Errorf("%s the placeholder of a record cut", quantity(held, "staged record holds", "staged records hold"))
	}
	var uncut *os.File // the file as read before the cut, for records cut whole
	defer func() {
		if uncut != nil {
			uncut.Close()
		}
	}()
	for k, r := range j.runaways {
		raw, typ, msg := j.runawayRaw[k], "UNQUOTED VALUE", runawayMessage
		var idx, name any = r.field + 1, fmt.Sprintf("column %d", r.field+1)
		if r.field < len(j.header) {
			name = j.header[r.field]
		}
		if r.whole() {
			if uncut == nil {
				var err error
				if uncut, err = os.Open(j.uncutPath); err != nil {
					return fmt.Errorf("reject a record cut whole: %w", err)
				}
			}
			b := make([]byte, r.end-r.start)
			if _, err := uncut.ReadAt(b, r.start); err != nil {
				return fmt.Errorf("reject a record cut whole: %w", err)
			}
			raw, idx, name = string(b), nil, nil
			typ, msg = tooLongWhy(len(b))
			switch {
			case r.closedWrong:
				typ, msg = "UNQUOTED VALUE", fmt.Sprintf("line %d of %s: %s", r.line, j.path, closedWrongMessage)
				idx, name = r.field+1, fmt.Sprintf("column %d", r.field+1)
				if r.field < len(j.header) {
					name = j.header[r.field]
				}
			case !r.long:
				typ, msg = "TOO MANY COLUMNS", fmt.Sprintf("line %d of %s has %s against the header's %d", r.line, j.path, quantity(r.fields, "field", "fields"), len(j.header))
				if r.fields < len(j.header) {
					typ = "MISSING COLUMNS"
				}
			}
		}
		// The reader rejects the placeholder once for each field it lacks:
		// one reject is kept, rather than the record written into each
		// (rejects.sql would give its reason once, but a record too long
		// is megabytes).
		if _, err := conn.ExecContext(ctx, `DELETE FROM ingest_reject_errors WHERE csv_line = $1 AND column_idx > (SELECT min(column_idx) FROM ingest_reject_errors WHERE csv_line = $1)`,
			runawayPlaceholder(k)); err != nil {
			return fmt.Errorf("reject a record cut (%s): %w", typ, err)
		}
		res, err := conn.ExecContext(ctx, `UPDATE ingest_reject_errors
			SET csv_line = $1, error_type = $2, column_idx = $3, column_name = $4, error_message = $5
			WHERE csv_line = $6`, raw, typ, idx, name, msg, runawayPlaceholder(k))
		if err != nil {
			return fmt.Errorf("reject a record cut (%s): %w", typ, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("reject a record cut (%s): the reader did not reject its line (%d rows, %v)", typ, n, err)
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
		case c == '\\' && i+2 < len(b) && b[i+1] == '"' && b[i+2] == '"':
			// \"" tells neither: a quote escaped and the closing one, or a
			// backslash and a quote doubled; read as the first, so that
			// the value ends there (counted as a quote doubled, one such
			// value's end, "multi line \"q\"", hid every \" of the file)
			i++
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

// RecordTooLongError is a CSV file's record longer than a record may hold
// (maxRecordBytes) that could not be cut from the file to be rejected
// alone (see runaway): in a file whose quotes are escaped by backslashes,
// or of one column, where a placeholder would load. DuckDB's reader then
// fails on the whole file, with an error of some 25 lines echoing the
// record.
type RecordTooLongError struct {
	File   string
	Record int64 // 1-based, the header not counted; 0 when not found
	Bytes  int64 // its size, its line end not counted
	Limit  int64 // the most a record may hold
	Err    error // the reader's error
}

func (e *RecordTooLongError) Error() string {
	what := "a record"
	if e.Record > 0 {
		what = fmt.Sprintf("record %d (%d bytes)", e.Record, e.Bytes)
	}
	return fmt.Sprintf("read %s: %s is longer than the %d bytes (%d MiB) a record may hold, and could not be cut from the file to be rejected alone",
		e.File, what, e.Limit, e.Limit>>20)
}

func (e *RecordTooLongError) Unwrap() error { return e.Err }

// lineTooLong reports whether err is DuckDB's CSV reader refusing a record
// longer than its max_line_size.
func lineTooLong(err error) bool {
	var de *duckdb.Error
	return errors.As(err, &de) && strings.Contains(de.Msg, "Maximum line size of")
}

// tooLongError is err, when it is the CSV reader refusing a record too
// long (lineTooLong), as a RecordTooLongError naming the first such record
// of the file as read; else err.
func (j *job) tooLongError(ctx context.Context, err error) error {
	if !lineTooLong(err) || j.format != "csv" && j.format != "tsv" {
		return err
	}
	e := &RecordTooLongError{File: j.path, Limit: maxRecordBytes, Err: err}
	q := csvQuotes{backslash: j.dialect.backslash}
	if d := j.fieldDelim(); len(d) == 1 {
		q.delim = d[0]
	}
	if rec, size, ferr := firstLongRecord(ctx, j.readPath, q, j.dialect.skip+1, maxRecordBytes); ferr == nil {
		e.Record, e.Bytes = rec, size
	}
	return e
}

// firstLongRecord returns the number (1-based, after the first headerLines
// lines) and size of the first record of the CSV file path, quoted as q
// follows, longer than limit bytes (its line end not counted); 0 when none.
// It reads the file byte by byte: only for an error message.
func firstLongRecord(ctx context.Context, path string, q csvQuotes, headerLines int, limit int64) (record, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var pos, start, lines int64
	for {
		c, err := r.ReadByte()
		if err != nil && err != io.EOF {
			return 0, 0, err
		}
		eof := err == io.EOF
		if eof || !q.quoted && (c == '\n' || c == '\r') {
			if lines >= int64(headerLines) && pos-start > limit {
				return lines - int64(headerLines) + 1, pos - start, nil
			}
			if eof {
				return 0, 0, nil
			}
			pos++
			if c == '\r' {
				if b, err := r.Peek(1); err == nil && b[0] == '\n' {
					r.ReadByte()
					pos++
				}
			}
			lines++
			start = pos
			q.lineEnd()
			if lines%(1<<16) == 0 {
				if err := ctx.Err(); err != nil {
					return 0, 0, err
				}
			}
			continue
		}
		pos++
		q.step(c)
	}
}
