-- The sources of the warehouse's complaints, each once (sourcesRedacted:
-- the ID lists write a source as the pages show it).
SELECT DISTINCT source FROM complaints
