-- winRateSql: count
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `status` = 'won' THEN 1 END) AS `cx_won`,
  COUNT(CASE WHEN `status` = 'lost' THEN 1 END) AS `cx_lost`,
  COUNT(CASE WHEN `status` IS NULL OR `status` NOT IN ('open', 'won', 'lost') THEN 1 END) AS `cx_badStatus`,
  COUNT(CASE WHEN `status` IN ('won', 'lost') AND `closed_at` IS NULL THEN 1 END) AS `cx_missingClosedAt`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)), 'yyyy-MM-dd');

-- winRateSql: amount
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'won' THEN CAST(`amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_won`,
  CAST(COALESCE(SUM(CASE WHEN `status` = 'lost' THEN CAST(`amount` AS DECIMAL(38, 6)) END), 0) AS STRING) AS `cx_lost`,
  MIN(CASE WHEN `status` IN ('won', 'lost') THEN `currency` END) AS `cx_currencyLow`,
  MAX(CASE WHEN `status` IN ('won', 'lost') THEN `currency` END) AS `cx_currencyHigh`,
  COUNT(CASE WHEN `status` IS NULL OR `status` NOT IN ('open', 'won', 'lost') THEN 1 END) AS `cx_badStatus`,
  COUNT(CASE WHEN `status` IN ('won', 'lost') AND `amount` IS NULL THEN 1 END) AS `cx_missingAmount`,
  COUNT(CASE WHEN `status` IN ('won', 'lost') AND `amount` < 0 THEN 1 END) AS `cx_negativeAmount`,
  COUNT(CASE WHEN `status` IN ('won', 'lost') AND `amount` <> CAST(`amount` AS DECIMAL(38, 6)) THEN 1 END) AS `cx_tooPrecise`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd');
