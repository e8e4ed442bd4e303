-- stageConversionSql: per furthest stage, cumulative
SELECT
  `cx_group_0`,
  `cx_group_1`,
  `cx_group_2`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  `cx_n`,
  `cx_won`,
  `cx_open`,
  `cx_badStatus`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  `furthest_stage` AS `cx_group_2`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNT_IF(`status` = 'won') AS `cx_won`,
  COUNT_IF(`status` = 'open') AS `cx_open`,
  COUNT_IF(`status` IS NULL OR `status` NOT IN ('open', 'won', 'lost')) AS `cx_badStatus`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `furthest_stage`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7))
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, CASE WHEN `cx_group_2` IS NULL THEN 1 ELSE 0 END, `cx_group_2`, `cx_day`;
