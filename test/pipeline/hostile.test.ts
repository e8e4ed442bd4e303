import fc from 'fast-check'
import { describe, it } from 'vitest'
import * as pipeline from '../../src/pipeline/index.js'
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
} from './hostileHarness.js'

// The contract (issue 12, "Reliability sweep"): every export of the pipeline family, given
// anything, returns a result with finite numbers (never NaN, ±Infinity or −0; finite
// Decimals; no undefined field) or throws a MetricInputError naming it; never mutates its
// input; never hangs (each call runs under the shared hang guard, ../hangGuard.ts: ten
// times the 1 s budget, so only a hang or a blow-up trips it).

const stageNames = fc.constantFrom('A', 'B', 'C', 'constructor', '__proto__')
const stageEntry = fc.record({ stage: mostly(stageNames), enteredAt: mostly(validDate) })
const opportunity = fc.record(
  {
    id: mostly(fc.string({ maxLength: 3 })),
    createdAt: mostly(fc.constant(day(1))),
    amount: mostly(money),
    currency: mostly(fc.constantFrom('EUR', 'USD')),
    status: mostly(fc.constantFrom('open', 'won', 'lost', 'constructor')),
    closedAt: mostly(validDate),
    stageHistory: mostly(fc.array(mostly(stageEntry), { maxLength: 4 })),
    probability: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
    ownerId: mostly(fc.constantFrom('ann', 'bob')),
    segment: mostly(fc.constantFrom('smb', 'ent')),
  },
  { requiredKeys: ['id', 'createdAt', 'amount', 'status', 'stageHistory'] },
)
const lead = fc.record(
  {
    id: mostly(fc.string({ maxLength: 3 })),
    createdAt: mostly(validDate),
    contactedAt: mostly(validDate),
    convertedAt: mostly(validDate),
    source: mostly(fc.constantFrom('inbound', 'event')),
    ownerId: mostly(fc.constantFrom('ann', 'bob')),
  },
  { requiredKeys: ['id', 'createdAt'] },
)
const row = fc.oneof({ weight: 3, arbitrary: opportunity }, lead, hostileValue)
const list = mostly(fc.array(row, { maxLength: 8 }))
const options = mostly(
  fc.record(
    {
      by: mostly(fc.constantFrom('count', 'amount')),
      confidence: mostly(fc.constantFrom(0.9, 0.95, 0.9999999999999999)),
      rates: mostly(fc.constant({ EUR: '1.1', USD: 1 })),
      baseCurrency: mostly(fc.constantFrom('USD', 'EUR')),
      asOf: mostly(validDate),
      stages: mostly(fc.constantFrom(['A', 'B', 'C'], ['A'], [], ['A', 'A'])),
      mode: mostly(fc.constantFrom('next-step', 'cumulative')),
      open: mostly(fc.constantFrom('exclude', 'include')),
      outcome: mostly(fc.constantFrom('won', 'closed')),
      statistic: mostly(fc.constantFrom('mean', 'median')),
      quantile: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
      minimumSpells: mostly(fc.nat(5)),
      withinDays: mostly(fc.double({ min: 0, max: 30, noNaN: true })),
      groupBy: mostly(fc.constantFrom('source', 'owner')),
      unknownOption: hostileValue,
    },
    { requiredKeys: [] },
  ),
)
const inputRecord = mostly(
  fc.record(
    {
      openPipeline: mostly(money),
      remainingQuota: mostly(money),
      opportunities: mostly(fc.nat(100)),
      averageDealSize: mostly(money),
      winRate: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
      salesCycleDays: mostly(fc.double({ min: 0, max: 100, noNaN: true })),
    },
    { requiredKeys: [] },
  ),
)
const argumentLists = fc.oneof(
  fc.tuple(list, options),
  fc.tuple(list),
  fc.tuple(inputRecord),
  fc.tuple(mostly(fc.double({ min: 0, max: 1 }))),
  fc.array(hostileValue, { maxLength: 3 }),
)

const functions = exportedFunctions(pipeline)

describe('hostile input to every pipeline export', () => {
  sweepFamily('pipeline', functions, argumentLists, { includes: 'winRate', atLeast: 14 })

  it('aggregators meet valid, foreign and tampered states', () => {
    const won = {
      id: 'w',
      createdAt: day(1),
      closedAt: day(2),
      amount: 10,
      status: 'won',
      stageHistory: [],
    }
    const open = { ...won, id: 'o', status: 'open', probability: 0.5 }
    const states = [
      { won: 1, lost: 0, currency: null },
      { won: '1', lost: '0', currency: null },
      { won: -1, lost: 0, currency: null },
      { won: 1.5, lost: 0, currency: null },
      { won: '1e9000000000000001', lost: '0', currency: null },
      { total: '5', currency: null },
      { total: '-5', currency: null },
      { total: 5, currency: null },
      { customersAtStart: 1, customersAtEnd: 1, newCustomers: 0, churnedCustomers: 0 },
      throwingGetter,
      throwingProxy,
      null,
      JSON.parse('{"__proto__": {"won": 1}, "lost": 0, "currency": null}'),
    ]
    for (const [name, factory] of functions.filter(([fn]) => fn.endsWith('Aggregator'))) {
      for (const factoryOptions of [
        undefined,
        { by: 'amount' },
        { rates: { EUR: 2 }, baseCurrency: 'USD' },
      ]) {
        const aggregator = expectContract(name, [factoryOptions], () => factory(factoryOptions))
        sweepAggregator(name, aggregator, [won, open, { ...won, status: 'lost' }, null], states)
      }
    }
  })

  it('1e6-element inputs finish without a hang', () => {
    const won = {
      id: 'w',
      createdAt: day(1),
      closedAt: day(2),
      amount: 10,
      status: 'won' as const,
      probability: 0.5,
      stageHistory: [{ stage: 'A', enteredAt: day(1) }],
    }
    const many = new Array(1_000_000).fill(won)
    const sparse = new Array(1_000_000)
    for (const [name, run] of functions) {
      if (name.endsWith('Aggregator')) continue
      for (const input of [many, sparse, throwingArray]) {
        expectContract(name, [input], () =>
          run(input, { stages: ['A'], asOf: day(30), by: 'amount' }),
        )
      }
    }
  }, 120_000)
})
