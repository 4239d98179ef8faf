-- amazon-alexa-reviews/amazon_alexa.tsv -> surveys (rating 1-5 as CSAT). SOURCE.md:
-- tab-separated, BOM, CRLF; date as 31-Jul-18.
INSERT INTO surveys (response_id, source, responded_at, csat, comment, ingest_run_id, row_hash)
SELECT row_number() OVER (), 'amazon-alexa', strptime(date, '%d-%b-%y'), CAST(rating AS INTEGER),
       verified_reviews, 0, hash(row_number() OVER ())
FROM read_csv($path, header = true, delim = '\t', quote = '"', escape = '"', all_varchar = true)
