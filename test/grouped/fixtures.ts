import type { Opportunity } from '../../src/records/Opportunity.js'

/** An instant in 2026 (UTC): month 1 = January. */
export const at = (month: number, day: number, hour = 12) =>
  new Date(Date.UTC(2026, month - 1, day, hour))

/** A deal with an owner, a segment, a close date and a stage history on consecutive days. */
export function ownedDeal(
  status: Opportunity['status'],
  fields: {
    ownerId?: string
    segment?: string
    createdAt?: Date
    closedAt?: Date
    amount?: number
    stages?: readonly string[]
  },
): Opportunity {
  const createdAt = fields.createdAt ?? at(1, 1)
  const stages = fields.stages ?? []
  return {
    id: `${status}:${fields.ownerId ?? ''}:${createdAt.toISOString()}`,
    createdAt,
    amount: fields.amount ?? 1000,
    currency: 'USD',
    status,
    stageHistory: stages.map((stage, index) => ({
      stage,
      enteredAt: new Date(createdAt.getTime() + index * 86_400_000),
    })),
    ...(status === 'open' ? {} : { closedAt: fields.closedAt ?? at(1, 28) }),
    ...(fields.ownerId === undefined ? {} : { ownerId: fields.ownerId }),
    ...(fields.segment === undefined ? {} : { segment: fields.segment }),
  }
}
