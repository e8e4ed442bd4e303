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

-- averageDealSizeSql: statistic 'median'
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
  `cx_medianLow`,
  `cx_medianHigh`,
  `cx_badStatus`,
  `cx_missingClosedAt`,
  `cx_missingAmount`,
  `cx_negativeAmount`,
  `cx_tooPrecise`
FROM (
SELECT
  `cx_group_0` AS `cx_group_0`,
  `cx_group_1` AS `cx_group_1`,
  `cx_period` AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNT_IF(`cx_r_status` = 'won') AS `cx_count`,
  CAST(COALESCE(SUM(CASE WHEN `cx_r_status` = 'won' THEN CAST(`cx_r_amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_total`,
  COALESCE(VAR_POP(CASE WHEN `cx_r_status` = 'won' THEN CAST(`cx_r_amount` AS DOUBLE) END), 0) * COUNT_IF(`cx_r_status` = 'won') AS `cx_squaredDeviations`,
  CAST(NULL AS STRING) AS `cx_currencyLow`,
  CAST(NULL AS STRING) AS `cx_currencyHigh`,
  CAST(COALESCE(MIN(CASE WHEN `cx_r_status` = 'won' AND 2 * `cx_r_rank` >= `cx_r_won` AND 2 * `cx_r_rank` <= `cx_r_won` + 2 THEN CAST(`cx_r_amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_medianLow`,
  CAST(COALESCE(MAX(CASE WHEN `cx_r_status` = 'won' AND 2 * `cx_r_rank` >= `cx_r_won` AND 2 * `cx_r_rank` <= `cx_r_won` + 2 THEN CAST(`cx_r_amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_medianHigh`,
  COUNT_IF(`cx_r_status` IS NULL OR `cx_r_status` NOT IN ('open', 'won', 'lost')) AS `cx_badStatus`,
  COUNT_IF(`cx_r_status` = 'won' AND `cx_r_closedAt` IS NULL) AS `cx_missingClosedAt`,
  COUNT_IF(`cx_r_status` = 'won' AND `cx_r_amount` IS NULL) AS `cx_missingAmount`,
  COUNT_IF(`cx_r_status` = 'won' AND `cx_r_amount` < 0) AS `cx_negativeAmount`,
  COUNT_IF(`cx_r_status` = 'won' AND `cx_r_amount` <> CAST(`cx_r_amount` AS DECIMAL(38, 6))) AS `cx_tooPrecise`
FROM (
  SELECT
    `segment` AS `cx_group_0`,
    `region` AS `cx_group_1`,
    DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)) AS `cx_period`,
    `status` AS `cx_r_status`,
    `amount` AS `cx_r_amount`,
    `closed_at` AS `cx_r_closedAt`,
    ROW_NUMBER() OVER (PARTITION BY `segment`, `region`, DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)) ORDER BY CASE WHEN `status` = 'won' THEN 0 ELSE 1 END, CAST(`amount` AS DECIMAL(38, 6))) AS `cx_r_rank`,
    COUNT(CASE WHEN `status` = 'won' THEN 1 END) OVER (PARTITION BY `segment`, `region`, DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7))) AS `cx_r_won`
  FROM `analytics`.`crm_table`
) AS `cx_ranked`
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_period`
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
