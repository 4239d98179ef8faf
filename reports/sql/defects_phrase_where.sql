-- Where each emerging phrase's complaints (rpt_phrase_ids, phrase its
-- number) are: their $1 largest groups, by the GROUP of
-- defects_heatmap.sql or defects_heatmap_company.sql (JOIN empty or the
-- join to complaints that the company needs: run.phraseWhere fills both),
-- each with its complaints and the phrase's complaints in all.
WITH g AS (
    SELECT p.phrase, {{GROUP}} AS grp, count(*) AS n
    FROM rpt_phrase_ids p
    JOIN rpt_complaints c ON c.source = p.source AND c.complaint_id = p.complaint_id {{JOIN}}
    GROUP BY ALL
)
SELECT phrase, grp, n, sum(n) OVER (PARTITION BY phrase) AS total
FROM g
QUALIFY row_number() OVER (PARTITION BY phrase ORDER BY n DESC, grp) <= $1
ORDER BY phrase, n DESC, grp
