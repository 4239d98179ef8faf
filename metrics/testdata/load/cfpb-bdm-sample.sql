-- cfpb-bdm-sample (standard CFPB export) -> complaints. Timely response? is Yes/No;
-- Consumer disputed? is Yes/No/N/A; dates are ISO.
INSERT INTO complaints (complaint_id, source, received_at, channel, product, sub_product, issue, sub_issue,
                        company, region, narrative, status, resolution, timely, disputed, ingest_run_id, row_hash)
SELECT "Complaint ID", 'cfpb', CAST("Date received" AS DATE), "Submitted via", Product, "Sub-product", Issue,
       "Sub-issue", Company, State, "Consumer complaint narrative",
       CASE WHEN "Company response to consumer" = 'In progress' THEN 'open' ELSE 'closed' END,
       "Company response to consumer",
       CASE "Timely response?" WHEN 'Yes' THEN true WHEN 'No' THEN false END,
       CASE "Consumer disputed?" WHEN 'Yes' THEN true WHEN 'No' THEN false END,
       0, hash("Complaint ID")
FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true)
