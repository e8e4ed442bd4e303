import { describe, expect, it } from 'vitest'
import {
  bookActuals,
  groupCells,
  numberOf,
  readCalls,
  readPeriodOptions,
} from '../../src/forecast/forecastPeriodKernel.js'
import type { ForecastActual, ForecastSubmission } from '../../src/records/ForecastSubmission.js'
import { expectMetricError } from '../helpers.js'

const metric = 'forecastAccuracyByPeriod'
const day = (iso: string) => new Date(`${iso}T00:00:00Z`)
const quarter = { periodStart: day('2026-01-01'), periodEnd: day('2026-03-31') }

describe('forecastAccuracyByPeriod steps', () => {
  it('step 1 reads the documented defaults: commit, no lead time, by owner, UTC, 10 %', () => {
    const options = readPeriodOptions({}, metric)
    expect([
      options.category,
      options.leadTime,
      options.groupBy,
      options.timeZone,
      options.tolerance,
    ]).toEqual(['commit', 0, 'owner', 'UTC', 0.1])
    expectMetricError(() => readPeriodOptions({ leadTimeDays: -1 }, metric), 'INVALID_OPTION', {
      path: ['leadTimeDays'],
    })
    expectMetricError(() => readPeriodOptions({ groupBy: 'team' }, metric), 'INVALID_OPTION', {
      path: ['teamOf'],
    })
  })

  it('steps 2–4 keep the latest call made by the deadline and book the period’s actuals', () => {
    const options = readPeriodOptions({ leadTimeDays: 14 }, metric)
    // Deadline: end of 31 March (UTC) − 14 days = 18 March 00:00. The 1 March call is in time,
    // the 10 March one is later and also in time (it wins), the 25 March one is too late.
    const calls: ForecastSubmission[] = [
      {
        ownerId: 'ana',
        ...quarter,
        category: 'commit',
        amount: 100,
        submittedAt: day('2026-03-01'),
      },
      {
        ownerId: 'ana',
        ...quarter,
        category: 'commit',
        amount: '120.5',
        submittedAt: day('2026-03-10'),
      },
      {
        ownerId: 'ana',
        ...quarter,
        category: 'commit',
        amount: 150,
        submittedAt: day('2026-03-25'),
      },
      {
        ownerId: 'ana',
        ...quarter,
        category: 'best-case',
        amount: 999,
        submittedAt: day('2026-03-01'),
      },
    ]
    // In the quarter: 40 + 35.25 = 75.25; 1 April is outside it.
    const actuals: ForecastActual[] = [
      { ownerId: 'ana', at: new Date('2026-02-10T12:00:00Z'), amount: 40 },
      { ownerId: 'ana', at: new Date('2026-03-31T23:00:00Z'), amount: '35.25' },
      { ownerId: 'ana', at: new Date('2026-04-01T00:00:00Z'), amount: 10 },
    ]
    const table = readCalls(calls, options)
    bookActuals(table, actuals, options)
    const groups = groupCells(table, options)
    expect(groups.keys).toEqual(['ana'])
    const cells = groups.ordered
    expect(cells).toHaveLength(1)
    // Two of the three bookings fall inside the quarter.
    expect(cells[0]?.bookings).toBe(2)
    const [cell] = cells
    expect(
      cell?.call === null || cell?.call === undefined ? null : numberOf(cell.call, null as never),
    ).toBe(120.5)
    expect(
      cell?.booked === null || cell?.booked === undefined
        ? null
        : numberOf(cell.booked, null as never),
    ).toBe(75.25)
  })
})
