-- netPromoterScoreSql: period 0
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_VARCHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 7) + 7, 7), CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_VARCHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 7) + 7, 7), CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_VARCHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 7) + 7, 7), CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 1
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_VARCHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_VARCHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_VARCHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 2
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_VARCHAR(DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_VARCHAR(DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_VARCHAR(DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 3
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 4
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD');

-- netPromoterScoreSql: no group, no period
SELECT
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "responses"
HAVING COUNT(*) > 0;
