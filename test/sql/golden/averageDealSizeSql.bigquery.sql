-- averageDealSizeSql: with closedAt and currency
SELECT
  `cx_group_0`,
  `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
  `cx_n`,
  `cx_count`,
  `cx_total`,
  `cx_squaredDeviations`,
  `cx_currencyLow`,
  `cx_currencyHigh`,
  `cx_badStatus`,
  `cx_missingClosedAt`,
  `cx_missingAmount`,
  `cx_negativeAmount`,
  `cx_tooPrecise`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNTIF(`status` = 'won') AS `cx_count`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'won' THEN CAST(`amount` AS BIGNUMERIC(38, 6)) END), 0) AS STRING) AS `cx_total`,
  COALESCE(VAR_POP(CASE WHEN `status` = 'won' THEN CAST(`amount` AS FLOAT64) END), 0) * COUNTIF(`status` = 'won') AS `cx_squaredDeviations`,
  MIN(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyLow`,
  MAX(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyHigh`,
  COUNTIF(`status` IS NULL OR `status` NOT IN ('open', 'won', 'lost')) AS `cx_badStatus`,
  COUNTIF(`status` = 'won' AND `closed_at` IS NULL) AS `cx_missingClosedAt`,
  COUNTIF(`status` = 'won' AND `amount` IS NULL) AS `cx_missingAmount`,
  COUNTIF(`status` = 'won' AND `amount` < 0) AS `cx_negativeAmount`,
  COUNTIF(`status` = 'won' AND `amount` <> CAST(`amount` AS BIGNUMERIC(38, 6))) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
