/**
 * The reliability sweep of issue 12: every export of both entries, called with hostile
 * input, either returns a clean result or throws `MetricInputError` — never a bare
 * `TypeError`/`RangeError`/`DecimalError`, never `NaN`, `Infinity`, `-0`, an invalid `Date`
 * or an `undefined` field in what it returns, never a change to its input, never a hang.
 *
 * The export list is read from the modules, so a new export is swept without editing this
 * file. Aggregator factories are swept twice: the factory itself, and the methods of the
 * aggregator it returns (`add`, `merge`, `result` with tampered states). Zod schemas are
 * swept through `safeParse`, which must never throw.
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { MetricInputError } from '../src/core/MetricInputError.js'
import * as root from '../src/index.js'
import * as schemas from '../src/schemas/index.js'
import * as sources from '../src/sources/index.js'
import * as sql from '../src/sql/index.js'
import { HangGuardError, runWithHangGuard } from './hangGuard.js'

/** Values no metric should take, or should take only after checking. */
function hostileScalars(): unknown[] {
  const throwingGetter = Object.defineProperty({}, 'score', {
    enumerable: true,
    get() {
      throw new Error('getter that throws')
    },
  })
  const throwingProxy = new Proxy(
    {},
    {
      get() {
        throw new Error('proxy that throws')
      },
      has() {
        throw new Error('proxy that throws')
      },
      ownKeys() {
        throw new Error('proxy that throws')
      },
      getOwnPropertyDescriptor() {
        throw new Error('proxy that throws')
      },
    },
  )
  const sparse: unknown[] = []
  sparse[3] = 5
  const arrayWithThrowingElement = [1, 2, 3]
  Object.defineProperty(arrayWithThrowingElement, 1, {
    get() {
      throw new Error('element getter that throws')
    },
  })
  return [
    undefined,
    null,
    {},
    [],
    '',
    ' ',
    'abc',
    '9',
    ' 12 ',
    '0x10',
    '1e400',
    '1e9000000000000001',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    1,
    -1,
    0.5,
    11,
    1e308,
    -1e308,
    5e-324,
    2 ** 53,
    0.9999999999999999,
    true,
    false,
    10n,
    new Date(Number.NaN),
    new Date(8.64e15),
    new Date(-8.64e15),
    new Date('2026-03-08T10:00:00Z'),
    'Mars/Base',
    'constructor',
    '__proto__',
    JSON.parse('{"__proto__": {"polluted": true}, "score": 9}'),
    { length: -1 },
    { length: 2 ** 32 },
    { length: 1.5 },
    throwingGetter,
    throwingProxy,
    sparse,
    arrayWithThrowingElement,
    [Number.NaN],
    [null, 1],
    ['9', '10'],
    [1e308, 1e308],
  ]
}

/** Field names the domain records and options of every family use. */
const FIELD_NAMES = [
  'score',
  'respondedAt',
  'segment',
  'weight',
  'id',
  'createdAt',
  'closedAt',
  'amount',
  'currency',
  'status',
  'stageHistory',
  'stage',
  'enteredAt',
  'probability',
  'ownerId',
  'actual',
  'forecast',
  'training',
  'weights',
  'durations',
  'events',
  'entries',
  'customersAtStart',
  'customersAtEnd',
  'newCustomers',
  'churnedCustomers',
  'startingRevenue',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
  'openPipeline',
  'remainingQuota',
  'opportunities',
  'averageDealSize',
  'winRate',
  'salesCycleDays',
  'leadId',
  'timeZone',
  'week',
  'holidays',
  'asOf',
  'confidence',
  'method',
  'period',
  'unit',
  'by',
  'scaleMax',
  'threshold',
  'tolerance',
  'seasonality',
  'name',
  'value',
  'range',
  'direction',
  'accountId',
  'periodStart',
  'periodEnd',
  'category',
  'submittedAt',
  'scores',
  'groups',
  'promoters',
  'passives',
  'detractors',
  'total',
  'survival',
  'time',
  'missing',
  'fiscalYearStartMonth',
  'rates',
  'baseCurrency',
  'onInvalid',
  '__proto__',
  'constructor',
]

/** Plausible values, so that a hostile field can sit inside an otherwise valid record. */
const plausibleValue = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(
    'won',
    'lost',
    'open',
    'USD',
    'EUR',
    'UTC',
    'Europe/Berlin',
    'month',
    'week',
    'count',
    'amount',
    'a',
    '100.50',
    '2026-03-01',
  ),
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z') }),
)

/**
 * A stand-in for one of the hostile scalars. fast-check inspects the values it generates
 * (`cloneMethod in value`), which a throwing Proxy would break, so arguments are generated
 * with these markers and made real just before the call.
 */
class HostileScalar {
  constructor(readonly index: number) {}
}

const HOSTILE_SCALARS = hostileScalars()

/** The arguments with every marker replaced by its hostile value (fresh for each call). */
function materialise(value: unknown): unknown {
  if (value instanceof HostileScalar) return hostileScalars()[value.index]
  if (Array.isArray(value)) return value.map(materialise)
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      Object.defineProperty(copy, key, {
        value: materialise((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return copy
  }
  return value
}

function hostileArguments(): fc.Arbitrary<unknown[]> {
  const scalar = fc
    .integer({ min: 0, max: HOSTILE_SCALARS.length - 1 })
    .map((index) => new HostileScalar(index))
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: scalar },
    { weight: 3, arbitrary: plausibleValue },
    { weight: 1, arbitrary: fc.anything() },
  )
  const record = fc.dictionary(fc.constantFrom(...FIELD_NAMES), value, { maxKeys: 8 })
  const list = fc.array(fc.oneof(value, record), { maxLength: 6 })
  const listOfRecords = fc.array(record, { minLength: 1, maxLength: 5 })
  const argument = fc.oneof(
    { weight: 3, arbitrary: scalar },
    { weight: 2, arbitrary: plausibleValue },
    { weight: 3, arbitrary: record },
    { weight: 2, arbitrary: list },
    { weight: 3, arbitrary: listOfRecords },
    { weight: 1, arbitrary: fc.anything() },
  )
  return fc.array(argument, { minLength: 0, maxLength: 4 })
}

/** Large inputs (each ≤ about 1 MB as data) every function must answer promptly. */
function largeArguments(): unknown[][] {
  const bytes = new Uint8Array(1_000_000).fill(9)
  const numbers = new Array<number>(125_000).fill(7)
  const ascending = Array.from({ length: 125_000 }, (_, index) => index)
  return [
    [bytes],
    [numbers],
    [ascending, 0.5],
    [{ actual: numbers, forecast: ascending }],
    [{ length: 1_000_000 }],
    [{ actual: [1], forecast: [1], training: { length: 2 ** 32 } }],
    ['9'.repeat(100_000)],
    [{ scores: bytes, groups: bytes }],
  ]
}

interface Problem {
  readonly call: string
  readonly problem: string
}

/** Where in `value` a number is NaN, infinite or -0, a Date invalid, a field undefined. */
function findUncleanValue(
  value: unknown,
  path: string,
  seen: Set<unknown>,
  depth = 0,
): string | null {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return `${path} is NaN`
    if (!Number.isFinite(value)) return `${path} is ${value}`
    if (Object.is(value, -0)) return `${path} is -0`
    return null
  }
  if (value === null || typeof value !== 'object' || depth > 8 || seen.has(value)) return null
  seen.add(value)
  if (value instanceof Decimal) {
    if (!value.isFinite()) return `${path} is Decimal ${value.toString()}`
    if (value.isZero() && value.isNegative()) return `${path} is Decimal -0`
    return null
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? `${path} is an invalid Date` : null
  }
  if (ArrayBuffer.isView(value)) return null
  if (Array.isArray(value)) {
    const limit = Math.min(value.length, 2000)
    for (let index = 0; index < limit; index++) {
      const found = findUncleanValue(value[index], `${path}[${index}]`, seen, depth + 1)
      if (found !== null) return found
    }
    return null
  }
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key]
    if (field === undefined) return `${path}.${key} is undefined`
    if (typeof field === 'function') continue
    const found = findUncleanValue(field, `${path}.${key}`, seen, depth + 1)
    if (found !== null) return found
  }
  return null
}

/** A fingerprint of the arguments that changes if a function mutates them. */
function fingerprint(values: readonly unknown[]): string | null {
  try {
    return JSON.stringify(values, (_key, value: unknown) => {
      if (typeof value === 'bigint') return `${value}n`
      if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
      if (ArrayBuffer.isView(value)) return Array.from(value as Uint8Array).join(',')
      if (value instanceof Date) return `Date(${value.getTime()})`
      return value
    })
  } catch {
    return null
  }
}

function describeArguments(values: readonly unknown[]): string {
  try {
    const text = fc.stringify(values)
    return text.length > 300 ? `${text.slice(0, 300)}…` : text
  } catch {
    return '(arguments that cannot be printed)'
  }
}

/**
 * Exports that ran past the hang guard once: not called again in this run, so a hanging
 * export costs one guard (10 s), not one per generated argument list. Its problem, with the
 * arguments that hung, is already in the report.
 */
const hung = new Set<string>()

/**
 * Calls `fn(...values)` under the shared hang guard (./hangGuard.ts). Returns a problem, or
 * null when the call returned a clean result or threw a MetricInputError.
 */
function sweepCall(
  name: string,
  fn: (...values: unknown[]) => unknown,
  values: unknown[],
): Problem | null {
  if (hung.has(name)) return null
  const before = fingerprint(values)
  const started = performance.now()
  let result: unknown
  try {
    result = runWithHangGuard(() => fn(...values), name)
  } catch (error) {
    noteDuration(name, values, performance.now() - started)
    if (error instanceof MetricInputError) return null
    if (error instanceof HangGuardError) hung.add(name)
    const call = `${name}(${describeArguments(values)})`
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return { call, problem: `threw ${message.slice(0, 200)}` }
  }
  noteDuration(name, values, performance.now() - started)
  const call = `${name}(${describeArguments(values)})`
  const unclean = findUncleanValue(result, 'result', new Set())
  if (unclean !== null) return { call, problem: unclean }
  if (before !== null && fingerprint(values) !== before)
    return { call, problem: 'mutated its input' }
  return null
}

/** Every problem found and the slowest call of each export, written out after the run. */
const sweepReport = {
  calls: 0,
  problems: [] as Problem[],
  slowest: new Map<string, { milliseconds: number; call: string }>(),
}

function noteDuration(name: string, values: readonly unknown[], milliseconds: number): void {
  sweepReport.calls++
  const slowest = sweepReport.slowest.get(name)
  if (slowest === undefined || milliseconds > slowest.milliseconds) {
    sweepReport.slowest.set(name, { milliseconds, call: describeArguments(values).slice(0, 120) })
  }
}

afterAll(() => {
  mkdirSync('.test-results', { recursive: true })
  const slowest = [...sweepReport.slowest]
    .sort((a, b) => b[1].milliseconds - a[1].milliseconds)
    .slice(0, 15)
  writeFileSync(
    '.test-results/hostile-input.json',
    JSON.stringify({ calls: sweepReport.calls, problems: sweepReport.problems, slowest }, null, 1),
  )
  console.log(
    `hostile-input sweep: ${sweepReport.calls} calls, ${sweepReport.problems.length} problems`,
  )
})

/** Fails with the first few problems spelt out; the full list is in the report file. */
function expectNoProblems(problems: readonly Problem[]): void {
  sweepReport.problems.push(...problems)
  expect(problems.slice(0, 5), `${problems.length} problems`).toEqual([])
}

type AnyFunction = (...values: unknown[]) => unknown

const functionExports: [string, AnyFunction][] = [
  ...Object.entries(root).map(([name, value]) => [`cx-metrics.${name}`, value] as const),
  ...Object.entries(schemas).map(([name, value]) => [`cx-metrics/schemas.${name}`, value] as const),
  ...Object.entries(sources).map(([name, value]) => [`cx-metrics/sources.${name}`, value] as const),
  ...Object.entries(sql).map(([name, value]) => [`cx-metrics/sql.${name}`, value] as const),
]
  .filter(([, value]) => typeof value === 'function' && value !== MetricInputError)
  .map(([name, value]) => [name, value as AnyFunction])

interface SafeParsing {
  safeParse(value: unknown): { success: boolean; data?: unknown }
}

const schemaExports: [string, SafeParsing][] = Object.entries(schemas)
  .filter(([, value]) => typeof value === 'object' && value !== null && 'safeParse' in value)
  .map(([name, value]) => [name, value as SafeParsing])

/** Arguments for aggregator factories that have a required one. */
const FACTORY_ARGUMENTS: Readonly<Record<string, unknown[]>> = {
  'cx-metrics.slaAttainmentAggregator': [24],
  'cx-metrics.stageConversionAggregator': [{ stages: ['Qualify', 'Propose'] }],
}

/** The aggregators, made with their default options, for sweeping their methods. */
const aggregators: [string, Record<string, AnyFunction>][] = functionExports
  .filter(([name]) => name.endsWith('Aggregator'))
  .map(([name, factory]) => [
    name,
    factory(...(FACTORY_ARGUMENTS[name] ?? [])) as Record<string, AnyFunction>,
  ])

/** Runs per export; `HOSTILE_RUNS` and `HOSTILE_SEED` widen a local search (CI uses the defaults). */
const RUNS_PER_EXPORT = Number(process.env.HOSTILE_RUNS ?? 60)
const SEED = Number(process.env.HOSTILE_SEED ?? 20261129)

describe('hostile input to every export', () => {
  it('reads the export lists from the modules', () => {
    // Fixed points of the lists: the SPEC names of both entries and all the aggregators.
    const names = functionExports.map(([name]) => name)
    expect(names).toContain('cx-metrics.netPromoterScore')
    expect(names).toContain('cx-metrics/schemas.parseRecords')
    expect(names).toContain('cx-metrics/sources.stripeMrr')
    expect(names).toContain('cx-metrics/sql.netPromoterScoreSql')
    expect(schemaExports.map(([name]) => name)).toContain('SurveyResponseSchema')
    expect(aggregators.length).toBeGreaterThanOrEqual(8)
  })

  it.each(functionExports)(
    '%s returns a clean result or throws MetricInputError',
    (name, fn) => {
      const problems: Problem[] = []
      fc.assert(
        fc.property(hostileArguments(), (markers) => {
          const problem = sweepCall(name, fn, materialise(markers) as unknown[])
          if (problem !== null) problems.push(problem)
        }),
        { numRuns: RUNS_PER_EXPORT, seed: SEED },
      )
      for (const values of largeArguments()) {
        const problem = sweepCall(name, fn, values)
        if (problem !== null) problems.push(problem)
      }
      expectNoProblems(problems)
    },
    60_000,
  ) // ~1 s each on an idle machine; generous so a loaded one does not time out

  it.each(aggregators)(
    '%s refuses tampered states and hostile rows',
    (name, aggregator) => {
      const problems: Problem[] = []
      const initial = aggregator.initial?.() as Record<string, unknown>
      const tamperedStates: unknown[] = [
        ...Object.keys(initial).flatMap((key) => [
          { ...initial, [key]: -1 },
          { ...initial, [key]: 1.5 },
          { ...initial, [key]: '5' },
          { ...initial, [key]: Number.NaN },
          { ...initial, [key]: null },
        ]),
        ...aggregators.filter(([other]) => other !== name).map(([, other]) => other.initial?.()),
        null,
        undefined,
        {},
        [],
      ]
      for (const state of tamperedStates) {
        for (const [method, values] of [
          ['merge', [state, initial]],
          ['merge', [initial, state]],
          ['result', [state]],
        ] as const) {
          const fn = aggregator[method]
          if (fn === undefined) continue
          const problem = sweepCall(`${name}().${method}`, fn, [...values])
          if (problem !== null) problems.push(problem)
        }
      }
      fc.assert(
        fc.property(hostileArguments(), (markers) => {
          const values = materialise(markers) as unknown[]
          const add = aggregator.add
          if (add === undefined) return
          const problem = sweepCall(`${name}().add`, add, [initial, ...values.slice(0, 1)])
          if (problem !== null) problems.push(problem)
          // addAll takes a batch: the hostile value as the batch, and inside one.
          const addAll = aggregator.addAll
          if (addAll === undefined) return
          for (const batch of [values[0], values.slice(0, 2)]) {
            const batchProblem = sweepCall(`${name}().addAll`, addAll, [initial, batch])
            if (batchProblem !== null) problems.push(batchProblem)
          }
        }),
        { numRuns: RUNS_PER_EXPORT, seed: SEED },
      )
      expectNoProblems(problems)
    },
    60_000,
  )

  it.each(schemaExports)(
    'schema %s never throws from safeParse and yields clean data',
    (name, schema) => {
      const problems: Problem[] = []
      fc.assert(
        fc.property(hostileArguments(), (values) => {
          if (hung.has(name)) return
          const input = values[0]
          const call = `${name}.safeParse(${describeArguments([input])})`
          let parsed: { success: boolean; data?: unknown }
          try {
            parsed = runWithHangGuard(() => schema.safeParse(input), `${name}.safeParse`)
          } catch (error) {
            if (error instanceof HangGuardError) hung.add(name)
            problems.push({ call, problem: `threw ${String(error).slice(0, 200)}` })
            return
          }
          if (parsed.success) {
            const unclean = findUncleanValue(parsed.data, 'data', new Set())
            if (unclean !== null) {
              problems.push({ call, problem: unclean })
            }
          }
        }),
        { numRuns: RUNS_PER_EXPORT, seed: SEED },
      )
      expectNoProblems(problems)
    },
  )
})

describe('after the sweep', () => {
  it('no input key reached Object.prototype', () => {
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
