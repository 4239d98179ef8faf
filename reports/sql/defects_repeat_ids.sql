-- Every repeat complaint (rpt_repeaters).
SELECT shown_customer(c.customer_id, rpt_pii_kind(c.customer_id)) AS customer_id, c.source, c.complaint_id, c.received_at, c.period
FROM rpt_complaints c
JOIN rpt_repeaters USING (customer_id, source, complaint_id)
ORDER BY c.customer_id, c.received_at, c.source, c.complaint_id
