package reports

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// ourTags are the only elements markdownHTML writes.
var ourTags = regexp.MustCompile(`</?(p|h[2-6]|ul|li|code)>`)

// FuzzMarkdownHTML checks that no input makes markdownHTML emit markup of
// its own: once our tags are removed, no '<' is left, and unescaping gives
// back only text from the input.
func FuzzMarkdownHTML(f *testing.F) {
	for _, s := range []string{"# T\n\ntext", hostile, "- `<b>`\n- x", "## <script>alert(1)</script>", "`a`b`", "#######"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		out, _ := markdownHTML(md)
		rest := ourTags.ReplaceAllString(string(out), "")
		if strings.Contains(rest, "<") {
			t.Fatalf("markdownHTML(%q) = %q: markup beyond its own tags", md, out)
		}
	})
}

// FuzzChartText checks the chart escaping for any data string: the option
// holding it is valid JSON with no '<', '>' or '&' left raw (so it cannot
// end its script element), and it decodes to the HTML-escaped string,
// which unescapes to the original as the pages show a label (shownLabel:
// a control or an invisible character as its code point, "[U+0005]", a
// line separator as a space, personal data redacted).
func FuzzChartText(f *testing.F) {
	for _, s := range []string{hostile, "__f__alert(1)", "a\u2028b", "\"quoted\"", "&amp;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // DuckDB VARCHARs are valid UTF-8
		}
		c, err := barChart("fuzz", "fuzz", []string{s}, []series{{Name: s, Values: []*float64{fptr(1)}}}, false, false)
		if err != nil {
			t.Fatal(err)
		}
		opt := string(c.Option)
		if strings.ContainsAny(opt, "<>&") {
			t.Fatalf("option for %q holds a raw <, > or &: %s", s, opt)
		}
		var v struct {
			XAxis []struct {
				Data []string `json:"data"`
			} `json:"xAxis"`
		}
		if err := json.Unmarshal([]byte(opt), &v); err != nil {
			t.Fatalf("option for %q is not JSON: %v", s, err)
		}
		got := v.XAxis[0].Data[0]
		if got != dataText(s) {
			t.Fatalf("category of %q = %q, want %q", s, got, dataText(s))
		}
		if html.UnescapeString(got) != shownLabel(s) {
			t.Fatalf("category of %q unescapes to %q, want %q", s, html.UnescapeString(got), shownLabel(s))
		}
	})
}

// FuzzParseNotebook checks that no notebook makes the parser or the
// statement splitter panic, and that the splitter only cuts at semicolons:
// its statements are pieces of the cell, in order.
func FuzzParseNotebook(f *testing.F) {
	for _, s := range []string{"# T\n```sql\n-- chart: line x=a y=b\nSELECT 1\n```\n", "```", "~~~sql\n", "-- chart:",
		"```sql\nSELECT '$$;'; SELECT $a$;$a$ /* ; */ -- ;\n```\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		parseNotebook([]byte(src))
		rest := src
		for _, st := range SplitStatements(src) {
			i := strings.Index(rest, st)
			if i < 0 {
				t.Fatalf("statement %q is not a piece of %q after the statements before it", st, src)
			}
			rest = rest[i+len(st):]
		}
	})
}
