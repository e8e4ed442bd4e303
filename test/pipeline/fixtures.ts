import type { Opportunity } from '../../src/records/Opportunity.js'

/** A day in January 2026 (UTC), day 1 = 1 January. */
export const day = (d: number) => new Date(Date.UTC(2026, 0, d))

/** A deal entering the given stages on consecutive days from day 1. */
export function deal(
  status: Opportunity['status'],
  stages: readonly string[],
  extra: Partial<Opportunity> = {},
): Opportunity {
  const closed = status === 'open' ? {} : { closedAt: day(stages.length + 1) }
  return {
    id: `${status}:${stages.join('>')}`,
    createdAt: day(1),
    amount: 1000,
    status,
    stageHistory: stages.map((stage, index) => ({ stage, enteredAt: day(index + 1) })),
    ...closed,
    ...extra,
  }
}
