package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

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

// TestDatesFieldUnmapped: a mapping's dates layout for a field no column
// maps is refused, naming the mapping file and the field, as elapsed's is
// (a QA pass: qa/map_unmapped_datefield.yaml gave first_response_at a
// layout, and no column, and loaded without a word).
func TestDatesFieldUnmapped(t *testing.T) {
	const doc = "columns: {id: complaint_id, opened: received_at}\ndates:\n  received_at: \"%d.%m.%Y %H:%M\"\n  first_response_at: \"%d.%m.%Y\"\n"
	path := filepath.Join(t.TempDir(), "helpdesk.yaml")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "mapping " + path + `: dates: field "first_response_at" has no column`
	if _, err := LoadMapping(path); err == nil || err.Error() != want {
		t.Errorf("LoadMapping = %v, want %q", err, want)
	}
	// a layout of a field a constant gives is the constant's
	if _, err := ParseMapping([]byte("columns: {id: complaint_id, opened: received_at}\nconstants: {resolved_at: \"01.02.2024\"}\ndates: {resolved_at: \"%d.%m.%Y\"}\n")); err != nil {
		t.Errorf("ParseMapping, dates of a constant: %v", err)
	}
}
