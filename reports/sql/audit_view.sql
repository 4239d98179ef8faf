-- rpt_audit_rows (rpt_audit.sql) with its columns named as in the view
-- rpt_complaints (scope_view.sql, whose markers this shares).
CREATE OR REPLACE TEMP VIEW rpt_audit AS
SELECT source, complaint_id,
       date_trunc({{PERIOD}}, received_at)::DATE AS period,
       age_bucket::INTEGER AS age_bucket,
       {{FLAGS}},
       source_owner & 1 = 1 AS has_assignee, source_owner & 2 = 2 AS has_department
FROM rpt_audit_rows
