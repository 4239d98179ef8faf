-- The columns the audit report's ID lists select by, for every complaint
-- of the scope, stored sorted by ID (see keepsOrder): several lists hold
-- nearly every complaint, and sorting each cost a full sort. The view
-- rpt_audit (audit_view.sql) names them.
CREATE OR REPLACE TEMP TABLE rpt_audit_rows AS
SELECT source, complaint_id, received_at, age_bucket, flags
FROM rpt_scope
ORDER BY source, complaint_id
