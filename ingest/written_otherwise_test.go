package ingest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

// cfpb2016Head is the header and first three records of
// /work/shared/data/cfpb-schema-variants/cfpb_2016-09_export.csv (the
// 2016 CFPB export of SOURCE.md).
const cfpb2016Head = `Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,Company response to consumer,Timely response?,Consumer disputed?,Complaint ID
09/12/2016,Credit reporting,,Credit reporting company's investigation,Investigation took too long,,,Equifax,TX,770XX,Servicemember,,Web,09/12/2016,In progress,Yes,,2105582
09/12/2016,Debt collection,Medical,Cont'd attempts collect debt not owed,Debt was paid,,Company believes it acted appropriately as authorized by contract or law,First Federal Credit Control,FL,331XX,,,Web,09/14/2016,Closed with explanation,Yes,,2105601
09/12/2016,Credit card,,Customer service / Customer relations,,,,Capital One,VA,236XX,,,Web,09/12/2016,Closed with explanation,Yes,,2105562
`

// classifyAll gives every stored complaint a classification, as classify
// would.
func classifyAll(t *testing.T, db *warehouse.DB) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), `INSERT INTO classifications (source, complaint_id, topic, churn_intent, legal_threat, urgent, model, classified_at)
		SELECT source, complaint_id, 'billing', false, false, false, 'test-1', TIMESTAMP '2024-02-01' FROM complaints`); err != nil {
		t.Fatal(err)
	}
}

// queryText is the one text value q selects ("" for null).
func queryText(t *testing.T, db *warehouse.DB, q string) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRowContext(context.Background(), q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s.String
}

// TestFloatComplaintIDs: an ID written as a number with a zero fraction
// ("2105582.0", as pandas writes a column of integers with gaps, or a JSON
// number 2105655.0) is the complaint of the integer ID, as a reply's
// answers are (README: replies). QA pass AW: qa/float_ids.csv into a
// warehouse holding those complaints read "loaded 3 + duplicate 2", the
// table holding 2105582.0 beside 2105582; qa/num_ids.ndjson likewise.
// A customer ID is read so too.
func TestFloatComplaintIDs(t *testing.T) {
	db := openTemp(t)
	mustIngest(t, db, tempFile(t, "cfpb.csv", cfpb2016Head), Options{})
	lines := strings.Split(strings.TrimSpace(cfpb2016Head), "\n")
	floats := lines[0] + "\n"
	for _, l := range lines[1:] {
		floats += l + ".0\n"
	}
	res := mustIngest(t, db, tempFile(t, "float_ids.csv", floats), Options{})
	if want := (counts{3, 0, 0, 3, 0}); res.counts() != want {
		t.Errorf("the IDs written 2105582.0: %+v, want %+v (the same complaints)", res.counts(), want)
	}
	nd := `{"Date received": "09/12/2016", "Product": "Credit card", "Issue": "Customer service / Customer relations", "Company": "Capital One", "State": "VA", "ZIP code": "236XX", "Submitted via": "Web", "Date sent to company": "09/12/2016", "Company response to consumer": "Closed with explanation", "Timely response?": "Yes", "Complaint ID": 2105562.0}` + "\n"
	res = mustIngest(t, db, tempFile(t, "num_ids.ndjson", nd), Options{})
	if res.Loaded != 0 {
		t.Errorf("the ID a JSON number 2105562.0: %+v, want none loaded", res.counts())
	}
	if got := queryText(t, db, `SELECT string_agg(complaint_id, ',' ORDER BY complaint_id) FROM complaints`); got != "2105562,2105582,2105601" {
		t.Errorf("complaint IDs stored: %s, want 2105562,2105582,2105601", got)
	}

	const header = "complaint_id,source,received_at,customer_id\n"
	mustIngest(t, db, tempFile(t, "c1.csv", header+"a1,shop,2024-01-02,7\n"), Options{})
	res = mustIngest(t, db, tempFile(t, "c2.csv", header+"a1,shop,2024-01-02,7.0\n"), Options{})
	if want := (counts{1, 0, 0, 1, 0}); res.counts() != want {
		t.Errorf("the customer ID written 7.0: %+v, want %+v", res.counts(), want)
	}
	if got := queryText(t, db, `SELECT customer_id FROM complaints WHERE complaint_id = 'a1'`); got != "7" {
		t.Errorf("customer ID stored: %q, want 7", got)
	}
}

// TestSameComplaintsWrittenOtherwise: the CFPB's 2016 complaints loaded
// from its CSV, then from other formats of the same data (QA pass AW:
// 349 complaints, each time "updated 349" and every classification
// dropped, though no field changed):
//   - a Parquet file whose "Date sent to company" is a DATE (qa's
//     cfpb2016_typed.parquet; an XLSX date cell reads alike): extra read
//     "2016-09-14" where it held "09/14/2016", the same date written
//     otherwise: a duplicate, the complaint and its classification as they
//     were;
//   - the API's JSON (qa's cfpb2016_api.json), whose columns the extra keys
//     spell in snake_case ("zip_code" for "ZIP code"): an update of extra,
//     which holds the API's keys alone (it held both spellings), and the
//     classification stays: classify reads the narrative, product and
//     issue, which did not change.
func TestSameComplaintsWrittenOtherwise(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	csv := tempFile(t, "cfpb_2016.csv", cfpb2016Head)
	mustIngest(t, db, csv, Options{})
	classifyAll(t, db)
	stored := queryText(t, db, `SELECT string_agg(extra::VARCHAR, ';' ORDER BY complaint_id) FROM complaints`)

	typed := filepath.Join(t.TempDir(), "cfpb_2016_typed.parquet")
	if _, err := db.ExecContext(ctx, `COPY (SELECT * REPLACE (strptime("Date sent to company", '%m/%d/%Y')::DATE AS "Date sent to company")
		FROM read_csv('`+csv+`', all_varchar = true)) TO '`+typed+`' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	res := mustIngest(t, db, typed, Options{})
	if want := (counts{3, 0, 0, 3, 0}); res.counts() != want {
		t.Errorf("the same complaints, a date typed: %+v, want %+v", res.counts(), want)
	}
	if got := queryText(t, db, `SELECT count(*) FROM classifications`); got != "3" {
		t.Errorf("classifications after the typed file: %s, want 3", got)
	}
	if got := queryText(t, db, `SELECT string_agg(extra::VARCHAR, ';' ORDER BY complaint_id) FROM complaints`); got != stored {
		t.Errorf("extra after the typed file: %s, want as stored, %s", got, stored)
	}

	api := tempFile(t, "cfpb_2016_api.json", `[
{"date_received": "2016-09-12T12:00:00-05:00", "product": "Credit reporting", "sub_product": "", "issue": "Credit reporting company's investigation", "sub_issue": "Investigation took too long", "complaint_what_happened": "", "company_public_response": "", "company": "Equifax", "state": "TX", "zip_code": "770XX", "tags": "Servicemember", "consumer_consent_provided": "", "submitted_via": "Web", "date_sent_to_company": "2016-09-12T12:00:00-05:00", "company_response": "In progress", "timely": "Yes", "consumer_disputed": "", "complaint_id": "2105582"},
{"date_received": "2016-09-12T12:00:00-05:00", "product": "Debt collection", "sub_product": "Medical", "issue": "Cont'd attempts collect debt not owed", "sub_issue": "Debt was paid", "complaint_what_happened": "", "company_public_response": "Company believes it acted appropriately as authorized by contract or law", "company": "First Federal Credit Control", "state": "FL", "zip_code": "331XX", "tags": "", "consumer_consent_provided": "", "submitted_via": "Web", "date_sent_to_company": "2016-09-14T12:00:00-05:00", "company_response": "Closed with explanation", "timely": "Yes", "consumer_disputed": "", "complaint_id": "2105601"},
{"date_received": "2016-09-12T12:00:00-05:00", "product": "Credit card", "sub_product": "", "issue": "Customer service / Customer relations", "sub_issue": "", "complaint_what_happened": "", "company_public_response": "", "company": "Capital One", "state": "VA", "zip_code": "236XX", "tags": "", "consumer_consent_provided": "", "submitted_via": "Web", "date_sent_to_company": "2016-09-12T12:00:00-05:00", "company_response": "Closed with explanation", "timely": "Yes", "consumer_disputed": "", "complaint_id": "2105562"}
]`)
	res = mustIngest(t, db, api, Options{})
	if want := (counts{3, 0, 3, 0, 0}); res.counts() != want {
		t.Errorf("the same complaints from the API: %+v, want %+v (extra's keys spelled otherwise)", res.counts(), want)
	}
	if got := queryText(t, db, `SELECT count(*) FROM classifications`); got != "3" {
		t.Errorf("classifications after the API's file: %s, want 3 (no field classify reads changed)", got)
	}
	if got := queryText(t, db, `SELECT extra::VARCHAR FROM complaints WHERE complaint_id = '2105582'`); got != `{"date_sent_to_company":"2016-09-12T12:00:00-05:00","tags":"Servicemember","zip_code":"770XX"}` {
		t.Errorf("extra after the API's file: %s, want the API's keys alone", got)
	}

	// a field classify reads changed: the classification goes
	changed := strings.Replace(cfpb2016Head, "Customer service / Customer relations", "Billing disputes", 1)
	res = mustIngest(t, db, tempFile(t, "cfpb_changed.csv", changed), Options{})
	if res.Updated != 3 {
		t.Errorf("the CSV again after the API's: %+v, want 3 updated (extra's keys as the CSV spells them)", res.counts())
	}
	if got := queryText(t, db, `SELECT string_agg(complaint_id, ',' ORDER BY complaint_id) FROM classifications`); got != "2105582,2105601" {
		t.Errorf("classifications after 2105562's issue changed: %s, want 2105582,2105601", got)
	}
}

// TestClassifyReads: the fields whose change drops a complaint's
// classification (classifyReads) are those classify reads, as its query
// of the complaints to classify selects them: a field it came to read that
// an update left out would keep a classification of content that is gone.
func TestClassifyReads(t *testing.T) {
	q, err := os.ReadFile("../classify/sql/select_window.sql")
	if err != nil {
		t.Fatal(err)
	}
	text := string(q)
	sel := text[strings.Index(text, "SELECT"):strings.Index(text, "FROM complaints")]
	var read []string
	for _, m := range regexp.MustCompile(`c\.(\w+)`).FindAllStringSubmatch(sel, -1) {
		if m[1] != "source" && m[1] != "complaint_id" {
			read = append(read, m[1])
		}
	}
	if !slices.Equal(read, classifyReads) {
		t.Errorf("classify reads %q, classifyReads lists %q", read, classifyReads)
	}
}

// TestExtraValueChangedIsUpdate: a value of extra that really changed is
// an update, whatever the other keys hold. QA pass AY: the CFPB demo file
// with "Date sent to company" a day later for 10 complaints read "updated
// 1 + duplicate 6622", 9 of the new dates lost: the alike test of two
// different values was null (neither a time nor a number of the other),
// and list_bool_and passes over nulls, so one unchanged key made the
// record a duplicate. Long account numbers that differ in the last digit
// are alike as doubles, not as numbers.
func TestExtraValueChangedIsUpdate(t *testing.T) {
	const header = "complaint_id,source,received_at,date_sent,amount,note,account\n"
	first := header + "a1,shop,2024-01-02,2016-09-14,100,pending,12345678901234567\n"
	for _, c := range []struct{ name, row string }{
		{"a date a day later", "a1,shop,2024-01-02,2016-09-15,100,pending,12345678901234567\n"},
		{"a number changed", "a1,shop,2024-01-02,2016-09-14,200,pending,12345678901234567\n"},
		{"a word for a number", "a1,shop,2024-01-02,2016-09-14,100,5,12345678901234567\n"},
		{"a long number's last digit", "a1,shop,2024-01-02,2016-09-14,100,pending,12345678901234568\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openTemp(t)
			mustIngest(t, db, tempFile(t, "first.csv", first), Options{})
			res := mustIngest(t, db, tempFile(t, "second.csv", header+c.row), Options{})
			if want := (counts{1, 0, 1, 0, 0}); res.counts() != want {
				t.Errorf("%+v, want %+v (an update)", res.counts(), want)
			}
		})
	}
	// written otherwise, still a duplicate: 100 as 100.0, the date with a time
	db := openTemp(t)
	mustIngest(t, db, tempFile(t, "first.csv", first), Options{})
	res := mustIngest(t, db, tempFile(t, "same.csv", header+"a1,shop,2024-01-02,2016-09-14 00:00:00,100.0,pending,12345678901234567\n"), Options{})
	if want := (counts{1, 0, 0, 1, 0}); res.counts() != want {
		t.Errorf("the same values written otherwise: %+v, want %+v (a duplicate)", res.counts(), want)
	}
}

// TestFloatSurveyResponseIDs: a survey's response ID written as a number
// with a zero fraction ("123.0", as pandas writes a column of integers
// with gaps) is the integer, as complaint and customer IDs are
// (TestFloatComplaintIDs): the same surveys written 123 and then 123.0 are
// duplicates. Before, the second file loaded both again beside the first,
// keyed 123.0 and 124.0.
func TestFloatSurveyResponseIDs(t *testing.T) {
	m, err := ParseMapping([]byte("target: surveys\nsource: poll\ncolumns: {id: response_id, at: responded_at, score: csat}\n"))
	if err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	const header = "id,at,score\n"
	mustIngest(t, db, tempFile(t, "s1.csv", header+"123,2024-01-02,4\n124,2024-01-03,5\n"), Options{Mapping: m})
	res := mustIngest(t, db, tempFile(t, "s2.csv", header+"123.0,2024-01-02,4\n124.0,2024-01-03,5\n"), Options{Mapping: m})
	if want := (counts{2, 0, 0, 2, 0}); res.counts() != want {
		t.Errorf("the response IDs written 123.0: %+v, want %+v (the same surveys)", res.counts(), want)
	}
	if got := queryText(t, db, `SELECT string_agg(response_id, ',' ORDER BY response_id) FROM surveys`); got != "123,124" {
		t.Errorf("response IDs stored: %s, want 123,124", got)
	}
}
