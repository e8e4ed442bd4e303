-- csatSql: scale 7, threshold 6
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_satisfied",
  "cx_total",
  "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  (CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT(*) FILTER (WHERE ("rating" >= 1 AND "rating" <= 7 AND "rating" = FLOOR("rating")) AND "rating" >= 6) AS "cx_satisfied",
  COUNT(*) FILTER (WHERE ("rating" >= 1 AND "rating" <= 7 AND "rating" = FLOOR("rating"))) AS "cx_total",
  COUNT(*) FILTER (WHERE "rating" IS NULL OR NOT ("rating" >= 1 AND "rating" <= 7 AND "rating" = FLOOR("rating"))) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  (CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
