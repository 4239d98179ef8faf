-- Records completeness: for each required field, how many complaints carry
-- it, of the sources that record it (rpt_recorded, audit_recorded.sql,
-- whose counts by source it sums):
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
    -- sums over the sources' rows, each field's of those that record it
    -- (a source that does not has none of it): NULL when none does
    SELECT
        coalesce(sum(complaints), 0)::BIGINT AS n,
        CASE WHEN bool_or(type) THEN sum(complaints) FILTER (WHERE type)::BIGINT END AS n_type,
        CASE WHEN bool_or(type) THEN sum(with_type)::BIGINT END AS type,
        CASE WHEN bool_or(customer) THEN sum(complaints) FILTER (WHERE customer)::BIGINT END AS n_customer,
        CASE WHEN bool_or(customer) THEN sum(with_customer)::BIGINT END AS customer,
        coalesce(sum(with_date), 0)::BIGINT AS date,
        CASE WHEN bool_or(details) THEN sum(complaints) FILTER (WHERE details)::BIGINT END AS n_details,
        CASE WHEN bool_or(details) THEN sum(with_details)::BIGINT END AS details,
        CASE WHEN bool_or(resolution) THEN sum(closed) FILTER (WHERE resolution)::BIGINT END AS n_closed,
        CASE WHEN bool_or(resolution) THEN sum(closed_with_resolution)::BIGINT END AS resolution,
        CASE WHEN bool_or(assignee) THEN sum(complaints) FILTER (WHERE assignee)::BIGINT END AS n_assignee,
        CASE WHEN bool_or(assignee) THEN sum(with_assignee)::BIGINT END AS assignee,
        CASE WHEN bool_or(department) THEN sum(complaints) FILTER (WHERE department)::BIGINT END AS n_department,
        CASE WHEN bool_or(department) THEN sum(with_department)::BIGINT END AS department,
        coalesce(sum(with_owner), 0)::BIGINT AS owner
    FROM rpt_recorded
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
