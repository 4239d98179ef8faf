package reports_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/reports"
)

// exampleWarehouse makes a warehouse with two complaints.
func exampleWarehouse(dir string) *warehouse.DB {
	ctx := context.Background()
	db, err := warehouse.Open(ctx, filepath.Join(dir, "example.duckdb"), warehouse.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for i, month := range []string{"2024-01-15", "2024-02-20"} {
		if _, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, product, ingest_run_id, row_hash)
			VALUES (?, 'example', ?::TIMESTAMP, 'Mortgage', 1, ?)`, fmt.Sprint(i+1), month, i+1); err != nil {
			log.Fatal(err)
		}
	}
	return db
}

func ExampleExportParquet() {
	dir, _ := os.MkdirTemp("", "export")
	defer os.RemoveAll(dir)
	db := exampleWarehouse(dir)
	defer db.Close()
	tables, err := reports.ExportParquet(context.Background(), db, filepath.Join(dir, "parquet"))
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range tables {
		if t.Table == "complaints" {
			parts, _ := os.ReadDir(t.Path)
			fmt.Println(t.Table, t.Rows, "rows in", len(parts), "month partitions")
		}
	}
	// Output: complaints 2 rows in 2 month partitions
}

func ExampleRunNotebook() {
	dir, _ := os.MkdirTemp("", "notebook")
	defer os.RemoveAll(dir)
	db := exampleWarehouse(dir)
	defer db.Close()
	notebook := "# Volumes\n\n```sql\n-- chart: bar x=product y=complaints\nSELECT product, count(*) AS complaints FROM complaints GROUP BY product\n```\n"
	html, err := reports.RunNotebook(context.Background(), db, []byte(notebook), reports.NotebookOptions{Name: "volumes.md"})
	if err != nil {
		log.Fatal(err)
	}
	page := string(html)
	fmt.Println(strings.Contains(page, "<title>Volumes</title>"), strings.Count(page, `data-chart="cell-1-chart"`))
	// Output: true 1
}

func ExampleWrite() {
	dir, _ := os.MkdirTemp("", "reports")
	defer os.RemoveAll(dir)
	db := exampleWarehouse(dir)
	defer db.Close()
	out := filepath.Join(dir, "out")
	asOf := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	if err := reports.Write(context.Background(), db, reports.Options{OutDir: out, Period: "month", AsOf: asOf}); err != nil {
		log.Fatal(err)
	}
	for _, f := range reports.Files {
		_, err := os.Stat(filepath.Join(out, f))
		fmt.Println(f, err == nil)
	}
	ids, _ := os.ReadFile(filepath.Join(out, "ids", "audit-all.csv"))
	fmt.Print(string(ids))
	// Output:
	// index.html true
	// weekly.html true
	// executive.html true
	// defects.html true
	// audit.html true
	// source,complaint_id,period
	// example,1,2024-01-01
	// example,2,2024-02-01
}
