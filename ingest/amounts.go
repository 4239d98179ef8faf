package ingest

import (
	"context"
	"database/sql"
	"log/slog"
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

// amountText is the SQL of an amount's text t without currency signs and
// codes ("USD 20", "20 EUR", "R$ 20"), spaces and parentheses: its digits,
// separators and sign. A lone e or E stays: an exponent.
func amountText(t string) string {
	return "regexp_replace(regexp_replace(" + t + ", '[A-Za-z]{2,}', '', 'g'), '[^0-9eE+.,-]', '', 'g')"
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
	return "CASE WHEN regexp_full_match(trim(" + t + "), '\\(.*\\)') THEN -" + num + " ELSE " + num + " END"
}

// amountSample is how many values of an amount column inferDecimalMarks
// reads (the first, in file order), as many as inferDates reads of dates.
const amountSample = dateSample

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
		var p params
		q := render("decimal_marks.sql", map[string]string{
			"Comma": literal(commaForm), "Point": literal(pointForm), "Either": literal(eitherForm),
			"Text": amountText("v"), "Sample": j.sampleOf(c, amountSample, &p),
		})
		var comma, point, eitherDot, eitherComma, sampled int64
		if err := conn.QueryRowContext(ctx, q, p.args...).Scan(&comma, &point, &eitherDot, &eitherComma, &sampled); err != nil {
			return nil, err
		}
		mark, threeDecimals := "", int64(0)
		switch {
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
