-- The keys of the complaints' extra JSON (the export's columns that no
-- canonical field holds), for an error that names what a label can be.
SELECT DISTINCT k
FROM (SELECT unnest(json_keys(extra)) AS k FROM complaints WHERE extra IS NOT NULL)
ORDER BY k
