-- slaAttainmentSql: target 4.5 with a censored column
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN NOT COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308) AND "hours" <= 4.5 THEN 1 END) AS "cx_within",
  COUNT(CASE WHEN NOT COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308) THEN 1 END) AS "cx_done",
  COUNT(CASE WHEN COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308) AND "hours" > 4.5 THEN 1 END) AS "cx_lateOpen",
  COUNT(CASE WHEN "hours" IS NULL OR NOT ("hours" < 0 OR ("hours" >= 0 AND "hours" <= 1.7976931348623157e308)) THEN 1 END) AS "cx_badDuration",
  COUNT(CASE WHEN "hours" < 0 THEN 1 END) AS "cx_negativeDuration"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE), 'YYYY-MM-DD');
