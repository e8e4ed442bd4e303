-- averageDealSizeSql: with closedAt and currency
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM'), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `status` = 'won' THEN 1 END) AS `cx_count`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'won' THEN CAST(`amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_total`,
  COALESCE(VAR_POP(CASE WHEN `status` = 'won' THEN CAST(`amount` AS DOUBLE) END), 0) * COUNT(CASE WHEN `status` = 'won' THEN 1 END) AS `cx_squaredDeviations`,
  MIN(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyLow`,
  MAX(CASE WHEN `status` = 'won' THEN `currency` END) AS `cx_currencyHigh`,
  COUNT(CASE WHEN `status` IS NULL OR `status` NOT IN ('open', 'won', 'lost') THEN 1 END) AS `cx_badStatus`,
  COUNT(CASE WHEN `status` = 'won' AND `closed_at` IS NULL THEN 1 END) AS `cx_missingClosedAt`,
  COUNT(CASE WHEN `status` = 'won' AND `amount` IS NULL THEN 1 END) AS `cx_missingAmount`,
  COUNT(CASE WHEN `status` = 'won' AND `amount` < 0 THEN 1 END) AS `cx_negativeAmount`,
  COUNT(CASE WHEN `status` = 'won' AND `amount` <> CAST(`amount` AS DECIMAL(38, 6)) THEN 1 END) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM'), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM'), 'yyyy-MM-dd');

-- averageDealSizeSql: statistic 'median'
SELECT
  `cx_group_0` AS `cx_group_0`,
  `cx_group_1` AS `cx_group_1`,
  `cx_period` AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `cx_r_status` = 'won' THEN 1 END) AS `cx_count`,
  CAST(COALESCE(SUM(CASE WHEN `cx_r_status` = 'won' THEN CAST(`cx_r_amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_total`,
  COALESCE(VAR_POP(CASE WHEN `cx_r_status` = 'won' THEN CAST(`cx_r_amount` AS DOUBLE) END), 0) * COUNT(CASE WHEN `cx_r_status` = 'won' THEN 1 END) AS `cx_squaredDeviations`,
  CAST(NULL AS STRING) AS `cx_currencyLow`,
  CAST(NULL AS STRING) AS `cx_currencyHigh`,
  CAST(COALESCE(MIN(CASE WHEN `cx_r_status` = 'won' AND 2 * `cx_r_rank` >= `cx_r_won` AND 2 * `cx_r_rank` <= `cx_r_won` + 2 THEN CAST(`cx_r_amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_medianLow`,
  CAST(COALESCE(MAX(CASE WHEN `cx_r_status` = 'won' AND 2 * `cx_r_rank` >= `cx_r_won` AND 2 * `cx_r_rank` <= `cx_r_won` + 2 THEN CAST(`cx_r_amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_medianHigh`,
  COUNT(CASE WHEN `cx_r_status` IS NULL OR `cx_r_status` NOT IN ('open', 'won', 'lost') THEN 1 END) AS `cx_badStatus`,
  COUNT(CASE WHEN `cx_r_status` = 'won' AND `cx_r_closedAt` IS NULL THEN 1 END) AS `cx_missingClosedAt`,
  COUNT(CASE WHEN `cx_r_status` = 'won' AND `cx_r_amount` IS NULL THEN 1 END) AS `cx_missingAmount`,
  COUNT(CASE WHEN `cx_r_status` = 'won' AND `cx_r_amount` < 0 THEN 1 END) AS `cx_negativeAmount`,
  COUNT(CASE WHEN `cx_r_status` = 'won' AND `cx_r_amount` <> CAST(`cx_r_amount` AS DECIMAL(38, 6)) THEN 1 END) AS `cx_tooPrecise`
FROM (
  SELECT
    `segment` AS `cx_group_0`,
    `region` AS `cx_group_1`,
    DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)), 'yyyy-MM-dd') AS `cx_period`,
    `status` AS `cx_r_status`,
    `amount` AS `cx_r_amount`,
    `closed_at` AS `cx_r_closedAt`,
    ROW_NUMBER() OVER (PARTITION BY `segment`, `region`, DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)), 'yyyy-MM-dd') ORDER BY CASE WHEN `status` = 'won' THEN 0 ELSE 1 END, CAST(`amount` AS DECIMAL(38, 6))) AS `cx_r_rank`,
    COUNT(CASE WHEN `status` = 'won' THEN 1 END) OVER (PARTITION BY `segment`, `region`, DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)), 'yyyy-MM-dd')) AS `cx_r_won`
  FROM `analytics`.`crm_table`
) AS `cx_ranked`
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_period`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_period`;
