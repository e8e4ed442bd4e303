-- pipelineCreatedSql: with createdAt and currency
SELECT
  `cx_group_0`,
  `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
  `cx_n`,
  `cx_amount`,
  `cx_withoutAmount`,
  `cx_currencyLow`,
  `cx_currencyHigh`,
  `cx_badStatus`,
  `cx_missingCreatedAt`,
  `cx_negativeAmount`,
  `cx_tooPrecise`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  CAST(COALESCE(SUM(CAST(`amount` AS BIGNUMERIC(38, 6))), 0) AS STRING) AS `cx_amount`,
  COUNTIF(`amount` IS NULL) AS `cx_withoutAmount`,
  MIN(CASE WHEN `amount` IS NOT NULL THEN `currency` END) AS `cx_currencyLow`,
  MAX(CASE WHEN `amount` IS NOT NULL THEN `currency` END) AS `cx_currencyHigh`,
  COUNTIF(`status` IS NULL OR `status` NOT IN ('open', 'won', 'lost')) AS `cx_badStatus`,
  COUNTIF(`created_at` IS NULL) AS `cx_missingCreatedAt`,
  COUNTIF(`amount` < 0) AS `cx_negativeAmount`,
  COUNTIF(`amount` <> CAST(`amount` AS BIGNUMERIC(38, 6))) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
