-- telecom-nps-verbatims/nps_verbatims.csv -> surveys (NPS only). SOURCE.md:
-- CUSTOMER_RESPONSE_DATE is DD/MM/YYYY HH:MM; 32 rows have no score.
INSERT INTO surveys (response_id, source, responded_at, nps, comment, ingest_run_id, row_hash)
SELECT row_number() OVER () AS response_id, 'telecom-nps', strptime(CUSTOMER_RESPONSE_DATE, '%d/%m/%Y %H:%M'),
       TRY_CAST(NPS_SCORE AS INTEGER), text, 0, hash(row_number() OVER ())
FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true)
