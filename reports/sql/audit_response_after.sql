-- The complaints whose first response is recorded after their resolution,
-- both usable times (at or after the receipt, before the cutoff $1): as
-- the targets judge it (scope.sql), the resolution acknowledged them, at
-- its hours, whatever the response's; the audit lists them (QA: tickets
-- resolved 4 hours after their receipt and answered 9 days later read
-- "acknowledged within target" in 4 hours, silently). A response after
-- the cutoff is not known at the report date. Few rows: kept apart, so
-- that none is written when there is none. $2 the report's period.
CREATE OR REPLACE TEMP TABLE rpt_response_after AS
SELECT source, complaint_id, date_trunc($2, received_at)::DATE AS period
FROM complaints
WHERE received_at < $1
  AND resolved_at >= received_at
  AND first_response_at > resolved_at AND first_response_at < $1
