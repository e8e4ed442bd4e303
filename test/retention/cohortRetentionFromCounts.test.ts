import { TZDate } from '@date-fns/tz'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CohortRetentionCount,
  type CohortRetentionOptions,
  type CohortRetentionResult,
  cohortRetention,
  cohortRetentionFromCounts,
} from '../../src/retention/cohortRetention.js'
import { expectMetricError } from '../helpers.js'

const at = (iso: string) => new Date(iso)
const metric = 'cohortRetentionFromCounts'

/** Decimals as text, so that tables compare by value whatever Decimal's internal form. */
function plain(table: CohortRetentionResult) {
  return {
    ...table,
    cohorts: table.cohorts.map((row) => ({
      ...row,
      revenue: row.revenue === null ? null : row.revenue.map((cell) => cell?.toString() ?? null),
    })),
  }
}

const DAY = 86_400_000
/** Period start of an instant, written here from the calendar rules (not the library's). */
function periodStart(time: number, unit: 'month' | 'week', timeZone: string): number {
  const local = new TZDate(time, timeZone)
  if (unit === 'month') {
    return new TZDate(local.getFullYear(), local.getMonth(), 1, timeZone).getTime()
  }
  // ISO weeks begin on Monday (weekStartsOn 1, the default).
  const back = (local.getDay() + 6) % 7
  return new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - back,
    timeZone,
  ).getTime()
}

interface Row {
  readonly customerId: string
  readonly at: Date
  readonly revenue: string
  readonly currency: string
}

/** The cells a `GROUP BY cohort, period` returns, counted in the plainest way. */
function countCells(rows: readonly Row[], unit: 'month' | 'week', timeZone: string) {
  const first = new Map<string, number>()
  for (const row of rows) {
    const start = periodStart(row.at.getTime(), unit, timeZone)
    const seen = first.get(row.customerId)
    if (seen === undefined || start < seen) first.set(row.customerId, start)
  }
  const cells = new Map<
    string,
    { cohort: number; period: number; who: Set<string>; cents: number }
  >()
  for (const row of rows) {
    const cohort = first.get(row.customerId) as number
    const period = periodStart(row.at.getTime(), unit, timeZone)
    const key = `${cohort}|${period}`
    let cell = cells.get(key)
    if (cell === undefined) {
      cell = { cohort, period, who: new Set(), cents: 0 }
      cells.set(key, cell)
    }
    cell.who.add(row.customerId)
    cell.cents += Math.round(Number(row.revenue) * 100)
  }
  return [...cells.values()].map(
    (cell): CohortRetentionCount => ({
      cohort: new Date(cell.cohort),
      period: new Date(cell.period),
      active: cell.who.size,
      revenue: (cell.cents / 100).toFixed(2),
      currency: 'EUR',
    }),
  )
}

describe('cohortRetentionFromCounts', () => {
  it('matches the documented example', () => {
    const table = cohortRetentionFromCounts([
      { cohort: at('2026-01-01'), period: at('2026-01-01'), active: 2 },
      { cohort: at('2026-01-01'), period: at('2026-02-01'), active: 1 },
      { cohort: at('2026-02-01'), period: at('2026-02-01'), active: 1 },
    ])
    expect(table.cohorts.map((row) => [row.cohort, row.retention])).toEqual([
      ['2026-01', [1, 0.5]],
      ['2026-02', [1, null]],
    ])
    expect(table.pooled.map((cell) => cell.retention)).toEqual([1, 0.5])
  })

  it('finishes hand-counted revenue cells: missing cells are 0, asOf extends the table', () => {
    // Hand-worked: January cohort 3 customers with 200.00 at age 0, 170.00 at age 2 (one
    // customer), nothing at age 1 (no cell); asOf in April adds an age-3 column of zeros.
    const table = cohortRetentionFromCounts(
      [
        { cohort: at('2026-01-01'), period: at('2026-01-01'), active: 3, revenue: '200.00' },
        { cohort: at('2026-01-01'), period: at('2026-03-01'), active: 1, revenue: '170.00' },
      ],
      { basis: 'amount', asOf: at('2026-04-15T00:00:00Z') },
    )
    expect(table.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'])
    const [row] = table.cohorts
    expect(row?.active).toEqual([3, 0, 1, 0])
    // 170 / 200 = 0.85; ages without a cell keep 0.
    expect(row?.retention).toEqual([1, 0, 0.85, 0])
    expect(row?.revenue?.map((cell) => cell?.toString())).toEqual(['200', '0', '170', '0'])
    expect(table.currency).toBeNull()
  })

  it('equals cohortRetention on the rows it counts (any zone, unit, basis, order)', () => {
    const start = Date.UTC(2025, 9, 1)
    const row = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      at: fc.integer({ min: 0, max: 200 * DAY - 1 }).map((offset) => new Date(start + offset)),
      revenue: fc.integer({ min: 0, max: 100_000 }).map((cents) => (cents / 100).toFixed(2)),
      currency: fc.constant('EUR'),
    })
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }),
        fc.constantFrom('month' as const, 'week' as const),
        fc.constantFrom('UTC', 'America/New_York', 'Australia/Lord_Howe'),
        fc.constantFrom('count' as const, 'amount' as const),
        fc.boolean(),
        (rows, unit, timeZone, basis, reverse) => {
          const options: CohortRetentionOptions = { basis, period: unit, timeZone }
          const cells = countCells(rows, unit, timeZone)
          if (reverse) cells.reverse()
          expect(plain(cohortRetentionFromCounts(cells, options))).toEqual(
            plain(cohortRetention(rows, options)),
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('refuses cells that no activity could produce', () => {
    const jan = at('2026-01-01')
    const feb = at('2026-02-01')
    const one = (active: number) => ({ cohort: jan, period: jan, active })
    const amount = { basis: 'amount' } as const
    type Case = [
      string,
      unknown[],
      CohortRetentionOptions | undefined,
      string,
      unknown[] | undefined,
    ]
    const cases: Case[] = [
      [
        'period before cohort',
        [{ cohort: feb, period: jan, active: 1 }],
        undefined,
        'END_BEFORE_START',
        [0, 'period'],
      ],
      [
        'not a period start',
        [{ cohort: at('2026-01-02'), period: feb, active: 1 }],
        undefined,
        'INVALID_RECORD',
        [0, 'cohort'],
      ],
      ['a repeated cell', [one(2), one(2)], undefined, 'INVALID_RECORD', [1]],
      [
        'no age-0 cell',
        [{ cohort: jan, period: feb, active: 1 }],
        undefined,
        'INVALID_RECORD',
        [0, 'cohort'],
      ],
      [
        'more active than the cohort',
        [one(2), { cohort: jan, period: feb, active: 3 }],
        undefined,
        'VALUE_OUT_OF_RANGE',
        [1, 'active'],
      ],
      ['a negative count', [one(-1)], undefined, 'VALUE_OUT_OF_RANGE', [0, 'active']],
      ['a fractional count', [one(1.5)], undefined, 'VALUE_OUT_OF_RANGE', [0, 'active']],
      ['a NaN count', [one(Number.NaN)], undefined, 'VALUE_OUT_OF_RANGE', [0, 'active']],
      [
        'a text count',
        [{ cohort: jan, period: jan, active: '2' }],
        undefined,
        'VALUE_OUT_OF_RANGE',
        [0, 'active'],
      ],
      ['no revenue', [one(1)], amount, 'MISSING_VALUE', [0, 'revenue']],
      ['a negative revenue', [{ ...one(1), revenue: '-1' }], amount, 'NEGATIVE_VALUE', undefined],
      [
        'two currencies',
        [
          { ...one(1), revenue: 1, currency: 'EUR' },
          { cohort: jan, period: feb, active: 1, revenue: 1, currency: 'USD' },
        ],
        amount,
        'CURRENCY_MISMATCH',
        undefined,
      ],
      [
        'a cell after asOf',
        [{ cohort: jan, period: feb, active: 1 }],
        { asOf: at('2026-01-15T00:00:00Z') },
        'VALUE_OUT_OF_RANGE',
        [0, 'period'],
      ],
      [
        'an invalid date',
        [{ cohort: at('nope'), period: jan, active: 1 }],
        undefined,
        'INVALID_DATE',
        [0, 'cohort'],
      ],
      ['a cell that is a Date', [jan], undefined, 'INVALID_DATE', [0, 'cohort']],
      ['an unknown basis', [one(1)], { basis: 'x' as never }, 'INVALID_OPTION', undefined],
    ]
    for (const [, cells, options, code, path] of cases) {
      expectMetricError(
        () => cohortRetentionFromCounts(cells as CohortRetentionCount[], options),
        code as never,
        path === undefined ? { metric } : { path: path as (string | number)[], metric },
      )
    }
  })

  it('returns the empty table for no cells, without mutating its input', () => {
    expect(cohortRetentionFromCounts([])).toEqual({
      basis: 'count',
      periods: [],
      cohorts: [],
      pooled: [],
      currency: null,
    })
    const cells = [
      { cohort: at('2026-01-01'), period: at('2026-02-01'), active: 1 },
      { cohort: at('2026-01-01'), period: at('2026-01-01'), active: 2 },
    ]
    const copy = structuredClone(cells)
    cohortRetentionFromCounts(cells)
    expect(cells).toEqual(copy)
  })
})
