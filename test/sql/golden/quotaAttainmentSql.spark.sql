-- quotaAttainmentSql: per owner and local day, with currency
SELECT
  `cx_group_0`,
  `cx_group_1`,
  `cx_group_2`,
  DATE_FORMAT(`cx_group_3`, 'yyyy-MM-dd') AS `cx_group_3`,
  `cx_group_4`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  `cx_n`,
  `cx_amount`,
  `cx_missingOwner`,
  `cx_missingAt`,
  `cx_missingAmount`,
  `cx_negativeAmount`,
  `cx_tooPrecise`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  `owner_id` AS `cx_group_2`,
  TO_DATE(FROM_UTC_TIMESTAMP(`closed_at`, 'Europe/Berlin')) AS `cx_group_3`,
  `currency` AS `cx_group_4`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  CAST(COALESCE(SUM(CAST(`amount` AS DECIMAL(38, 6))), 0) AS STRING) AS `cx_amount`,
  COUNT_IF(`owner_id` IS NULL OR `owner_id` = '') AS `cx_missingOwner`,
  COUNT_IF(`closed_at` IS NULL) AS `cx_missingAt`,
  COUNT_IF(`amount` IS NULL) AS `cx_missingAmount`,
  COUNT_IF(`amount` < 0) AS `cx_negativeAmount`,
  COUNT_IF(`amount` <> CAST(`amount` AS DECIMAL(38, 6))) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `owner_id`,
  TO_DATE(FROM_UTC_TIMESTAMP(`closed_at`, 'Europe/Berlin')),
  `currency`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12))
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, CASE WHEN `cx_group_2` IS NULL THEN 1 ELSE 0 END, `cx_group_2`, CASE WHEN `cx_group_3` IS NULL THEN 1 ELSE 0 END, `cx_group_3`, CASE WHEN `cx_group_4` IS NULL THEN 1 ELSE 0 END, `cx_group_4`, `cx_day`;
