// Package metrics computes the service KPIs of the complaint warehouse:
// complaint volumes, resolution, first-response and resolution times, SLA
// attainment, backlog and ageing, CSAT, NPS and CES with confidence
// intervals, churn signals per customer, service recovery and the topics that
// drive satisfaction.
//
// The model is the canonical warehouse schema (complaints, surveys,
// customers, classifications; see internal/warehouse/migrations). Every
// figure is computed in DuckDB SQL kept in embedded .sql files; Go chooses
// the SQL, binds values as parameters and scans the results. Dimension names
// come from a fixed allow-list ([Dimensions]), never from user text.
//
// Complaint figures are bucketed by received_at, survey figures by
// responded_at; periods are days, ISO weeks (starting Monday) or calendar
// months. A figure that cannot be known (no surveys, no timestamps) is nil,
// never 0. The definitions of each figure are on the fields of [Row].
//
// Figures as of a date in the past (Options.AsOf, Options.Since: the
// trends' backtests) use only what was known then. A complaint closed
// without a resolution time (every CFPB complaint: the export records the
// state at export time only) is known closed only as of the export that
// recorded it, dated by the latest time (received_at, first_response_at
// or resolved_at) among the complaints stored by the same ingest run
// (complaints.ingest_run_id; a lower bound of the export date: a file of
// updates to older complaints is no export of long ago). When the report date's cutoff (the day after the as-of
// date) is after that date, it counts as resolved; before, whether it was
// resolved by the report date is unknown: it is not judged for resolution
// (left out of the resolution rate's numerator and denominator, and of the
// service-recovery groups), and as any closure without a time it is in no
// backlog and its SLA is unknown. Of a source that records no resolution
// times none of such a run's complaints is judged, the open ones neither,
// so that which complaints are judged does not turn on their outcome. At
// the default as-of date, the latest in the data, every such closure is
// known.
package metrics
