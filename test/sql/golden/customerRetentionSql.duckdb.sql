-- customerRetentionSql: one row per customer
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  "cx_n",
  "cx_customersAtStart",
  "cx_customersAtEnd",
  "cx_newCustomers",
  "cx_churnedCustomers"
FROM (
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  COUNT(*) FILTER (WHERE COALESCE("active_at_start", FALSE)) AS "cx_customersAtStart",
  COUNT(*) FILTER (WHERE COALESCE("active_at_end", FALSE)) AS "cx_customersAtEnd",
  COUNT(*) FILTER (WHERE NOT COALESCE("active_at_start", FALSE) AND COALESCE("active_at_end", FALSE)) AS "cx_newCustomers",
  COUNT(*) FILTER (WHERE COALESCE("active_at_start", FALSE) AND NOT COALESCE("active_at_end", FALSE)) AS "cx_churnedCustomers"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
