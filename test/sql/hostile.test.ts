/**
 * The hostile-input sweep of issue 12 for `cx-metrics/sql` (test/hostileInput.test.ts reads
 * the root and schemas entries only): every twin, called with hostile options, and every
 * `finish`, given hostile rows, returns a clean result or throws `MetricInputError` — never
 * a bare TypeError — and never changes its input.
 */
import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import * as sql from '../../src/sql/index.js'

type Twin = (options: unknown) => { sql: string; finish: (rows: unknown) => unknown }

const twins: [string, Twin][] = Object.entries(sql as Record<string, unknown>)
  .filter(([, value]) => typeof value === 'function')
  .map(([name, value]) => [name, value as Twin])

function hostileValues(): unknown[] {
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('proxy that throws')
      },
      ownKeys() {
        throw new Error('proxy that throws')
      },
    },
  )
  return [
    undefined,
    null,
    0,
    -1,
    Number.NaN,
    '',
    'x;y',
    '"',
    [],
    {},
    { raw: 1 },
    throwing,
    () => 1,
    10n,
    new Date(Number.NaN),
  ]
}

/** Valid options of each twin, so that one field at a time can be made hostile. */
const VALID: Record<string, Record<string, unknown>> = {
  netPromoterScoreSql: { columns: { score: 's' } },
  csatSql: { columns: { rating: 'r' } },
  customerEffortScoreSql: { columns: { rating: 'r' } },
  winRateSql: { columns: { status: 's', amount: 'a' }, basis: 'amount' },
  weightedPipelineSql: { columns: { status: 's', amount: 'a', probability: 'p' } },
  forecastErrorSql: { columns: { actual: 'a', forecast: 'f' } },
  slaAttainmentSql: { columns: { duration: 'd' }, target: 1 },
  customerRetentionSql: { columns: { activeAtStart: 's', activeAtEnd: 'e' } },
  pipelineCreatedSql: { columns: { status: 's', amount: 'a' } },
  activityCountsSql: { columns: { type: 't', durationMinutes: 'd' } },
  averageDealSizeSql: { columns: { status: 's', amount: 'a' } },
  quotaAttainmentSql: { columns: { ownerId: 'o', at: 't', amount: 'a' } },
  revenueMovementsSql: { columns: { accountId: 'a', amount: 'm' } },
  cohortRetentionSql: { columns: { customerId: 'c' } },
  stageConversionSql: { columns: { status: 's', stage: 'g' }, stages: ['A', 'B'] },
  kaplanMeierSql: { columns: { duration: 'd', event: 'e', entry: 'i' } },
  quantileSql: { columns: { value: 'v' }, quantile: 0.5 },
}

function expectCleanOrMetricError(action: () => unknown, label: string): void {
  try {
    action()
  } catch (error) {
    expect(error, label).toBeInstanceOf(MetricInputError)
  }
}

describe('cx-metrics/sql under hostile input', () => {
  it('every twin has valid options in this sweep', () => {
    expect(twins.map(([name]) => name).sort()).toEqual(Object.keys(VALID).sort())
  })

  for (const [name, twin] of twins) {
    it(`${name} refuses hostile options with MetricInputError`, () => {
      const valid = {
        dialect: 'duckdb',
        from: 't',
        groupBy: ['g'],
        period: { column: 'at', unit: 'month' },
        ...VALID[name],
      }
      for (const value of hostileValues()) {
        expectCleanOrMetricError(() => twin(value), `${name}(${String(typeof value)})`)
        for (const key of [
          'dialect',
          'from',
          'columns',
          'groupBy',
          'period',
          'basis',
          'target',
          'scaleMax',
        ]) {
          const options = { ...valid, [key]: value }
          const before = JSON.stringify({
            ...valid,
            [key]: typeof value === 'bigint' ? 'bigint' : null,
          })
          expectCleanOrMetricError(() => twin(options), `${name} ${key}`)
          expect(
            JSON.stringify({ ...valid, [key]: typeof value === 'bigint' ? 'bigint' : null }),
          ).toBe(before)
        }
      }
    })

    it(`${name}'s finish refuses hostile rows with MetricInputError`, () => {
      const query = twin({
        dialect: 'duckdb',
        from: 't',
        groupBy: ['g'],
        period: { column: 'at', unit: 'week' },
        ...VALID[name],
      })
      for (const value of hostileValues()) {
        expectCleanOrMetricError(() => query.finish(value), `${name} rows`)
        expectCleanOrMetricError(() => query.finish([value]), `${name} row`)
        const row = { cx_group_0: value, cx_period: value, cx_n: value }
        const rows = [row]
        expectCleanOrMetricError(() => query.finish(rows), `${name} fields`)
        expect(rows[0]).toBe(row)
      }
    })
  }
})
