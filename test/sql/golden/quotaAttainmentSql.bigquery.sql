-- quotaAttainmentSql: per owner and local day, with currency
SELECT
  `cx_group_0`,
  `cx_group_1`,
  `cx_group_2`,
  FORMAT_DATE('%Y-%m-%d', `cx_group_3`) AS `cx_group_3`,
  `cx_group_4`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
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
  DATE(`closed_at`, 'Europe/Berlin') AS `cx_group_3`,
  `currency` AS `cx_group_4`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  CAST(COALESCE(SUM(CAST(`amount` AS BIGNUMERIC(38, 6))), 0) AS STRING) AS `cx_amount`,
  COUNTIF(`owner_id` IS NULL OR `owner_id` = '') AS `cx_missingOwner`,
  COUNTIF(`closed_at` IS NULL) AS `cx_missingAt`,
  COUNTIF(`amount` IS NULL) AS `cx_missingAmount`,
  COUNTIF(`amount` < 0) AS `cx_negativeAmount`,
  COUNTIF(`amount` <> CAST(`amount` AS BIGNUMERIC(38, 6))) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `owner_id`,
  DATE(`closed_at`, 'Europe/Berlin'),
  `currency`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, CASE WHEN `cx_group_2` IS NULL THEN 1 ELSE 0 END, `cx_group_2`, CASE WHEN `cx_group_3` IS NULL THEN 1 ELSE 0 END, `cx_group_3`, CASE WHEN `cx_group_4` IS NULL THEN 1 ELSE 0 END, `cx_group_4`, `cx_day`;
