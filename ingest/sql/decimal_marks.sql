-- The sampled values of an amount column (inferDecimalMarks), counted by
-- how they read: with a decimal comma alone, with a decimal point alone,
-- and, either way, a lone dot or a lone comma before three digits.
SELECT count(*) FILTER (regexp_full_match(x, {{.Comma}}) AND NOT regexp_full_match(x, {{.Either}})),
       count(*) FILTER (regexp_full_match(x, {{.Point}}) AND NOT regexp_full_match(x, {{.Either}})),
       count(*) FILTER (regexp_full_match(x, {{.Either}}) AND contains(x, '.')),
       count(*) FILTER (regexp_full_match(x, {{.Either}}) AND contains(x, ',')),
       count(*)
FROM (SELECT {{.Text}} AS x FROM {{.Sample}})
