-- stageConversionSql: per furthest stage, cumulative
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  `furthest_stage` AS `cx_group_2`,
  DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)), 'yyyy-MM-dd') AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN `status` = 'won' THEN 1 END) AS `cx_won`,
  COUNT(CASE WHEN `status` = 'open' THEN 1 END) AS `cx_open`,
  COUNT(CASE WHEN `status` IS NULL OR `status` NOT IN ('open', 'won', 'lost') THEN 1 END) AS `cx_badStatus`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  `furthest_stage`,
  DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, CASE WHEN `furthest_stage` IS NULL THEN 1 ELSE 0 END, `furthest_stage`, DATE_FORMAT(DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)), 'yyyy-MM-dd');
