-- Records completeness: for each required field, how many complaints carry
-- it, of the sources that record it (rpt_recorded, audit_recorded.sql):
-- of a field no source records, the counts are NULL (n/a), not 0%
-- complete. Resolution is required of closed complaints only. The owner:
-- the source's own assignment (an assignee, a department: was it
-- routed?), then the owner department the reports use, the source's else
-- the one the topic routes to (classify), which fills in most of what the
-- source left blank: the topic's own, not the taxonomy's default
-- department, given a topic that names none (scope.sql's has_owner). The
-- date (required by the schema) and the owner department (routed by the
-- topic) are of every source.
WITH t AS (
    SELECT
        count(*) AS n,
        CASE WHEN bool_or(r.type) THEN count(*) FILTER (WHERE r.type) END AS n_type,
        CASE WHEN bool_or(r.type) THEN count(*) FILTER (WHERE r.type AND has_type) END AS type,
        CASE WHEN bool_or(r.customer) THEN count(*) FILTER (WHERE r.customer) END AS n_customer,
        CASE WHEN bool_or(r.customer) THEN count(*) FILTER (WHERE r.customer AND has_customer) END AS customer,
        count(*) FILTER (WHERE has_date) AS date,
        CASE WHEN bool_or(r.details) THEN count(*) FILTER (WHERE r.details) END AS n_details,
        CASE WHEN bool_or(r.details) THEN count(*) FILTER (WHERE r.details AND has_details) END AS details,
        CASE WHEN bool_or(r.resolution) THEN count(*) FILTER (WHERE r.resolution AND c.closed) END AS n_closed,
        CASE WHEN bool_or(r.resolution) THEN count(*) FILTER (WHERE r.resolution AND c.closed AND has_resolution) END AS resolution,
        CASE WHEN bool_or(r.assignee) THEN count(*) FILTER (WHERE r.assignee) END AS n_assignee,
        CASE WHEN bool_or(r.assignee) THEN count(*) FILTER (WHERE r.assignee AND has_assignee) END AS assignee,
        CASE WHEN bool_or(r.department) THEN count(*) FILTER (WHERE r.department) END AS n_department,
        CASE WHEN bool_or(r.department) THEN count(*) FILTER (WHERE r.department AND has_department) END AS department,
        count(*) FILTER (WHERE has_owner) AS owner
    FROM rpt_complaints c
    JOIN rpt_recorded r USING (source)
)
SELECT field, required, complete, required - complete AS missing,
       round(100.0 * complete / nullif(required, 0), 1) AS "complete %"
FROM (
    SELECT 1 AS k, 'type (product or issue)' AS field, n_type AS required, type AS complete FROM t
    UNION ALL SELECT 2, 'customer', n_customer, customer FROM t
    UNION ALL SELECT 3, 'date received', n, date FROM t
    UNION ALL SELECT 4, 'details (narrative)', n_details, details FROM t
    UNION ALL SELECT 5, 'resolution (closed complaints)', n_closed, resolution FROM t
    UNION ALL SELECT 6, 'assignee (in the source)', n_assignee, assignee FROM t
    UNION ALL SELECT 7, 'department (in the source)', n_department, department FROM t
    UNION ALL SELECT 8, 'owner department (source or its topic''s own)', n, owner FROM t
)
ORDER BY k
