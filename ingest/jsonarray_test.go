package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// jsonTickets returns n JSON records, record i with complaint ID i and the
// narrative "ok i", and record bad (1-based; 0: none) with bad in place of
// its narrative's value, written as is.
func jsonTickets(n, bad int, badValue string) []string {
	recs := make([]string, n)
	for i := range recs {
		value := fmt.Sprintf(`"ok %d"`, i+1)
		if i+1 == bad {
			value = badValue
		}
		recs[i] = fmt.Sprintf(`{"complaint_id":"%d","received_at":"2024-03-01","narrative":%s}`, i+1, value)
	}
	return recs
}

// loadedRows is what a warehouse holds after a load: its complaints' IDs
// and narratives, and its rejects' record numbers and reasons, in order.
func loadedRows(t *testing.T, db *warehouse.DB) string {
	t.Helper()
	ids := byComplaint(t, db, `coalesce(narrative, '')`)
	return fmt.Sprintf("%v %+v", ids, rejectRows(t, db, "''"))
}

// TestListResponseAsArray: a list response's records load as the same
// records written as an array do, with the same record numbers in the
// rejects. DuckDB read a response whole, as one value, and unnested its
// records array: a QA pass (qa/tickets_150000_wrapped.json, 150,000
// tickets, 76 MB) ran out of memory under the default limit, and took
// ten times the array's time with more. Read now as an array is, a
// record that is not UTF-8 is rejected alone, which the whole read
// refused the file for ("Malformed JSON ... invalid UTF-8 encoding in
// string"): the slow path is not taken.
func TestListResponseAsArray(t *testing.T) {
	recs := jsonTickets(5, 3, "\"caf\xe9\"")
	array := "[" + strings.Join(recs, ",\n") + "]\n"
	arrayDB := openTemp(t)
	arrayRes := mustIngest(t, arrayDB, tempFile(t, "tickets.json", array), Options{Source: "desk"})
	if arrayRes.counts() != (counts{5, 4, 0, 0, 1}) {
		t.Fatalf("array: %v, want record 3 rejected, the others loaded", arrayRes)
	}
	want := loadedRows(t, arrayDB)
	for _, tt := range []struct{ name, body string }{
		{"list response", `{"tickets": ` + strings.TrimSpace(array) + `, "count": 5, "next_page": null}`},
		{"search response", `{"took": 3, "hits": {"total": 5, "hits": [` +
			`{"_index": "c", "_source": ` + strings.Join(recs, `}, {"_index": "c", "_source": `) + `}]}}`},
		{"byte order mark", "\ufeff" + `{"tickets":[` + strings.Join(recs, ",") + `]}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			res, err := File(context.Background(), db, tempFile(t, "tickets.json", tt.body), Options{Source: "desk"})
			if err != nil {
				t.Fatal(err)
			}
			if res.counts() != arrayRes.counts() {
				t.Errorf("%v, want the array's counts %+v", res, arrayRes.counts())
			}
			if got := loadedRows(t, db); got != want {
				t.Errorf("loaded %s\nwant the array's %s", got, want)
			}
		})
	}
	// pages of a response, one a line: every page's records
	pages := `{"tickets":[` + strings.Join(recs[:2], ",") + `],"next_page":"p2"}` + "\n" +
		`{"tickets":[` + recs[3] + `],"next_page":null}` + "\n"
	db := openTemp(t)
	if res := mustIngest(t, db, tempFile(t, "pages.json", pages), Options{Source: "desk"}); res.counts() != (counts{3, 3, 0, 0, 0}) {
		t.Errorf("pages: %v, want their 3 records loaded", res)
	}
}

// TestJSONArrayBadRecord: a record of a JSON array that DuckDB's reader
// refuses the file for is rejected alone, as an NDJSON line is, naming
// the record and the fault, its text as written, and the others load.
// Before, the file was refused, naming the wrong record: a QA pass had
// "at byte 186 in record/value 1001: invalid UTF-8 encoding in string"
// for a bad byte in record 1000, and "record/value 15" for element 14 of
// an array cut short, its byte counted from the record's start.
func TestJSONArrayBadRecord(t *testing.T) {
	const surrogate = "the escape \\ud800 is half of a UTF-16 surrogate pair, no character"
	for _, tt := range []struct {
		name, file string
		body       string
		want       counts
		reason     string // record 3's reason
		raw        string // its raw text
	}{
		{"not UTF-8", "a.json", "[" + strings.Join(jsonTickets(5, 3, "\"caf\xe9\""), ",\n") + "]",
			counts{5, 4, 0, 0, 1}, "record 3, not JSON: not UTF-8, which JSON is",
			`{"complaint_id":"3","received_at":"2024-03-01","narrative":"café"}`},
		{"lone surrogate", "a.json", "[" + strings.Join(jsonTickets(5, 3, `"a \ud800 b"`), ",") + "]",
			counts{5, 4, 0, 0, 1}, "record 3, not JSON: " + surrogate,
			`{"complaint_id":"3","received_at":"2024-03-01","narrative":"a \ud800 b"}`},
		{"lone surrogate, NDJSON", "a.ndjson", strings.Join(jsonTickets(5, 3, `"\udc00"`), "\n") + "\n",
			counts{5, 4, 0, 0, 1}, "record 3, not JSON: " + strings.ReplaceAll(surrogate, "ud800", "udc00"),
			`{"complaint_id":"3","received_at":"2024-03-01","narrative":"\udc00"}`},
		{"not JSON, pretty-printed", "a.json", "[\n  " + strings.Join(jsonTickets(5, 3, "nul"), ",\n  ") + "\n]\n",
			counts{5, 4, 0, 0, 1}, "record 3, not JSON: invalid character '}' in literal null (expecting 'l')",
			`{"complaint_id":"3","received_at":"2024-03-01","narrative":nul}`},
		{"cut short between records", "a.json", "[" + strings.Join(jsonTickets(4, 3, "\"caf\xe9\""), ",") + ",",
			counts{4, 3, 0, 0, 1}, "record 3, not JSON: not UTF-8, which JSON is",
			`{"complaint_id":"3","received_at":"2024-03-01","narrative":"café"}`},
		{"cut short", "a.json", "[" + strings.Join(jsonTickets(3, 0, ""), ", ") + `, {"complaint_id":"4","narr`,
			counts{4, 3, 0, 0, 1}, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			res, err := File(context.Background(), db, tempFile(t, tt.file, tt.body), Options{Source: "desk"})
			if err != nil {
				t.Fatal(err)
			}
			if res.counts() != tt.want {
				t.Errorf("%v, want %+v", res, tt.want)
			}
			rs := rejectRows(t, db, "raw")
			rec, reason, raw := int64(3), tt.reason, tt.raw
			if tt.reason == "" { // cut short: record 4, as written to the end
				rec, reason, raw = 4, "record 4, not JSON: unexpected end of JSON input", `{"complaint_id":"4","narr`
			}
			if len(rs) != 1 || rs[0].record != rec || rs[0].reason != reason || rs[0].raw != raw {
				t.Errorf("rejects %+v, want record %d: %q, %q", rs, rec, reason, raw)
			}
			if res.FirstReject != reason {
				t.Errorf("first reject %q, want %q", res.FirstReject, reason)
			}
		})
	}
	// an array ended early by a brace too many: no record tells what is
	// lost, so the file is refused, naming the byte after the end
	recs := jsonTickets(3, 3, "\"\xff\"")
	_, err := File(context.Background(), openTemp(t), tempFile(t, "a.json", "["+recs[0]+"},"+recs[1]+","+recs[2]+"]"), Options{Source: "desk"})
	if want := fmt.Sprintf("text after the end of the array, at byte %d", 1+len(recs[0])+1); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one naming the byte: %q", err, want)
	}
}

// TestJSONArrayByteOrderMark: a JSON array after a UTF-8 byte order mark
// (Windows PowerShell writes one) loads, as NDJSON after one does. Before,
// a QA pass (qa/bom_tickets.json): "no JSON objects with fields".
func TestJSONArrayByteOrderMark(t *testing.T) {
	recs := jsonTickets(3, 0, "")
	for _, tt := range []struct{ name, file, body string }{
		{"array", "bom.json", "\ufeff[" + strings.Join(recs, ",\r\n") + "]\r\n"},
		{"NDJSON", "bom.ndjson", "\ufeff" + strings.Join(recs, "\r\n") + "\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			res, err := File(context.Background(), db, tempFile(t, tt.file, tt.body), Options{Source: "desk"})
			if err != nil {
				t.Fatal(err)
			}
			if res.counts() != (counts{3, 3, 0, 0, 0}) {
				t.Errorf("%v, want the 3 records loaded", res)
			}
		})
	}
}

// TestJSONRejectRaw: a rejected JSON record's raw text is the record's own
// text, as written: a key it lacks is not there, and its keys are in its
// order. Before, the reject held the file's every key, sorted, a key the
// record lacks as null (a QA pass: `"received_at":null,
// "compensation_amount":null,...` for a record with no received_at), so
// that a key missing and a key null could not be told apart.
func TestJSONRejectRaw(t *testing.T) {
	recs := []string{
		`{"complaint_id":"1","received_at":"2024-03-01","product":"Card","compensation_amount":"5"}`,
		`{"narrative": "no date", "complaint_id": "2"}`,
		`{"complaint_id":"3","received_at":null,"product":"Card"}`,
	}
	hits := make([]string, len(recs))
	for i, r := range recs {
		hits[i] = `{"_id":"` + fmt.Sprint(i) + `","_source":` + r + `}`
	}
	for _, tt := range []struct{ name, file, body string }{
		{"NDJSON", "a.ndjson", strings.Join(recs, "\n") + "\n"},
		{"array", "a.json", "[" + strings.Join(recs, ",\n") + "]"},
		{"list response", "a.json", `{"tickets":[` + strings.Join(recs, ", ") + `],"next_page":null}`},
		{"search response", "a.json", `{"hits":{"hits":[` + strings.Join(hits, ",") + `]}}`},
		{"array with a record not JSON", "a.json", "[" + strings.Join(recs, ",") + `,{"complaint_id":"4",]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			mustIngest(t, db, tempFile(t, tt.file, tt.body), Options{Source: "desk"})
			rs := rejectRows(t, db, "raw")
			if len(rs) < 2 || rs[0].record != 2 || rs[0].raw != recs[1] || rs[1].record != 3 || rs[1].raw != recs[2] {
				t.Errorf("rejects %+v, want records 2 and 3 as written: %s, %s", rs, recs[1], recs[2])
			}
			if len(rs) == 3 && (rs[2].record != 4 || rs[2].raw != `{"complaint_id":"4",]`) {
				t.Errorf("reject %+v, want record 4 as written", rs[2])
			}
		})
	}
}
