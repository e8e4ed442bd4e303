-- customerRetentionSql: one row per customer
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_customersAtStart",
  "cx_customersAtEnd",
  "cx_newCustomers",
  "cx_churnedCustomers"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT_IF(COALESCE("active_at_start", FALSE)) AS "cx_customersAtStart",
  COUNT_IF(COALESCE("active_at_end", FALSE)) AS "cx_customersAtEnd",
  COUNT_IF(NOT COALESCE("active_at_start", FALSE) AND COALESCE("active_at_end", FALSE)) AS "cx_newCustomers",
  COUNT_IF(COALESCE("active_at_start", FALSE) AND NOT COALESCE("active_at_end", FALSE)) AS "cx_churnedCustomers"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE))
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
