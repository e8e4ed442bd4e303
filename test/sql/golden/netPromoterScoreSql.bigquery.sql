-- netPromoterScoreSql: period 0
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'America/New_York'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'America/New_York')) - 1) + 7, 7) DAY)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'America/New_York'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'America/New_York')) - 1) + 7, 7) DAY))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'America/New_York'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'America/New_York')) - 1) + 7, 7) DAY));

-- netPromoterScoreSql: period 1
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY));

-- netPromoterScoreSql: period 2
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH));

-- netPromoterScoreSql: period 3
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH));

-- netPromoterScoreSql: period 4
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH));

-- netPromoterScoreSql: no group, no period
SELECT
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `score` IN (9, 10) THEN 1 END) AS `cx_promoters`,
  COUNT(CASE WHEN `score` IN (7, 8) THEN 1 END) AS `cx_passives`,
  COUNT(CASE WHEN `score` IN (0, 1, 2, 3, 4, 5, 6) THEN 1 END) AS `cx_detractors`,
  COUNT(CASE WHEN `score` IS NULL OR `score` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 1 END) AS `cx_refused`
FROM `responses`
HAVING COUNT(*) > 0;
