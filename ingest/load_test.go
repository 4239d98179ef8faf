package ingest

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"golang.org/x/text/transform"
)

// steps records the messages of ingest's debug log.
type steps struct {
	mu  sync.Mutex
	msg []string
}

func (s *steps) Enabled(context.Context, slog.Level) bool { return true }
func (s *steps) WithAttrs([]slog.Attr) slog.Handler       { return s }
func (s *steps) WithGroup(string) slog.Handler            { return s }
func (s *steps) Handle(_ context.Context, r slog.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msg = append(s.msg, r.Message)
	return nil
}

func (s *steps) has(msg string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.msg {
		if strings.Contains(m, msg) {
			return true
		}
	}
	return false
}

// demoRecords returns the demo export's header, its records and the
// index of each column.
func demoRecords(t *testing.T) (header []string, rows [][]string, col map[string]int) {
	t.Helper()
	f, err := os.ReadFile(demoCFPB)
	if err != nil {
		t.Fatal(err)
	}
	all, err := csv.NewReader(strings.NewReader(string(f))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col = map[string]int{}
	for i, h := range all[0] {
		col[h] = i
	}
	return all[0], all[1:], col
}

func writeCSV(t *testing.T, name string, header []string, rows [][]string) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(rows)
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMultilineNarratives loads an export of 48 MB whose narratives run over
// two lines, the second of which reads as a whole record of its own. DuckDB
// splits a file among threads every 8 MB or so and starts each thread at a
// line break; ignoring errors, it does not check that the break is not
// inside a quoted field, and read such lines as extra records (5 of them
// were rejected in a 10M-row export). Every record must load once, whole,
// without falling back to reading in one thread.
func TestMultilineNarratives(t *testing.T) {
	header, demo, col := demoRecords(t)
	// After the narrative (column 6 of 18) come 12 columns: a line with 5
	// commas and 12 more fields makes 18.
	narrative := strings.Repeat("They never answered my letters. ", 60) +
		"\nStill, the bank, said no, twice, and, again in writing."
	var rows [][]string
	size := 0
	for i := 0; size < 48<<20; i++ {
		r := append([]string(nil), demo[i%len(demo)]...)
		r[col["Complaint ID"]] = fmt.Sprint(i + 1)
		r[col["Consumer complaint narrative"]] = narrative
		rows = append(rows, r)
		size += len(narrative) + 200
	}
	path := writeCSV(t, "multiline.csv", header, rows)
	db := openTemp(t)
	log := &steps{}
	res := mustIngest(t, db, path, Options{Log: slog.New(log)})
	n := int64(len(rows))
	if got, want := res.counts(), (counts{n, n, 0, 0, 0}); got != want {
		t.Fatalf("ingest = %+v, want %+v", got, want)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE narrative = ?`, narrative); got != n {
		t.Errorf("%d whole narratives, want %d", got, n)
	}
	if log.has("strict read failed") || !log.has("loaded") {
		t.Errorf("steps %q: want a direct load in parallel", log.msg)
	}
}

// TestDirectLoadRejects loads records with invalid fields into an empty
// warehouse: the direct load finds them by a second reading, and the
// rejects name the records and keep their text as written (the direct load
// reads the date column as a date). A date the reader cannot parse makes it
// read the file again tolerantly (TestDirtyFile).
func TestDirectLoadRejects(t *testing.T) {
	header, demo, col := demoRecords(t)
	var rows [][]string
	for i := 0; i < 10; i++ {
		rows = append(rows, append([]string(nil), demo[i]...))
	}
	rows[2][col["Timely response?"]] = "Perhaps" // record 3
	rows[6][col["Complaint ID"]] = ""            // record 7
	path := writeCSV(t, "rejects.csv", header, rows)
	db := openTemp(t)
	log := &steps{}
	res := mustIngest(t, db, path, Options{Log: slog.New(log)})
	if got, want := res.counts(), (counts{10, 8, 0, 0, 2}); got != want {
		t.Fatalf("ingest = %+v, want %+v", got, want)
	}
	if !log.has("loaded") || !log.has("checked") {
		t.Errorf("steps %q: want a direct load, then the check for rejects", log.msg)
	}
	want := map[int64]string{
		3: "field Timely response? (timely): cannot read 'Perhaps' as boolean",
		7: "field Complaint ID (complaint_id): missing",
	}
	rejects := rejectRows(t, db, `raw::JSON->>'Date received'`)
	for _, r := range rejects {
		n, date := r.record, r.raw
		if !strings.Contains(r.reason, want[n]) || want[n] == "" || !strings.Contains(r.reason, fmt.Sprintf("record %d", n)) {
			t.Errorf("reject of record %d: %q, want it to name the record and say %q", n, r.reason, want[n])
		}
		if date != rows[n-1][col["Date received"]] {
			t.Errorf("reject of record %d: date %q as read, want %q as written", n, date, rows[n-1][col["Date received"]])
		}
	}
	if len(rejects) != len(want) {
		t.Errorf("%d rejects, want %d", len(rejects), len(want))
	}
}

// TestLongRecord loads a record just under maxRecordBytes: the CSV reader's
// buffers (csvBufferBytes) must hold it whole, on the direct load and on the
// tolerant reading of a file with a record the reader cannot parse.
func TestLongRecord(t *testing.T) {
	header, demo, col := demoRecords(t)
	long := strings.Repeat("a long narrative, line after line\n", (maxRecordBytes-8192)/34)
	var rows [][]string
	for i := 0; i < 3; i++ {
		rows = append(rows, append([]string(nil), demo[i]...))
	}
	rows[1][col["Consumer complaint narrative"]] = long
	for _, dirty := range []bool{false, true} {
		if dirty {
			rows[2] = rows[2][:len(rows[2])-1] // a field missing: read tolerantly
		}
		path := writeCSV(t, "long.csv", header, rows)
		db := openTemp(t)
		res := mustIngest(t, db, path, Options{})
		want := counts{3, 3, 0, 0, 0}
		if dirty {
			want = counts{3, 2, 0, 0, 1}
		}
		if res.counts() != want {
			t.Errorf("dirty %v: ingest = %+v, want %+v", dirty, res.counts(), want)
		}
		if got := queryInt(t, db, `SELECT max(length(narrative)) FROM complaints`); got != int64(len(long)) {
			t.Errorf("dirty %v: longest narrative %d bytes, want %d", dirty, got, len(long))
		}
	}
}

// TestWebsiteDates loads the demo export with its dates as the CFPB website
// writes them (MM/DD/YY): the strict read picks that layout from the first
// record and stays parallel, and every complaint gets the date of the ISO
// export. A file whose later records switch to M/D/YYYY fails that read and
// is read again tolerantly, with the same dates.
func TestWebsiteDates(t *testing.T) {
	header, demo, col := demoRecords(t)
	dc := col["Date received"]
	rewrite := func(name string, layout func(i int) string) string {
		var rows [][]string
		for i, r := range demo {
			r = append([]string(nil), r...)
			d, err := time.Parse("2006-01-02", r[dc])
			if err != nil {
				t.Fatalf("record %d: %v", i+1, err)
			}
			r[dc] = d.Format(layout(i))
			rows = append(rows, r)
		}
		return writeCSV(t, name, header, rows)
	}
	dates := func(db *warehouse.DB) string {
		var s string
		if err := db.QueryRowContext(context.Background(), `SELECT string_agg(complaint_id || '=' || strftime(received_at, '%Y-%m-%d'), ',' ORDER BY complaint_id) FROM complaints`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	iso := openTemp(t)
	mustIngest(t, iso, writeCSV(t, "iso.csv", header, demo), Options{})
	want := dates(iso)

	for _, c := range []struct {
		name   string
		layout func(i int) string
		strict bool
	}{
		{"website.csv", func(int) string { return "01/02/06" }, true},
		{"mixed.csv", func(i int) string {
			if i > len(demo)/2 {
				return "1/2/2006"
			}
			return "01/02/06"
		}, false},
	} {
		db := openTemp(t)
		log := &steps{}
		res := mustIngest(t, db, rewrite(c.name, c.layout), Options{Log: slog.New(log)})
		n := int64(len(demo))
		if got := res.counts(); got != (counts{n, n, 0, 0, 0}) {
			t.Errorf("%s: ingest = %+v, want all %d loaded", c.name, got, n)
		}
		if failed := log.has("strict read failed"); failed == c.strict {
			t.Errorf("%s: strict read failed %v, want %v (steps %q)", c.name, failed, !c.strict, log.msg)
		}
		if got := dates(db); got != want {
			t.Errorf("%s: dates differ from the ISO export's", c.name)
		}
		// The direct load turns insertion order off for its statement
		// only, also when it fails (mixed.csv): the staged load's record
		// numbers and the reports' sorted copies need it on.
		var keep bool
		if err := db.QueryRowContext(context.Background(), `SELECT current_setting('preserve_insertion_order')`).Scan(&keep); err != nil || !keep {
			t.Errorf("%s: preserve_insertion_order %v after the load (%v), want true", c.name, keep, err)
		}
	}
}

func TestDisjointLiterals(t *testing.T) {
	for _, c := range []struct {
		l       string
		earlier []string
		want    bool
	}{
		{"%m/%d/%y", []string{"%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"}, true},
		{"%m/%d/%Y", []string{"%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%m/%d/%y"}, false},
		{"%d.%m.%Y", []string{"%Y-%m-%d"}, true},
		{"%Y-%m-%d", nil, true},
	} {
		if got := disjointLiterals(c.l, c.earlier); got != c.want {
			t.Errorf("disjointLiterals(%q, %q) = %v, want %v", c.l, c.earlier, got, c.want)
		}
	}
}

// TestUpdateDropsClassification: a complaint whose content changes loses
// its classification in the same run (so classify does it again), while
// unchanged and new complaints keep theirs or have none yet.
func TestUpdateDropsClassification(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	db := openTemp(t)
	const header = "complaint_id,source,received_at,narrative\n"
	mustIngest(t, db, write("v1.csv", header+"a1,shop,2024-01-02,the card was charged twice\na2,shop,2024-01-03,late delivery\n"), Options{})
	for _, id := range []string{"a1", "a2"} {
		if _, err := db.ExecContext(context.Background(), `INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
			VALUES ('shop', ?, 'billing', false, false, false, 'test-1', TIMESTAMP '2024-02-01')`, id); err != nil {
			t.Fatal(err)
		}
	}
	// a1 unchanged, a2's narrative changed, a3 new.
	res := mustIngest(t, db, write("v2.csv", header+"a1,shop,2024-01-02,the card was charged twice\na2,shop,2024-01-03,the parcel never came\na3,shop,2024-01-04,rude staff\n"), Options{})
	if want := (counts{3, 1, 1, 1, 0}); res.counts() != want {
		t.Fatalf("second ingest = %+v, want %+v", res.counts(), want)
	}
	var kept sql.NullString
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(complaint_id, ',' ORDER BY complaint_id) FROM classifications`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if kept.String != "a1" {
		t.Errorf("classifications after the update = %q, want a1 (a2 changed, a3 never classified)", kept.String)
	}
}

// TestTrimmedFields: fields are stored as DuckDB's trim() leaves them
// (leading and trailing Unicode space separators removed, tabs and other
// characters kept), although trim() only runs on values that may need it
// (trimmed in build.go). Each value below is checked against trim() itself,
// and a field of spaces alone is null.
func TestTrimmedFields(t *testing.T) {
	header, demo, col := demoRecords(t)
	companies := []string{
		"Plain Bank",                // nothing to trim
		"  Spaced Bank  ",           // ASCII spaces
		"\u00a0Nbsp Bank\u00a0",     // no-break spaces (U+00A0)
		"\u3000Wide Bank\u2009",     // ideographic and thin spaces
		"Café Crédit",               // not ASCII, nothing to trim
		" Café Crédit ",             // not ASCII, spaces
		"\tTab Bank\t",              // tabs are not space separators: kept
		"Inner  Space  Bank",        // inner spaces kept
		"x",                         // one character
		"   ",                       // spaces only: null
		"\u00a0",                    // a no-break space only: null
		"Ends in nbsp\u00a0 \u00a0", // mixed run at the end
	}
	var rows [][]string
	for i, c := range companies {
		r := append([]string(nil), demo[i]...)
		r[col["Company"]] = c
		r[col["Complaint ID"]] = fmt.Sprint(900000 + i)
		rows = append(rows, r)
	}
	path := writeCSV(t, "trim.csv", header, rows)
	db := openTemp(t)
	mustIngest(t, db, path, Options{})
	for i, c := range companies {
		var got, want sql.NullString
		if err := db.QueryRowContext(context.Background(),
			`SELECT company, nullif(trim(?), '') FROM complaints WHERE complaint_id = ?`, c, fmt.Sprint(900000+i)).Scan(&got, &want); err != nil {
			t.Fatalf("%q: %v", c, err)
		}
		if got != want {
			t.Errorf("company %q stored as %+v, want %+v (trim)", c, got, want)
		}
	}
	// The expectations are not all trivial: some values are changed.
	if queryInt(t, db, `SELECT count(*) FROM complaints WHERE company LIKE '% ' OR company LIKE ' %'`) != 0 {
		t.Error("a company keeps an ASCII space at one end")
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE company IS NULL`); got != 2 {
		t.Errorf("%d null companies, want 2 (the blank ones)", got)
	}
}

// TestMalformedRecords: records that are not valid CSV are rejected, each
// naming its record and what is wrong with it, and the records around them
// load. Before, the reader's lenient mode loaded a record with a field too
// many without its last field, and one with text after a value's closing
// quote without that text. A carriage return alone inside an unquoted
// value (a tweet's line break) is read as a space, and the record whole;
// line ends of several kinds are read as line feeds (see sameLineEnds).
func TestMalformedRecords(t *testing.T) {
	var b strings.Builder
	b.WriteString("complaint_id,received_at,product,narrative\n")
	for i := 1; i <= 30; i++ {
		switch i {
		case 10:
			b.WriteString("10,2024-03-10,Mortgage,late fee, again\n") // an unquoted comma: a field too many
		case 20:
			b.WriteString("20,2024-03-20,\"Card\" limit,cut\n") // text after the closing quote
		case 25:
			b.WriteString("25,2024-03-25,Loan\n") // a field missing
		case 27:
			b.WriteString("27,2024-03-27,Card,\"fine, \"\"thanks\"\"\",\n") // a delimiter after the last field: nothing surplus
		case 28:
			b.WriteString("28,2024-03-28,Card,\"caf\xe9\"\n") // Windows-1252, read so when the strict read fails
		default:
			fmt.Fprintf(&b, "%d,2024-03-%02d,Card,\"fine, \"\"thanks\"\"\"\n", i, i)
		}
	}
	path := tempFile(t, "malformed.csv", b.String())
	db := openTemp(t)
	res := mustIngest(t, db, path, Options{})
	if res.counts() != (counts{30, 27, 0, 0, 3}) || res.Lenient || res.Encoding != "1 line in windows-1252" {
		t.Fatalf("%v (lenient %v), want 27 loaded and records 10, 20 and 25 rejected, strictly, and record 28's line in windows-1252", res, res.Lenient)
	}
	want := map[int64]string{10: "TOO MANY COLUMNS", 20: "UNQUOTED VALUE", 25: "MISSING COLUMNS"}
	for _, r := range rejectRows(t, db, "raw") {
		if w := want[r.record]; w == "" || !strings.Contains(r.reason, w) || !strings.HasPrefix(r.reason, fmt.Sprintf("record %d:", r.record)) || r.raw == "" {
			t.Errorf("reject %d: %q (raw %q), want record %d and %q", r.record, r.reason, r.raw, r.record, w)
		}
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE narrative IN ('fine, "thanks"', 'café')`); got != 27 {
		t.Errorf("%d narratives read as written, want 27", got)
	}

	// a carriage return alone in record 1's product, and another in a
	// quoted narrative (kept: quoted, it is the value's)
	cr := strings.Replace(b.String(), "Card,\"fine", "Ca\rrd,\"fi\rne", 1)
	if err := os.WriteFile(path, []byte(cr), 0o644); err != nil {
		t.Fatal(err)
	}
	db = openTemp(t)
	res = mustIngest(t, db, path, Options{})
	if res.counts() != (counts{30, 27, 0, 0, 3}) || res.Lenient || res.LoneCRs != 1 {
		t.Fatalf("%v (lenient %v, lone CRs %d), want 27 loaded and records 10, 20 and 25 rejected, strictly, one carriage return read as a space", res, res.Lenient, res.LoneCRs)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE product = 'Ca rd' AND narrative = 'fi'||chr(13)||'ne, "thanks"'`); got != 1 {
		t.Errorf("record 1 not read whole, its carriage return outside quotes a space and the one inside kept")
	}
	if got := queryInt(t, db, `SELECT count(*) FROM ingest_runs WHERE warnings LIKE '%1 carriage return alone in an unquoted value read as a space%'`); got != 1 {
		t.Errorf("ingest_runs.warnings does not count the carriage return")
	}

	// line ends of several kinds: records ending at a carriage return
	// alone (as old Macs wrote them) but for a line feed here and there,
	// and (cr2) Windows line ends in a file of line feeds, with a quote
	// inside an unquoted value (a character of it, quoting nothing). The
	// strict mode cannot read either; with every line end a line feed it
	// reads them, rejecting the same records as above. Before, the lenient
	// read loaded records 10 and 20 without what is rejected here.
	cr1 := strings.Replace(strings.ReplaceAll(b.String(), "\n", "\r"), "\r", "\n", 3)
	cr2 := strings.Replace(strings.Replace(b.String(), "\n", "\r\n", 12), "Card,\"fine", "5\" Card,\"fine", 1)
	for name, text := range map[string]string{"cr1": cr1, "cr2": cr2} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		db = openTemp(t)
		res = mustIngest(t, db, path, Options{})
		if res.counts() != (counts{30, 27, 0, 0, 3}) || res.Lenient {
			t.Fatalf("%s: %v (lenient %v), want 27 loaded and records 10, 20 and 25 rejected, strictly", name, res, res.Lenient)
		}
		for _, r := range rejectRows(t, db, "raw") {
			if w := want[r.record]; w == "" || !strings.Contains(r.reason, w) {
				t.Errorf("%s: reject %d: %q, want %q", name, r.record, r.reason, w)
			}
		}
		if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE narrative IN ('fine, "thanks"', 'café')`); got != 27 {
			t.Errorf("%s: %d narratives read as written, want 27", name, got)
		}
		wantEnds := int64(0)
		if name == "cr1" {
			wantEnds = 28 // 31 lines, the first three ending with a line feed
		}
		if res.CREnds != wantEnds || res.LoneCRs != 0 {
			t.Errorf("%s: %d carriage returns read as line ends and %d as spaces, want %d and none", name, res.CREnds, res.LoneCRs, wantEnds)
		}
		if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE product = '5" Card'`); name == "cr2" && got != 1 {
			t.Errorf("cr2: the quote inside record 1's product not kept")
		}
	}
}

// TestRunawayQuote: a quote that opens a value and is not closed by the
// end of its line, nor as CSV closes a value after it, cuts its record at
// the end of the line: the record is rejected with its line as written,
// and the lines after it load as records. Before, the reader read on to
// the next quote that fits as one value (records 6 and 7 here, and 34 and
// 35 into record 33 as a record of five fields), and a quote never closed,
// among the records it sniffs, had the file refused with its sniffer's
// error; further in, records vanished without a reject.
func TestRunawayQuote(t *testing.T) {
	var b strings.Builder
	b.WriteString("complaint_id,received_at,product,narrative\n")
	for i := 1; i <= 40; i++ {
		switch i {
		case 5:
			b.WriteString("5,2024-04-05,Card,\"never closed\n") // runs on until record 8's quote
		case 12:
			b.WriteString("12,2024-04-12,Card,\"line one\nline two\"\n") // a quoted line break: the value's
		case 15:
			b.WriteString("15,2024-04-15,5\" TV,fine\n") // a quote inside a value quotes nothing
		case 20:
			b.WriteString("20,2024-04-20,Card,\"closed\" then text\n") // on one line: the reader rejects it alone
		case 33:
			b.WriteString("33,2024-04-30,Card,\"closed by a stray quote in record 35\n")
		case 34:
			b.WriteString("34,2024-04-30,Card,plain\n")
		case 35:
			b.WriteString("35,2024-04-30,Card 5\",fine\n") // before a delimiter: record 33 would have 5 fields
		case 40:
			b.WriteString("40,2024-04-30,Card,\"never closed at the end\n")
		default:
			fmt.Fprintf(&b, "%d,2024-04-%02d,Card,\"fine, \"\"thanks\"\"\"\n", i, min(i, 30))
		}
	}
	path := tempFile(t, "quotes.csv", b.String())
	db := openTemp(t)
	res := mustIngest(t, db, path, Options{})
	if res.counts() != (counts{40, 36, 0, 0, 4}) || res.Runaways != 3 {
		t.Fatalf("%v (%d runaway quotes), want 36 loaded and records 5, 20, 33 and 40 rejected, three for a runaway quote", res, res.Runaways)
	}
	want := map[int64]string{
		5:  "5,2024-04-05,Card,\"never closed",
		20: "20,2024-04-20,Card,\"closed\" then text",
		33: "33,2024-04-30,Card,\"closed by a stray quote in record 35",
		40: "40,2024-04-30,Card,\"never closed at the end",
	}
	for _, r := range rejectRows(t, db, "raw") {
		if w, ok := want[r.record]; !ok || r.raw != w || !strings.Contains(r.reason, "UNQUOTED VALUE in field narrative") {
			t.Errorf("reject %d: %q (raw %q), want raw %q and the narrative's unterminated quote", r.record, r.reason, r.raw, w)
		}
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE complaint_id IN ('6', '7', '8') AND narrative = 'fine, "thanks"'`); got != 3 {
		t.Errorf("%d of records 6-8 loaded whole, want 3", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE narrative = 'line one'||chr(10)||'line two' OR product IN ('5" TV', 'Card 5"') OR narrative = 'plain'`); got != 4 {
		t.Errorf("record 12's quoted line break, record 15's or 35's inner quote, or record 34 not kept (%d of 4)", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM ingest_runs WHERE warnings LIKE '%3 records with a quote not closed by the end of their line%'`); got != 1 {
		t.Errorf("ingest_runs.warnings does not count the runaway quotes")
	}

	// in Windows-1252, the look made beside sniffEncoding is made again
	// on the UTF-8 copy
	if err := os.WriteFile(path, []byte(strings.Replace(b.String(), ",plain", ",caf\xe9", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	db = openTemp(t)
	res = mustIngest(t, db, path, Options{})
	if res.counts() != (counts{40, 36, 0, 0, 4}) || res.Runaways != 3 || res.Encoding != "1 line in windows-1252" {
		t.Errorf("in windows-1252: %v (%d runaway quotes), want as in UTF-8", res, res.Runaways)
	}
}

// TestRunawayScan: hasRecordToCut tells the same cut anywhere between two
// reads, and runaways finds each such record's line.
func TestRunawayScan(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string // the runaway records' lines
	}{
		{"clean", "a,b\n1,\"x, \"\"y\"\"\"\n2,\"two\nlines\"\n3,5\" TV\n", nil},
		{"closed wrong on its line", "a,b\n1,\"x\" y\n2,z\n", nil},
		{"never closed", "a,b\n1,x\n2,\"open\n3,y\n", []string{"2,\"open"}},
		{"closed wrong after a line end", "a,b\n1,\"open\n2,y\n3,\"q\"\n", []string{"1,\"open"}},
		{"two", "a;b\n1;\"open\n2;y\n3;\"q\n4;z\n", []string{"1;\"open", "3;\"q"}},
		{"after a quoted line break", "a,b\n1,\"x\ny\",\"open\n2,z\n", []string{"1,\"x\ny\",\"open"}},
		{"at the end, no line end", "a,b\n1,x\n2,\"open", []string{"2,\"open"}},
		// closed by a stray quote before a delimiter, the lines between
		// read into it: the record has a field too many
		{"closed by a stray quote", "a,b,c\n1,x,\"open\n2,y,z\n3,w\",v\n4,u,t\n", []string{"1,x,\"open"}},
		// a record too long, its quoted value's line a whole record by
		// itself: a stray quote's; with the line short of a record, the
		// value's own line break (the reader rejects the record whole)
		{"a quoted line break in a record a field too long", "a,b\n1,\"x\ny\",z\n", []string{"1,\"x"}},
		{"a quoted line break, its line short, in a record too long", "a,b,c\n1,\"x\ny\",z,w\n", nil},
		{"a quoted line break in a whole record", "a,b,c\n1,\"x\ny\",z\n2,\"p\nq\",r", nil},
	} {
		delim := byte(',')
		if strings.Contains(c.in, ";") {
			delim = ';'
		}
		header, _, _ := strings.Cut(c.in, "\n")
		fields := strings.Count(header, string(delim)) + 1
		// every cut between two reads tells the same
		for cut := 0; cut <= len(c.in); cut++ {
			s := quoteScan{delim: delim, prev: '\n', fields: fields}
			found := s.scan([]byte(c.in[:cut]), false) || s.scan([]byte(c.in[cut:]), true) || s.end()
			if found != (c.want != nil) {
				t.Errorf("%s, cut at %d: runaway %v, want %v", c.name, cut, found, c.want != nil)
				break
			}
		}
		path := tempFile(t, "f.csv", c.in)
		rs, err := runaways(context.Background(), path, delim, fields, 1, maxRecordBytes, maxSurplusBytes)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, c.in[r.start:r.end])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: runaways %q, want %q", c.name, got, c.want)
		}
	}
}

// TestStrictFallbacks: files that the copies made for the strict reader
// do not mend, found by a random search of short files (kept as found,
// shortest). A carriage return alone read as a space before a quote
// leaves the quote inside a value, and the next quote opens one never
// closed: the strict reader fails, and the file is read leniently, saying
// so. A carriage return alone after a runaway quote's placeholder, read
// as a space, joins it to a record: the file is read as written, with no
// placeholder in what loads.
func TestStrictFallbacks(t *testing.T) {
	const head, tail = "complaint_id,received_at,narrative\n1,2024-03-01,x\n", "\n4,2024-03-02,y\n"
	path := tempFile(t, "f.csv", head+"\r\"\n\"\n\r"+tail)
	db := openTemp(t)
	res := mustIngest(t, db, path, Options{})
	if !res.Lenient || !strings.Contains(res.String(), ", read leniently -> ") || res.Loaded < 1 {
		t.Errorf("%v (lenient %v), want a lenient read that says so", res, res.Lenient)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM ingest_runs WHERE warnings LIKE '%read leniently%'`); got != 1 {
		t.Errorf("ingest_runs.warnings does not say the file was read leniently")
	}

	if err := os.WriteFile(path, []byte(head+",\r\"\"\"\r"+tail), 0o644); err != nil {
		t.Fatal(err)
	}
	db = openTemp(t)
	res = mustIngest(t, db, path, Options{})
	if res.Runaways != 0 || res.Loaded < 1 {
		t.Errorf("%v (%d runaways), want the file read as written", res, res.Runaways)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints c WHERE contains(c::VARCHAR, 'complaints-runaway-quote')`); got != 0 {
		t.Errorf("%d complaints hold a runaway quote's placeholder", got)
	}
}

// TestBackslashEscapes: a file that escapes the quotes inside its quoted
// values with a backslash (\"), as MySQL and some scripts write, loads
// whole, and says so; before, each such record was rejected as a value
// closed wrong (UNQUOTED VALUE), and one holding a line break ran on. A
// mapping's escape says which it is.
func TestBackslashEscapes(t *testing.T) {
	const body = "complaint_id,received_at,product,narrative\n" +
		"1,2024-03-01,Mortgage,\"He said \\\"no\\\" twice\"\n" +
		"2,2024-03-02,Card,\"plain, fine\"\n" +
		"3,2024-03-03,Card,\"two\nlines, \\\"quoted\\\" here\"\n" +
		"4,2024-03-04,Card,\"C:\\\\temp\\\\\"\n"
	path := tempFile(t, "mysql.csv", body)
	db := openTemp(t)
	res := mustIngest(t, db, path, Options{})
	if res.counts() != (counts{4, 4, 0, 0, 0}) || !res.Backslash || !strings.Contains(res.String(), ", quotes escaped by backslashes -> ") {
		t.Fatalf("%v, want 4 loaded, quotes escaped by backslashes", res)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE narrative IN ('He said "no" twice', 'two'||chr(10)||'lines, "quoted" here', 'C:\temp\')`); got != 3 {
		t.Errorf("%d of 3 narratives read as meant", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM ingest_runs WHERE warnings LIKE '%escaped by a backslash%'`); got != 1 {
		t.Errorf("ingest_runs.warnings does not say the quotes are escaped by backslashes")
	}

	// a mapping naming the quote: records 1 and 3 rejected, as before
	m, err := ParseMapping([]byte("target: complaints\nescape: '\"'\ncolumns:\n  complaint_id: complaint_id\n  received_at: received_at\n  product: product\n  narrative: narrative\n"))
	if err != nil {
		t.Fatal(err)
	}
	db = openTemp(t)
	res = mustIngest(t, db, path, Options{Mapping: m})
	if res.Backslash || res.Rejected == 0 {
		t.Errorf("escape named '\"': %v, want records rejected", res)
	}
	if _, err := ParseMapping([]byte("target: complaints\nescape: x\ncolumns:\n  complaint_id: complaint_id\n")); err == nil || !strings.Contains(err.Error(), "escape") {
		t.Errorf("escape x: error %v, want one naming escape", err)
	}
}

// TestBackslashLineEnds: a file escaping its quotes with a backslash
// loads whole with a carriage return alone in a quoted value (kept as
// written), and also with one in an unquoted value (read as a space, as
// in any CSV: sameLineEnds) or a line ended by CR LF among lines ended by
// LF. Before, the copy with its line ends made alike was not made for
// such a file (it followed quotes as CSV doubles them), and the lenient
// read it fell back on failed the whole file ("The CSV Parser state
// machine reached an invalid state").
func TestBackslashLineEnds(t *testing.T) {
	const head = "complaint_id,received_at,product,narrative\n" +
		"1,2024-03-01,Mortgage,\"He said \\\"no\\\" twice\"\n"
	// a carriage return after an escaped quote: inside the value only
	// for a reading that follows the backslash
	const quotedCR = "2,2024-03-02,Card,\"one \\\"x\\\"\rtwo\"\n"
	for _, c := range []struct {
		name, record string
		narrative    string // record 3's
	}{
		{"quoted CR", "3,2024-03-03,Card,\"three\rfour\"\n", "three\rfour"},
		{"unquoted CR", "3,2024-03-03,Card,three\rfour\n", "three four"},
		{"CR LF among LF", "3,2024-03-03,Card,three\r\n", "three"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := tempFile(t, "mysql.csv", head+quotedCR+c.record+"4,2024-03-04,Card,\"plain\"\n")
			db := openTemp(t)
			res := mustIngest(t, db, path, Options{})
			if res.counts() != (counts{4, 4, 0, 0, 0}) || !res.Backslash {
				t.Fatalf("%v, want 4 loaded, quotes escaped by backslashes", res)
			}
			for id, want := range map[string]string{"1": `He said "no" twice`, "2": "one \"x\"\rtwo", "3": c.narrative} {
				var got string
				if err := db.QueryRowContext(context.Background(), `SELECT narrative FROM complaints WHERE complaint_id = ?`, id).Scan(&got); err != nil || got != want {
					t.Errorf("record %s: narrative %q, %v; want %q", id, got, err, want)
				}
			}
		})
	}
}

// TestSniffEscape: what tells a backslash escape from a doubled quote.
func TestSniffEscape(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     bool
	}{
		{"backslashes", "a,b\n1,\"say \\\"hi\\\" now\"\n", true},
		{"doubled", "a,b\n1,\"say \"\"hi\"\" now\"\n", false},
		{"a backslash ending a value", "a,b\n1,\"C:\\\",2\n", false},
		{"a backslash before a doubled quote", "a,b\n1,\"C:\\\"\"x\"\"\"\n", false},
		{"both", "a,b\n1,\"say \\\"hi\\\" now\"\n2,\"say \"\"hi\"\" now\"\n", false},
		{"outside quotes", "a,b\n1,say \\\"hi\\\" now\n", false},
		// a value ending in an escaped quote (\"" : escaped, then closing)
		// tells neither; counted as a quote doubled, it hid the file's
		// backslashes and its records were rejected (an exploratory QA pass)
		{"an escaped quote before the closing one", "a,b\n1,\"say \\\"hi\\\" now\"\n2,\"multi\nline \\\"q\\\"\"\n", true},
	} {
		path := tempFile(t, "f.csv", c.in)
		if got, err := sniffEscape(path, ','); err != nil || got != c.want {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

// TestRunawayBelowTitle: a title above the header, of fewer fields, does
// not set the width the runaway look counts records against (the header
// search finds the header only later): a quoted line break in a record
// of the header's width is the value's, and a quote never closed is still
// cut at its line.
func TestRunawayBelowTitle(t *testing.T) {
	body := "Complaints export,2024-04-30\n" +
		"complaint_id,received_at,product,narrative\n" +
		"1,2024-04-01,Card,\"line one\nline two\"\n" +
		"2,2024-04-02,Card,\"never closed\n" +
		"3,2024-04-03,Card,fine\n"
	path := tempFile(t, "titled.csv", body)
	db := openTemp(t)
	res := mustIngest(t, db, path, Options{})
	if res.counts() != (counts{3, 2, 0, 0, 1}) || res.Runaways != 1 || res.HeaderLine != 2 {
		t.Fatalf("%v (%d runaway quotes, header line %d), want records 1 and 3 loaded, 2 cut at its line, the header on line 2", res, res.Runaways, res.HeaderLine)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints WHERE narrative = 'line one'||chr(10)||'line two'`); got != 1 {
		t.Errorf("record 1's quoted line break not kept")
	}
	if w, err := recordWidth(path, 0, ','); err != nil || w != 4 {
		t.Errorf("recordWidth = %d, %v; want 4", w, err)
	}
}

// TestLineEndsOfTwoKinds: a file whose line ends outside quotes are of
// two kinds loads every record, read as if each were a line feed. DuckDB's
// reader takes its line end from the file's first line, skipped lines
// included: below a title line ending otherwise than the records (a vendor
// export's "generated 2025-12-31" line ending LF above CR LF records, or
// the other way round) its strict read gave no record and no error (an
// exploratory QA pass: "read 0 = loaded 0", warned as a file of a header
// alone), and a record whose last value is quoted and whose line alone
// ends CR LF among LF ones was rejected as a value closed wrong ("UNQUOTED
// VALUE in field narrative"). The strict read failing whole, as for an
// unquoted last value, was all that had the line ends made alike.
func TestLineEndsOfTwoKinds(t *testing.T) {
	survey, err := ParseMapping([]byte("target: surveys\nsource: x\ncolumns:\n  id: response_id\n  when: responded_at\n  score: nps\n  why: comment\n"))
	if err != nil {
		t.Fatal(err)
	}
	const rows = "X1,2025-01-07 04:47:35,9,ok\r\nX2,2025-01-08 04:47:35,3,\"bad\"\r\n"
	for _, c := range []struct {
		name, body string
		mapping    *Mapping
		want       counts
		headerLine int
	}{
		{"LF title above CR LF records, mapped", "Vendor export\nid,when,score,why\r\n" + rows, survey, counts{2, 2, 0, 0, 0}, 2},
		{"CR LF title above LF records, mapped", "Vendor export\r\nid,when,score,why\n" + strings.ReplaceAll(rows, "\r\n", "\n"), survey, counts{2, 2, 0, 0, 0}, 2},
		{"LF title above CR LF records, survey profile", "Survey export\nResponse ID,Date,NPS,Comment\r\n" + rows, nil, counts{2, 2, 0, 0, 0}, 2},
		{"a quoted last value's line alone CR LF", "complaint_id,received_at,product,narrative\n" +
			"1,2024-03-01,Card,one\n2,2024-03-02,Card,\"two\"\r\n3,2024-03-03,Card,three\n", nil, counts{3, 3, 0, 0, 0}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := tempFile(t, "mixed.csv", c.body)
			db := openTemp(t)
			res := mustIngest(t, db, path, Options{Mapping: c.mapping})
			if res.counts() != c.want || res.HeaderLine != c.headerLine || res.Lenient || res.NoRecords {
				t.Fatalf("%v (header line %d, lenient %v), want %v, header line %d, strictly", res, res.HeaderLine, res.Lenient, c.want, c.headerLine)
			}
			table, col := "surveys", "comment"
			if c.mapping == nil && c.headerLine == 0 {
				table, col = "complaints", "narrative"
			}
			// no carriage return left in a value
			if got := queryInt(t, db, `SELECT count(*) FROM `+table+` WHERE contains(`+col+`, chr(13))`); got != 0 {
				t.Errorf("%d values hold a carriage return, want none", got)
			}
		})
	}
}

// TestLineEndsDiffer: what has a file read from a copy with its line ends
// made alike up front: line ends of more than one kind outside quotes.
// One kind throughout, or another only inside quoted values (a cell's
// line break in a Windows export), is read as it is.
func TestLineEndsDiffer(t *testing.T) {
	// a file of CR LF lines whose CR LF spans the first read of 1 MiB
	// (its CR the read's last byte)
	line := "1," + strings.Repeat("x", 97) + "\r\n" // 101 bytes
	long := "a,b\r\n" + strings.Repeat(line, (1<<20-5)/len(line))
	long += "1," + strings.Repeat("y", 1<<20-len(long)-3) + "\r\n2,z\r\n"
	if long[1<<20-1] != '\r' {
		t.Fatalf("the CR at %d, want the read's last byte", strings.LastIndex(long[:1<<20+1], "\r"))
	}
	for _, c := range []struct {
		name, in string
		want     bool
	}{
		{"LF", "a,b\n1,2\n", false},
		{"CR LF", "a,b\r\n1,2\r\n", false},
		{"CR", "a,b\r1,2\r", false},
		{"CR LF, LF inside quotes", "a,b\r\n1,\"x\ny\"\r\n", false},
		{"LF, CR inside quotes", "a,b\n1,\"x\ry\"\n", false},
		{"CR LF across reads", long, false},
		{"LF title, CR LF records", "title\na,b\r\n1,2\r\n", true},
		{"CR LF title, LF records", "title\r\na,b\n1,2\n", true},
		{"a quoted last value's line CR LF", "a,b\n1,\"x\"\r\n2,y\n", true},
		{"a CR in an unquoted value", "a,b\n1,x\ry\n", true},
	} {
		path := tempFile(t, "f.csv", c.in)
		if got, err := lineEndsDiffer(context.Background(), path, ",", false); err != nil || got != c.want {
			t.Errorf("lineEndsDiffer(%s) = %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

// TestLineEndScan: lineEndScan, which goes from quote to quote, counts the
// line ends of a kind outside quotes as sameLineEnds' transformer, which
// reads byte by byte, does (a carriage return alone as a space or a line
// end, both one kind), whatever the size of its reads: for random texts
// of the bytes that matter, read 1 to 8 bytes at a time and whole. Not
// one of a carriage return alone before a quote: the transformer may read
// it as a space, inside a field, where the quote is a character of the
// value (the scan takes it for a line end, where it opens one).
func TestLineEndScan(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	const alphabet = "a,\"\r\n\\"
	for range 3000 {
		b := make([]byte, rnd.IntN(40))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		text := string(b)
		if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r\"") {
			continue
		}
		for _, backslash := range []bool{false, true} {
			tr := &lineEndsTransformer{fields: 3}
			tr.q.delim, tr.q.backslash = ',', backslash
			if _, err := io.ReadAll(transform.NewReader(strings.NewReader(text), tr)); err != nil {
				t.Fatal(err)
			}
			want := lineEnds{crlf: tr.n.crlf, lf: tr.n.lf, spaces: tr.n.spaces + tr.n.ends}
			for _, size := range []int{1, 2, 3, 4, 5, 6, 7, 8, len(text) + 1} {
				s := newLineEndScan(",", backslash)
				if err := s.read(context.Background(), strings.NewReader(text), size); err != nil {
					t.Fatal(err)
				}
				if s.n != want {
					t.Fatalf("%q (backslash %v), reads of %d: %+v, want %+v", text, backslash, size, s.n, want)
				}
			}
		}
	}
}
