-- csatSql: scale 7, threshold 6
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) AND "cx_value" >= 6 THEN "cx_rows" ELSE 0 END) AS "cx_satisfied",
  SUM(CASE WHEN ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) THEN "cx_rows" ELSE 0 END) AS "cx_total",
  SUM(CASE WHEN "cx_value" IS NULL OR NOT ("cx_value" >= 1 AND "cx_value" <= 7 AND "cx_value" = FLOOR("cx_value")) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE) AS "cx_day",
  "rating" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE),
  "rating"
) AS "cx_tally"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_day"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
