import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant } from '../core/validate.js'
import { requireStageEntry, requireStageHistory, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'

const DAY_MILLISECONDS = 86_400_000

/**
 * Time spent in each stage, read once from every opportunity's history: a spell runs from
 * entering a stage to entering the next one, or to `closedAt`. The spell an open deal is
 * in now runs to `asOf` and is unfinished (censored). Internal.
 */
export interface StageSpells {
  /** Finished spells in days, per stage name. */
  readonly finished: Map<string, number[]>
  /** The current stage and days in it of each open deal with a history, by index. */
  readonly current: Map<number, { readonly stage: string; readonly days: number }>
}

export function collectStageSpells(
  opportunities: readonly Opportunity[],
  asOf: number | null,
  metric: string,
): StageSpells {
  const finished = new Map<string, number[]>()
  const current = new Map<number, { stage: string; days: number }>()
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    const status = requireStatus(opportunity, index, metric)
    const history = requireStageHistory(opportunity, index, metric)
    let previous = Number.NEGATIVE_INFINITY
    for (let step = 0; step < history.length; step++) {
      const entry = requireStageEntry(history[step], index, step, metric)
      const entered = requireInstant(
        entry.enteredAt,
        metric,
        [index, 'stageHistory', step, 'enteredAt'],
        `stageHistory[${step}].enteredAt at index ${index}`,
      )
      if (entered < previous) spellOutOfOrder(metric, index, step)
      previous = entered
      const next = history[step + 1]
      let end: number | null
      if (next !== undefined) {
        // Checked on its own turn; here only its instant is read, NaN when it is not a Date.
        end =
          typeof next === 'object' && next !== null && next.enteredAt instanceof Date
            ? next.enteredAt.getTime()
            : Number.NaN
      } else if (status !== 'open' && opportunity.closedAt !== undefined) {
        end = requireInstant(
          opportunity.closedAt,
          metric,
          [index, 'closedAt'],
          `closedAt at index ${index}`,
        )
        if (end < entered) spellOutOfOrder(metric, index, step)
      } else {
        end = null
      }
      if (end === null) {
        if (status === 'open' && asOf !== null)
          current.set(index, { stage: entry.stage, days: (asOf - entered) / DAY_MILLISECONDS })
        continue
      }
      if (Number.isNaN(end) || end < entered) continue // the next entry is checked on its own turn
      const list = finished.get(entry.stage)
      if (list === undefined) finished.set(entry.stage, [(end - entered) / DAY_MILLISECONDS])
      else list.push((end - entered) / DAY_MILLISECONDS)
    }
  }
  return { finished, current }
}

function spellOutOfOrder(metric: string, index: number, step: number): never {
  throw new MetricInputError({
    code: 'END_BEFORE_START',
    metric,
    path: [index, 'stageHistory', step, 'enteredAt'],
    message: `${metric}: stageHistory at index ${index} is not in time order at entry ${step} (or ends after closedAt)`,
  })
}
