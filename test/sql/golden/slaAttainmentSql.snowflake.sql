-- slaAttainmentSql: target 4.5 with a censored column
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
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
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT_IF(NOT COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308) AND "hours" <= 4.5) AS "cx_within",
  COUNT_IF(NOT COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308)) AS "cx_done",
  COUNT_IF(COALESCE("is_open", FALSE) AND ("hours" >= 0 AND "hours" <= 1.7976931348623157e308) AND "hours" > 4.5) AS "cx_lateOpen",
  COUNT_IF("hours" IS NULL OR NOT ("hours" < 0 OR ("hours" >= 0 AND "hours" <= 1.7976931348623157e308))) AS "cx_badDuration",
  COUNT_IF("hours" < 0) AS "cx_negativeDuration"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
