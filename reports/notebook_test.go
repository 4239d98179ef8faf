package reports

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
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

// chartData returns the data of each series of the page's one chart, by
// series name: numbers, or "-" for a gap.
func chartData(t *testing.T, page []byte) map[string][]any {
	t.Helper()
	block := regexp.MustCompile(`<script type="application/json" data-chart="[^"]*">([^<]*)</script>`)
	m := block.FindAllSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("%d charts, want 1", len(m))
	}
	var opt struct {
		Series []struct {
			Name string
			Data []struct{ Value any }
		}
	}
	if err := json.Unmarshal(m[0][1], &opt); err != nil {
		t.Fatalf("chart option: %v", err)
	}
	data := map[string][]any{}
	for _, s := range opt.Series {
		for _, d := range s.Data {
			data[s.Name] = append(data[s.Name], d.Value)
		}
	}
	return data
}

// TestNotebookChartNumbers: every numeric type is drawn (before, a
// DECIMAL, UTINYINT, UHUGEINT... column had every point a gap), and NaN,
// infinities and NULL are gaps (before, an infinity failed the notebook:
// "go-echarts produced an option that is not JSON").
func TestNotebookChartNumbers(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	tests := []struct {
		name, cell string
		want       map[string][]any
	}{
		{
			name: "decimal",
			cell: "-- chart: bar x=k y=v\nSELECT k, v FROM (VALUES ('a', 1.5), ('b', 2.25)) t(k, v)",
			want: map[string][]any{"v": {1.5, 2.25}},
		},
		{
			name: "numeric types",
			cell: "-- chart: bar x=k y=d,h,uh,ut,ub,f\n" +
				"SELECT k, sum(x) AS d, x::HUGEINT * 10 AS h, (x * 100)::UHUGEINT AS uh, (x * 2)::UTINYINT AS ut, (x * 4)::UBIGINT AS ub, x::FLOAT AS f\n" +
				"FROM (VALUES ('a', 1.25::DECIMAL(10,2)), ('b', 2.50)) t(k, x) GROUP BY k, x ORDER BY k",
			// 1.25 and 2.50 times 10 (HUGEINT rounds 1.25 to 1), 100, 2, 4 (UTINYINT rounds 2.5 to 3 and 5.0 to 5)
			want: map[string][]any{"d": {1.25, 2.5}, "h": {10.0, 30.0}, "uh": {125.0, 250.0}, "ut": {3.0, 5.0}, "ub": {5.0, 10.0}, "f": {1.25, 2.5}},
		},
		{
			name: "gaps",
			cell: "-- chart: line x=k y=v\nSELECT k, v FROM (VALUES ('a', 1.0), ('b', 'inf'::DOUBLE), ('c', '-inf'::DOUBLE), ('d', 'nan'::DOUBLE), ('e', NULL)) t(k, v)",
			want: map[string][]any{"v": {1.0, "-", "-", "-", "-"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := RunNotebook(context.Background(), db, []byte("```sql\n"+tt.cell+"\n```\n"), NotebookOptions{Name: "nb.md"})
			if err != nil {
				t.Fatal(err)
			}
			got := chartData(t, out)
			for name, want := range tt.want {
				if !reflect.DeepEqual(got[name], want) {
					t.Errorf("series %s = %v, want %v", name, got[name], want)
				}
			}
		})
	}
}

// TestNotebookChartNoNumbers: a column of the chart that holds no number
// is left out of it, saying so, and with no column left there is no chart;
// it drew an empty chart, every point a gap, without a word (an
// exploratory QA pass).
func TestNotebookChartNoNumbers(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	cell := "```sql\n-- chart: line x=a y=b\nSELECT a, b FROM (VALUES ('x', 'high'), ('y', 'low')) t(a, b)\n```\n"
	out, err := RunNotebook(context.Background(), db, []byte(cell), NotebookOptions{Name: "nb.md"})
	if err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(string(out))
	if !strings.Contains(page, `Not charted: column "b" holds no number (its first value: high).`) || strings.Contains(page, "data-chart=") {
		t.Error("the notebook does not say that column b was not charted, or draws a chart")
	}
}

// TestNotebookCellText: a notebook shows values as `complaints sql` does,
// DuckDB's text (warehouse.Text); before, an INTERVAL showed as {3 0 0},
// a MAP as OrderedMap{k: 1}, a STRUCT or a JSON column as map[a:1].
func TestNotebookCellText(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	cell := `SELECT INTERVAL 3 DAY AS i, MAP {'k': 1} AS m, {'a': 1} AS s, ['x', NULL] AS l, '\xFF'::BLOB AS b,
	'{"a": 1}'::JSON AS j, 2.25::DECIMAL(5,2) AS d, 'inf'::DOUBLE AS f, true AS t`
	out, err := RunNotebook(context.Background(), db, []byte("```sql\n"+cell+"\n```\n"), NotebookOptions{Name: "nb.md"})
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(string(out), echartsJS, "", 1)
	for _, want := range []string{
		`<td dir="auto">3 days</td>`, `<td dir="auto">{k=1}</td>`, `<td dir="auto">{&#39;a&#39;: 1}</td>`, `<td dir="auto">[x, NULL]</td>`, `<td dir="auto">\xFF</td>`,
		`<td dir="auto">{&#34;a&#34;:1}</td>`, `<td class="num">2.25</td>`, `<td class="num">n/a</td>`, `<td dir="auto">yes</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("notebook page has no %s", want)
		}
	}
}

// TestNotebookFailingCell: a failing cell shows its error in the page and
// the cells after it still run; the error names the cell and its line. The
// first failing cell stopped the notebook before, writing no page at all
// (noticed by an exploratory QA pass).
func TestNotebookFailingCell(t *testing.T) {
	db := fixtureWarehouse(t)
	src := "# Checks\n\n```sql\nSELECT nope FROM complaints\n```\n\n```sql\nSELECT 6 * 7 AS answer\n```\n"
	out, err := RunNotebook(context.Background(), db, []byte(src), NotebookOptions{Name: "nb.md"})
	if err == nil || !strings.Contains(err.Error(), "notebook nb.md: cell 1 (line 3): Binder Error") || !strings.Contains(err.Error(), "1 of 2 cells failed") {
		t.Errorf("error = %v, want it to name cell 1 at line 3 and count the failures", err)
	}
	if strings.Contains(errString(err), "\n") {
		t.Errorf("error %q spans lines: the command's message is one line", err)
	}
	page := html.UnescapeString(string(out))
	if !strings.Contains(page, `This cell failed: Binder Error: Referenced column "nope" not found`) {
		t.Error("the page does not show cell 1's error")
	}
	if !strings.Contains(page, `<td class="num">42</td>`) {
		t.Error("the page has no result of cell 2, which runs after the failing cell")
	}

	// a cancelled run gives no page
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if out, err := RunNotebook(ctx, db, []byte(src), NotebookOptions{Name: "nb.md"}); out != nil || err == nil {
		t.Errorf("cancelled: page of %d bytes, error %v; want no page and an error", len(out), err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestNotebookStatements: each statement of a cell shows its result (only
// the last was shown), and each must be a query: "SELECT 1; DELETE ..."
// passed the check of the cell's first word and ran the DELETE on a
// writable warehouse.
func TestNotebookStatements(t *testing.T) {
	db := fixtureWarehouse(t)
	count := func() int {
		var n int
		if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM complaints").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	_, err := RunNotebook(context.Background(), db, []byte("```sql\nSELECT 1;\nDELETE FROM complaints\n```\n"), NotebookOptions{Name: "nb.md"})
	if err == nil || !strings.Contains(err.Error(), `statement "delete": notebooks run read-only queries`) {
		t.Errorf("SELECT then DELETE: error %v, want a read-only refusal", err)
	}
	if after := count(); after != before {
		t.Fatalf("the notebook deleted complaints: %d before, %d after", before, after)
	}
	// a typo was refused as a write would be (QA pass P); a write is
	// never read as a typo ("drop" is two letters from "from")
	for q, want := range map[string]string{
		"SELEC 1":                              `statement "selec": no such statement (a typo of SELECT?)`,
		"WTIH x AS (SELECT 1) SELECT * FROM x": `statement "wtih": no such statement (a typo of WITH?)`,
		"DROP TABLE complaints":                `statement "drop": notebooks run read-only queries`,
		"FROBNICATE":                           `statement "frobnicate": notebooks run read-only queries`,
	} {
		_, err := RunNotebook(context.Background(), db, []byte("```sql\n"+q+"\n```\n"), NotebookOptions{Name: "nb.md"})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", q, err, want)
		}
	}

	cell := "```sql\n-- chart: bar x=k y=v\nSELECT 'a;b' AS first; -- one; two\n/* three; */ SELECT 'x' AS k, 2 AS v;\n```\n"
	out, err := RunNotebook(context.Background(), db, []byte(cell), NotebookOptions{Name: "nb.md"})
	if err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(string(out))
	for _, want := range []string{"<caption>Statement 1 of 2.</caption>", `<td dir="auto">a;b</td>`, "<caption>Statement 2 of 2.</caption>", `data-chart="cell-1-chart"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
}

func TestSplitStatements(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"SELECT 1", []string{"SELECT 1"}},
		{"SELECT 1;", []string{"SELECT 1"}},
		{"SELECT 1; SELECT 2;\n", []string{"SELECT 1", " SELECT 2"}},
		{"SELECT ';' AS a; SELECT 2", []string{"SELECT ';' AS a", " SELECT 2"}},
		{`SELECT 'it''s;' AS "x;y"; SELECT 2`, []string{`SELECT 'it''s;' AS "x;y"`, " SELECT 2"}},
		{"SELECT 1 -- a; b\n; SELECT 2", []string{"SELECT 1 -- a; b\n", " SELECT 2"}},
		{"SELECT /* ; */ 1; /* only a comment */;", []string{"SELECT /* ; */ 1"}},
		{"SELECT $$a;b$$, $t$c;$$;d$t$; SELECT $1", []string{"SELECT $$a;b$$, $t$c;$$;d$t$", " SELECT $1"}},
		{"SELECT 'unclosed; SELECT 2", []string{"SELECT 'unclosed; SELECT 2"}},
		{"-- nothing\n;  ;", nil},
	} {
		if got := SplitStatements(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitStatements(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRecurringDefectsNotebook: the shipped notebook's "latest complete
// month against the six before" compares the latest month that has ended
// with the average of the months before it that hold data. It divided by
// six whatever the data held, and took a month still running: four prior
// months of 4, 6, 2 and 4 complaints and a May of 8 read as June's 3
// against 4 (ratio 0.75) rather than May's 8 against 4 (ratio 2; an
// exploratory QA pass found 1.64 where 1.09 was right).
func TestRecurringDefectsNotebook(t *testing.T) {
	db := warehousetest.Open(t, warehouse.Options{})
	if _, err := db.ExecContext(context.Background(), `INSERT INTO complaints (complaint_id, source, received_at, ingest_run_id, row_hash)
		SELECT 'c' || i, 'x', d, 1, i FROM (
			SELECT row_number() OVER () AS i, d FROM (
				SELECT unnest([DATE '2024-01-05', DATE '2024-01-06', DATE '2024-01-07', DATE '2024-01-08',
				               DATE '2024-02-05', DATE '2024-02-06', DATE '2024-02-07', DATE '2024-02-08', DATE '2024-02-09', DATE '2024-02-10',
				               DATE '2024-03-05', DATE '2024-03-06',
				               DATE '2024-04-05', DATE '2024-04-06', DATE '2024-04-07', DATE '2024-04-08',
				               DATE '2024-05-01', DATE '2024-05-02', DATE '2024-05-03', DATE '2024-05-04', DATE '2024-05-05', DATE '2024-05-06', DATE '2024-05-07', DATE '2024-05-31',
				               DATE '2024-06-01', DATE '2024-06-05', DATE '2024-06-10']) AS d))`); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "notebooks", "recurring-defects.md"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := RunNotebook(context.Background(), db, src, NotebookOptions{Name: "recurring-defects.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := `<tr><td dir="auto">unclassified</td><td dir="auto">2024-05</td><td class="num">8</td><td class="num">4</td><td class="num">4</td><td class="num">2</td></tr>`
	if page := string(out); !strings.Contains(page, want) {
		i := strings.Index(page, "<td dir=\"auto\">unclassified</td><td dir=\"auto\">2024")
		t.Errorf("the latest complete month's row is not %s; the page has %.200s", want, page[max(i, 0):])
	}
}
