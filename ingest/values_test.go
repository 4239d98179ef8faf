package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAmountsThatAreNoNumbers: an amount is a number once its currency
// signs and codes, spaces and thousands separators are dropped; any other
// text, and a nested value (a JSON object or list, a Parquet struct), is
// rejected naming the value, as "abc" was. Before (QA pass CD:
// faults/amounts.json), the digits of any text were read: {"amt": 5} as
// 5, "ref 123" as 123, "Order#42" as 42, and {"a": 1, "b": 2} as 1.2, the
// digits of its two members glued into a decimal.
func TestAmountsThatAreNoNumbers(t *testing.T) {
	bad := []string{`{"amt": 5}`, `{"currency": "USD", "value": "12.50"}`, `[7]`, `"ref 123"`, `"5 units"`,
		`"Order#42"`, `"{\"eur\": 3}"`, `{"a": 1, "b": 2}`, `"abc"`, `"2024-03-01"`, `"12 34"`, `"$ 5 off"`,
		// digits grouped as no thousands are (a regression hunt: 123, 12345, 1.23)
		`"1,2,3"`, `"12,34,5"`, `"1.2,3"`}
	good := map[string]float64{`"USD 12.50"`: 12.5, `"12.50 USD"`: 12.5, `7`: 7, `"R$ 20"`: 20, `"$1,250.00"`: 1250,
		`"20 EUR"`: 20, `"£5"`: 5, `"1e3"`: 1000, `" 30 "`: 30, `"US$ 40"`: 40,
		`"₹1,23,456"`: 123456, `"CHF 1'234.50"`: 1234.5, `"1 234,50"`: 1234.5}
	var b strings.Builder
	b.WriteString("[")
	want := map[string]float64{}
	id := 0
	record := func(amount string) string {
		id++
		if id > 1 {
			b.WriteString(",\n")
		}
		name := "A-" + string(rune('a'+id-1))
		b.WriteString(`{"complaint_id": "` + name + `", "received_at": "2026-03-01T10:00:00Z", "narrative": "x", "compensation_amount": ` + amount + `}`)
		return name
	}
	reasons := map[string]bool{}
	for _, v := range bad {
		record(v)
		text := v
		if strings.HasPrefix(v, `"`) {
			text = strings.ReplaceAll(strings.Trim(v, `"`), `\"`, `"`)
		} else {
			text = strings.ReplaceAll(v, " ", "") // DuckDB writes a JSON value's text without spaces
		}
		reasons["field compensation_amount (compensation_amount): cannot read '"+text+"' as double"] = true
	}
	for _, k := range sortedKeys(good) {
		want[record(k)] = good[k]
	}
	b.WriteString("]\n")
	db := openTemp(t)
	res := mustIngest(t, db, tempFile(t, "amounts.json", b.String()), Options{})
	if res.Rejected != int64(len(bad)) {
		t.Errorf("%+v: want the %d values that are no amounts rejected", res, len(bad))
	}
	if got := amountsOf(t, db); !maps.Equal(got, want) {
		t.Errorf("amounts %v, want %v", got, want)
	}
	for _, r := range rejectRows(t, db, "raw") {
		_, reason, _ := strings.Cut(r.reason, ", ")
		if !reasons[reason] {
			t.Errorf("reject %q, want one of %v", r.reason, reasons)
		}
		delete(reasons, reason)
	}
	if len(reasons) > 0 {
		t.Errorf("no reject %v", reasons)
	}

	// a Parquet struct mapped to the amount (QA pass CD:
	// faults/pq_struct_amount.parquet loaded 1, 2, 3)
	path := filepath.Join(t.TempDir(), "struct.parquet")
	pq := openTemp(t)
	if _, err := pq.ExecContext(context.Background(), `COPY (SELECT 'p' || i AS complaint_id, TIMESTAMP '2026-03-01 10:00:00' AS received_at,
		{'amount': i, 'currency': 'USD'} AS compensation_amount FROM range(1, 4) t(i)) TO '`+path+`' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	if res := mustIngest(t, pq, path, Options{}); res.counts() != (counts{3, 0, 0, 0, 3}) {
		t.Errorf("struct amounts: %+v, want all three rejected", res)
	}
	for _, r := range rejectRows(t, pq, "raw") {
		if !strings.HasSuffix(r.reason, `(compensation_amount): cannot read '{"amount":`+string(rune('0'+r.record))+`,"currency":"USD"}' as double`) {
			t.Errorf("reject %q, want the struct's JSON text named", r.reason)
		}
	}
}

// TestTypedAmountsNoWarning: a number a file types (a Parquet DECIMAL or
// DOUBLE column, a JSON number) is written with a decimal point whatever
// the export's locale: it cannot read two ways, and the load gives no
// "amounts that read two ways" warning for it. Before (QA pass CD:
// faults/pq_types2.parquet), a DECIMAL(10,3) 12.345 warned, as "12.345"
// in a CSV does. A JSON string among the numbers still settles, and
// warns, as in a CSV.
func TestTypedAmountsNoWarning(t *testing.T) {
	dir := t.TempDir()
	pqPath := filepath.Join(dir, "typed.parquet")
	db := openTemp(t)
	if _, err := db.ExecContext(context.Background(), `COPY (SELECT * FROM (VALUES ('1', TIMESTAMP '2026-03-01 10:00:00', 12.345::DECIMAL(10,3)),
		('2', TIMESTAMP '2026-03-01 10:00:00', 2.5::DECIMAL(10,3))) t(complaint_id, received_at, compensation_amount)) TO '`+pqPath+`' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, path string
		want       map[string]float64
		warn       string // empty: no warning
	}{
		{"parquet DECIMAL(10,3)", pqPath, map[string]float64{"1": 12.345, "2": 2.5}, ""},
		{"JSON numbers", tempFile(t, "typed.json", `[{"complaint_id": "1", "received_at": "2026-03-01", "compensation_amount": 12.345},
			{"complaint_id": "2", "received_at": "2026-03-01", "compensation_amount": 2500}]`), map[string]float64{"1": 12.345, "2": 2500}, ""},
		// a regression hunt: the numbers left out of the sample, the string
		// "12,50" settled the column a comma, and 12.345 read 12345; a
		// column of JSON numbers is a point column ("12,50" reads one way)
		{"a decimal-comma string among JSON numbers", tempFile(t, "comma.json", `[{"complaint_id": "1", "received_at": "2026-03-01", "compensation_amount": "12,50"},
			{"complaint_id": "2", "received_at": "2026-03-01", "compensation_amount": 12.345},
			{"complaint_id": "3", "received_at": "2026-03-01", "compensation_amount": 0.125}]`), map[string]float64{"1": 12.5, "2": 12.345, "3": 0.125}, ""},
		{"a JSON string among numbers", tempFile(t, "mixed.json", `[{"complaint_id": "1", "received_at": "2026-03-01", "compensation_amount": 12.345},
			{"complaint_id": "2", "received_at": "2026-03-01", "compensation_amount": "2.500"}]`), map[string]float64{"1": 12.345, "2": 2.5},
			`field=compensation_amount values=1 read_as="a decimal point, as the column's other amounts write it: 2.500 is 2.5"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var logged bytes.Buffer
			db := openTemp(t)
			res := mustIngest(t, db, tt.path, Options{Log: slog.New(slog.NewTextHandler(&logged, nil))})
			if res.Rejected != 0 {
				t.Errorf("%+v: want every record loaded", res)
			}
			if got := amountsOf(t, db); !maps.Equal(got, tt.want) {
				t.Errorf("amounts %v, want %v", got, tt.want)
			}
			warned := ""
			for _, l := range strings.Split(logged.String(), "\n") {
				if strings.Contains(l, `msg="amounts that read two ways"`) {
					warned = l
				}
			}
			if tt.warn == "" && warned != "" || !strings.Contains(warned, tt.warn) {
				t.Errorf("warning %q, want %q", warned, tt.warn)
			}
		})
	}
}

// TestKeepReasonQuotesItsValue: a record a mapping's keep leaves out is
// rejected naming its value as the other reasons quote a source value
// ('...', at most 60 characters), so that the audit page masks it. Before
// (QA pass CA: keep.csv), the reason was "field Via = <value> is not kept
// by the mapping", and audit.html showed an e-mail address and a card
// number in full. A profile's own reason (keepWhy) follows the value.
func TestKeepReasonQuotesItsValue(t *testing.T) {
	m, err := ParseMapping([]byte("target: complaints\nsource: s\ncolumns: {id: complaint_id, at: received_at}\nkeep:\n  Via: [Phone]\n"))
	if err != nil {
		t.Fatal(err)
	}
	long := "Email from jane.roe@example.com card 4111111111111111 " + strings.Repeat("x", 40)
	path := tempFile(t, "keep.csv", "id,at,Via\n1,2024-03-01,Phone\n2,2024-03-01,"+long+"\n3,2024-03-01,\n4,2024-03-01,it's\n")
	db := openTemp(t)
	if res := mustIngest(t, db, path, Options{Mapping: m}); res.counts() != (counts{4, 1, 0, 0, 3}) {
		t.Fatalf("%+v: want record 1 kept, the others rejected", res)
	}
	want := map[int64]string{
		2: "record 2, field Via: '" + long[:60] + "' is not kept by the mapping",
		3: "record 3, field Via: null is not kept by the mapping",
		4: "record 4, field Via: 'it's' is not kept by the mapping",
	}
	for _, r := range rejectRows(t, db, "raw") {
		if r.reason != want[r.record] {
			t.Errorf("reject %d: %q, want %q", r.record, r.reason, want[r.record])
		}
	}
}

// writeXLSX writes a workbook of one sheet, named name, whose worksheet's
// body is sheet (sheetData and what follows it), with no style sheet: the
// parts a sheet needs and no others. Its cells may hold what excelize does
// not write: a formula's cached error (t="e").
func writeXLSX(t *testing.T, path, name, sheet string) {
	t.Helper()
	const (
		rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
		main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`</Types>`},
		{"_rels/.rels", rels +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<workbook ` + main + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="` + name + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", rels +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`</Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<worksheet ` + main + `>` + sheet + `</worksheet>`},
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestXLSXNotAvailableScore: a score cell holding a formula whose cached
// value is #N/A (a lookup that found no answer: Excel's "not available")
// is no answer, as "N/A" is, and the response loads with its other
// scores. Before (QA pass CD: edge_formulas.xlsx), the response was
// rejected, "cannot read '#N/A' as integer", its NPS with it. The errors
// of a broken formula (#DIV/0!, #VALUE!, #REF!) say nothing of an answer:
// their responses are still rejected, naming them.
func TestXLSXNotAvailableScore(t *testing.T) {
	inline := func(ref, v string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + v + `</t></is></c>` }
	row := func(n, id, csat string) string {
		return `<row r="` + n + `">` + inline("A"+n, id) + inline("B"+n, "2026-03-14 17:05:00") + csat + `<c r="D` + n + `"><v>9</v></c></row>`
	}
	m, err := ParseMapping([]byte("target: surveys\ncolumns: {id: response_id, at: responded_at, CSAT: csat, NPS: nps}\n"))
	if err != nil {
		t.Fatal(err)
	}
	// the survey profile's names, a mapping's
	for _, header := range [][2]string{{"Response ID", "Response Date"}, {"id", "at"}} {
		var opts Options
		if header[0] == "id" {
			opts.Mapping = m
		}
		path := filepath.Join(t.TempDir(), "survey.xlsx")
		writeXLSX(t, path, "Responses", `<sheetData><row r="1">`+inline("A1", header[0])+inline("B1", header[1])+inline("C1", "CSAT")+inline("D1", "NPS")+`</row>`+
			row("2", "r1", `<c r="C2"><v>4</v></c>`)+
			row("3", "r2", `<c r="C3" t="e"><f>VLOOKUP(A3,X!A:B,2,0)</f><v>#N/A</v></c>`)+
			row("4", "r3", `<c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)+`</sheetData>`)
		db := openTemp(t)
		if res := mustIngest(t, db, path, opts); res.counts() != (counts{3, 2, 0, 0, 1}) {
			t.Errorf("%s: %+v, want r1 and r2 loaded, r3 rejected", header[0], res)
		}
		var got string
		if err := db.QueryRowContext(context.Background(), `SELECT string_agg(concat_ws(' ', response_id, coalesce(CAST(csat AS VARCHAR), '-'), nps), '; ' ORDER BY response_id) FROM surveys`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := "r1 4 9; r2 - 9"; got != want {
			t.Errorf("%s: scores %q, want %q", header[0], got, want)
		}
		if r := rejectRows(t, db, "raw"); len(r) != 1 || !strings.HasSuffix(r[0].reason, "(csat): cannot read '#DIV/0!' as integer") {
			t.Errorf("%s: rejects %+v, want r3's #DIV/0! named", header[0], r)
		}
	}
}

// TestXLSXMergedCells: a merged range of the data (a region written once
// beside the rows it covers, E2:E4) gives its value to every row it
// covers, as Excel shows it; a title merged across the top row (A1:E1)
// stays one cell, above the header. Before (QA pass CD: edge_1904.xlsx),
// only the range's first row had the region.
func TestXLSXMergedCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "merged.xlsx")
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	cells := map[string]any{"A1": "Complaints, March", "A2": "complaint_id", "B2": "received_at", "C2": "narrative", "D2": "Region", "E2": "Team"}
	for i, id := range []string{"c1", "c2", "c3", "c4"} {
		n := string(rune('3' + i))
		cells["A"+n], cells["B"+n], cells["C"+n] = id, "2026-03-0"+string(rune('1'+i)), "late"
	}
	cells["D3"], cells["D6"], cells["E4"] = "North", "South", "Billing"
	for cell, v := range cells {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	// D3:D5 a region down three rows; E4:E6 a team; A1:E1 the title
	for _, r := range [][2]string{{"D3", "D5"}, {"E4", "E6"}, {"A1", "E1"}} {
		if err := f.MergeCell(sheet, r[0], r[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	if res := mustIngest(t, db, path, Options{}); res.counts() != (counts{4, 4, 0, 0, 0}) {
		t.Fatalf("%+v: want the four complaints loaded", res)
	}
	var got string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(concat_ws(' ', complaint_id, coalesce(region, '-'), coalesce(extra->>'Team', '-')), '; ' ORDER BY complaint_id) FROM complaints`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "c1 North -; c2 North Billing; c3 North Billing; c4 South Billing"; got != want {
		t.Errorf("regions and teams %q, want %q", got, want)
	}
}

// TestNumberHintWithoutMapping: the reason a number among a column's
// dates is rejected with names the dates of the mapping given, and where
// none was (a profile read the file), a mapping's dates, which one would
// write. Before (QA pass CD), a canonical file's reason spoke of "the
// mapping's dates", of a mapping there was none of.
func TestNumberHintWithoutMapping(t *testing.T) {
	m, err := ParseMapping([]byte("target: complaints\nsource: se\ncolumns: {complaint_id: complaint_id, received_at: received_at}\n"))
	if err != nil {
		t.Fatal(err)
	}
	const advice = " dates read epoch: seconds since 1970, epoch_ms: milliseconds, excel: a spreadsheet's day number)"
	for _, tt := range []struct {
		name string
		m    *Mapping
		want string
	}{
		{"no mapping", nil, "record 2, field received_at (received_at): cannot read '46330.333333' as timestamp (a number? a mapping's" + advice},
		{"a mapping", m, "record 2, field received_at (received_at): cannot read '46330.333333' as timestamp (a number? the mapping's" + advice},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			path := tempFile(t, "serial.csv", "complaint_id,received_at,narrative\nA,2026-11-04 08:00:00,late\nB,46330.333333,lost\n")
			mustIngest(t, db, path, Options{Mapping: tt.m, Source: "se"})
			if r := rejectRows(t, db, "raw"); len(r) != 1 || r[0].reason != tt.want {
				t.Errorf("rejects %+v, want %q", r, tt.want)
			}
		})
	}
}
