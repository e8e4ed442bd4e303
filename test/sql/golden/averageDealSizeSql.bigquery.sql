-- averageDealSizeSql: with closedAt and currency
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `status` = 'won' THEN 1 END) AS `cx_count`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'won' THEN CAST(`amount` AS BIGNUMERIC(38, 6)) END), 0) AS STRING) AS `cx_total`,
  COALESCE(VAR_POP(CASE WHEN `status` = 'won' THEN CAST(`amount` AS FLOAT64) END), 0) * COUNT(CASE WHEN `status` = 'won' THEN 1 END) AS `cx_squaredDeviations`,
  MIN(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyLow`,
  MAX(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyHigh`,
  COUNT(CASE WHEN `status` IS NULL OR `status` NOT IN ('open', 'won', 'lost') THEN 1 END) AS `cx_badStatus`,
  COUNT(CASE WHEN `status` = 'won' AND `closed_at` IS NULL THEN 1 END) AS `cx_missingClosedAt`,
  COUNT(CASE WHEN `status` = 'won' AND `amount` IS NULL THEN 1 END) AS `cx_missingAmount`,
  COUNT(CASE WHEN `status` = 'won' AND `amount` < 0 THEN 1 END) AS `cx_negativeAmount`,
  COUNT(CASE WHEN `status` = 'won' AND `amount` <> CAST(`amount` AS BIGNUMERIC(38, 6)) THEN 1 END) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH));
