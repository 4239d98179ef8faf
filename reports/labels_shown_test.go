package reports

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/metrics/trend"
)

// TestLabelsRedacted: every category label a page shows passes through
// the redactor, in tables, charts, tooltips and sentences (QA pass AJ: a
// product "Card 4111 1111 1111 1111 ..." showed its card number on the
// index page's chart and table, in the weekly alerts and the defects
// page's recurring pairs and heat map; a trained model's labels, from an
// issue column, with an e-mail address and an SSN showed as topic names;
// a taxonomy's topic label with a card number on weekly, defects and
// audit). The fixture's products, topics, taxonomy label and a
// department are renamed so: 4111 1111 1111 1111 and 5500 0000 0000 0004
// are card test numbers (Luhn), 078-05-1120 the SSN printed on the
// Woolworth wallet card; alerts on the product and a topic are passed in.
// Billing is routed to the taxonomy's default department, named with a
// phone number, so the audit names its label and that department.
func TestLabelsRedacted(t *testing.T) {
	const yaml = `version: 1
default_department: Desk 020 7946 0958
topics:
  - name: billing
    label: Billing 5500 0000 0000 0004
    phrases: [bill]
`
	const (
		card  = "Card 4111 1111 1111 1111 gold"
		email = "Email john.smith@example.com"
		ssn   = "SSN 078-05-1120"
		desk  = "Desk (555) 867-5309"
	)
	alerts := []trend.Alert{
		{Kind: "spike", Dimension: "product", Group: card, PeriodStart: "2024-03-25", Observed: 4, Expected: 1, PValue: 0.001, QValue: 0.01, Method: "test", Evidence: []string{"G-7-0"}},
		{Kind: "spike", Dimension: "topic", Group: email, PeriodStart: "2024-03-25", Observed: 3, Expected: 1, PValue: 0.002, QValue: 0.02, Method: "test", Evidence: []string{"G-7-1"}},
	}
	dir := writeAnalytics(t, &Analytics{Tests: 10, Alerts: alerts},
		`INSERT INTO classify_runs VALUES (TIMESTAMP '2024-04-06 07:00', 'fixture-1', false, 40, 2, '`+yaml+`')`,
		`UPDATE complaints SET product = '`+card+`' WHERE product = 'Credit card'`,
		`UPDATE classifications SET topic = '`+email+`' WHERE topic = 'fees'`,
		`UPDATE classifications SET topic = '`+ssn+`', department = '`+desk+`' WHERE topic = 'service'`,
		`UPDATE classifications SET department = 'Desk 020 7946 0958' WHERE topic = 'billing'`)
	pages := map[string]string{}
	for _, f := range Files {
		pages[f] = pageOf(t, dir, f)
		for _, raw := range []string{"4111", "5500 0000", "john.smith", "078-05-1120", "867-5309", "7946 0958"} {
			if i := strings.Index(pages[f], raw); i >= 0 {
				t.Errorf("%s shows %q: ...%s...", f, raw, pages[f][max(0, i-80):min(len(pages[f]), i+80)])
			}
		}
	}
	for _, w := range []struct{ page, section, want string }{
		{"index.html", "by-product", "<td dir=\"auto\">Card [CARD] gold</td>"},
		{"index.html", "by-product", `"Card [CARD] gold"`}, // the chart's category
		{"weekly.html", "alerts", "<td dir=\"auto\">Card [CARD] gold</td>"},
		{"weekly.html", "alerts", "<td dir=\"auto\">Email [EMAIL]</td>"},
		{"weekly.html", "volume", "Billing [CARD] (billing)"},
		{"weekly.html", "this-period", "<td dir=\"auto\">SSN [SSN]</td>"},
		{"defects.html", "heatmap", `<th scope="col" class="num">Card [CARD] gold</th>`},
		{"defects.html", "heatmap", `"Card [CARD] gold"`},
		{"defects.html", "heatmap", `"Email [EMAIL]"`},
		{"defects.html", "recurring", "<td dir=\"auto\">Billing [CARD] (billing)</td>"},
		{"defects.html", "recurring", "<td dir=\"auto\">Desk [PHONE]</td>"},
		{"audit.html", "completeness", "Billing [CARD] (billing)"},
		{"audit.html", "completeness", "classify gave them Desk [PHONE], the default department"},
	} {
		if s := sectionOf(pages[w.page], w.section); !strings.Contains(s, w.want) {
			t.Errorf("%s's section %s lacks %q", w.page, w.section, w.want)
		}
	}
}

// TestShownLabelOrdinary: the redactor leaves ordinary labels as they are,
// so that the pages show them unchanged: every product, sub-product,
// issue, sub-issue and company of the CFPB exports in the shared data, and
// the built-in taxonomy's topics (names, labels, departments). None of
// them is longer than labelCap either, so no table cuts one.
func TestShownLabelOrdinary(t *testing.T) {
	tax := classify.DefaultTaxonomy()
	labels := []string{tax.DefaultDepartment}
	r := &run{labels: map[string]string{}}
	for _, tp := range tax.Topics {
		labels = append(labels, tp.Name, tp.Label, tp.Department)
		if tp.Label != "" {
			r.labels[tp.Name] = tp.Label
			if got, want := r.topicText(tp.Name), tp.Label+" ("+tp.Name+")"; got != want {
				t.Errorf("topicText(%q) = %q, want %q", tp.Name, got, want)
			}
		}
	}
	data := filepath.Join("..", "..", "shared", "data")
	files := []string{"cfpb-bdm-sample/complaints_sample.csv", "cfpb-narratives-product/Consumer_Complaints.csv",
		"cfpb-schema-variants/cfpb_2013_snake_case.csv", "cfpb-schema-variants/cfpb_2016-09_export.csv"}
	columns := []string{"product", "sub-product", "sub_product", "issue", "sub-issue", "sub_issue", "company"}
	found := 0
	for _, name := range files {
		f, err := os.Open(filepath.Join(data, name))
		if err != nil {
			t.Logf("shared data missing (%v): the CFPB's labels not checked", err)
			continue
		}
		rd := csv.NewReader(f)
		rd.FieldsPerRecord = -1
		head, err := rd.Read()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for {
			rec, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for i, v := range rec {
				if i < len(head) && slices.Contains(columns, strings.ToLower(head[i])) && v != "" {
					labels = append(labels, v)
					found++
				}
			}
		}
		f.Close()
	}
	slices.Sort(labels)
	labels = slices.Compact(labels)
	for _, l := range labels {
		if got := shownLabel(l); got != l {
			t.Errorf("shownLabel(%q) = %q, want it unchanged", l, got)
		}
		if n := utf8.RuneCountInString(l); n > labelCap {
			t.Errorf("label %q is %d characters, longer than labelCap (%d)", l, n, labelCap)
		}
	}
	t.Logf("%d distinct labels checked (%d values of the CFPB data)", len(labels), found)
}

// TestShownFormsAgree: a label's characters are shown alike in a chart,
// a table and an attribute (QA pass AJ: a NUL was "[U+0000]" in the
// chart's JSON and U+FFFD, as html/template writes it, in an aria-label
// of defects.html; U+2028 and U+2029 were a space on the chart and
// nothing in a table). A topic holds a NUL, a product a line separator
// and a product a paragraph separator.
func TestShownFormsAgree(t *testing.T) {
	page, _ := pageWith(t, "defects.html",
		`UPDATE classifications SET topic = 'fe' || chr(0) || 'es' WHERE topic = 'fees'`,
		`UPDATE complaints SET product = 'Mortgage' || chr(8232) || 'plus' WHERE product = 'Mortgage'`,
		`UPDATE complaints SET product = 'Credit' || chr(8233) || 'card' WHERE product = 'Credit card'`)
	if strings.ContainsAny(page, "\uFFFD\u2028\u2029") || strings.Contains(page, `\u2028`) || strings.Contains(page, `\u2029`) {
		t.Errorf("defects.html holds U+FFFD, U+2028 or U+2029, raw or escaped")
	}
	rec := sectionOf(page, "recurring")
	for _, want := range []string{"<td dir=\"auto\">fe[U+0000]es</td>", "complaints, fe[U+0000]es, ", "<td dir=\"auto\">Mortgage plus</td>", "<td dir=\"auto\">Credit card</td>"} {
		if !strings.Contains(rec, want) {
			t.Errorf("defects.html's recurring pairs lack %q", want)
		}
	}
	names := chartNames(t, page, "defects-heatmap")
	for _, want := range []string{"fe[U+0000]es", "Mortgage plus", "Credit card"} {
		if !slices.Contains(names, want) {
			t.Errorf("the heat map does not name %q; it names %q", want, names)
		}
	}
}

// TestLongLabelCut: a label longer than labelCap is cut in a table's cell
// or header, with an ellipsis, whole in its title (QA pass AJ: a product
// of 5,000 characters was printed whole in the index and defects
// tables). "Overdraft" 500 times, spaced, is 4,999 characters; cut, its
// first 99 and the ellipsis.
func TestLongLabelCut(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("Overdraft ", 500))
	cut := string([]rune(long)[:labelCap-1]) + "\u2026"
	db := fixtureWarehouseWith(t, `UPDATE complaints SET product = '`+long+`' WHERE product = 'Mortgage'`)
	dir := t.TempDir()
	if err := Write(t.Context(), db, Options{OutDir: dir, AsOf: fixtureAsOf}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct{ page, section, want string }{
		{"index.html", "by-product", `<td dir="auto" title="` + long + `">` + cut + `</td>`},
		{"defects.html", "recurring", `<td dir="auto" title="` + long + `">` + cut + `</td>`},
		{"defects.html", "heatmap", `<th scope="col" class="num" title="` + long + `">` + cut + `</th>`},
	} {
		s := sectionOf(readPage(t, dir, w.page), w.section)
		if !strings.Contains(s, w.want) {
			t.Errorf("%s's section %s lacks the cut label %q", w.page, w.section, cut)
		}
		if strings.Contains(s, ">"+long+"<") {
			t.Errorf("%s's section %s shows the label whole", w.page, w.section)
		}
	}
}
