-- The rejects of the empty objects an NDJSON file's lines that are not
-- JSON, or too long, were read as ($2 the run): each gets its line as
-- written and what is wrong with it, from the file of such lines ($1, one
-- object a line: record, raw, why, the reason after the record number;
-- written by withoutBadJSONLines). A line without why keeps its reason,
-- taking only its raw text (rawRecords).
UPDATE rejects SET raw = bad.raw, reason = coalesce('record ' || rejects.record_number || bad.why, rejects.reason)
FROM read_json($1, format = 'newline_delimited', maximum_object_size = {{.MaxObject}},
               columns = {'record': 'BIGINT', 'raw': 'VARCHAR', 'why': 'VARCHAR'}) AS bad
WHERE rejects.run_id = $2 AND rejects.record_number = bad.record
