import { describeValue } from '../core/describeValue.js'
import { requireRow } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant } from '../core/validate.js'
import type { Opportunity, OpportunityStatus, StageEntry } from './Opportunity.js'

/**
 * Field checks shared by the pipeline functions. Each reads one field of opportunity
 * `index` and throws a `MetricInputError` with the path `[index, field]`; paths and
 * messages are only built on failure. Internal.
 */

export function requireStatus(
  opportunity: Opportunity,
  index: number,
  metric: string,
): OpportunityStatus {
  requireRow(opportunity, metric, index, 'opportunity')
  const status = opportunity.status
  if (status === 'open' || status === 'won' || status === 'lost') return status
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: [index, 'status'],
    message: `${metric}: status at index ${index} is ${describeValue(status)}; it must be 'open', 'won' or 'lost'`,
  })
}

/** Epoch ms of `closedAt` of a closed deal: present, valid, not before `createdAt`. */
export function requireClosedAt(opportunity: Opportunity, index: number, metric: string): number {
  if (opportunity.closedAt === undefined) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric,
      path: [index, 'closedAt'],
      message: `${metric}: closedAt at index ${index} is missing; a ${opportunity.status} opportunity needs its close date`,
    })
  }
  const closed = requireInstant(
    opportunity.closedAt,
    metric,
    [index, 'closedAt'],
    `closedAt at index ${index}`,
  )
  const created = requireInstant(
    opportunity.createdAt,
    metric,
    [index, 'createdAt'],
    `createdAt at index ${index}`,
  )
  if (closed < created) {
    throw new MetricInputError({
      code: 'END_BEFORE_START',
      metric,
      path: [index, 'closedAt'],
      message: `${metric}: closedAt at index ${index} (${new Date(closed).toISOString()}) is before its createdAt (${new Date(created).toISOString()})`,
    })
  }
  return closed
}

/** Throws `MISSING_VALUE` unless a closed deal carries `closedAt` (a cheap presence check). */
export function requireClosedAtPresent(
  opportunity: Opportunity,
  index: number,
  metric: string,
): void {
  if (opportunity.closedAt === undefined) requireClosedAt(opportunity, index, metric)
}

/** A probability in [0, 1]; `MISSING_VALUE` when absent, `RATE_OUT_OF_RANGE` otherwise. */
export function requireProbability(
  opportunity: Opportunity,
  index: number,
  metric: string,
): number {
  const probability = opportunity.probability
  if (probability === undefined) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric,
      path: [index, 'probability'],
      message: `${metric}: probability at index ${index} is missing; open opportunities need one`,
    })
  }
  return requireRate(probability, metric, [index, 'probability'], `probability at index ${index}`)
}

/** A fraction in [0, 1], or `RATE_OUT_OF_RANGE`. */
export function requireRate(
  value: number,
  metric: string,
  path: readonly (string | number)[],
  label: string,
): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value === 0 ? 0 : value
  throw new MetricInputError({
    code: 'RATE_OUT_OF_RANGE',
    metric,
    path,
    message: `${metric}: ${label} is ${describeValue(value)}; it must be a fraction from 0 to 1`,
  })
}

/**
 * The index (in `stages`) of the furthest listed stage the opportunity entered; -1 when
 * none; `stages.length` when won (a won deal passed every stage). Stages not in the list
 * are ignored. The history must be in time order (`END_BEFORE_START` otherwise).
 */
export function furthestStage(
  opportunity: Opportunity,
  index: number,
  stageIndex: ReadonlyMap<string, number>,
  metric: string,
): number {
  if (opportunity.status === 'won') return stageIndex.size
  let furthest = -1
  let previous = Number.NEGATIVE_INFINITY
  const history = requireStageHistory(opportunity, index, metric)
  for (let step = 0; step < history.length; step++) {
    const entry = requireStageEntry(history[step], index, step, metric)
    const time = entry.enteredAt instanceof Date ? entry.enteredAt.getTime() : Number.NaN
    if (!(time >= previous)) {
      const place = [index, 'stageHistory', step, 'enteredAt']
      requireInstant(
        entry.enteredAt,
        metric,
        place,
        `stageHistory[${step}].enteredAt at index ${index}`,
      )
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric,
        path: place,
        message: `${metric}: stageHistory at index ${index} is not in time order at entry ${step}`,
      })
    }
    previous = time
    const position = stageIndex.get(entry.stage)
    if (position !== undefined && position > furthest) furthest = position
  }
  return furthest
}

/** The `stageHistory` array of opportunity `index`; `MISSING_VALUE` when it is not an array. */
export function requireStageHistory(
  opportunity: Opportunity,
  index: number,
  metric: string,
): readonly StageEntry[] {
  const history = opportunity.stageHistory
  if (Array.isArray(history)) return history
  throw new MetricInputError({
    code: 'MISSING_VALUE',
    metric,
    path: [index, 'stageHistory'],
    message: `${metric}: stageHistory at index ${index} is ${describeValue(history)}; it must be an array of { stage, enteredAt }`,
  })
}

/** One history entry: an object whose `stage` is a string (`INVALID_RECORD` otherwise). */
export function requireStageEntry(
  entry: StageEntry | undefined,
  index: number,
  step: number,
  metric: string,
): StageEntry {
  if (typeof entry === 'object' && entry !== null && typeof entry.stage === 'string') return entry
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path: [index, 'stageHistory', step],
    message: `${metric}: stageHistory[${step}] at index ${index} is not a { stage, enteredAt } entry with a string stage`,
  })
}

/** Stage name → position; refuses an empty list, a repeated name or a non-string (`INVALID_OPTION`). */
export function readStages(
  stages: readonly string[] | undefined,
  metric: string,
): Map<string, number> {
  const positions = new Map<string, number>()
  const valid = Array.isArray(stages)
  if (valid) {
    for (let position = 0; position < stages.length; position++) {
      const stage = stages[position]
      if (typeof stage !== 'string') break
      positions.set(stage, position)
    }
  }
  if (!valid || stages.length === 0 || positions.size !== stages.length) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['stages'],
      message: `${metric}: option stages must list the pipeline's stages in order, each once`,
    })
  }
  return positions
}

/** The `currency` of record `index`: a string or absent (`INVALID_RECORD` otherwise). */
export function requireCurrency(
  record: { readonly currency?: string },
  index: number,
  metric: string,
  path?: readonly (string | number)[],
): string | undefined {
  const currency = record.currency
  if (currency === undefined || typeof currency === 'string') return currency
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path: path ?? [index, 'currency'],
    message: `${metric}: currency at index ${index} is ${describeValue(currency)}; it must be an ISO 4217 code such as 'EUR'`,
  })
}
