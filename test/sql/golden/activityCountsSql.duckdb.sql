-- activityCountsSql: per type, with duration and at
SELECT
  "cx_group_0",
  "cx_group_1",
  "cx_group_2",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
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
  CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  COALESCE(SUM(CAST("duration_minutes" AS DOUBLE)), 0) AS "cx_minutes",
  COUNT(*) FILTER (WHERE "duration_minutes" IS NULL) AS "cx_withoutDuration",
  COUNT(*) FILTER (WHERE "type" IS NULL) AS "cx_missingType",
  COUNT(*) FILTER (WHERE "duration_minutes" < 0) AS "cx_negativeDuration",
  COUNT(*) FILTER (WHERE "created_at" IS NULL) AS "cx_missingAt"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  "type",
  CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", CASE WHEN "cx_group_2" IS NULL THEN 1 ELSE 0 END, "cx_group_2", "cx_day";
