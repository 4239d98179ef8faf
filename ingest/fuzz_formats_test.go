package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"github.com/complaints/complaints/internal/warehouse"
)

// FuzzIngestJSON feeds arbitrary bytes as a JSON (array or NDJSON) export,
// canonical and CFPB API layouts: the ingest either fails with an error
// naming the file or reconciles exactly.
func FuzzIngestJSON(f *testing.F) {
	f.Add(`[{"complaint_id":"1","received_at":"2024-01-02","narrative":"hello"},{"complaint_id":"2","received_at":"2024-13-01"}]`)
	f.Add("{\"complaint_id\":\"1\",\"received_at\":\"2024-01-02\"}\n{\"complaint_id\":1,\"received_at\":null}\n")
	f.Add(`[{"_source":{"complaint_id":"5","date_received":"2016-09-12T12:00:00-05:00","product":"Mortgage","complaint_what_happened":"x"}}]`)
	f.Add(`{"complaint_id":"1","date_received":"2016-09-12","timely":"Yes","consumer_disputed":"N/A","extra":{"a":[1,2]}}`)
	f.Add(`[{"complaint_id":"1","received_at":"2024-01-02","narrative":"\u0000\ud800"}, 3, "x", null]`)
	// API list responses (records in a member array) and helpdesk tickets
	f.Add(`{"tickets":[{"id":1,"created_at":"2024-07-20T22:55:29Z","status":"open","requester_id":2,"via":{"channel":"web"}},{"id":2}],"count":2,"next_page":null}`)
	f.Add(`[{"id":1,"created_at":"2024-07-09T13:08:06Z","status":5,"source":2,"requester_id":3,"fr_due_by":"x","stats":{"resolved_at":"2024-07-10T09:30:00Z"}}]`)
	f.Add(`{"results":[{"complaint_id":"1","received_at":"2024-01-02"}],"facets":null}` + "\n" + `{"results":[]}`)
	// a search engine's response, its records one object down
	f.Add(`{"took":1,"_shards":{"total":5},"hits":{"total":{"value":1},"hits":[{"_id":"1","_source":{"complaint_id":"1","date_received":"2016-09-12T12:00:00-05:00","product":"Mortgage"}}]},"aggregations":{"p":{"buckets":[{"key":"x"}]}}}`)
	// Zendesk's tickets with the ratings they carry (zendeskTicketRatingMapping)
	f.Add(`{"tickets":[{"id":1,"created_at":"2024-07-20T22:55:29Z","updated_at":"2024-07-21","status":"solved","requester_id":2,"via":{"channel":"web"},"satisfaction_rating":{"id":62,"score":"bad","comment":"no"}},{"id":2,"created_at":"2024-07-20","status":"open","requester_id":3,"via":{},"satisfaction_rating":{"score":"offered"}},{"id":3,"satisfaction_rating":{"id":null,"score":"good"}}]}`)
	// Zendesk's satisfaction ratings, a list response (zendeskRatingMapping)
	f.Add(`{"satisfaction_ratings":[{"id":62,"requester_id":2,"ticket_id":1,"score":"good","created_at":"2024-07-23T10:00:00Z","comment":"ok"},{"id":63,"requester_id":3,"ticket_id":2,"score":"offered","created_at":"x"}],"next_page":null}`)
	// Freshdesk's satisfaction ratings (freshdeskRatingMapping)
	f.Add(`[{"id":102,"survey_id":1,"user_id":2,"agent_id":1,"feedback":"ok","group_id":null,"ticket_id":432,"ratings":{"default_question":103,"question_2":-102},"created_at":"2024-08-28T09:08:16Z"},{"id":103,"survey_id":1,"user_id":2,"ticket_id":1,"ratings":{"default_question":"x"},"created_at":"2024-08-28"}]`)
	// Intercom's conversations (isIntercom): times since 1970, HTML bodies
	f.Add(`{"type":"conversation.list","conversations":[{"id":"1","created_at":1710435900,"source":{"type":"email","body":"<p>a &amp; b</p>","author":{"id":"u1"}},"state":"closed","statistics":{"first_admin_reply_at":"x","last_close_at":1710500000},"conversation_rating":{"rating":6,"created_at":null}}]}`)
	// lines that are not JSON among NDJSON records (withoutBadJSONLines)
	f.Add("{\"complaint_id\":\"1\",\"received_at\":\"2024-01-02\"}\r\n{\"complaint_id\":\"2\",\"rec\n\n{\"complaint_id\":\"3\",\"received_at\":\"2024-01-03\"}}\n{\"complaint_id\":\"4\"")
	f.Add("{\"complaint_id\":\"1\",\"rec\nx\n{\"complaint_id\":\"2\",\"received_at\":\"2024-01-02\"}\n{\"complaint_id\":\"3\",\"received_at\":\"2024-01-03\"}\n")
	db := fuzzWarehouse(f)
	f.Fuzz(func(t *testing.T, body string) {
		checkIngest(t, db, "in.json", body, Options{})
	})
}

// FuzzIngestCFPBCSV feeds arbitrary bytes after a CFPB export header
// (today's layout and the 2013 one, profile detected from the header): the
// ingest either fails with an error naming the file or reconciles exactly.
func FuzzIngestCFPBCSV(f *testing.F) {
	today := "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,Company response to consumer,Timely response?,Consumer disputed?,Complaint ID\n"
	old := "date_received,product,sub_product,issue,sub_issue,consumer_complaint_narrative,company_public_response,company,state,zipcode,tags,consumer_consent_provided,submitted_via,date_sent_to_company,company_response_to_consumer,timely_response,consumer_disputed?,complaint_id\n"
	f.Add(today + "2024-01-02,Mortgage,,Trouble,,\"I called, twice\",,Bank,CA,90210,,Consent provided,Web,2024-01-03,In progress,Yes,N/A,1\n")
	f.Add(today + "09/12/16,Debt collection,,Cont'd attempts,,,,Agency,NY,100XX,Servicemember,,Phone,09/13/16,Closed with explanation,No,Yes,2\n13/45/16,x,,,,,,,,,,,,,,,,3\n")
	f.Add(old + "8/30/2013,Mortgage,Other mortgage,Loan servicing,,,,U.S. Bancorp,CA,95993,,N/A,Referral,9/3/2013,Closed with explanation,Yes,Yes,511074\n")
	f.Add(today + "2024-01-02,,,,,,,,,,,,,,,,,\n2024-01-02\n")
	// a title above the header, a blank row, a sep= line (headerBelow);
	// records with a field too many, too few, text after a closing quote
	f.Add("Complaints register 2024,,\n,,\ncomplaint_id,received_at,narrative\n1,2024-03-01,ok\n2,2024-03-02,x,y\n3,2024-03-03\n4,\"a\" b,c\n")
	f.Add("sep=;\n\ncomplaint_id;received_at\n1;2024-03-01\n")
	// line ends of three kinds and a carriage return in a value
	// (sameLineEnds); quotes that run on past their line (runaways)
	f.Add("complaint_id,received_at,narrative\r\n1,2024-03-01,ok\n2,2024-03-02,a\rb\r3,2024-03-03,c\r\n")
	f.Add("complaint_id,received_at,narrative\n1,2024-03-01,\"open\n2,2024-03-02,\"x\"\"y\"\n3,2024-03-03,5\" TV\n4,2024-03-04,\"end")
	// quotes escaped by backslashes (sniffEscape)
	f.Add("complaint_id,received_at,narrative\n1,2024-03-01,\"say \\\"hi\\\" now\"\n2,2024-03-02,\"C:\\\\x\"\n")
	db := fuzzWarehouse(f)
	f.Fuzz(func(t *testing.T, body string) {
		checkIngest(t, db, "in.csv", body, Options{})
	})
}

// FuzzReadXLSX feeds arbitrary bytes (seeded with real workbooks, which are
// zip archives of XML) to the XLSX reader: it returns an error or a CSV
// file, never panics, and leaves no temporary file behind on error.
func FuzzReadXLSX(f *testing.F) {
	for _, rows := range [][][]string{
		{{"id", "date", "text"}, {"1", "2024-01-02", "hello"}, {"2"}},
		{{"a"}, {"1", "2", "3"}, {"=1+1", "<script>", ""}},
	} {
		xf := excelize.NewFile()
		for i, r := range rows {
			for j, v := range r {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				xf.SetCellValue("Sheet1", cell, v)
			}
		}
		var buf bytes.Buffer
		if err := xf.Write(&buf); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	// typed cells: a date, a custom date format and an amount's format,
	// which the reader rewrites in the style sheet (cellsAsData)
	xf := excelize.NewFile()
	dmy := "dd/mm/yyyy"
	st, _ := xf.NewStyle(&excelize.Style{CustomNumFmt: &dmy})
	amt, _ := xf.NewStyle(&excelize.Style{NumFmt: 4})
	xf.SetCellValue("Sheet1", "A1", time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC))
	xf.SetCellValue("Sheet1", "B1", time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC))
	xf.SetCellStyle("Sheet1", "B1", "B1", st)
	xf.SetCellValue("Sheet1", "C1", 1234.5)
	xf.SetCellStyle("Sheet1", "C1", "C1", amt)
	var buf bytes.Buffer
	if err := xf.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04 not really a zip"))
	// a register kept a sheet a month, with a summary between (8158ac9)
	xf = excelize.NewFile()
	xf.SetSheetName("Sheet1", "Jan")
	xf.SetSheetRow("Jan", "A1", &[]any{"Complaint Reference", "Date Received", "Nature of Complaint"})
	xf.SetSheetRow("Jan", "A2", &[]any{"CR1", "2024-01-04", "late"})
	xf.NewSheet("Summary")
	xf.SetSheetRow("Summary", "A1", &[]any{"Month", "Complaints"})
	xf.NewSheet("feb")
	xf.SetSheetRow("feb", "A1", &[]any{"Complaint Reference", "Date Received"})
	buf.Reset()
	if err := xf.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "in.xlsx")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Setenv("TMPDIR", dir) // the reader's temporary CSV goes here
		out, err := xlsxToCSV(context.Background(), path, "", "")
		if err != nil {
			if left, _ := filepath.Glob(filepath.Join(dir, "complaints-xlsx-*")); len(left) > 0 {
				t.Fatalf("error %v left %v behind", err, left)
			}
			return
		}
		os.Remove(out)
		// every sheet, as a workbook's later sheets are recognised (their
		// first rows) and named in another case (--sheet)
		w, err := openWorkbook(path)
		if err != nil {
			t.Fatalf("opened once, then: %v", err)
		}
		defer w.Close()
		for _, s := range w.sheets {
			got, err := w.named(strings.ToUpper(s))
			if err != nil || !strings.EqualFold(got, s) {
				t.Fatalf("sheet %q named in upper case: %q, %v", s, got, err)
			}
			out, err := w.toCSV(context.Background(), s, dir, 20)
			if err == nil {
				os.Remove(out)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, "complaints-xlsx-*")); len(left) > 0 {
				t.Fatalf("sheet %q: %v left %v behind", s, err, left)
			}
		}
		if _, err := w.named("no such sheet \x00"); err == nil && !slices.ContainsFunc(w.sheets, func(s string) bool { return strings.EqualFold(s, "no such sheet \x00") }) {
			t.Fatal("a sheet the workbook lacks was found")
		}
	})
}

func fuzzWarehouse(f *testing.F) *warehouse.DB {
	db, err := warehouse.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.duckdb"), warehouse.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	return db
}

// FuzzIngestDetectCSV feeds arbitrary bytes, header included, as a CSV with
// no profile named: the delimiter is sniffed from the header, the profile
// detected from the names (canonical in any case, CFPB, survey) and date
// layouts inferred from the values. The ingest either fails with an error
// naming the file or reconciles exactly.
func FuzzIngestDetectCSV(f *testing.F) {
	f.Add("Complaint_ID;Received At;Narrative;Compensation Amount\n1;03/14/2024 17:05;hello;12,50\n2;03/15/2024;x;1.234,50\n")
	f.Add("Response ID,Date,NPS,Comment\n1,15/03/2024,9,good\n2,16/03/2024,3,slow\n")
	f.Add("response_id,submitted,nps,comment,customer_id\nr1,14 Mar 2024,9,great,c1\nr2,2024-03-15,11,too high,\n")
	f.Add("id\tdate\tscore\tfeedback\n1\t2024-03-01\t4\tok\n2\t01/02/2024\t\t\n")
	f.Add("ticket|created|csat\n1|2024-03-01T09:30:00+01:00|5\n")
	// survey tools' exports: Qualtrics' three header lines, SurveyMonkey's
	// answer labels, scores with their labels (surveyToolExport)
	f.Add("\"ResponseId\",\"RecordedDate\",\"Q1\",\"Q1_NPS_GROUP\"\n\"Response ID\",\"Recorded Date\",\"How likely to recommend?\",\"How likely to recommend? - Group\"\n\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_NPS_GROUP\"\"}\"\n\"R_1\",\"2024-03-05 10:16:03\",\"10 - Extremely likely\",\"Promoter\"\n")
	f.Add("Respondent ID,End Date,How likely is it that you would recommend us?,Why?\n,,Response,Open-Ended Response\n1,03/05/2024 10:16:02 AM,9/10,ok\n")
	// a complaints register: two-digit years, dashed and slashed, and a
	// column whose dates fit both orders (inferDates)
	f.Add("Complaint Reference,Date Received,Nature of Complaint,Date Acknowledged,Final Response Date,Outcome\nCR1,04/03/24,fee,05/03/24,18/03/24,Upheld\nCR2,22-04-15,late,,31-03-15,\n")
	f.Add("complaint_id,received_at,status\n\"1,\"\"x\"\"\",2024-01-02 10:00:00,open\n")
	// spreadsheets' and helpdesks' dates and durations (1c3eb42, 80886ee)
	f.Add("Id,Subject,Status,Via,Created at,Reopens,First reply time in minutes,Full resolution time in minutes\n1,x,Solved,Web,45355.5,1,25,2455\n2,y,Open,Email,\"March 4th, 2024\",0,soon,\n")
	f.Add("Complaint Reference,Date Received,Complainant Name,Nature of Complaint,Outcome\nCR1,\"Monday, 4 March 2024\",Jo,late,Upheld\nCR2,14/Mar/24 5:05 PM,Al,fee,\n")
	// Windows-1252 bytes, beside UTF-8 and cut short (sniffEncoding)
	f.Add("complaint_id,received_at,narrative,Cat\xe9gorie\n1,2024-03-01,caf\xe9 \x93ok\x94 é,R\xe9seau\n2,2024-03-02,\xe2\x82")
	// a title above the header, a blank row, a sep= line (headerBelow);
	// records with a field too many, too few, text after a closing quote
	f.Add("Complaints register 2024,,\n,,\ncomplaint_id,received_at,narrative\n1,2024-03-01,ok\n2,2024-03-02,x,y\n3,2024-03-03\n4,\"a\" b,c\n")
	f.Add("sep=;\n\ncomplaint_id;received_at\n1;2024-03-01\n")
	db := fuzzWarehouse(f)
	f.Fuzz(func(t *testing.T, body string) {
		checkIngest(t, db, "in.csv", body, Options{})
	})
}

// FuzzIngestEncodedCSV feeds arbitrary bytes as a CSV read by a mapping
// that names its encoding and delimiter (decoded in Go before DuckDB reads
// it): the ingest either fails with an error naming the file or reconciles
// exactly.
func FuzzIngestEncodedCSV(f *testing.F) {
	encodings := []string{"windows-1252", "latin-1", "utf-16", "utf-8"}
	f.Add(uint8(0), "id;opened;text;amount\n1;2024-03-01;caf\xe9 \x80 \x93ok\x94;12,50\n")
	f.Add(uint8(1), "id;opened;text;amount\n1;2024-03-01;\xe9t\xe9;1.234,50\n2;;;\n")
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("id;opened;text;amount\n1;2024-03-01;été €;3\n")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint8(2), utf16)
	f.Add(uint8(2), utf16[:len(utf16)-3])
	f.Add(uint8(3), "\xef\xbb\xbfid;opened;text\n1;2024-03-01;\"a;b\"\n")
	db := fuzzWarehouse(f)
	f.Fuzz(func(t *testing.T, enc uint8, body string) {
		m, err := ParseMapping([]byte("encoding: " + encodings[int(enc)%len(encodings)] + "\ndelimiter: \";\"\n" +
			"columns: {id: complaint_id, opened: received_at, text: narrative, amount: compensation_amount}\n"))
		if err != nil {
			t.Fatal(err)
		}
		checkIngest(t, db, "in.csv", body, Options{Profile: "generic", Mapping: m})
	})
}
