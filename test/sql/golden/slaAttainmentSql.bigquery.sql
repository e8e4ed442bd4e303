-- slaAttainmentSql: target 4.5 with a censored column
SELECT
  `cx_group_0`,
  `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
  `cx_n`,
  `cx_within`,
  `cx_done`,
  `cx_lateOpen`,
  `cx_badDuration`,
  `cx_negativeDuration`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COUNTIF(NOT COALESCE(`is_open`, FALSE) AND (`hours` >= 0 AND `hours` <= 1.7976931348623157e308) AND `hours` <= 4.5) AS `cx_within`,
  COUNTIF(NOT COALESCE(`is_open`, FALSE) AND (`hours` >= 0 AND `hours` <= 1.7976931348623157e308)) AS `cx_done`,
  COUNTIF(COALESCE(`is_open`, FALSE) AND (`hours` >= 0 AND `hours` <= 1.7976931348623157e308) AND `hours` > 4.5) AS `cx_lateOpen`,
  COUNTIF(`hours` IS NULL OR NOT (`hours` < 0 OR (`hours` >= 0 AND `hours` <= 1.7976931348623157e308))) AS `cx_badDuration`,
  COUNTIF(`hours` < 0) AS `cx_negativeDuration`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'UTC'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'UTC')) + 5, 12) MONTH)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
