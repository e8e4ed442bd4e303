-- quotaAttainmentSql: per owner and local day, with currency
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  "owner_id" AS "cx_group_2",
  STRFTIME(CAST(TIMEZONE('Europe/Berlin', "closed_at") AS DATE), '%Y-%m-%d') AS "cx_group_3",
  "currency" AS "cx_group_4",
  STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE), '%Y-%m-%d') AS "cx_period",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CAST("amount" AS DECIMAL(38, 6))), 0) AS VARCHAR) AS "cx_amount",
  COUNT(CASE WHEN "owner_id" IS NULL OR "owner_id" = '' THEN 1 END) AS "cx_missingOwner",
  COUNT(CASE WHEN "closed_at" IS NULL THEN 1 END) AS "cx_missingAt",
  COUNT(CASE WHEN "amount" IS NULL THEN 1 END) AS "cx_missingAmount",
  COUNT(CASE WHEN "amount" < 0 THEN 1 END) AS "cx_negativeAmount",
  COUNT(CASE WHEN "amount" <> CAST("amount" AS DECIMAL(38, 6)) THEN 1 END) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  "owner_id",
  STRFTIME(CAST(TIMEZONE('Europe/Berlin', "closed_at") AS DATE), '%Y-%m-%d'),
  "currency",
  STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE), '%Y-%m-%d')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", CASE WHEN "owner_id" IS NULL THEN 1 ELSE 0 END, "owner_id", CASE WHEN STRFTIME(CAST(TIMEZONE('Europe/Berlin', "closed_at") AS DATE), '%Y-%m-%d') IS NULL THEN 1 ELSE 0 END, STRFTIME(CAST(TIMEZONE('Europe/Berlin', "closed_at") AS DATE), '%Y-%m-%d'), CASE WHEN "currency" IS NULL THEN 1 ELSE 0 END, "currency", STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('UTC', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('UTC', "created_at") AS DATE)) + 5) % 12) AS INTEGER)) AS DATE), '%Y-%m-%d');
