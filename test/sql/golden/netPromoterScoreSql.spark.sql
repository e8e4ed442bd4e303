-- netPromoterScoreSql: period 0
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  SUM(`cx_rows`) AS `cx_n`,
  SUM(CASE WHEN `cx_value` IN (9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_promoters`,
  SUM(CASE WHEN `cx_value` IN (7, 8) THEN `cx_rows` ELSE 0 END) AS `cx_passives`,
  SUM(CASE WHEN `cx_value` IN (0, 1, 2, 3, 4, 5, 6) THEN `cx_rows` ELSE 0 END) AS `cx_detractors`,
  SUM(CASE WHEN `cx_value` IS NULL OR `cx_value` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_refused`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)) AS `cx_day`,
  `score` AS `cx_value`,
  COUNT(*) AS `cx_rows`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York'))) - 1) + 7) % 7)),
  `score`
) AS `cx_tally`
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_day`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;

-- netPromoterScoreSql: period 1
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  SUM(`cx_rows`) AS `cx_n`,
  SUM(CASE WHEN `cx_value` IN (9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_promoters`,
  SUM(CASE WHEN `cx_value` IN (7, 8) THEN `cx_rows` ELSE 0 END) AS `cx_passives`,
  SUM(CASE WHEN `cx_value` IN (0, 1, 2, 3, 4, 5, 6) THEN `cx_rows` ELSE 0 END) AS `cx_detractors`,
  SUM(CASE WHEN `cx_value` IS NULL OR `cx_value` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_refused`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)) AS `cx_day`,
  `score` AS `cx_value`,
  COUNT(*) AS `cx_rows`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  DATE_SUB(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin')), (((DAYOFWEEK(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Europe/Berlin'))) - 1) + 6) % 7)),
  `score`
) AS `cx_tally`
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_day`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;

-- netPromoterScoreSql: period 2
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  SUM(`cx_rows`) AS `cx_n`,
  SUM(CASE WHEN `cx_value` IN (9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_promoters`,
  SUM(CASE WHEN `cx_value` IN (7, 8) THEN `cx_rows` ELSE 0 END) AS `cx_passives`,
  SUM(CASE WHEN `cx_value` IN (0, 1, 2, 3, 4, 5, 6) THEN `cx_rows` ELSE 0 END) AS `cx_detractors`,
  SUM(CASE WHEN `cx_value` IS NULL OR `cx_value` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_refused`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM') AS `cx_day`,
  `score` AS `cx_value`,
  COUNT(*) AS `cx_rows`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'America/New_York')), 'MM'),
  `score`
) AS `cx_tally`
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_day`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;

-- netPromoterScoreSql: period 3
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  SUM(`cx_rows`) AS `cx_n`,
  SUM(CASE WHEN `cx_value` IN (9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_promoters`,
  SUM(CASE WHEN `cx_value` IN (7, 8) THEN `cx_rows` ELSE 0 END) AS `cx_passives`,
  SUM(CASE WHEN `cx_value` IN (0, 1, 2, 3, 4, 5, 6) THEN `cx_rows` ELSE 0 END) AS `cx_detractors`,
  SUM(CASE WHEN `cx_value` IS NULL OR `cx_value` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_refused`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)) AS `cx_day`,
  `score` AS `cx_value`,
  COUNT(*) AS `cx_rows`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'Asia/Tokyo'))) + 10) % 3)),
  `score`
) AS `cx_tally`
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_day`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;

-- netPromoterScoreSql: period 4
SELECT
  `cx_group_0`,
  `cx_group_1`,
  DATE_FORMAT(`cx_day`, 'yyyy-MM-dd') AS `cx_period`,
  SUM(`cx_rows`) AS `cx_n`,
  SUM(CASE WHEN `cx_value` IN (9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_promoters`,
  SUM(CASE WHEN `cx_value` IN (7, 8) THEN `cx_rows` ELSE 0 END) AS `cx_passives`,
  SUM(CASE WHEN `cx_value` IN (0, 1, 2, 3, 4, 5, 6) THEN `cx_rows` ELSE 0 END) AS `cx_detractors`,
  SUM(CASE WHEN `cx_value` IS NULL OR `cx_value` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_refused`
FROM (
SELECT
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)) AS `cx_day`,
  `score` AS `cx_value`,
  COUNT(*) AS `cx_rows`
FROM `analytics`.`crm_table`
GROUP BY
  `segment`,
  `region`,
  ADD_MONTHS(TRUNC(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC')), 'MM'), -((MONTH(TO_DATE(FROM_UTC_TIMESTAMP(`created_at`, 'UTC'))) + 5) % 12)),
  `score`
) AS `cx_tally`
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_day`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_day`;

-- netPromoterScoreSql: no group, no period
SELECT
  SUM(`cx_rows`) AS `cx_n`,
  SUM(CASE WHEN `cx_value` IN (9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_promoters`,
  SUM(CASE WHEN `cx_value` IN (7, 8) THEN `cx_rows` ELSE 0 END) AS `cx_passives`,
  SUM(CASE WHEN `cx_value` IN (0, 1, 2, 3, 4, 5, 6) THEN `cx_rows` ELSE 0 END) AS `cx_detractors`,
  SUM(CASE WHEN `cx_value` IS NULL OR `cx_value` NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN `cx_rows` ELSE 0 END) AS `cx_refused`
FROM (
SELECT
  `score` AS `cx_value`,
  COUNT(*) AS `cx_rows`
FROM `responses`
GROUP BY
  `score`
) AS `cx_tally`
HAVING COUNT(*) > 0;
