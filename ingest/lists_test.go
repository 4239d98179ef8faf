package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// TestEmptyListIsNoValue: a JSON or Parquet value that is an empty list or
// an empty object, read into a field, is no value (null), as an empty
// string is; a list of values keeps its JSON text (README: a list in a
// text field). Before, a text field held the text '[]' (QA pass): a CFPB
// JSON export's "tags": [] and a helpdesk's "custom_fields": {} stored as
// such. The records are made up, of the canonical complaints' fields.
func TestEmptyListIsNoValue(t *testing.T) {
	dir := t.TempDir()
	jsonPath := filepath.Join(dir, "complaints.json")
	writeFile(t, jsonPath, `[
 {"complaint_id": "1", "received_at": "2024-03-01", "product": [], "sub_product": {}, "issue": ["Billing", "Refund"], "narrative": [], "region": [ ]},
 {"complaint_id": "2", "received_at": "2024-03-02", "product": "Card", "sub_product": {"a": 1}, "issue": "Fees", "narrative": "Charged twice.", "region": "CA"}
]
`)
	parquetPath := filepath.Join(dir, "complaints.parquet")
	db := openTemp(t)
	if _, err := db.ExecContext(context.Background(), `COPY (
		SELECT * FROM (VALUES
			('1', TIMESTAMP '2024-03-01 00:00', []::VARCHAR[], ['Billing', 'Refund'], []::VARCHAR[]),
			('2', TIMESTAMP '2024-03-02 00:00', ['Card'], []::VARCHAR[], ['Charged twice.'])
		) v(complaint_id, received_at, product, issue, narrative)
	) TO '`+parquetPath+`' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want map[string]string // complaint_id -> product | sub_product | issue | narrative | region, "-" for null
	}{
		{jsonPath, map[string]string{
			"1": `- | - | ["Billing","Refund"] | - | -`,
			"2": `Card | {"a":1} | Fees | Charged twice. | CA`,
		}},
		{parquetPath, map[string]string{
			"1": `- | - | ["Billing","Refund"] | - | -`,
			"2": `["Card"] | - | - | ["Charged twice."] | -`,
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Ext(tt.path), func(t *testing.T) {
			db := openTemp(t)
			if res := mustIngest(t, db, tt.path, Options{}); res.counts() != (counts{2, 2, 0, 0, 0}) {
				t.Fatalf("%v, want both loaded", res)
			}
			for id, want := range tt.want {
				var got string
				if err := db.QueryRowContext(context.Background(), `SELECT concat_ws(' | ', coalesce(product, '-'), coalesce(sub_product, '-'),
					coalesce(issue, '-'), coalesce(narrative, '-'), coalesce(region, '-')) FROM complaints WHERE complaint_id = ?`, id).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("complaint %s: %q, want %q", id, got, want)
				}
			}
		})
	}
}
