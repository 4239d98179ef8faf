-- The first values of a JSON file's member at {{.Path}} that are JSON
-- strings, trimmed, the empty left out (amountSample): a JSON number is
-- written with a decimal point whatever the export's locale.
(SELECT trim(json ->> {{.Path}}) AS v FROM {{.Objects}}
 WHERE json_type(json -> {{.Path}}) = 'VARCHAR' AND nullif(trim(json ->> {{.Path}}), '') IS NOT NULL
 LIMIT {{.N}})
