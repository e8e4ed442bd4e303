import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import { describeValue } from '../core/describeValue.js'
import { guardInput, requireList } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import type { Opportunity } from '../records/Opportunity.js'
import {
  countStages,
  emptyStageCounts,
  readStageConversionOptions,
  type StageConversionOptions,
  type StageConversionResult,
  type StageCounts,
  stageConversionRows,
} from './stageConversion.js'

/**
 * The JSON-serialisable state of {@link stageConversionAggregator}: per listed stage, in
 * the order of `stages`, the deals that reached it, advanced past it, and are still open at
 * it — all counts, so two parts merge by sums.
 *
 * @category Pipeline
 */
export interface StageConversionAggregatorState {
  readonly reached: readonly number[]
  readonly advanced: readonly number[]
  readonly open: readonly number[]
}

/**
 * The stage-conversion aggregator, with `addAll` for adding a batch of deals in one pass.
 *
 * @category Pipeline
 */
export interface StageConversionAggregator
  extends Aggregator<StageConversionAggregatorState, Opportunity, StageConversionResult> {
  /**
   * A new state with every deal of `opportunities` added, in order: the same state as
   * folding `add` over them, and the same error for the first bad deal (path `[index, …]`).
   */
  addAll(
    state: StageConversionAggregatorState,
    opportunities: readonly Opportunity[],
  ): StageConversionAggregatorState
}

const FIELDS = ['reached', 'advanced', 'open'] as const
/** Each field of the state is an array; its elements are checked as counts one by one. */
const ELEMENT: StateShape = { count: 'count' }

/**
 * A mergeable sales funnel: add deals per part (per owner, segment, month or worker), merge
 * parts in any order, and get exactly the rows of `stageConversion` — next-step or
 * cumulative rates with their Wilson bounds.
 *
 * ```text
 * state = per stage { reached, advanced, open };  merge = sums
 * result = stageConversion's rows of the counts
 * ```
 * A deal adds 1 to `reached` of every stage up to its furthest, to `advanced` of every stage
 * before it (all stages when won) and to `open` of its furthest stage when still open.
 *
 * @param options - As `stageConversion`: `stages` (required), `mode`, `open`, `confidence`.
 *   Called without options, `initial()` gives an empty state and every other method
 *   refuses with `INVALID_OPTION` at `['stages']` (a funnel needs its stages).
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one `Opportunity`,
 *   `addAll` a list of them in one pass (`groupMetric` uses it).
 * @throws MetricInputError `INVALID_OPTION` at once for bad options (path `['stages']`,
 *   `['mode']`, `['open']`, `['confidence']`); as `stageConversion` for a bad deal (path
 *   `[index, …]`, `[0, …]` from `add`); `VALUE_OUT_OF_RANGE` (path `[]`) when `addAll` is
 *   given no array; `INVALID_STATE`, `NEGATIVE_VALUE`, `NOT_FINITE` for a state this
 *   aggregator did not make — foreign, a missing or extra field, an array of another length,
 *   a fractional or negative count, more advanced or open than reached (path
 *   `['a', 'reached', 1]` … in `merge`).
 * @example
 * ```ts
 * const funnel = stageConversionAggregator({ stages: ['A', 'B'] })
 * const deal = (status: 'open' | 'won' | 'lost', ...stages: string[]) => ({
 *   id: stages.join(), createdAt: new Date('2026-01-01'), amount: 1, status,
 *   stageHistory: stages.map((stage, day) => ({ stage, enteredAt: new Date(Date.UTC(2026, 0, day + 1)) })),
 * })
 * const east = funnel.addAll(funnel.initial(), [deal('won', 'A', 'B'), deal('lost', 'A')])
 * const west = funnel.add(funnel.initial(), deal('lost', 'A', 'B'))
 * funnel.result(funnel.merge(east, west)).map((row) => [row.stage, row.reached, row.rate])
 * // => [['A', 3, 0.6666666666666666], ['B', 2, 0.5]]
 * ```
 * @see stageConversion, groupMetric.
 * @category Pipeline
 */
export function stageConversionAggregator(
  options?: StageConversionOptions,
): StageConversionAggregator {
  const metric = 'stageConversionAggregator'
  if (options === undefined) return withoutStages(metric)
  const settings = guardInput(metric, () => readStageConversionOptions(options, metric))
  const stageCount = settings.stages.length
  const read = (state: unknown, at: MetricInputPath): StageCounts => {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      throw invalidState(metric, at, `state is ${describeValue(state)}`)
    }
    const record = state as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!(FIELDS as readonly string[]).includes(key)) {
        throw invalidState(metric, [...at, key], `state has an unexpected field ${key}`)
      }
    }
    const counts = emptyStageCounts(stageCount)
    for (const field of FIELDS) {
      const list = record[field]
      if (!Array.isArray(list) || list.length !== stageCount) {
        throw invalidState(
          metric,
          [...at, field],
          `state field ${field} is ${describeValue(list)}, not an array of ${stageCount} counts (one per stage)`,
        )
      }
      for (let stage = 0; stage < stageCount; stage++) {
        // readState checks one element as a count: INVALID_STATE, NEGATIVE_VALUE or NOT_FINITE.
        const element = readElement(list[stage], metric, [...at, field, stage])
        counts[field][stage] = element
      }
    }
    for (let stage = 0; stage < stageCount; stage++) {
      const reached = counts.reached[stage] as number
      if (
        (counts.advanced[stage] as number) + (counts.open[stage] as number) > reached ||
        (stage + 1 < stageCount && (counts.reached[stage + 1] as number) > reached)
      ) {
        throw invalidState(
          metric,
          [...at, 'reached', stage],
          `state counts of stage ${stage} cannot happen together (advanced + open, or the next stage's reached, exceed reached)`,
        )
      }
    }
    return counts
  }
  const write = (counts: StageCounts): StageConversionAggregatorState => ({
    reached: counts.reached,
    advanced: counts.advanced,
    open: counts.open,
  })
  return {
    initial: () => write(emptyStageCounts(stageCount)),
    add(state, opportunity) {
      return guardInput(metric, () => {
        const counts = read(state, [])
        countStages(counts, [opportunity], settings.stageIndex, metric)
        return write(counts)
      })
    },
    addAll(state, opportunities) {
      return guardInput(metric, () => {
        const counts = read(state, ['state'])
        const list = requireList(opportunities, metric, 'opportunities')
        countStages(counts, list, settings.stageIndex, metric)
        return write(counts)
      })
    },
    merge(a, b) {
      return guardInput(metric, () => {
        const left = read(a, ['a'])
        const right = read(b, ['b'])
        for (const field of FIELDS) {
          for (let stage = 0; stage < stageCount; stage++) {
            const sum = (left[field][stage] as number) + (right[field][stage] as number)
            if (!Number.isSafeInteger(sum)) {
              throw new MetricInputError({
                code: 'VALUE_OUT_OF_RANGE',
                metric,
                path: [field, stage],
                message: `${metric}: merging makes ${field}[${stage}] larger than a safe integer; the states are too large to add up`,
              })
            }
            left[field][stage] = sum
          }
        }
        return write(left)
      })
    },
    result(state) {
      return guardInput(metric, () => stageConversionRows(read(state, []), settings))
    },
  }
}

/** The aggregator made without options: nothing but `initial` works until stages are given. */
function withoutStages(metric: string): StageConversionAggregator {
  const refuse = (): never => {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['stages'],
      message: `${metric}: option stages is missing; pass { stages: [...] } with the pipeline's stages in order`,
    })
  }
  return {
    initial: () => ({ reached: [], advanced: [], open: [] }),
    add: refuse,
    addAll: refuse,
    merge: refuse,
    result: refuse,
  }
}

function readElement(value: unknown, metric: string, path: MetricInputPath): number {
  const at = path.slice(0, -1)
  const key = String(path[path.length - 1])
  try {
    return readState<{ count: number }>({ count: value }, ELEMENT, metric, at).count
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    // readState names the element `count`; name it by its place in the array instead.
    throw new MetricInputError({
      code: error.code,
      metric,
      path,
      message: error.message.replace(
        `${at.join('.')}${at.length > 0 ? '.' : ''}count`,
        `${at.join('.')}[${key}]`,
      ),
    })
  }
}

function invalidState(metric: string, path: MetricInputPath, what: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_STATE',
    metric,
    path,
    message: `${metric}: ${what}; it is not a state made by this aggregator for these stages`,
  })
}
