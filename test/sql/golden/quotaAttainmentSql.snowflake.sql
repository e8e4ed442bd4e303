-- quotaAttainmentSql: per owner and local day, with currency
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  "owner_id" AS "cx_group_2",
  TO_VARCHAR(CAST(CONVERT_TIMEZONE('Europe/Berlin', "closed_at") AS DATE), 'YYYY-MM-DD') AS "cx_group_3",
  "currency" AS "cx_group_4",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CAST("amount" AS NUMBER(38, 6))), 0) AS VARCHAR) AS "cx_amount",
  COUNT(CASE WHEN "owner_id" IS NULL OR "owner_id" = '' THEN 1 END) AS "cx_missingOwner",
  COUNT(CASE WHEN "closed_at" IS NULL THEN 1 END) AS "cx_missingAt",
  COUNT(CASE WHEN "amount" IS NULL THEN 1 END) AS "cx_missingAmount",
  COUNT(CASE WHEN "amount" < 0 THEN 1 END) AS "cx_negativeAmount",
  COUNT(CASE WHEN "amount" <> CAST("amount" AS NUMBER(38, 6)) THEN 1 END) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  "owner_id",
  TO_VARCHAR(CAST(CONVERT_TIMEZONE('Europe/Berlin', "closed_at") AS DATE), 'YYYY-MM-DD'),
  "currency",
  TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", CASE WHEN "owner_id" IS NULL THEN 1 ELSE 0 END, "owner_id", CASE WHEN TO_VARCHAR(CAST(CONVERT_TIMEZONE('Europe/Berlin', "closed_at") AS DATE), 'YYYY-MM-DD') IS NULL THEN 1 ELSE 0 END, TO_VARCHAR(CAST(CONVERT_TIMEZONE('Europe/Berlin', "closed_at") AS DATE), 'YYYY-MM-DD'), CASE WHEN "currency" IS NULL THEN 1 ELSE 0 END, "currency", TO_VARCHAR(DATEADD(month, -MOD(EXTRACT(MONTH FROM CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE)) + 5, 12), DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('UTC', "created_at") AS DATE))), 'YYYY-MM-DD');
