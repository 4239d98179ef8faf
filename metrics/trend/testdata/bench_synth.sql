-- Benchmark warehouse: ? complaints over 104 weeks from 2023-01-02, with
-- product (40), issue (25), channel (4), company (30), region (50) drawn by
-- hashes of the row number, volume growing over time.
INSERT INTO complaints (complaint_id, source, received_at, channel, product, issue, company, region, ingest_run_id, row_hash)
SELECT 'B' || i, 'bench',
       TIMESTAMP '2023-01-02' + to_microseconds(CAST(sqrt(i / ?) * 104 * 7 * 86400e6 AS BIGINT)),
       'channel-' || (hash(i, 'c') % 4),
       'product-' || (hash(i, 'p') % 40),
       'issue-' || (hash(i, 'i') % 25),
       'company-' || (hash(i, 'o') % 30),
       'region-' || (hash(i, 'r') % 50),
       0, hash(i)
FROM range(?) t(i);
