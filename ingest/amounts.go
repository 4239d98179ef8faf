package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
)

// How an amount's digits and separators (amountText) read. commaForm is
// a number written with a decimal comma, or with dots between groups of
// three digits ("1.234,50", "12,5", "1.234.567"); pointForm one written
// with a decimal point, or commas between the groups ("1,234.50", "2.5",
// "1,234,567"); eitherForm, a lone separator before three digits ("2.500",
// "1,250"), is both: 2500 or 2.5, 1250 or 1.25.
const (
	commaForm  = `[-+]?((\d{1,3}(\.\d{3})+|\d+)?,\d+|\d{1,3}(\.\d{3})+)`
	pointForm  = `[-+]?((\d{1,3}(,\d{3})+|\d+)?\.\d+|\d{1,3}(,\d{3})+)`
	eitherForm = `[-+]?\d{1,3}[.,]\d{3}`
)

// amountShape is an amount as written, in full: a number (amountNumber)
// with a sign, currency signs and codes before or after it (amountMark),
// spaces between, in parentheses or not. Its groups are the sign before a
// currency mark, the sign after one, and the number.
const amountShape = `^\(?[\s\pZ]*([-+]?)[\s\pZ]*(?:` + amountMark + `[\s\pZ]*)?([-+]?)[\s\pZ]*(` + amountNumber + `)[\s\pZ]*(?:` + amountMark + `[\s\pZ]*)?\)?$`

// amountMark is a currency sign (any of Unicode's: $, €, £, ¥, ₹, ...),
// letters before a dollar sign (R$, US$, C$), an ISO 4217 code in
// capitals (USD, EUR; in small letters a word, "ref" or "pts", is no
// code), or the abbreviation a country writes for its own currency (kr,
// zł, Kč, Ft, Rs, Rp, RM, Fr.).
const amountMark = `(?:\p{Sc}|[A-Za-z]{1,3}\$|[A-Z]{3}|[Kk]r\.?|zł|Kč|Ft|Rs\.?|Rp|RM|Fr\.?)`

// amountNumber is an amount's digits: thousands grouped by a dot, a
// comma, a space or an apostrophe ("1.234.567", "1 234,50", "1'234.50";
// in lakhs too, "1,23,456"), then a decimal part, or digits with a
// decimal part or none ("1234.5", "12,50"), or a fraction alone (".5"),
// and an exponent ("1e3"). Digits grouped otherwise are no amount: "1,2,3"
// read 123 and "12,34,5" 12345 (a regression hunt).
const amountNumber = `(?:\d{1,3}(?:[.,\s\pZ'’]\d{3})+(?:[.,]\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][-+]?\d+)?`

// amountText is the SQL of an amount's text t without currency signs and
// codes ("USD 20", "20 EUR", "R$ 20"), spaces and parentheses: its digits,
// separators and sign; null when t is no amount (amountShape), as text
// with other words or signs ("ref 123", "5 units", "Order#42") or a
// nested value's JSON text ({"amt": 5}, [7]) is. Before (QA pass CD),
// every letter and sign went and the digits left were read: "ref 123" was
// 123, and {"a": 1, "b": 2} 1.2, the digits of its members glued.
func amountText(t string) string {
	shape := literal(amountShape)
	return "CASE WHEN regexp_full_match(" + t + ", " + shape + ") THEN regexp_replace(regexp_replace(" + t + ", " + shape +
		`, '\1\2\3'), '[\s\pZ''’]', '', 'g') END`
}

// amountExpr is the SQL of an amount's text t as a DOUBLE, null when it
// reads as none. Separators go: a value of commaForm reads with a decimal
// comma, any other with a decimal point, and a value of eitherForm as its
// column writes the others: with a decimal comma in a column of
// decimalComma (inferDecimalMarks), else with a decimal point, "2.500" as
// 2.5 and "1,250" as 1250, so that a number a JSON file or a
// spreadsheet's cell gives (always with a decimal point: 12.345) keeps its
// value (QA pass BK: read as thousands, 12.345 was stored as 12345). An
// amount in parentheses is negative, as accounts write it ("(50.00)" read
// as 50; the range check rejects it as it does "-50").
func amountExpr(t string, decimalComma bool) string {
	x := amountText(t)
	comma := "regexp_full_match(" + x + ", " + literal(commaForm) + ")"
	if !decimalComma {
		comma += " AND NOT regexp_full_match(" + x + ", " + literal(eitherForm) + ")"
	}
	num := "try_cast(CASE WHEN " + comma + " THEN replace(replace(" + x + ", '.', ''), ',', '.')" +
		" ELSE replace(" + x + ", ',', '') END AS DOUBLE)"
	// the sign apart, so that the expression holds the number once
	return "CASE WHEN regexp_full_match(trim(" + t + "), '\\(.*\\)') THEN -1 ELSE 1 END * " + num
}

// amountSampled is how many values of an amount column inferDecimalMarks
// reads (the first, in file order), as many as inferDates reads of dates.
const amountSampled = dateSample

// numericTypes are DuckDB's numeric types but DECIMAL(p,s).
var numericTypes = []string{"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE"}

// typedNumbers reports whether column c of the job's file holds numbers
// of a type, as a Parquet DECIMAL or DOUBLE column does: written with a
// decimal point, whatever the export's locale, they read one way, and
// their column has no decimal mark to settle (QA pass CD: a DECIMAL(10,3)
// 12.345 warned that it read two ways).
func (j *job) typedNumbers(ctx context.Context, conn *sql.Conn, c string) (bool, error) {
	if j.format != "parquet" {
		return false, nil
	}
	var typ string
	switch err := conn.QueryRowContext(ctx, render("parquet_type.sql", nil), j.readPath, c).Scan(&typ); {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	return strings.HasPrefix(typ, "DECIMAL(") || slices.Contains(numericTypes, typ), nil
}

// jsonMember is the JSON path that reads column c of the job's JSON
// file alone, or "" when the file is no JSON or no path reads it alone
// (see sourceExpr).
func (j *job) jsonMember(c string) string {
	if j.format != "json" && j.format != "ndjson" {
		return ""
	}
	path := jsonPath(c, headerSet(j.header))
	if path == "" {
		path = keyPath(c)
	}
	if strings.Contains(path, `."*"`) {
		return ""
	}
	return path
}

// amountSample is the SQL of the sample of amount column c that
// inferDecimalMarks reads: its first values, and in a JSON file its first
// strings, not its numbers (12.345 is JSON's own decimal point, not the
// export's; QA pass CD: a column of JSON numbers warned that they read two
// ways). A column no path reads alone is sampled whole.
func (j *job) amountSample(c string, p *params) string {
	if path := j.jsonMember(c); path != "" {
		return render("json_strings.sql", map[string]string{
			"Path": p.add(path), "Objects": jsonObjects(j.readPath, j.dialect.records, p), "N": fmt.Sprint(amountSampled)})
	}
	return j.sampleOf(c, amountSampled, p)
}

// jsonNumbers reports whether column c of the job's JSON file holds JSON
// numbers among its first values: a JSON number is written with a decimal
// point whatever the export's locale, so its column is a point column
// (a regression hunt: the numbers left out of the sample, a string
// "12,50" settled the column a comma, and the number 12.345 read 12345).
func (j *job) jsonNumbers(ctx context.Context, conn *sql.Conn, c string) (bool, error) {
	path := j.jsonMember(c)
	if path == "" {
		return false, nil
	}
	var p params
	q := render("json_numbers.sql", map[string]string{
		"Path": p.add(path), "Objects": jsonObjects(j.readPath, j.dialect.records, &p), "N": fmt.Sprint(amountSampled)})
	var numbers bool
	err := conn.QueryRowContext(ctx, q, p.args...).Scan(&numbers)
	return numbers, err
}

// inferDecimalMarks returns m, or a copy of it listing in decimalComma
// each amount column whose sampled values settle its decimal mark a
// comma, as inferDates settles the order of a column's dates: a value
// that reads only with a decimal comma ("2.500,00", "1.234.567"), and none
// only with a point ("1,234.56", "2.5"), settles it a comma, and the other
// way round a point. Values that read either way (eitherForm) then read as
// the column writes; the load warns, naming the column and how many of the
// sample, when they read so with three decimals (2.500 as 2.5), and when
// their column shows neither way, or both (a dot then a decimal point, a
// comma a thousands one). Before, a column of "€ 2.500" and "2.500,00 €"
// read the one as 2.5, the other as 2500 (QA pass BH).
func inferDecimalMarks(ctx context.Context, conn *sql.Conn, j *job, m *Mapping, log *slog.Logger) (*Mapping, error) {
	sources := m.fieldSources()
	out := m
	for _, f := range j.tbl.fields {
		c, ok := sources[f.name]
		if f.typ != tFloat || !ok || pseudoColumn(c) || len(m.Values[f.name]) > 0 {
			continue
		}
		typed, err := j.typedNumbers(ctx, conn, c)
		if err != nil {
			return nil, fmt.Errorf("type of %s: %w", c, err)
		}
		if typed {
			continue // its numbers read one way: with a decimal point
		}
		numbers, err := j.jsonNumbers(ctx, conn, c)
		if err != nil {
			return nil, fmt.Errorf("JSON numbers of %s: %w", c, err)
		}
		var p params
		q := render("decimal_marks.sql", map[string]string{
			"Comma": literal(commaForm), "Point": literal(pointForm), "Either": literal(eitherForm),
			"Text": amountText("v"), "Sample": j.amountSample(c, &p),
		})
		var comma, point, eitherDot, eitherComma, sampled int64
		if err := conn.QueryRowContext(ctx, q, p.args...).Scan(&comma, &point, &eitherDot, &eitherComma, &sampled); err != nil {
			return nil, err
		}
		mark, threeDecimals := "", int64(0)
		switch {
		case numbers:
			mark, threeDecimals = ".", eitherDot
		case comma > 0 && point == 0:
			mark, threeDecimals = ",", eitherComma
		case point > 0 && comma == 0:
			mark, threeDecimals = ".", eitherDot
		}
		if mark != "" {
			log.Info("decimal mark inferred", "file", j.path, "field", f.name, "mark", mark)
		}
		if mark == "," {
			if out == m {
				cp := *m
				cp.decimalComma = map[string]bool{}
				out = &cp
			}
			out.decimalComma[f.name] = true
		}
		warn := func(n int64, readAs string) {
			log.Warn("amounts that read two ways", "file", j.path, "field", f.name, "values", n, "read_as", readAs, "sampled", sampled)
		}
		switch {
		case threeDecimals > 0 && mark == ",":
			warn(threeDecimals, "a decimal comma, as the column's other amounts write it: 1,250 is 1.25")
		case threeDecimals > 0:
			warn(threeDecimals, "a decimal point, as the column's other amounts write it: 2.500 is 2.5")
		case mark == "" && eitherDot+eitherComma > 0:
			why := "the column's other amounts show no decimal mark"
			if comma > 0 {
				why = "the column's other amounts show both decimal marks"
			}
			warn(eitherDot+eitherComma, "a decimal point where a dot comes before three digits and a thousands separator where a comma does, 2.500 as 2.5 and 1,250 as 1250: "+why)
		}
	}
	return out, nil
}
