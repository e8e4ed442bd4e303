-- forecastErrorSql: weights, bounded sMAPE, MASE scale
SELECT
  `cx_group_0`,
  `cx_group_1`,
  FORMAT_DATE('%Y-%m-%d', `cx_day`) AS `cx_period`,
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
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH) AS `cx_day`,
  COUNT(*) AS `cx_n`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64))), CAST(0 AS FLOAT64)) AS `cx_weight`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) * ABS(CAST(`forecast` AS FLOAT64) - CAST(`actual` AS FLOAT64))), CAST(0 AS FLOAT64)) AS `cx_absoluteError`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) * (CAST(`forecast` AS FLOAT64) - CAST(`actual` AS FLOAT64)) * (CAST(`forecast` AS FLOAT64) - CAST(`actual` AS FLOAT64))), CAST(0 AS FLOAT64)) AS `cx_squaredError`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) * (CAST(`forecast` AS FLOAT64) - CAST(`actual` AS FLOAT64))), CAST(0 AS FLOAT64)) AS `cx_error`,
  COALESCE(SUM(COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) * ABS(CAST(`actual` AS FLOAT64))), CAST(0 AS FLOAT64)) AS `cx_absoluteActual`,
  COALESCE(SUM(CASE WHEN CAST(`actual` AS FLOAT64) <> 0 THEN (COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) * ABS(CAST(`forecast` AS FLOAT64) - CAST(`actual` AS FLOAT64))) / ABS(CAST(`actual` AS FLOAT64)) END), CAST(0 AS FLOAT64)) AS `cx_percentageError`,
  COALESCE(SUM(CASE WHEN CAST(`actual` AS FLOAT64) <> 0 THEN COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) END), CAST(0 AS FLOAT64)) AS `cx_percentageWeight`,
  COUNT(CASE WHEN CAST(`actual` AS FLOAT64) = 0 THEN 1 END) AS `cx_zeroActuals`,
  COALESCE(SUM(CASE WHEN ABS(CAST(`actual` AS FLOAT64)) + ABS(CAST(`forecast` AS FLOAT64)) > 0 THEN 2 * ((COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) * ABS(CAST(`forecast` AS FLOAT64) - CAST(`actual` AS FLOAT64))) / (ABS(CAST(`actual` AS FLOAT64)) + ABS(CAST(`forecast` AS FLOAT64)))) END), CAST(0 AS FLOAT64)) AS `cx_symmetricError`,
  COALESCE(SUM(CASE WHEN ABS(CAST(`forecast` AS FLOAT64) - CAST(`actual` AS FLOAT64)) <= CAST(0.050000000000050004 AS FLOAT64) * ABS(CAST(`actual` AS FLOAT64)) THEN COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) ELSE CAST(0 AS FLOAT64) END), CAST(0 AS FLOAT64)) AS `cx_hits`,
  COUNTIF(CAST(`actual` AS FLOAT64) IS NULL OR CAST(`forecast` AS FLOAT64) IS NULL OR NOT (ABS(CAST(`actual` AS FLOAT64)) <= CAST(1.7976931348623157e308 AS FLOAT64)) OR NOT (ABS(CAST(`forecast` AS FLOAT64)) <= CAST(1.7976931348623157e308 AS FLOAT64))) AS `cx_badValue`,
  COUNTIF(COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64)) < 0 OR NOT (ABS(COALESCE(CAST(`weight` AS FLOAT64), CAST(1 AS FLOAT64))) <= CAST(1.7976931348623157e308 AS FLOAT64))) AS `cx_badWeight`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(DATE_TRUNC(DATE(`created_at`, 'Asia/Tokyo'), MONTH), INTERVAL MOD(EXTRACT(MONTH FROM DATE(`created_at`, 'Asia/Tokyo')) + 10, 3) MONTH)
) AS `cx_groups`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;
