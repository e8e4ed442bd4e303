-- slaAttainmentSql: target 4.5 with a censored column
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD') AS "cx_period",
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
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD');
