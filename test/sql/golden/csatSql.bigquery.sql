-- csatSql: scale 7, threshold 6
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN (`rating` >= 1 AND `rating` <= 7 AND `rating` = FLOOR(`rating`)) AND `rating` >= 6 THEN 1 END) AS `cx_satisfied`,
  COUNT(CASE WHEN (`rating` >= 1 AND `rating` <= 7 AND `rating` = FLOOR(`rating`)) THEN 1 END) AS `cx_total`,
  COUNT(CASE WHEN `rating` IS NULL OR NOT (`rating` >= 1 AND `rating` <= 7 AND `rating` = FLOOR(`rating`)) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'Europe/Berlin'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'Europe/Berlin')) - 1) + 6, 7) DAY));
