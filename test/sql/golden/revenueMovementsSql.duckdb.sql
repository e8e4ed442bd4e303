-- revenueMovementsSql: monthly snapshots per segment and region, with currency
WITH
cx_rows AS (
SELECT
  "account_id" AS "cx_account",
  STRFTIME(CAST(DATE_TRUNC('month', CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) AS DATE), '%Y-%m-%d') AS "cx_period",
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST("mrr" AS DECIMAL(38, 6)) AS "cx_amount"
FROM "analytics"."crm_table"
WHERE "account_id" IS NOT NULL AND "created_at" IS NOT NULL AND "mrr" >= 0
),
cx_slots AS (
SELECT
  "cx_account",
  "cx_period",
  CAST(SUBSTR("cx_period", 1, 4) AS BIGINT) * 12 + CAST(SUBSTR("cx_period", 6, 2) AS BIGINT) AS "cx_index",
  MIN("cx_group_0") AS "cx_group_0",
  MIN("cx_group_1") AS "cx_group_1",
  CASE WHEN MIN("cx_group_0") <> MAX("cx_group_0") OR (COUNT("cx_group_0") > 0 AND COUNT("cx_group_0") < COUNT(*)) OR MIN("cx_group_1") <> MAX("cx_group_1") OR (COUNT("cx_group_1") > 0 AND COUNT("cx_group_1") < COUNT(*)) THEN 1 ELSE 0 END AS "cx_conflict",
  SUM("cx_amount") AS "cx_amount"
FROM cx_rows
GROUP BY "cx_account", "cx_period"
),
cx_bounds AS (
SELECT MIN("cx_index") AS "cx_first", MAX("cx_index") AS "cx_last", COUNT(DISTINCT "cx_index") AS "cx_periodCount", SUM("cx_conflict") AS "cx_conflicts"
FROM cx_slots
),
cx_checks AS (
SELECT
  COUNT(*) FILTER (WHERE "account_id" IS NULL OR CAST("account_id" AS VARCHAR) = '') AS "cx_missingAccount",
  COUNT(*) FILTER (WHERE "created_at" IS NULL) AS "cx_missingPeriod",
  COUNT(*) FILTER (WHERE "mrr" IS NULL) AS "cx_nullAmount",
  COUNT(*) FILTER (WHERE "mrr" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "mrr" <> CAST("mrr" AS DECIMAL(38, 6))) AS "cx_tooPrecise",
  MIN("currency") AS "cx_currencyLow",
  MAX("currency") AS "cx_currencyHigh",
  COALESCE(MAX(b."cx_conflicts"), 0) AS "cx_groupConflicts",
  CASE WHEN MAX(b."cx_last") - MAX(b."cx_first") <> (MAX(b."cx_periodCount") - 1) * 1 THEN 1 ELSE 0 END AS "cx_gaps"
FROM "analytics"."crm_table" CROSS JOIN cx_bounds b
),
cx_periods AS (
SELECT "cx_index", LEAD("cx_period") OVER (ORDER BY "cx_index") AS "cx_next"
FROM (SELECT DISTINCT "cx_period", "cx_index" FROM cx_slots) d
),
cx_windowed AS (
SELECT
  "cx_account",
  "cx_period",
  "cx_index",
  "cx_group_0",
  "cx_group_1",
  "cx_amount",
  LAG("cx_index") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousIndex",
  LAG("cx_amount") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousAmount",
  LAG("cx_group_0") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousGroup_0",
  LAG("cx_group_1") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousGroup_1",
  LEAD("cx_index") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_nextIndex",
  SUM(CASE WHEN "cx_amount" > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY "cx_account" ORDER BY "cx_index" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - CASE WHEN "cx_amount" > 0 THEN 1 ELSE 0 END AS "cx_paidEarlier"
FROM cx_slots
),
cx_movements AS (
SELECT
  w."cx_period" AS "cx_period",
  CASE WHEN w."cx_previousIndex" = w."cx_index" - 1 AND w."cx_previousAmount" > 0 THEN w."cx_previousGroup_0" ELSE w."cx_group_0" END AS "cx_group_0",
  CASE WHEN w."cx_previousIndex" = w."cx_index" - 1 AND w."cx_previousAmount" > 0 THEN w."cx_previousGroup_1" ELSE w."cx_group_1" END AS "cx_group_1",
  CASE WHEN w."cx_previousIndex" = w."cx_index" - 1 THEN w."cx_previousAmount" ELSE CAST(0 AS DECIMAL(38, 6)) END AS "cx_start",
  w."cx_amount" AS "cx_end",
  w."cx_paidEarlier" AS "cx_paidEarlier"
FROM cx_windowed w CROSS JOIN cx_bounds b
WHERE w."cx_index" > b."cx_first" AND (w."cx_amount" > 0 OR (w."cx_previousIndex" = w."cx_index" - 1 AND w."cx_previousAmount" > 0))
UNION ALL
SELECT
  p."cx_next" AS "cx_period",
  w."cx_group_0" AS "cx_group_0",
  w."cx_group_1" AS "cx_group_1",
  w."cx_amount" AS "cx_start",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_end",
  w."cx_paidEarlier" AS "cx_paidEarlier"
FROM cx_windowed w JOIN cx_periods p ON p."cx_index" = w."cx_index" CROSS JOIN cx_bounds b
WHERE w."cx_amount" > 0 AND w."cx_index" < b."cx_last" AND (w."cx_nextIndex" IS NULL OR w."cx_nextIndex" <> w."cx_index" + 1)
UNION ALL
SELECT
  '0001-01-01' AS "cx_period",
  NULL AS "cx_group_0",
  NULL AS "cx_group_1",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_start",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_end",
  0 AS "cx_paidEarlier"
FROM cx_checks c
WHERE c."cx_missingAccount" + c."cx_missingPeriod" + c."cx_nullAmount" + c."cx_negativeAmount" + c."cx_tooPrecise" + c."cx_groupConflicts" + c."cx_gaps" > 0 OR c."cx_currencyLow" <> c."cx_currencyHigh"
)
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  "cx_n",
  "cx_startingRevenue",
  "cx_endingRevenue",
  "cx_new",
  "cx_expansion",
  "cx_contraction",
  "cx_churn",
  "cx_reactivation",
  "cx_newCount",
  "cx_expansionCount",
  "cx_contractionCount",
  "cx_churnCount",
  "cx_reactivationCount",
  "cx_unchangedCount",
  "cx_startingCustomers",
  "cx_endingCustomers",
  "cx_currencyLow",
  "cx_currencyHigh",
  "cx_missingAccount",
  "cx_missingPeriod",
  "cx_nullAmount",
  "cx_negativeAmount",
  "cx_tooPrecise",
  "cx_groupConflicts",
  "cx_gaps"
FROM (
SELECT
  "cx_group_0" AS "cx_group_0",
  "cx_group_1" AS "cx_group_1",
  CAST("cx_period" AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM("cx_start"), 0) AS VARCHAR) AS "cx_startingRevenue",
  CAST(COALESCE(SUM("cx_end"), 0) AS VARCHAR) AS "cx_endingRevenue",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" = 0 AND "cx_paidEarlier" = 0 THEN "cx_end" END), 0) AS VARCHAR) AS "cx_new",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" > "cx_start" THEN "cx_end" - "cx_start" END), 0) AS VARCHAR) AS "cx_expansion",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" > 0 AND "cx_end" < "cx_start" THEN "cx_start" - "cx_end" END), 0) AS VARCHAR) AS "cx_contraction",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" = 0 THEN "cx_start" END), 0) AS VARCHAR) AS "cx_churn",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" = 0 AND "cx_paidEarlier" > 0 THEN "cx_end" END), 0) AS VARCHAR) AS "cx_reactivation",
  COUNT(*) FILTER (WHERE "cx_start" = 0 AND "cx_paidEarlier" = 0) AS "cx_newCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" > "cx_start") AS "cx_expansionCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" > 0 AND "cx_end" < "cx_start") AS "cx_contractionCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" = 0) AS "cx_churnCount",
  COUNT(*) FILTER (WHERE "cx_start" = 0 AND "cx_paidEarlier" > 0) AS "cx_reactivationCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" = "cx_start") AS "cx_unchangedCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0) AS "cx_startingCustomers",
  COUNT(*) FILTER (WHERE "cx_end" > 0) AS "cx_endingCustomers",
  MIN("cx_currencyLow") AS "cx_currencyLow",
  MAX("cx_currencyHigh") AS "cx_currencyHigh",
  MAX("cx_missingAccount") AS "cx_missingAccount",
  MAX("cx_missingPeriod") AS "cx_missingPeriod",
  MAX("cx_nullAmount") AS "cx_nullAmount",
  MAX("cx_negativeAmount") AS "cx_negativeAmount",
  MAX("cx_tooPrecise") AS "cx_tooPrecise",
  MAX("cx_groupConflicts") AS "cx_groupConflicts",
  MAX("cx_gaps") AS "cx_gaps"
FROM cx_movements CROSS JOIN cx_checks
GROUP BY
  "cx_group_0",
  "cx_group_1",
  CAST("cx_period" AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- revenueMovementsSql: weekly snapshots, no group
WITH
cx_rows AS (
SELECT
  "account_id" AS "cx_account",
  STRFTIME(CAST(CAST(TIMEZONE('America/New_York', "created_at") AS DATE) - CAST(((DAYOFWEEK(CAST(TIMEZONE('America/New_York', "created_at") AS DATE)) + 7) % 7) AS INTEGER) AS DATE), '%Y-%m-%d') AS "cx_period",
  CAST("mrr" AS DECIMAL(38, 6)) AS "cx_amount"
FROM "billing"."mrr_snapshots"
WHERE "account_id" IS NOT NULL AND "created_at" IS NOT NULL AND "mrr" >= 0
),
cx_slots AS (
SELECT
  "cx_account",
  "cx_period",
  DATE_DIFF('day', CAST('1970-01-01' AS DATE), CAST("cx_period" AS DATE)) AS "cx_index",
  0 AS "cx_conflict",
  SUM("cx_amount") AS "cx_amount"
FROM cx_rows
GROUP BY "cx_account", "cx_period"
),
cx_bounds AS (
SELECT MIN("cx_index") AS "cx_first", MAX("cx_index") AS "cx_last", COUNT(DISTINCT "cx_index") AS "cx_periodCount", SUM("cx_conflict") AS "cx_conflicts"
FROM cx_slots
),
cx_checks AS (
SELECT
  COUNT(*) FILTER (WHERE "account_id" IS NULL OR CAST("account_id" AS VARCHAR) = '') AS "cx_missingAccount",
  COUNT(*) FILTER (WHERE "created_at" IS NULL) AS "cx_missingPeriod",
  COUNT(*) FILTER (WHERE "mrr" IS NULL) AS "cx_nullAmount",
  COUNT(*) FILTER (WHERE "mrr" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "mrr" <> CAST("mrr" AS DECIMAL(38, 6))) AS "cx_tooPrecise",
  CAST(NULL AS VARCHAR) AS "cx_currencyLow",
  CAST(NULL AS VARCHAR) AS "cx_currencyHigh",
  COALESCE(MAX(b."cx_conflicts"), 0) AS "cx_groupConflicts",
  CASE WHEN MAX(b."cx_last") - MAX(b."cx_first") <> (MAX(b."cx_periodCount") - 1) * 7 THEN 1 ELSE 0 END AS "cx_gaps"
FROM "billing"."mrr_snapshots" CROSS JOIN cx_bounds b
),
cx_periods AS (
SELECT "cx_index", LEAD("cx_period") OVER (ORDER BY "cx_index") AS "cx_next"
FROM (SELECT DISTINCT "cx_period", "cx_index" FROM cx_slots) d
),
cx_windowed AS (
SELECT
  "cx_account",
  "cx_period",
  "cx_index",
  "cx_amount",
  LAG("cx_index") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousIndex",
  LAG("cx_amount") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousAmount",
  LEAD("cx_index") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_nextIndex",
  SUM(CASE WHEN "cx_amount" > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY "cx_account" ORDER BY "cx_index" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - CASE WHEN "cx_amount" > 0 THEN 1 ELSE 0 END AS "cx_paidEarlier"
FROM cx_slots
),
cx_movements AS (
SELECT
  w."cx_period" AS "cx_period",
  CASE WHEN w."cx_previousIndex" = w."cx_index" - 7 THEN w."cx_previousAmount" ELSE CAST(0 AS DECIMAL(38, 6)) END AS "cx_start",
  w."cx_amount" AS "cx_end",
  w."cx_paidEarlier" AS "cx_paidEarlier"
FROM cx_windowed w CROSS JOIN cx_bounds b
WHERE w."cx_index" > b."cx_first" AND (w."cx_amount" > 0 OR (w."cx_previousIndex" = w."cx_index" - 7 AND w."cx_previousAmount" > 0))
UNION ALL
SELECT
  p."cx_next" AS "cx_period",
  w."cx_amount" AS "cx_start",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_end",
  w."cx_paidEarlier" AS "cx_paidEarlier"
FROM cx_windowed w JOIN cx_periods p ON p."cx_index" = w."cx_index" CROSS JOIN cx_bounds b
WHERE w."cx_amount" > 0 AND w."cx_index" < b."cx_last" AND (w."cx_nextIndex" IS NULL OR w."cx_nextIndex" <> w."cx_index" + 7)
UNION ALL
SELECT
  '0001-01-01' AS "cx_period",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_start",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_end",
  0 AS "cx_paidEarlier"
FROM cx_checks c
WHERE c."cx_missingAccount" + c."cx_missingPeriod" + c."cx_nullAmount" + c."cx_negativeAmount" + c."cx_tooPrecise" + c."cx_groupConflicts" + c."cx_gaps" > 0 OR c."cx_currencyLow" <> c."cx_currencyHigh"
)
SELECT
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  "cx_n",
  "cx_startingRevenue",
  "cx_endingRevenue",
  "cx_new",
  "cx_expansion",
  "cx_contraction",
  "cx_churn",
  "cx_reactivation",
  "cx_newCount",
  "cx_expansionCount",
  "cx_contractionCount",
  "cx_churnCount",
  "cx_reactivationCount",
  "cx_unchangedCount",
  "cx_startingCustomers",
  "cx_endingCustomers",
  "cx_currencyLow",
  "cx_currencyHigh",
  "cx_missingAccount",
  "cx_missingPeriod",
  "cx_nullAmount",
  "cx_negativeAmount",
  "cx_tooPrecise",
  "cx_groupConflicts",
  "cx_gaps"
FROM (
SELECT
  CAST("cx_period" AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM("cx_start"), 0) AS VARCHAR) AS "cx_startingRevenue",
  CAST(COALESCE(SUM("cx_end"), 0) AS VARCHAR) AS "cx_endingRevenue",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" = 0 AND "cx_paidEarlier" = 0 THEN "cx_end" END), 0) AS VARCHAR) AS "cx_new",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" > "cx_start" THEN "cx_end" - "cx_start" END), 0) AS VARCHAR) AS "cx_expansion",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" > 0 AND "cx_end" < "cx_start" THEN "cx_start" - "cx_end" END), 0) AS VARCHAR) AS "cx_contraction",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" = 0 THEN "cx_start" END), 0) AS VARCHAR) AS "cx_churn",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" = 0 AND "cx_paidEarlier" > 0 THEN "cx_end" END), 0) AS VARCHAR) AS "cx_reactivation",
  COUNT(*) FILTER (WHERE "cx_start" = 0 AND "cx_paidEarlier" = 0) AS "cx_newCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" > "cx_start") AS "cx_expansionCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" > 0 AND "cx_end" < "cx_start") AS "cx_contractionCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" = 0) AS "cx_churnCount",
  COUNT(*) FILTER (WHERE "cx_start" = 0 AND "cx_paidEarlier" > 0) AS "cx_reactivationCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" = "cx_start") AS "cx_unchangedCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0) AS "cx_startingCustomers",
  COUNT(*) FILTER (WHERE "cx_end" > 0) AS "cx_endingCustomers",
  MIN("cx_currencyLow") AS "cx_currencyLow",
  MAX("cx_currencyHigh") AS "cx_currencyHigh",
  MAX("cx_missingAccount") AS "cx_missingAccount",
  MAX("cx_missingPeriod") AS "cx_missingPeriod",
  MAX("cx_nullAmount") AS "cx_nullAmount",
  MAX("cx_negativeAmount") AS "cx_negativeAmount",
  MAX("cx_tooPrecise") AS "cx_tooPrecise",
  MAX("cx_groupConflicts") AS "cx_groupConflicts",
  MAX("cx_gaps") AS "cx_gaps"
FROM cx_movements CROSS JOIN cx_checks
GROUP BY
  CAST("cx_period" AS DATE)
) AS "cx_groups"
ORDER BY "cx_day";

-- revenueMovementsSql: fiscal quarters
WITH
cx_rows AS (
SELECT
  "account_id" AS "cx_account",
  STRFTIME(CAST(CAST(DATE_TRUNC('month', CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) AS DATE) - TO_MONTHS(CAST(((EXTRACT(MONTH FROM CAST(TIMEZONE('Asia/Tokyo', "created_at") AS DATE)) + 10) % 3) AS INTEGER)) AS DATE), '%Y-%m-%d') AS "cx_period",
  "segment" AS "cx_group_0",
  "region" AS "cx_group_1",
  CAST("mrr" AS DECIMAL(38, 6)) AS "cx_amount"
FROM "analytics"."crm_table"
WHERE "account_id" IS NOT NULL AND "created_at" IS NOT NULL AND "mrr" >= 0
),
cx_slots AS (
SELECT
  "cx_account",
  "cx_period",
  CAST(SUBSTR("cx_period", 1, 4) AS BIGINT) * 12 + CAST(SUBSTR("cx_period", 6, 2) AS BIGINT) AS "cx_index",
  MIN("cx_group_0") AS "cx_group_0",
  MIN("cx_group_1") AS "cx_group_1",
  CASE WHEN MIN("cx_group_0") <> MAX("cx_group_0") OR (COUNT("cx_group_0") > 0 AND COUNT("cx_group_0") < COUNT(*)) OR MIN("cx_group_1") <> MAX("cx_group_1") OR (COUNT("cx_group_1") > 0 AND COUNT("cx_group_1") < COUNT(*)) THEN 1 ELSE 0 END AS "cx_conflict",
  SUM("cx_amount") AS "cx_amount"
FROM cx_rows
GROUP BY "cx_account", "cx_period"
),
cx_bounds AS (
SELECT MIN("cx_index") AS "cx_first", MAX("cx_index") AS "cx_last", COUNT(DISTINCT "cx_index") AS "cx_periodCount", SUM("cx_conflict") AS "cx_conflicts"
FROM cx_slots
),
cx_checks AS (
SELECT
  COUNT(*) FILTER (WHERE "account_id" IS NULL OR CAST("account_id" AS VARCHAR) = '') AS "cx_missingAccount",
  COUNT(*) FILTER (WHERE "created_at" IS NULL) AS "cx_missingPeriod",
  COUNT(*) FILTER (WHERE "mrr" IS NULL) AS "cx_nullAmount",
  COUNT(*) FILTER (WHERE "mrr" < 0) AS "cx_negativeAmount",
  COUNT(*) FILTER (WHERE "mrr" <> CAST("mrr" AS DECIMAL(38, 6))) AS "cx_tooPrecise",
  CAST(NULL AS VARCHAR) AS "cx_currencyLow",
  CAST(NULL AS VARCHAR) AS "cx_currencyHigh",
  COALESCE(MAX(b."cx_conflicts"), 0) AS "cx_groupConflicts",
  CASE WHEN MAX(b."cx_last") - MAX(b."cx_first") <> (MAX(b."cx_periodCount") - 1) * 3 THEN 1 ELSE 0 END AS "cx_gaps"
FROM "analytics"."crm_table" CROSS JOIN cx_bounds b
),
cx_periods AS (
SELECT "cx_index", LEAD("cx_period") OVER (ORDER BY "cx_index") AS "cx_next"
FROM (SELECT DISTINCT "cx_period", "cx_index" FROM cx_slots) d
),
cx_windowed AS (
SELECT
  "cx_account",
  "cx_period",
  "cx_index",
  "cx_group_0",
  "cx_group_1",
  "cx_amount",
  LAG("cx_index") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousIndex",
  LAG("cx_amount") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousAmount",
  LAG("cx_group_0") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousGroup_0",
  LAG("cx_group_1") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_previousGroup_1",
  LEAD("cx_index") OVER (PARTITION BY "cx_account" ORDER BY "cx_index") AS "cx_nextIndex",
  SUM(CASE WHEN "cx_amount" > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY "cx_account" ORDER BY "cx_index" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - CASE WHEN "cx_amount" > 0 THEN 1 ELSE 0 END AS "cx_paidEarlier"
FROM cx_slots
),
cx_movements AS (
SELECT
  w."cx_period" AS "cx_period",
  CASE WHEN w."cx_previousIndex" = w."cx_index" - 3 AND w."cx_previousAmount" > 0 THEN w."cx_previousGroup_0" ELSE w."cx_group_0" END AS "cx_group_0",
  CASE WHEN w."cx_previousIndex" = w."cx_index" - 3 AND w."cx_previousAmount" > 0 THEN w."cx_previousGroup_1" ELSE w."cx_group_1" END AS "cx_group_1",
  CASE WHEN w."cx_previousIndex" = w."cx_index" - 3 THEN w."cx_previousAmount" ELSE CAST(0 AS DECIMAL(38, 6)) END AS "cx_start",
  w."cx_amount" AS "cx_end",
  w."cx_paidEarlier" AS "cx_paidEarlier"
FROM cx_windowed w CROSS JOIN cx_bounds b
WHERE w."cx_index" > b."cx_first" AND (w."cx_amount" > 0 OR (w."cx_previousIndex" = w."cx_index" - 3 AND w."cx_previousAmount" > 0))
UNION ALL
SELECT
  p."cx_next" AS "cx_period",
  w."cx_group_0" AS "cx_group_0",
  w."cx_group_1" AS "cx_group_1",
  w."cx_amount" AS "cx_start",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_end",
  w."cx_paidEarlier" AS "cx_paidEarlier"
FROM cx_windowed w JOIN cx_periods p ON p."cx_index" = w."cx_index" CROSS JOIN cx_bounds b
WHERE w."cx_amount" > 0 AND w."cx_index" < b."cx_last" AND (w."cx_nextIndex" IS NULL OR w."cx_nextIndex" <> w."cx_index" + 3)
UNION ALL
SELECT
  '0001-01-01' AS "cx_period",
  NULL AS "cx_group_0",
  NULL AS "cx_group_1",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_start",
  CAST(0 AS DECIMAL(38, 6)) AS "cx_end",
  0 AS "cx_paidEarlier"
FROM cx_checks c
WHERE c."cx_missingAccount" + c."cx_missingPeriod" + c."cx_nullAmount" + c."cx_negativeAmount" + c."cx_tooPrecise" + c."cx_groupConflicts" + c."cx_gaps" > 0 OR c."cx_currencyLow" <> c."cx_currencyHigh"
)
SELECT
  "cx_group_0",
  "cx_group_1",
  STRFTIME("cx_day", '%Y-%m-%d') AS "cx_period",
  "cx_n",
  "cx_startingRevenue",
  "cx_endingRevenue",
  "cx_new",
  "cx_expansion",
  "cx_contraction",
  "cx_churn",
  "cx_reactivation",
  "cx_newCount",
  "cx_expansionCount",
  "cx_contractionCount",
  "cx_churnCount",
  "cx_reactivationCount",
  "cx_unchangedCount",
  "cx_startingCustomers",
  "cx_endingCustomers",
  "cx_currencyLow",
  "cx_currencyHigh",
  "cx_missingAccount",
  "cx_missingPeriod",
  "cx_nullAmount",
  "cx_negativeAmount",
  "cx_tooPrecise",
  "cx_groupConflicts",
  "cx_gaps"
FROM (
SELECT
  "cx_group_0" AS "cx_group_0",
  "cx_group_1" AS "cx_group_1",
  CAST("cx_period" AS DATE) AS "cx_day",
  COUNT(*) AS "cx_n",
  CAST(COALESCE(SUM("cx_start"), 0) AS VARCHAR) AS "cx_startingRevenue",
  CAST(COALESCE(SUM("cx_end"), 0) AS VARCHAR) AS "cx_endingRevenue",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" = 0 AND "cx_paidEarlier" = 0 THEN "cx_end" END), 0) AS VARCHAR) AS "cx_new",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" > "cx_start" THEN "cx_end" - "cx_start" END), 0) AS VARCHAR) AS "cx_expansion",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" > 0 AND "cx_end" < "cx_start" THEN "cx_start" - "cx_end" END), 0) AS VARCHAR) AS "cx_contraction",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" > 0 AND "cx_end" = 0 THEN "cx_start" END), 0) AS VARCHAR) AS "cx_churn",
  CAST(COALESCE(SUM(CASE WHEN "cx_start" = 0 AND "cx_paidEarlier" > 0 THEN "cx_end" END), 0) AS VARCHAR) AS "cx_reactivation",
  COUNT(*) FILTER (WHERE "cx_start" = 0 AND "cx_paidEarlier" = 0) AS "cx_newCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" > "cx_start") AS "cx_expansionCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" > 0 AND "cx_end" < "cx_start") AS "cx_contractionCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" = 0) AS "cx_churnCount",
  COUNT(*) FILTER (WHERE "cx_start" = 0 AND "cx_paidEarlier" > 0) AS "cx_reactivationCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0 AND "cx_end" = "cx_start") AS "cx_unchangedCount",
  COUNT(*) FILTER (WHERE "cx_start" > 0) AS "cx_startingCustomers",
  COUNT(*) FILTER (WHERE "cx_end" > 0) AS "cx_endingCustomers",
  MIN("cx_currencyLow") AS "cx_currencyLow",
  MAX("cx_currencyHigh") AS "cx_currencyHigh",
  MAX("cx_missingAccount") AS "cx_missingAccount",
  MAX("cx_missingPeriod") AS "cx_missingPeriod",
  MAX("cx_nullAmount") AS "cx_nullAmount",
  MAX("cx_negativeAmount") AS "cx_negativeAmount",
  MAX("cx_tooPrecise") AS "cx_tooPrecise",
  MAX("cx_groupConflicts") AS "cx_groupConflicts",
  MAX("cx_gaps") AS "cx_gaps"
FROM cx_movements CROSS JOIN cx_checks
GROUP BY
  "cx_group_0",
  "cx_group_1",
  CAST("cx_period" AS DATE)
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";
