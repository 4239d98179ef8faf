-- Complaints by product: the $1 largest, the rest summed as "(other)".
WITH counts AS (
    SELECT product, count(*) AS complaints
    FROM rpt_complaints
    GROUP BY product
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
