-- activityCountsSql: per type, with duration and at
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  `type` AS `cx_group_2`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COALESCE(SUM(CAST(`duration_minutes` AS FLOAT64)), 0) AS `cx_minutes`,
  COUNT(CASE WHEN `duration_minutes` IS NULL THEN 1 END) AS `cx_withoutDuration`,
  COUNT(CASE WHEN `type` IS NULL THEN 1 END) AS `cx_missingType`,
  COUNT(CASE WHEN `duration_minutes` < 0 THEN 1 END) AS `cx_negativeDuration`,
  COUNT(CASE WHEN `created_at` IS NULL THEN 1 END) AS `cx_missingAt`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `type`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, CASE WHEN `type` IS NULL THEN 1 ELSE 0 END, `type`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH));
