package main

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
)

// resultSet is a query result held as Go values, for printing.
type resultSet struct {
	columns []string
	rows    [][]any
}

func readRows(rows *sql.Rows) (*resultSet, error) {
	cols, vals, err := warehouse.ScanAll(rows)
	if err != nil {
		return nil, err
	}
	return &resultSet{columns: cols, rows: vals}, nil
}

// cellText renders one value for table and CSV output; null is "n/a" in a
// table and empty in CSV.
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
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case []byte:
		return string(x)
	case map[string]any, []any:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	default:
		return fmt.Sprint(x)
	}
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return cellText(x, "")
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case []byte:
		return string(x)
	default:
		return x
	}
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
				cells[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(cellText(v, "n/a"))
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
