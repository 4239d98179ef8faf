package main

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"testing"
)

// heapWriter discards what is written to it and records the most heap the
// process held live (runtime.MemStats.HeapAlloc just after a collection)
// at a write every 10,000 lines: HeapAlloc alone counts garbage not yet
// collected too, up to the collector's target (GOGC), which made a bound
// of a few tens of MB read one run in several as exceeded.
type heapWriter struct {
	lines, peak, next uint64
}

func (h *heapWriter) Write(p []byte) (int, error) {
	h.lines += uint64(bytes.Count(p, []byte("\n")))
	if h.lines >= h.next {
		h.next = h.lines + 10000
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		h.peak = max(h.peak, ms.HeapAlloc)
	}
	return len(p), nil
}

// TestSQLTableBounded: `sql --format table` holds a page of rows at a
// time, not the whole result: this query of 400,000 rows of 100 bytes,
// held whole (as it was, to size the columns), took the heap 279 MB past
// where it started (HeapAlloc, garbage included, measured so before the
// change), and its live heap 71 MB (measured with tablePage beyond the
// rows); printed a page at a time, its live heap stays within 32 MB.
func TestSQLTableBounded(t *testing.T) {
	db := emptyWarehouse(t)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var out heapWriter
	var errb strings.Builder
	q := `SELECT i, repeat('x', 100) AS s FROM range(400000) t(i)`
	if err := run(context.Background(), []string{"--db", db, "sql", "--format", "table", q}, &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	if out.lines != 400001 { // the header and a line a row
		t.Errorf("sql --format table wrote %d lines, want 400,001", out.lines)
	}
	if grew := int64(out.peak) - int64(base); grew > 32<<20 {
		t.Errorf("the heap grew by %d MB while the table was printed, want under 32 MB", grew>>20)
	}
}

// TestSQLTablePages: a table longer than a page (tablePage rows) sizes
// its columns by the first page, and widens them by a later page that
// needs it: the first page reads as a table held whole did (tabwriter's),
// and the header is printed once.
func TestSQLTablePages(t *testing.T) {
	defer func(n int) { tablePage = n }(tablePage)
	tablePage = 3
	db := emptyWarehouse(t)
	q := `SELECT i, CASE WHEN i = 4 THEN 'a longer value' ELSE 'v' || i END AS s, 'x' AS t FROM range(7) t(i) ORDER BY i`
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "table", q)
	if err != nil {
		t.Fatal(err)
	}
	want := "" +
		"i  s   t\n" + // the first page: the header and rows 0-2
		"0  v0  x\n" +
		"1  v1  x\n" +
		"2  v2  x\n" +
		"3  v3              x\n" + // rows 3-5: s widened to 'a longer value'
		"4  a longer value  x\n" +
		"5  v5              x\n" +
		"6  v6              x\n" // row 6: widths kept
	if out != want {
		t.Errorf("sql --format table =\n%s\nwant\n%s", out, want)
	}
}

// TestSQLCSVNul: a NUL byte in a value, which stops or fails many CSV
// readers (Python's csv module, spreadsheets cut the value), is written
// in CSV as U+FFFD, the replacement character, as a browser shows it and
// the report pages write it; JSON keeps it (as \u0000). It was written
// raw. The command's help says so.
func TestSQLCSVNul(t *testing.T) {
	db := emptyWarehouse(t)
	q := `SELECT 'a' || chr(0) || 'b' AS v, chr(0) AS w`
	out, _, err := runCLI(t, "--db", db, "sql", "--format", "csv", q)
	if err != nil {
		t.Fatal(err)
	}
	if want := "v,w\na\uFFFDb,\uFFFD\n"; out != want {
		t.Errorf("sql --format csv = %q, want %q", out, want)
	}
	out, _, err = runCLI(t, "--db", db, "sql", "--format", "json", q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"v": "a\u0000b"`) {
		t.Errorf("sql --format json = %q, want the NUL kept as \\u0000", out)
	}
	help, _, _ := runCLI(t, "sql", "-h")
	for _, want := range []string{"NUL", "U+FFFD", "first 1000 rows"} {
		if !strings.Contains(help, want) {
			t.Errorf("sql -h does not say %q:\n%s", want, help)
		}
	}
}
