import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import type { RevenueRetention } from '../retention/RevenueRetention.js'
import {
  REVENUE_MOVEMENTS,
  type RevenueMovement,
  type RevenueMovementsSummary,
} from '../retention/revenueMovements.js'
import {
  type RevenueMovementsAggregatorOptions,
  type RevenueMovementsAggregatorState,
  revenueMovementsAggregator,
} from '../retention/revenueMovementsAggregator.js'
import { retentionOf } from '../retention/revenueRetentionKernel.js'
import type { SqlDialect, SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlPeriodOptions, SqlQuery, SqlResultRow } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  countWhere,
  decimalType,
  formatDay,
  integerType,
  quoteIdentifier,
  readSqlOptions,
  type SqlContext,
  type SqlStateColumn,
  textType,
} from './sqlBuilder.js'

/**
 * The columns of {@link revenueMovementsSql}: one row per account per snapshot (e.g. monthly
 * MRR), the shape of `AccountRevenueSnapshot` — `accountId`, `amount` (≥ 0, at most 6
 * decimals; several rows of one account in one period are added) and optionally `currency`.
 * The snapshot instant is the `period` option's column.
 *
 * @category SQL
 */
export interface RevenueMovementsSqlColumns {
  readonly accountId: SqlName
  readonly amount: SqlName
  readonly currency?: SqlName
}

/**
 * Options of {@link revenueMovementsSql}: the SQL options with `period` required (the
 * snapshot column and its calendar unit).
 *
 * @category SQL
 */
export type RevenueMovementsSqlOptions = SqlOptions<RevenueMovementsSqlColumns> & {
  readonly period: SqlPeriodOptions
} & RevenueMovementsAggregatorOptions

/** State columns holding refusal counts, in the order `finish` reports them. */
const REFUSALS = [
  {
    name: 'missingAccount',
    code: 'MISSING_VALUE',
    problem: 'a NULL or empty accountId',
  },
  { name: 'missingPeriod', code: 'INVALID_DATE', problem: 'a NULL snapshot instant' },
  { name: 'nullAmount', code: 'NOT_FINITE', problem: 'a NULL amount' },
  { name: 'negativeAmount', code: 'NEGATIVE_VALUE', problem: 'a negative amount' },
  {
    name: 'tooPrecise',
    code: 'VALUE_OUT_OF_RANGE',
    problem: 'an amount with more than 6 decimals (round it in the source query)',
  },
  {
    name: 'groupConflicts',
    code: 'INVALID_RECORD',
    problem: 'an account with two different groupBy values in one period',
  },
  {
    name: 'gaps',
    code: 'MISSING_VALUE',
    problem:
      'a period without any row between the first and the last (add rows with amount 0 if nobody paid)',
  },
] as const

/** Count-state column names per movement (the totals keep the movement's own name). */
const countName = (movement: RevenueMovement) => `${movement}Count`

/**
 * Revenue movements (new, expansion, contraction, churn, reactivation) of every period
 * against the one before, computed where the data lives from per-account snapshots: window
 * functions (`LAG`, `LEAD`, a running `SUM`) pair each account's amount with its amount in
 * the previous period, and one `GROUP BY` sums the movements exactly as `DECIMAL(38, 6)` —
 * exactly the state of `revenueMovementsAggregator` — finished with the rates of
 * `revenueRetentionSeries` (GRR, NRR, MRR churn, logo retention).
 *
 * ```text
 * per account and period p (after the first): s = amount(p − 1), e = amount(p), 0 when absent
 * s = 0 < e: new (reactivation if it paid in an earlier period);  e = 0 < s: churn (s)
 * 0 < s < e: expansion (e − s);  0 < e < s: contraction (s − e);  s = e > 0: unchanged
 * ```
 * With monthly periods the rows equal `revenueRetentionSeries` on the same snapshots (group
 * of an account = its group at the start, at the end when it did not pay at the start); any
 * other unit treats each week, quarter or year as one snapshot. The first period is the
 * baseline (no row); a period with no row at all between the first and the last is refused;
 * NULL amounts are refused (`NOT_FINITE`), as `revenueRetentionSeries` refuses them. Rows
 * come ordered by `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { accountId, amount, currency? }`,
 *   `groupBy`, `period: { column, unit, timeZone?, … }` (required).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`,
 *   `result` a `RevenueRetention` (rates `null` when the period began without revenue), `n`
 *   the accounts that paid at the start or the end.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name or a missing
 *   `period`; from `finish`, `MISSING_VALUE`, `INVALID_DATE`, `NOT_FINITE`, `NEGATIVE_VALUE`,
 *   `VALUE_OUT_OF_RANGE`, `INVALID_RECORD`, `CURRENCY_MISMATCH` for refused table rows and
 *   `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = revenueMovementsSql({ dialect: 'duckdb', from: 'billing.mrr', columns: { accountId: 'account_id', amount: 'mrr' }, period: { column: 'snapshot_at', unit: 'month' } })
 * // January a 100, b 50; February a 120, c 30: S = 150, expansion 20, churn 50, new 30.
 * const [row] = query.finish([{ cx_period: '2026-02-01', cx_n: 3, cx_startingRevenue: '150.000000', cx_endingRevenue: '150.000000', cx_new: '30.000000', cx_expansion: '20.000000', cx_contraction: '0.000000', cx_churn: '50.000000', cx_reactivation: '0.000000', cx_newCount: 1, cx_expansionCount: 1, cx_contractionCount: 0, cx_churnCount: 1, cx_reactivationCount: 0, cx_unchangedCount: 0, cx_startingCustomers: 2, cx_endingCustomers: 2, cx_currencyLow: null, cx_currencyHigh: null, cx_missingAccount: 0, cx_missingPeriod: 0, cx_nullAmount: 0, cx_negativeAmount: 0, cx_tooPrecise: 0, cx_groupConflicts: 0, cx_gaps: 0 }])
 * row?.result.netRevenueRetention // => 0.8
 * ```
 * @see revenueMovementsAggregator, the state it computes; revenueRetentionSeries, the rows it equals.
 * @category SQL
 */
export function revenueMovementsSql(
  options: RevenueMovementsSqlOptions,
): SqlQuery<RevenueMovementsAggregatorState, RevenueRetention> {
  const metric = 'revenueMovementsSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'accountId', required: true },
      { field: 'amount', required: true },
      { field: 'currency', required: false },
    ])
    if (context.period === null) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['period'],
        message: `${metric}: option period is missing; name the snapshot column and its unit: { column, unit: 'month' }`,
      })
    }
    const aggregator = aggregatorFor(metric, () =>
      revenueMovementsAggregator(context.aggregatorOptions),
    )
    const { dialect } = context
    const q = (name: string) => quoteIdentifier(name, dialect)
    // The instant column itself (checked and quoted as any name): NULL checks read it
    // rather than computing its period label a second time per row.
    const instant = readSqlOptions(
      {
        dialect,
        from: 'cx',
        columns: { at: (options as { period: { column: unknown } }).period.column },
      },
      metric,
      [{ field: 'at', required: true }],
    ).columns.at as string
    const withClause = movementsSql(context, context.period, instant)
    const built = buildSqlQuery({
      context: {
        ...context,
        from: `cx_movements CROSS JOIN cx_checks`,
        groupBy: context.groupBy.map((group, index) => ({
          key: group.key,
          sql: q(`cx_group_${index}`),
        })),
        period: { sql: `CAST(${q('cx_period')} AS DATE)`, layout: context.period.layout },
      },
      aggregator,
      stateColumns: stateColumns(dialect),
      checks: [],
      toState: (values) => {
        // The row refusals first, then the currency (as the series checks each row), then
        // what only the whole table shows: group conflicts and missing periods.
        for (const refusal of REFUSALS) {
          if (refusal.name === 'groupConflicts' && values.currencyLow !== values.currencyHigh) {
            throw new MetricInputError({
              code: 'CURRENCY_MISMATCH',
              metric,
              path: ['b', 'currencyHigh'],
              message: `the snapshots are in ${JSON.stringify(values.currencyLow)} and ${JSON.stringify(values.currencyHigh)}; convert amounts to one currency first`,
            })
          }
          const count = values[refusal.name] as number
          if (count > 0) {
            throw new MetricInputError({
              code: refusal.code,
              metric,
              path: ['b', refusal.name],
              message: `${count} ${refusal.name === 'groupConflicts' ? 'account period' : refusal.name === 'gaps' ? 'period' : 'table row'}${count === 1 ? ' has' : 's have'} ${refusal.problem}`,
            })
          }
        }
        const totals = {} as Record<RevenueMovement, string | number | null>
        const counts = {} as Record<RevenueMovement, string | number | null>
        for (const movement of REVENUE_MOVEMENTS) {
          totals[movement] = movement === 'unchanged' ? '0' : (values[movement] ?? null)
          counts[movement] = values[countName(movement)] ?? null
        }
        return {
          startingRevenue: values.startingRevenue,
          endingRevenue: values.endingRevenue,
          totals,
          counts,
          startingCustomers: values.startingCustomers,
          endingCustomers: values.endingCustomers,
        }
      },
    })
    return {
      sql: `${withClause}\n${built.sql}`,
      finish: (rows) => {
        try {
          return withRates(built.finish(rows), rows, metric)
        } catch (error) {
          throw asMetricInputError(error, metric)
        }
      },
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

/**
 * The finished rows with `revenueRetentionSeries`'s result: the aggregator's summary, the
 * currency of the table and the retention functions on the same totals (the series' own
 * `retentionOf`).
 */
function withRates(
  finished: SqlResultRow<RevenueMovementsAggregatorState, RevenueMovementsSummary>[],
  rows: ArrayLike<unknown>,
  metric: string,
): SqlResultRow<RevenueMovementsAggregatorState, RevenueRetention>[] {
  const out: SqlResultRow<RevenueMovementsAggregatorState, RevenueRetention>[] = new Array(
    finished.length,
  )
  let currency: string | null = null
  for (let index = 0; index < finished.length; index++) {
    // Read by the builder already: text or NULL, equal low and high.
    const named = (rows[index] as Record<string, unknown>).cx_currencyLow as string | null
    if (index > 0 && named !== currency) {
      throw new MetricInputError({
        code: 'CURRENCY_MISMATCH',
        metric,
        path: [index, 'cx_currencyLow'],
        message: `${metric}: row ${index} is in ${JSON.stringify(named)}, row 0 in ${JSON.stringify(currency)}; pass the rows of one query unchanged`,
      })
    }
    currency = named
  }
  for (let index = 0; index < finished.length; index++) {
    const row = finished[index] as SqlResultRow<
      RevenueMovementsAggregatorState,
      RevenueMovementsSummary
    >
    out[index] = { ...row, result: retentionOf(row.result, currency) }
  }
  return out
}

/** The aggregate columns over `cx_movements` × `cx_checks`. */
function stateColumns(dialect: SqlDialect): SqlStateColumn[] {
  const q = (name: string) => quoteIdentifier(name, dialect)
  const text = textType(dialect)
  const start = q('cx_start')
  const end = q('cx_end')
  const earlier = q('cx_paidEarlier')
  const sumOf = (amount: string, condition: string | null) =>
    `CAST(COALESCE(SUM(${condition === null ? amount : `CASE WHEN ${condition} THEN ${amount} END`}), 0) AS ${text})`
  const movements: Record<Exclude<RevenueMovement, 'unchanged'>, [string, string]> = {
    new: [end, `${start} = 0 AND ${earlier} = 0`],
    reactivation: [end, `${start} = 0 AND ${earlier} > 0`],
    churn: [start, `${start} > 0 AND ${end} = 0`],
    expansion: [`${end} - ${start}`, `${start} > 0 AND ${end} > ${start}`],
    contraction: [`${start} - ${end}`, `${start} > 0 AND ${end} > 0 AND ${end} < ${start}`],
  }
  const columns: SqlStateColumn[] = [
    { name: 'startingRevenue', sql: sumOf(start, null), kind: 'decimal' },
    { name: 'endingRevenue', sql: sumOf(end, null), kind: 'decimal' },
  ]
  for (const movement of REVENUE_MOVEMENTS) {
    // Unchanged accounts move no revenue: their total is always '0' (set in toState).
    if (movement === 'unchanged') continue
    const [amount, condition] = movements[movement]
    columns.push({ name: movement, sql: sumOf(amount, condition), kind: 'decimal' })
  }
  for (const movement of REVENUE_MOVEMENTS) {
    const condition =
      movement === 'unchanged' ? `${start} > 0 AND ${end} = ${start}` : movements[movement][1]
    columns.push({ name: countName(movement), sql: countWhere(dialect, condition), kind: 'count' })
  }
  columns.push(
    { name: 'startingCustomers', sql: countWhere(dialect, `${start} > 0`), kind: 'count' },
    { name: 'endingCustomers', sql: countWhere(dialect, `${end} > 0`), kind: 'count' },
    { name: 'currencyLow', sql: `MIN(${q('cx_currencyLow')})`, kind: 'text' },
    { name: 'currencyHigh', sql: `MAX(${q('cx_currencyHigh')})`, kind: 'text' },
  )
  for (const refusal of REFUSALS) {
    columns.push({ name: refusal.name, sql: `MAX(${q(`cx_${refusal.name}`)})`, kind: 'count' })
  }
  return columns
}

/**
 * The `WITH` clause: the valid rows with their period label (`cx_rows`), one snapshot per
 * account and period (`cx_slots`, amounts added, with an integer period index), the table's
 * refusal counts and bounds (`cx_checks`), each period's successor (`cx_periods`), each
 * snapshot beside the account's previous and next ones (`cx_windowed`, `LAG` / `LEAD`), and
 * one movement row per account and period (`cx_movements`): into the period of a snapshot,
 * or out of it into the next period when the account has no snapshot there.
 */
function movementsSql(
  context: SqlContext,
  period: NonNullable<SqlContext['period']>,
  instant: string,
): string {
  const { dialect, columns, groupBy } = context
  const q = (name: string) => quoteIdentifier(name, dialect)
  const exact = decimalType(dialect)
  const text = textType(dialect)
  const integer = integerType(dialect)
  const account = columns.accountId as string
  const amount = columns.amount as string
  const currency = columns.currency
  const groups = groupBy.map((_, index) => q(`cx_group_${index}`))
  const previousGroups = groupBy.map((_, index) => q(`cx_previousGroup_${index}`))
  const label = q('cx_period')
  // An integer index of a period start 'YYYY-MM-DD' and the step between two periods:
  // months since year 0 (months, quarters, years), days since 1970-01-01 (weeks).
  const unit = period.layout.period
  const step = unit === 'week' ? 7 : unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12
  const day = `CAST(${label} AS DATE)`
  const epoch = `CAST('1970-01-01' AS DATE)`
  const index =
    unit === 'week'
      ? {
          duckdb: `DATE_DIFF('day', ${epoch}, ${day})`,
          postgres: `(${day} - ${epoch})`,
          bigquery: `DATE_DIFF(${day}, ${epoch}, DAY)`,
          snowflake: `DATEDIFF(day, ${epoch}, ${day})`,
          spark: `DATEDIFF(${day}, ${epoch})`,
        }[dialect]
      : `CAST(SUBSTR(${label}, 1, 4) AS ${integer}) * 12 + CAST(SUBSTR(${label}, 6, 2) AS ${integer})`
  const window = (partitioned: boolean) =>
    partitioned
      ? `OVER (PARTITION BY ${q('cx_account')} ORDER BY ${q('cx_index')})`
      : `OVER (ORDER BY ${q('cx_index')})`
  const conflict =
    groups.length === 0
      ? '0'
      : `CASE WHEN ${groups
          .map(
            (group) =>
              `MIN(${group}) <> MAX(${group}) OR (COUNT(${group}) > 0 AND COUNT(${group}) < COUNT(*))`,
          )
          .join(' OR ')} THEN 1 ELSE 0 END`
  const w = (name: string) => `w.${q(name)}`
  const adjacent = `${w('cx_previousIndex')} = ${w('cx_index')} - ${step}`
  const rowChecks = [
    `${countWhere(dialect, `${account} IS NULL OR CAST(${account} AS ${text}) = ''`)} AS ${q('cx_missingAccount')}`,
    `${countWhere(dialect, `${instant} IS NULL`)} AS ${q('cx_missingPeriod')}`,
    `${countWhere(dialect, `${amount} IS NULL`)} AS ${q('cx_nullAmount')}`,
    `${countWhere(dialect, `${amount} < 0`)} AS ${q('cx_negativeAmount')}`,
    `${countWhere(dialect, `${amount} <> CAST(${amount} AS ${exact})`)} AS ${q('cx_tooPrecise')}`,
    `${currency === undefined ? `CAST(NULL AS ${text})` : `MIN(${currency})`} AS ${q('cx_currencyLow')}`,
    `${currency === undefined ? `CAST(NULL AS ${text})` : `MAX(${currency})`} AS ${q('cx_currencyHigh')}`,
  ]
  const ctes = [
    [
      'cx_rows',
      [
        'SELECT',
        `  ${[
          `${account} AS ${q('cx_account')}`,
          `${formatDay(dialect, period.sql)} AS ${label}`,
          ...groupBy.map((group, position) => `${group.sql} AS ${groups[position]}`),
          `CAST(${amount} AS ${exact}) AS ${q('cx_amount')}`,
        ].join(',\n  ')}`,
        `FROM ${context.from}`,
        `WHERE ${account} IS NOT NULL AND ${instant} IS NOT NULL AND ${amount} >= 0`,
      ],
    ],
    [
      'cx_slots',
      [
        'SELECT',
        `  ${[
          q('cx_account'),
          label,
          `${index} AS ${q('cx_index')}`,
          ...groups.map((group) => `MIN(${group}) AS ${group}`),
          `${conflict} AS ${q('cx_conflict')}`,
          `SUM(${q('cx_amount')}) AS ${q('cx_amount')}`,
        ].join(',\n  ')}`,
        `FROM cx_rows`,
        `GROUP BY ${q('cx_account')}, ${label}`,
      ],
    ],
    [
      'cx_bounds',
      [
        `SELECT MIN(${q('cx_index')}) AS ${q('cx_first')}, MAX(${q('cx_index')}) AS ${q('cx_last')}, COUNT(DISTINCT ${q('cx_index')}) AS ${q('cx_periodCount')}, SUM(${q('cx_conflict')}) AS ${q('cx_conflicts')}`,
        `FROM cx_slots`,
      ],
    ],
    [
      'cx_checks',
      [
        'SELECT',
        `  ${[
          ...rowChecks,
          `COALESCE(MAX(b.${q('cx_conflicts')}), 0) AS ${q('cx_groupConflicts')}`,
          `CASE WHEN MAX(b.${q('cx_last')}) - MAX(b.${q('cx_first')}) <> (MAX(b.${q('cx_periodCount')}) - 1) * ${step} THEN 1 ELSE 0 END AS ${q('cx_gaps')}`,
        ].join(',\n  ')}`,
        `FROM ${context.from} CROSS JOIN cx_bounds b`,
      ],
    ],
    [
      'cx_periods',
      [
        `SELECT ${q('cx_index')}, LEAD(${label}) ${window(false)} AS ${q('cx_next')}`,
        `FROM (SELECT DISTINCT ${label}, ${q('cx_index')} FROM cx_slots) d`,
      ],
    ],
    [
      'cx_windowed',
      [
        'SELECT',
        `  ${[
          q('cx_account'),
          label,
          q('cx_index'),
          ...groups,
          q('cx_amount'),
          `LAG(${q('cx_index')}) ${window(true)} AS ${q('cx_previousIndex')}`,
          `LAG(${q('cx_amount')}) ${window(true)} AS ${q('cx_previousAmount')}`,
          ...groups.map(
            (group, position) => `LAG(${group}) ${window(true)} AS ${previousGroups[position]}`,
          ),
          `LEAD(${q('cx_index')}) ${window(true)} AS ${q('cx_nextIndex')}`,
          // Snapshots with revenue before this one (the running count minus this one).
          `SUM(CASE WHEN ${q('cx_amount')} > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY ${q('cx_account')} ORDER BY ${q('cx_index')} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - CASE WHEN ${q('cx_amount')} > 0 THEN 1 ELSE 0 END AS ${q('cx_paidEarlier')}`,
        ].join(',\n  ')}`,
        `FROM cx_slots`,
      ],
    ],
    [
      'cx_movements',
      [
        // Into the period of a snapshot, from the previous period's snapshot (or nothing).
        'SELECT',
        `  ${[
          `${w('cx_period')} AS ${label}`,
          ...groups.map(
            (group, position) =>
              `CASE WHEN ${adjacent} AND ${w('cx_previousAmount')} > 0 THEN w.${previousGroups[position]} ELSE w.${group} END AS ${group}`,
          ),
          `CASE WHEN ${adjacent} THEN ${w('cx_previousAmount')} ELSE CAST(0 AS ${exact}) END AS ${q('cx_start')}`,
          `${w('cx_amount')} AS ${q('cx_end')}`,
          `${w('cx_paidEarlier')} AS ${q('cx_paidEarlier')}`,
        ].join(',\n  ')}`,
        `FROM cx_windowed w CROSS JOIN cx_bounds b`,
        `WHERE ${w('cx_index')} > b.${q('cx_first')} AND (${w('cx_amount')} > 0 OR (${adjacent} AND ${w('cx_previousAmount')} > 0))`,
        'UNION ALL',
        // Out of a paying snapshot into the next period, where the account has none.
        'SELECT',
        `  ${[
          `p.${q('cx_next')} AS ${label}`,
          ...groups.map((group) => `w.${group} AS ${group}`),
          `${w('cx_amount')} AS ${q('cx_start')}`,
          `CAST(0 AS ${exact}) AS ${q('cx_end')}`,
          `${w('cx_paidEarlier')} AS ${q('cx_paidEarlier')}`,
        ].join(',\n  ')}`,
        `FROM cx_windowed w JOIN cx_periods p ON p.${q('cx_index')} = ${w('cx_index')} CROSS JOIN cx_bounds b`,
        `WHERE ${w('cx_amount')} > 0 AND ${w('cx_index')} < b.${q('cx_last')} AND (${w('cx_nextIndex')} IS NULL OR ${w('cx_nextIndex')} <> ${w('cx_index')} + ${step})`,
        'UNION ALL',
        // One placeholder row when the table is refused, so that `finish` always sees the
        // refusal (even with fewer than two periods); it never reaches a result.
        'SELECT',
        `  ${[
          `'0001-01-01' AS ${label}`,
          ...groups.map((group) => `NULL AS ${group}`),
          `CAST(0 AS ${exact}) AS ${q('cx_start')}`,
          `CAST(0 AS ${exact}) AS ${q('cx_end')}`,
          `0 AS ${q('cx_paidEarlier')}`,
        ].join(',\n  ')}`,
        'FROM cx_checks c',
        `WHERE ${REFUSALS.map((refusal) => `c.${q(`cx_${refusal.name}`)}`).join(' + ')} > 0 OR c.${q('cx_currencyLow')} <> c.${q('cx_currencyHigh')}`,
      ],
    ],
  ] as const
  return `WITH\n${ctes.map(([name, lines]) => `${name} AS (\n${lines.join('\n')}\n)`).join(',\n')}`
}
