-- The texts of rpt_texts received in [$1, $2), a baseline period's, in no
-- particular order: they are only counted (trend.CountTerms,
-- trend.Corpus.AddBaseline), and sorting them cost a sort of their text.
SELECT txt
FROM rpt_texts
WHERE received_at >= $1 AND received_at < $2
