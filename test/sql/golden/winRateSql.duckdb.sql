-- winRateSql: count
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  "cx_n",
  "cx_won",
  "cx_lost",
  "cx_badStatus",
  "cx_missingClosedAt"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT(*) FILTER (WHERE "status" = 'won') AS "cx_won",
  COUNT(*) FILTER (WHERE "status" = 'lost') AS "cx_lost",
  COUNT(*) FILTER (WHERE "status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT(*) FILTER (WHERE "status" IN ('won', 'lost') AND "closed_at" IS NULL) AS "cx_missingClosedAt"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- winRateSql: amount
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  "cx_n",
  "cx_won",
  "cx_lost",
  "cx_currencyLow",
  "cx_currencyHigh",
  "cx_badStatus",
  "cx_missingAmount",
  "cx_negativeAmount",
  "cx_tooPrecise"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CASE WHEN "status" = 'won' THEN CAST("amount" AS DECIMAL(38, 6)) END), 0) AS VARCHAR) AS "cx_won",
  CAST(COALESCE(SUM(CASE WHEN "status" = 'lost' THEN CAST("amount" AS DECIMAL(38, 6)) END), 0) AS VARCHAR) AS "cx_lost",
  MIN(CASE WHEN "status" IN ('won', 'lost') THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "status" IN ('won', 'lost') THEN "currency" END) AS "cx_currencyHigh",
  COUNT(*) FILTER (WHERE "status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT(*) FILTER (WHERE "status" IN ('won', 'lost') AND "amount" IS NULL) AS "cx_missingAmount",
  COUNT(*) FILTER (WHERE "status" IN ('won', 'lost') AND "amount" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "status" IN ('won', 'lost') AND "amount" <> CAST("amount" AS DECIMAL(38, 6))) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
