-- quotaAttainmentSql: per owner and local day, with currency
SELECT
  "cx_group_0",
  "cx_group_1",
  "cx_group_2",
  TO_CHAR("cx_group_3", 'YYYY-MM-DD') AS "cx_group_3",
  "cx_group_4",
  TO_CHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_amount",
  "cx_missingOwner",
  "cx_missingAt",
  "cx_missingAmount",
  "cx_negativeAmount",
  "cx_tooPrecise"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  "owner_id" AS "cx_group_2",
  CAST(("closed_at" AT TIME ZONE 'Europe/Berlin') AS DATE) AS "cx_group_3",
  "currency" AS "cx_group_4",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM(CAST("amount" AS NUMERIC(38, 6))), 0) AS TEXT) AS "cx_amount",
  COUNT(*) FILTER (WHERE "owner_id" IS NULL OR "owner_id" = '') AS "cx_missingOwner",
  COUNT(*) FILTER (WHERE "closed_at" IS NULL) AS "cx_missingAt",
  COUNT(*) FILTER (WHERE "amount" IS NULL) AS "cx_missingAmount",
  COUNT(*) FILTER (WHERE "amount" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "amount" <> CAST("amount" AS NUMERIC(38, 6))) AS "cx_tooPrecise"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  "owner_id",
  CAST(("closed_at" AT TIME ZONE 'Europe/Berlin') AS DATE),
  "currency",
  CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'UTC') AS DATE)) AS INTEGER) + 5) % 12) AS INTEGER)) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", CASE WHEN "cx_group_2" IS NULL THEN 1 ELSE 0 END, "cx_group_2", CASE WHEN "cx_group_3" IS NULL THEN 1 ELSE 0 END, "cx_group_3", CASE WHEN "cx_group_4" IS NULL THEN 1 ELSE 0 END, "cx_group_4", "cx_day";
