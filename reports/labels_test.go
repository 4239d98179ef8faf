package reports

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/metrics"
)

// chartNames returns the texts a page's chart id names things by: its
// series' names, its legend's and its axes' categories, as the option's
// JSON holds them (HTML-escaped by dataText).
func chartNames(t *testing.T, page, id string) []string {
	t.Helper()
	m := regexp.MustCompile(`<script type="application/json" data-chart="` + regexp.QuoteMeta(id) + `">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no chart %s in the page", id)
	}
	var opt map[string]any
	if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
		t.Fatalf("chart %s: %v", id, err)
	}
	// go-echarts writes a component as an object or a list of them
	list := func(v any) []any {
		if l, ok := v.([]any); ok {
			return l
		}
		return []any{v}
	}
	var out []string
	for _, s := range list(opt["series"]) {
		if s, ok := s.(map[string]any); ok {
			if n, ok := s["name"].(string); ok {
				out = append(out, n)
			}
		}
	}
	for _, key := range []string{"legend", "xAxis", "yAxis"} {
		for _, c := range list(opt[key]) {
			if c, ok := c.(map[string]any); ok {
				for _, d := range list(c["data"]) {
					if d, ok := d.(string); ok {
						out = append(out, d)
					}
				}
			}
		}
	}
	return out
}

// TestChartTopicLabels: a chart names a topic as the tables do, by its
// label with its name ("Fees and charges (fees)"), where the warehouse
// keeps the taxonomy: the charts named the topics by their bare names
// beside tables of labels (a QA pass). The taxonomy is TestTopicLabels'
// (billing's label holds markup, escaped in the option as every chart
// text is); the comments of S0 (NPS 2, a detractor) and S7 (NPS 9, a
// promoter) are about fees and a bill, so the comments chart has both;
// the drivers are passed in, as metrics.Drivers would give them.
func TestChartTopicLabels(t *testing.T) {
	yaml := labelledTaxonomy
	f := func(x float64) *float64 { return &x }
	var drivers []metrics.Driver
	for _, m := range []string{"nps", "csat"} {
		for _, tp := range []string{"fees", "billing"} {
			drivers = append(drivers, metrics.Driver{Metric: m, Topic: tp, Responses: 40, Value: f(-0.3), Without: f(0.1), Overall: f(0.05),
				Impact: f(0.07), Coef: f(-0.35), CILow: f(-0.5), CIHigh: f(-0.2), PValue: f(0.001), Reference: "service"})
		}
	}
	dir := writeAnalytics(t, &Analytics{Tests: 10, Drivers: drivers, Recovery: &metrics.Recovery{}},
		`INSERT INTO classify_runs VALUES (TIMESTAMP '2024-04-06 07:00', 'fixture-1', false, 40, 2, '`+strings.ReplaceAll(yaml, "'", "''")+`')`,
		`UPDATE surveys SET comment = 'The fee was far too high.' WHERE response_id = 'S0'`,
		`UPDATE surveys SET comment = 'My bill was clear.' WHERE response_id = 'S7'`)
	const fees = "Fees and charges (fees)"
	billing := dataText("Billing & <b>statements</b> (billing)") // as the option holds it
	weekly, defects, executive := pageOf(t, dir, "weekly.html"), pageOf(t, dir, "defects.html"), pageOf(t, dir, "executive.html")
	for _, c := range []struct {
		page, id string
	}{
		{weekly, "weekly-volume"}, {weekly, "weekly-rates"}, {defects, "defects-heatmap"},
		{executive, "executive-drivers-nps"}, {executive, "executive-drivers-csat"}, {executive, "executive-comments"},
	} {
		names := chartNames(t, c.page, c.id)
		for _, want := range []string{fees, billing} {
			if !slices.Contains(names, want) {
				t.Errorf("chart %s does not name %q; it names %q", c.id, want, names)
			}
		}
		for _, bare := range []string{"fees", "billing"} {
			if slices.Contains(names, bare) {
				t.Errorf("chart %s names the labelled topic %s by its name alone", c.id, bare)
			}
		}
		if !slices.Contains(names, "service") && c.id != "executive-comments" && !strings.HasPrefix(c.id, "executive-drivers") {
			t.Errorf("chart %s does not name the unlabelled topic service by its name; it names %q", c.id, names)
		}
	}
	// the tables beside the charts name them so too
	for _, c := range []struct {
		page, section, want string
	}{
		{weekly, "volume", `<th scope="col" class="num">` + fees + `</th>`},
		{weekly, "rates", `<th scope="col" class="num">` + fees + `</th>`},
		{executive, "drivers-nps", `<td dir="auto">` + fees + `</td>`},
		{executive, "comments", `<td dir="auto">` + fees + `</td>`},
	} {
		if s := sectionOf(c.page, c.section); !strings.Contains(s, c.want) {
			t.Errorf("%s's table does not name fees %q:\n%s", c.section, c.want, s)
		}
	}
}

// TestTopicTextsUnique: the texts a chart names its series or categories
// by stay one a topic even where a topic's name reads as another's label
// and name (a legend filters by name: two series of one name would show
// and hide together); a text that would repeat falls back to the name.
func TestTopicTextsUnique(t *testing.T) {
	r := &run{labels: map[string]string{"fees": "Fees", "charges": "Fees", "odd": "x"}}
	got := r.topicTexts([]string{"fees", "charges", "Fees (fees)", "odd", "service"})
	want := []string{"fees", "Fees (charges)", "Fees (fees)", "x (odd)", "service"}
	if !slices.Equal(got, want) {
		t.Errorf("topicTexts = %q, want %q", got, want)
	}
}

// TestBrowserLongTopicLabels: two topics whose long labels begin alike
// stay told apart where a chart cuts its texts (the init script cuts a
// legend's or a level axis's text at 40 characters): the cut keeps the
// topic's name, "(name)", and shortens the label. Cut at the end, both
// read "Charges on a statement that the custome…", in the legend that
// shows and hides them and on the axis. The tooltip gives them whole.
func TestBrowserLongTopicLabels(t *testing.T) {
	ctx := newBrowser(t)
	r := &run{labels: map[string]string{
		"fees_disputed":   "Charges on a statement that the customer disputes",
		"fees_unexpected": "Charges on a statement that the customer did not expect",
	}}
	topics := r.topicTexts([]string{"fees_disputed", "fees_unexpected"})
	vals := []*float64{fptr(3), fptr(5)}
	line, err := lineChart("legend", "line", []string{"2024-03-18", "2024-03-25"},
		[]series{{Name: topics[0], Values: vals}, {Name: topics[1], Values: vals}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hbars, err := barChart("axis", "horizontal bars", topics, []series{{Name: "complaints", Values: vals}}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	tab := []table{{Columns: []string{"x"}}}
	p := page{File: "topics.html", Title: "long topic labels", Sections: []section{
		{ID: "s1", Title: "legend", Chart: &line, Tables: tab},
		{ID: "s2", Title: "axis", Chart: &hbars, Tables: tab},
	}}
	st := openCharts(t, ctx, p)
	for _, id := range []string{"legend", "axis"} {
		for _, name := range []string{"(fees_disputed)", "(fees_unexpected)"} {
			if !slices.ContainsFunc(st.Texts[id], func(s string) bool { return strings.HasSuffix(s, name) && len([]rune(s)) <= 40 }) {
				t.Errorf("chart %s draws no text of at most 40 characters ending %s; it draws %q", id, name, st.Texts[id])
			}
		}
	}
	for _, name := range topics {
		if !anyContains(st.Tooltips, name) {
			t.Errorf("no tooltip gives %q whole; tooltips: %q", name, st.Tooltips)
		}
	}
}
