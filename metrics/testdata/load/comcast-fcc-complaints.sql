-- comcast-fcc-complaints -> complaints. SOURCE.md: Solved or Closed is resolved,
-- Open or Pending is not; Date_month_year is 22-Apr-15.
INSERT INTO complaints (complaint_id, source, received_at, channel, company, region, narrative, status,
                        ingest_run_id, row_hash)
SELECT "Ticket #", 'comcast-fcc', strptime(Date_month_year, '%d-%b-%y'), "Received Via", 'Comcast', State,
       "Customer Complaint", CASE WHEN Status IN ('Solved', 'Closed') THEN 'closed' ELSE 'open' END,
       0, hash("Ticket #")
FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true)
