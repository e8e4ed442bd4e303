-- pipelineCreatedSql: with createdAt and currency
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  "cx_n",
  "cx_amount",
  "cx_withoutAmount",
  "cx_currencyLow",
  "cx_currencyHigh",
  "cx_badStatus",
  "cx_missingCreatedAt",
  "cx_negativeAmount",
  "cx_tooPrecise"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CAST("amount" AS DECIMAL(38, 6))), 0) AS VARCHAR) AS "cx_amount",
  COUNT(*) FILTER (WHERE "amount" IS NULL) AS "cx_withoutAmount",
  MIN(CASE WHEN "amount" IS NOT NULL THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "amount" IS NOT NULL THEN "currency" END) AS "cx_currencyHigh",
  COUNT(*) FILTER (WHERE "status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT(*) FILTER (WHERE "created_at" IS NULL) AS "cx_missingCreatedAt",
  COUNT(*) FILTER (WHERE "amount" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "amount" <> CAST("amount" AS DECIMAL(38, 6))) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('Europe/Berlin', "created_at") AS DATE)) + 6) % 7) AS INTEGER) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
