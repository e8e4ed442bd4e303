-- kaplanMeierSql: with late entry, per group and fiscal quarter
SELECT
  "cx_group_0",
  "cx_group_1",
  "cx_period",
  "cx_time",
  SUM("cx_e") AS "cx_events",
  SUM("cx_c") AS "cx_censored",
  SUM("cx_i") AS "cx_entries",
  SUM("cx_x_badDuration") AS "cx_badDuration",
  SUM("cx_x_negativeDuration") AS "cx_negativeDuration",
  SUM("cx_x_badEvent") AS "cx_badEvent",
  SUM("cx_x_badEntry") AS "cx_badEntry",
  SUM("cx_x_negativeEntry") AS "cx_negativeEntry",
  SUM("cx_x_entryNotBefore") AS "cx_entryNotBefore"
FROM (
  SELECT
    "segment" AS "cx_group_0",
    "region" AS "cx_group_1",
    TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS INTEGER) + 10) % 3) AS INTEGER)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
    CAST("tenure_months" AS DOUBLE PRECISION) AS "cx_time",
    CASE WHEN CASE WHEN REGEXP_REPLACE(CAST("churned" AS TEXT), '[.]0*$', '') IN ('1', 'true') THEN 1 ELSE 0 END = 1 THEN 1 ELSE 0 END AS "cx_e",
    CASE WHEN CASE WHEN REGEXP_REPLACE(CAST("churned" AS TEXT), '[.]0*$', '') IN ('1', 'true') THEN 1 ELSE 0 END = 0 THEN 1 ELSE 0 END AS "cx_c",
    0 AS "cx_i",
    CASE WHEN "tenure_months" IS NULL OR NOT ("tenure_months" < 0 OR ("tenure_months" >= 0 AND "tenure_months" <= 1.7976931348623157e308)) THEN 1 ELSE 0 END AS "cx_x_badDuration",
    CASE WHEN "tenure_months" < 0 THEN 1 ELSE 0 END AS "cx_x_negativeDuration",
    CASE WHEN "churned" IS NULL OR REGEXP_REPLACE(CAST("churned" AS TEXT), '[.]0*$', '') NOT IN ('0', '-0', '1', 'true', 'false') THEN 1 ELSE 0 END AS "cx_x_badEvent",
    CASE WHEN "entered_month" IS NULL OR NOT ("entered_month" < 0 OR ("entered_month" >= 0 AND "entered_month" <= 1.7976931348623157e308)) THEN 1 ELSE 0 END AS "cx_x_badEntry",
    CASE WHEN "entered_month" < 0 THEN 1 ELSE 0 END AS "cx_x_negativeEntry",
    CASE WHEN ("entered_month" >= 0 AND "entered_month" <= 1.7976931348623157e308) AND ("tenure_months" >= 0 AND "tenure_months" <= 1.7976931348623157e308) AND "entered_month" >= "tenure_months" THEN 1 ELSE 0 END AS "cx_x_entryNotBefore"
  FROM "analytics"."crm_table"
  UNION ALL
  SELECT
    "segment" AS "cx_group_0",
    "region" AS "cx_group_1",
    TO_CHAR(CAST(CAST(DATE_TRUNC('month', CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS DATE) - MAKE_INTERVAL(months => CAST(((CAST(EXTRACT(MONTH FROM CAST(("created_at" AT TIME ZONE 'Asia/Tokyo') AS DATE)) AS INTEGER) + 10) % 3) AS INTEGER)) AS DATE), 'YYYY-MM-DD') AS "cx_period",
    CAST("entered_month" AS DOUBLE PRECISION) AS "cx_time",
    0 AS "cx_e",
    0 AS "cx_c",
    1 AS "cx_i",
    0 AS "cx_x_badDuration",
    0 AS "cx_x_negativeDuration",
    0 AS "cx_x_badEvent",
    0 AS "cx_x_badEntry",
    0 AS "cx_x_negativeEntry",
    0 AS "cx_x_entryNotBefore"
  FROM "analytics"."crm_table"
) AS "cx_subjects"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_period",
  "cx_time"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_period", "cx_time";

-- kaplanMeierSql: no group, no period
SELECT
  "cx_time",
  SUM("cx_e") AS "cx_events",
  SUM("cx_c") AS "cx_censored",
  SUM("cx_x_badDuration") AS "cx_badDuration",
  SUM("cx_x_negativeDuration") AS "cx_negativeDuration",
  SUM("cx_x_badEvent") AS "cx_badEvent"
FROM (
  SELECT
    CAST("tenure_months" AS DOUBLE PRECISION) AS "cx_time",
    CASE WHEN CASE WHEN REGEXP_REPLACE(CAST("churned" AS TEXT), '[.]0*$', '') IN ('1', 'true') THEN 1 ELSE 0 END = 1 THEN 1 ELSE 0 END AS "cx_e",
    CASE WHEN CASE WHEN REGEXP_REPLACE(CAST("churned" AS TEXT), '[.]0*$', '') IN ('1', 'true') THEN 1 ELSE 0 END = 0 THEN 1 ELSE 0 END AS "cx_c",
    CASE WHEN "tenure_months" IS NULL OR NOT ("tenure_months" < 0 OR ("tenure_months" >= 0 AND "tenure_months" <= 1.7976931348623157e308)) THEN 1 ELSE 0 END AS "cx_x_badDuration",
    CASE WHEN "tenure_months" < 0 THEN 1 ELSE 0 END AS "cx_x_negativeDuration",
    CASE WHEN "churned" IS NULL OR REGEXP_REPLACE(CAST("churned" AS TEXT), '[.]0*$', '') NOT IN ('0', '-0', '1', 'true', 'false') THEN 1 ELSE 0 END AS "cx_x_badEvent"
  FROM "customers"
) AS "cx_subjects"
GROUP BY
  "cx_time"
ORDER BY "cx_time";
