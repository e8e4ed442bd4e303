import { describeValue } from '../core/describeValue.js'
import { requireRow } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { requireInstant } from '../core/validate.js'
import { ACTIVITY_TYPES, type Activity } from '../records/Activity.js'

/**
 * The activity types whose minutes count as time with customers unless the
 * `customerTimeTypes` option names others: meetings and visits (face time), not calls or emails.
 *
 * @category Activity
 */
export const DEFAULT_CUSTOMER_TIME_TYPES = ['meeting', 'visit'] as const

/**
 * The activity counts of one group and period.
 *
 * @category Activity
 */
export interface ActivityCountsResult {
  /** Activities of every type. */
  readonly activities: number
  /**
   * Activities per type: every type of {@link ACTIVITY_TYPES} (0 when none), then every
   * other type seen, in code-point order. Types are kept exactly as given.
   */
  readonly byType: Readonly<Record<string, number>>
  /** Activities of the customer-time types (default meeting and visit). */
  readonly customerActivities: number
  /** Total minutes of the customer-time activities that have a duration. */
  readonly customerMinutes: number
  /** Of `customerActivities`, those without `durationMinutes` (their time is not guessed). */
  readonly withoutDuration: number
}

/** A mutable tally of activities. Internal. */
export interface ActivityTally {
  activities: number
  readonly byType: Map<string, number>
  customerActivities: number
  customerMinutes: number
  withoutDuration: number
}

export function createTally(): ActivityTally {
  return {
    activities: 0,
    byType: new Map(),
    customerActivities: 0,
    customerMinutes: 0,
    withoutDuration: 0,
  }
}

/**
 * The checked `customerTimeTypes` option: a list of strings (default meeting and visit);
 * `INVALID_OPTION` at `['customerTimeTypes']` otherwise. Internal.
 */
export function readCustomerTimeTypes(value: unknown, metric: string): ReadonlySet<string> {
  if (value === undefined) return new Set(DEFAULT_CUSTOMER_TIME_TYPES)
  const bad = (): MetricInputError =>
    new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['customerTimeTypes'],
      message: `${metric}: option customerTimeTypes is ${describeValue(value)}; it must be an array of activity type strings, such as ['meeting', 'visit'], or be left out`,
    })
  if (!Array.isArray(value)) throw bad()
  const types = new Set<string>()
  for (let index = 0; index < value.length; index++) {
    const type: unknown = value[index]
    if (typeof type !== 'string') throw bad()
    types.add(type)
  }
  return types
}

/**
 * Checks activity `index` (`path` prefix `[index]`) and returns its type: `type` a string,
 * `at` a valid Date, `durationMinutes` absent or a finite number ≥ 0. Internal.
 */
export function checkActivity(activity: Activity, index: number, metric: string): string {
  requireRow(activity, metric, index, 'activity')
  const type: unknown = activity.type
  if (typeof type !== 'string') {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: [index, 'type'],
      message: `${metric}: type at index ${index} is ${describeValue(type)}; it must be a string such as 'call' or 'meeting'`,
    })
  }
  requireInstant(activity.at, metric, [index, 'at'], `at of the activity at index ${index}`)
  requireDuration(activity.durationMinutes, metric, [index, 'durationMinutes'])
  return type
}

function requireDuration(value: unknown, metric: string, path: MetricInputPath): void {
  if (value === undefined) return
  if (typeof value !== 'number') {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path,
      message: `${metric}: ${path.join('.')} is ${describeValue(value)}; it must be a number of minutes or be left out`,
    })
  }
  if (!Number.isFinite(value)) {
    throw new MetricInputError({
      code: 'NOT_FINITE',
      metric,
      path,
      message: `${metric}: ${path.join('.')} is ${describeValue(value)}; it must be finite`,
    })
  }
  if (value < 0) {
    throw new MetricInputError({
      code: 'NEGATIVE_VALUE',
      metric,
      path,
      message: `${metric}: ${path.join('.')} is ${value}; a duration must not be negative`,
    })
  }
}

/** Adds a checked activity of type `type` to `tally`. Internal. */
export function addToTally(
  tally: ActivityTally,
  activity: Activity,
  type: string,
  customerTypes: ReadonlySet<string>,
): void {
  tally.activities++
  tally.byType.set(type, (tally.byType.get(type) ?? 0) + 1)
  if (!customerTypes.has(type)) return
  tally.customerActivities++
  const minutes = activity.durationMinutes
  if (minutes === undefined) tally.withoutDuration++
  else tally.customerMinutes += minutes
}

/** An object with `key` as an own enumerable property, also for `'__proto__'`. */
function setOwn(target: Record<string, number>, key: string, value: number): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/**
 * `byType` as a result: the ACTIVITY_TYPES first (0 when absent), then the other types in
 * code-point order. Internal.
 */
export function byTypeObject(counts: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (let index = 0; index < ACTIVITY_TYPES.length; index++) {
    const type = ACTIVITY_TYPES[index] as string
    out[type] = counts.get(type) ?? 0
  }
  const known: ReadonlySet<string> = new Set(ACTIVITY_TYPES)
  const others: string[] = []
  for (const type of counts.keys()) if (!known.has(type)) others.push(type)
  others.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (let index = 0; index < others.length; index++) {
    const type = others[index] as string
    setOwn(out, type, counts.get(type) as number)
  }
  return out
}

/** The result of a tally; `VALUE_OUT_OF_RANGE` when the minutes overflowed. Internal. */
export function tallyResult(tally: ActivityTally, metric: string): ActivityCountsResult {
  if (!Number.isFinite(tally.customerMinutes)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      message: `${metric}: the customer minutes add up to more than a finite number`,
    })
  }
  return {
    activities: tally.activities,
    byType: byTypeObject(tally.byType),
    customerActivities: tally.customerActivities,
    customerMinutes: tally.customerMinutes,
    withoutDuration: tally.withoutDuration,
  }
}
