-- netPromoterScoreSql: period 0
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  STRFTIME(CAST(CAST(TIMEZONE('America/New_York', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) + 7) % 7) AS INTEGER) AS DATE), '%Y-%m-%d') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  STRFTIME(CAST(CAST(TIMEZONE('America/New_York', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) + 7) % 7) AS INTEGER) AS DATE), '%Y-%m-%d')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", STRFTIME(CAST(CAST(TIMEZONE('America/New_York', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) + 7) % 7) AS INTEGER) AS DATE), '%Y-%m-%d');

-- netPromoterScoreSql: period 1
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  STRFTIME(CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE), '%Y-%m-%d') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  STRFTIME(CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE), '%Y-%m-%d')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", STRFTIME(CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE), '%Y-%m-%d');

-- netPromoterScoreSql: period 2
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  STRFTIME(CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE), '%Y-%m-%d') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  STRFTIME(CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE), '%Y-%m-%d')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", STRFTIME(CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE), '%Y-%m-%d');

-- netPromoterScoreSql: period 3
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE), '%Y-%m-%d') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE), '%Y-%m-%d')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE), '%Y-%m-%d');

-- netPromoterScoreSql: period 4
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE), '%Y-%m-%d') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE), '%Y-%m-%d')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE), '%Y-%m-%d');

-- netPromoterScoreSql: no group, no period
SELECT
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "responses"
HAVING COUNT(*) > 0;
