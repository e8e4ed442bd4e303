-- averageDealSizeSql: with closedAt and currency
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
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
  TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM') AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNT_IF(`status` = 'won') AS `cx_count`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'won' THEN CAST(`amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_total`,
  COALESCE(VAR_POP(CASE WHEN `status` = 'won' THEN CAST(`amount` AS DOUBLE) END), 0) * COUNT_IF(`status` = 'won') AS `cx_squaredDeviations`,
  MIN(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyLow`,
  MAX(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyHigh`,
  COUNT_IF(`status` IS NULL OR `status` NOT IN ('open', 'won', 'lost')) AS `cx_badStatus`,
  COUNT_IF(`status` = 'won' AND `closed_at` IS NULL) AS `cx_missingClosedAt`,
  COUNT_IF(`status` = 'won' AND `amount` IS NULL) AS `cx_missingAmount`,
  COUNT_IF(`status` = 'won' AND `amount` < 0) AS `cx_negativeAmount`,
  COUNT_IF(`status` = 'won' AND `amount` <> CAST(`amount` AS DECIMAL(38, 6))) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM')
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
