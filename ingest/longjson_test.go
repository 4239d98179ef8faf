package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestLongJSONRecord: a JSON record longer than a record may hold
// (maxRecordBytes) is rejected whole, its text kept in rejects, and the
// file's other records load, as a CSV file's are (TestOversizedRecord).
// Before, a record over the 32 MiB or so DuckDB's JSON reader reads (at
// maximum_object_size 8 MiB) failed the whole file (a QA pass:
// qa/big.ndjson, 20 records, one with a 50 MB narrative:
// "maximum_object_size of 16777216 bytes exceeded ... (>33552720 bytes).
// Try increasing maximum_object_size", nothing loaded), and a shorter one
// loaded (qa/mid.ndjson, 12 MiB; here 20 MiB loaded too).
func TestLongJSONRecord(t *testing.T) {
	// record returns record i, n bytes long (n 0: short)
	record := func(i, n int) string {
		pre := fmt.Sprintf(`{"complaint_id":"%d","received_at":"2024-03-0%d","narrative":"`, i, i)
		const post = `"}`
		if n == 0 {
			return pre + "ok" + post
		}
		return pre + strings.Repeat("a", n-len(pre)-len(post)) + post
	}
	overReader, over8 := record(2, 40<<20), record(4, 12<<20)
	records := []string{record(1, 0), overReader, record(3, 0), over8, record(5, maxRecordBytes)}
	for _, tt := range []struct{ name, file, body string }{
		{"NDJSON", "long.ndjson", strings.Join(records, "\n") + "\n"},
		{"NDJSON, CRLF", "long.ndjson", strings.Join(records, "\r\n") + "\r\n"},
		{"NDJSON named .json", "long.json", strings.Join(records, "\n") + "\n"},
		{"array", "long.json", "[" + strings.Join(records, ",\n ") + "]\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			res := mustIngest(t, db, tempFile(t, tt.file, tt.body), Options{})
			if res.counts() != (counts{5, 3, 0, 0, 2}) || res.TooLong != 2 || res.NotJSON != 0 {
				t.Fatalf("File = %v (%d too long, %d not JSON), want records 2 and 4 rejected as too long, the others loaded (5 of exactly %d bytes)",
					res, res.TooLong, res.NotJSON, maxRecordBytes)
			}
			rs := rejectRows(t, db, "raw")
			for k, rec := range []int64{2, 4} {
				raw := records[rec-1]
				want := fmt.Sprintf("record %d: LINE SIZE OVER MAXIMUM: the record is %d bytes, more than the %d (8 MiB) a record may hold", rec, len(raw), maxRecordBytes)
				if k >= len(rs) || rs[k].record != rec || rs[k].reason != want || rs[k].raw != raw {
					t.Errorf("rejects %.300v, want record %d: %q, its text as written", rs, rec, want)
				}
			}
			if want := "record 2: LINE SIZE OVER MAXIMUM"; !strings.HasPrefix(res.FirstReject, want) {
				t.Errorf("first reject %q, want %q", res.FirstReject, want)
			}
			if !strings.Contains(res.Warnings(), "2 records longer than 8388608 bytes (8 MiB) rejected whole") {
				t.Errorf("warnings %q, want the 2 records too long counted", res.Warnings())
			}
		})
	}
}

// TestEachArrayElement: the elements of a JSON array are told by its
// brackets and braces outside strings, whatever the strings hold
// (brackets, braces, commas, escaped quotes and backslashes) and however
// the array is laid out, a string across the 1 MiB reads included.
func TestEachArrayElement(t *testing.T) {
	across := `{"n":"` + strings.Repeat(`x\"]}`, 300000) + `"}` // 1.2 MB
	for _, tt := range []struct {
		name, file string
		want       []string
	}{
		{"one line", `[{"a":1},{"b":"]},{"},{"c":[1,{"d":2}]}]`, []string{`{"a":1}`, `{"b":"]},{"}`, `{"c":[1,{"d":2}]}`}},
		{"pretty", "\ufeff [\n  {\n    \"a\": \"x\\\\\"\n  },\n  {\"b\": \"\\\"}\"}\n]\n", []string{"{\n    \"a\": \"x\\\\\"\n  }", `{"b": "\"}"}`}},
		{"scalars", `[1, "a,b" ,{"c":3}, null]`, []string{"1", `"a,b" `, `{"c":3}`, "null"}},
		{"empty", "[ ]", nil},
		{"across reads", "[" + across + "," + `{"z":1}` + "]", []string{across, `{"z":1}`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			path := tempFile(t, "a.json", tt.file)
			_, at, _ := firstJSONByte(path)
			err := eachArrayElement(context.Background(), path, at, true, func(start, end int64) error {
				got = append(got, tt.file[start:end])
				return nil
			})
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("eachArrayElement = %.200q, %v; want %.200q", got, err, tt.want)
			}
		})
	}
	if err := eachArrayElement(context.Background(), tempFile(t, "o.json", `{"a":[1]}`), 0, true, func(int64, int64) error { return nil }); err != errNotArray {
		t.Errorf("eachArrayElement of an object: %v, want errNotArray", err)
	}
}

// TestLongJSONRecordsOnly: a JSON or NDJSON file whose every record is too
// long is a run with every record rejected as too long, as its CSV
// equivalent is ("read 1 = rejected 1"). Before, QA pass AY
// (qa/js/one.json, an array of one 9 MiB element; qa/js/one.ndjson): "no
// JSON objects with fields", no run, no reject.
func TestLongJSONRecordsOnly(t *testing.T) {
	long := `{"complaint_id":"1","received_at":"2024-03-01","narrative":"` + strings.Repeat("a", 9<<20) + `"}`
	for _, tt := range []struct{ name, file, body string }{
		{"NDJSON", "one.ndjson", long + "\n"},
		{"array", "one.json", "[" + long + "]\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			res := mustIngest(t, db, tempFile(t, tt.file, tt.body), Options{})
			if res.counts() != (counts{1, 0, 0, 0, 1}) || res.TooLong != 1 || res.RunID == 0 {
				t.Fatalf("File = %v (%d too long, run %d), want the record rejected as too long", res, res.TooLong, res.RunID)
			}
			rs := rejectRows(t, db, "raw")
			if want := "record 1: LINE SIZE OVER MAXIMUM"; len(rs) != 1 || !strings.HasPrefix(rs[0].reason, want) || rs[0].raw != long {
				t.Errorf("rejects %.300v, want record 1: %q..., its text as written", rs, want)
			}
		})
	}
}
