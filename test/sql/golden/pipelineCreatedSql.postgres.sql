-- pipelineCreatedSql: with createdAt and currency
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CAST("amount" AS NUMERIC(38, 6))), 0) AS TEXT) AS "cx_amount",
  COUNT(CASE WHEN "amount" IS NULL THEN 1 END) AS "cx_withoutAmount",
  MIN(CASE WHEN "amount" IS NOT NULL THEN "currency" END) AS "cx_currencyLow",
  MAX(CASE WHEN "amount" IS NOT NULL THEN "currency" END) AS "cx_currencyHigh",
  COUNT(CASE WHEN "status" IS NULL OR "status" NOT IN ('open', 'won', 'lost') THEN 1 END) AS "cx_badStatus",
  COUNT(CASE WHEN "created_at" IS NULL THEN 1 END) AS "cx_missingCreatedAt",
  COUNT(CASE WHEN "amount" < 0 THEN 1 END) AS "cx_negativeAmount",
  COUNT(CASE WHEN "amount" <> CAST("amount" AS NUMERIC(38, 6)) THEN 1 END) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR((CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR((CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE) - CAST(((CAST(EXTRACT(DOW FROM CAST(("created_at" AT TIME ZONE 'Europe/Berlin') AS DATE)) AS INTEGER) + 6) % 7) AS INTEGER)), 'YYYY-MM-DD');
