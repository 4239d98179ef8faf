-- Records completeness by source: for each required field and source, how
-- many of the source's complaints it is required of (NULL where the source
-- does not record it: rpt_recorded, audit_recorded.sql) and how many carry
-- it. The completeness table sums the sources (audit_completeness.sql) and
-- gives each one's share (audit_completeness_by_source.sql): a share
-- pooled over sources followed their mix (QA: "details (narrative) 58.7%"
-- was the CFPB's 23.1% beside others' 100%). Resolution and its date are
-- required of closed complaints only. The owner: the source's own
-- assignment (an assignee, a department: was it routed?), then the owner
-- department the reports use, the source's else the one the topic routes
-- to (classify), which fills in most of what the source left blank: the
-- topic's own, not the taxonomy's default department, given a topic that
-- names none (scope.sql's has_owner). The date (required by the schema)
-- and the owner department (routed by the topic) are of every source.
CREATE OR REPLACE TEMP VIEW rpt_completeness AS
SELECT 1 AS k, 'type (product or issue)' AS field, source, CASE WHEN type THEN complaints END AS required, with_type AS complete FROM rpt_recorded
UNION ALL SELECT 2, 'customer', source, CASE WHEN customer THEN complaints END, with_customer FROM rpt_recorded
UNION ALL SELECT 3, 'date received', source, complaints, with_date FROM rpt_recorded
UNION ALL SELECT 4, 'details (narrative)', source, CASE WHEN details THEN complaints END, with_details FROM rpt_recorded
UNION ALL SELECT 5, 'resolution (closed complaints)', source, CASE WHEN resolution THEN closed END, closed_with_resolution FROM rpt_recorded
UNION ALL SELECT 6, 'resolution date (closed complaints; one before the receipt is none)', source, CASE WHEN res_date THEN closed END, closed_with_res_date FROM rpt_recorded
UNION ALL SELECT 7, 'assignee (in the source)', source, CASE WHEN assignee THEN complaints END, with_assignee FROM rpt_recorded
UNION ALL SELECT 8, 'department (in the source)', source, CASE WHEN department THEN complaints END, with_department FROM rpt_recorded
UNION ALL SELECT 9, 'owner department (source or its topic''s own)', source, complaints, with_owner FROM rpt_recorded
