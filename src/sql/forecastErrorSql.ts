import { asMetricInputError } from '../core/validate.js'
import type { ForecastAccuracyReportResult } from '../forecast/forecastAccuracyReport.js'
import { readReportChoices } from '../forecast/forecastAccuracyReport.js'
import {
  type ForecastErrorAggregatorOptions,
  type ForecastErrorAggregatorState,
  forecastErrorAggregator,
} from '../forecast/forecastErrorAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  doubleType,
  numberLiteral,
  readSqlOptions,
} from './sqlBuilder.js'

/**
 * The columns of {@link forecastErrorSql}: `actual`, `forecast` and optionally `weight`
 * (a NULL weight counts as 1, as a period without a weight does).
 *
 * @category SQL
 */
export interface ForecastErrorSqlColumns {
  readonly actual: SqlName
  readonly forecast: SqlName
  readonly weight?: SqlName
}

/**
 * Options of {@link forecastErrorSql}: the SQL options, plus the aggregator's `scale` (the
 * MASE scale from a training series), `tolerance` and `variant` (sMAPE).
 *
 * @category SQL
 */
export type ForecastErrorSqlOptions = SqlOptions<ForecastErrorSqlColumns> &
  ForecastErrorAggregatorOptions

/**
 * Forecast errors computed where the data lives: one `GROUP BY` query that sums, in doubles,
 * exactly the terms `forecastErrorAggregator` sums per period — finished with its own
 * report (MAE, RMSE, ME, WAPE, MAPE with its zero-actual count, sMAPE in the chosen
 * `variant`, MASE from `scale`, hit rate within `tolerance`). Errors are forecast − actual
 * (over-forecast positive).
 *
 * ```text
 * e = forecast − actual, w = COALESCE(weight, 1)
 * n = COUNT(*); weight = Σw; absoluteError = Σ w·|e|; squaredError = Σ w·e²; error = Σ w·e
 * absoluteActual = Σ w·|actual|; zeroActuals = COUNT(actual = 0)
 * percentageError = Σ_{actual≠0} (w·|e|)/|actual|; percentageWeight = Σ_{actual≠0} w
 * symmetricError = Σ 2·(w·|e|)/(|actual| + |forecast|); hits = Σ w·[|e| ≤ tolerance·(1 + 1e−12)·|actual|]
 * ```
 * Float sums are added in the engine's order, so they equal the JavaScript sums to about
 * 1e-12 relative, not bit for bit. Periods whose sums would overflow a double (|values|
 * beyond about 1e150) are not rescued as the aggregator does: `finish` refuses the
 * non-finite sums. A NULL or non-finite actual or forecast, and a negative or non-finite
 * weight, are counted and refused by `finish`. Rows come ordered by `groupBy` (NULLs last),
 * then period.
 *
 * @param options - `dialect`, `from`, `columns: { actual, forecast, weight? }`, `groupBy`,
 *   `period`, and `scale`, `tolerance` (0.1), `variant` (`'m4'`) as for
 *   `forecastErrorAggregator`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option or an unsafe name; from
 *   `finish`, `NOT_FINITE` / `NEGATIVE_VALUE` for refused periods and `INVALID_RECORD` for a
 *   row that is not this query's.
 * @example
 * ```ts
 * const query = forecastErrorSql({ dialect: 'duckdb', from: 'forecasts', columns: { actual: 'actual', forecast: 'forecast' } })
 * // Periods (actual 100, forecast 110) and (actual 200, forecast 190): errors +10 and −10.
 * const [row] = query.finish([{ cx_n: 2n, cx_weight: 2, cx_absoluteError: 20, cx_squaredError: 200, cx_error: 0,
 *   cx_absoluteActual: 300, cx_percentageError: 0.15, cx_percentageWeight: 2, cx_zeroActuals: 0n,
 *   cx_symmetricError: 20 / 210 + 20 / 390, cx_hits: 2, cx_badValue: 0n, cx_badWeight: 0n }])
 * row?.result.meanAbsoluteError // => 10
 * row?.result.meanError // => 0
 * ```
 * @see forecastErrorAggregator, the state it computes.
 * @category SQL
 */
export function forecastErrorSql(
  options: ForecastErrorSqlOptions,
): SqlQuery<ForecastErrorAggregatorState, ForecastAccuracyReportResult> {
  const metric = 'forecastErrorSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'actual', required: true },
      { field: 'forecast', required: true },
      { field: 'weight', required: false },
    ])
    const aggregator = aggregatorFor(metric, () =>
      forecastErrorAggregator(context.aggregatorOptions),
    )
    const { tolerance } = readReportChoices(context.aggregatorOptions, metric)
    const { dialect, columns } = context
    const double = doubleType(dialect)
    const actual = `CAST(${columns.actual} AS ${double})`
    const forecast = `CAST(${columns.forecast} AS ${double})`
    const weight =
      columns.weight === undefined
        ? `CAST(1 AS ${double})`
        : `COALESCE(CAST(${columns.weight} AS ${double}), CAST(1 AS ${double}))`
    const slack = `CAST(${numberLiteral(tolerance * (1 + 1e-12))} AS ${double})`
    const absoluteError = `ABS(${forecast} - ${actual})`
    const zero = `CAST(0 AS ${double})`
    const sum = (term: string) => `COALESCE(SUM(${term}), ${zero})`
    const finite = (value: string) => `(ABS(${value}) <= CAST(1.7976931348623157e308 AS ${double}))`
    return buildSqlQuery({
      context,
      aggregator,
      stateColumns: [
        { name: 'weight', sql: sum(weight), kind: 'float' },
        { name: 'absoluteError', sql: sum(`${weight} * ${absoluteError}`), kind: 'float' },
        {
          name: 'squaredError',
          sql: sum(`${weight} * (${forecast} - ${actual}) * (${forecast} - ${actual})`),
          kind: 'float',
        },
        { name: 'error', sql: sum(`${weight} * (${forecast} - ${actual})`), kind: 'float' },
        { name: 'absoluteActual', sql: sum(`${weight} * ABS(${actual})`), kind: 'float' },
        {
          name: 'percentageError',
          sql: sum(
            `CASE WHEN ${actual} <> 0 THEN (${weight} * ${absoluteError}) / ABS(${actual}) END`,
          ),
          kind: 'float',
        },
        {
          name: 'percentageWeight',
          sql: sum(`CASE WHEN ${actual} <> 0 THEN ${weight} END`),
          kind: 'float',
        },
        {
          name: 'zeroActuals',
          sql: `COUNT(CASE WHEN ${actual} = 0 THEN 1 END)`,
          kind: 'count',
        },
        {
          name: 'symmetricError',
          sql: sum(
            `CASE WHEN ABS(${actual}) + ABS(${forecast}) > 0 THEN 2 * ((${weight} * ${absoluteError}) / (ABS(${actual}) + ABS(${forecast}))) END`,
          ),
          kind: 'float',
        },
        {
          name: 'hits',
          sql: sum(
            `CASE WHEN ${absoluteError} <= ${slack} * ABS(${actual}) THEN ${weight} ELSE ${zero} END`,
          ),
          kind: 'float',
        },
      ],
      checks: [
        {
          name: 'badValue',
          condition: `${actual} IS NULL OR ${forecast} IS NULL OR NOT ${finite(actual)} OR NOT ${finite(forecast)}`,
          code: 'NOT_FINITE',
          problem: 'an actual or forecast that is NULL, NaN or infinite',
        },
        {
          name: 'badWeight',
          condition: `${weight} < 0 OR NOT ${finite(weight)}`,
          code: 'NEGATIVE_VALUE',
          problem: 'a weight that is negative, NaN or infinite',
        },
      ],
      toState: (values) => ({
        n: values.n,
        weight: values.weight,
        absoluteError: values.absoluteError,
        squaredError: values.squaredError,
        error: values.error,
        absoluteActual: values.absoluteActual,
        percentageError: values.percentageError,
        percentageWeight: values.percentageWeight,
        zeroActuals: values.zeroActuals,
        symmetricError: values.symmetricError,
        hits: values.hits,
        scaleExponent: 0,
      }),
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
