-- quotaAttainmentSql: per owner and local day, with currency
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  `owner_id` AS `cx_group_2`,
  DATE_FORMAT(TO_DATE(FROM_UTC_TIMESTAMP(`closed_at`, 'Europe/Berlin')), 'yyyy-MM-dd') AS `cx_group_3`,
  `currency` AS `cx_group_4`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  CAST(COALESCE(SUM(CAST(`amount` AS DECIMAL(38, 6))), 0) AS STRING) AS `cx_amount`,
  COUNT(CASE WHEN `owner_id` IS NULL OR `owner_id` = '' THEN 1 END) AS `cx_missingOwner`,
  COUNT(CASE WHEN `closed_at` IS NULL THEN 1 END) AS `cx_missingAt`,
  COUNT(CASE WHEN `amount` IS NULL THEN 1 END) AS `cx_missingAmount`,
  COUNT(CASE WHEN `amount` < 0 THEN 1 END) AS `cx_negativeAmount`,
  COUNT(CASE WHEN `amount` <> CAST(`amount` AS DECIMAL(38, 6)) THEN 1 END) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `owner_id`,
  DATE_FORMAT(TO_DATE(FROM_UTC_TIMESTAMP(`closed_at`, 'Europe/Berlin')), 'yyyy-MM-dd'),
  `currency`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, CASE WHEN `owner_id` IS NULL THEN 1 ELSE 0 END, `owner_id`, CASE WHEN DATE_FORMAT(TO_DATE(FROM_UTC_TIMESTAMP(`closed_at`, 'Europe/Berlin')), 'yyyy-MM-dd') IS NULL THEN 1 ELSE 0 END, DATE_FORMAT(TO_DATE(FROM_UTC_TIMESTAMP(`closed_at`, 'Europe/Berlin')), 'yyyy-MM-dd'), CASE WHEN `currency` IS NULL THEN 1 ELSE 0 END, `currency`, DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd');
