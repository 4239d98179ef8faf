-- The file's records with the ID their content gives (the pseudo column
-- "$content", see ContentColumn), in file order. The content is the
-- record's values as text by column name, the names sorted and the empty
-- values left out (so that a column added to a later export, empty in the
-- records an earlier one held, changes none of their IDs), as a JSON
-- object; its digest is the first 32 hex digits of its SHA-256 (a name,
-- not a secret: 128 bits make two responses of one source sharing one
-- beyond chance). The ID is the digest, '#' and the record's number among
-- the file's records of the same content: identical records are as many
-- responses, numbered in file order. Numbering them reorders the rows:
-- "$position" puts them back in file order, which the staging table's
-- rowids and the record numbers of rejects follow (the readers keep it).
(SELECT *
 FROM (SELECT * REPLACE ("$content" || '#' || row_number() OVER (PARTITION BY "$content" ORDER BY "$position") AS "$content")
       FROM (SELECT *, row_number() OVER () AS "$position",
                    left(sha256(CAST(json_merge_patch('{}', json_object({{.Values}})) AS VARCHAR)), 32) AS "$content"
             FROM {{.Source}}))
 ORDER BY "$position")
