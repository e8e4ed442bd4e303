import { inspect } from 'node:util'
import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { afterAll, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { runWithHangGuard } from '../hangGuard.js'

/**
 * The hostile-input sweep shared by test/pipeline/hostile.test.ts and
 * test/retention/hostile.test.ts: values of the wrong type or at the edges of their
 * type, and the contract every export must keep with them — return a result whose
 * numbers are finite and never −0 (and whose Decimals are finite, with no `undefined`
 * field), or throw a MetricInputError; never mutate the input; never take a second.
 */

/** An object whose every read throws (fast-check can still print it). */
export const throwingGetter = Object.defineProperties(
  {},
  {
    status: {
      enumerable: true,
      get() {
        throw new TypeError('getter that throws')
      },
    },
    [fc.toStringMethod]: { value: () => 'throwingGetter' },
  },
)

/** Proxy traps that throw for every string key (symbols answer, so fast-check can print it). */
function throwingTraps<T extends object>(label: string, keep: (target: T, key: string) => boolean) {
  return {
    get(target: T, key: string | symbol) {
      if (key === fc.toStringMethod) return () => label
      if (typeof key === 'symbol') return undefined
      if (keep(target, key)) return Reflect.get(target, key)
      throw new RangeError(`${label} get ${key}`)
    },
    has(_target: T, key: string | symbol) {
      if (typeof key === 'symbol') return key === fc.toStringMethod
      throw new RangeError(`${label} has ${key}`)
    },
    ownKeys(): never {
      throw new RangeError(`${label} ownKeys`)
    },
    getOwnPropertyDescriptor(): never {
      throw new RangeError(`${label} getOwnPropertyDescriptor`)
    },
  }
}

/** A Proxy whose every string-keyed read throws. */
export const throwingProxy = new Proxy(
  {},
  throwingTraps('throwingProxy', () => false),
)

/** An array Proxy whose element reads throw (it passes Array.isArray and has a length). */
export const throwingArray = new Proxy(
  [1, 2, 3],
  throwingTraps<number[]>('throwingArray', (_target, key) => key === 'length'),
)

/** An array of `length` holes but its last slot (a sparse array). */
function sparseArray(length: number): unknown[] {
  const array: unknown[] = new Array(length)
  array[length - 1] = 1
  return array
}

const HOSTILE_CONSTANTS: readonly unknown[] = [
  undefined,
  null,
  {},
  [],
  '',
  'x',
  '0x10',
  ' 12 ',
  '1e400',
  '-1e400',
  '1e-400',
  '1e9000000000000001',
  '0.5',
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1,
  -1,
  0.5,
  1.5,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  2 ** 32,
  true,
  false,
  new Date(Number.NaN),
  new Date(-8.64e15),
  new Date(8.64e15),
  new Date('2026-01-01T00:00:00Z'),
  sparseArray(3),
  { length: -1 },
  { length: 2 ** 32 },
  { length: 1.5 },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  'Mars/Base',
  'constructor',
  '__proto__',
  'toString',
  new Decimal(Number.NaN),
  new Decimal(Number.POSITIVE_INFINITY),
  new Decimal('1e400'),
  new Float64Array([1, Number.NaN]),
  throwingGetter,
  throwingProxy,
  throwingArray,
  Symbol('s'),
  10n,
]

/** Any value: fast-check's `anything` (boxed values, Dates, typed and sparse arrays…) or a hand-picked edge. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 4,
      withBoxedValues: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
    }),
  },
)

/** A value that is valid with probability about 2/3, otherwise hostile. */
export function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: hostileValue })
}

export const day = (d: number) => new Date(Date.UTC(2026, 0, d))
export const validDate = fc.integer({ min: 1, max: 60 }).map(day)
export const money = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.constantFrom('19.99', '0.1', '1e3', new Decimal('2.5')),
)

/** Throws unless the value keeps the result contract; `where` names the place for the message. */
export function checkResult(value: unknown, where = 'result', seen = new Set<unknown>()): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${where} is ${value}`).toBe(true)
    expect(Object.is(value, -0), `${where} is -0`).toBe(false)
    return
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return
  seen.add(value)
  if (Decimal.isDecimal(value)) {
    expect((value as Decimal).isFinite(), `${where} is ${String(value)}`).toBe(true)
    return
  }
  if (value instanceof Date) {
    expect(Number.isNaN(value.getTime()), `${where} is an invalid Date`).toBe(false)
    return
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      expect(value[index], `${where}[${index}] is undefined`).not.toBeUndefined()
      checkResult(value[index], `${where}[${index}]`, seen)
    }
    return
  }
  if (value instanceof Map) {
    for (const [key, entry] of value) checkResult(entry, `${where}.get(${String(key)})`, seen)
    return
  }
  for (const [key, entry] of Object.entries(value)) {
    expect(entry, `${where}.${key} is undefined`).not.toBeUndefined()
    checkResult(entry, `${where}.${key}`, seen)
  }
}

/** The input as text, to tell whether a call changed it (getters are not called). */
function snapshot(value: unknown): string {
  return inspect(value, { depth: 8, getters: false, showProxy: true, maxArrayLength: 200 })
}

/**
 * True when reading the value may run caller code (a getter or a Proxy), so a snapshot is
 * meaningless. Big arrays are sampled (their first 1,000 entries; the sweep builds them
 * from one element).
 */
function hasTraps(value: unknown, depth = 0, seen = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null || depth > 8 || seen.has(value)) return false
  seen.add(value)
  if (value === throwingGetter || value === throwingProxy || value === throwingArray) return true
  if (ArrayBuffer.isView(value) || value instanceof Date) return false
  if (Array.isArray(value)) {
    for (let index = 0; index < Math.min(value.length, 1000); index++) {
      const descriptor = Object.getOwnPropertyDescriptor(value, index)
      if (descriptor === undefined) continue
      if (descriptor.get !== undefined || hasTraps(descriptor.value, depth + 1, seen)) return true
    }
    return false
  }
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)
    if (descriptor === undefined) continue
    if (descriptor.get !== undefined) return true
    if (hasTraps(descriptor.value, depth + 1, seen)) return true
  }
  return false
}

/** Counts of what the sweep saw, for the note. */
export const tally = { calls: 0, returned: 0, refused: 0 }

/**
 * Calls `run` with `args` and checks the contract: a result that passes `checkResult`, or a
 * MetricInputError naming `metric`; the arguments unchanged; no hang (the call runs under
 * the shared hang guard, which fails the test with its own message: see ../hangGuard.ts).
 */
export function expectContract(
  metric: string,
  args: readonly unknown[],
  run: () => unknown,
): unknown {
  const traps = hasTraps(args)
  const before = traps ? '' : snapshot(args)
  let result: unknown
  let failure: unknown
  try {
    result = runWithHangGuard(run, metric)
  } catch (error) {
    failure = error
  }
  tally.calls++
  if (!traps) expect(snapshot(args), `${metric} changed its input`).toBe(before)
  if (failure !== undefined) {
    tally.refused++
    if (!(failure instanceof MetricInputError)) {
      throw new Error(`${metric} threw ${String(failure)} for ${inspect(args, { depth: 3 })}`)
    }
    expect(failure.metric).toBe(metric)
    // A refusal without a path comes from a getter or Proxy that threw, or from a value
    // with no single place (a span, an overflowing total).
    if (failure.code === 'INVALID_RECORD' && failure.path === undefined) {
      expect(traps, `${metric}: pathless INVALID_RECORD without a trap: ${failure.message}`).toBe(
        true,
      )
    }
    return undefined
  }
  tally.returned++
  checkResult(result, `${metric}(…)`)
  return result
}

/** The exported functions of a family module, read from it so a new export is swept too. */
/** Any exported function, called with whatever the sweep generates. */
export type AnyFunction = (...args: unknown[]) => unknown

export function exportedFunctions(family: Record<string, unknown>): [string, AnyFunction][] {
  return Object.entries(family).filter(
    (entry): entry is [string, AnyFunction] => typeof entry[1] === 'function',
  )
}

/** Exercises an aggregator factory's object with valid and hostile rows and states. */
export function sweepAggregator(
  metric: string,
  aggregator: unknown,
  rows: readonly unknown[],
  states: readonly unknown[],
): void {
  if (typeof aggregator !== 'object' || aggregator === null) return
  const { initial, add, merge, result } = aggregator as Record<
    string,
    (...args: unknown[]) => unknown
  >
  let state = expectContract(metric, [], () => initial!())
  for (const row of rows) {
    const next = expectContract(metric, [state, row], () => add!(state, row))
    if (next !== undefined) state = next
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  }
  for (const other of states) {
    expectContract(metric, [state, other], () => merge!(state, other))
    expectContract(metric, [other, state], () => merge!(other, state))
    expectContract(metric, [other], () => result!(other))
    expectContract(metric, [state, other], () => add!(other, rows[0]))
  }
  expectContract(metric, [state], () => result!(state))
}

/**
 * The part of a family sweep that is the same for every family: log the tally, check the
 * export list was read (so a new export is swept too), run every export on `argumentLists`
 * (aggregators also through their methods), and on hostile values alone.
 */
export function sweepFamily(
  family: string,
  functions: readonly [string, AnyFunction][],
  argumentLists: fc.Arbitrary<unknown[]>,
  expected: { readonly includes: string; readonly atLeast: number },
): void {
  afterAll(() => {
    console.info(
      `${family} hostile sweep: ${tally.calls} calls, ${tally.returned} results, ${tally.refused} refusals`,
    )
  })

  it('finds every exported function (so a new export is swept too)', () => {
    expect(functions.map(([name]) => name)).toContain(expected.includes)
    expect(functions.length).toBeGreaterThanOrEqual(expected.atLeast)
  })

  for (const [name, run] of functions) {
    it(`${name} returns finite results or throws MetricInputError, for anything`, () => {
      fc.assert(
        fc.property(argumentLists, (args) => {
          const result = expectContract(name, args, () => run(...args))
          if (name.endsWith('Aggregator')) sweepAggregator(name, result, [args[0], args[1]], args)
        }),
        { numRuns: 150 },
      )
    }, 60_000)
  }

  it('hostile values alone never escape as bare errors', () => {
    fc.assert(
      fc.property(fc.array(hostileValue, { maxLength: 3 }), (args) => {
        for (const [name, run] of functions) expectContract(name, args, () => run(...args))
      }),
      { numRuns: 100 },
    )
  }, 60_000)
}
