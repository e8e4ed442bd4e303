import fc from 'fast-check'
import { describe, it } from 'vitest'
import * as retention from '../../src/retention/index.js'
import * as survival from '../../src/survival/index.js'
import {
  day,
  expectContract,
  exportedFunctions,
  hostileValue,
  money,
  mostly,
  sweepAggregator,
  sweepFamily,
  throwingArray,
  throwingGetter,
  throwingProxy,
  validDate,
} from '../pipeline/hostileHarness.js'

// The contract (issue 12, "Reliability sweep"): every export of the retention family, given
// anything, returns a result with finite numbers (never NaN, ±Infinity or −0; finite
// Decimals; no undefined field) or throws a MetricInputError naming it; never mutates its
// input; never hangs (each call runs under the shared hang guard, ../hangGuard.ts: ten
// times the 1 s budget, so only a hang or a blow-up trips it).

const activityRow = fc.record(
  {
    customerId: mostly(fc.constantFrom('a', 'b', 'c', 'constructor', '__proto__')),
    at: mostly(validDate),
    revenue: mostly(money),
  },
  { requiredKeys: ['customerId', 'at'] },
)
const accountRow = fc.record(
  {
    accountId: mostly(fc.constantFrom('a', 'b', 'c', '__proto__')),
    amount: mostly(money),
    currency: mostly(fc.constantFrom('EUR', 'USD')),
  },
  { requiredKeys: ['accountId', 'amount'] },
)
const count = fc.nat(300)
const totalsRecord = fc.record(
  {
    customersAtStart: mostly(count),
    customersAtEnd: mostly(count),
    newCustomers: mostly(count),
    churnedCustomers: mostly(count),
    startingRevenue: mostly(money),
    expansion: mostly(money),
    contraction: mostly(money),
    churn: mostly(money),
    reactivation: mostly(money),
  },
  { requiredKeys: [] },
)
const durations = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 8 })
const survivalInput = fc
  .tuple(durations, fc.array(fc.boolean(), { maxLength: 8 }), fc.boolean())
  .map(([times, flags, weighted]) => ({
    durations: times,
    events: times.map((_, index) => flags[index] ?? true),
    ...(weighted ? { weights: times.map((_, index) => (index % 3) + 0.5) } : {}),
  }))
const survivalRecord = fc.oneof(
  survivalInput,
  fc.record(
    {
      durations: mostly(durations),
      events: mostly(fc.array(fc.constantFrom(true, false, 0, 1, 2), { maxLength: 8 })),
      entries: mostly(durations),
      weights: mostly(durations),
    },
    { requiredKeys: [] },
  ),
)
const curve = survivalInput.chain((input) => {
  const valid = survival.kaplanMeier(input)
  return fc.oneof(
    fc.constant(valid),
    fc.record({ steps: mostly(fc.constant(valid.steps)) }),
    fc
      .tuple(fc.nat(8), fc.constantFrom('time', 'survival', 'atRisk', 'events'), hostileValue)
      .map(([index, field, value]) => ({
        ...valid,
        steps: valid.steps.map((step, at) => (at === index ? { ...step, [field]: value } : step)),
      })),
  )
})
const options = mostly(
  fc.record(
    {
      basis: mostly(fc.constantFrom('logo', 'revenue')),
      period: mostly(fc.constantFrom('week', 'month', 'quarter', 'year')),
      timeZone: mostly(fc.constantFrom('UTC', 'America/New_York', 'Mars/Base')),
      fiscalYearStartMonth: mostly(fc.integer({ min: 1, max: 12 })),
      weekStartsOn: mostly(fc.integer({ min: 0, max: 6 })),
      asOf: mostly(validDate),
      confidence: mostly(fc.constantFrom(0.9, 0.95, 0.9999999999999999)),
      interval: mostly(fc.constantFrom('log', 'log-log', 'plain')),
      history: mostly(fc.array(mostly(accountRow), { maxLength: 3 })),
      unknownOption: hostileValue,
    },
    { requiredKeys: [] },
  ),
)
const rows = mostly(fc.array(fc.oneof(activityRow, accountRow, hostileValue), { maxLength: 8 }))
const argumentLists = fc.oneof(
  fc.tuple(rows, options),
  fc.tuple(rows, rows, options),
  fc.tuple(mostly(totalsRecord)),
  fc.tuple(mostly(survivalRecord), options),
  fc.tuple(curve, mostly(fc.double({ min: 0, max: 120, noNaN: true }))),
  fc.array(hostileValue, { maxLength: 3 }),
)

// Survival analysis (survival/) was part of retention in 0.1; its sweep stays here.
const functions = exportedFunctions({ ...retention, ...survival })

describe('hostile input to every retention export', () => {
  sweepFamily('retention', functions, argumentLists, { includes: 'cohortRetention', atLeast: 12 })

  it('aggregators meet valid, foreign and tampered states', () => {
    const logos = retention.customerRetentionAggregator()
    const moves = retention.revenueMovementsAggregator()
    const states = [
      logos.initial(),
      moves.initial(),
      { ...logos.initial(), customersAtStart: -1 },
      { ...logos.initial(), customersAtStart: 1.5 },
      { ...logos.initial(), newCustomers: 5 },
      { ...moves.initial(), startingRevenue: '-1' },
      { ...moves.initial(), startingRevenue: '1e9000000000000001' },
      { ...moves.initial(), totals: { ...moves.initial().totals, churn: 5 } },
      { ...moves.initial(), counts: null },
      { won: 1, lost: 0, currency: null },
      throwingGetter,
      throwingProxy,
      null,
      JSON.parse('{"__proto__": {"customersAtStart": 1}}'),
    ]
    const presences = [
      { activeAtStart: true, activeAtEnd: false },
      { activeAtStart: false, activeAtEnd: true },
      null,
    ]
    const changes = [
      { startAmount: 100, endAmount: 120 },
      { startAmount: '1e400', endAmount: 0 },
      { startAmount: -1, endAmount: 0 },
      null,
    ]
    for (const [name, factory] of functions.filter(([fn]) => fn.endsWith('Aggregator'))) {
      const aggregator = expectContract(name, [], () => factory())
      sweepAggregator(name, aggregator, [...presences, ...changes], states)
    }
  })

  it('1e6-element inputs and spans to the ends of time finish without a hang', () => {
    const row = { customerId: 'a', at: day(1), revenue: 1 }
    const many = new Array(1_000_000).fill(row)
    const sparse = new Array(1_000_000)
    const times = new Float64Array(1_000_000).map((_, index) => index % 997)
    const events = new Uint8Array(1_000_000).fill(1)
    for (const [name, run] of functions) {
      if (name.endsWith('Aggregator')) continue
      for (const input of [many, sparse, throwingArray]) {
        expectContract(name, [input], () => run(input, input))
      }
      expectContract(name, [], () => run({ durations: times, events }))
      expectContract(name, [], () =>
        run({ durations: { length: 2 ** 32 }, events: { length: 2 ** 32 } }),
      )
      for (const at of [new Date(-8.64e15), new Date(8.64e15)]) {
        expectContract(name, [], () => run([{ customerId: 'a', at }, row], { period: 'week' }))
        expectContract(name, [], () => run([row], { asOf: at }))
      }
    }
  }, 120_000)
})
