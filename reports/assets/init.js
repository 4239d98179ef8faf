(function () {
  "use strict";
  // Data strings arrive HTML-escaped (tooltips render HTML); canvas text is
  // not HTML, so labels drawn there are decoded back, as plain strings.
  var named = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" };
  function decode(s) {
    if (typeof s !== "string" || s.indexOf("&") < 0) { return s; }
    return s.replace(/&(#[0-9]+|[a-z]+);/g, function (m, e) {
      if (e.charAt(0) === "#") { return String.fromCharCode(parseInt(e.slice(1), 10)); }
      return Object.prototype.hasOwnProperty.call(named, e) ? named[e] : m;
    });
  }
  // A long label is cut to 40 characters. A topic's "label (name)"
  // (reports/labels.go) keeps its name and loses the label's end: two
  // labels may begin alike, or be one, and a legend's entries must stay
  // told apart (the tooltip and the table give the text whole).
  // Characters are counted and cut as a reader sees them: grapheme
  // clusters where the browser has Intl.Segmenter, else code points. Cut
  // by UTF-16 units, an emoji lost half of its surrogate pair and drew as
  // a broken glyph; cut by code points, a family emoji (a ZWJ sequence)
  // drew as its first person.
  var graphemes = typeof Intl === "object" && Intl.Segmenter ? new Intl.Segmenter("en", { granularity: "grapheme" }) : null;
  function chars(s) {
    return graphemes ? Array.from(graphemes.segment(s), function (g) { return g.segment; }) : Array.from(s);
  }
  function cut(s, n) { return chars(s).slice(0, n).join(""); }
  function label(s) {
    s = decode(String(s));
    if (chars(s).length <= 40) { return s; }
    var m = /^(.*\S) (\([^()]{1,24}\))$/.exec(s);
    if (m) { return cut(m[1], 40 - chars(m[2]).length - 2).replace(/\s+$/, "") + "\u2026 " + m[2]; }
    return cut(s, 39) + "\u2026";
  }
  // Tooltips are HTML. Every name in an option was HTML-escaped exactly
  // once by the report writer, so it is inserted as it is (and shows as
  // text); anything else that is not a number is escaped here.
  function esc(v) {
    if (typeof v === "number") { return String(v); }
    return String(v).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function first(x) { return Array.isArray(x) ? x[0] : x; }
  function last(v) { return Array.isArray(v) ? v[v.length - 1] : v; }
  // A tooltip writes a value as the tables do: a series of whole numbers
  // (counts) whole, any other with one decimal ("-15.4", where it showed
  // -15.384615384615385), except that a value one decimal would show as
  // 0.0 keeps two significant digits (a notebook may chart small rates).
  function whole(s) {
    return (s && Array.isArray(s.data) ? s.data : []).every(function (d) {
      var v = last(d !== null && typeof d === "object" && !Array.isArray(d) ? d.value : d);
      return typeof v !== "number" || Number.isInteger(v);
    });
  }
  function fmt(v, isWhole) {
    if (typeof v !== "number") { return esc(v); }
    if (isWhole) { return String(v); }
    return v !== 0 && Math.abs(v) < 0.05 ? v.toPrecision(2) : v.toFixed(1);
  }
  // titles, when given, name each category in the tooltip (a period's
  // range, where the axis gives its first day)
  function tooltip(option, titles) {
    var series = option.series || [];
    return function (params) {
      params = Array.isArray(params) ? params : [params];
      if (!params.length) { return ""; }
      var p0 = params[0];
      if (p0.seriesType === "heatmap") {
        var xs = (first(option.xAxis) || {}).data || [];
        var ys = (first(option.yAxis) || {}).data || [];
        var v = p0.value || [];
        return (ys[v[1]] || "") + " / " + (xs[v[0]] || "") + ": <b>" + fmt(v[2], whole(series[p0.seriesIndex])) + "</b>";
      }
      var lines = [titles && typeof titles[p0.dataIndex] === "string" ? esc(titles[p0.dataIndex]) : p0.name];
      var low = null;
      params.forEach(function (p) {
        var s = series[p.seriesIndex] || {};
        var v = last(p.value);
        if (s.stack === "ci") {
          // A line's 95% band (chart.go lineChart) is a transparent low
          // line with the interval's width stacked on it: the two are one
          // line, "low to high". The width alone read as the interval.
          if (low === null) { low = { v: v, whole: whole(s) }; return; }
          if (typeof low.v === "number" && typeof v === "number") {
            lines.push(p.marker + p.seriesName + ": <b>" + fmt(low.v, low.whole) + " to " + fmt(low.v + v, low.whole && whole(s)) + "</b>");
          }
          return;
        }
        // a hollow point (chart.go fewSymbol) rests on too few answers
        var few = p.data && p.data.symbol === "emptyCircle" ? " (too few responses to rely on)" : "";
        lines.push(p.marker + p.seriesName + ": <b>" + fmt(v, whole(s)) + "</b>" + few);
      });
      return lines.join("<br>");
    };
  }
  function each(x, f) { if (x) { (Array.isArray(x) ? x : [x]).forEach(f); } }
  var instances = [];
  document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (el) {
    var option = JSON.parse(el.textContent);
    var div = document.getElementById(el.getAttribute("data-chart"));
    var fig = div && div.closest("figure");
    // the text a page without scripts shows in the chart's place
    var none = fig && fig.querySelector(".nochart");
    if (none) { none.remove(); }
    var titles = JSON.parse((fig && fig.getAttribute("data-titles")) || "null");
    each(option.xAxis, function (a) {
      a.axisLabel = a.axisLabel || {};
      a.axisLabel.formatter = label;
      // A slanted label reaches left of its tick by most of its length,
      // which the grid's containLabel does not make room for: the first
      // category's long name ran off the chart. Slanted labels are cut to
      // a width the axis names beside them leave room for (a fifth of a
      // phone's chart); the tooltip and the table give them whole.
      var px = function (m) {
        return typeof m === "string" && m.slice(-1) === "%" ? div.clientWidth * parseFloat(m) / 100 : Number(m) || 0;
      };
      if (a.axisLabel.rotate) {
        var w = Math.min(130, Math.round(div.clientWidth / 5));
        a.axisLabel.width = w;
        a.axisLabel.overflow = "truncate";
        // Cut, the first label still reaches left of its tick by about
        // its width times the slant's cosine: on a phone, more than the
        // first tick stands from the edge. The grid's left margin holds it.
        var reach = Math.ceil(w * Math.cos(a.axisLabel.rotate * Math.PI / 180)) + 4;
        each(option.grid, function (g) {
          if (px(g.left) < reach) { g.left = reach; }
        });
      } else if (Array.isArray(a.data) && a.data.length) {
        // A level label is centred on its tick: half of the last one lies
        // right of the axis and half of the first left of it, which
        // containLabel does not make room for either. The grid's margins
        // are widened to hold them (about 7 px a character). Aligning the
        // end labels inward instead hid the first and last dates of a
        // line chart.
        var half = function (v) { return Math.ceil(String(label(v)).length * 7 / 2) + 4; };
        var left = half(a.data[0]), right = half(a.data[a.data.length - 1]);
        each(option.grid, function (g) {
          if (px(g.left) < left) { g.left = left; }
          if (px(g.right) < right) { g.right = right; }
        });
      }
    });
    each(option.yAxis, function (a) { a.axisLabel = a.axisLabel || {}; a.axisLabel.formatter = label; });
    each(option.legend, function (l) { l.formatter = label; });
    each(option.tooltip, function (t) { t.formatter = tooltip(option, titles); });
    // Interval bands stack (high - low) on the low line; with negative
    // values (NPS) ECharts would stack positives and negatives apart.
    each(option.series, function (s) { if (s.stack) { s.stackStrategy = "all"; } });
    var chart = echarts.init(div, null, { renderer: "canvas" });
    chart.setOption(option);
    var c = { div: div, option: option, chart: chart };
    fit(c);
    describe(c);
    instances.push(c);
  });
  // A heatmap's slanted axis labels stand a column's width apart along
  // the axis, and so a column's width times the slant's sine apart across
  // their lines: with a dozen columns on a phone (16 px each) the labels
  // ran into each other, and so did the cells' counts. Where the columns
  // are too narrow for a slanted line (lineHeight px apart), the labels
  // stand upright, in a smaller type when even that is too narrow; a
  // cell too narrow for its count leaves it to the tooltip and the table.
  function fit(c) {
    var lineHeight = 14; // px; set here, as fit first runs from the loop above
    var x = first(c.option.xAxis);
    var heat = (c.option.series || []).some(function (s) { return s.type === "heatmap"; });
    if (!heat || !x || !x.axisLabel || !x.axisLabel.rotate) { return; }
    var band = c.chart.getModel().getComponent("xAxis", 0).axis.getBandWidth();
    var slant = x.axisLabel.rotate;
    var rotate = slant, size = 12;
    if (band * Math.sin(slant * Math.PI / 180) < lineHeight) {
      rotate = 90;
      if (band < lineHeight) { size = Math.max(8, Math.floor(band * 12 / lineHeight)); }
    }
    var widest = 0;
    c.option.series.forEach(function (s) {
      (s.data || []).forEach(function (d) { widest = Math.max(widest, fmt(last(d.value || d), true).length); });
    });
    c.chart.setOption({
      xAxis: [{ axisLabel: { rotate: rotate, fontSize: size } }],
      series: c.option.series.map(function () { return { label: { show: band >= widest * 7 + 4 } }; })
    });
  }
  // A screen reader reads a drawn chart as an image named by its
  // figure's title and sent to the table below, which holds its figures
  // as the page writes them (ECharts' own aria description read raw
  // values, bar positions and NaN, unlike the table: a QA pass). A label
  // on a plain element is not read, so the element is named an image.
  // Once: ECharts, its aria option off, leaves both attributes alone when
  // it resizes or draws the chart again.
  function describe(c) {
    var f = c.div.closest("figure");
    var title = f ? f.getAttribute("aria-label") : "";
    c.div.setAttribute("role", "img");
    c.div.setAttribute("aria-label", (title ? title + ": " : "") + "a chart; the table below holds its figures");
  }
  function resize() { instances.forEach(function (c) { c.chart.resize(); fit(c); }); }
  // On screen the charts are drawn on canvases; printed, a canvas is a
  // raster of the screen's resolution (about 100 ppi on paper), so for
  // printing each chart is drawn again as SVG, sharp at any size, and
  // back on canvas afterwards. ECharts cannot change a chart's renderer,
  // so each is disposed of and made anew at the page's print width.
  var renderer = "canvas";
  function redraw(r) {
    if (r === renderer) { resize(); return; }
    renderer = r;
    instances.forEach(function (c) {
      c.chart.dispose();
      c.chart = echarts.init(c.div, null, { renderer: r });
      c.chart.setOption(c.option);
      fit(c);
      if (r === "svg") { wholeLegend(c.chart); }
    });
  }
  // A legend that scrolls shows one page of its names and "1/2": on paper
  // the rest are lost. Printed, it runs on over as many lines as it needs,
  // and the plot starts below it.
  function wholeLegend(chart) {
    var legend = chart.getModel().getComponent("legend");
    if (!legend || legend.get("type") !== "scroll") { return; }
    chart.setOption({ legend: [{ type: "plain" }] });
    var view = chart.getViewOfComponentModel(chart.getModel().getComponent("legend"));
    var box = view && view.group.getBoundingRect();
    if (!box) { return; }
    var below = Math.ceil(view.group.y + box.y + box.height) + 10;
    chart.setOption({ grid: (chart.getOption().grid || []).map(function (g) {
      return { top: Math.max(Number(g.top) || 0, below) };
    }) });
  }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", function () { redraw("svg"); });
  window.addEventListener("afterprint", function () { redraw("canvas"); });
  // printing to PDF from the browser's own machinery may only switch media
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onPrint = function (e) { redraw(e.matches ? "svg" : "canvas"); };
    if (print.addEventListener) { print.addEventListener("change", onPrint); } else if (print.addListener) { print.addListener(onPrint); }
  }
})();
