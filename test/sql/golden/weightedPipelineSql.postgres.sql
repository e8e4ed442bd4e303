-- weightedPipelineSql: with currency
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CASE WHEN "status" = 'open' AND "amount" >= 0 AND "probability" >= 0 AND "probability" <= 1 THEN CAST("amount" AS NUMERIC(30, 6)) * CAST("probability" AS NUMERIC(7, 6)) END), 0) AS TEXT) AS "cx_total",
  MIN(CASE WHEN "status" = 'open' THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "status" = 'open' THEN "currency" END) AS "cx_currencyHigh",
  COUNT(CASE WHEN "status" IS NULL OR "status" NOT IN ('open', 'won', 'lost') THEN 1 END) AS "cx_badStatus",
  COUNT(CASE WHEN "status" = 'open' AND ("amount" IS NULL OR "probability" IS NULL) THEN 1 END) AS "cx_missing",
  COUNT(CASE WHEN "status" = 'open' AND "amount" < 0 THEN 1 END) AS "cx_negativeAmount",
  COUNT(CASE WHEN "status" = 'open' AND ("probability" < 0 OR "probability" > 1) THEN 1 END) AS "cx_badProbability",
  COUNT(CASE WHEN "status" = 'open' AND "amount" >= 0 AND "probability" >= 0 AND "probability" <= 1 AND ("amount" <> CAST("amount" AS NUMERIC(30, 6)) OR "probability" <> CAST("probability" AS NUMERIC(7, 6))) THEN 1 END) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR((CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS INTEGER) + 7) % 7) AS INTEGER)), 'YYYY-MM-DD');
