package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/duckdb/duckdb-go/v2"
)

// resultSet is a query result held as Go values, for printing.
type resultSet struct {
	columns []string
	rows    [][]any
}

func readRows(rows *sql.Rows) (*resultSet, error) {
	cols, vals, err := warehouse.ScanDisplay(rows)
	if err != nil {
		return nil, err
	}
	return &resultSet{columns: cols, rows: vals}, nil
}

// cellText renders one value for table and CSV output; null is "n/a" in a
// table and empty in CSV. Values of other types than these read as DuckDB
// writes them, with one convention for nested types, DuckDB's
// (warehouse.Text): INTERVAL "1 month 2 days 00:00:01.5", LIST "[1, 2]",
// STRUCT "{'a': 1}", MAP "{k=1}", BLOB "a\xFF"; a JSON column's value is
// its JSON text. Notebooks show values the same way.
func cellText(v any, null string) string {
	switch x := v.(type) {
	case nil:
		return null
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	case float64:
		if math.IsNaN(x) {
			return null
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		if math.IsNaN(float64(x)) {
			return null
		}
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	default:
		return warehouse.Text(x)
	}
}

// jsonValue converts one value for JSON output: DECIMAL and HUGEINT as
// numbers with their exact digits, LIST as an array, STRUCT as an object,
// MAP as an object in the map's order (keys as their text), a JSON
// column's value as it is, NaN and infinities as null, and the rest as the
// text cellText gives (INTERVAL "3 days", BLOB "a\xFF").
func jsonValue(v any) any {
	switch x := v.(type) {
	case nil, bool, string, json.RawMessage,
		int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil
		}
		return x
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(x.String())
	case duckdb.Union:
		return jsonValue(x.Value)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case duckdb.OrderedMap:
		keys, vals := x.Keys(), x.Values()
		o := jsonObject{keys: make([]string, len(keys)), vals: make([]any, len(vals))}
		for i, k := range keys {
			o.keys[i] = warehouse.Text(k)
			o.vals[i] = jsonValue(vals[i])
		}
		return o
	default:
		return cellText(x, "")
	}
}

// jsonObject is a JSON object that keeps its keys' order.
type jsonObject struct {
	keys []string
	vals []any
}

func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// write prints the result set as table, csv or json.
func (rs *resultSet) write(w io.Writer, format string) error {
	switch format {
	case "", "table":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(rs.columns, "\t"))
		for _, r := range rs.rows {
			cells := make([]string, len(r))
			for i, v := range r {
				cells[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", "\v", " ", "\f", " ").Replace(cellText(v, "n/a"))
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		return tw.Flush()
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(rs.columns)
		for _, r := range rs.rows {
			cells := make([]string, len(r))
			for i, v := range r {
				cells[i] = cellText(v, "")
			}
			cw.Write(cells)
		}
		cw.Flush()
		return cw.Error()
	case "json":
		out := make([]map[string]any, 0, len(rs.rows))
		for _, r := range rs.rows {
			m := make(map[string]any, len(r))
			for i, v := range r {
				m[rs.columns[i]] = jsonValue(v)
			}
			out = append(out, m)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	default:
		return fmt.Errorf("unknown format %q (want table, csv or json)", format)
	}
}
