-- averageDealSizeSql: with closedAt and currency
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_count",
  "cx_total",
  "cx_squaredDeviations",
  "cx_currencyLow",
  "cx_currencyHigh",
  "cx_badStatus",
  "cx_missingClosedAt",
  "cx_missingAmount",
  "cx_negativeAmount",
  "cx_tooPrecise"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT(*) FILTER (WHERE "status" = 'won') AS "cx_count",
  CAST(COALESCE(SUM(CASE WHEN "status" = 'won' THEN CAST("amount" AS NUMERIC(38, 6)) END), 0) AS TEXT) AS "cx_total",
  COALESCE(VAR_POP(CASE WHEN "status" = 'won' THEN CAST("amount" AS DOUBLE PRECISION) END), 0) * COUNT(*) FILTER (WHERE "status" = 'won') AS "cx_squaredDeviations",
  MIN(CASE WHEN "status" = 'won' THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "status" = 'won' THEN "currency" END) AS "cx_currencyHigh",
  COUNT(*) FILTER (WHERE "status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT(*) FILTER (WHERE "status" = 'won' AND "closed_at" IS NULL) AS "cx_missingClosedAt",
  COUNT(*) FILTER (WHERE "status" = 'won' AND "amount" IS NULL) AS "cx_missingAmount",
  COUNT(*) FILTER (WHERE "status" = 'won' AND "amount" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "status" = 'won' AND "amount" <> CAST("amount" AS NUMERIC(38, 6))) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
