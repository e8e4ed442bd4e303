-- cohortRetentionSql: customers per segment and region, monthly cohorts
WITH
cx_checks AS (
SELECT
  COUNTIF(`customer_id` IS NULL OR CAST(`customer_id` AS STRING) = '') AS `cx_missingCustomer`,
  COUNTIF(`created_at` IS NULL) AS `cx_missingAt`,
  0 AS `cx_afterAsOf`,
  0 AS `cx_missingRevenue`,
  0 AS `cx_negativeRevenue`,
  0 AS `cx_tooPrecise`,
  CAST(NULL AS STRING) AS `cx_currencyLow`,
  CAST(NULL AS STRING) AS `cx_currencyHigh`
FROM `analytics`.`crm_table`
),
cx_rows AS (
SELECT
  `customer_id` AS `cx_customer`,
  FORMAT_DATE('%Y-%m-%d', DATE_TRUNC(DATE(`created_at`, 'America/New_York'), MONTH)) AS `cx_period`,
  `segment` AS `cx_group_0`,
  `region` AS `cx_group_1`,
  CAST(0 AS BIGNUMERIC(38, 6)) AS `cx_revenue`
FROM `analytics`.`crm_table`
WHERE `customer_id` IS NOT NULL AND `created_at` IS NOT NULL
),
cx_cohorts AS (
SELECT
  `cx_customer`,
  `cx_period`,
  `cx_group_0`,
  `cx_group_1`,
  `cx_revenue`,
  MIN(`cx_period`) OVER (PARTITION BY `cx_group_0`, `cx_group_1`, `cx_customer`) AS `cx_cohort`
FROM cx_rows
UNION ALL
SELECT
  NULL AS `cx_customer`,
  '0001-01-01' AS `cx_period`,
  NULL AS `cx_group_0`,
  NULL AS `cx_group_1`,
  CAST(0 AS BIGNUMERIC(38, 6)) AS `cx_revenue`,
  '0001-01-01' AS `cx_cohort`
FROM cx_checks c
WHERE c.`cx_missingCustomer` + c.`cx_missingAt` + c.`cx_afterAsOf` + c.`cx_missingRevenue` + c.`cx_negativeRevenue` + c.`cx_tooPrecise` > 0 OR c.`cx_currencyLow` <> c.`cx_currencyHigh`
)
SELECT
  `cx_group_0` AS `cx_group_0`,
  `cx_group_1` AS `cx_group_1`,
  `cx_cohort` AS `cx_cohort`,
  `cx_period` AS `cx_period`,
  COUNT(`cx_customer`) AS `cx_n`,
  COUNT(DISTINCT `cx_customer`) AS `cx_active`,
  CAST(COALESCE(SUM(`cx_revenue`), 0) AS STRING) AS `cx_revenue`,
  MAX(`cx_missingCustomer`) AS `cx_missingCustomer`,
  MAX(`cx_missingAt`) AS `cx_missingAt`,
  MAX(`cx_afterAsOf`) AS `cx_afterAsOf`,
  MAX(`cx_missingRevenue`) AS `cx_missingRevenue`,
  MAX(`cx_negativeRevenue`) AS `cx_negativeRevenue`,
  MAX(`cx_tooPrecise`) AS `cx_tooPrecise`,
  MIN(`cx_currencyLow`) AS `cx_currencyLow`,
  MAX(`cx_currencyHigh`) AS `cx_currencyHigh`
FROM cx_cohorts CROSS JOIN cx_checks
GROUP BY
  `cx_group_0`,
  `cx_group_1`,
  `cx_cohort`,
  `cx_period`
ORDER BY CASE WHEN `cx_group_0` IS NULL THEN 1 ELSE 0 END, `cx_group_0`, CASE WHEN `cx_group_1` IS NULL THEN 1 ELSE 0 END, `cx_group_1`, `cx_cohort`, `cx_period`;

-- cohortRetentionSql: revenue with currency, weekly cohorts, asOf
WITH
cx_checks AS (
SELECT
  COUNTIF(`customer_id` IS NULL OR CAST(`customer_id` AS STRING) = '') AS `cx_missingCustomer`,
  COUNTIF(`created_at` IS NULL) AS `cx_missingAt`,
  COUNTIF(`created_at` > CAST('2026-06-30 23:59:59.999+00:00' AS TIMESTAMP)) AS `cx_afterAsOf`,
  COUNTIF(`amount` IS NULL) AS `cx_missingRevenue`,
  COUNTIF(`amount` < 0) AS `cx_negativeRevenue`,
  COUNTIF(`amount` <> CAST(`amount` AS BIGNUMERIC(38, 6))) AS `cx_tooPrecise`,
  MIN(`currency`) AS `cx_currencyLow`,
  MAX(`currency`) AS `cx_currencyHigh`
FROM `billing`.`invoices`
),
cx_rows AS (
SELECT
  `customer_id` AS `cx_customer`,
  FORMAT_DATE('%Y-%m-%d', DATE_SUB(DATE(`created_at`, 'America/New_York'), INTERVAL MOD((EXTRACT(DAYOFWEEK FROM DATE(`created_at`, 'America/New_York')) - 1) + 7, 7) DAY)) AS `cx_period`,
  CAST(`amount` AS BIGNUMERIC(38, 6)) AS `cx_revenue`
FROM `billing`.`invoices`
WHERE `customer_id` IS NOT NULL AND `created_at` IS NOT NULL
),
cx_cohorts AS (
SELECT
  `cx_customer`,
  `cx_period`,
  `cx_revenue`,
  MIN(`cx_period`) OVER (PARTITION BY `cx_customer`) AS `cx_cohort`
FROM cx_rows
UNION ALL
SELECT
  NULL AS `cx_customer`,
  '0001-01-01' AS `cx_period`,
  CAST(0 AS BIGNUMERIC(38, 6)) AS `cx_revenue`,
  '0001-01-01' AS `cx_cohort`
FROM cx_checks c
WHERE c.`cx_missingCustomer` + c.`cx_missingAt` + c.`cx_afterAsOf` + c.`cx_missingRevenue` + c.`cx_negativeRevenue` + c.`cx_tooPrecise` > 0 OR c.`cx_currencyLow` <> c.`cx_currencyHigh`
)
SELECT
  `cx_cohort` AS `cx_cohort`,
  `cx_period` AS `cx_period`,
  COUNT(`cx_customer`) AS `cx_n`,
  COUNT(DISTINCT `cx_customer`) AS `cx_active`,
  CAST(COALESCE(SUM(`cx_revenue`), 0) AS STRING) AS `cx_revenue`,
  MAX(`cx_missingCustomer`) AS `cx_missingCustomer`,
  MAX(`cx_missingAt`) AS `cx_missingAt`,
  MAX(`cx_afterAsOf`) AS `cx_afterAsOf`,
  MAX(`cx_missingRevenue`) AS `cx_missingRevenue`,
  MAX(`cx_negativeRevenue`) AS `cx_negativeRevenue`,
  MAX(`cx_tooPrecise`) AS `cx_tooPrecise`,
  MIN(`cx_currencyLow`) AS `cx_currencyLow`,
  MAX(`cx_currencyHigh`) AS `cx_currencyHigh`
FROM cx_cohorts CROSS JOIN cx_checks
GROUP BY
  `cx_cohort`,
  `cx_period`
ORDER BY `cx_cohort`, `cx_period`;
