import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { netRevenueRetention } from '../../src/retention/netRevenueRetention.js'
import { revenueMovements } from '../../src/retention/revenueMovements.js'
import { revenueMovementsAggregator } from '../../src/retention/revenueMovementsAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('revenueMovementsAggregator', () => {
  it('takes an options object like every aggregator factory and refuses one that is not an object', () => {
    const moves = revenueMovementsAggregator({})
    // 100 → 120 expansion 20, 50 → 0 churn 50: NRR (150 + 20 − 50) / 150 = 0.8 (hand sum)
    const state = moves.addAll(moves.initial(), [
      { startAmount: 100, endAmount: 120 },
      { startAmount: 50, endAmount: 0 },
    ])
    expect(state.totals.churn).toBe('50')
    for (const bad of [null, 1, 'x', []]) {
      expectMetricError(
        () => revenueMovementsAggregator(bad as unknown as object),
        'INVALID_OPTION',
        {
          path: [],
          metric: 'revenueMovementsAggregator',
        },
      )
    }
  })

  const moves = revenueMovementsAggregator()

  it('starts at zero and skips accounts that paid nothing on both sides', () => {
    const state = moves.add(moves.initial(), { startAmount: 0, endAmount: 0 })
    expect(state).toEqual(moves.initial())
    expect(netRevenueRetention(moves.result(state))).toBeNull()
  })

  it('tells reactivation from new by paidBefore', () => {
    const state = moves.add(
      moves.add(moves.initial(), { startAmount: 0, endAmount: 5, paidBefore: true }),
      {
        startAmount: 0,
        endAmount: 7,
      },
    )
    const result = moves.result(state)
    expect(result.reactivation.toString()).toBe('5')
    expect(result.newRevenue.toString()).toBe('7')
  })

  it('refuses bad amounts', () => {
    expectMetricError(
      () => moves.add(moves.initial(), { startAmount: -1, endAmount: 0 }),
      'NEGATIVE_VALUE',
      {
        path: ['startAmount'],
        metric: 'revenueMovementsAggregator',
      },
    )
  })

  it('any split by account, merged in any order and through JSON, equals revenueMovements', () => {
    const account = fc.record({
      start: fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
      end: fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
      paidBefore: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(account, { maxLength: 30 }), fc.nat(), (accounts, cut) => {
        const id = (index: number) => `acct-${String(index).padStart(3, '0')}`
        const expected = revenueMovements(
          accounts.map((a, index) => ({ accountId: id(index), amount: a.start })),
          accounts.map((a, index) => ({ accountId: id(index), amount: a.end })),
          {
            history: accounts.flatMap((a, index) =>
              a.paidBefore ? [{ accountId: id(index), amount: 1 }] : [],
            ),
          },
        )
        const at = cut % (accounts.length + 1)
        const part = (rows: typeof accounts) =>
          JSON.parse(
            JSON.stringify(
              rows.reduce(
                (state, a) =>
                  moves.add(state, {
                    startAmount: a.start,
                    endAmount: a.end,
                    paidBefore: a.paidBefore,
                  }),
                moves.initial(),
              ),
            ),
          )
        const result = moves.result(
          moves.merge(part(accounts.slice(at)), part(accounts.slice(0, at))),
        )
        for (const key of [
          'startingRevenue',
          'endingRevenue',
          'newRevenue',
          'expansion',
          'contraction',
          'churn',
          'reactivation',
        ] as const) {
          expect(result[key].eq(expected[key])).toBe(true)
        }
        expect(result.counts).toEqual(expected.counts)
      }),
    )
  })

  it('matches the documented example', () => {
    const a = moves.add(moves.initial(), { startAmount: 100, endAmount: 120 })
    const b = moves.add(moves.initial(), { startAmount: 50, endAmount: 0 })
    // (150 + 20 − 50) / 150
    expect(netRevenueRetention(moves.result(moves.merge(a, b)))).toBe(0.8)
  })
})

describe('revenueMovementsAggregator.addAll', () => {
  const moves = revenueMovementsAggregator()
  type Row = { startAmount: number | string; endAmount: number | string; paidBefore: boolean }
  // Amounts as numbers (cents, and a few awkward doubles) or decimal strings.
  const amount = fc.oneof(
    fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
    fc.constantFrom(0, 0.1, 0.2, 0.3, 1e-7, 123456789.123456),
    fc.integer({ min: 0, max: 10_000 }).map((c) => (c / 100).toFixed(2)),
  )
  const row: fc.Arbitrary<Row> = fc.record({
    startAmount: amount,
    endAmount: amount,
    paidBefore: fc.boolean(),
  })
  const fold = (state: ReturnType<typeof moves.initial>, rows: readonly Row[]) =>
    rows.reduce((s, r) => moves.add(s, r), state)
  const keys = [
    'startingRevenue',
    'endingRevenue',
    'newRevenue',
    'expansion',
    'contraction',
    'churn',
    'reactivation',
  ] as const

  it('equals folding add exactly, for random numeric and string amounts', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.array(row, { maxLength: 5 }),
        (rows, prefix) => {
          const start = fold(moves.initial(), prefix)
          expect(moves.addAll(start, rows)).toEqual(fold(start, rows))
        },
      ),
    )
  })

  it('split into addAll parts, merged through JSON, equals revenueMovements', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.nat(), (accounts, cut) => {
        const id = (index: number) => `acct-${String(index).padStart(3, '0')}`
        // Independent source: the one-shot revenueMovements over the same accounts.
        const expected = revenueMovements(
          accounts.map((a, index) => ({ accountId: id(index), amount: a.startAmount })),
          accounts.map((a, index) => ({ accountId: id(index), amount: a.endAmount })),
          {
            history: accounts.flatMap((a, index) =>
              a.paidBefore ? [{ accountId: id(index), amount: 1 }] : [],
            ),
          },
        )
        const at = cut % (accounts.length + 1)
        const part = (slice: Row[]) =>
          JSON.parse(JSON.stringify(moves.addAll(moves.initial(), slice)))
        const result = moves.result(
          moves.merge(part(accounts.slice(at)), part(accounts.slice(0, at))),
        )
        for (const key of keys) expect(result[key].eq(expected[key])).toBe(true)
        expect(result.counts).toEqual(expected.counts)
      }),
    )
  })

  it('empty inputs return an equal state', () => {
    const state = moves.add(moves.initial(), { startAmount: 10, endAmount: 12.5 })
    expect(moves.addAll(state, [])).toEqual(state)
    expect(moves.addAll(moves.initial(), [])).toEqual(moves.initial())
  })

  it('sums exactly by hand: expansion 0.1 → 0.3 and 0.2 → 0.3 is 0.2 + 0.1 = 0.3', () => {
    const state = moves.addAll(moves.initial(), [
      { startAmount: 0.1, endAmount: 0.3 },
      { startAmount: '0.2', endAmount: 0.3 },
      { startAmount: 5, endAmount: 0 },
      { startAmount: 0, endAmount: 0 },
    ])
    expect(state.totals.expansion).toBe('0.3')
    expect(state.totals.churn).toBe('5')
    expect(state.startingRevenue).toBe('5.3') // 0.1 + 0.2 + 5
    expect(state.endingRevenue).toBe('0.6') // 0.3 + 0.3
    expect(state.counts).toMatchObject({ expansion: 2, churn: 1 })
    expect(state.startingCustomers).toBe(3)
    expect(state.endingCustomers).toBe(2)
  })

  it('refuses a bad row at index k with the code add gives and the path [k, …]', () => {
    const bad: Array<[readonly (string | number)[], unknown, string]> = [
      [[], null, 'INVALID_RECORD'],
      [[], 'row', 'INVALID_RECORD'],
      [['startAmount'], { startAmount: -1, endAmount: 1 }, 'NEGATIVE_VALUE'],
      [['endAmount'], { startAmount: 1, endAmount: Number.NaN }, 'NOT_FINITE'],
      [['startAmount'], { startAmount: -1, endAmount: Number.NaN }, 'NEGATIVE_VALUE'],
      [['endAmount'], { startAmount: '1', endAmount: '-2' }, 'NEGATIVE_VALUE'],
      [['startAmount'], { endAmount: 1 }, 'MISSING_VALUE'], // absent → MISSING_VALUE (refusal-code rule)
    ]
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...bad),
        (good, cut, [field, r, code]) => {
          const k = cut % (good.length + 1)
          const rows = [...good.slice(0, k), r, ...good.slice(k)] as Row[]
          expectMetricError(() => fold(moves.initial(), rows), code as never)
          expectMetricError(() => moves.addAll(moves.initial(), rows), code as never, {
            path: [k, ...field],
            metric: 'revenueMovementsAggregator',
          })
        },
      ),
    )
    for (const inputs of [null, 'rows', { length: 1 }, 7]) {
      expectMetricError(
        () => moves.addAll(moves.initial(), inputs as never),
        'VALUE_OUT_OF_RANGE',
        {
          path: [],
        },
      )
    }
    expectMetricError(
      () => moves.addAll({ ...moves.initial(), startingRevenue: '-1' }, []),
      'NEGATIVE_VALUE',
    )
  })

  it('matches the documented example', () => {
    // Hand: the second account paid 50 at the start and nothing at the end: churn 50.
    expect(
      moves.addAll(moves.initial(), [
        { startAmount: 100, endAmount: 120 },
        { startAmount: 50, endAmount: 0 },
      ]).totals.churn,
    ).toBe('50')
  })
})
