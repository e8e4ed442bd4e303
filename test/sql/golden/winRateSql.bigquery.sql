-- winRateSql: count
SELECT
  `cx_group_0`,
  `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
  `cx_n`,
  `cx_won`,
  `cx_lost`,
  `cx_badStatus`,
  `cx_missingClosedAt`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNTIF(`status` = 'won') AS `cx_won`,
  COUNTIF(`status` = 'lost') AS `cx_lost`,
  COUNTIF(`status` IS NULL OR `status` NOT IN ('open', 'won', 'lost')) AS `cx_badStatus`,
  COUNTIF(`status` IN ('won', 'lost') AND `closed_at` IS NULL) AS `cx_missingClosedAt`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;

-- winRateSql: amount
SELECT
  `cx_group_0`,
  `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
  `cx_n`,
  `cx_won`,
  `cx_lost`,
  `cx_currencyLow`,
  `cx_currencyHigh`,
  `cx_badStatus`,
  `cx_missingAmount`,
  `cx_negativeAmount`,
  `cx_tooPrecise`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'won' THEN CAST(`amount` AS BIGNUMERIC(38, 6)) END), 0) AS STRING) AS `cx_won`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'lost' THEN CAST(`amount` AS BIGNUMERIC(38, 6)) END), 0) AS STRING) AS `cx_lost`,
  MIN(CASE WHEN `status` IN ('won', 'lost') THEN `currency` END) AS `cx_currencyLow`,
  MAX(CASE WHEN `status` IN ('won', 'lost') THEN `currency` END) AS `cx_currencyHigh`,
  COUNTIF(`status` IS NULL OR `status` NOT IN ('open', 'won', 'lost')) AS `cx_badStatus`,
  COUNTIF(`status` IN ('won', 'lost') AND `amount` IS NULL) AS `cx_missingAmount`,
  COUNTIF(`status` IN ('won', 'lost') AND `amount` < 0) AS `cx_negativeAmount`,
  COUNTIF(`status` IN ('won', 'lost') AND `amount` <> CAST(`amount` AS BIGNUMERIC(38, 6))) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
