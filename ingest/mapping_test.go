package ingest

import "testing"

// TestRequiredFieldHint: a mapping lacking a required field is refused
// with a hint that fits the field. Before, every field got "map a column,
// or $record for the record number": a record number is no time (the
// replies refuse it as received_at), and as an ID it makes the next
// file's record 1 replace this one's.
func TestRequiredFieldHint(t *testing.T) {
	for _, tt := range []struct{ mapping, want string }{
		{"columns: {id: complaint_id, text: narrative}",
			`required field "received_at" is not mapped (map the column that holds it)`},
		{"target: surveys\ncolumns: {id: response_id, NPS: nps}",
			`required field "responded_at" is not mapped (map the column that holds it)`},
		{"columns: {Date: received_at, text: narrative}",
			`required field "complaint_id" is not mapped (map the column of its ID, or $content for an ID made of each record's content)`},
		{"target: surveys\ncolumns: {Date: responded_at, NPS: nps}",
			`required field "response_id" is not mapped (map the column of its ID, or $content for an ID made of each record's content)`},
		{"target: customers\ncolumns: {Segment: segment}",
			`required field "customer_id" is not mapped (map the column of its ID)`},
	} {
		_, err := ParseMapping([]byte(tt.mapping))
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseMapping(%q) = %v, want %q", tt.mapping, err, tt.want)
		}
	}
}
