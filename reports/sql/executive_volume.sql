-- Complaints, survey responses and negative sentiment by period, $1 to $2
-- step $3 (surveys bucketed by responded_at, before the cutoff $4).
WITH periods AS (
    SELECT unnest(generate_series($1::DATE, $2::DATE, $3::INTERVAL))::DATE AS period
),
c AS (
    SELECT period, count(*) AS complaints, count(negative) AS labelled,
           count(*) FILTER (WHERE negative) AS negative,
           -- why the others were not read (the summary says)
           count(*) FILTER (WHERE not_english) AS not_english,
           count(*) FILTER (WHERE language_undetermined) AS undetermined,
           count(*) FILTER (WHERE NOT classified) AS unclassified
    FROM rpt_complaints
    WHERE received_at >= $1 AND received_at < $6 -- $6: the end of period $2
    GROUP BY period
),
s AS (
    SELECT date_trunc($5, responded_at)::DATE AS period, count(*) AS responses
    FROM surveys WHERE responded_at < $4 GROUP BY ALL
)
SELECT p.period,
       coalesce(c.complaints, 0) AS complaints,
       coalesce(s.responses, 0) AS "survey responses",
       -- the share's counts beside it: a share of 27 texts swings (a QA
       -- pass read 48.1% after 68.8%, 13 of 27 after 11 of 16)
       coalesce(c.labelled, 0) AS "read for sentiment",
       coalesce(c.negative, 0) AS negative,
       round(100.0 * c.negative / nullif(c.labelled, 0), 1) AS "negative %",
       coalesce(c.not_english, 0) AS "not english",
       coalesce(c.undetermined, 0) AS undetermined,
       coalesce(c.unclassified, 0) AS unclassified
FROM periods p LEFT JOIN c USING (period) LEFT JOIN s USING (period)
ORDER BY p.period
