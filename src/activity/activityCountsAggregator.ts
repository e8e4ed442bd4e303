import type { Aggregator } from '../core/Aggregator.js'
import { describeValue } from '../core/describeValue.js'
import { guardInput, readOptions, requireList } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import type { Activity } from '../records/Activity.js'
import {
  type ActivityCountsResult,
  type ActivityTally,
  addToTally,
  checkActivity,
  createTally,
  readCustomerTimeTypes,
  tallyResult,
} from './activityTally.js'

/**
 * Options of {@link activityCountsAggregator}.
 *
 * @category Activity
 */
export interface ActivityCountsAggregatorOptions {
  /** The types whose minutes are time with customers; default {@link DEFAULT_CUSTOMER_TIME_TYPES}. */
  readonly customerTimeTypes?: readonly string[]
}

/**
 * The JSON-serialisable state of {@link activityCountsAggregator}.
 *
 * @category Activity
 */
export interface ActivityCountsAggregatorState {
  readonly activities: number
  /** Activities per type seen (only types with at least one activity). */
  readonly byType: Readonly<Record<string, number>>
  readonly customerActivities: number
  readonly customerMinutes: number
  readonly withoutDuration: number
}

/**
 * The activity-counts aggregator, with `addAll` for a batch of activities in one pass.
 *
 * @category Activity
 */
export interface ActivityCountsAggregator
  extends Aggregator<ActivityCountsAggregatorState, Activity, ActivityCountsResult> {
  /** A new state with every activity of `activities` added (the same as folding `add`). */
  addAll(
    state: ActivityCountsAggregatorState,
    activities: readonly Activity[],
  ): ActivityCountsAggregatorState
}

const NUMBER_FIELDS = [
  'activities',
  'customerActivities',
  'customerMinutes',
  'withoutDuration',
] as const

function invalidState(metric: string, path: MetricInputPath, message: string): MetricInputError {
  return new MetricInputError({ code: 'INVALID_STATE', metric, path, message })
}

/** A checked state as a tally; `INVALID_STATE` (or `NEGATIVE_VALUE` / `NOT_FINITE`) at `at`. */
function readTally(state: unknown, metric: string, at: MetricInputPath): ActivityTally {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw invalidState(
      metric,
      at,
      `${metric}: state is ${describeValue(state)}; it must be a state made by this aggregator`,
    )
  }
  const record = state as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (key !== 'byType' && !(NUMBER_FIELDS as readonly string[]).includes(key)) {
      throw invalidState(
        metric,
        [...at, key],
        `${metric}: state has an unexpected field ${describeValue(key)}`,
      )
    }
  }
  const tally = createTally()
  for (const key of NUMBER_FIELDS) {
    const value = Object.hasOwn(record, key) ? record[key] : undefined
    tally[key] = readNumber(value, key === 'customerMinutes', metric, [...at, key])
  }
  const byType = Object.hasOwn(record, 'byType') ? record.byType : undefined
  if (typeof byType !== 'object' || byType === null || Array.isArray(byType)) {
    throw invalidState(
      metric,
      [...at, 'byType'],
      `${metric}: state field byType is ${describeValue(byType)}; it must be an object of counts`,
    )
  }
  let total = 0
  for (const type of Object.keys(byType)) {
    const count = readNumber((byType as Record<string, unknown>)[type], false, metric, [
      ...at,
      'byType',
      type,
    ])
    if (count > 0) tally.byType.set(type, count)
    total += count
  }
  if (total !== tally.activities || tally.withoutDuration > tally.customerActivities) {
    throw invalidState(
      metric,
      at,
      `${metric}: the counts of the state do not add up; it is not a state made by this aggregator`,
    )
  }
  return tally
}

function readNumber(
  value: unknown,
  fractional: boolean,
  metric: string,
  path: MetricInputPath,
): number {
  if (typeof value !== 'number') {
    throw invalidState(
      metric,
      path,
      `${metric}: state field ${path.join('.')} is ${describeValue(value)}; it must be a number`,
    )
  }
  if (!Number.isFinite(value)) {
    throw new MetricInputError({
      code: 'NOT_FINITE',
      metric,
      path,
      message: `${metric}: state field ${path.join('.')} is ${describeValue(value)}; it must be finite`,
    })
  }
  if (value < 0) {
    throw new MetricInputError({
      code: 'NEGATIVE_VALUE',
      metric,
      path,
      message: `${metric}: state field ${path.join('.')} is ${value}; it must not be negative`,
    })
  }
  if (!fractional && !Number.isSafeInteger(value)) {
    throw invalidState(
      metric,
      path,
      `${metric}: state field ${path.join('.')} is ${value}; a count must be a whole number`,
    )
  }
  return value === 0 ? 0 : value
}

/** A tally as a JSON-serialisable state. */
function toState(tally: ActivityTally, metric: string): ActivityCountsAggregatorState {
  if (!Number.isFinite(tally.customerMinutes)) tallyResult(tally, metric)
  const byType: Record<string, number> = {}
  for (const [type, count] of tally.byType) {
    Object.defineProperty(byType, type, {
      value: count,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return {
    activities: tally.activities,
    byType,
    customerActivities: tally.customerActivities,
    customerMinutes: tally.customerMinutes,
    withoutDuration: tally.withoutDuration,
  }
}

/**
 * A mergeable {@link activityCounts} for one cell: activities per type, customer-time
 * activities, their minutes and those without a duration — with `groupMetric` (`value:
 * (a) => a`) it gives `activityCounts`' rows, and split across workers it merges exactly.
 *
 * ```text
 * state = { activities, byType, customerActivities, customerMinutes, withoutDuration }
 * merge = field-wise sums (byType per type)
 * ```
 * Duplicate ids are not detected across `add` calls (a state does not keep ids);
 * `activityCounts` refuses them.
 *
 * @param options - `customerTimeTypes` (default `['meeting', 'visit']`).
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one `Activity`.
 * @throws MetricInputError as `activityCounts` for a bad activity (`[index, …]` for
 *   `addAll`, `[0, …]` for `add`); `INVALID_OPTION` for bad options; `INVALID_STATE`,
 *   `NEGATIVE_VALUE`, `NOT_FINITE` for a state this aggregator did not make.
 * @example
 * ```ts
 * const counts = activityCountsAggregator()
 * const at = new Date('2026-03-02T10:00:00Z')
 * const left = counts.add(counts.initial(), { id: '1', ownerId: 'ana', type: 'visit', at, durationMinutes: 30 })
 * const right = counts.addAll(counts.initial(), [{ id: '2', ownerId: 'ana', type: 'call', at }])
 * const result = counts.result(counts.merge(left, right))
 * [result.activities, result.byType.visit, result.byType.call, result.customerMinutes]
 * // => [2, 1, 1, 30]
 * ```
 * @see activityCounts.
 * @category Activity
 */
export function activityCountsAggregator(
  options?: ActivityCountsAggregatorOptions,
): ActivityCountsAggregator {
  const metric = 'activityCountsAggregator'
  const customerTypes = guardInput(metric, () =>
    readCustomerTimeTypes(readOptions(options, metric).customerTimeTypes, metric),
  )
  const addList = (
    state: unknown,
    list: readonly Activity[],
    single: boolean,
  ): ActivityCountsAggregatorState => {
    const tally = readTally(state, metric, single ? [] : ['state'])
    for (let index = 0; index < list.length; index++) {
      const activity = list[index] as Activity
      const type = checkActivity(activity, single ? 0 : index, metric)
      addToTally(tally, activity, type, customerTypes)
    }
    return toState(tally, metric)
  }
  return {
    initial: () => toState(createTally(), metric),
    add(state, activity) {
      return guardInput(metric, () => addList(state, [activity], true))
    },
    addAll(state, activities) {
      return guardInput(metric, () =>
        addList(state, requireList(activities, metric, 'activities'), false),
      )
    },
    merge(a, b) {
      return guardInput(metric, () => {
        const left = readTally(a, metric, ['a'])
        const right = readTally(b, metric, ['b'])
        left.activities += right.activities
        left.customerActivities += right.customerActivities
        left.customerMinutes += right.customerMinutes
        left.withoutDuration += right.withoutDuration
        for (const [type, count] of right.byType) {
          left.byType.set(type, (left.byType.get(type) ?? 0) + count)
        }
        return toState(left, metric)
      })
    },
    result(state) {
      return guardInput(metric, () => tallyResult(readTally(state, metric, []), metric))
    },
  }
}
