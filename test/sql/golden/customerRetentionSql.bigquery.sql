-- customerRetentionSql: one row per customer
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN COALESCE(`active_at_start`, FALSE) THEN 1 END) AS `cx_customersAtStart`,
  COUNT(CASE WHEN COALESCE(`active_at_end`, FALSE) THEN 1 END) AS `cx_customersAtEnd`,
  COUNT(CASE WHEN NOT COALESCE(`active_at_start`, FALSE) AND COALESCE(`active_at_end`, FALSE) THEN 1 END) AS `cx_newCustomers`,
  COUNT(CASE WHEN COALESCE(`active_at_start`, FALSE) AND NOT COALESCE(`active_at_end`, FALSE) THEN 1 END) AS `cx_churnedCustomers`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH));
