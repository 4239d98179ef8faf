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
  function label(s) {
    s = decode(String(s));
    return s.length > 40 ? s.slice(0, 39) + "\u2026" : s;
  }
  function each(x, f) { if (x) { (Array.isArray(x) ? x : [x]).forEach(f); } }
  var instances = [];
  document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (el) {
    var option = JSON.parse(el.textContent);
    each(option.xAxis, function (a) { a.axisLabel = a.axisLabel || {}; a.axisLabel.formatter = label; });
    each(option.yAxis, function (a) { a.axisLabel = a.axisLabel || {}; a.axisLabel.formatter = label; });
    each(option.legend, function (l) { l.formatter = label; });
    var chart = echarts.init(document.getElementById(el.getAttribute("data-chart")), null, { renderer: "canvas" });
    chart.setOption(option);
    instances.push(chart);
  });
  function resize() { instances.forEach(function (c) { c.resize(); }); }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);
})();
