package ingest

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestXLSXWithoutStyles: a workbook with no style sheet (xl/styles.xml is
// optional: Excel opens such a file, and some exporters write none) is
// read as it is, with no style to change. Before, restyling its cells
// failed the file: "xlsx styles: malformed style sheet (runtime error:
// invalid memory address or nil pointer dereference)". The workbook holds
// the parts a sheet needs and no others; its values are inline strings and
// a number (a 13-digit complaint ID, read as stored).
func TestXLSXWithoutStyles(t *testing.T) {
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
			`<sheets><sheet name="Complaints" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", rels +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`</Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<worksheet ` + main + `><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>complaint_id</t></is></c><c r="B1" t="inlineStr"><is><t>received_at</t></is></c><c r="C1" t="inlineStr"><is><t>narrative</t></is></c></row>` +
			`<row r="2"><c r="A2"><v>1234567890123</v></c><c r="B2" t="inlineStr"><is><t>2024-03-01</t></is></c><c r="C2" t="inlineStr"><is><t>Card declined</t></is></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>A-2</t></is></c><c r="B3" t="inlineStr"><is><t>2024-03-02 10:30:00</t></is></c><c r="C3" t="inlineStr"><is><t>Late refund</t></is></c></row>` +
			`</sheetData></worksheet>`},
	}
	path := filepath.Join(t.TempDir(), "no_styles.xlsx")
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

	db := openTemp(t)
	res := mustIngest(t, db, path, Options{})
	if got, want := res.counts(), (counts{2, 2, 0, 0, 0}); got != want {
		t.Errorf("ingest = %+v, want %+v", got, want)
	}
	for q, want := range map[string]int64{
		`SELECT count(*) FROM complaints WHERE complaint_id = '1234567890123' AND received_at = '2024-03-01' AND narrative = 'Card declined'`: 1,
		`SELECT count(*) FROM complaints WHERE complaint_id = 'A-2' AND received_at = '2024-03-02 10:30:00' AND narrative = 'Late refund'`:    1,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
}

// TestXLSXTitleAboveShortRows: a sheet with a title and a filter line
// above its header, whose rows leave their last cells empty (an open
// ticket has no resolution), loads every row. Its rows were padded to the
// title's one cell and those short ones rejected as missing columns (an
// exploratory QA pass: "Expected 5 Found 3").
func TestXLSXTitleAboveShortRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.xlsx")
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	for cell, v := range map[string]any{
		"A1": "Export of complaints", "A2": "Filter: all",
		"A3": "complaint_id", "B3": "received_at", "C3": "narrative", "D3": "resolved_at", "E3": "product",
		"A4": "e1", "B4": "2024-03-01", "C4": "no product yet",
		"A5": "e2", "B5": "2024-03-02", "C5": "resolved", "D5": "2024-03-04", "E5": "Card",
		"A6": "e3", "B6": "2024-03-03",
	} {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	mustIngest(t, db, path, Options{})
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM complaints`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("%d complaints loaded, want 3; rejects: %+v", n, rejectRows(t, db, "raw"))
	}
}
