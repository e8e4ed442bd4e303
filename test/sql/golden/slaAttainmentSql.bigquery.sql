-- slaAttainmentSql: target 4.5 with a censored column
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH)) AS `cx_period`,
  COUNT(*) AS `cx_n`,
  COUNT(CASE WHEN NOT COALESCE(`is_open`, FALSE) AND (`hours` >= 0 AND `hours` <= 1.7976931348623157e308) AND `hours` <= 4.5 THEN 1 END) AS `cx_within`,
  COUNT(CASE WHEN NOT COALESCE(`is_open`, FALSE) AND (`hours` >= 0 AND `hours` <= 1.7976931348623157e308) THEN 1 END) AS `cx_done`,
  COUNT(CASE WHEN COALESCE(`is_open`, FALSE) AND (`hours` >= 0 AND `hours` <= 1.7976931348623157e308) AND `hours` > 4.5 THEN 1 END) AS `cx_lateOpen`,
  COUNT(CASE WHEN `hours` IS NULL OR NOT (`hours` < 0 OR (`hours` >= 0 AND `hours` <= 1.7976931348623157e308)) THEN 1 END) AS `cx_badDuration`,
  COUNT(CASE WHEN `hours` < 0 THEN 1 END) AS `cx_negativeDuration`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH))
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH));
