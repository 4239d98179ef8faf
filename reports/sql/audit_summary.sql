-- Process figures over the complaints in scope (rpt_complaints). Each count
-- here has a matching ID list written by audit.go with the same predicate.
-- One row per source: sources handle complaints too differently to be
-- judged pooled alone (a support thread's replies in minutes, a helpdesk's
-- in days: QA found urgent complaints "20 times slower" that were not).
-- audit.go sums the sources' counts for the figures of every source
-- (pooledRow): a grouping set of them all besides would hold every
-- complaint's hours twice for the medians, which do not add up and are
-- shown by source only.
-- The missed acknowledgements are split, by source, into those acknowledged
-- late and those not acknowledged by the report date (rpt_ack_missed,
-- audit_ack_missed.sql, which the split's lists read too).
-- The complaints are judged as the audit judges them (rpt_audited,
-- audit_judged.sql): each of a source's complaints is, for each target,
-- not judged, due (met or missed) or open, not yet due, and the tables by
-- source say so (QA: a helpdesk's row of 1,998 tickets counted 6 nowhere
-- for acknowledgement and 36 for resolution).
WITH missed AS (
    SELECT source, count(acknowledged_at) AS ack_late, count(*) FILTER (WHERE acknowledged_at IS NULL) AS ack_not_acknowledged
    FROM rpt_ack_missed
    GROUP BY source
),
s AS (
SELECT
    source,
    count(*) AS complaints,
    -- the first receipt: the complaints are every one received from it up
    -- to the report date
    strftime(min(received_at), '%Y-%m-%d') AS first_received,
    count(*) FILTER (WHERE ack_eligible) AS ack_eligible,
    count(*) FILTER (WHERE ack_met) AS ack_met,
    count(*) FILTER (WHERE ack_eligible AND NOT ack_met) AS ack_missed,
    round(100.0 * count(*) FILTER (WHERE ack_met) / nullif(count(*) FILTER (WHERE ack_eligible), 0), 1) AS ack_pct,
    round(median(ack_hours), 1) AS ack_median_hours,
    count(*) FILTER (WHERE ack_not_due) AS ack_not_due,
    count(*) FILTER (WHERE ack_not_judged) AS ack_not_judged,
    count(*) FILTER (WHERE res_eligible) AS res_eligible,
    count(*) FILTER (WHERE res_met) AS res_met,
    count(*) FILTER (WHERE res_eligible AND NOT res_met) AS res_missed,
    round(100.0 * count(*) FILTER (WHERE res_met) / nullif(count(*) FILTER (WHERE res_eligible), 0), 1) AS res_pct,
    round(median(res_hours), 1) AS res_median_hours,
    count(*) FILTER (WHERE res_not_due) AS res_not_due,
    count(*) FILTER (WHERE res_not_judged) AS res_not_judged,
    -- of those, closed with no usable resolution date (without one, or
    -- one before the receipt) and closed in an export after the report
    -- date: the reasons besides the source's recording none
    count(*) FILTER (WHERE res_untimed AND closed_undated) AS res_undated,
    count(*) FILTER (WHERE res_untimed AND NOT closed_undated) AS res_dated_before,
    count(*) FILTER (WHERE tracks_res AND res_not_judged AND closed_later) AS res_closed_later,
    -- the SLA as `complaints metrics` judges it (compute.sql's sla_met):
    -- missed when either target is, met when both are, of a source that
    -- records resolution times (tracks_res, scope.sql)
    count(*) FILTER (WHERE tracks_res AND (ack_met AND res_met OR ack_met IS FALSE OR res_met IS FALSE)) AS sla_judged,
    count(*) FILTER (WHERE tracks_res AND ack_met AND res_met) AS sla_met,
    count(*) FILTER (WHERE tracks_res AND (ack_met IS FALSE OR res_met IS FALSE)) AS sla_missed,
    round(100.0 * count(*) FILTER (WHERE tracks_res AND ack_met AND res_met)
          / nullif(count(*) FILTER (WHERE tracks_res AND (ack_met AND res_met OR ack_met IS FALSE OR res_met IS FALSE)), 0), 1) AS sla_pct,
    -- the rest, not judged as for resolution (resolved with no usable
    -- time, of a source that records none), else a target pending
    count(*) FILTER (WHERE NOT coalesce(tracks_res AND (ack_met AND res_met OR ack_met IS FALSE OR res_met IS FALSE), false) AND res_not_judged) AS sla_not_judged,
    count(*) FILTER (WHERE NOT coalesce(tracks_res AND (ack_met AND res_met OR ack_met IS FALSE OR res_met IS FALSE), false) AND NOT res_not_judged) AS sla_not_due,
    -- not judged because of what the source records: no response or
    -- resolution times (for neither target), or no resolution times (for
    -- resolution and the SLA), open or closed (scope.sql's tracked); the
    -- first are of the second. untracked is every complaint not judged
    -- for resolution, each once: those not judged for acknowledgement are
    -- of them (audit_judged.sql)
    count(*) FILTER (WHERE NOT tracks_ack) AS ack_untracked,
    count(*) FILTER (WHERE NOT tracks_res) AS res_untracked,
    count(*) FILTER (WHERE res_not_judged) AS untracked,
    -- of those, the ones still open past the resolution target: missed,
    -- whatever their resolution
    count(*) FILTER (WHERE NOT tracks_res AND open_past_res) AS untracked_open_past,
    count(*) FILTER (WHERE is_open) AS open,
    count(*) FILTER (WHERE is_open IS NULL AND NOT closed_later) AS status_unknown,
    -- closed without a resolution date, of a source that records
    -- resolution dates (an incomplete record); of one that records none
    -- (a CFPB export), every closed complaint is, and is counted apart
    count(*) FILTER (WHERE closed_undated AND tracks_res) AS closed_undated,
    count(*) FILTER (WHERE closed_undated AND NOT tracks_res) AS closed_no_dates,
    count(*) FILTER (WHERE closed_later) AS closed_later,
    count(*) FILTER (WHERE time_before_receipt) AS time_before_receipt,
    count(timely) AS timely_known,
    count(*) FILTER (WHERE timely) AS timely,
    count(*) FILTER (WHERE NOT timely) AS untimely,
    count(disputed) AS disputed_known,
    count(*) FILTER (WHERE disputed) AS disputed,
    count(reopened) AS reopened_known,
    count(*) FILTER (WHERE reopened) AS reopened,
    count(*) FILTER (WHERE legal_threat) AS legal,
    count(*) FILTER (WHERE urgent AND is_open) AS urgent_open,
    -- of which open is known (a tweet has neither a status nor a
    -- resolution date): "urgent and still open 0" read as none open
    count(*) FILTER (WHERE urgent AND is_open IS NOT NULL) AS urgent_status_known,
    count(*) FILTER (WHERE urgent AND ack_eligible AND NOT ack_met) AS urgent_ack_missed,
    count(*) FILTER (WHERE urgent AND ack_eligible) AS urgent_ack_due,
    count(*) FILTER (WHERE urgent) AS urgent
FROM rpt_audited
GROUP BY source
)
SELECT s.*, coalesce(m.ack_late, 0) AS ack_late, coalesce(m.ack_not_acknowledged, 0) AS ack_not_acknowledged
FROM s
LEFT JOIN missed m ON m.source = s.source
ORDER BY s.source
