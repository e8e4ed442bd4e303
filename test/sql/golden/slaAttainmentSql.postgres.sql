-- slaAttainmentSql: target 4.5 with a censored column
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_within",
  "cx_done",
  "cx_lateOpen",
  "cx_badDuration",
  "cx_negativeDuration"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT(*) FILTER (WHERE NOT COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308) AND "hours" <= 4.5) AS "cx_within",
  COUNT(*) FILTER (WHERE NOT COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308)) AS "cx_done",
  COUNT(*) FILTER (WHERE COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308) AND "hours" > 4.5) AS "cx_lateOpen",
  COUNT(*) FILTER (WHERE "hours" IS NULL OR NOT ("hours" < 0 OR ("hours" >= 0 AND "hours" <= 1.7976931348623157e308))) AS "cx_badDuration",
  COUNT(*) FILTER (WHERE "hours" < 0) AS "cx_negativeDuration"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
