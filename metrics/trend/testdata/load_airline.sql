-- The airline tweets (../shared/data/airline-sentiment) into complaints:
-- _unit_id is the key, the airline the company, negativereason the issue,
-- tweet_created (M/D/YY H:MM) received_at.
INSERT INTO complaints (complaint_id, source, received_at, channel, company, issue, narrative, ingest_run_id, row_hash)
SELECT _unit_id, 'airline-sentiment',
       strptime(tweet_created, '%m/%d/%y %H:%M'),
       'twitter', airline, negativereason, "text",
       0, hash(_unit_id)
FROM read_csv(?, header = true, all_varchar = true)
