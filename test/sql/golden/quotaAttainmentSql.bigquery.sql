-- quotaAttainmentSql: per owner and local day, with currency
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  `owner_id` AS `cx_group_2`,
  FORMAT_DATE('%Y-%m-%d', DATE(`closed_at`, 'Europe/Berlin')) AS `cx_group_3`,
  `currency` AS `cx_group_4`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  CAST(COALESCE(SUM(CAST(`amount` AS BIGNUMERIC(38, 6))), 0) AS STRING) AS `cx_amount`,
  COUNT(CASE WHEN `owner_id` IS NULL OR `owner_id` = '' THEN 1 END) AS `cx_missingOwner`,
  COUNT(CASE WHEN `closed_at` IS NULL THEN 1 END) AS `cx_missingAt`,
  COUNT(CASE WHEN `amount` IS NULL THEN 1 END) AS `cx_missingAmount`,
  COUNT(CASE WHEN `amount` < 0 THEN 1 END) AS `cx_negativeAmount`,
  COUNT(CASE WHEN `amount` <> CAST(`amount` AS BIGNUMERIC(38, 6)) THEN 1 END) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `owner_id`,
  FORMAT_DATE('%Y-%m-%d', DATE(`closed_at`, 'Europe/Berlin')),
  `currency`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, CASE WHEN `owner_id` IS NULL THEN 1 ELSE 0 END, `owner_id`, CASE WHEN FORMAT_DATE('%Y-%m-%d', DATE(`closed_at`, 'Europe/Berlin')) IS NULL THEN 1 ELSE 0 END, FORMAT_DATE('%Y-%m-%d', DATE(`closed_at`, 'Europe/Berlin')), CASE WHEN `currency` IS NULL THEN 1 ELSE 0 END, `currency`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH));
