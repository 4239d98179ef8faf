// Package reports writes the pipeline's self-contained HTML reports, runs
// Markdown notebooks against the warehouse, and exports the warehouse as
// Parquet.
//
// A report is one HTML file built from our own html/template layouts
// (templates/) with go-echarts charts placed among tables and text. Each
// page inlines the vendored ECharts script (assets/echarts.min.js, Apache
// 2.0, see assets/LICENSE) once, so it opens from a file with no network.
// Every figure is an aggregate computed in DuckDB by the embedded SQL in
// sql/; the complaint IDs behind a figure are written as CSV files beside
// the report (ids/), linked from the figure.
//
// Complaint text and every source value are untrusted. In HTML they pass
// through html/template's contextual escaping. In charts, every string from
// the data is HTML-escaped before it enters a chart option (ECharts renders
// tooltip names as HTML) and the option JSON is escaped for a script
// element (go-echarts v2.6.7 does not escape <, > or &). Options are placed
// in <script type="application/json"> data blocks read by one init script.
//
// Output is deterministic: chart IDs are fixed, every query has a total
// order, and the report date is the Options.AsOf given (or the latest date
// in the data), never the wall clock.
package reports
