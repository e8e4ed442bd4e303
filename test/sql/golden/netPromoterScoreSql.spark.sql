-- netPromoterScoreSql: period 0
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)), 'yyyy-MM-dd');

-- netPromoterScoreSql: period 1
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)), 'yyyy-MM-dd');

-- netPromoterScoreSql: period 2
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM'), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM'), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM'), 'yyyy-MM-dd');

-- netPromoterScoreSql: period 3
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)), 'yyyy-MM-dd');

-- netPromoterScoreSql: period 4
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd');

-- netPromoterScoreSql: no group, no period
SELECT
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `responses`
HAVING COUNT(*) > 0;
