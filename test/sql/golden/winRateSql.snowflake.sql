-- winRateSql: count
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_won",
  "cx_lost",
  "cx_badStatus",
  "cx_missingClosedAt"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE))) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT_IF("status" = 'won') AS "cx_won",
  COUNT_IF("status" = 'lost') AS "cx_lost",
  COUNT_IF("status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT_IF("status" IN ('won', 'lost') AND "closed_at" IS NULL) AS "cx_missingClosedAt"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10, 3), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('Asia/Tokyo', "created_at") AS DATE)))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- winRateSql: amount
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
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
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CASE WHEN "status" = 'won' THEN CAST("amount" AS NUMBER(38, 6)) END), 0) AS VARCHAR) AS "cx_won",
  CAST(COALESCE(SUM(CASE WHEN "status" = 'lost' THEN CAST("amount" AS NUMBER(38, 6)) END), 0) AS VARCHAR) AS "cx_lost",
  MIN(CASE WHEN "status" IN ('won', 'lost') THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "status" IN ('won', 'lost') THEN "currency" END) AS "cx_currencyHigh",
  COUNT_IF("status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT_IF("status" IN ('won', 'lost') AND "amount" IS NULL) AS "cx_missingAmount",
  COUNT_IF("status" IN ('won', 'lost') AND "amount" < 0) AS "cx_negativeAmount",
  COUNT_IF("status" IN ('won', 'lost') AND "amount" <> CAST("amount" AS NUMBER(38, 6))) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
