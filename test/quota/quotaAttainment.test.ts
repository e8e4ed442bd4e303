import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Booking } from '../../src/quota/Booking.js'
import { bookingsFromOpportunities } from '../../src/quota/bookingsFromOpportunities.js'
import { quotaAttainment } from '../../src/quota/quotaAttainment.js'
import type { Quota } from '../../src/records/Quota.js'
import { expectMetricError } from '../helpers.js'

/** decimal.js at 60 significant digits, for expected values that must not round early. */
const Precise = Decimal.clone({ precision: 60 })

const q1 = (ownerId: string, amount: Quota['amount'], currency?: string): Quota => ({
  ownerId,
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  amount,
  ...(currency === undefined ? {} : { currency }),
})
const booking = (ownerId: string, at: string, amount: Booking['amount'], currency?: string) => ({
  ownerId,
  at: new Date(at),
  amount,
  ...(currency === undefined ? {} : { currency }),
})

describe('quotaAttainment', () => {
  it('matches the documented example', () => {
    const quotas = [
      { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 100000 },
      { ownerId: 'ben', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 80000 },
    ]
    const bookings = [
      { ownerId: 'ana', at: new Date('2026-02-10T15:00:00Z'), amount: 70000 },
      { ownerId: 'ana', at: new Date('2026-03-31T20:00:00Z'), amount: '50000' },
      { ownerId: 'ben', at: new Date('2026-01-15T09:00:00Z'), amount: 40000 },
      { ownerId: 'ben', at: new Date('2026-04-01T09:00:00Z'), amount: 99000 },
    ]
    const { rows, distribution } = quotaAttainment(quotas, bookings)
    // ana: (70000 + 50000) / 100000 = 1.2, gap 100000 − 120000 = −20000;
    // ben: 40000 / 80000 = 0.5 (the April booking is Q2), gap 40000.
    expect(rows.map((row) => row.attainment)).toEqual([1.2, 0.5])
    expect(rows.map((row) => row.gap.toString())).toEqual(['-20000', '40000'])
    // 1 of 2 at or above; median of {0.5, 1.2} by R type 7 = 0.85 (test/reference/quota.py).
    expect(distribution.atOrAbove).toBe(0.5)
    expect(distribution.median).toBe(0.85)
  })

  it('gives the row shape fixed in SPEC, quotas echoed and money as Decimal', () => {
    const quota = q1('ana', '1000.50')
    const { rows } = quotaAttainment([quota], [booking('ana', '2026-01-02T00:00:00Z', 500.25)])
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      ['attainment', 'booked', 'gap', 'ownerId', 'periodEnd', 'periodStart', 'quota'].sort(),
    )
    const row = rows[0]!
    expect(row.periodStart).toBe('2026-01-01')
    expect(row.periodEnd).toBe('2026-03-31')
    expect(Decimal.isDecimal(row.quota) && row.quota.toString()).toBe('1000.5')
    // 500.25 / 1000.50 = 0.5 exactly; gap 1000.50 − 500.25 = 500.25.
    expect(row.attainment).toBe(0.5)
    expect(row.gap.toString()).toBe('500.25')
  })

  it('reports the distribution of five reps as numpy.quantile (linear = R type 7) does', () => {
    // Attainments 1.2, 0.5, 1.0, 0.75, 0.0 (booked / quota, worked in test/reference/quota.py):
    // sorted 0, 0.5, 0.75, 1.0, 1.2 → median 0.75; p10 h = 0.4 → 0 + 0.4·0.5 = 0.2;
    // p90 h = 3.6 → 1.0 + 0.6·0.2 = 1.12; at or above 100 %: ana and cy → 2 / 5 = 0.4.
    const quotas = [
      q1('ana', 100000),
      q1('ben', 80000),
      q1('cy', 75000),
      q1('dee', 120000),
      q1('eli', 50000),
    ]
    const bookings = [
      booking('ana', '2026-01-10T00:00:00Z', 120000),
      booking('ben', '2026-02-10T00:00:00Z', 40000),
      booking('cy', '2026-03-10T00:00:00Z', 25000),
      booking('cy', '2026-03-11T00:00:00Z', 50000),
      booking('dee', '2026-03-12T00:00:00Z', 90000),
    ]
    const { distribution } = quotaAttainment(quotas, bookings)
    expect(distribution.reps).toBe(5)
    expect(distribution.atOrAbove).toBe(0.4)
    expect(distribution.median).toBe(0.75)
    expect(distribution.p10).toBeCloseTo(0.2, 12)
    expect(distribution.p90).toBeCloseTo(1.12, 12)
  })

  it('counts a booking by its calendar date in timeZone, both period ends inclusive', () => {
    const quotas = [q1('ana', 100)]
    const edges = [
      booking('ana', '2026-01-01T00:00:00Z', 1), // first instant of Jan 1 (UTC): in
      booking('ana', '2026-03-31T23:59:59.999Z', 2), // last instant of Mar 31 (UTC): in
      booking('ana', '2026-04-01T00:00:00Z', 4), // Apr 1 in UTC: out
      booking('ana', '2025-12-31T23:59:59.999Z', 8), // Dec 31: out
    ]
    expect(quotaAttainment(quotas, edges).rows[0]?.booked.toString()).toBe('3')
    // In New York (UTC−5 in winter, −4 from Mar 8): 2026-04-01T02:00Z is Mar 31, 22:00 → in;
    // 2026-01-01T03:00Z is Dec 31, 22:00 → out. In UTC: Apr 1 → out, Jan 1 → in.
    const newYork = [
      booking('ana', '2026-04-01T02:00:00Z', 16),
      booking('ana', '2026-01-01T03:00:00Z', 32),
    ]
    expect(quotaAttainment(quotas, newYork).rows[0]?.booked.toString()).toBe('32')
    expect(
      quotaAttainment(quotas, newYork, { timeZone: 'America/New_York' }).rows[0]?.booked.toString(),
    ).toBe('16')
  })

  it('reads Date period bounds as calendar dates in timeZone', () => {
    // In UTC the quota runs Jan 1 – Jan 2; in New York 2026-01-01T03:00Z is Dec 31, so it runs
    // Dec 31 – Jan 1 there. The booking is Jan 2 (UTC) but Jan 2, 01:00 in New York: in, then out.
    const quota = {
      ownerId: 'ana',
      periodStart: new Date('2026-01-01T03:00:00Z'),
      periodEnd: new Date('2026-01-02T03:00:00Z'),
      amount: 10,
    }
    const bookings = [booking('ana', '2026-01-02T06:00:00Z', 5)]
    expect(quotaAttainment([quota], bookings).rows[0]?.attainment).toBe(0.5)
    expect(
      quotaAttainment([quota], bookings, {
        timeZone: 'America/New_York',
      }).rows[0]?.booked.toString(),
    ).toBe('0')
  })

  it('sums money exactly: 0.1 + 0.2 is 0.3 and large totals keep every cent', () => {
    const quotas = [q1('ana', '0.6')]
    const small = [
      booking('ana', '2026-01-05T00:00:00Z', 0.1),
      booking('ana', '2026-01-06T00:00:00Z', 0.2),
    ]
    const row = quotaAttainment(quotas, small).rows[0]!
    expect(row.booked.toString()).toBe('0.3')
    expect(row.attainment).toBe(0.5)
    // 3 × 3,333,333,333,333.33 = 9,999,999,999,999.99 (beyond float precision at the cent).
    const large = [1, 2, 3].map((day) =>
      booking('ana', `2026-02-0${day}T00:00:00Z`, '3333333333333.33'),
    )
    expect(quotaAttainment(quotas, large).rows[0]?.booked.toString()).toBe('9999999999999.99')
  })

  it('gives a null attainment for a zero quota and leaves it out of the distribution', () => {
    const { rows, distribution } = quotaAttainment(
      [q1('ana', 0), q1('ben', 100)],
      [booking('ana', '2026-01-05T00:00:00Z', 10), booking('ben', '2026-01-05T00:00:00Z', 50)],
    )
    expect(rows[0]?.attainment).toBeNull()
    expect(rows[0]?.gap.toString()).toBe('-10')
    expect(distribution).toEqual({ reps: 1, atOrAbove: 0, median: 0.5, p10: 0.5, p90: 0.5 })
  })

  it('returns no rows and a null distribution for no quotas, and zero booked for no bookings', () => {
    expect(quotaAttainment([], [booking('ana', '2026-01-05T00:00:00Z', 10)])).toEqual({
      rows: [],
      distribution: { reps: 0, atOrAbove: null, median: null, p10: null, p90: null },
    })
    const { rows, distribution } = quotaAttainment([q1('ana', 10)], [])
    expect(rows[0]?.booked.toString()).toBe('0')
    expect(rows[0]?.attainment).toBe(0)
    expect(distribution.atOrAbove).toBe(0)
  })

  it('counts exactly at quota as at or above (booked ≥ quota compared exactly)', () => {
    // 0.1 + 0.2 = 0.3 exactly; a float sum (0.30000000000000004) would also pass, 0.3 − tiny would not.
    const { distribution } = quotaAttainment(
      [q1('ana', '0.3')],
      [booking('ana', '2026-01-05T00:00:00Z', 0.1), booking('ana', '2026-01-06T00:00:00Z', 0.2)],
    )
    expect(distribution.atOrAbove).toBe(1)
  })

  it('credits team targets from teamOf and members, and keeps them out of the rep distribution', () => {
    const quotas = [
      q1('ana', 100),
      q1('ben', 100),
      q1('emea', 300), // team of ana and ben (teamOf)
      q1('overlay', 50), // ana also sits in an overlay team (members)
    ]
    const bookings = [
      booking('ana', '2026-01-05T00:00:00Z', 120),
      booking('ben', '2026-01-06T00:00:00Z', 60),
      booking('cy', '2026-01-07T00:00:00Z', 1000), // no quota, no team: counted nowhere
    ]
    const { rows, distribution } = quotaAttainment(quotas, bookings, {
      teamOf: { ana: 'emea', ben: 'emea' },
      members: { overlay: ['ana'] },
    })
    // emea: 120 + 60 = 180 of 300 = 0.6; overlay: 120 of 50 = 2.4.
    expect(rows.map((row) => row.booked.toString())).toEqual(['120', '60', '180', '120'])
    expect(rows[2]?.attainment).toBe(0.6)
    expect(rows[3]?.attainment).toBe(2.4)
    // Reps only: ana 1.2, ben 0.6 → 1 of 2 at or above, median 0.9.
    expect(distribution.reps).toBe(2)
    expect(distribution.atOrAbove).toBe(0.5)
    expect(distribution.median).toBeCloseTo(0.9, 12)
  })

  it('counts a member once in a team named by both teamOf and members', () => {
    const { rows } = quotaAttainment(
      [q1('emea', 100)],
      [booking('ana', '2026-01-05T00:00:00Z', 30)],
      { teamOf: { ana: 'emea' }, members: { emea: ['ana'] } },
    )
    expect(rows[0]?.booked.toString()).toBe('30')
  })

  it('measures account-plan attainment through the same call, with accounts as owners', () => {
    // Account plans: acme should buy 50,000 in 2026, globex 20,000.
    const plans: Quota[] = [
      { ownerId: 'acme', periodStart: '2026-01-01', periodEnd: '2026-12-31', amount: 50000 },
      { ownerId: 'globex', periodStart: '2026-01-01', periodEnd: '2026-12-31', amount: 20000 },
    ]
    const deal = { createdAt: new Date('2026-01-02T00:00:00Z'), stageHistory: [] }
    const opportunities = [
      {
        ...deal,
        id: '1',
        status: 'won' as const,
        amount: 30000,
        ownerId: 'ana',
        accountId: 'acme',
        closedAt: new Date('2026-03-01T00:00:00Z'),
      },
      {
        ...deal,
        id: '2',
        status: 'won' as const,
        amount: 25000,
        ownerId: 'ben',
        accountId: 'acme',
        closedAt: new Date('2026-09-01T00:00:00Z'),
      },
      {
        ...deal,
        id: '3',
        status: 'lost' as const,
        amount: 9000,
        ownerId: 'ana',
        accountId: 'globex',
        closedAt: new Date('2026-04-01T00:00:00Z'),
      },
      {
        ...deal,
        id: '4',
        status: 'won' as const,
        amount: 5000,
        ownerId: 'ana',
        accountId: 'globex',
        closedAt: new Date('2026-05-01T00:00:00Z'),
      },
      {
        ...deal,
        id: '5',
        status: 'open' as const,
        amount: 7000,
        ownerId: 'ben',
        accountId: 'globex',
        probability: 0.5,
      },
    ]
    const { rows, distribution } = quotaAttainment(
      plans,
      bookingsFromOpportunities(opportunities, { creditTo: 'account' }),
    )
    // acme: 30,000 + 25,000 = 55,000 of 50,000 = 1.1; globex: 5,000 of 20,000 = 0.25.
    expect(rows.map((row) => [row.ownerId, row.booked.toString(), row.attainment])).toEqual([
      ['acme', '55000', 1.1],
      ['globex', '5000', 0.25],
    ])
    expect(distribution.atOrAbove).toBe(0.5)
  })

  it('keeps consecutive quarters apart and refuses two quotas of one owner sharing a day', () => {
    const quarters: Quota[] = [
      { ownerId: 'ana', periodStart: '2026-04-01', periodEnd: '2026-06-30', amount: 10 },
      { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 10 },
    ]
    const { rows } = quotaAttainment(quarters, [
      booking('ana', '2026-03-31T12:00:00Z', 1),
      booking('ana', '2026-04-01T12:00:00Z', 2),
    ])
    expect(rows.map((row) => row.booked.toString())).toEqual(['2', '1'])
    const overlapping: Quota[] = [
      quarters[1]!,
      { ownerId: 'ana', periodStart: '2026-03-31', periodEnd: '2026-06-30', amount: 10 },
    ]
    expectMetricError(() => quotaAttainment(overlapping, []), 'DUPLICATE_ID', {
      path: ['quotas', 1],
      metric: 'quotaAttainment',
    })
    // The same period for two owners is fine.
    expect(quotaAttainment([q1('ana', 1), q1('ben', 1)], []).rows).toHaveLength(2)
  })

  it('refuses mixed currencies without rates and converts with them', () => {
    expectMetricError(
      () =>
        quotaAttainment(
          [q1('ana', 100, 'USD')],
          [booking('ana', '2026-01-05T00:00:00Z', 10, 'EUR')],
        ),
      'CURRENCY_MISMATCH',
      { path: ['bookings', 0, 'currency'], metric: 'quotaAttainment' },
    )
    // 10 EUR × 1.08 = 10.8 USD, + 5 USD = 15.8 of 100.
    const { rows } = quotaAttainment(
      [q1('ana', 100, 'USD')],
      [
        booking('ana', '2026-01-05T00:00:00Z', 10, 'EUR'),
        booking('ana', '2026-01-06T00:00:00Z', 5),
      ],
      { rates: { EUR: '1.08' }, baseCurrency: 'USD' },
    )
    expect(rows[0]?.booked.toString()).toBe('15.8')
    expectMetricError(
      () =>
        quotaAttainment(
          [q1('ana', 100, 'USD')],
          [booking('ana', '2026-01-05T00:00:00Z', 1, 'GBP')],
          {
            rates: { EUR: '1.08' },
            baseCurrency: 'USD',
          },
        ),
      'MISSING_FX_RATE',
      { path: ['bookings', 0, 'currency'] },
    )
  })

  it('refuses bad quotas and bookings with the path into the input', () => {
    const metric = 'quotaAttainment'
    const good = q1('ana', 100)
    const cases: [() => unknown, Parameters<typeof expectMetricError>[1], (string | number)[]][] = [
      [
        () => quotaAttainment([{ ...good, ownerId: '' }], []),
        'MISSING_VALUE',
        ['quotas', 0, 'ownerId'],
      ],
      [
        () => quotaAttainment([{ ...good, periodStart: '2026-02-30' }], []),
        'INVALID_DATE',
        ['quotas', 0, 'periodStart'],
      ],
      [
        () => quotaAttainment([{ ...good, periodEnd: '2025-12-31' }], []),
        'END_BEFORE_START',
        ['quotas', 0, 'periodEnd'],
      ],
      [
        () => quotaAttainment([{ ...good, amount: -1 }], []),
        'NEGATIVE_VALUE',
        ['quotas', 0, 'amount'],
      ],
      [
        () => quotaAttainment([good], [booking('ana', 'not a date', 1)]),
        'INVALID_DATE',
        ['bookings', 0, 'at'],
      ],
      [
        () => quotaAttainment([good], [booking('ana', '2026-01-05T00:00:00Z', '-5')]),
        'NEGATIVE_VALUE',
        ['bookings', 0, 'amount'],
      ],
      [
        () => quotaAttainment([good], [booking('ana', '2026-01-05T00:00:00Z', Number.NaN)]),
        'NOT_FINITE',
        ['bookings', 0, 'amount'],
      ],
      // A booking outside every quota is checked too.
      [
        () => quotaAttainment([good], [booking('zed', '2030-01-05T00:00:00Z', -1)]),
        'NEGATIVE_VALUE',
        ['bookings', 0, 'amount'],
      ],
      [
        () => quotaAttainment([good], [{ ...booking('', '2026-01-05T00:00:00Z', 1) }]),
        'MISSING_VALUE',
        ['bookings', 0, 'ownerId'],
      ],
      [
        () => quotaAttainment([good], [null as unknown as Booking]),
        'INVALID_RECORD',
        ['bookings', 0],
      ],
      [() => quotaAttainment('q' as unknown as Quota[], []), 'VALUE_OUT_OF_RANGE', ['quotas']],
      [
        () => quotaAttainment([good], [], { timeZone: 'Mars/Olympus' }),
        'INVALID_OPTION',
        ['timeZone'],
      ],
      [
        () => quotaAttainment([good], [], { teamOf: { ana: 7 as unknown as string } }),
        'INVALID_OPTION',
        ['teamOf', 'ana'],
      ],
      [
        () => quotaAttainment([good], [], { members: { emea: 'ana' as unknown as string[] } }),
        'INVALID_OPTION',
        ['members', 'emea'],
      ],
      [
        () => quotaAttainment([good], [], { members: { emea: ['ana', ''] } }),
        'INVALID_OPTION',
        ['members', 'emea', 1],
      ],
      [() => quotaAttainment([good], [], [] as unknown as undefined), 'INVALID_OPTION', []],
    ]
    for (const [action, code, path] of cases) expectMetricError(action, code, { path, metric })
  })

  it('does not mutate its input', () => {
    const quotas = [q1('ana', 100), q1('ana', 50)].map((quota, index) =>
      index === 0 ? quota : { ...quota, periodStart: '2026-04-01', periodEnd: '2026-06-30' },
    )
    const bookings = [
      booking('ana', '2026-05-01T00:00:00Z', 1),
      booking('ana', '2026-01-01T00:00:00Z', 2),
    ]
    const before = JSON.stringify([quotas, bookings])
    quotaAttainment(Object.freeze(quotas), Object.freeze(bookings))
    expect(JSON.stringify([quotas, bookings])).toBe(before)
  })

  it('does not depend on the order of the bookings, and every attainment is booked / quota', () => {
    const owners = ['ana', 'ben', 'cy']
    const arbitraryBooking = fc.record({
      owner: fc.constantFrom(...owners, 'nobody'),
      day: fc.integer({ min: -10, max: 100 }),
      cents: fc.integer({ min: 0, max: 1e9 }),
    })
    fc.assert(
      fc.property(fc.array(arbitraryBooking, { maxLength: 30 }), fc.nat(), (raw, seed) => {
        const bookings = raw.map(({ owner, day, cents }) => ({
          ownerId: owner,
          at: new Date(Date.UTC(2026, 0, 1 + day, 12)),
          amount: cents / 100,
        }))
        const quotas = owners.map((owner, index) => q1(owner, 1000 * (index + 1)))
        const shuffled = [...bookings]
        for (let index = shuffled.length - 1; index > 0; index--) {
          const other = (seed + index * 7919) % (index + 1)
          ;[shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!]
        }
        const one = quotaAttainment(quotas, bookings)
        const two = quotaAttainment(quotas, shuffled)
        expect(two.rows.map((row) => row.booked.toString())).toEqual(
          one.rows.map((row) => row.booked.toString()),
        )
        expect(two.distribution).toEqual(one.distribution)
        for (const row of one.rows) {
          // Independent sum in integer cents over the bookings of the owner in Q1 (days 0–89).
          const cents = raw
            .filter((b) => b.owner === row.ownerId && b.day >= 0 && b.day < 90)
            .reduce((total, b) => total + b.cents, 0)
          expect(row.booked.toString()).toBe(new Decimal(cents).div(100).toString())
          // The correctly rounded double of cents / (100 · quota): divide at 60 digits (the
          // default 20 can round 447228904 / 300000 one ulp off), then round once to a double.
          expect(row.attainment).toBe(
            new Precise(cents).div(100).div(row.quota.toString()).toNumber(),
          )
        }
      }),
    )
  })
})
