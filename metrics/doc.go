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
package metrics
