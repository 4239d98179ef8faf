package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// utf8Or1252 is the encoding sniffEncoding gives a file that is not valid
// UTF-8: UTF-8 where its bytes are, Windows-1252 byte by byte where not.
const utf8Or1252 = "utf-8, else windows-1252"

// toUTF8 writes a copy of the text file path, in the encoding enc (as
// Mapping.check names them, or utf8Or1252), as UTF-8 to a temporary file in
// dir ("": the system's) and returns its path, and for utf8Or1252 the
// number of lines that had bytes read as Windows-1252. DuckDB's reader
// reads UTF-8 (and refuses a whole Latin-1 file for one Windows-1252 euro
// sign or curly quote).
func toUTF8(ctx context.Context, path, enc, dir string) (string, int64, error) {
	var t transform.Transformer
	var fallback *utf8Fallback
	switch enc {
	case utf8Or1252:
		fallback = &utf8Fallback{}
		t = fallback
	case "windows-1252":
		t = charmap.Windows1252.NewDecoder()
	case "latin-1":
		t = charmap.ISO8859_1.NewDecoder()
	case "utf-16":
		// a byte order mark decides; little-endian without one, as
		// Windows writes
		t = unicode.BOMOverride(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	default:
		return "", 0, fmt.Errorf("encoding %q not supported", enc)
	}
	tmp, err := transformToTemp(ctx, path, t, dir, "complaints-utf8-*.csv")
	if err != nil {
		return "", 0, fmt.Errorf("decode %s: %w", enc, err)
	}
	if fallback != nil {
		return tmp, fallback.lines, nil
	}
	return tmp, 0, nil
}

// transformToTemp copies the file path through t to a new temporary file
// in dir (copyToTemp) and returns its path.
func transformToTemp(ctx context.Context, path string, t transform.Transformer, dir, pattern string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	return copyToTemp(ctx, transform.NewReader(in, t), dir, pattern)
}

// copyToTemp copies r, until ctx is done, to a new temporary file in dir
// ("": the system's) named by pattern (os.CreateTemp's), and returns its
// path; on error no file is left.
func copyToTemp(ctx context.Context, r io.Reader, dir, pattern string) (string, error) {
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, &ctxReader{ctx, r})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// ctxReader stops reading when ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r *ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// sniffEncoding tells the encoding of a text file no mapping names one
// for: "utf-16" when it starts with a UTF-16 byte order mark (either byte
// order: Excel's "Unicode Text"), utf8Or1252 when it is not valid UTF-8,
// else "": UTF-8, which DuckDB reads as it is.
//
// A file that is not UTF-8 is, in practice, a spreadsheet's or an older
// helpdesk's export in the Windows code page (Windows-1252, whose printable
// characters include Latin-1's): DuckDB would reject every record with a
// curly quote, a euro sign or an accented letter. Reading the bytes that
// are not UTF-8 as Windows-1252, and the rest as UTF-8, reads such a file
// whole, and also one that joins exports of both kinds. The whole file is
// read to tell (a valid one: about 0.1 s a GB from the page cache, which
// the load then reads from); it stops at the first read (1 MiB) that is not
// UTF-8. A file whose other bytes look like an East Asian legacy
// encoding's (multiByteLegacy) is not guessed at: "", and its records with
// such bytes are rejected as not UTF-8.
func sniffEncoding(ctx context.Context, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	if b := buf[:n]; len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return "utf-16", nil
	}
	carry := 0 // bytes of a character cut at the end of the last read
	for {
		b, eof := buf[:carry+n], err != nil
		valid := len(b)
		if !eof {
			valid -= partialRuneAtEnd(b)
		}
		if !utf8.Valid(b[:valid]) {
			if multiByteLegacy(b[:valid]) {
				return "", nil // not guessed: such records are rejected as not UTF-8
			}
			return utf8Or1252, nil
		}
		if eof {
			return "", nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return "", cerr
		}
		carry = copy(buf, b[valid:])
		n, err = io.ReadFull(f, buf[carry:])
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return "", err
		}
	}
}

// multiByteLegacy reports whether the non-ASCII bytes of b come in long
// runs, as the characters of East Asian legacy encodings (Shift-JIS, GBK,
// Big5, EUC: two bytes each, written one after another) and of the other
// Windows code pages' scripts (Cyrillic, Greek) do: read as Windows-1252
// they would load as mojibake. In Windows-1252 text the non-ASCII letters,
// quotes and signs stand alone or in pairs between ASCII ("caf\xe9",
// "\x93ok\x94", "a\xe7\xf5es"): runs of three bytes or more on average
// are taken as another encoding. (Japanese in Shift-JIS runs 10-14 bytes,
// Chinese in GBK 40, Korean in EUC-KR 7, Chinese in Big5 4, Russian in
// Windows-1251 5; Portuguese, French and German in Windows-1252 1-1.7.)
func multiByteLegacy(b []byte) bool {
	high, runs := 0, 0
	for i, c := range b {
		if c >= utf8.RuneSelf {
			high++
			if i == 0 || b[i-1] < utf8.RuneSelf {
				runs++
			}
		}
	}
	return runs > 0 && high >= 3*runs
}

// partialRuneAtEnd returns how many bytes at the end of b begin a UTF-8
// sequence that b cuts short (0 when none does).
func partialRuneAtEnd(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if c := b[i]; c < 0x80 {
			return 0
		} else if c >= 0xC0 { // a leading byte
			if utf8.FullRune(b[i:]) {
				return 0
			}
			return len(b) - i
		}
	}
	return 0
}

// utf8Fallback is a transform.Transformer that copies valid UTF-8 and
// decodes every other byte as Windows-1252 (utf8Or1252), counting the
// lines where it did.
type utf8Fallback struct {
	lines int64 // lines with a byte decoded as Windows-1252
	dirty bool  // the current line has one
}

// Reset implements transform.Transformer.
func (t *utf8Fallback) Reset() { *t = utf8Fallback{} }

// Transform implements transform.Transformer.
func (t *utf8Fallback) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			if c == '\n' {
				t.dirty = false
			}
			dst[nDst] = c
			nDst, nSrc = nDst+1, nSrc+1
			continue
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size == 1 {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc // the rest of it is in the next read
			}
			r = charmap.Windows1252.DecodeByte(c)
			if !t.dirty {
				t.dirty = true
				t.lines++
			}
			if nDst+utf8.RuneLen(r) > len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			nDst += utf8.EncodeRune(dst[nDst:], r)
			nSrc++
			continue
		}
		if nDst+size > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], src[nSrc:nSrc+size])
		nSrc += size
	}
	return nDst, nSrc, nil
}

// lineEnds is what sameLineEnds changed in a CSV file: carriage returns
// alone outside quotes read as spaces (inside a record) or as line ends
// (after a whole one), and line ends of two bytes (CR LF) written as one
// where the file also ends lines with a line feed alone.
type lineEnds struct {
	spaces, ends, crlf, lf int64
}

// changed reports whether the copy differs from the file in a way the
// reader minds: its carriage returns alone, or its line ends of two kinds.
func (l lineEnds) changed() bool { return l.spaces > 0 || l.ends > 0 || l.crlf > 0 && l.lf > 0 }

// mixed reports whether the file's line ends outside quotes are of more
// than one kind: CR LF, a line feed alone, a carriage return alone (one
// inside an unquoted value counted as such). A file of one kind, even a
// carriage return alone as old Macs wrote, the reader reads as it is.
func (l lineEnds) mixed() bool {
	kinds := 0
	for _, n := range []int64{l.crlf, l.lf, l.spaces + l.ends} {
		if n > 0 {
			kinds++
		}
	}
	return kinds > 1
}

// sameLineEnds writes a copy of the CSV file path, whose header has
// fields fields separated by delim, to a temporary file in dir with every
// line end outside quotes a line feed, and returns its path and what it
// changed; when the copy would not differ in a way the reader minds
// (lineEnds.changed) it returns "" and leaves nothing behind.
//
// DuckDB's strict reader fails on the whole file at a line end of another
// kind than its first (a file joined from a Windows export and a Unix one,
// or edited on both) and at a carriage return alone in an unquoted value
// (a tweet's line break, "@AskPayPal \r\rI just love ..."), and its
// lenient one reads such records wrong with no reject: the halves of a
// record broken at a carriage return are rejected for fields missing, and
// a record's fields past the header's count are dropped. A carriage return
// alone outside quotes is read as a space in the value when the record and
// the line after it (up to its end) together have the fields of one
// record (a line break in an unquoted value, as in tweets), else as a line
// end (as old Macs wrote them) when the record before it or the line after
// it has them, else as a space; at the end of the file, as a line end.
// Fields are counted by delim outside quotes; a delimiter of several bytes
// counts none, and every carriage return alone is then a space. A value's
// own line ends, inside quotes, stay as written. With backslash, a
// backslash escapes the byte after it inside quotes (\"), as the file's
// reader reads it: followed as CSV doubles quotes, the quoted value's
// carriage return after an escaped quote would be taken as outside it.
func sameLineEnds(ctx context.Context, path, dir string, delim string, fields int, backslash bool) (string, lineEnds, error) {
	t := &lineEndsTransformer{fields: fields}
	t.q.backslash = backslash
	if len(delim) == 1 {
		t.q.delim = delim[0]
	}
	tmp, err := transformToTemp(ctx, path, t, dir, "complaints-lines-*.csv")
	if err != nil {
		return "", lineEnds{}, fmt.Errorf("copy with line feeds for line ends: %w", err)
	}
	if !t.n.changed() {
		os.Remove(tmp)
		return "", t.n, nil
	}
	return tmp, t.n, nil
}

// lineEndsDiffer reports whether the CSV file path, fields separated by
// delim, ends its lines outside quotes in more than one way
// (lineEnds.mixed), without writing a copy. DuckDB's reader takes its line
// end from the file's first line, lines above the header included, and
// reads the others by it: below a title line ending LF, records ending CR
// LF were read as none, with no error, and a quoted last value followed
// by a carriage return alone on its line was rejected as closed wrong (an
// exploratory QA pass). Such a file is read from sameLineEnds' copy from
// the start (alikeLineEnds), not only when the strict read fails whole.
// It reads the file once, from quote to quote (lineEndScan), as every
// file is: 0.04 s for 200 MB of a Windows export whose quoted values hold
// line feeds alone, which sameLineEnds' transformer, byte by byte, read in
// 1.2 s.
func lineEndsDiffer(ctx context.Context, path, delim string, backslash bool) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	s := newLineEndScan(delim, backslash)
	if err := s.read(ctx, f, 1<<20); err != nil {
		return false, err
	}
	return s.n.mixed(), nil
}

// lineEndScan counts a CSV file's line ends outside quotes by kind, going
// from quote to quote with the byte search functions, its quotes followed
// as csvQuotes follows them: a quote opens a value at the start of a
// field, and inside one a quote doubled (or with backslash, a quote after
// a backslash) is the value's. A carriage return alone counts as spaces
// in lineEnds.
type lineEndScan struct {
	delim     byte // 0: a delimiter of several bytes (a quote opens a value at a line's start only)
	backslash bool
	quoted    bool
	// last is the last byte read outside quotes ('\n' before the first,
	// '"' after a quoted value): a quote after a delimiter or a line end
	// opens a value
	last byte
	// a read ended in a quote or a backslash inside a quoted value, or
	// in a carriage return outside: the next byte tells what it is
	quotePending, escapePending, crPending bool
	n                                      lineEnds
}

func newLineEndScan(delim string, backslash bool) *lineEndScan {
	s := &lineEndScan{backslash: backslash, last: '\n'}
	if len(delim) == 1 {
		s.delim = delim[0]
	}
	return s
}

// read reads r to its end, size bytes at a time.
func (s *lineEndScan) read(ctx context.Context, r io.Reader, size int) error {
	buf := make([]byte, size)
	for {
		n, err := io.ReadFull(r, buf)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return err
		}
		s.scan(buf[:n])
		if err != nil {
			if s.crPending {
				s.n.spaces++ // the file's last byte
			}
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// scan reads the next bytes of the file.
func (s *lineEndScan) scan(b []byte) {
	i := 0
	switch {
	case len(b) == 0:
		return
	case s.escapePending:
		s.escapePending, i = false, 1
	case s.quotePending:
		s.quotePending = false
		if b[0] == '"' && !s.backslash {
			i = 1 // a quote doubled: the value's
		} else {
			s.quoted, s.last = false, '"'
		}
	}
	for i < len(b) {
		if !s.quoted {
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				s.unquoted(b[i:], true)
				return
			}
			s.unquoted(b[i:i+j], false)
			if s.last == '\n' || s.last == '\r' || s.delim != 0 && s.last == s.delim {
				s.quoted = true
			} else {
				s.last = '"' // a character of an unquoted value
			}
			i += j + 1
			continue
		}
		var j int
		if s.backslash {
			j = bytes.IndexAny(b[i:], `"\`)
		} else {
			j = bytes.IndexByte(b[i:], '"')
		}
		if j < 0 {
			return // the value goes on
		}
		at := i + j
		switch {
		case b[at] == '\\' && at+1 == len(b):
			s.escapePending = true
			return
		case b[at] == '\\':
			i = at + 2 // the byte escaped
		case at+1 == len(b):
			s.quotePending = true
			return
		case b[at+1] == '"' && !s.backslash:
			i = at + 2
		default:
			s.quoted, s.last, i = false, '"', at+1
		}
	}
}

// unquoted counts the line ends of seg, bytes outside quotes that end at
// a quote, or at the end of the read (atEnd): a carriage return there is
// told by the next byte.
func (s *lineEndScan) unquoted(seg []byte, atEnd bool) {
	if s.crPending {
		s.crPending = false
		if len(seg) > 0 && seg[0] == '\n' {
			s.n.crlf++
			s.n.lf-- // counted below, as a line feed alone
		} else {
			s.n.spaces++
		}
	}
	if len(seg) == 0 {
		return
	}
	pairs := int64(bytes.Count(seg, []byte("\r\n")))
	crs := int64(bytes.Count(seg, []byte{'\r'})) - pairs
	if atEnd && seg[len(seg)-1] == '\r' {
		s.crPending = true
		crs--
	}
	s.n.crlf += pairs
	s.n.lf += int64(bytes.Count(seg, []byte{'\n'})) - pairs
	s.n.spaces += crs
	s.last = seg[len(seg)-1]
}

// csvQuotes follows a CSV file's quoting byte by byte as DuckDB's strict
// reader reads it: a quote opens a quoted value only at the start of a
// field (elsewhere it is a character of the value), and inside one a
// quote doubled is a quote of the value, else it closes the value (with
// backslash, a backslash escapes the byte after it instead). Line ends are
// not its business: the caller calls lineEnd at each.
type csvQuotes struct {
	delim                       byte // 0: a delimiter of several bytes (fields not told apart)
	backslash, escaped          bool // escaped: the last byte was a backslash escaping this one
	quoted, started, justClosed bool // started: past the start of the field
	seen                        int  // delimiters outside quotes in the record so far
}

// step reads byte c, not a line end outside quotes.
func (q *csvQuotes) step(c byte) {
	switch {
	case q.escaped:
		q.escaped = false
		return
	case q.quoted && q.backslash && c == '\\':
		q.escaped = true
		return
	case q.quoted:
		if c == '"' {
			q.quoted, q.justClosed = false, true
		}
		return
	case c == '"' && q.justClosed && !q.backslash: // a doubled quote in a quoted value
		q.quoted, q.justClosed = true, false
		return
	case c == '"' && !q.started:
		q.quoted = true
	case c == q.delim && q.delim != 0:
		q.seen++
		q.started, q.justClosed = false, false
		return
	}
	q.started, q.justClosed = true, false
}

// lineEnd starts the next record.
func (q *csvQuotes) lineEnd() { *q = csvQuotes{delim: q.delim, backslash: q.backslash} }

// lineEndsTransformer is sameLineEnds' transform.Transformer.
type lineEndsTransformer struct {
	q      csvQuotes
	fields int
	n      lineEnds
}

// Reset implements transform.Transformer.
func (t *lineEndsTransformer) Reset() {
	*t = lineEndsTransformer{q: csvQuotes{delim: t.q.delim, backslash: t.q.backslash}, fields: t.fields}
}

// Transform implements transform.Transformer.
func (t *lineEndsTransformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for ; nSrc < len(src); nSrc++ {
		c := src[nSrc]
		if t.q.quoted || c != '\r' && c != '\n' {
			t.q.step(c)
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			continue
		}
		if c == '\n' {
			t.q.lineEnd()
			t.n.lf++
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			continue
		}
		// a carriage return outside quotes
		if nSrc+1 == len(src) && !atEOF {
			return nDst, nSrc, transform.ErrShortSrc // is a line feed next?
		}
		if nSrc+1 < len(src) && src[nSrc+1] == '\n' {
			t.n.crlf++
			t.n.lf-- // counted at the line feed: that line ends with both
			continue // the line feed, next, ends the line
		}
		end := nSrc+1 == len(src) // the file's last byte
		if t.q.delim != 0 && !end {
			after, known := t.fieldsAt(src[nSrc+1:], atEOF)
			switch {
			case !known && nSrc > 0:
				return nDst, nSrc, transform.ErrShortSrc // read further, then decide
			case !known:
				// a line longer than the buffer, with too few fields in
				// it for a record so far: the value's, unless the record
				// would then have too many
				end = t.q.seen+after > t.fields-1
			case t.q.seen+after == t.fields-1:
				// the line is a record with the carriage return a space
			default:
				// a record ends here when the one before it is whole, or the
				// line after it is one
				end = after >= t.fields-1 || t.q.seen >= t.fields-1
			}
		}
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		if end {
			dst[nDst] = '\n'
			t.q.lineEnd()
			t.n.ends++
		} else {
			dst[nDst] = ' '
			t.q.step(' ')
			t.n.spaces++
		}
		nDst++
	}
	return nDst, nSrc, nil
}

// fieldsAt returns the number of delimiters outside quotes in b before a
// line end, counted up to a record's (the header's count less one), and
// whether b holds enough to tell: at its end, it tells only at the end of
// the file.
func (t *lineEndsTransformer) fieldsAt(b []byte, atEOF bool) (delims int, known bool) {
	q := csvQuotes{delim: t.q.delim, backslash: t.q.backslash}
	for _, c := range b {
		if !q.quoted && (c == '\n' || c == '\r') {
			return q.seen, true
		}
		if q.step(c); q.seen >= t.fields-1 {
			return q.seen, true
		}
	}
	return q.seen, atEOF
}
