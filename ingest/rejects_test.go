package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestReaderRejectReasonOnce: a record the reader rejects gives each
// distinct reason once. The line that stands for a record cut at a runaway
// quote (runawayPlaceholder) has one field, and the reader rejects it once
// for each field missing: its reason was written four times, joined by
// "; ". Distinct reasons of one record all stay (a record short of three
// fields names each).
func TestReaderRejectReasonOnce(t *testing.T) {
	const header = "complaint_id,received_at,narrative,product,status\n"
	for _, tt := range []struct {
		name, file string
		want       map[int64]string // the reason of each rejected record
	}{
		{"runaway quote", header + "1,2024-03-05,ok,Card,open\n2,2024-03-05,\"unclosed quote here,Card,open\n3,2024-03-06,fine,Card,open\n",
			map[int64]string{2: "record 2: UNQUOTED VALUE in field narrative: Value with unterminated quote found: " +
				"the quote that opens it is not closed on its line, and read on to where a quote closes it the record is not one " +
				"(never closed, closed wrong, or more fields than the header), so the record is taken to end with its line, " +
				"and the next line is read as the next record"}},
		{"fields missing", header + "1,2024-03-05,ok,Card,open\n2,2024-03-05\n3,2024-03-06,fine,Card,open\n",
			map[int64]string{2: "record 2: MISSING COLUMNS in field narrative: Expected Number of Columns: 5 Found: 2; " +
				"MISSING COLUMNS in field product: Expected Number of Columns: 5 Found: 3; " +
				"MISSING COLUMNS in field status: Expected Number of Columns: 5 Found: 4"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := tempFile(t, "f.csv", tt.file)
			db := openTemp(t)
			res := mustIngest(t, db, path, Options{})
			if res.counts() != (counts{3, 2, 0, 0, 1}) {
				t.Errorf("File = %v, want records 1 and 3 loaded, 2 rejected", res)
			}
			rs := rejectRows(t, db, "raw")
			if len(rs) != len(tt.want) {
				t.Fatalf("rejects = %+v, want %d", rs, len(tt.want))
			}
			for _, r := range rs {
				if r.reason != tt.want[r.record] {
					t.Errorf("reject of record %d: reason\n%q\nwant\n%q", r.record, r.reason, tt.want[r.record])
				}
			}
		})
	}
}

// TestCRLFRejectRaw: in a file whose lines end in CR LF, a record the
// reader rejects is stored as read, without the line feed of the line
// before (the reader's record began after the carriage return: the brief's
// "\nA2,2024-03-01,bad, comma"), a blank line's line end before it, or a
// carriage return after it; a line break inside its quotes is its own and
// stays. A record cut at a runaway quote is rejected alone there too: the
// reader's line did not match the line that stands for it
// (runawayPlaceholder), the file was read as written, and the records
// after the quote were lost in the reject (read 2, A3 and A4 gone).
func TestCRLFRejectRaw(t *testing.T) {
	const header = "complaint_id,received_at,narrative\r\n"
	for _, tt := range []struct {
		name, file string
		want       counts
		raw        string // the rejected record's raw
	}{
		{"field too many", header + "A1,2024-03-01,ok\r\nA2,2024-03-01,bad, comma\r\n",
			counts{2, 1, 0, 0, 1}, "A2,2024-03-01,bad, comma"},
		{"no line end after it", header + "A1,2024-03-01,ok\r\nA2,2024-03-01,bad, comma",
			counts{2, 1, 0, 0, 1}, "A2,2024-03-01,bad, comma"},
		{"after a blank line", header + "A1,2024-03-01,ok\r\n\r\nA2,2024-03-01,bad, comma\r\n",
			counts{2, 1, 0, 0, 1}, "A2,2024-03-01,bad, comma"},
		// (a field too few: with one too many, the quote would be
		// runaway, the record cut at its line end)
		{"line break in quotes", header + "A1,2024-03-01,ok\r\nA2,\"two\r\nlines\"\r\nA3,2024-03-01,fine\r\n",
			counts{3, 2, 0, 0, 1}, "A2,\"two\r\nlines\""},
		{"runaway quote", header + "A1,2024-03-01,ok\r\nA2,2024-03-01,\"runaway quote, x\r\nA3,2024-03-01,fine\r\nA4,2024-03-01,\"fine\"\r\n",
			counts{4, 3, 0, 0, 1}, "A2,2024-03-01,\"runaway quote, x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := tempFile(t, "crlf.csv", tt.file)
			db := openTemp(t)
			if got := mustIngest(t, db, path, Options{}).counts(); got != tt.want {
				t.Errorf("File = %+v, want %+v", got, tt.want)
			}
			var raws []string
			for _, r := range rejectRows(t, db, "raw") {
				raws = append(raws, r.raw)
			}
			if len(raws) != 1 || raws[0] != tt.raw {
				t.Errorf("rejects' raw = %q, want one, %q", raws, tt.raw)
			}
		})
	}
}

// TestRejectsSQLDistinctReasons: rejects.sql gives each distinct error of
// a reader's reject once, in column order, whatever else the reader's
// rejects table holds twice (here written by hand).
func TestRejectsSQLDistinctReasons(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		`CREATE TEMP TABLE ingest_stage (_reason VARCHAR, _raw JSON)`,
		`CREATE TEMP TABLE ingest_reject_errors (line BIGINT, byte_position BIGINT, column_idx BIGINT, column_name VARCHAR,
			error_type VARCHAR, csv_line VARCHAR, error_message VARCHAR)`,
		`INSERT INTO ingest_reject_errors VALUES
			(2, 10, 3, 'c', 'CAST', 'x,y,z', 'bad c'),
			(2, 10, 3, 'c', 'CAST', 'x,y,z', 'bad c'),
			(2, 12, 2, 'b', 'CAST', 'x,y,z', 'bad b'),
			(2, 12, 2, 'b', 'CAST', 'x,y,z', 'bad b'),
			(3, 20, NULL, NULL, 'TOO MANY COLUMNS', 'p,q,r,s', 'four')`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	q := render("rejects.sql", map[string]any{"RunID": "1", "ReaderRejects": true, "Pos": "s.rowid", "FollowUp": literal(followUpReason)})
	if _, err := conn.ExecContext(ctx, q); err != nil {
		t.Fatal(err)
	}
	rs := rejectRows(t, db, "raw")
	want := []rejectRow{
		{1, "record 1: CAST in field b: bad b; CAST in field c: bad c", "x,y,z"},
		{2, "record 2: TOO MANY COLUMNS: four", "p,q,r,s"},
	}
	if !slices.Equal(rs, want) {
		t.Errorf("rejects = %+v, want %+v", rs, want)
	}
}

// TestOversizedRecord: a record longer than a record may hold
// (maxRecordBytes, its line end not counted) is rejected whole, with its
// text as written and its size, and the file's other records load; one of
// exactly that size loads, whatever its line ends. Before, such a record
// among the first the reader sniffs failed the whole file with DuckDB's
// error (the line echoed, "Possible Solution: Change the maximum length
// size"), and one further on was rejected with its first 10,000 bytes.
func TestOversizedRecord(t *testing.T) {
	const header = "complaint_id,received_at,narrative,product,status"
	// record returns a record of n bytes with narrative x repeated
	record := func(n int, quoted bool, fill string) string {
		pre, post := "1,2024-03-05,", ",Card,open"
		if quoted {
			pre, post = pre+`"`, `"`+post
		}
		k := n - len(pre) - len(post)
		body := strings.Repeat(fill, k/len(fill)+1)[:k]
		return pre + body + post
	}
	var many strings.Builder // records enough that the reader's sample ends before the last
	for i := 3; i < 25000; i++ {
		fmt.Fprintf(&many, "%d,2024-03-05,ok,Card,open\n", i)
	}
	for _, tt := range []struct {
		name   string
		before string // records before the long one
		long   string
		eol    string
		loads  bool // the long record loads
	}{
		{"first, one line", "", record(20<<20, false, "A"), "\n", false},
		{"first, quoted lines", "", record(maxRecordBytes+4096, true, strings.Repeat("a", 999)+"\n"), "\n", false},
		{"first, quoted lines, CRLF", "", record(maxRecordBytes+1, true, strings.Repeat("a", 998)+"\r\n"), "\r\n", false},
		{"one byte over", "", record(maxRecordBytes+1, false, "A"), "\n", false},
		{"exactly the most", "", record(maxRecordBytes, false, "A"), "\n", true},
		{"exactly the most, CRLF", "", record(maxRecordBytes, false, "A"), "\r\n", true},
		{"exactly the most, CR", "", record(maxRecordBytes, false, "A"), "\r", true},
		{"after the reader's sample", many.String(), record(maxRecordBytes+1, false, "A"), "\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := strings.ReplaceAll(tt.before, "\n", tt.eol)
			file := header + tt.eol + before + tt.long + tt.eol + "2,2024-03-06,ok,Card,open" + tt.eol
			path := tempFile(t, "f.csv", file)
			db := openTemp(t)
			res := mustIngest(t, db, path, Options{})
			n := int64(strings.Count(before, tt.eol)) + 2
			if tt.loads {
				if res.counts() != (counts{n, n, 0, 0, 0}) {
					t.Errorf("File = %v, want every record loaded", res)
				}
				if got := queryInt(t, db, `SELECT max(length(narrative)) FROM complaints`); got != int64(len(tt.long)-len("1,2024-03-05,,Card,open")) {
					t.Errorf("longest narrative %d bytes, want the record's", got)
				}
				return
			}
			if res.counts() != (counts{n, n - 1, 0, 0, 1}) || res.TooLong != 1 {
				t.Errorf("File = %v (%d too long), want the long record rejected, the others loaded", res, res.TooLong)
			}
			rs := rejectRows(t, db, "raw")
			rec := n - 1
			want := fmt.Sprintf("record %d: LINE SIZE OVER MAXIMUM: the record is %d bytes, more than the %d (8 MiB) a record may hold", rec, len(tt.long), maxRecordBytes)
			if len(rs) != 1 || rs[0].record != rec || rs[0].reason != want {
				var got []string
				for _, r := range rs {
					got = append(got, fmt.Sprintf("%d %q", r.record, r.reason))
				}
				t.Fatalf("rejects %v, want record %d: %q", got, rec, want)
			}
			if rs[0].raw != tt.long {
				t.Errorf("reject's raw record: %d bytes, want the %d as written", len(rs[0].raw), len(tt.long))
			}
			if got := queryInt(t, db, `SELECT count(*) FROM ingest_runs WHERE warnings LIKE '%1 record longer than 8388608 bytes%'`); got != 1 {
				t.Errorf("ingest_runs.warnings does not count the record too long")
			}
		})
	}
}

// TestLongRecordScan: hasRecordToCut's scan finds a record longer than its
// limit (its line end not counted, its quoted line breaks counted)
// wherever the file is cut into reads no longer than the limit (as
// hasRecordToCut's 1 MiB reads are shorter than maxRecordBytes), and
// runaways finds each such record whole, beside the runaway quotes, each
// record once.
func TestLongRecordScan(t *testing.T) {
	const limit = 8
	type cut struct {
		text string
		long bool
	}
	for _, c := range []struct {
		name, in string
		want     []cut
	}{
		{"none", "a,b\n1,2\n1234,678\n", nil},
		{"one byte over", "a,b\n1,2\n1234,6789\n3,4\n", []cut{{"1234,6789", true}}},
		{"CRLF, at the limit", "a,b\r\n1234,678\r\n", nil},
		{"CRLF, over", "a,b\r\n1234,6789\r\n1,2\r\n", []cut{{"1234,6789", true}}},
		{"CR, over", "a,b\r1234,6789\r1,2\r", []cut{{"1234,6789", true}}},
		{"quoted line breaks", "a,b\n1,\"x\nyy\nz\"\n2,3\n", []cut{{"1,\"x\nyy\nz\"", true}}},
		{"doubled quotes", "a,b\n1,\"\"\"\"\"\"\"\"\n2,3\n", []cut{{"1,\"\"\"\"\"\"\"\"", true}}},
		{"at the end, no line end", "a,b\n1,2\n1234,6789", []cut{{"1234,6789", true}}},
		{"two", "a,b\n123456,89\n1,2\n123,56789\n", []cut{{"123456,89", true}, {"123,56789", true}}},
		{"a runaway quote, then a long record", "a,b\n1,\"open\n2,yyyyyyyy\n3,z\n", []cut{{"1,\"open", false}, {"2,yyyyyyyy", true}}},
		// the runaway's line is cut once, as a runaway's
		{"a long runaway line", "a,b\n1,\"openxxxxxx\n2,y\n", []cut{{"1,\"openxxxxxx", false}}},
	} {
		delim := byte(',')
		header, _, _ := strings.Cut(c.in, "\n")
		fields := strings.Count(header, ",") + 1
	reads:
		for size := 1; size <= limit; size++ {
			for first := 0; first < size; first++ {
				s := quoteScan{delim: delim, prev: '\n', fields: fields, limit: limit}
				found := s.scan([]byte(c.in[:min(first, len(c.in))]), false)
				for at := first; at < len(c.in) && !found; at += size {
					end := min(at+size, len(c.in))
					found = s.scan([]byte(c.in[at:end]), end == len(c.in))
				}
				if found = found || s.end(); found != (c.want != nil) {
					t.Errorf("%s, read %d bytes then %d at a time: found %v, want %v", c.name, first, size, found, c.want != nil)
					break reads
				}
			}
		}
		path := tempFile(t, "f.csv", c.in)
		rs, err := runaways(context.Background(), path, delim, fields, 1, limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []cut
		for _, r := range rs {
			got = append(got, cut{c.in[r.start:r.end], r.long})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: runaways(limit %d) = %+v, want %+v", c.name, limit, got, c.want)
		}
	}
}

// TestRecordTooLongError: a record too long that cannot be cut from the
// file (its quotes escaped by backslashes, which the cut does not follow;
// a file of one column, where the placeholder would load) fails the file
// with one line naming the file, the record and the limit, not DuckDB's
// error of some 25 lines echoing the record.
func TestRecordTooLongError(t *testing.T) {
	long := strings.Repeat("A", maxRecordBytes+100)
	for _, tt := range []struct {
		name, file string
		record     int64
		bytes      int
	}{
		{"quotes escaped by backslashes",
			"complaint_id,received_at,narrative\n1,2024-03-05,\"say \\\"hi\\\", \\\"there\\\"\"\n2,2024-03-05,\"" + long + "\"\n3,2024-03-06,ok\n",
			2, len(`2,2024-03-05,""`) + len(long)},
		{"one column", "narrative\n" + long + "\nok\n", 1, len(long)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := tempFile(t, "f.csv", tt.file)
			db := openTemp(t)
			_, err := File(context.Background(), db, path, Options{})
			var e *RecordTooLongError
			if !errors.As(err, &e) || e.Record != tt.record || e.Bytes != int64(tt.bytes) || e.Limit != maxRecordBytes || e.File != path {
				t.Fatalf("File = %.300v, want a RecordTooLongError for record %d of %d bytes", err, tt.record, tt.bytes)
			}
			want := fmt.Sprintf("read %s: record %d (%d bytes) is longer than the 8388608 bytes (8 MiB) a record may hold", path, tt.record, tt.bytes)
			if msg := err.Error(); !strings.HasPrefix(msg, want) || strings.Contains(msg, "\n") {
				t.Errorf("File = %q, want one line beginning %q", msg, want)
			}
		})
	}
}
