package reports

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestParseNotebook(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string // lang of each block ("" = text)
		chart   string   // chart kind of the first sql block
		wantErr string
	}{
		{name: "text and sql", src: "# T\n\nhello\n\n```sql\nSELECT 1\n```\nafter\n", want: []string{"", "sql", ""}},
		{name: "chart", src: "```sql\n-- chart: line x=week y=complaints\nSELECT 1\n```\n", want: []string{"sql"}, chart: "line"},
		{name: "other fence", src: "```\nplain\n```\n", want: []string{"text"}},
		{name: "tilde fence", src: "~~~sql\nSELECT 1\n~~~\n", want: []string{"sql"}},
		{name: "unclosed", src: "```sql\nSELECT 1\n", wantErr: "not closed"},
		{name: "bad chart kind", src: "```sql\n-- chart: pie x=a y=b\nSELECT 1\n```\n", wantErr: "chart kind"},
		{name: "chart without y", src: "```sql\n-- chart: bar x=a\nSELECT 1\n```\n", wantErr: "needs x=COLUMN and y=COLUMN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, err := parseNotebook([]byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseNotebook(%q) error = %v, want %q", tt.src, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range blocks {
				got = append(got, b.lang)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("parseNotebook(%q) blocks = %q, want %q", tt.src, got, tt.want)
			}
			if tt.chart != "" && (blocks[0].chart == nil || blocks[0].chart.kind != tt.chart) {
				t.Errorf("parseNotebook(%q) chart = %+v, want %s", tt.src, blocks[0].chart, tt.chart)
			}
		})
	}
}

func TestNotebookRejectsWrites(t *testing.T) {
	db := fixtureWarehouse(t)
	for _, q := range []string{"DELETE FROM complaints", "/* x */ DROP TABLE complaints", "-- c\nINSERT INTO rejects VALUES (1, 1, 'x', 'y')", "ATTACH 'x.db'"} {
		_, err := RunNotebook(context.Background(), db, []byte("```sql\n"+q+"\n```\n"), NotebookOptions{Name: "w.md"})
		if err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("RunNotebook(%q) error = %v, want a read-only refusal", q, err)
		}
	}
	_, err := RunNotebook(context.Background(), db, []byte("text\n\n```sql\nSELECT nope FROM complaints\n```\n"), NotebookOptions{Name: "bad.md"})
	if err == nil || !strings.Contains(err.Error(), "bad.md: cell 1 (line 3)") {
		t.Errorf("RunNotebook(bad column) error = %v, want it to name the file, cell and line", err)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	got, title := markdownHTML("# A <b>title</b>\n\nText with " + hostile + " and `<code>`.\n\n- item <i>\n")
	if title != "A <b>title</b>" {
		t.Errorf("title = %q", title)
	}
	s := string(got)
	if strings.Contains(s, "<img") || strings.Contains(s, "<i>") || strings.Contains(s, "<code><code>") {
		t.Errorf("markdownHTML left markup unescaped: %s", s)
	}
	if !strings.Contains(s, "<code>&lt;code&gt;</code>") || !strings.Contains(s, "<li>item &lt;i&gt;</li>") {
		t.Errorf("markdownHTML = %s", s)
	}
}

// notebookFiles lists the shipped notebooks.
func notebookFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("..", "notebooks", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("found %d notebooks in ../notebooks, want at least 3", len(files))
	}
	return files
}

// TestShippedNotebooks runs every notebook in notebooks/ against the fixed
// warehouse: each must run, show a table per SQL cell, and draw the charts
// it asks for.
func TestShippedNotebooks(t *testing.T) {
	db := fixtureWarehouse(t)
	cellRE := regexp.MustCompile("(?m)^```sql")
	chartRE := regexp.MustCompile("(?m)^-- chart:")
	block := regexp.MustCompile(`<script type="application/json" data-chart="[^"]*">([^<]*)</script>`)
	for _, f := range notebookFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := RunNotebook(context.Background(), db, src, NotebookOptions{Name: filepath.Base(f)})
			if err != nil {
				t.Fatal(err)
			}
			page := strings.Replace(string(out), echartsJS, "", 1)
			cells := len(cellRE.FindAll(src, -1))
			if got := strings.Count(page, "<table"); got != cells {
				t.Errorf("%d tables for %d SQL cells", got, cells)
			}
			charts := block.FindAllStringSubmatch(page, -1)
			if want := len(chartRE.FindAll(src, -1)); len(charts) != want {
				t.Errorf("%d charts, want %d", len(charts), want)
			}
			for _, c := range charts {
				if !json.Valid([]byte(c[1])) {
					t.Errorf("chart option is not JSON")
				}
			}
			if strings.Contains(strings.Replace(page, echartsJS, "", 1), hostile) {
				t.Errorf("hostile text unescaped")
			}
		})
	}
}
