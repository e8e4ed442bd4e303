/**
 * Branches of the shared SQL machine not reached by sqlBuilder.test.ts: count, decimal and
 * float cells in their rarer driver forms, group values that are Dates, bigints or -0, raw
 * groupBy fragments, `numberLiteral` and `aggregatorFor`.
 */
import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { averageDealSizeSql, netPromoterScoreSql } from '../../src/sql/index.js'
import { aggregatorFor, numberLiteral } from '../../src/sql/sqlBuilder.js'
import { expectMetricError } from '../helpers.js'

const metric = 'netPromoterScoreSql'
const nps = (options: Record<string, unknown>) =>
  netPromoterScoreSql({
    dialect: 'duckdb',
    from: 'responses',
    columns: { score: 'score' },
    ...options,
  } as never)

/** One promoter, nothing else. */
const goodRow = () => ({
  cx_n: 1n,
  cx_promoters: 1n,
  cx_passives: 0n,
  cx_detractors: 0n,
  cx_refused: 0n,
})

const ads = () =>
  averageDealSizeSql({
    dialect: 'postgres',
    from: 'crm.deals',
    columns: { status: 'status', amount: 'amount' },
  })
/** Two won deals with total `total` and M₂ `m2`. */
const adsRow = (total: unknown, m2: unknown) => ({
  cx_n: 2,
  cx_count: 2,
  cx_total: total,
  cx_squaredDeviations: m2,
  cx_currencyLow: null,
  cx_currencyHigh: null,
  cx_badStatus: 0,
  cx_missingAmount: 0,
  cx_negativeAmount: 0,
  cx_tooPrecise: 0,
})

describe('finish: counts', () => {
  it('reads a count of -0 as 0', () => {
    // A count is a whole number ≥ 0; -0 is zero, normalised to +0.
    const [row] = nps({}).finish([{ ...goodRow(), cx_passives: -0 }])
    expect(Object.is(row?.state.passives, 0)).toBe(true)
  })
})

describe('finish: decimals', () => {
  it('reads a safe-integer number, a scale-0 DECIMAL and a negative DECIMAL', () => {
    const query = ads()
    // 3000 as a plain integer number is exact.
    expect(query.finish([adsRow(3000, 0)])[0]?.state.total).toBe('3000')
    // { scale: 0, value: 42n } is 42 with no fraction part.
    expect(query.finish([adsRow({ scale: 0, value: 42n }, 0)])[0]?.state.total).toBe('42')
    // { scale: 2, value: -150n } is -1.50; the aggregator refuses a negative total.
    const error = expectMetricError(
      () => query.finish([adsRow({ scale: 2, value: -150n }, 0)]),
      'NEGATIVE_VALUE',
      { metric: 'averageDealSizeSql' },
    )
    expect(error.path?.[0]).toBe(0)
  })

  it('refuses a DECIMAL object with a bad scale', () => {
    expectMetricError(() => ads().finish([adsRow({ scale: 39, value: 1n }, 0)]), 'INVALID_RECORD', {
      path: [0, 'cx_total'],
      metric: 'averageDealSizeSql',
    })
  })
})

describe('finish: floats', () => {
  it('reads a decimal string as a float and refuses other text', () => {
    // M₂ given as the text '2000000' is the number 2e6.
    expect(ads().finish([adsRow('4000', '2000000')])[0]?.state.squaredDeviations).toBe(2e6)
    expectMetricError(() => ads().finish([adsRow('4000', 'many')]), 'INVALID_RECORD', {
      path: [0, 'cx_squaredDeviations'],
      metric: 'averageDealSizeSql',
    })
    expectMetricError(() => ads().finish([adsRow('4000', Number.NaN)]), 'INVALID_RECORD', {
      path: [0, 'cx_squaredDeviations'],
      metric: 'averageDealSizeSql',
    })
  })
})

describe('finish: group values', () => {
  const query = nps({ groupBy: ['segment'] })
  const row = (value: unknown) => ({ cx_group_0: value, ...goodRow() })

  it('keeps a Date group as a copy and refuses an invalid Date', () => {
    const day = new Date('2026-03-01T00:00:00Z')
    const [out] = query.finish([row(day)])
    const segment = out?.group?.segment as Date
    expect(segment).toBeInstanceOf(Date)
    expect(segment.getTime()).toBe(day.getTime())
    expect(segment).not.toBe(day)
    expectMetricError(() => query.finish([row(new Date(Number.NaN))]), 'INVALID_RECORD', {
      path: [0, 'cx_group_0'],
      metric,
    })
  })

  it('reads a group of -0 as 0', () => {
    const [out] = query.finish([row(-0)])
    expect(Object.is(out?.group?.segment, 0)).toBe(true)
  })

  it('refuses the same Date or bigint group twice, and keeps distinct ones', () => {
    const day = () => new Date('2026-03-01T00:00:00Z')
    expectMetricError(() => query.finish([row(day()), row(day())]), 'INVALID_RECORD', {
      path: [1],
      metric,
    })
    expectMetricError(() => query.finish([row(7n), row(7n)]), 'INVALID_RECORD', {
      path: [1],
      metric,
    })
    // 7n and the string '7' are different group values.
    expect(query.finish([row(7n), row('7')]).length).toBe(2)
  })
})

describe('options', () => {
  it('accepts a raw groupBy fragment and refuses it twice', () => {
    const query = nps({ groupBy: [{ raw: 'lower(segment)' }] })
    expect(query.sql).toContain('(lower(segment))')
    expectMetricError(
      () => nps({ groupBy: [{ raw: 'lower(segment)' }, { raw: 'lower(segment)' }] }),
      'INVALID_OPTION',
      { path: ['groupBy', 1], metric },
    )
  })
})

describe('numberLiteral', () => {
  it('renders finite numbers, -0 as 0, and refuses non-finite ones', () => {
    expect(numberLiteral(2.5)).toBe('2.5')
    expect(numberLiteral(-0)).toBe('0')
    expectMetricError(() => numberLiteral(Number.POSITIVE_INFINITY), 'INVALID_OPTION', {
      metric: 'sql',
    })
  })
})

describe('aggregatorFor', () => {
  it('renames the metric of an option error without a path and rethrows other errors', () => {
    const error = expectMetricError(
      () =>
        aggregatorFor('twinSql', () => {
          throw new MetricInputError({
            code: 'INVALID_OPTION',
            metric: 'twin',
            message: 'twin: bad',
          })
        }),
      'INVALID_OPTION',
      { metric: 'twinSql', message: 'twinSql: bad' },
    )
    expect(error.path).toBeUndefined()
    const boom = new TypeError('boom')
    expect(() =>
      aggregatorFor('twinSql', () => {
        throw boom
      }),
    ).toThrow(boom)
  })
})
