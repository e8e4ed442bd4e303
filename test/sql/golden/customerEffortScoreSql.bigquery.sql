-- customerEffortScoreSql: default scale
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) AND `effort` >= 5 THEN 1 END) AS `cx_agreeing`,
  COUNT(CASE WHEN (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) THEN 1 END) AS `cx_total`,
  COALESCE(SUM(CASE WHEN (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) THEN CAST(`effort` AS INT64) END), 0) AS `cx_sum`,
  COALESCE(SUM(CASE WHEN (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) THEN CAST(`effort` AS INT64) * CAST(`effort` AS INT64) END), 0) AS `cx_sumOfSquares`,
  COUNT(CASE WHEN `effort` IS NULL OR NOT (`effort` >= 1 AND `effort` <= 7 AND `effort` = FLOOR(`effort`)) THEN 1 END) AS `cx_refused`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH));
