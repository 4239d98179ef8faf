package ingest

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"
)

// xlsxToCSV writes a sheet (the first when sheet is empty) to a temporary
// CSV file, padding short rows to the header's width, and returns its path.
func xlsxToCSV(ctx context.Context, path, sheet string) (string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", fmt.Errorf("open xlsx: %w", err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return "", fmt.Errorf("sheet %q: %w", sheet, err)
	}
	defer rows.Close()
	out, err := os.CreateTemp("", "complaints-xlsx-*.csv")
	if err != nil {
		return "", err
	}
	w := csv.NewWriter(out)
	width := -1
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			out.Close()
			os.Remove(out.Name())
			return "", err
		}
		cells, err := rows.Columns()
		if err != nil {
			out.Close()
			os.Remove(out.Name())
			return "", fmt.Errorf("sheet %q: %w", sheet, err)
		}
		if width < 0 {
			width = len(cells)
		}
		for len(cells) < width {
			cells = append(cells, "")
		}
		w.Write(cells)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", err
	}
	if err := out.Close(); err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}
