package reports

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
)

// chart is one go-echarts chart ready to be placed in a page: the element
// from RenderSnippet and the option JSON, escaped for a script data block.
// The pages' single init script (templates/layout.html) reads the option
// with JSON.parse, so no chart carries its own script.
type chart struct {
	ID      string
	Title   string
	Element template.HTML // <div id=ID> from go-echarts; contains only our ID and size
	Option  template.JS   // JSON, with <, >, & and line separators \u-escaped
	// Titles, when set, is the JSON list of the tooltip's title for each
	// category (a period's range: its name on the axis is its first
	// day); the init script reads it from the figure's data-titles.
	Titles string
}

// setTitles sets the tooltip titles of c's categories; nil leaves their
// names.
func (c *chart) setTitles(titles []string) {
	if titles == nil {
		c.Titles = ""
		return
	}
	b, err := json.Marshal(titles)
	if err != nil {
		panic("reports: titles: " + err.Error()) // a list of strings always marshals
	}
	c.Titles = string(b)
}

// dataText makes a string from the data safe to enter a chart option:
// HTML-escaped, because ECharts' default tooltips render names as HTML
// (apache/echarts issues 4769, 21285), and with go-echarts' function marker
// "__f__" neutralised, because go-echarts strips `"__f__` from its output,
// which would otherwise turn the rest of a data string into code.
// The pages' init script decodes the entities again for text ECharts draws
// on the canvas (axis labels, legends), where HTML has no meaning. Every
// name a chart gives is a label as the tables show it (shownLabel):
// redacted, on one line, and with the characters a page shows as their
// code points shown so (the option's JSON writes a control as an escape,
// "\u001b", which the page's own rewriting does not see and ECharts drew
// as nothing).
func dataText(s string) string {
	return strings.ReplaceAll(html.EscapeString(shownLabel(s)), "__f__", "&#95;&#95;f&#95;&#95;")
}

func dataTexts(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = dataText(s)
	}
	return out
}

// scriptJSON escapes JSON for a <script> element: go-echarts v2.6.7 writes
// the option without escaping <, > or &, so a category such as
// "</script><script>..." would end the element. \u escapes are equivalent in
// JSON, so JSON.parse reads the same value back.
func scriptJSON(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString(`\u003c`)
		case '>':
			b.WriteString(`\u003e`)
		case '&':
			b.WriteString(`\u0026`)
		case '\u2028':
			b.WriteString(`\u2028`)
		case '\u2029':
			b.WriteString(`\u2029`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// snippet renders a configured go-echarts chart into a chart. The option
// must be plain JSON: we use no JS functions, so anything else is a bug.
func snippet(id, title string, r render.Renderer) (chart, error) {
	s := r.RenderSnippet()
	opt := strings.TrimSpace(s.Option)
	if !json.Valid([]byte(opt)) {
		return chart{}, fmt.Errorf("chart %s: go-echarts produced an option that is not JSON", id)
	}
	return chart{
		ID:      id,
		Title:   title,
		Element: template.HTML(strings.TrimSpace(s.Element)),
		Option:  template.JS(scriptJSON(opt)),
	}, nil
}

// chartInit is the initialization shared by every chart: explicit ID (so the
// output is stable), full width, no animation (charts are drawn at once, for
// printing and screenshots).
func chartInit(id, height string) charts.GlobalOpts {
	if height == "" {
		height = "360px"
	}
	return charts.WithInitializationOpts(opts.Initialization{
		ChartID:    id,
		Width:      "100%",
		Height:     height,
		AssetsHost: "",
		PageTitle:  " ",
	})
}

func commonOpts(id, height string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		chartInit(id, height),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: "40", ContainLabel: opts.Bool(true)}),
	}
}

// series is a named run of values over a chart's categories; nil values are
// unknown and drawn as gaps.
type series struct {
	Name   string
	Values []*float64
	// Few marks, when set, the values that rest on too few answers to be
	// relied on (an NPS of fewer than metrics.MinTestResponses): a line
	// chart draws them hollow (fewSymbol) and the others filled.
	Few []bool
}

// fewSymbol is the symbol of a point that rests on too few answers: hollow,
// where the others are filled. The pages' init script names such a point
// so in its tooltip.
const fewSymbol = "emptyCircle"

func fptr(f float64) *float64 { return &f }

func chartValue(v *float64) any {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return "-" // ECharts' marker for a missing value (JSON has no NaN or Inf)
	}
	return *v
}

// barChart draws one or more series of bars over categories; horizontal
// puts the categories on the y axis (long names read better there).
func barChart(id, title string, cats []string, ss []series, horizontal, stacked bool) (chart, error) {
	height := ""
	if horizontal {
		height = fmt.Sprintf("%dpx", 80+24*len(cats))
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(commonOpts(id, height)...)
	cat := dataTexts(cats)
	if horizontal {
		bar.SetGlobalOptions(
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: cat, Inverse: opts.Bool(true)}),
			charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		)
		bar.XYReversal()
	} else {
		bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category"}))
	}
	bar.SetXAxis(cat)
	for _, s := range ss {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: chartValue(v)}
		}
		var so []charts.SeriesOpts
		if stacked {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		bar.AddSeries(dataText(s.Name), data, so...)
	}
	return snippet(id, title, bar)
}

// band is a 95% interval drawn as a shaded area around a line.
type band struct {
	Low, High []*float64
}

// lineChart draws series over categories (periods). When b is set, the
// first series gets a shaded interval band (drawn as a transparent lower
// line plus a stacked area of high-low, the usual ECharts idiom).
func lineChart(id, title string, cats []string, ss []series, b *band) (chart, error) {
	line := charts.NewLine()
	line.SetGlobalOptions(commonOpts(id, "")...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category"}))
	line.SetXAxis(dataTexts(cats))
	for _, s := range ss {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.LineData{Value: chartValue(v)}
			if s.Few != nil {
				data[i].Symbol, data[i].SymbolSize = "circle", 6
				if s.Few[i] {
					data[i].Symbol, data[i].SymbolSize = fewSymbol, 9
				}
			}
		}
		line.AddSeries(dataText(s.Name), data, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true)}))
	}
	if b != nil {
		// The band is drawn as a transparent "95% low" line with the
		// interval's width stacked on it; only the interval has a legend
		// entry.
		names := make([]string, 0, len(ss)+1)
		for _, s := range ss {
			names = append(names, dataText(s.Name))
		}
		line.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0",
			Data: append(names, "95% interval")}))
		low := make([]opts.LineData, len(b.Low))
		width := make([]opts.LineData, len(b.Low))
		for i := range b.Low {
			low[i] = opts.LineData{Value: chartValue(b.Low[i])}
			if b.Low[i] != nil && b.High[i] != nil {
				width[i] = opts.LineData{Value: *b.High[i] - *b.Low[i]}
			} else {
				width[i] = opts.LineData{Value: "-"}
			}
		}
		line.AddSeries("95% low", low,
			charts.WithLineChartOpts(opts.LineChart{Stack: "ci", Symbol: "none"}),
			charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}))
		line.AddSeries("95% interval", width,
			charts.WithLineChartOpts(opts.LineChart{Stack: "ci", Symbol: "none"}),
			charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}),
			charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.25)}))
	}
	return snippet(id, title, line)
}

// heatmapChart draws values on an x by y grid of categories; cells holds
// [x index, y index, value].
func heatmapChart(id, title string, xs, ys []string, cells [][3]float64, max float64) (chart, error) {
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(chartInit(id, fmt.Sprintf("%dpx", 160+28*len(ys))),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "60", Top: "10", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: dataTexts(xs), SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
			AxisLabel: &opts.AxisLabel{Rotate: 30, Interval: "0"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: dataTexts(ys), Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Calculable: opts.Bool(true), Min: 0, Max: float32(max),
			Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: []string{"#f7fbff", "#6baed6", "#08306b"}},
		}),
	)
	data := make([]opts.HeatMapData, len(cells))
	for i, c := range cells {
		data[i] = opts.HeatMapData{Value: [3]float64{c[0], c[1], c[2]}}
	}
	hm.AddSeries("complaints", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	return snippet(id, title, hm)
}

// intervalBarChart draws one bar per category with its 95% interval: the
// interval's ends are markers of two symbol-only line series overlapping
// the bars.
func intervalBarChart(id, title string, cats []string, name string, vals, lows, highs []*float64) (chart, error) {
	bar := charts.NewBar()
	bar.SetGlobalOptions(commonOpts(id, "")...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 20}}))
	bar.SetXAxis(dataTexts(cats))
	data := make([]opts.BarData, len(vals))
	for i, v := range vals {
		data[i] = opts.BarData{Value: chartValue(v)}
	}
	bar.AddSeries(dataText(name), data)
	ends := charts.NewLine()
	for _, s := range []struct {
		name string
		vs   []*float64
	}{{"95% low", lows}, {"95% high", highs}} {
		d := make([]opts.LineData, len(s.vs))
		for i, v := range s.vs {
			d[i] = opts.LineData{Value: chartValue(v)}
		}
		ends.AddSeries(s.name, d,
			charts.WithLineChartOpts(opts.LineChart{Symbol: "diamond", SymbolSize: 10, ShowSymbol: opts.Bool(true)}),
			charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}))
	}
	bar.Overlap(ends)
	return snippet(id, title, bar)
}
