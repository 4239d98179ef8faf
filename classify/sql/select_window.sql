-- The complaints to classify whose row ids lie in one window [lo, hi].
-- Parameters: lo, hi, lo, hi. The range on c.rowid is pushed into the scan,
-- so DuckDB reads only the row groups of the window. No ORDER BY: each
-- complaint is classified on its own.
--
-- duckdb-go materialises a query's whole result before the first Arrow
-- batch (outside DuckDB's memory limit), so reading a window at a time is
-- what keeps the text in memory to one window, whatever the table's size.
SELECT c.source,
       c.complaint_id,
       c.narrative,
       concat_ws('. ', c.product, c.sub_product, c.issue, c.sub_issue) AS context
FROM complaints c
WHERE c.rowid BETWEEN ? AND ?
  AND c.rowid IN (SELECT rid FROM classify_todo WHERE rid BETWEEN ? AND ?)
