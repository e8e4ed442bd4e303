-- customerEffortScoreSql: default scale
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN ("effort" >= 1 AND "effort" <= 7 AND "effort" = FLOOR("effort")) AND "effort" >= 5 THEN 1 END) AS "cx_agreeing",
  COUNT(CASE WHEN ("effort" >= 1 AND "effort" <= 7 AND "effort" = FLOOR("effort")) THEN 1 END) AS "cx_total",
  COALESCE(SUM(CASE WHEN ("effort" >= 1 AND "effort" <= 7 AND "effort" = FLOOR("effort")) THEN CAST("effort" AS BIGINT) END), 0) AS "cx_sum",
  COALESCE(SUM(CASE WHEN ("effort" >= 1 AND "effort" <= 7 AND "effort" = FLOOR("effort")) THEN CAST("effort" AS BIGINT) * CAST("effort" AS BIGINT) END), 0) AS "cx_sumOfSquares",
  COUNT(CASE WHEN "effort" IS NULL OR NOT ("effort" >= 1 AND "effort" <= 7 AND "effort" = FLOOR("effort")) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD');
