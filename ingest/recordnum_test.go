package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// TestReaderRejectBelowTitle: a record the CSV reader rejects (a field too
// many, a quote never closed) keeps its record number when title lines
// stand above the header, and so do the records after it: the rejects are
// those of the same records without the title lines. The reader numbers
// its reject by the line as if the header were on line 1, so that below
// two title lines a QA pass found (qa/cfpb_title2.csv: a stray comma in
// record 6, a bad date in 7 and in 12) "record 8: TOO MANY COLUMNS",
// "record 6 ... 13/45/2016" and "record 12", and the summary's "first:
// record 6" named the bad date; below one (qa/cfpb_title3.csv) the
// unclosed quote of record 4 and the bad date of record 5 swapped numbers.
func TestReaderRejectBelowTitle(t *testing.T) {
	const header = "complaint_id,received_at,narrative,product\n"
	rec := func(i int, date string) string { return fmt.Sprintf("%d,%s,text %d,Card\n", i, date, i) }
	var sixBad strings.Builder // records 1-12: 6 a field too many, 7 and 12 a bad date
	for i := 1; i <= 12; i++ {
		switch i {
		case 6:
			sixBad.WriteString("6,2024-03-06,stray, comma,Card\n")
		case 7, 12:
			sixBad.WriteString(rec(i, "2024-13-45"))
		default:
			sixBad.WriteString(rec(i, "2024-03-01"))
		}
	}
	for _, tt := range []struct {
		name, titles, records string
		mapping               string // a mapping naming the header line, else none
		want                  []int64
	}{
		{"two titles, field too many", "Export title\nfilter: all\n", sixBad.String(), "", []int64{6, 7, 12}},
		{"one title, quote never closed", "Export title\n",
			rec(1, "2024-03-01") + rec(2, "2024-03-01") + rec(3, "2024-03-01") +
				"4,2024-03-04,\"never closed,Card\n" + rec(5, "2024-13-45") + rec(6, "2024-03-01"),
			"", []int64{4, 5}},
		{"quoted line break before", "Export title\nfilter: all\n",
			"1,2024-03-01,\"line one\nline two\",Card\n" + rec(2, "2024-03-01") +
				"3,2024-03-03,stray, comma,Card\n" + rec(4, "2024-13-45") + rec(5, "2024-03-01"),
			"", []int64{3, 4}},
		{"mapping's header_line", "Export title\nfilter: all\n", sixBad.String(),
			"target: complaints\nsource: x\nheader_line: 3\ncolumns:\n  complaint_id: complaint_id\n  received_at: received_at\n  narrative: narrative\n  product: product\n",
			[]int64{6, 7, 12}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts, control Options
			if tt.mapping != "" {
				m, err := ParseMapping([]byte(tt.mapping))
				if err != nil {
					t.Fatal(err)
				}
				opts.Mapping = m
				plain := *m
				plain.HeaderLine = 0
				control.Mapping = &plain
			}
			titled := openTemp(t)
			res := mustIngest(t, titled, tempFile(t, "titled.csv", tt.titles+header+tt.records), opts)
			plain := openTemp(t)
			mustIngest(t, plain, tempFile(t, "plain.csv", header+tt.records), control)
			got, want := rejectRows(t, titled, "raw"), rejectRows(t, plain, "raw")
			var nums []int64
			for _, r := range got {
				nums = append(nums, r.record)
			}
			if fmt.Sprint(nums) != fmt.Sprint(tt.want) {
				t.Errorf("record numbers rejected = %v, want %v (%+v)", nums, tt.want, got)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("rejects below the title lines\n%+v\nwant those of the file without them\n%+v", got, want)
			}
			if first := fmt.Sprintf("record %d", tt.want[0]); !strings.HasPrefix(res.FirstReject, first) {
				t.Errorf("first reject %q, want %s's", res.FirstReject, first)
			}
		})
	}
}

// TestFirstRejectNotJSON: the summary's first reject is the reason the
// rejects table holds. For an NDJSON line cut short (qa/bad2.ndjson,
// record 2) the summary said "record 2, field Complaint ID
// (complaint_id): missing", the empty object read in the line's place,
// while rejects said "record 2, not JSON: unexpected end of JSON input".
func TestFirstRejectNotJSON(t *testing.T) {
	body := `{"complaint_id":"1","received_at":"2024-03-01","narrative":"ok"}` + "\n" +
		`{"complaint_id":"55","rece` + "\n" +
		`{"complaint_id":"3","received_at":"2024-03-03","narrative":"ok"}` + "\n"
	db := openTemp(t)
	res := mustIngest(t, db, tempFile(t, "bad.ndjson", body), Options{})
	rs := rejectRows(t, db, "raw")
	if len(rs) != 1 {
		t.Fatalf("rejects %+v, want record 2's", rs)
	}
	const want = "record 2, not JSON: unexpected end of JSON input"
	if rs[0].reason != want || res.FirstReject != want {
		t.Errorf("first reject %q, rejects %q; want both %q", res.FirstReject, rs[0].reason, want)
	}
}

// TestAmbiguousDateSameEitherWay: in a column whose dates read month first
// or day first alike (no day over 12 among them), a date whose day is its
// month (02/02/2025) reads the same either way and loads; the others are
// rejected, naming the orders, as before (TestInferDates). A QA pass
// (qa/week1.csv: 30 such dates, eight of them a day that is the month)
// had every one rejected.
func TestAmbiguousDateSameEitherWay(t *testing.T) {
	for _, tt := range []struct {
		name, rows string
		want       []string // received_at of each record, or "rejected"
	}{
		{"slashes", "1,02/02/2025\n2,03/04/2025\n3,12/12/2025 09:30\n", []string{"2025-02-02 00:00", "rejected", "2025-12-12 09:30"}},
		// day first or a two-digit year first (TestInferDates' dashed
		// dates): 15-04-15 is 2015-04-15 either way
		{"two-digit year", "1,15-04-15\n2,14-03-12\n", []string{"2015-04-15 00:00", "rejected"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			mustIngest(t, db, tempFile(t, "f.csv", "complaint_id,received_at\n"+tt.rows), Options{Source: tt.name})
			checkReceived(t, db, tt.name, tt.want)
		})
	}
}
