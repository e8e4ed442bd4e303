-- customerEffortScoreSql: default scale
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  `cx_n`,
  `cx_agreeing`,
  `cx_total`,
  `cx_sum`,
  `cx_sumOfSquares`,
  `cx_refused`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM') AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNT_IF((`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) AND `effort` >= 5) AS `cx_agreeing`,
  COUNT_IF((`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`))) AS `cx_total`,
  SUM(CASE WHEN (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) THEN CAST(`effort` AS BIGINT) ELSE 0 END) AS `cx_sum`,
  SUM(CASE WHEN (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) THEN CAST(`effort` AS BIGINT) * CAST(`effort` AS BIGINT) ELSE 0 END) AS `cx_sumOfSquares`,
  COUNT_IF(`effort` IS NULL OR NOT (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`))) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM')
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
