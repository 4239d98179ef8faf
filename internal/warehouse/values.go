package warehouse

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// The driver gives many SQL types as Go types that print poorly with fmt:
// DECIMAL as duckdb.Decimal, INTERVAL as duckdb.Interval, MAP as
// duckdb.OrderedMap, STRUCT as map[string]any, LIST and ARRAY as []any,
// UNION as duckdb.Union, HUGEINT and UHUGEINT as *big.Int, BLOB as []byte.
// Text and Float read them the same way for every program that shows
// query results whole (`complaints sql`, notebooks).

// ScanDisplay is ScanAll for results shown to a person as they are. Two
// column types, which the driver gives in a form that loses what they are,
// come back as DuckDB prints them: a JSON column's values as
// json.RawMessage (the driver decodes JSON, and an object would then read
// as a STRUCT), re-encoded with encoding/json (keys in name order, HTML
// characters \u-escaped); a UUID column's values as their text (the
// driver gives the 16 bytes, which would read as a BLOB); and a DATE,
// TIME, TIMETZ or TIMESTAMP column's values as their text by the column's
// type (temporalText: the driver gives a time.Time, which cannot tell a
// TIME from a timestamp of year 1, nor a DATE from a midnight). A value
// of these types nested in a LIST, STRUCT or MAP stays as the driver gives
// it.
func ScanDisplay(rows *sql.Rows) (cols []string, vals [][]any, err error) {
	cols, err = EachDisplay(rows, func(row []any) error {
		vals = append(vals, row)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return cols, vals, nil
}

// EachDisplay is ScanDisplay a row at a time: it calls fn with each row,
// converted as ScanDisplay converts them, in a slice fn may keep, and
// returns the column names. A command that prints a million rows holds
// one at a time (QA pass T: sql --format csv of every complaint of a 1M
// warehouse, held whole, peaked at 6 GB).
func EachDisplay(rows *sql.Rows, fn func(row []any) error) (cols []string, err error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	if cols, err = rows.Columns(); err != nil {
		return nil, err
	}
	for rows.Next() {
		row, err := scanRow(rows, len(cols))
		if err != nil {
			return nil, err
		}
		for i, ct := range types {
			if row[i], err = displayValue(row[i], ct.DatabaseTypeName()); err != nil {
				return nil, fmt.Errorf("column %s: %w", cols[i], err)
			}
		}
		if err := fn(row); err != nil {
			return nil, err
		}
	}
	return cols, rows.Err()
}

// displayValue is one value as ScanDisplay gives it, of the DuckDB type
// named typ.
func displayValue(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "JSON":
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		return json.RawMessage(b), nil
	case "UUID":
		if b, ok := v.([]byte); ok && len(b) == len(duckdb.UUID{}) {
			u := duckdb.UUID(b)
			return u.String(), nil
		}
	default:
		if t, ok := v.(time.Time); ok {
			if s, ok := temporalText(t, typ); ok {
				return s, nil
			}
		}
	}
	return v, nil
}

// temporalText writes a value of a DATE, TIME, TIMETZ or TIMESTAMP column
// (typ, the column's DuckDB type) as DuckDB's CAST(v AS VARCHAR) does in
// the warehouse's time zone, UTC: "2026-01-02", "12:30:00.25",
// "12:30:00+05:30", "2026-01-02 00:00:00", "2026-01-02 08:00:00+00",
// "0045-03-15 (BC)", "infinity". ok is false for other types.
func temporalText(t time.Time, typ string) (string, bool) {
	switch typ {
	case "DATE":
		switch {
		case t.Year() > 5_000_000:
			return "infinity", true
		case t.Year() < -5_000_000:
			return "-infinity", true
		}
		return dateText(t), true
	case "TIME":
		return t.Format("15:04:05.999999"), true
	case "TIMETZ":
		return t.Format("15:04:05.999999") + offsetText(t), true
	case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMPTZ":
		switch t.UnixMicro() {
		case math.MaxInt64:
			return "infinity", true
		case -math.MaxInt64:
			return "-infinity", true
		}
		if typ == "TIMESTAMPTZ" {
			t = t.UTC()
			return dateText(t) + " " + t.Format("15:04:05.999999") + offsetText(t), true
		}
		return dateText(t) + " " + t.Format("15:04:05.999999"), true
	case "TIMESTAMP_NS":
		switch t.UnixNano() {
		case math.MaxInt64:
			return "infinity", true
		case -math.MaxInt64:
			return "-infinity", true
		}
		return dateText(t) + " " + t.Format("15:04:05.999999999"), true
	}
	return "", false
}

// dateText is a date as DuckDB writes it, years before 1 as "0045-03-15
// (BC)" (year 0 is 1 BC).
func dateText(t time.Time) string {
	if y := t.Year(); y <= 0 {
		return fmt.Sprintf("%04d-%02d-%02d (BC)", 1-y, t.Month(), t.Day())
	}
	return t.Format("2006-01-02")
}

// offsetText is a time zone offset as DuckDB writes it: "+00", "+05:30",
// "-03".
func offsetText(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	if m := off % 3600 / 60; m != 0 {
		return fmt.Sprintf("%s%02d:%02d", sign, off/3600, m)
	}
	return fmt.Sprintf("%s%02d", sign, off/3600)
}

// Float returns a value of any SQL numeric type (TINYINT to UHUGEINT,
// DECIMAL, FLOAT, DOUBLE) as a float64, rounded to the nearest when it has
// more digits than a float64 holds; NaN and infinities stay as they are.
// ok is false for NULL and for values of other types.
func Float(v any) (f float64, ok bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	case float64:
		return x, true
	case *big.Int:
		if x == nil {
			return 0, false
		}
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	case duckdb.Decimal:
		if x.Value == nil {
			return 0, false
		}
		// Parsing the exact decimal text rounds once; Decimal.Float64
		// divides in big.Float's default precision first.
		f, err := strconv.ParseFloat(x.String(), 64)
		return f, err == nil
	}
	return 0, false
}

// Text formats a value as ScanAll or ScanDisplay gives it the way DuckDB's
// CAST(v AS VARCHAR) writes it, so that a value reads the same in
// `complaints sql`, in a notebook and in the DuckDB shell. One convention
// for every nested type, DuckDB's:
//
//	INTERVAL  1 year 2 months 3 days 00:00:01.5
//	LIST      [1, 2, NULL]
//	STRUCT    {'a': 1, 'b': x y}
//	MAP       {k=1, 'a b'=2}
//	BLOB      a\xFF\x27: printable ASCII as is; other bytes, \, ' and " as \xHH
//
// and NULL as NULL. Inside a LIST, STRUCT or MAP a value's text is quoted,
// with ' and \ escaped by a backslash, where DuckDB quotes it: when it is
// empty, starts or ends with a space, reads "null" or holds one of
// "'(),:=[]{}; STRUCT field names always. Doubles there are written as
// DuckDB writes them (2.0, 1e+16).
//
// Three differences from DuckDB, where the Go value does not say what
// DuckDB knows: a DECIMAL is written as its value (1.50 as 1.5, as
// duckdb.Decimal.String does), a STRUCT's fields in name order (the driver
// gives a Go map), and a time with no time of day as a date. A string
// outside a LIST, STRUCT or MAP is returned as it is: escaping it for the
// output is the caller's part.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case json.RawMessage:
		return string(x)
	case []byte:
		return blobText(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int8:
		return strconv.FormatInt(int64(x), 10)
	case int16:
		return strconv.FormatInt(int64(x), 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint:
		return strconv.FormatUint(uint64(x), 10)
	case uint8:
		return strconv.FormatUint(uint64(x), 10)
	case uint16:
		return strconv.FormatUint(uint64(x), 10)
	case uint32:
		return strconv.FormatUint(uint64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float32:
		return floatText(float64(x), 32)
	case float64:
		return floatText(x, 64)
	case *big.Int:
		if x == nil {
			return "NULL"
		}
		return x.String()
	case duckdb.Decimal:
		if x.Value == nil {
			return "NULL"
		}
		return x.String()
	case duckdb.Interval:
		return intervalText(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05.999999")
	case duckdb.Union:
		return Text(x.Value)
	case []any:
		var b strings.Builder
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(nestedText(e))
		}
		b.WriteByte(']')
		return b.String()
	case map[string]any:
		names := make([]string, 0, len(x))
		for k := range x {
			names = append(names, k)
		}
		slices.Sort(names)
		var b strings.Builder
		b.WriteByte('{')
		for i, k := range names {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoted(k))
			b.WriteString(": ")
			b.WriteString(nestedText(x[k]))
		}
		b.WriteByte('}')
		return b.String()
	case duckdb.OrderedMap:
		keys, values := x.Keys(), x.Values()
		var b strings.Builder
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(nestedText(k))
			b.WriteByte('=')
			b.WriteString(nestedText(values[i]))
		}
		b.WriteByte('}')
		return b.String()
	case fmt.Stringer: // duckdb.Bit
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

// nestedText is Text for a value inside a LIST, STRUCT or MAP.
func nestedText(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []any, map[string]any, duckdb.OrderedMap:
		return Text(v)
	case duckdb.Union: // DuckDB writes a UNION's member unquoted
		return Text(x.Value)
	}
	s := Text(v)
	if needsQuotes(s) {
		return quoted(s)
	}
	return s
}

// needsQuotes reports whether DuckDB quotes s inside a nested value
// (CalculateEscapedStringLength and NestedToVarcharCast::LOOKUP_TABLE in
// DuckDB's src/function/cast).
func needsQuotes(s string) bool {
	if s == "" || isSpace(s[0]) || len(s) >= 2 && isSpace(s[len(s)-1]) || strings.EqualFold(s, "null") {
		return true
	}
	return strings.ContainsAny(s, `"'(),:=[]{}`)
}

// isSpace is DuckDB's StringUtil::CharacterIsSpace.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// quoted puts s in single quotes, with ' and \ escaped by a backslash.
func quoted(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// blobText is DuckDB's Blob::ToString: printable ASCII except \, ' and "
// as itself, every other byte as \xHH.
func blobText(p []byte) string {
	var b strings.Builder
	for _, c := range p {
		if c >= 32 && c <= 126 && c != '\\' && c != '\'' && c != '"' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, `\x%02X`, c)
		}
	}
	return b.String()
}

// floatText writes a FLOAT (bits 32) or DOUBLE as DuckDB does: the
// shortest digits that read back as the same value, in positional
// notation with at least one decimal (2.0) for decimal exponents -4 to 15,
// else in exponent notation (1e+16, 1e-05).
func floatText(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, bits)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, bits)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// intervalText is DuckDB's IntervalToStringCast::Format: years, months and
// days where not zero, then the time, signed, as HH:MM:SS with the
// fraction's significant digits; 00:00:00 for an empty interval.
func intervalText(iv duckdb.Interval) string {
	var parts []string
	add := func(n int32, unit string) {
		if n == 0 {
			return
		}
		s := strconv.FormatInt(int64(n), 10) + " " + unit
		if n != 1 && n != -1 {
			s += "s"
		}
		parts = append(parts, s)
	}
	add(iv.Months/12, "year")
	add(iv.Months%12, "month")
	add(iv.Days, "day")
	if iv.Micros != 0 {
		sign := ""
		u := uint64(iv.Micros)
		if iv.Micros < 0 {
			sign, u = "-", -u
		}
		const perSec, perMin, perHour = 1_000_000, 60 * 1_000_000, 3600 * 1_000_000
		s := fmt.Sprintf("%s%02d:%02d:%02d", sign, u/perHour, u%perHour/perMin, u%perMin/perSec)
		if frac := u % perSec; frac != 0 {
			s += "." + strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "00:00:00"
	}
	return strings.Join(parts, " ")
}
