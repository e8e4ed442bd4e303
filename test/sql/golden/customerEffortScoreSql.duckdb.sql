-- customerEffortScoreSql: default scale
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) AND "cx_value" >= 5 THEN "cx_rows" ELSE 0 END) AS "cx_agreeing",
  SUM(CASE WHEN ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) THEN "cx_rows" ELSE 0 END) AS "cx_total",
  SUM(CASE WHEN ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) THEN (CAST("cx_value" AS BIGINT)) * "cx_rows" ELSE 0 END) AS "cx_sum",
  SUM(CASE WHEN ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) THEN (CAST("cx_value" AS BIGINT) * CAST("cx_value" AS BIGINT)) * "cx_rows" ELSE 0 END) AS "cx_sumOfSquares",
  SUM(CASE WHEN "cx_value" IS NULL OR NOT ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE) AS "cx_day",
  "effort" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE),
  "effort"
) AS "cx_tally"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_day"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
