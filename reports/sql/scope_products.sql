-- The products of the scope (scope.sql), numbered in name order: rpt_scope
-- stores the number, the view rpt_complaints the name.
-- $1 cutoff (exclusive TIMESTAMP: the day after the report date)
CREATE OR REPLACE TEMP TABLE rpt_products AS
SELECT (row_number() OVER (ORDER BY product))::UINTEGER AS pid, product
FROM (
    SELECT DISTINCT coalesce(nullif(product, ''), 'unknown') AS product
    FROM complaints
    WHERE received_at < $1
)
