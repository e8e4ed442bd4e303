-- csatSql: scale 7, threshold 6
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  STRFTIME(CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE), '%Y-%m-%d') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN ("rating" >= 1 AND "rating" <= 7 AND "rating" = FLOOR("rating")) AND "rating" >= 6 THEN 1 END) AS "cx_satisfied",
  COUNT(CASE WHEN ("rating" >= 1 AND "rating" <= 7 AND "rating" = FLOOR("rating")) THEN 1 END) AS "cx_total",
  COUNT(CASE WHEN "rating" IS NULL OR NOT ("rating" >= 1 AND "rating" <= 7 AND "rating" = FLOOR("rating")) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  STRFTIME(CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE), '%Y-%m-%d')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", STRFTIME(CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE), '%Y-%m-%d');
