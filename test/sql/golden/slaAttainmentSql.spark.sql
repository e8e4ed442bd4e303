-- slaAttainmentSql: target 4.5 with a censored column
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd') AS `cx_period`,
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
  DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd')
ORDER BY CASE WHEN `segment` IS NULL THEN 1 ELSE 0 END, `segment`, CASE WHEN `region` IS NULL THEN 1 ELSE 0 END, `region`, DATE_FORMAT(ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)), 'yyyy-MM-dd');
