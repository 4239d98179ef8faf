-- The Comcast FCC complaints (../shared/data/comcast-fcc-complaints) into
-- complaints, as testdata/mappings would map them: Date_month_year + Time is
-- received_at, Received Via the channel, State the region.
INSERT INTO complaints (complaint_id, source, received_at, channel, company, region, narrative, status, ingest_run_id, row_hash)
SELECT "Ticket #", 'comcast-fcc',
       strptime(Date_month_year || ' ' || "Time", '%d-%b-%y %I:%M:%S %p'),
       "Received Via", 'Comcast', State, "Customer Complaint",
       CASE WHEN Status IN ('Solved', 'Closed') THEN 'closed' ELSE 'open' END,
       0, hash("Ticket #")
FROM read_csv(?, header = true, all_varchar = true)
