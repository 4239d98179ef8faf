-- rpt_audit_rows (rpt_audit.sql) with its columns named as in the view
-- rpt_complaints (scope_view.sql, whose markers this shares): the view
-- rpt_audit, which the ID lists read, is this as the audit judges it
-- (audit_judged.sql).
CREATE OR REPLACE TEMP VIEW rpt_audit_flags AS
SELECT source, complaint_id,
       date_trunc({{PERIOD}}, received_at)::DATE AS period,
       age_bucket::INTEGER AS age_bucket,
       {{FLAGS}},
       more_flags & 1 = 1 AS has_assignee, more_flags & 2 = 2 AS has_department, more_flags & 4 = 4 AS open_past_res,
       more_flags & 8 = 8 AS default_owner, more_flags & 16 = 16 AS routing_unknown,
       -- whether the source records each field (rpt_audit.sql's recorded)
       recorded & 1 = 1 AS records_type, recorded & 2 = 2 AS records_customer, recorded & 4 = 4 AS records_details,
       recorded & 8 = 8 AS records_resolution, recorded & 16 = 16 AS records_assignee, recorded & 32 = 32 AS records_department
FROM rpt_audit_rows
