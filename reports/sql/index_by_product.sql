-- Complaints by product: the $1 largest, the rest summed as "(other)".
-- Counted by product number in rpt_scope (the view would name the
-- product of every complaint first).
WITH counts AS (
    SELECT p.product, c.complaints
    FROM (SELECT pid, count(*) AS complaints FROM rpt_scope GROUP BY pid) c
    JOIN rpt_products p USING (pid)
),
ranked AS (
    SELECT *, row_number() OVER (ORDER BY complaints DESC, product) AS rank
    FROM counts
)
SELECT product, complaints
FROM (
    SELECT product, complaints, rank FROM ranked WHERE rank <= $1
    UNION ALL
    SELECT '(other)', sum(complaints)::BIGINT, $1 + 1 FROM ranked WHERE rank > $1 HAVING count(*) > 0
)
ORDER BY rank
