import fc from 'fast-check'
import { expect } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { runWithHangGuard } from '../hangGuard.js'

/**
 * Shared pieces of the hostile-input sweeps (test/time/hostile.test.ts,
 * test/schemas/hostile.test.ts): the hostile values of issue 12, a way to plant one deep
 * inside a valid argument list, a fingerprint to detect mutation, and the checks a result
 * or an error must pass.
 */

/** An object whose getter throws on every read of `field`. */
export function throwingGetter(field: string): object {
  return Object.defineProperty({}, field, {
    enumerable: true,
    get() {
      throw new Error(`getter ${field} throws`)
    },
  })
}

/** A Proxy whose every trap throws (except fast-check's own way to print it). */
export function throwingProxy(): object {
  const trap = () => {
    throw new Error('proxy trap throws')
  }
  return new Proxy(
    {},
    {
      // fast-check itself looks up its symbols on the values it handles; every string key throws.
      get(_target, key) {
        if (key === fc.toStringMethod) return () => 'throwingProxy()'
        if (typeof key === 'symbol') return undefined
        return trap()
      },
      has: (_target, key) => (typeof key === 'symbol' ? false : trap()),
      ownKeys: trap,
      getOwnPropertyDescriptor: trap,
      getPrototypeOf: trap,
    },
  )
}

// biome-ignore lint/suspicious/noSparseArray: a sparse array is one of the hostile values.
const sparse = [, 1, , 2]

/** The hostile values of issue 12 (built once; tests must not mutate them — checked). */
export const HOSTILE_VALUES: readonly unknown[] = [
  undefined,
  null,
  {},
  [],
  '',
  'abc',
  '0x10',
  ' 12 ',
  '1e9000000000000001',
  '0050-06-15',
  '2026-03-01T00:00:00+99:99',
  'constructor',
  '__proto__',
  'Mars/Base',
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e308,
  -1e308,
  5e-324,
  -1,
  0.5,
  2 ** 53,
  true,
  false,
  10n,
  Symbol('hostile'),
  () => 1,
  new Date(Number.NaN),
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date(0),
  sparse,
  { length: -1 },
  { length: 2 ** 32 },
  { length: 1.5 },
  throwingGetter('length'),
  throwingGetter('createdAt'),
  throwingGetter('score'),
  throwingProxy(),
  JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}'),
  { timeZone: 'Mars/Base', week: {} },
  { unknownOption: 1 },
  'x'.repeat(1_000_000),
  `${'9'.repeat(100_000)}!`,
  new Float64Array(1_000_000),
  new Array(1_000_000),
]

/** A hostile value: one of {@link HOSTILE_VALUES} or anything fast-check makes. */
export const hostile = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
    {
      weight: 1,
      arbitrary: fc.anything({
        withBigInt: true,
        withDate: true,
        withNullPrototype: true,
        withSparseArray: true,
        withTypedArray: true,
      }),
    },
  )

/** Every path to a node (array element or plain-object field) inside `value`. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = []
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      paths.push([...prefix, index], ...pathsOf(item, [...prefix, index]))
    })
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key]
      paths.push([...prefix, key], ...pathsOf(item, [...prefix, key]))
    }
  }
  return paths
}

/** A copy of `args` (Dates and plain data only) with `replacement` planted at `path`. */
export function plant(args: unknown[], path: (string | number)[], replacement: unknown): unknown[] {
  const copy = structuredClone(args)
  let node = copy as unknown as Record<string | number, unknown>
  for (let index = 0; index < path.length - 1; index++)
    node = node[path[index]!] as Record<string | number, unknown>
  node[path[path.length - 1]!] = replacement
  return copy
}

/** Argument lists made from valid `seed` arguments with one hostile value planted. */
export function plantedArguments(seed: unknown[]): fc.Arbitrary<unknown[]> {
  const paths = pathsOf(seed)
  return fc
    .tuple(fc.nat({ max: paths.length - 1 }), hostile())
    .map(([choice, value]) => plant(seed, paths[choice]!, value))
}

/** Argument lists of hostile values only. */
export const hostileArguments = (): fc.Arbitrary<unknown[]> => fc.array(hostile(), { maxLength: 4 })

/**
 * A text fingerprint of a value, to compare before and after a call. Never throws: what
 * cannot be read (a throwing getter, a Proxy) is fingerprinted as unreadable.
 */
export function fingerprint(value: unknown, depth = 0): string {
  try {
    if (typeof value === 'string')
      return value.length > 1000 ? `s${value.length}:${value.slice(0, 50)}` : JSON.stringify(value)
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
    if (typeof value !== 'object' || value === null) return String(value)
    if (depth > 6) return '…'
    if (value instanceof Date) return `Date(${value.getTime()})`
    if (ArrayBuffer.isView(value)) {
      // Sampled (every element up to 1,000, then every 997th): a fingerprint, not a copy.
      const view = value as unknown as ArrayLike<number>
      const step = view.length <= 1000 ? 1 : 997
      let sum = 0
      for (let index = 0; index < view.length; index += step)
        sum += Number(view[index]) * (index + 1)
      return `view${view.length}:${sum}`
    }
    const keys = Reflect.ownKeys(value)
    if (keys.length > 1000) return `many${keys.length}`
    const parts = keys.map((key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key)
      const inner =
        descriptor === undefined
          ? '?'
          : 'value' in descriptor
            ? fingerprint(descriptor.value, depth + 1)
            : 'getter'
      return `${String(key)}=${inner}`
    })
    return `${Array.isArray(value) ? 'A' : 'O'}{${parts.join(',')}}`
  } catch {
    return 'unreadable'
  }
}

/** Problems with a result: NaN, ±Infinity, -0, undefined fields, invalid Dates, non-finite Decimals. */
export function badNumbers(value: unknown, where = 'result', depth = 0): string[] {
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0)
      ? []
      : [`${where} is ${Object.is(value, -0) ? '-0' : value}`]
  if (value === undefined) return [`${where} is undefined`]
  if (typeof value !== 'object' || value === null || depth > 8) return []
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? [`${where} is an invalid Date`] : []
  const maybeDecimal = value as { isFinite?: () => boolean; d?: unknown }
  if (typeof maybeDecimal.isFinite === 'function' && 'd' in maybeDecimal)
    return maybeDecimal.isFinite() ? [] : [`${where} is a non-finite Decimal`]
  if (ArrayBuffer.isView(value)) return []
  const problems: string[] = []
  for (const key of Object.keys(value)) {
    problems.push(
      ...badNumbers((value as Record<string, unknown>)[key], `${where}.${key}`, depth + 1),
    )
    if (problems.length > 3) break
  }
  return problems
}

/** Tallies of a sweep, for the notes. */
export const sweepCounts = { calls: 0, returned: 0, refused: 0 }

/**
 * Calls `action`: it must return a clean result (see {@link badNumbers}) or throw a
 * `MetricInputError` naming `metric`; never mutate `inputs`; never hang (it runs under the
 * shared hang guard, ../hangGuard.ts, whose HangGuardError is reported like any other
 * error that is not a `MetricInputError`).
 */
export function expectContained(
  action: () => unknown,
  metric: string,
  inputs: unknown,
  allowUndefined = false,
): unknown {
  const before = fingerprint(inputs)
  let result: unknown
  let error: unknown
  let threw = false
  try {
    result = runWithHangGuard(action, metric)
  } catch (caught) {
    threw = true
    error = caught
  }
  sweepCounts.calls++
  if (threw) {
    sweepCounts.refused++
    if (!(error instanceof MetricInputError) || error.metric !== metric) {
      throw new Error(
        `${metric}(${describeArguments(inputs)}) threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error)}${error instanceof MetricInputError ? ` (metric ${error.metric})` : ''}`,
      )
    }
    expect(error.message.length).toBeLessThan(1000)
  } else {
    sweepCounts.returned++
    const problems = badNumbers(result).filter(
      (problem) => !(allowUndefined && problem.endsWith('is undefined')),
    )
    if (problems.length > 0)
      throw new Error(`${metric}(${describeArguments(inputs)}) returned ${problems.join('; ')}`)
  }
  if (fingerprint(inputs) !== before)
    throw new Error(`${metric}(${describeArguments(inputs)}) mutated its input`)
  return result
}

/** A short description of an argument list for failure messages. */
export function describeArguments(inputs: unknown): string {
  const text = fingerprint(inputs)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
