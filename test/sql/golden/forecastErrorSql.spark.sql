-- forecastErrorSql: weights, bounded sMAPE, MASE scale
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  `cx_n`,
  `cx_weight`,
  `cx_absoluteError`,
  `cx_squaredError`,
  `cx_error`,
  `cx_absoluteActual`,
  `cx_percentageError`,
  `cx_percentageWeight`,
  `cx_zeroActuals`,
  `cx_symmetricError`,
  `cx_hits`,
  `cx_badValue`,
  `cx_badWeight`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE))), CAST(0 AS DOUBLE)) AS `cx_weight`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) * ABS(CAST(`forecast` AS DOUBLE) - CAST(`actual` AS DOUBLE))), CAST(0 AS DOUBLE)) AS `cx_absoluteError`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) * (CAST(`forecast` AS DOUBLE) - CAST(`actual` AS DOUBLE)) * (CAST(`forecast` AS DOUBLE) - CAST(`actual` AS DOUBLE))), CAST(0 AS DOUBLE)) AS `cx_squaredError`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) * (CAST(`forecast` AS DOUBLE) - CAST(`actual` AS DOUBLE))), CAST(0 AS DOUBLE)) AS `cx_error`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) * ABS(CAST(`actual` AS DOUBLE))), CAST(0 AS DOUBLE)) AS `cx_absoluteActual`,
  COALESCE(SUM(CASE WHEN CAST(`actual` AS DOUBLE) <> 0 THEN (COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) * ABS(CAST(`forecast` AS DOUBLE) - CAST(`actual` AS DOUBLE))) / ABS(CAST(`actual` AS DOUBLE)) END), CAST(0 AS DOUBLE)) AS `cx_percentageError`,
  COALESCE(SUM(CASE WHEN CAST(`actual` AS DOUBLE) <> 0 THEN COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) END), CAST(0 AS DOUBLE)) AS `cx_percentageWeight`,
  COUNT(CASE WHEN CAST(`actual` AS DOUBLE) = 0 THEN 1 END) AS `cx_zeroActuals`,
  COALESCE(SUM(CASE WHEN ABS(CAST(`actual` AS DOUBLE)) + ABS(CAST(`forecast` AS DOUBLE)) > 0 THEN 2 * ((COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) * ABS(CAST(`forecast` AS DOUBLE) - CAST(`actual` AS DOUBLE))) / (ABS(CAST(`actual` AS DOUBLE)) + ABS(CAST(`forecast` AS DOUBLE)))) END), CAST(0 AS DOUBLE)) AS `cx_symmetricError`,
  COALESCE(SUM(CASE WHEN ABS(CAST(`forecast` AS DOUBLE) - CAST(`actual` AS DOUBLE)) <= CAST(0.050000000000050004 AS DOUBLE) * ABS(CAST(`actual` AS DOUBLE)) THEN COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) ELSE CAST(0 AS DOUBLE) END), CAST(0 AS DOUBLE)) AS `cx_hits`,
  COUNT_IF(CAST(`actual` AS DOUBLE) IS NULL OR CAST(`forecast` AS DOUBLE) IS NULL OR NOT (ABS(CAST(`actual` AS DOUBLE)) <= CAST(1.7976931348623157e308 AS DOUBLE)) OR NOT (ABS(CAST(`forecast` AS DOUBLE)) <= CAST(1.7976931348623157e308 AS DOUBLE))) AS `cx_badValue`,
  COUNT_IF(COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE)) < 0 OR NOT (ABS(COALESCE(CAST(`weight` AS DOUBLE), CAST(1 AS DOUBLE))) <= CAST(1.7976931348623157e308 AS DOUBLE))) AS `cx_badWeight`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3))
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
