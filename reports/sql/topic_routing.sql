-- Every model, topic and department classify recorded together: models.go
-- tells from each model's taxonomy whether the department is the topic's
-- own or the taxonomy's default.
SELECT DISTINCT model, topic, department
FROM classifications
WHERE nullif(department, '') IS NOT NULL
ORDER BY model, topic, department
