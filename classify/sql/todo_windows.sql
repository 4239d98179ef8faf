-- Cut the row ids to classify into windows of at most ? complaints each:
-- first and last row id of every window, in order.
SELECT min(rid) AS lo, max(rid) AS hi
FROM (
    SELECT rid, (row_number() OVER (ORDER BY rid) - 1) // ? AS w
    FROM classify_todo
)
GROUP BY w
ORDER BY w
