-- Records completeness: for each required field, how many complaints carry
-- it, of the sources that record it (rpt_completeness,
-- audit_completeness_rows.sql, whose rows by source it sums): of a field
-- no source records, the counts are NULL (n/a), not 0% complete.
SELECT field, required, complete, required - complete AS missing,
       round(100.0 * complete / nullif(required, 0), 1) AS "complete %"
FROM (
    SELECT k, field,
           sum(required)::BIGINT AS required,
           sum(complete) FILTER (WHERE required IS NOT NULL)::BIGINT AS complete
    FROM rpt_completeness
    GROUP BY k, field
)
ORDER BY k
