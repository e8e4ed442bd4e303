-- activityCountsSql: per type, with duration and at
SELECT
  `cx_group_0`,
  `cx_group_1`,
  `cx_group_2`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
  `cx_n`,
  `cx_minutes`,
  `cx_withoutDuration`,
  `cx_missingType`,
  `cx_negativeDuration`,
  `cx_missingAt`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  `type` AS `cx_group_2`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COALESCE(SUM(CAST(`duration_minutes` AS FLOAT64)), 0) AS `cx_minutes`,
  COUNTIF(`duration_minutes` IS NULL) AS `cx_withoutDuration`,
  COUNTIF(`type` IS NULL) AS `cx_missingType`,
  COUNTIF(`duration_minutes` < 0) AS `cx_negativeDuration`,
  COUNTIF(`created_at` IS NULL) AS `cx_missingAt`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `type`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, CASE WHEN `cx_group_2` IS NULL THEN 1 ELSE 0 END, `cx_group_2`, `cx_day`;
