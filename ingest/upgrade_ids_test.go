package ingest

import (
	"context"
	"maps"
	"path/filepath"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// TestIDsWrittenAsNumbersUpgrade: versions before b7207e6 stored a
// complaint or customer ID written "2105582.0" as written; this one reads
// it as "2105582". Opening such a warehouse re-keys the stored IDs
// (migration 007), so the file loaded again is all duplicate, one
// complaint each, its classification kept, its customer joining it.
// Before, QA pass AY: "loaded 4 + duplicate 4", the warehouse holding
// 2105582.0 beside 2105582. A stored ID whose re-keyed form the source
// holds already (both loaded by the old version) stays as it is.
func TestIDsWrittenAsNumbersUpgrade(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	complaints := tempFile(t, "a.csv", "complaint_id,source,received_at,customer_id,narrative,zip_code\n"+
		"2105582.0,s1,2024-01-02 10:00:00,77.0,charged twice,01234\n"+
		"00123.0,s1,2024-01-02 10:00:00,c2,text b,5\n"+
		"3.5,s1,2024-01-02 10:00:00,c3,text c,5\n"+
		"-7.00,s1,2024-01-02 10:00:00,,text d,5\n")
	customers := tempFile(t, "customers.ndjson", `{"customer_id":"77.0","segment":"retail","since":"2020-05-01","churned_at":"2024-03-01"}`+"\n")
	mustIngest(t, db, complaints, Options{})
	mustIngest(t, db, customers, Options{})
	surveys := tempFile(t, "surveys.csv", "response_id,customer_id,complaint_id,responded_at,csat\nr1,77.0,2105582.0,2024-02-01,5\n")
	mustIngest(t, db, surveys, Options{})
	// as the version before stored them: the IDs as written, row hashes
	// of those (storedHash; customers' as stage.sql computes them), and a
	// complaint loaded under both spellings (5.0 from one file, 5 from
	// another), which stays as it is
	for _, q := range []string{
		`UPDATE complaints SET complaint_id = CASE complaint_id WHEN '2105582' THEN '2105582.0' WHEN '00123' THEN '00123.0' WHEN '-7' THEN '-7.00' ELSE complaint_id END,
			customer_id = CASE customer_id WHEN '77' THEN '77.0' ELSE customer_id END`,
		`INSERT INTO complaints SELECT * REPLACE ('5.0' AS complaint_id) FROM complaints WHERE complaint_id = '3.5'`,
		`INSERT INTO complaints SELECT * REPLACE ('5' AS complaint_id) FROM complaints WHERE complaint_id = '3.5'`,
		`UPDATE complaints SET row_hash = ` + storedHash,
		`UPDATE surveys SET customer_id = '77.0', complaint_id = '2105582.0'`,
		`UPDATE surveys SET row_hash = ` + surveyRowHash,
		`UPDATE customers SET customer_id = '77.0', row_hash = hash('77.0', segment, since, churned_at, extra)`,
		`INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
			SELECT source, complaint_id, 'fees', false, false, false, 'test', TIMESTAMP '2024-01-03' FROM complaints`,
		`INSERT INTO thread_messages (source, message_id, complaint_id, ingest_run_id) VALUES ('s1', '9', '2105582.0', 1)`,
		`DELETE FROM schema_migrations WHERE version > 6`, // the version before's schema
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if got := mustIngest(t, db, complaints, Options{}).counts(); got != (counts{4, 0, 0, 4, 0}) {
		t.Errorf("the file again = %+v, want all 4 duplicate", got)
	}
	if got := mustIngest(t, db, customers, Options{}).counts(); got != (counts{1, 0, 0, 1, 0}) {
		t.Errorf("the customers again = %+v, want duplicate", got)
	}
	if got := mustIngest(t, db, surveys, Options{}).counts(); got != (counts{1, 0, 0, 1, 0}) {
		t.Errorf("the surveys again = %+v, want duplicate", got)
	}
	if got, want := byComplaint(t, db, `coalesce(customer_id, '')`), map[string]string{
		"2105582": "77", "00123": "c2", "3.5": "c3", "-7": "", "5.0": "c3", "5": "c3"}; !maps.Equal(got, want) {
		t.Errorf("complaints and customers %v, want %v", got, want)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM classifications l JOIN complaints c USING (source, complaint_id)`); got != 6 {
		t.Errorf("%d classifications of complaints, want all 6 kept", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM complaints c JOIN customers u USING (customer_id) WHERE c.complaint_id = '2105582' AND u.segment = 'retail'`); got != 1 {
		t.Errorf("complaint 2105582 joins %d customers, want its one", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM thread_messages WHERE complaint_id = '2105582'`); got != 1 {
		t.Errorf("thread message of 2105582 not re-keyed")
	}
}

// TestSurveyResponseIDsUpgrade: versions before stored a survey's
// response_id written "123.0" as written; this one reads it as "123".
// Opening such a warehouse re-keys them (migration 008), so the file
// loaded again is duplicate, not stored a second time beside them. A
// response whose re-keyed ID the source holds already stays as it is.
func TestSurveyResponseIDsUpgrade(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	surveys := tempFile(t, "surveys.csv", "response_id,responded_at,csat\n123.0,2024-02-01,5\n124.0,2024-02-01,4\nr9,2024-02-01,3\n")
	mustIngest(t, db, surveys, Options{})
	// as the version before stored them: the IDs as written with their
	// row hashes, and a response loaded under both spellings (7.0 and 7)
	for _, q := range []string{
		`UPDATE surveys SET response_id = response_id || '.0' WHERE response_id IN ('123', '124')`,
		`INSERT INTO surveys SELECT * REPLACE ('7.0' AS response_id) FROM surveys WHERE response_id = 'r9'`,
		`INSERT INTO surveys SELECT * REPLACE ('7' AS response_id) FROM surveys WHERE response_id = 'r9'`,
		`UPDATE surveys SET row_hash = ` + surveyRowHash,
		`DELETE FROM schema_migrations WHERE version > 7`, // the version before's schema
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if got := mustIngest(t, db, surveys, Options{}).counts(); got != (counts{3, 0, 0, 3, 0}) {
		t.Errorf("the surveys again = %+v, want all 3 duplicate", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys WHERE response_id IN ('123', '124', 'r9', '7', '7.0')`); got != 5 {
		t.Errorf("%d of the responses 123, 124, r9, 7 and 7.0 stored, want 5", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM surveys`); got != 5 {
		t.Errorf("%d surveys stored, want 5", got)
	}
}
