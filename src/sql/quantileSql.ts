import type { Aggregator } from '../core/Aggregator.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { QUANTILE_METHODS, type QuantileMethod, quantileOfSorted } from '../core/quantile.js'
import { asMetricInputError, requireOneOf } from '../core/validate.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  alias,
  buildSqlQuery,
  doubleType,
  integerType,
  numberLiteral,
  quoteIdentifier,
  readSqlOptions,
} from './sqlBuilder.js'
import { rankedContext } from './sqlRanks.js'

/**
 * The columns of {@link quantileSql}: `value`, a numeric column (read as `DOUBLE`).
 *
 * @category SQL
 */
export interface QuantileSqlColumns {
  readonly value: SqlName
}

/**
 * Options of {@link quantileSql}: the SQL options, `quantile` (the probability p, from 0
 * to 1) and `quantile`'s `method`.
 *
 * @category SQL
 */
export type QuantileSqlOptions = SqlOptions<QuantileSqlColumns> & {
  /** The probability p of the quantile, from 0 to 1 (0.5 = median, 0.9 = p90). */
  readonly quantile: number
  /** `'linear'` (default, R type 7), `'nearest-rank'` (⌈pN⌉-th value) or `'exclusive'` (R type 6). */
  readonly method?: QuantileMethod
}

/**
 * The state of one group and period of {@link quantileSql}: the group's value count and
 * the values at ranks `base` to `base + 3` (1-based; `null` for a rank outside 1..count), the order
 * statistics the quantile's definition can need. Not mergeable: a quantile of a union needs
 * every value, so `merge` of two non-empty states throws.
 *
 * @category SQL
 */
export interface QuantileSqlState {
  readonly count: number
  readonly base: number
  readonly values: readonly (number | null)[]
}

/** Ranks below the exact position the window starts at (see the TSDoc formula). */
const SHIFT: Record<QuantileMethod, number> = { linear: -1, 'nearest-rank': 0, exclusive: 1 }
const WINDOW = 4

/**
 * An exact quantile per group and period computed where the data lives, equal to
 * `quantile(values, p, { method })` of each group's values, for every method and dialect.
 *
 * ```text
 * inner:  rank = ROW_NUMBER() OVER (PARTITION BY group, period ORDER BY value)
 *         N    = COUNT(value) OVER (PARTITION BY group, period)
 *         base = FLOOR(p · (N + c))   c = −1 linear, 0 nearest-rank, +1 exclusive
 * outer:  v_k  = MIN(value at rank base + k), k = 0..3          GROUP BY group, period
 * finish: quantile's own definition on N and the order statistics v₀..v₃ (the rank it
 *         needs is base or base + 1 — its 1e-12 rank snapping moves it by at most one)
 * ```
 * The engines' percentile functions are not used, on purpose: Postgres' `percentile_disc`
 * takes the `ceil(p·N)`-th value in floating point, so p = 0.07 over 100 values returns the
 * 8th (0.07 · 100 = 7.000000000000001), where the nearest-rank definition (and DuckDB's
 * `quantile_disc`) gives the 7th; BigQuery's `PERCENTILE_CONT` is analytic only and
 * `APPROX_QUANTILES` approximate; Spark's exact `percentile` / `percentile_approx` differ
 * the same way; no dialect has R type 6. Ranks with `ROW_NUMBER()` are exact everywhere
 * and give `quantile`'s own value bit for bit. The linear quantile is the same number as
 * DuckDB `quantile_cont`, Postgres and Snowflake `PERCENTILE_CONT … WITHIN GROUP`, BigQuery
 * `PERCENTILE_CONT(x, p) OVER ()` and Spark `percentile` up to that snapping.
 *
 * A NULL, NaN or infinite value is counted and refused by `finish` (`NOT_FINITE`), as
 * `quantile` refuses it. Rows come ordered by `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { value }`, `groupBy`, `period`, `quantile`
 *   (required, 0..1), `method` (`'linear'`).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`,
 *   `result` the quantile (`null` for `'exclusive'` outside [1/(N + 1), N/(N + 1)]).
 * @throws MetricInputError `INVALID_OPTION` for a bad option (`quantile` outside [0, 1],
 *   an unknown `method`) or an unsafe name; from `finish`, `NOT_FINITE` for refused values
 *   and `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = quantileSql({ dialect: 'duckdb', from: 'tickets', columns: { value: 'hours' }, quantile: 0.9 })
 * // Values 1..10: linear rank (10 − 1) · 0.9 = 8.1 → 9 + 0.1 · (10 − 9) = 9.1; base = ⌊0.9 · 9⌋ = 8.
 * const [row] = query.finish([{ cx_n: 10, cx_count: 10, cx_base: 8, cx_v0: 8, cx_v1: 9, cx_v2: 10, cx_v3: 0, cx_badValue: 0 }])
 * row?.result // => 9.1
 * ```
 * @see quantile, the one-shot function.
 * @category SQL
 */
export function quantileSql(
  options: QuantileSqlOptions,
): SqlQuery<QuantileSqlState, number | null> {
  const metric = 'quantileSql'
  try {
    const context = readSqlOptions(options, metric, [{ field: 'value', required: true }])
    const given = context.aggregatorOptions
    for (const key of Object.keys(given)) {
      if (key !== 'quantile' && key !== 'method') {
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          path: [key],
          message: `${metric}: unknown option ${describeValue(key)}; quantileSql takes quantile and method besides the SQL options`,
        })
      }
    }
    const p = given.quantile
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['quantile'],
        message: `${metric}: option quantile is ${describeValue(p)}; it must be a probability from 0 to 1`,
      })
    }
    const method = requireOneOf(
      (given.method ?? 'linear') as QuantileMethod,
      QUANTILE_METHODS,
      metric,
      'method',
    )
    const { dialect } = context
    const value = context.columns.value as string
    const double = doubleType(dialect)
    const shift = SHIFT[method]
    const count = (window: (order: string | null) => string) => `COUNT(${value}) ${window(null)}`
    const ranked = rankedContext(context, (window) => [
      { name: 'r_value', sql: `CAST(${value} AS ${double})` },
      { name: 'r_rank', sql: `ROW_NUMBER() ${window(value)}` },
      { name: 'r_count', sql: count(window) },
      {
        name: 'r_base',
        sql: `CAST(FLOOR(CAST(${numberLiteral(p)} AS ${double}) * (${count(window)}${shift === 0 ? '' : shift > 0 ? ` + ${shift}` : ` - ${-shift}`})) AS ${integerType(dialect)})`,
      },
      {
        name: 'r_bad',
        sql: `CASE WHEN ${value} IS NULL OR NOT (${value} >= -1.7976931348623157e308 AND ${value} <= 1.7976931348623157e308) THEN 1 ELSE 0 END`,
      },
    ])
    const column = (name: string) => quoteIdentifier(alias(name), dialect)
    const aggregator: Aggregator<QuantileSqlState, never, number | null> = {
      initial: () => ({ count: 0, base: 0, values: [] }),
      add: () => {
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          message: `${metric}: a quantile state is read from the query's rows, not added to`,
        })
      },
      merge: (a, b) => {
        if (a.count === 0) return b
        if (b.count === 0) return a
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          message: `${metric}: quantile states do not merge; a quantile of a union needs every value`,
        })
      },
      result: (state) => quantileOfWindow(state, p, method, metric),
    }
    return buildSqlQuery({
      context: ranked,
      aggregator,
      stateColumns: [
        { name: 'count', sql: `MAX(${column('r_count')})`, kind: 'count' },
        { name: 'base', sql: `MIN(${column('r_base')})`, kind: 'count' },
        ...Array.from({ length: WINDOW }, (_, k) => ({
          name: `v${k}`,
          // 0 past the last rank (finish knows which ranks exist from count and base).
          sql: `COALESCE(MIN(CASE WHEN ${column('r_rank')} = ${column('r_base')}${k === 0 ? '' : ` + ${k}`} THEN ${column('r_value')} END), 0)`,
          kind: 'float' as const,
        })),
      ],
      checks: [
        {
          name: 'badValue',
          condition: `${column('r_bad')} = 1`,
          code: 'NOT_FINITE',
          problem: 'a value that is NULL, NaN or infinite',
        },
      ],
      toState: (values) => {
        const window: (number | null)[] = []
        const base = values.base as number
        const count = values.count as number
        for (let k = 0; k < WINDOW; k++) {
          const rank = base + k
          window.push(rank >= 1 && rank <= count ? (values[`v${k}`] as number) : null)
        }
        const state = { count, base, values: window }
        if (state.count !== values.n) {
          throw new MetricInputError({
            code: 'INVALID_RECORD',
            metric,
            path: ['b', 'count'],
            message: `${metric}: the row counts ${state.count} values of ${values.n} rows`,
          })
        }
        // Checked here so that a row that is not this query's fails in finish, not later.
        quantileOfWindow(state, p, method, metric)
        return state
      },
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

/** `quantile`'s definition on the order statistics of the window. */
function quantileOfWindow(
  state: QuantileSqlState,
  p: number,
  method: QuantileMethod,
  metric: string,
): number | null {
  const { count, base, values } = state
  if (count === 0) return null
  // 0-based index base − 1 + k holds the value of 1-based rank base + k.
  const sorted: Record<number, number> & { length: number } = { length: count }
  for (let k = 0; k < values.length; k++) {
    const value = values[k]
    if (typeof value === 'number') sorted[base - 1 + k] = value
  }
  const result = quantileOfSorted(sorted, p, method)
  if (result !== null && !Number.isFinite(result)) {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: ['b', 'base'],
      message: `${metric}: the row's order statistics (ranks ${base} to ${base + values.length - 1} of ${count}) do not hold the quantile; pass the rows of this query unchanged`,
    })
  }
  return result
}
