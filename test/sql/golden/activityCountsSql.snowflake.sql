-- activityCountsSql: per type, with duration and at
SELECT
  "cx_group_0",
  "cx_group_1",
  "cx_group_2",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_minutes",
  "cx_withoutDuration",
  "cx_missingType",
  "cx_negativeDuration",
  "cx_missingAt"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  "type" AS "cx_group_2",
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))) AS "cx_day",
  COUNT(*) AS "cx_n",
  COALESCE(SUM(CAST("duration_minutes" AS DOUBLE)), 0) AS "cx_minutes",
  COUNT_IF("duration_minutes" IS NULL) AS "cx_withoutDuration",
  COUNT_IF("type" IS NULL) AS "cx_missingType",
  COUNT_IF("duration_minutes" < 0) AS "cx_negativeDuration",
  COUNT_IF("created_at" IS NULL) AS "cx_missingAt"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  "type",
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", CASE WHEN "cx_group_2" IS NULL THEN 1 ELSE 0 END, "cx_group_2", "cx_day";
