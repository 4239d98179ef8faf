-- Each complaint's first response: its earliest reply, unless it holds an
-- earlier one; that reply fills the fields it sets where the complaint has
-- none (the earliest in file order among replies of the same time), and
-- replaces the company an unanswered complaint addressed (Addressed:
-- replies_addressed.sql): the replier is the company.
UPDATE complaints c
SET first_response_at = f.replied_at
    {{- range .Sets}}, {{.Field}} =
    {{- if .Addressed}} CASE WHEN c.first_response_at IS NULL THEN coalesce(f.{{.Field}}, c.{{.Field}}) ELSE coalesce(c.{{.Field}}, f.{{.Field}}) END
    {{- else}} coalesce(c.{{.Field}}, f.{{.Field}}){{end}}
    {{- end}}
FROM (SELECT complaint_id, min(replied_at) AS replied_at
             {{- range .Sets}}, first({{.Field}} ORDER BY replied_at, rec) AS {{.Field}}{{end}}
      FROM ingest_replies WHERE why IS NULL GROUP BY complaint_id) f
WHERE c.source = {{.Source}} AND c.complaint_id = f.complaint_id
  AND (c.first_response_at IS NULL OR f.replied_at < c.first_response_at);
