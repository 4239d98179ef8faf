package warehouse_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
)

// queryValues runs q and returns its one row as ScanDisplay gives it.
func queryValues(t *testing.T, db *warehouse.DB, q string) []any {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	_, vals, err := warehouse.ScanDisplay(rows)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if len(vals) != 1 {
		t.Fatalf("%s: %d rows, want 1", q, len(vals))
	}
	return vals[0]
}

// TestTextAsDuckDB checks Text against DuckDB itself: for each expression,
// Text of the value the driver gives must equal CAST(value AS VARCHAR).
func TestTextAsDuckDB(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	exprs := []string{
		// scalars
		`'plain text'`, `42`, `-7::TINYINT`, `true`, `2.0::DOUBLE`, `1e16::DOUBLE`, `0.1::FLOAT`,
		`-170141183460469231731687303715884105727::HUGEINT`, `340282366920938463463374607431768211455::UHUGEINT`,
		`18446744073709551615::UBIGINT`, `1.5`, `1.25::DECIMAL(10,2) + 2.50`,
		`123456789012345678901234567890.12345678::DECIMAL(38,8)`, `-0.000001::DECIMAL(18,6)`,
		`DATE '2020-01-02'`, `TIMESTAMP '2020-01-01 10:00:00.123'`, `'101'::BIT`,
		// DATE, TIME and TIMESTAMP columns (ScanDisplay gives their text
		// by the column's type; the driver's time.Time printed a TIME as
		// "0001-01-01 12:30:00" and a midnight as a date)
		`TIME '12:30:00'`, `TIME '00:00:00'`, `TIME '12:30:00.25'`, `TIMETZ '12:30:00+02'`,
		`TIMETZ '12:30:00+05:30'`, `TIMETZ '01:00:00-03'`, `TIMESTAMP '2020-01-01'`,
		`TIMESTAMP '2020-01-01 00:00:00.5'`, `TIMESTAMPTZ '2026-06-01 10:00:00.25+02'`,
		`TIMESTAMP_NS '2026-01-01 00:00:00.000000001'`, `TIMESTAMP_MS '2026-01-01 01:02:03.123'`,
		`TIMESTAMP_S '2026-01-01 01:02:03'`, `DATE '-0044-03-15'`, `TIMESTAMP '-0044-03-15 10:00:00'`,
		`'infinity'::DATE`, `'-infinity'::DATE`, `'infinity'::TIMESTAMP`, `'-infinity'::TIMESTAMPTZ`,
		`'infinity'::TIMESTAMP_NS`,
		`'00000000-0000-0000-0000-0000000000ff'::UUID`, `'{"a":[1,2],"b":"x"}'::JSON`,
		// INTERVAL
		`INTERVAL 3 DAY`, `INTERVAL '1 month 2 days 1.5 seconds'`, `INTERVAL '14 months'`,
		`INTERVAL '1 year'`, `INTERVAL '-1 month'`, `INTERVAL '-1 day'`, `INTERVAL 0 SECOND`,
		`INTERVAL '100 hours 0.000001 seconds'`, `-INTERVAL '1 year 3 months -2 days 01:02:03.000004'`,
		// BLOB
		`'a\x27"\x20~\xFF\x7F\x5C\x00z'::BLOB`, `''::BLOB`,
		// LIST
		`['a', 'b c', NULL, 'it''s', '', 'NULL', 'Null', ' a', 'a ', e'\t', 'x:y', 'a\b', 'é', '{', 'a=b']`,
		`[[1, 2], [3]]`, `[]::INTEGER[]`, `[NULL]`, `[true, false]`,
		`[1e15::DOUBLE, 1e16::DOUBLE, 0.0001::DOUBLE, 0.00001::DOUBLE, 2.0::DOUBLE, -0.0::DOUBLE, 123.456::DOUBLE, 1.5e300::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE, 'nan'::DOUBLE]`,
		`[1.5::FLOAT, 0.1::FLOAT, 16777216::FLOAT, 1e16::FLOAT]`,
		`[TIMESTAMP '2020-01-01 10:00:00', NULL]`, `[DATE '2020-01-02']`, `[INTERVAL 3 DAY, INTERVAL 1 MONTH]`,
		`['\xFF'::BLOB, 'a,b'::BLOB]`, `[1::HUGEINT, 2::HUGEINT]`, `[1.25::DECIMAL(10,2)]`, `[1, 2]::INTEGER[2]`,
		// STRUCT (fields in name order: see TestTextDifferences)
		`{'a': 1}`, `{'a': [1, 2], 'b': {'c': NULL}}`, `{'k': 'v', 'l': 'it''s'}`,
		`struct_pack("a b" := 1, "it's" := 2, "x\y" := 3)`, `[{'x': 'a:b'}]`,
		// MAP
		`MAP {'k': 1}`, `MAP {'': 1, 'a b': 2, ' x': 3, 'null': NULL, 'x ': 5}`, `MAP {1: [2]}`,
		`MAP {}::MAP(VARCHAR, INTEGER)`, `[MAP {'a': 'b'}]`, `MAP {'i': INTERVAL 2 DAY}`,
		// UNION
		`union_value(num := 2)`, `[union_value(s := 'a b,')]`,
	}
	for _, e := range exprs {
		t.Run(e, func(t *testing.T) {
			row := queryValues(t, db, "SELECT v, CAST(v AS VARCHAR) FROM (SELECT "+e+" AS v)")
			want, ok := row[1].(string)
			if !ok {
				t.Fatalf("CAST(%s AS VARCHAR) = %#v", e, row[1])
			}
			if got := warehouse.Text(row[0]); got != want {
				t.Errorf("Text(%s: %#v) = %q, want %q (DuckDB)", e, row[0], got, want)
			}
		})
	}
}

// TestTextDifferences pins where Text departs from DuckDB on purpose (see
// its doc comment): DuckDB's text is given in each comment.
func TestTextDifferences(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	tests := []struct {
		expr, want string
	}{
		{`1.50::DECIMAL(10,2)`, `1.5`},                // DuckDB 1.50
		{`[2.50::DECIMAL(10,2)]`, `[2.5]`},            // DuckDB [2.50]
		{`{'b': 1, 'a': 2}`, `{'a': 2, 'b': 1}`},      // DuckDB {'b': 1, 'a': 2}
		{`[TIMESTAMP '2020-01-01']`, `[2020-01-01]`},  // DuckDB [2020-01-01 00:00:00]
		{`'{"b": 1, "a": 2}'::JSON`, `{"a":2,"b":1}`}, // DuckDB {"b": 1, "a": 2}
		{`'"<&>"'::JSON`, `"\u003c\u0026\u003e"`},     // DuckDB "<&>"
		{`NULL`, `NULL`},                              // DuckDB NULL
		{`[['a']]::VARCHAR[][]`, `[[a]]`},             // the same; nesting twice
		{`MAP {'k': NULL}`, `{k=NULL}`},               // the same
		{`{'a': MAP {'b': 'c'}}`, `{'a': {b=c}}`},     // the same
		{`struct_pack("A b" := 'x')`, `{'A b': x}`},   // the same
	}
	for _, tt := range tests {
		got := warehouse.Text(queryValues(t, db, "SELECT "+tt.expr)[0])
		if got != tt.want {
			t.Errorf("Text(%s) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func TestFloat(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	tests := []struct {
		expr string
		want float64 // the literal's nearest float64
		ok   bool
	}{
		{`1.5`, 1.5, true},
		{`sum(x) FROM (VALUES (1.25::DECIMAL(10,2)), (2.50)) t(x)`, 3.75, true},
		{`2.25::DECIMAL(3,2)`, 2.25, true},
		{`0.1::DECIMAL(38,37)`, 0.1, true},
		{`123456789012345678901234567890.12345678::DECIMAL(38,8)`, 123456789012345678901234567890.12345678, true},
		{`-0.000001::DECIMAL(18,6)`, -0.000001, true},
		{`170141183460469231731687303715884105727::HUGEINT`, 170141183460469231731687303715884105727, true},
		{`340282366920938463463374607431768211455::UHUGEINT`, 340282366920938463463374607431768211455, true},
		{`7::UTINYINT`, 7, true},
		{`65535::USMALLINT`, 65535, true},
		{`4294967295::UINTEGER`, 4294967295, true},
		{`18446744073709551615::UBIGINT`, 18446744073709551615, true},
		{`-5::TINYINT`, -5, true},
		{`-300::SMALLINT`, -300, true},
		{`-70000::INTEGER`, -70000, true},
		{`-1::BIGINT`, -1, true},
		{`0.5::FLOAT`, 0.5, true},
		{`2.25::DOUBLE`, 2.25, true},
		{`'inf'::DOUBLE`, math.Inf(1), true},
		{`NULL::DOUBLE`, 0, false},
		{`'1.5'`, 0, false},
		{`true`, 0, false},
		{`INTERVAL 1 DAY`, 0, false},
	}
	for _, tt := range tests {
		got, ok := warehouse.Float(queryValues(t, db, "SELECT "+tt.expr)[0])
		if ok != tt.ok || got != tt.want {
			t.Errorf("Float(%s) = %v, %v; want %v, %v", tt.expr, got, ok, tt.want, tt.ok)
		}
	}
	if f, ok := warehouse.Float(queryValues(t, db, "SELECT 'nan'::DOUBLE")[0]); !ok || !math.IsNaN(f) {
		t.Errorf("Float('nan'::DOUBLE) = %v, %v; want NaN, true", f, ok)
	}
}

// TestScanDisplay: a JSON column comes as JSON text and a UUID as its text,
// where ScanAll gives the decoded JSON and the UUID's 16 bytes.
func TestScanDisplay(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	row := queryValues(t, db, `SELECT '{"a":1}'::JSON j, NULL::JSON n, '00000000-0000-0000-0000-0000000000ff'::UUID u, '{"a":1}' s`)
	if got, ok := row[0].(json.RawMessage); !ok || string(got) != `{"a":1}` {
		t.Errorf("JSON column = %#v, want json.RawMessage(`{\"a\":1}`)", row[0])
	}
	if row[1] != nil {
		t.Errorf("NULL JSON = %#v, want nil", row[1])
	}
	if row[2] != "00000000-0000-0000-0000-0000000000ff" {
		t.Errorf("UUID column = %#v, want its text", row[2])
	}
	if row[3] != `{"a":1}` {
		t.Errorf("VARCHAR column = %#v, want the string", row[3])
	}
}
