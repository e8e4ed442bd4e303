/**
 * Hostile-input sweep over every export of the forecast family (read from the module, so a
 * new export is covered automatically): each call either returns a result with no NaN,
 * ±Infinity, −0 or undefined where a number or null is documented, or throws
 * MetricInputError; it never mutates its input and never hangs (each call runs under the
 * shared hang guard, ../hangGuard.ts: ten times the 1 s budget).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import * as forecast from '../../src/forecast/index.js'
import * as root from '../../src/index.js'
import { runWithHangGuard } from '../hangGuard.js'

type AnyFunction = (...args: unknown[]) => unknown

const throwingGetter = () =>
  Object.defineProperty({}, 'actual', {
    enumerable: true,
    get() {
      throw new Error('getter that throws')
    },
  })
const throwingProxy = () =>
  new Proxy([1, 2, 3], {
    get(target, key) {
      if (key === 'length') return 3
      if (key === '1') throw new TypeError('proxy that throws')
      return Reflect.get(target, key)
    },
  })
const sparse = () => {
  const values: number[] = [1]
  values[4] = 2
  return values
}
const protoKeys = () => JSON.parse('{"__proto__": {"actual": [1]}, "actual": [1], "forecast": [2]}')

/** Values that have broken numeric code before. */
const hostileScalars: unknown[] = [
  undefined,
  null,
  {},
  [],
  '',
  '12',
  ' 12 ',
  '0x10',
  true,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e308,
  -1e308,
  5e-324,
  -5e-324,
  2 ** 53,
  new Date(Number.NaN),
  new Date(8.64e15),
  new Date(-8.64e15),
  'Mars/Base',
  { length: -1 },
  { length: 2 ** 32 },
  { length: 2.5 },
  Symbol('x'),
  10n,
]

const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...hostileScalars),
    fc.constant(null).map(throwingGetter),
    fc.constant(null).map(throwingProxy),
    fc.constant(null).map(sparse),
    fc.constant(null).map(protoKeys),
    fc.anything(),
    fc.double(),
    fc.array(fc.oneof(fc.double(), fc.constantFrom(...hostileScalars)), { maxLength: 6 }),
  )

const seriesLike = (): fc.Arbitrary<unknown> =>
  fc.record(
    {
      actual: fc.oneof(hostileValue(), fc.array(fc.double(), { maxLength: 6 })),
      forecast: fc.oneof(hostileValue(), fc.array(fc.double(), { maxLength: 6 })),
      weights: hostileValue(),
      training: hostileValue(),
      seasonality: hostileValue(),
      tolerance: hostileValue(),
      variant: hostileValue(),
      floor: hostileValue(),
      unknownOption: hostileValue(),
    },
    { requiredKeys: ['actual', 'forecast'] },
  )

const date = fc.oneof(
  fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01') }),
  fc.constantFrom(...hostileScalars),
)
const submission = fc.record(
  {
    ownerId: fc.oneof(fc.constantFrom('ana', 'ben'), fc.constantFrom(...hostileScalars)),
    periodStart: date,
    periodEnd: date,
    category: fc.oneof(fc.constantFrom('commit', 'best-case'), fc.constantFrom(...hostileScalars)),
    amount: fc.oneof(fc.double(), fc.constantFrom('1e400', '12.5', ...hostileScalars)),
    currency: fc.oneof(fc.constantFrom('USD', 'JPY'), fc.constantFrom(...hostileScalars)),
    submittedAt: date,
  },
  { requiredKeys: [] },
)
const booking = fc.record(
  {
    ownerId: fc.oneof(fc.constantFrom('ana', 'ben'), fc.constantFrom(...hostileScalars)),
    at: date,
    amount: fc.oneof(fc.double(), fc.constantFrom('1e400', '3', ...hostileScalars)),
    currency: fc.oneof(fc.constantFrom('USD', 'JPY'), fc.constantFrom(...hostileScalars)),
  },
  { requiredKeys: [] },
)

/** Every number in a result is finite and not −0; no undefined anywhere. */
function checkResult(value: unknown, seen = new Set<unknown>()): void {
  if (value === undefined) throw new Error('undefined in a result')
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`non-finite number ${value} in a result`)
    if (Object.is(value, -0)) throw new Error('-0 in a result')
    return
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('invalid Date in a result')
    return
  }
  if ('toFixed' in value && 'isFinite' in value) {
    if (!(value as { isFinite(): boolean }).isFinite()) throw new Error('non-finite Decimal')
    return
  }
  seen.add(value)
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key]
    if (typeof field === 'function') continue
    checkResult(field, seen)
  }
}

/** A deep copy for the mutation check, or null when the input cannot be copied (Proxies, getters). */
function snapshot(args: unknown[]): unknown[] | null {
  try {
    return structuredClone(args)
  } catch {
    return null
  }
}

let calls = 0
function callOnce(name: string, run: AnyFunction, args: unknown[], copy = true): void {
  const before = copy ? snapshot(args) : null
  let result: unknown
  let threw: unknown = null
  try {
    // A hang comes back as a HangGuardError, reported below as not a MetricInputError.
    result = runWithHangGuard(() => run(...args), name)
  } catch (error) {
    threw = error
  }
  calls++
  if (threw !== null) {
    if (!(threw instanceof MetricInputError)) {
      throw new Error(`${name} threw ${String(threw)} (not a MetricInputError)`)
    }
    expect(threw.metric).toBe(name)
  } else {
    checkResult(result)
  }
  if (before !== null) {
    let after: unknown[] | null = null
    try {
      after = structuredClone(args)
    } catch {
      after = null
    }
    if (after !== null) expect(after).toEqual(before)
  }
}

const exported: [string, AnyFunction][] = []
for (const [name, value] of Object.entries(forecast as Record<string, unknown>)) {
  if (typeof value === 'function') exported.push([name, value as AnyFunction])
}

describe('forecast family under hostile input', () => {
  it('covers every function of the family, each also exported from the package root', () => {
    expect(exported.length).toBe(15)
    for (const [name, run] of exported) {
      expect((root as Record<string, unknown>)[name]).toBe(run)
    }
  })

  for (const [name, run] of exported) {
    it(`${name}: returns clean values or throws MetricInputError, never mutates`, () => {
      if (name === 'forecastAccuracyByPeriod') {
        fc.assert(
          fc.property(
            fc.oneof(fc.array(submission, { maxLength: 5 }), hostileValue()),
            fc.oneof(fc.array(booking, { maxLength: 5 }), hostileValue()),
            fc.oneof(
              fc.record(
                {
                  category: hostileValue(),
                  leadTimeDays: hostileValue(),
                  groupBy: fc.oneof(fc.constantFrom('owner', 'none', 'team'), hostileValue()),
                  timeZone: fc.oneof(fc.constantFrom('UTC', 'Europe/Berlin'), hostileValue()),
                  tolerance: hostileValue(),
                  rates: fc.oneof(fc.constant({ JPY: '0.0067' }), hostileValue()),
                  baseCurrency: fc.oneof(fc.constant('USD'), hostileValue()),
                },
                { requiredKeys: [] },
              ),
              hostileValue(),
            ),
            (submissions, actuals, options) => {
              callOnce(name, run, [submissions, actuals, options])
            },
          ),
          { numRuns: 300 },
        )
        return
      }
      if (name === 'forecastErrorAggregator') {
        fc.assert(
          fc.property(hostileValue(), hostileValue(), hostileValue(), (options, state, period) => {
            let aggregator: ReturnType<typeof forecast.forecastErrorAggregator>
            try {
              aggregator = forecast.forecastErrorAggregator(options as never)
            } catch (error) {
              expect(error).toBeInstanceOf(MetricInputError)
              return
            }
            const good = aggregator.add(aggregator.initial(), { actual: 10, forecast: 12 })
            callOnce(name, aggregator.add as AnyFunction, [state, period])
            callOnce(name, aggregator.add as AnyFunction, [good, period])
            callOnce(name, aggregator.merge as AnyFunction, [good, state])
            callOnce(name, aggregator.merge as AnyFunction, [state, good])
            callOnce(name, aggregator.result as AnyFunction, [state])
          }),
          { numRuns: 300 },
        )
        return
      }
      fc.assert(
        fc.property(fc.oneof(seriesLike(), hostileValue(), fc.array(fc.anything())), (input) => {
          callOnce(name, run, [input])
        }),
        { numRuns: 400 },
      )
    })
  }

  it('handles 1e6-element series without a hang', () => {
    const actual = new Float64Array(1_000_000).fill(3)
    const values = Array.from({ length: 1_000_000 }, () => 2)
    for (const [name, run] of exported) {
      if (name === 'forecastAccuracyByPeriod' || name === 'forecastErrorAggregator') continue
      callOnce(name, run, [{ actual, forecast: values, training: values }], false)
    }
    // Not mutated (checked by a loop: a deep equality of 1e6 elements takes minutes).
    for (let index = 0; index < values.length; index++) {
      if (actual[index] !== 3 || values[index] !== 2) throw new Error(`input changed at ${index}`)
    }
    const submissions = [
      {
        ownerId: 'ana',
        periodStart: new Date('2026-01-01'),
        periodEnd: new Date('2026-12-31'),
        category: 'commit',
        amount: 5,
        submittedAt: new Date('2025-12-01'),
      },
    ]
    const bookings = Array.from({ length: 1_000_000 }, (_, index) => ({
      ownerId: 'ana',
      at: new Date(Date.UTC(2026, 0, 1) + index * 30_000),
      amount: 1,
    }))
    callOnce(
      'forecastAccuracyByPeriod',
      forecast.forecastAccuracyByPeriod as AnyFunction,
      [submissions, bookings],
      false,
    )
  }, 60_000)

  it('ran a meaningful number of hostile calls', () => {
    expect(calls).toBeGreaterThan(5000)
  })
})
