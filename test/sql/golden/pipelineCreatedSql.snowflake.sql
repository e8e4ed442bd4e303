-- pipelineCreatedSql: with createdAt and currency
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
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
  DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CAST("amount" AS NUMBER(38, 6))), 0) AS VARCHAR) AS "cx_amount",
  COUNT_IF("amount" IS NULL) AS "cx_withoutAmount",
  MIN(CASE WHEN "amount" IS NOT NULL THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "amount" IS NOT NULL THEN "currency" END) AS "cx_currencyHigh",
  COUNT_IF("status" IS NULL OR "status" NOT IN ('open', 'won', 'lost')) AS "cx_badStatus",
  COUNT_IF("created_at" IS NULL) AS "cx_missingCreatedAt",
  COUNT_IF("amount" < 0) AS "cx_negativeAmount",
  COUNT_IF("amount" <> CAST("amount" AS NUMBER(38, 6))) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
