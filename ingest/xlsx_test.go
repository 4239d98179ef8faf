package ingest

import (
	"context"
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
	path := filepath.Join(t.TempDir(), "no_styles.xlsx")
	writeXLSX(t, path, "Complaints", `<sheetData>`+
		`<row r="1"><c r="A1" t="inlineStr"><is><t>complaint_id</t></is></c><c r="B1" t="inlineStr"><is><t>received_at</t></is></c><c r="C1" t="inlineStr"><is><t>narrative</t></is></c></row>`+
		`<row r="2"><c r="A2"><v>1234567890123</v></c><c r="B2" t="inlineStr"><is><t>2024-03-01</t></is></c><c r="C2" t="inlineStr"><is><t>Card declined</t></is></c></row>`+
		`<row r="3"><c r="A3" t="inlineStr"><is><t>A-2</t></is></c><c r="B3" t="inlineStr"><is><t>2024-03-02 10:30:00</t></is></c><c r="C3" t="inlineStr"><is><t>Late refund</t></is></c></row>`+
		`</sheetData>`)

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
