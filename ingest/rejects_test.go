package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
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
	q := render("rejects.sql", map[string]any{"RunID": "1", "ReaderRejects": true, "Pos": "s.rowid", "FollowUp": literal(followUpReason), "HeaderLine": 1})
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
				if found := scanInReads(&s, c.in, first, size); found != (c.want != nil) {
					t.Errorf("%s, read %d bytes then %d at a time: found %v, want %v", c.name, first, size, found, c.want != nil)
					break reads
				}
			}
		}
		path := tempFile(t, "f.csv", c.in)
		rs, err := runaways(context.Background(), path, delim, fields, 1, limit, 0)
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

// TestTooManyFields: a record of far more fields than the header (100,000
// too many, as a line of a stray delimiter pasted over and over makes) is
// rejected whole, naming its line, its fields and the header's, with its
// text as written, and the records around it load, under a modest memory
// limit. DuckDB's reader keeps a reject for each field too many, each
// holding the record's text (up to 10,000 bytes), and reads the record
// again for each: the load of such a line (200 kB) ran 87 s and failed at
// memory_limit 1GB with 3.2 GB resident (an earlier QA pass, measured
// again with /usr/bin/time -v).
func TestTooManyFields(t *testing.T) {
	const header = "complaint_id,received_at,narrative,product,status"
	const extra = 100000 // fields past the header's
	wide := "4,2024-03-05,pasted" + strings.Repeat(",x", extra) + ",Card,open"
	for _, tt := range []struct {
		name, eol string
		last      bool // the wide record ends the file, with no line end
	}{
		{"LF", "\n", false},
		{"CRLF, last, no line end", "\r\n", true},
		{"CR", "\r", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines := []string{header, "1,2024-03-05,ok,Card,open", "2,\"2024-03-05\",\"two\nlines\",Card,open", "3,2024-03-05,ok,Card,open", wide}
			if !tt.last {
				lines = append(lines, "5,2024-03-06,ok,Card,open")
			}
			file := strings.Join(lines, tt.eol)
			if !tt.last {
				file += tt.eol
			}
			path := tempFile(t, "f.csv", file)
			db := warehousetest.Open(t, warehouse.Options{MemoryLimit: "200MB"})
			res := mustIngest(t, db, path, Options{})
			read := int64(len(lines) - 1)
			if res.counts() != (counts{read, read - 1, 0, 0, 1}) {
				t.Errorf("File = %v, want the wide record rejected, the others loaded", res)
			}
			rs := rejectRows(t, db, "raw")
			// the record is the 4th, on line 6 (the 2nd record's value
			// holds a line break); 5 + extra fields, the header's 5
			want := fmt.Sprintf("record 4: TOO MANY COLUMNS: line 6 of %s has %d fields against the header's 5", path, 5+extra)
			if len(rs) != 1 || rs[0].record != 4 || rs[0].reason != want {
				var got []string
				for _, r := range rs {
					got = append(got, fmt.Sprintf("%d %q", r.record, r.reason))
				}
				t.Fatalf("rejects %v, want record 4: %q", got, want)
			}
			if rs[0].raw != wide {
				t.Errorf("reject's raw record: %d bytes, want the %d as written", len(rs[0].raw), len(wide))
			}
		})
	}
}

// TestWideRecordScan: hasRecordToCut's scan finds a record of too many
// fields (a misfit: its fields past the header's times its bytes over the
// bound) wherever the file is cut into reads, within a read or across
// reads, and runaways finds each such record whole, with its line and
// fields; delimiters inside quotes are no fields. Fields too many that
// are all empty, which the reader drops, leave the record to it.
func TestWideRecordScan(t *testing.T) {
	const surplus = 16 // the bound: a line of 4 bytes or less is never too wide
	type cut struct {
		text          string
		line          int64
		field, fields int
	}
	for _, c := range []struct {
		name, in string
		want     []cut
	}{
		{"none", "a,b\n1,2\n12345678,0\n", nil},
		// 1 field too many times 5 bytes: within the bound
		{"one field too many", "a,b\n1,2,3\n4,5\n", nil},
		// 4 too many times 11 bytes
		{"wide", "a,b\n1,2\n1,2,3,4,5,6\n7,8\n", []cut{{"1,2,3,4,5,6", 3, 0, 6}}},
		{"quoted values", "a,b\n\"1\",\"2\",\"3\",\"4\",\"5\"\n", []cut{{"\"1\",\"2\",\"3\",\"4\",\"5\"", 2, 0, 5}}},
		{"delimiters in quotes", "a,b\n1,\"2,3,4,5,6,7\"\n8,9\n", nil},
		{"CRLF", "a,b\r\n1,2\r\n1,2,3,4,5,6\r\n7,8\r\n", []cut{{"1,2,3,4,5,6", 3, 0, 6}}},
		{"CR", "a,b\r1,2\r1,2,3,4,5,6\r7,8\r", []cut{{"1,2,3,4,5,6", 3, 0, 6}}},
		{"at the end, no line end", "a,b\n1,2\n1,2,3,4,5,6", []cut{{"1,2,3,4,5,6", 3, 0, 6}}},
		{"after a quoted line break", "a,b\n1,\"x\ny\"\n1,2,3,4,5,6\n", []cut{{"1,2,3,4,5,6", 4, 0, 6}}},
		{"two", "a,b\n1,2,3,4,5,6\n1,2\n,,,,,,,x\n", []cut{{"1,2,3,4,5,6", 2, 0, 6}, {",,,,,,,x", 4, 0, 8}}},
		// longer than the reader's rejects keep (readerLineBytes)
		{"a field too many, long", "a,b\n1,2\n1," + strings.Repeat("x", readerLineBytes) + ",3\n", []cut{{"1," + strings.Repeat("x", readerLineBytes) + ",3", 3, 0, 3}}},
		{"a field missing, long", "a,b,c\n1," + strings.Repeat("x", readerLineBytes) + "\n1,2,3\n", []cut{{"1," + strings.Repeat("x", readerLineBytes), 2, 0, 2}}},
	} {
		delim := byte(',')
		header, _, _ := strings.Cut(strings.ReplaceAll(c.in, "\r", "\n"), "\n")
		fields := strings.Count(header, ",") + 1
		// reads of every size and start for a short file; of some for a
		// long one (every one would be some 10^12 steps)
		sizes := []int{1, 2, 3, 5, 8, 13, 64, 4096, len(c.in)}
		if len(c.in) <= 64 {
			sizes = sizes[:0]
			for size := 1; size <= len(c.in); size++ {
				sizes = append(sizes, size)
			}
		}
	reads:
		for _, size := range sizes {
			for first := 0; first < size; first += max(1, size/7) {
				s := quoteScan{delim: delim, prev: '\n', fields: fields, surplus: surplus}
				if found := scanInReads(&s, c.in, first, size); found != (c.want != nil) {
					t.Errorf("%s, read %d bytes then %d at a time: found %v, want %v", c.name, first, size, found, c.want != nil)
					break reads
				}
			}
		}
		path := tempFile(t, "f.csv", c.in)
		rs, err := runaways(context.Background(), path, delim, fields, 1, 0, surplus)
		if err != nil {
			t.Fatal(err)
		}
		var got []cut
		for _, r := range rs {
			got = append(got, cut{c.in[r.start:r.end], r.line, r.field, r.fields})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: runaways(surplus %d) = %+v, want %+v", c.name, surplus, got, c.want)
		}
	}
	// the reader drops fields too many that are empty (DuckDB 1.5 loads
	// "1,a,b,c,,,," under a header of 4): the scan's count of delimiters
	// finds the record, the reading of it leaves it
	path := tempFile(t, "f.csv", "a,b\n1,2,,,,,,\n")
	if rs, err := runaways(context.Background(), path, ',', 2, 1, 0, surplus); err != nil || len(rs) > 0 {
		t.Errorf("runaways of a record whose fields too many are empty = %+v, %v; want none", rs, err)
	}
}

// TestReaderRejectWhole: a record the CSV reader rejects keeps its whole
// text in rejects, however long. DuckDB's rejects table holds the first
// 10,000 bytes of a record (csv_line; measured: a 50,019-byte record came
// back with 10,000), and rejects.sql took its text from there, so such a
// record lost the rest of its text (the record itself was counted
// rejected, the records after it read).
func TestReaderRejectWhole(t *testing.T) {
	const header = "complaint_id,received_at,narrative,product,status"
	// 50,000 bytes, an unquoted comma among them: a field too many
	long := strings.Repeat("the card was charged twice. ", 50000/28+1)[:25000] + ", " + strings.Repeat("nobody called back. ", 50000/20+1)[:24998]
	for _, tt := range []struct{ name, eol, rec, reason string }{
		{"fields too many", "\n", "2,2024-03-05," + long + ",Card,open", "TOO MANY COLUMNS: line 3 of %s has 6 fields against the header's 5"},
		{"fields too many, CRLF", "\r\n", "2,2024-03-05," + long + ",Card,open", "TOO MANY COLUMNS: line 3 of %s has 6 fields against the header's 5"},
		{"quoted lines, a field too few", "\n", "2,2024-03-05,\"" + strings.ReplaceAll(long, ". ", ".\n") + "\",Card", "MISSING COLUMNS: line 3 of %s has 4 fields against the header's 5"},
		{"not ASCII", "\n", "2,2024-03-05," + strings.Repeat("é", 25000) + ", x,Card,open", "TOO MANY COLUMNS: line 3 of %s has 6 fields against the header's 5"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := strings.Join([]string{header, "1,2024-03-05,ok,Card,open", tt.rec, "3,2024-03-06,ok,Card,open", ""}, tt.eol)
			path := tempFile(t, "f.csv", file)
			db := openTemp(t)
			if got := mustIngest(t, db, path, Options{}).counts(); got != (counts{3, 2, 0, 0, 1}) {
				t.Errorf("File = %+v, want record 2 rejected, the others loaded", got)
			}
			rs := rejectRows(t, db, "raw")
			if len(rs) != 1 || rs[0].record != 2 {
				t.Fatalf("rejects = %d, want record 2's", len(rs))
			}
			if rs[0].raw != tt.rec {
				t.Errorf("reject's raw: %d bytes, want the %d of the record as written", len(rs[0].raw), len(tt.rec))
			}
			if want := "record 2: " + fmt.Sprintf(tt.reason, path); rs[0].reason != want {
				t.Errorf("reject's reason %q, want %q", rs[0].reason, want)
			}
		})
	}
}

// TestDebugLogHoldsNoRecord: the debug log (-v) names why a strict read
// failed, not the record: DuckDB's error echoes it ("Original Line: ..."),
// and a complaint's text is personal data the rejects table keeps.
func TestDebugLogHoldsNoRecord(t *testing.T) {
	const secret = "my SSN is 123-45-6789"
	for _, tt := range []struct{ name, rec, reason string }{
		{"field too many", "2,2024-03-05," + secret + ", call me,Card,open", "Expected Number of Columns: 5 Found: 6"},
		{"quoted lines, a field too many", "2,2024-03-05,\"" + secret + "\nand more\",x,Card,open", "Expected Number of Columns: 5 Found: 6"},
		{"closed wrong", "2,2024-03-05,\"" + secret + "\" x,Card,open", "Value with unterminated quote found."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := tempFile(t, "f.csv", "complaint_id,received_at,narrative,product,status\n1,2024-03-05,ok,Card,open\n"+tt.rec+"\n")
			var log bytes.Buffer
			db := openTemp(t)
			res := mustIngest(t, db, path, Options{Log: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			if res.Rejected != 1 {
				t.Fatalf("File = %v, want record 2 rejected", res)
			}
			if strings.Contains(log.String(), "123-45") || strings.Contains(log.String(), "Original Line") {
				t.Errorf("the debug log holds the record:\n%s", log.String())
			}
			if !strings.Contains(log.String(), tt.reason) {
				t.Errorf("the debug log does not say why (%q):\n%s", tt.reason, log.String())
			}
		})
	}
}

// TestTooManyColumns: a header of more columns than ingest reads
// (maxColumns) is refused before the load, naming the file, its columns
// and the limit. A header of 10,000 columns ran out of memory after more
// than 25 minutes (the SQL that reads and checks each column, and keeps
// the unmapped ones in extra, grows with them: 300 columns took 3.2 s,
// 1,000 took 19.5 s, 2,000 took 127 s, measured with /usr/bin/time).
func TestTooManyColumns(t *testing.T) {
	for _, n := range []int{maxColumns + 1, 10000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			cols := []string{"complaint_id", "received_at", "narrative"}
			for i := len(cols); i < n; i++ {
				cols = append(cols, fmt.Sprintf("c%d", i))
			}
			path := tempFile(t, "wide.csv", strings.Join(cols, ",")+"\n1,2024-03-05,ok"+strings.Repeat(",v", n-3)+"\n")
			db := openTemp(t)
			_, err := File(context.Background(), db, path, Options{})
			want := fmt.Sprintf("read %s: %d columns, more than the %d ingest reads", path, n, maxColumns)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("File = %.300v, want an error beginning %q", err, want)
			}
		})
	}
}

// scanInReads runs s over in as a file read first bytes, then size bytes at
// a time, and reports whether it found a record to cut (at a read's end
// or the file's).
func scanInReads(s *quoteScan, in string, first, size int) bool {
	found := s.scan([]byte(in[:min(first, len(in))]), false)
	for at := first; at < len(in) && !found; at += size {
		end := min(at+size, len(in))
		found = s.scan([]byte(in[at:end]), end == len(in))
	}
	return found || s.end()
}

// TestErrorHoldsNoRecord: an error File returns, when DuckDB's reader
// could not read the file, says the file, the line and what is wrong, and
// not the record the reader's message echoes ("Original Line: ..."), as
// the debug log does not (TestDebugLogHoldsNoRecord). The reader's
// message is DuckDB 1.5's for a record of a field too many, with a
// complaint's text in it; no file found in the QA pass's search makes
// File return it (the reads that would fail so are retried record by
// record), so the message is built here.
func TestErrorHoldsNoRecord(t *testing.T) {
	const secret = "my SSN is 123-45-6789"
	reader := errors.New("Invalid Input Error: CSV Error on Line: 3\nOriginal Line: 2,2024-03-05," + secret + ", call me,Card,open\n" +
		"Expected Number of Columns: 5 Found: 6\nPossible fixes:\n* Enable null padding (null_padding=true) to ignore this error\n\n  file = f.csv\n")
	err := recordless(fmt.Errorf("read %s: %w", "f.csv", reader))
	if strings.Contains(err.Error(), "123-45") || strings.Contains(err.Error(), "Original Line") {
		t.Errorf("error %q holds the record", err)
	}
	if want := "read f.csv: Invalid Input Error: CSV Error on Line: 3: Expected Number of Columns: 5 Found: 6"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if !errors.Is(err, reader) {
		t.Errorf("error %v does not unwrap to the reader's", err)
	}
	if plain := errors.New("read f.csv: no such file"); recordless(plain) != plain {
		t.Errorf("an error without a record changed: %v", recordless(plain))
	}
}
