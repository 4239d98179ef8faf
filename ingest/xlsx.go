package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// workbook is an XLSX file open to be read as data (see cellsAsData).
type workbook struct {
	f      *excelize.File
	path   string
	sheets []string // in order
}

func openWorkbook(path string) (*workbook, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("open xlsx: %w", err)
	}
	if err := cellsAsData(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx styles: %w", err)
	}
	return &workbook{f: f, path: path, sheets: f.GetSheetList()}, nil
}

func (w *workbook) Close() error { return w.f.Close() }

// named returns the workbook's name of the sheet called name in any case
// (as Excel matches sheet names), or an error naming its sheets.
func (w *workbook) named(name string) (string, error) {
	if i := slices.IndexFunc(w.sheets, func(s string) bool { return strings.EqualFold(s, name) }); i >= 0 {
		return w.sheets[i], nil
	}
	return "", fmt.Errorf("no sheet %q (its sheets: %s)", name, quoteList(w.sheets))
}

// toCSV writes a sheet (the first when sheet is empty; else as the
// workbook names it, see named), its first maxRows rows (0: all), to a
// temporary CSV file in dir ("": the system's temporary directory),
// padding short rows to the sheet's width, a row with no value as a blank
// line, and returns its path. The width is the widest of the used range
// the sheet records and its first widthRows rows: padded to its first
// row's, a sheet with a title above its header had its rows padded to the
// title's one cell, and rows whose last cells were empty (an open
// ticket's resolution) were rejected as missing columns.
func (w *workbook) toCSV(ctx context.Context, sheet, dir string, maxRows int) (string, error) {
	if sheet == "" {
		sheet = w.f.GetSheetName(0)
	}
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return "", fmt.Errorf("sheet %q: %w", sheet, err)
	}
	defer rows.Close()
	out, err := os.CreateTemp(dir, "complaints-xlsx-*.csv")
	if err != nil {
		return "", err
	}
	fail := func(err error) (string, error) {
		out.Close()
		os.Remove(out.Name())
		return "", err
	}
	bw := bufio.NewWriter(out)
	cw := csv.NewWriter(bw)
	// The width: the used range the sheet records (its dimension,
	// A1:E40; many writers leave it at A1), and the widest of its first
	// widthRows rows, which hold the header. The rows are read ahead so
	// far and kept (nil for a row of no value).
	width := 0
	if ref, err := w.f.GetSheetDimension(sheet); err == nil {
		if _, last, ok := strings.Cut(ref, ":"); ok {
			if col, _, err := excelize.CellNameToCoordinates(last); err == nil {
				width = col
			}
		}
	}
	merged, err := w.merged(sheet)
	if err != nil {
		return fail(fmt.Errorf("sheet %q: merged cells: %w", sheet, err))
	}
	var ahead [][]string
	write := func(cells []string) {
		if cells == nil {
			// a row of no values is a blank line, no record, as in a CSV
			// file (written as ",,,", it was read as a record of nulls and
			// rejected as missing its ID); the lines keep the rows'
			// numbers, which say where the header is
			cw.Flush()
			bw.WriteByte('\n')
			return
		}
		for len(cells) < width {
			cells = append(cells, "")
		}
		cw.Write(cells)
	}
	for n := 0; rows.Next() && (maxRows == 0 || n < maxRows); n++ {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		cells, err := rows.Columns()
		if err != nil {
			return fail(fmt.Errorf("sheet %q: %w", sheet, err))
		}
		cells = merged.fill(n+1, cells)
		if !slices.ContainsFunc(cells, func(c string) bool { return c != "" }) {
			cells = nil
		}
		if n >= widthRows {
			write(cells)
			continue
		}
		width = max(width, len(cells))
		ahead = append(ahead, cells)
		if n == widthRows-1 { // the width known: the rows read ahead go out
			for _, c := range ahead {
				write(c)
			}
			ahead = nil
		}
	}
	for _, c := range ahead {
		write(c)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := out.Close(); err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// mergedRange is a range of a sheet's cells merged into one, which shows
// the value of its first (top left) cell: columns and rows, from 1.
type mergedRange struct {
	col1, row1, col2, row2 int
	value                  string // its first cell's, once read
}

// mergedRanges are the ranges of a sheet whose values fill the cells they
// cover (workbook.merged).
type mergedRanges []*mergedRange

// fill returns cells, the cells of row r, with the value of each range
// that covers them, from its first row on. A range's first row gives its
// value.
func (ms mergedRanges) fill(r int, cells []string) []string {
	for _, m := range ms {
		if r == m.row1 && m.col1 <= len(cells) {
			m.value = cells[m.col1-1]
		}
		if r < m.row1 || r > m.row2 || m.value == "" {
			continue
		}
		for len(cells) < m.col2 {
			cells = append(cells, "")
		}
		for c := m.col1; c <= m.col2; c++ {
			cells[c-1] = m.value
		}
	}
	return cells
}

// merged returns the merged ranges of sheet that cover more than one row:
// a value written once beside the rows it belongs to (a region, a team,
// a date of several complaints), which Excel shows in each of them, is
// each row's (QA pass CD: a region merged over three rows was the first
// row's alone). A range within one row keeps its value in its first cell:
// a title above the table, or a heading over columns, repeated across
// would read as a row of equal values, a header of one name repeated.
// excelize reads merged ranges only by decoding the whole sheet into
// memory (gigabytes for a large one), so the sheet's part is scanned for
// its mergeCell elements, which follow its rows.
func (w *workbook) merged(sheet string) (mergedRanges, error) {
	zr, err := zip.OpenReader(w.path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	name, err := sheetPart(zr, w.f, sheet)
	if err != nil || name == "" {
		return nil, err
	}
	part, err := zr.Open(name)
	if err != nil {
		return nil, err
	}
	defer part.Close()
	var out mergedRanges
	sc := bufio.NewScanner(part)
	sc.Buffer(make([]byte, tagBuffer), tagBuffer)
	sc.Split(xmlTags)
	for sc.Scan() {
		ref, ok := mergeCellRef(sc.Bytes())
		if !ok {
			continue
		}
		first, last, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(first)
		c2, r2, err2 := excelize.CellNameToCoordinates(last)
		if err1 != nil || err2 != nil || r2 <= r1 || c2 < c1 {
			continue // a range of one row keeps its value where it is; a malformed one is none
		}
		out = append(out, &mergedRange{col1: c1, row1: r1, col2: c2, row2: r2})
	}
	return out, sc.Err()
}

// tagBuffer is the most text of a sheet's XML the scan for its merged
// ranges holds at once.
const tagBuffer = 64 << 10

// xmlTags splits XML text after each '>' (a bufio.SplitFunc), so that a
// token ends with a tag, the text before it leading. A text of no '>' as
// long as the buffer (tagBuffer) is a token up to its last '<', which
// starts the next.
func xmlTags(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '>'); i >= 0 {
		return i + 1, data[:i+1], nil
	}
	switch {
	case len(data) == 0 || !atEOF && len(data) < tagBuffer:
		return 0, nil, nil // more, or the end
	case !atEOF && bytes.LastIndexByte(data, '<') > 0:
		i := bytes.LastIndexByte(data, '<')
		return i, data[:i], nil
	}
	return len(data), data, nil
}

// mergeCellRe is the ref attribute of a mergeCell element's tag.
var mergeCellRe = regexp.MustCompile(`^<(?:[A-Za-z_][\w.-]*:)?mergeCell\s(?:[^>]*\s)?ref\s*=\s*["']([A-Za-z0-9$:]+)["']`)

// mergeCellRef returns the range (E2:E4) of a token of xmlTags that ends
// with a mergeCell element's tag.
func mergeCellRef(tok []byte) (string, bool) {
	i := bytes.LastIndexByte(tok, '<')
	if i < 0 || !bytes.Contains(tok[i:], []byte("mergeCell")) {
		return "", false
	}
	m := mergeCellRe.FindSubmatch(tok[i:])
	if m == nil {
		return "", false
	}
	return strings.ReplaceAll(string(m[1]), "$", ""), true
}

// sheetPart returns the name of sheet's part in the workbook's package
// (xl/worksheets/sheet1.xml), as the workbook's relationships give it: ""
// when they give none.
func sheetPart(zr *zip.ReadCloser, f *excelize.File, sheet string) (string, error) {
	rid := ""
	for _, s := range f.WorkBook.Sheets.Sheet {
		if s.Name == sheet {
			rid = s.ID
		}
	}
	book := "xl/workbook.xml"
	rels, err := readRels(zr, "_rels/.rels")
	if err != nil {
		return "", err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			book = strings.TrimPrefix(r.Target, "/")
		}
	}
	dir := path.Dir(book)
	if rels, err = readRels(zr, path.Join(dir, "_rels", path.Base(book)+".rels")); err != nil {
		return "", err
	}
	for _, r := range rels {
		if r.ID != rid || rid == "" {
			continue
		}
		if strings.HasPrefix(r.Target, "/") {
			return strings.TrimPrefix(path.Clean(r.Target), "/"), nil
		}
		return path.Join(dir, r.Target), nil
	}
	return "", nil
}

// relationship is one of a package part's relationships.
type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// readRels reads the relationships part name of the package zr; none
// when it has no such part.
func readRels(zr *zip.ReadCloser, name string) ([]relationship, error) {
	r, err := zr.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var rels struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.NewDecoder(r).Decode(&rels); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rels.Rels, nil
}

// widthRows is how many rows toCSV reads ahead for the sheet's width: the
// header is among them, under any title and notes.
const widthRows = 100

// xlsxToCSV writes a sheet of the workbook at path (the first when sheet
// is empty) to a temporary CSV file in dir, as workbook.toCSV does.
func xlsxToCSV(ctx context.Context, path, sheet, dir string) (string, error) {
	w, err := openWorkbook(path)
	if err != nil {
		return "", err
	}
	defer w.Close()
	return w.toCSV(ctx, sheet, dir, 0)
}

// stylesPart is the name of a workbook's style sheet in its package, the
// one excelize reads.
const stylesPart = "xl/styles.xml"

// cellsAsData makes f's cells read as data rather than as displayed: a
// spreadsheet stores a date as a day number and shows it through the
// cell's number format ("Mar-24", "03-05-24", "06/03/2024": whatever the
// author chose, often without the year's century or the time), and a
// number through its own ("1,234.50", "85.00%", "1.23456789E+12" for a
// 13-digit ticket number). Every cell style is given instead, before any
// row is read: a date format (with or without a time) "yyyy-mm-dd
// hh:mm:ss", which the timestamp fields read as ISO 8601; a time of day
// "hh:mm:ss"; every other format "@", which shows the stored value as it
// is. Elapsed-time formats ([h]:mm) are left as they are. excelize (the
// reader) has no option for this: the styles are changed in the open
// file's style sheet, which is never saved. A workbook may have no style
// sheet (its part is optional, and Excel opens such a file): its cells
// have no number format, so they show their values as stored already, and
// there is nothing to change (excelize's NewStyle, given none, dereferences
// the parts it lacks).
func cellsAsData(f *excelize.File) (err error) {
	if _, ok := f.Pkg.Load(stylesPart); !ok {
		return nil
	}
	// excelize v2.11.1 dereferences a missing part of a malformed style
	// sheet in NewStyle (FuzzReadXLSX found one): that file is refused
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("malformed style sheet (%v)", p)
		}
	}()
	iso, clock := "yyyy-mm-dd hh:mm:ss", "hh:mm:ss"
	isoStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &iso})
	if err != nil {
		return err
	}
	clockStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &clock})
	if err != nil {
		return err
	}
	// the style sheet, read by NewStyle; 49 is the built-in format "@"
	xfs := f.Styles.CellXfs.Xf
	isoFmt, clockFmt, asStored := xfs[isoStyle].NumFmtID, xfs[clockStyle].NumFmtID, 49
	for i := range xfs {
		if i == isoStyle || i == clockStyle {
			continue
		}
		st, err := f.GetStyle(i)
		if err != nil {
			return err
		}
		code := ""
		if st.CustomNumFmt != nil {
			code = *st.CustomNumFmt
		}
		switch numFmtKind(st.NumFmt, code) {
		case fmtDate:
			xfs[i].NumFmtID = isoFmt
		case fmtTime:
			xfs[i].NumFmtID = clockFmt
		case fmtNumber:
			xfs[i].NumFmtID = &asStored
		}
	}
	return nil
}

type fmtKind int

const (
	fmtNumber  fmtKind = iota // anything shown as a number or text
	fmtDate                   // a date, with or without a time of day
	fmtTime                   // a time of day alone
	fmtElapsed                // a duration ([h]:mm:ss)
)

// The built-in number formats of ECMA-376 (18.8.30) that show dates, times
// of day and elapsed time; the others show numbers or text.
var (
	builtInDates   = []int{14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 54, 57, 58}
	builtInTimes   = []int{18, 19, 20, 21, 32, 33, 34, 35, 45, 47, 52, 53, 55, 56}
	builtInElapsed = []int{46}
)

// numFmtKind tells what a number format shows: the built-in format id, or
// a custom format's code. A code's first section is read, without its
// quoted text, escaped characters and bracketed parts (colours, locales);
// a bracketed h, m or s is elapsed time. Year or day letters make a date;
// hours or seconds alone a time of day; months alone ("mmmm") a date.
func numFmtKind(id int, code string) fmtKind {
	if code == "" {
		switch {
		case slices.Contains(builtInDates, id):
			return fmtDate
		case slices.Contains(builtInTimes, id):
			return fmtTime
		case slices.Contains(builtInElapsed, id):
			return fmtElapsed
		}
		return fmtNumber
	}
	var letters strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			i = len(code)
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++ // the next character is literal, or padding
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				break
			}
			if in := strings.ToLower(code[i+1 : i+j]); in != "" && strings.Trim(in, "hms") == "" {
				return fmtElapsed
			}
			i += j
		default:
			letters.WriteByte(c | 0x20)
		}
	}
	l := letters.String()
	switch {
	case strings.ContainsAny(l, "yd"):
		return fmtDate
	case strings.ContainsAny(l, "hs"):
		return fmtTime
	case strings.Contains(l, "m") && !strings.Contains(l, "0") && !strings.Contains(l, "#"):
		return fmtDate
	}
	return fmtNumber
}
