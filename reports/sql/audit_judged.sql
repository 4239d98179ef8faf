-- The scope's complaints as the audit judges them against the targets,
-- each counted once in each target's row: not judged, due (met or
-- missed) or open, not yet due. The scope (scope.sql) judges as
-- `complaints metrics` does, and left a complaint closed with no usable
-- time in none of the three: closed with no response and a resolution
-- dated before the receipt (a time before the receipt is no time), or
-- closed with neither a response nor a resolution date (QA: 6 of a
-- helpdesk's 1,998 tickets counted nowhere, the row not adding up). Its
-- record shows no acknowledgement, and it is closed, so none will come:
-- the audit counts it due and missed, not acknowledged (ack_unrecorded).
-- For resolution it is not judged, as the metrics leave it: closed,
-- resolved at a time not recorded, neither met nor missed as far as is
-- known (the completeness table counts its missing date).
-- The markers: VIEW the view made, FROM the view it reads, whose columns
-- are the scope's flags (rpt_complaints, or rpt_audit_flags of the sorted
-- copy, audit_view.sql), both names from audit.go.
CREATE OR REPLACE TEMP VIEW {{VIEW}} AS
SELECT *,
       -- why a complaint not judged for resolution (res_not_judged) is
       -- not: the list of those not judged against the targets gives it
       CASE WHEN NOT tracks_ack THEN 'the source records no response or resolution times'
            WHEN NOT tracks_res THEN 'the source records no resolution times'
            WHEN res_untimed AND closed_undated THEN 'closed without a resolution date'
            WHEN res_untimed THEN 'closed, resolution date before the receipt'
            ELSE 'closed in an export after the report date' END AS not_judged_why
FROM (
SELECT * REPLACE (ack_eligible OR ack_unrecorded AS ack_eligible, ack_met AND NOT ack_unrecorded AS ack_met),
       -- open within the acknowledgement target, or of no known state
       -- (a tweet with no reply yet) within it: not yet due
       tracks_ack AND NOT ack_eligible AND NOT ack_unrecorded AND NOT closed_later AS ack_not_due,
       -- not judged for acknowledgement: its source records no times, or
       -- it was closed, with no time, in an export after the report date
       -- (whether open then is not known)
       NOT tracks_ack OR (NOT ack_eligible AND closed_later) AS ack_not_judged,
       -- closed with no usable resolution date, of a source that records
       -- them: none, or one before the receipt
       tracks_res AND NOT res_eligible AND coalesce(closed, false) AS res_untimed,
       -- open within the resolution target
       tracks_res AND NOT res_eligible AND coalesce(is_open, false) AS res_not_due,
       -- not judged for resolution: its source records no resolution
       -- times, closed with no usable resolution date, or closed in an
       -- export after the report date; every complaint not judged for
       -- acknowledgement is not judged for resolution either
       NOT tracks_res OR (NOT res_eligible AND NOT coalesce(is_open, false)) AS res_not_judged
FROM (SELECT *, tracks_ack AND NOT ack_eligible AND coalesce(closed, false) AS ack_unrecorded FROM {{FROM}}))
