-- netPromoterScoreSql: period 0
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR((CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 1
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR((CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 2
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 3
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS INTEGER) + 10) % 3) AS INTEGER)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS INTEGER) + 10) % 3) AS INTEGER)) AS DATE), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS INTEGER) + 10) % 3) AS INTEGER)) AS DATE), 'YYYY-MM-DD');

-- netPromoterScoreSql: period 4
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE), 'YYYY-MM-DD');

-- netPromoterScoreSql: no group, no period
SELECT
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN "score" IN (9, 10) THEN 1 END) AS "cx_promoters",
  COUNT(CASE WHEN "score" IN (7, 8) THEN 1 END) AS "cx_passives",
  COUNT(CASE WHEN "score" IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS "cx_detractors",
  COUNT(CASE WHEN "score" IS NULL OR "score" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS "cx_refused"
FROM "responses"
HAVING COUNT(*) > 0;
