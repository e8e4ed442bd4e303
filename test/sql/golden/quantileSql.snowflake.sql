-- quantileSql: p90, linear
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_count",
  "cx_base",
  "cx_v0",
  "cx_v1",
  "cx_v2",
  "cx_v3",
  "cx_badValue"
FROM (
SELECT
  "cx_group_0" AS "cx_group_0",
  "cx_group_1" AS "cx_group_1",
  "cx_period" AS "cx_day",
  COUNT(*) AS "cx_n",
  MAX("cx_r_count") AS "cx_count",
  MIN("cx_r_base") AS "cx_base",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" THEN "cx_r_value" END), 0) AS "cx_v0",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 1 THEN "cx_r_value" END), 0) AS "cx_v1",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 2 THEN "cx_r_value" END), 0) AS "cx_v2",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 3 THEN "cx_r_value" END), 0) AS "cx_v3",
  COUNT_IF("cx_r_bad" = 1) AS "cx_badValue"
FROM (
  SELECT
    "segment" AS "cx_group_0",
    "region" AS "cx_group_1",
    DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 7) + 7, 7), CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)) AS "cx_period",
    CAST("hours_to_reply" AS DOUBLE) AS "cx_r_value",
    ROW_NUMBER() OVER (PARTITION BY "segment", "region", DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 7) + 7, 7), CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)) ORDER BY "hours_to_reply") AS "cx_r_rank",
    COUNT("hours_to_reply") OVER (PARTITION BY "segment", "region", DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 7) + 7, 7), CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE))) AS "cx_r_count",
    CAST(FLOOR(CAST(0.9 AS DOUBLE) * (COUNT("hours_to_reply") OVER (PARTITION BY "segment", "region", DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)), 7) + 7, 7), CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE))) - 1)) AS BIGINT) AS "cx_r_base",
    CASE WHEN "hours_to_reply" IS NULL OR NOT ("hours_to_reply" >= -1.7976931348623157e308 AND "hours_to_reply" <= 1.7976931348623157e308) THEN 1 ELSE 0 END AS "cx_r_bad"
  FROM "analytics"."crm_table"
) AS "cx_ranked"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_period"
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- quantileSql: p90, nearest-rank
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_count",
  "cx_base",
  "cx_v0",
  "cx_v1",
  "cx_v2",
  "cx_v3",
  "cx_badValue"
FROM (
SELECT
  "cx_group_0" AS "cx_group_0",
  "cx_group_1" AS "cx_group_1",
  "cx_period" AS "cx_day",
  COUNT(*) AS "cx_n",
  MAX("cx_r_count") AS "cx_count",
  MIN("cx_r_base") AS "cx_base",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" THEN "cx_r_value" END), 0) AS "cx_v0",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 1 THEN "cx_r_value" END), 0) AS "cx_v1",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 2 THEN "cx_r_value" END), 0) AS "cx_v2",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 3 THEN "cx_r_value" END), 0) AS "cx_v3",
  COUNT_IF("cx_r_bad" = 1) AS "cx_badValue"
FROM (
  SELECT
    "segment" AS "cx_group_0",
    "region" AS "cx_group_1",
    DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)) AS "cx_period",
    CAST("hours_to_reply" AS DOUBLE) AS "cx_r_value",
    ROW_NUMBER() OVER (PARTITION BY "segment", "region", DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)) ORDER BY "hours_to_reply") AS "cx_r_rank",
    COUNT("hours_to_reply") OVER (PARTITION BY "segment", "region", DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE))) AS "cx_r_count",
    CAST(FLOOR(CAST(0.9 AS DOUBLE) * (COUNT("hours_to_reply") OVER (PARTITION BY "segment", "region", DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE)), 7) + 6, 7), CAST(CONVERT_TIMEZONE('Europe/Berlin', "created_at") AS DATE))))) AS BIGINT) AS "cx_r_base",
    CASE WHEN "hours_to_reply" IS NULL OR NOT ("hours_to_reply" >= -1.7976931348623157e308 AND "hours_to_reply" <= 1.7976931348623157e308) THEN 1 ELSE 0 END AS "cx_r_bad"
  FROM "analytics"."crm_table"
) AS "cx_ranked"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_period"
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- quantileSql: p90, exclusive
SELECT
  "cx_group_0",
  "cx_group_1",
  TO_VARCHAR("cx_day", 'YYYY-MM-DD') AS "cx_period",
  "cx_n",
  "cx_count",
  "cx_base",
  "cx_v0",
  "cx_v1",
  "cx_v2",
  "cx_v3",
  "cx_badValue"
FROM (
SELECT
  "cx_group_0" AS "cx_group_0",
  "cx_group_1" AS "cx_group_1",
  "cx_period" AS "cx_day",
  COUNT(*) AS "cx_n",
  MAX("cx_r_count") AS "cx_count",
  MIN("cx_r_base") AS "cx_base",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" THEN "cx_r_value" END), 0) AS "cx_v0",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 1 THEN "cx_r_value" END), 0) AS "cx_v1",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 2 THEN "cx_r_value" END), 0) AS "cx_v2",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 3 THEN "cx_r_value" END), 0) AS "cx_v3",
  COUNT_IF("cx_r_bad" = 1) AS "cx_badValue"
FROM (
  SELECT
    "segment" AS "cx_group_0",
    "region" AS "cx_group_1",
    DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)) AS "cx_period",
    CAST("hours_to_reply" AS DOUBLE) AS "cx_r_value",
    ROW_NUMBER() OVER (PARTITION BY "segment", "region", DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE)) ORDER BY "hours_to_reply") AS "cx_r_rank",
    COUNT("hours_to_reply") OVER (PARTITION BY "segment", "region", DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE))) AS "cx_r_count",
    CAST(FLOOR(CAST(0.9 AS DOUBLE) * (COUNT("hours_to_reply") OVER (PARTITION BY "segment", "region", DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE('America/New_York', "created_at") AS DATE))) + 1)) AS BIGINT) AS "cx_r_base",
    CASE WHEN "hours_to_reply" IS NULL OR NOT ("hours_to_reply" >= -1.7976931348623157e308 AND "hours_to_reply" <= 1.7976931348623157e308) THEN 1 ELSE 0 END AS "cx_r_bad"
  FROM "analytics"."crm_table"
) AS "cx_ranked"
GROUP BY
  "cx_group_0",
  "cx_group_1",
  "cx_period"
) AS "cx_groups"
ORDER BY CASE WHEN "cx_group_0" IS NULL THEN 1 ELSE 0 END, "cx_group_0", CASE WHEN "cx_group_1" IS NULL THEN 1 ELSE 0 END, "cx_group_1", "cx_day";

-- quantileSql: median, no group, no period
SELECT
  COUNT(*) AS "cx_n",
  MAX("cx_r_count") AS "cx_count",
  MIN("cx_r_base") AS "cx_base",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" THEN "cx_r_value" END), 0) AS "cx_v0",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 1 THEN "cx_r_value" END), 0) AS "cx_v1",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 2 THEN "cx_r_value" END), 0) AS "cx_v2",
  COALESCE(MIN(CASE WHEN "cx_r_rank" = "cx_r_base" + 3 THEN "cx_r_value" END), 0) AS "cx_v3",
  COUNT_IF("cx_r_bad" = 1) AS "cx_badValue"
FROM (
  SELECT
    CAST("hours_to_reply" AS DOUBLE) AS "cx_r_value",
    ROW_NUMBER() OVER (ORDER BY "hours_to_reply") AS "cx_r_rank",
    COUNT("hours_to_reply") OVER () AS "cx_r_count",
    CAST(FLOOR(CAST(0.5 AS DOUBLE) * (COUNT("hours_to_reply") OVER () - 1)) AS BIGINT) AS "cx_r_base",
    CASE WHEN "hours_to_reply" IS NULL OR NOT ("hours_to_reply" >= -1.7976931348623157e308 AND "hours_to_reply" <= 1.7976931348623157e308) THEN 1 ELSE 0 END AS "cx_r_bad"
  FROM "tickets"
) AS "cx_ranked"
HAVING COUNT(*) > 0;
