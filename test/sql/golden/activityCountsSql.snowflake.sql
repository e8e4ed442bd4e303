-- activityCountsSql: per type, with duration and at
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  "type" AS "cx_group_2",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COALESCE(SUM(CAST("duration_minutes" AS DOUBLE)), 0) AS "cx_minutes",
  COUNT(CASE WHEN "duration_minutes" IS NULL THEN 1 END) AS "cx_withoutDuration",
  COUNT(CASE WHEN "type" IS NULL THEN 1 END) AS "cx_missingType",
  COUNT(CASE WHEN "duration_minutes" < 0 THEN 1 END) AS "cx_negativeDuration",
  COUNT(CASE WHEN "created_at" IS NULL THEN 1 END) AS "cx_missingAt"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  "type",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", CASE WHEN "type" IS NULL THEN 1 ELSE 0 END, "type", TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))), 'YYYY-MM-DD');
