-- csatSql: scale 7, threshold 6
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  `cx_n`,
  `cx_satisfied`,
  `cx_total`,
  `cx_refused`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNT_IF((`rating` >= 1 AND `rating` <= 7 AND `rating` = FLOOR(`rating`)) AND `rating` >= 6) AS `cx_satisfied`,
  COUNT_IF((`rating` >= 1 AND `rating` <= 7 AND `rating` = FLOOR(`rating`))) AS `cx_total`,
  COUNT_IF(`rating` IS NULL OR NOT (`rating` >= 1 AND `rating` <= 7 AND `rating` = FLOOR(`rating`))) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7))
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
