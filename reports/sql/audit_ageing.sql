-- Open complaints at the report date by age bucket (1: within the
-- acknowledgement target, 2: within the resolution target, 3: beyond it).
SELECT b.bucket, count(c.age_bucket) AS open
FROM (VALUES (1), (2), (3)) b(bucket)
LEFT JOIN rpt_complaints c ON c.age_bucket = b.bucket
GROUP BY b.bucket
ORDER BY b.bucket
