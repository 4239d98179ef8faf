-- Records completeness: for each required field, how many complaints carry
-- it. Resolution is required of closed complaints only. The owner: the
-- source's own assignment (an assignee, a department: was it routed?),
-- then the owner department the reports use, the source's else the one
-- the topic routes to (classify), which fills in most of what the source
-- left blank: the topic's own, not the taxonomy's default department,
-- given a topic that names none (scope.sql's has_owner).
WITH t AS (
    SELECT
        count(*) AS n,
        count(*) FILTER (WHERE closed) AS n_closed,
        count(*) FILTER (WHERE has_type) AS type,
        count(*) FILTER (WHERE has_customer) AS customer,
        count(*) FILTER (WHERE has_date) AS date,
        count(*) FILTER (WHERE has_details) AS details,
        count(*) FILTER (WHERE closed AND has_resolution) AS resolution,
        count(*) FILTER (WHERE has_assignee) AS assignee,
        count(*) FILTER (WHERE has_department) AS department,
        count(*) FILTER (WHERE has_owner) AS owner
    FROM rpt_complaints
)
SELECT field, required, complete, required - complete AS missing,
       round(100.0 * complete / nullif(required, 0), 1) AS "complete %"
FROM (
    SELECT 1 AS k, 'type (product or issue)' AS field, n AS required, type AS complete FROM t
    UNION ALL SELECT 2, 'customer', n, customer FROM t
    UNION ALL SELECT 3, 'date received', n, date FROM t
    UNION ALL SELECT 4, 'details (narrative)', n, details FROM t
    UNION ALL SELECT 5, 'resolution (closed complaints)', n_closed, resolution FROM t
    UNION ALL SELECT 6, 'assignee (in the source)', n, assignee FROM t
    UNION ALL SELECT 7, 'department (in the source)', n, department FROM t
    UNION ALL SELECT 8, 'owner department (source or its topic''s own)', n, owner FROM t
)
ORDER BY k
