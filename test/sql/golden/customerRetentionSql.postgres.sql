-- customerRetentionSql: one row per customer
SELECT
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
  COUNT(*) AS "cx_n",
  COUNT(CASE WHEN COALESCE("active_at_start", FALSE) THEN 1 END) AS "cx_customersAtStart",
  COUNT(CASE WHEN COALESCE("active_at_end", FALSE) THEN 1 END) AS "cx_customersAtEnd",
  COUNT(CASE WHEN NOT COALESCE("active_at_start", FALSE) AND COALESCE("active_at_end", FALSE) THEN 1 END) AS "cx_newCustomers",
  COUNT(CASE WHEN COALESCE("active_at_start", FALSE) AND NOT COALESCE("active_at_end", FALSE) THEN 1 END) AS "cx_churnedCustomers"
FROM "analytics"."crm_table"
GROUP BY
  "segment",
  "region",
  TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD')
ORDER BY CASE WHEN "segment" IS NULL THEN 1 ELSE 0 END, "segment", CASE WHEN "region" IS NULL THEN 1 ELSE 0 END, "region", TO_CHAR(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'America/New_York') AS DATE)) AS DATE), 'YYYY-MM-DD');
