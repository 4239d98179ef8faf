-- Test fixture loader until ingest.File lands: a canonical complaints CSV
-- (complaint_id, source, received_at, product, channel, narrative) into complaints.
INSERT INTO complaints (complaint_id, source, received_at, product, channel, narrative, ingest_run_id, row_hash)
SELECT complaint_id, source, received_at, product, channel, narrative, 0, hash(complaint_id)
FROM read_csv(?, header = true, columns = {
    'complaint_id': 'VARCHAR', 'source': 'VARCHAR', 'received_at': 'TIMESTAMP',
    'product': 'VARCHAR', 'channel': 'VARCHAR', 'narrative': 'VARCHAR'})
