-- activityCountsSql: per type, with duration and at
SELECT
  `cx_group_0`,
  `cx_group_1`,
  `cx_group_2`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
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
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COALESCE(SUM(CAST(`duration_minutes` AS DOUBLE)), 0) AS `cx_minutes`,
  COUNT_IF(`duration_minutes` IS NULL) AS `cx_withoutDuration`,
  COUNT_IF(`type` IS NULL) AS `cx_missingType`,
  COUNT_IF(`duration_minutes` < 0) AS `cx_negativeDuration`,
  COUNT_IF(`created_at` IS NULL) AS `cx_missingAt`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `type`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3))
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, CASE WHEN `cx_group_2` IS NULL THEN 1 ELSE 0 END, `cx_group_2`, `cx_day`;
