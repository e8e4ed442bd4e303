import {
  guardInput,
  readCriticalValue,
  readOptions,
  requireList,
  requireNonNegativeOption,
  requireRow,
} from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant, requireOneOf } from '../core/validate.js'
import { type WilsonIntervalResult, wilsonBounds } from '../core/wilsonInterval.js'
import type { Lead } from '../records/Lead.js'

const DAY_MILLISECONDS = 86_400_000

/**
 * Options of the lead rates.
 *
 * @category Pipeline
 */
export interface LeadRateOptions {
  /** Count a success only within this many days of `createdAt`; needs `asOf`. */
  readonly withinDays?: number
  /** Judge leads as of this instant: later events are not yet known, and with `withinDays` only leads at least that old are judged. */
  readonly asOf?: Date
  /** Also report the rate per `source` or per `owner`. */
  readonly groupBy?: 'source' | 'owner'
  /** Confidence of the Wilson intervals; default 0.95. */
  readonly confidence?: number
}

/**
 * A lead rate with its counts and Wilson interval.
 *
 * @category Pipeline
 */
export interface LeadRate {
  /** successes / judged; `null` when no lead is judged. */
  readonly rate: number | null
  /** Leads that reached the step (within the window). */
  readonly successes: number
  /** Leads judged: all leads, or with `withinDays` the leads at least that old at `asOf`. */
  readonly judged: number
  /** Leads too young to judge (created after `asOf − withinDays`, or after `asOf`). */
  readonly tooRecent: number
  readonly interval: WilsonIntervalResult | null
}

/**
 * A lead rate per group; `group` is `null` for leads without a source or owner.
 *
 * @category Pipeline
 */
export interface LeadRateGroup extends LeadRate {
  readonly group: string | null
}

/**
 * The overall lead rate and, with `groupBy`, one per group (sorted by name, `null` last).
 *
 * @category Pipeline
 */
export interface LeadRateResult extends LeadRate {
  readonly groups: LeadRateGroup[]
}

/**
 * The shared kernel of `leadConversionRate` and `leadContactRate`: the share of leads whose
 * `field` is set (not after `asOf`, within `withinDays`). Leads too young to have had the
 * whole window are left out, not counted as failures. Internal.
 */
export function leadRate(
  leads: readonly Lead[],
  field: 'convertedAt' | 'contactedAt',
  metric: string,
  options: LeadRateOptions | undefined,
): LeadRateResult {
  return guardInput(metric, () => computeLeadRate(leads, field, metric, options))
}

function computeLeadRate(
  list: readonly Lead[],
  field: 'convertedAt' | 'contactedAt',
  metric: string,
  given: LeadRateOptions | undefined,
): LeadRateResult {
  const leads = requireList(list, metric, 'leads')
  const options = readOptions(given, metric)
  const z = readCriticalValue(options.confidence, metric)
  const asOf =
    options.asOf === undefined
      ? null
      : requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const windowDays =
    options.withinDays === undefined
      ? null
      : requireNonNegativeOption(options.withinDays, metric, 'withinDays')
  if (windowDays !== null && asOf === null) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['asOf'],
      message: `${metric}: option withinDays needs asOf, to know which leads are old enough to judge`,
    })
  }
  const groupBy =
    options.groupBy === undefined
      ? null
      : requireOneOf(options.groupBy, ['source', 'owner'] as const, metric, 'groupBy')
  const windowMilliseconds =
    windowDays === null ? Number.POSITIVE_INFINITY : windowDays * DAY_MILLISECONDS
  const codeOf = new Map<string | null, number>()
  const counts: { successes: number; judged: number; tooRecent: number }[] = []
  const total = { successes: 0, judged: 0, tooRecent: 0 }
  for (let index = 0; index < leads.length; index++) {
    const lead = requireRow(leads[index] as Lead, metric, index, 'lead')
    const created = requireInstant(
      lead.createdAt,
      metric,
      [index, 'createdAt'],
      `createdAt at index ${index}`,
    )
    const reachedAt = lead[field]
    let reached = Number.POSITIVE_INFINITY
    if (reachedAt !== undefined) {
      reached = requireInstant(reachedAt, metric, [index, field], `${field} at index ${index}`)
      if (reached < created) {
        throw new MetricInputError({
          code: 'END_BEFORE_START',
          metric,
          path: [index, field],
          message: `${metric}: ${field} at index ${index} (${new Date(reached).toISOString()}) is before its createdAt`,
        })
      }
    }
    let counter = total
    if (groupBy !== null) {
      const groupField = groupBy === 'source' ? 'source' : 'ownerId'
      const key = lead[groupField] ?? null
      if (key !== null && typeof key !== 'string') {
        throw new MetricInputError({
          code: 'INVALID_RECORD',
          metric,
          path: [index, groupField],
          message: `${metric}: ${groupField} at index ${index} is not a string`,
        })
      }
      let code = codeOf.get(key)
      if (code === undefined) {
        code = counts.length
        codeOf.set(key, code)
        counts.push({ successes: 0, judged: 0, tooRecent: 0 })
      }
      counter = counts[code]!
    }
    const matureAt = windowDays === null ? created : created + windowMilliseconds
    const judgeable = asOf === null || matureAt <= asOf
    const success =
      reachedAt !== undefined &&
      reached - created <= windowMilliseconds &&
      (asOf === null || reached <= asOf)
    for (const target of groupBy === null ? [total] : [total, counter]) {
      if (!judgeable) {
        target.tooRecent++
      } else {
        target.judged++
        if (success) target.successes++
      }
    }
  }
  const summarise = ({ successes, judged, tooRecent }: typeof total): LeadRate => ({
    rate: judged === 0 ? null : successes / judged,
    successes,
    judged,
    tooRecent,
    interval: wilsonBounds(successes, judged, z),
  })
  const groups = [...codeOf.entries()]
    .map(([group, code]) => ({ group, ...summarise(counts[code]!) }))
    .sort((a, b) =>
      a.group === b.group
        ? 0
        : a.group === null
          ? 1
          : b.group === null
            ? -1
            : a.group < b.group
              ? -1
              : 1,
    )
  return { ...summarise(total), groups }
}
