-- netPromoterScoreSql: period 0
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN "cx_value" IN (9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_promoters",
  SUM(CASE WHEN "cx_value" IN (7, 8) THEN "cx_rows" ELSE 0 END) AS "cx_passives",
  SUM(CASE WHEN "cx_value" IN (0, 1, 2, 3, 4, 5, 6) THEN "cx_rows" ELSE 0 END) AS "cx_detractors",
  SUM(CASE WHEN "cx_value" IS NULL OR "cx_value" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  (CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)) AS "cx_day",
  "score" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  (CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)),
  "score"
) AS "cx_tally"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_day"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- netPromoterScoreSql: period 1
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN "cx_value" IN (9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_promoters",
  SUM(CASE WHEN "cx_value" IN (7, 8) THEN "cx_rows" ELSE 0 END) AS "cx_passives",
  SUM(CASE WHEN "cx_value" IN (0, 1, 2, 3, 4, 5, 6) THEN "cx_rows" ELSE 0 END) AS "cx_detractors",
  SUM(CASE WHEN "cx_value" IS NULL OR "cx_value" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  (CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)) AS "cx_day",
  "score" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  (CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)),
  "score"
) AS "cx_tally"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_day"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- netPromoterScoreSql: period 2
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN "cx_value" IN (9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_promoters",
  SUM(CASE WHEN "cx_value" IN (7, 8) THEN "cx_rows" ELSE 0 END) AS "cx_passives",
  SUM(CASE WHEN "cx_value" IN (0, 1, 2, 3, 4, 5, 6) THEN "cx_rows" ELSE 0 END) AS "cx_detractors",
  SUM(CASE WHEN "cx_value" IS NULL OR "cx_value" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE) AS "cx_day",
  "score" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE),
  "score"
) AS "cx_tally"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_day"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- netPromoterScoreSql: period 3
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN "cx_value" IN (9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_promoters",
  SUM(CASE WHEN "cx_value" IN (7, 8) THEN "cx_rows" ELSE 0 END) AS "cx_passives",
  SUM(CASE WHEN "cx_value" IN (0, 1, 2, 3, 4, 5, 6) THEN "cx_rows" ELSE 0 END) AS "cx_detractors",
  SUM(CASE WHEN "cx_value" IS NULL OR "cx_value" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS INTEGER) + 10) % 3) AS INTEGER)) AS DATE) AS "cx_day",
  "score" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS INTEGER) + 10) % 3) AS INTEGER)) AS DATE),
  "score"
) AS "cx_tally"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_day"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- netPromoterScoreSql: period 4
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN "cx_value" IN (9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_promoters",
  SUM(CASE WHEN "cx_value" IN (7, 8) THEN "cx_rows" ELSE 0 END) AS "cx_passives",
  SUM(CASE WHEN "cx_value" IN (0, 1, 2, 3, 4, 5, 6) THEN "cx_rows" ELSE 0 END) AS "cx_detractors",
  SUM(CASE WHEN "cx_value" IS NULL OR "cx_value" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE) AS "cx_day",
  "score" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE),
  "score"
) AS "cx_tally"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_day"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- netPromoterScoreSql: no group, no period
SELECT
  SUM("cx_rows") AS "cx_n",
  SUM(CASE WHEN "cx_value" IN (9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_promoters",
  SUM(CASE WHEN "cx_value" IN (7, 8) THEN "cx_rows" ELSE 0 END) AS "cx_passives",
  SUM(CASE WHEN "cx_value" IN (0, 1, 2, 3, 4, 5, 6) THEN "cx_rows" ELSE 0 END) AS "cx_detractors",
  SUM(CASE WHEN "cx_value" IS NULL OR "cx_value" NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN "cx_rows" ELSE 0 END) AS "cx_refused"
FROM (
SELECT
  "score" AS "cx_value",
  COUNT(*) AS "cx_rows"
FROM "responses"
GROUP BY
  "score"
) AS "cx_tally"
HAVING COUNT(*) > 0;
