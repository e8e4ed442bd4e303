import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forecastAccuracyReport } from '../../src/forecast/forecastAccuracyReport.js'
import {
  type ForecastErrorAggregatorState,
  type ForecastPeriod,
  forecastErrorAggregator,
} from '../../src/forecast/forecastErrorAggregator.js'
import { forecastErrorSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'
import { type Engine, openEngines } from './engines.js'
import { checkGeneratedTables, expectClose, instants, segments } from './harness.js'

let engines: Engine[] = []
beforeAll(async () => {
  engines = await openEngines()
}, 120_000)
afterAll(async () => {
  for (const engine of engines) await engine.close()
})

interface Row {
  readonly actual: number | null
  readonly forecast: number | null
  readonly weight: number | null
  readonly segment: string | null
  readonly at: Date
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'actual', type: 'double' as const, values: rows.map((row) => row.actual) },
  { name: 'forecast', type: 'double' as const, values: rows.map((row) => row.forecast) },
  { name: 'weight', type: 'double' as const, values: rows.map((row) => row.weight) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

const periodOf = (row: Row): ForecastPeriod =>
  ({
    actual: row.actual,
    forecast: row.forecast,
    ...(row.weight === null ? {} : { weight: row.weight }),
  }) as ForecastPeriod

/**
 * Float sums compared at 1e-12 relative; the signed error sum, whose terms may cancel,
 * relative to the sum of their magnitudes (absoluteError), and the mean error relative to MAE.
 */
function expectCloseState(
  sql: ForecastErrorAggregatorState,
  js: ForecastErrorAggregatorState,
): void {
  const { error: sqlError, ...sqlRest } = sql
  const { error: jsError, ...jsRest } = js
  expectClose(sqlRest, jsRest, 'state')
  expect(Math.abs(sqlError - jsError) <= 1e-12 * Math.max(1, js.absoluteError)).toBe(true)
}

function expectCloseReport(sql: unknown, js: unknown): void {
  const { meanError: sqlMean, ...sqlRest } = sql as { meanError: number | null }
  const {
    meanError: jsMean,
    meanAbsoluteError,
    ...jsRest
  } = js as {
    meanError: number | null
    meanAbsoluteError: number | null
  }
  expectClose(sqlRest, { ...jsRest, meanAbsoluteError }, 'result')
  if (jsMean === null) expect(sqlMean).toBeNull()
  else
    expect(
      Math.abs((sqlMean as number) - jsMean) <= 1e-12 * Math.max(1, meanAbsoluteError ?? 0),
    ).toBe(true)
}

const COLUMNS = { actual: 'actual', forecast: 'forecast', weight: 'weight' }

describe('forecastErrorSql', () => {
  it('matches the documented example', () => {
    // Hand: errors +10 and −10: MAE 10, ME 0.
    const query = forecastErrorSql({
      dialect: 'duckdb',
      from: 'forecasts',
      columns: { actual: 'actual', forecast: 'forecast' },
    })
    const [row] = query.finish([
      {
        cx_n: 2n,
        cx_weight: 2,
        cx_absoluteError: 20,
        cx_squaredError: 200,
        cx_error: 0,
        cx_absoluteActual: 300,
        cx_percentageError: 0.15,
        cx_percentageWeight: 2,
        cx_zeroActuals: 0n,
        cx_symmetricError: 20 / 210 + 20 / 390,
        cx_hits: 2,
        cx_badValue: 0n,
        cx_badWeight: 0n,
      },
    ])
    expect(row?.result.meanAbsoluteError).toBe(10)
    expect(row?.result.meanError).toBe(0)
  })

  it('reports MAE, RMSE, ME, WAPE, MAPE and MASE on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand: (A, F) = (100, 110), (200, 190), (0, 5), (50, 50).
    // e = +10, −10, +5, 0 → MAE 25/4 = 6.25; ME 5/4 = 1.25; RMSE √(225/4) = 7.5;
    // WAPE 25/350 = 0.0714…; MAPE over non-zero actuals (10/100 + 10/200 + 0)/3 = 0.05, one zero actual;
    // MASE with scale 12.5: 6.25/12.5 = 0.5.
    const rows: Row[] = [
      [100, 110],
      [200, 190],
      [0, 5],
      [50, 50],
    ].map(([actual, forecast]) => ({
      actual: actual as number,
      forecast: forecast as number,
      weight: null,
      segment: null,
      at: new Date(0),
    }))
    for (const engine of engines) {
      await engine.load('hand_forecast', columnsOf(rows))
      const query = forecastErrorSql({
        dialect: engine.name,
        from: 'hand_forecast',
        columns: COLUMNS,
        scale: 12.5,
      })
      const [row] = query.finish(await engine.query(query.sql))
      const report = row?.result
      expect(report?.meanAbsoluteError).toBe(6.25)
      expect(report?.meanError).toBe(1.25)
      expect(report?.rootMeanSquaredError).toBe(7.5)
      expect(report?.weightedAbsolutePercentageError).toBeCloseTo(25 / 350, 15)
      expect(report?.meanAbsolutePercentageError).toBeCloseTo(0.05, 15)
      expect(report?.zeroActuals).toBe(1)
      expect(report?.meanAbsoluteScaledError).toBe(0.5)
      expectCloseReport(
        report,
        // Training series 0, 12.5, 25: naive MAE (12.5 + 12.5)/2 = 12.5, the same MASE scale.
        forecastAccuracyReport({
          actual: [100, 200, 0, 50],
          forecast: [110, 190, 5, 50],
          training: [0, 12.5, 25],
        }),
      )
    }
  })

  it('refuses NULL actuals and negative weights', async () => {
    for (const engine of engines) {
      const base = { segment: null, at: new Date(0) }
      await engine.load(
        'bad_forecast',
        columnsOf([{ ...base, actual: null, forecast: 1, weight: null }]),
      )
      const query = forecastErrorSql({
        dialect: engine.name,
        from: 'bad_forecast',
        columns: COLUMNS,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'NOT_FINITE', {
        path: [0, 'cx_badValue'],
        metric: 'forecastErrorSql',
      })
      await engine.load(
        'neg_forecast',
        columnsOf([{ ...base, actual: 1, forecast: 1, weight: -1 }]),
      )
      const negative = forecastErrorSql({
        dialect: engine.name,
        from: 'neg_forecast',
        columns: COLUMNS,
      })
      const negativeRows = await engine.query(negative.sql)
      expectMetricError(() => negative.finish(negativeRows), 'NEGATIVE_VALUE', {
        path: [0, 'cx_badWeight'],
        metric: 'forecastErrorSql',
      })
    }
  })

  for (const variant of ['m4', 'bounded'] as const) {
    it(`equals groupMetric with forecastErrorAggregator (sMAPE ${variant}) on generated tables, floats to 1e-12`, async () => {
      const value = fc.oneof(
        fc.integer({ min: -1000, max: 100_000 }),
        fc.integer({ min: -100_000, max: 10_000_000 }).map((cents) => cents / 100),
        fc.constant(0),
      )
      await checkGeneratedTables({
        engines,
        prefix: `gen_forecast_${variant}`,
        record: fc.record({
          actual: fc.oneof(
            { weight: 300, arbitrary: value },
            { weight: 1, arbitrary: fc.constant(null) },
          ),
          forecast: value,
          weight: fc.oneof(
            { weight: 100, arbitrary: fc.constant(null) },
            { weight: 200, arbitrary: fc.integer({ min: 0, max: 1000 }).map((units) => units / 8) },
            { weight: 1, arbitrary: fc.constant(-1) },
          ),
          segment: segments,
          at: instants,
        }),
        columnsOf,
        query: (dialect, table, grouped, period) =>
          forecastErrorSql({
            dialect,
            from: table,
            columns: COLUMNS,
            variant,
            tolerance: 0.05,
            scale: 3,
            ...(grouped ? { groupBy: ['segment'] } : {}),
            ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
          }),
        aggregator: () => forecastErrorAggregator({ variant, tolerance: 0.05, scale: 3 }),
        value: periodOf,
        equal: expectCloseReport,
        equalState: expectCloseState,
      })
    }, 240_000)
  }
})
