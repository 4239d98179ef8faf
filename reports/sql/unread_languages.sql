-- The complaints received in [$1, $2) that the classifiers do not read:
-- not in English, and of a language not determined (weekly.go's
-- unreadNote says so on the weekly and defects pages).
SELECT count(*) FILTER (WHERE not_english), count(*) FILTER (WHERE language_undetermined)
FROM rpt_complaints
WHERE received_at >= $1 AND received_at < $2
