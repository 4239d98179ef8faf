-- The columns the audit report's ID lists select by, for every complaint
-- of the scope, stored sorted by ID (see keepsOrder): several lists hold
-- nearly every complaint, and sorting each cost a full sort. The view
-- rpt_audit (audit_view.sql) names them.
--
-- The ORDER marker is "source, complaint_id", or "complaint_id" when the
-- warehouse holds one source (run.auditCopy): the same order then, and
-- the sort of 10M complaints took 1.6-2.1 s by the ID alone against
-- 2.0-2.9 s by both.
--
-- recorded: the fields of the completeness table the complaint's source
-- records (rpt_recorded, audit_recorded.sql), one bit each, which the lists
-- of the missing read: joined here, before the sort, as a list read
-- through a join might not keep the order.
CREATE OR REPLACE TEMP TABLE rpt_audit_rows AS
SELECT source, complaint_id, received_at, age_bucket, flags, more_flags,
       (r.type::UTINYINT | (r.customer::UTINYINT << 1) | (r.details::UTINYINT << 2)
        | (r.resolution::UTINYINT << 3) | (r.assignee::UTINYINT << 4) | (r.department::UTINYINT << 5))::UTINYINT AS recorded
FROM rpt_scope
JOIN rpt_recorded r USING (source)
ORDER BY {{ORDER}}
