-- weightedPipelineSql: with currency
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_total",
  "cx_currencyLow",
  "cx_currencyHigh",
  "cx_badStatus",
  "cx_missing",
  "cx_negativeAmount",
  "cx_badProbability",
  "cx_tooPrecise"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  (CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CASE WHEN "status" = 'open' AND "amount" >= 0 AND "probability" >= 0 AND "probability" <= 1 THEN CAST("amount" AS NUMERIC(30, 6)) * CAST("probability" AS NUMERIC(7, 6)) END), 0) AS TEXT) AS "cx_total",
  MIN(CASE WHEN "status" = 'open' THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "status" = 'open' THEN "currency" END) AS "cx_currencyHigh",
  COUNT(*) FILTER (WHERE "status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT(*) FILTER (WHERE "status" = 'open' AND ("amount" IS NULL OR "probability" IS NULL)) AS "cx_missing",
  COUNT(*) FILTER (WHERE "status" = 'open' AND "amount" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "status" = 'open' AND ("probability" < 0 OR "probability" > 1)) AS "cx_badProbability",
  COUNT(*) FILTER (WHERE "status" = 'open' AND "amount" >= 0 AND "probability" >= 0 AND "probability" <= 1 AND ("amount" <> CAST("amount" AS NUMERIC(30, 6)) OR "probability" <> CAST("probability" AS NUMERIC(7, 6)))) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  (CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
