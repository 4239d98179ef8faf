-- The complaints that missed the acknowledgement target (scope.sql's
-- ack_eligible and not ack_met), each with when it was acknowledged:
-- acknowledged late, or not acknowledged by the report date (NULL). The
-- page counted them as one "missed", where a complaint never answered and
-- one answered an hour late are not alike (a QA pass: 140 of 153 were
-- never answered). Few rows, so the time is read here rather than kept for
-- every complaint in rpt_scope. acknowledged_at is scope.sql's ack_at, the
-- first of the response and the resolution recorded by the report date
-- and not before the receipt: keep the two alike. As the audit judges it
-- (rpt_audited, audit_judged.sql), a closed complaint with no usable time
-- is among them, not acknowledged.
-- $1 cutoff (exclusive TIMESTAMP: the day after the report date)
CREATE OR REPLACE TEMP TABLE rpt_ack_missed AS
SELECT r.source, r.complaint_id, r.period,
       least(CASE WHEN c.first_response_at < $1 AND c.first_response_at >= c.received_at THEN c.first_response_at END,
             CASE WHEN c.resolved_at < $1 AND c.resolved_at >= c.received_at THEN c.resolved_at END) AS acknowledged_at
FROM rpt_audited r
JOIN complaints c ON c.source = r.source AND c.complaint_id = r.complaint_id
WHERE r.ack_eligible AND NOT r.ack_met
