-- A planted surge for the benchmark: ? extra complaints of product-7,
-- issue-3 in the last week (23-29 Dec 2024), so alerts and their evidence
-- queries are part of the timing.
INSERT INTO complaints (complaint_id, source, received_at, channel, product, issue, company, region, ingest_run_id, row_hash)
SELECT 'E' || i, 'bench',
       TIMESTAMP '2024-12-23' + to_microseconds(CAST(hash(i, 'e') % 604800000000 AS BIGINT)),
       'channel-' || (hash(i, 'c') % 4), 'product-7', 'issue-3',
       'company-' || (hash(i, 'o') % 30), 'region-' || (hash(i, 'r') % 50),
       0, hash(i, 'e')
FROM range(?) t(i);
