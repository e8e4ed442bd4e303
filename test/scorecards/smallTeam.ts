/**
 * The small team of the scorecard tests, worked by hand (every number re-derived in
 * test/reference/rep_outcome_rates.py). Shared by repOutcomeRates.test.ts and
 * repScorecard.test.ts.
 */
import type { Activity } from '../../src/records/Activity.js'
import type { Lead } from '../../src/records/Lead.js'
import type { Opportunity } from '../../src/records/Opportunity.js'

export const day = (month: number, date: number, hour = 12) =>
  new Date(Date.UTC(2026, month - 1, date, hour))

export const lead = (
  id: string,
  ownerId: string | undefined,
  contacted: boolean,
  converted: boolean,
  created = day(1, 5),
): Lead => ({
  id,
  createdAt: created,
  ...(ownerId === undefined ? {} : { ownerId }),
  ...(contacted ? { contactedAt: day(1, 6) } : {}),
  ...(converted ? { convertedAt: day(1, 10) } : {}),
})

export const deal = (
  id: string,
  ownerId: string | undefined,
  status: 'won' | 'lost' | 'open',
  closedAt = day(2, 10),
  amount = 1000,
): Opportunity => ({
  id,
  createdAt: day(1, 2),
  amount,
  status,
  stageHistory: [],
  ...(ownerId === undefined ? {} : { ownerId }),
  ...(status === 'open' ? {} : { closedAt }),
})

export const activity = (
  id: string,
  ownerId: string,
  type: string,
  opportunityId?: string,
  at = day(1, 20),
): Activity => ({
  id,
  ownerId,
  type,
  at,
  ...(opportunityId === undefined ? {} : { opportunityId }),
})

/**
 * The small team worked by hand (numbers re-derived in test/reference/rep_outcome_rates.py):
 *   leads       ana: 4, all contacted, 3 converted; ben: 4, 2 contacted, 1 converted;
 *               cy: 2, 1 contacted, none converted; one lead without an owner (left out).
 *   deals       ana: a1–a8 won, a9–a10 lost, a11 open; ben: b1–b3 won, b4–b10 lost;
 *               cy: c1–c2 won; u1 won without an owner (left out).
 *   activities  proposal-sent for a1, a2, a3 (won), a9 (lost), b1 (won), b4 (lost),
 *               a11 (open: not decided), u1 (no owner); a call on c1 (not a proposal).
 */
export const LEADS: Lead[] = [
  lead('l1', 'ana', true, true),
  lead('l2', 'ana', true, true),
  lead('l3', 'ana', true, true),
  lead('l4', 'ana', true, false),
  lead('l5', 'ben', true, true),
  lead('l6', 'ben', true, false),
  lead('l7', 'ben', false, false),
  lead('l8', 'ben', false, false),
  lead('l9', 'cy', true, false),
  lead('l10', 'cy', false, false),
  lead('l11', undefined, true, true),
]
export const DEALS: Opportunity[] = [
  ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'].map((id) => deal(id, 'ana', 'won')),
  deal('a9', 'ana', 'lost'),
  deal('a10', 'ana', 'lost'),
  deal('a11', 'ana', 'open'),
  ...['b1', 'b2', 'b3'].map((id) => deal(id, 'ben', 'won')),
  ...['b4', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10'].map((id) => deal(id, 'ben', 'lost')),
  deal('c1', 'cy', 'won'),
  deal('c2', 'cy', 'won'),
  deal('u1', undefined, 'won'),
]
export const ACTIVITIES: Activity[] = [
  activity('p1', 'ana', 'proposal-sent', 'a1'),
  activity('p2', 'ana', 'proposal-sent', 'a2'),
  activity('p3', 'ana', 'proposal-sent', 'a3'),
  activity('p4', 'ana', 'proposal-sent', 'a9', day(2, 3)),
  activity('p5', 'ben', 'proposal-sent', 'b1'),
  activity('p6', 'ben', 'proposal-sent', 'b4'),
  activity('p7', 'ana', 'proposal-sent', 'a11', day(2, 4)),
  activity('p8', 'ana', 'proposal-sent', 'u1', day(2, 5)),
  activity('k1', 'cy', 'call', 'c1', day(2, 6)),
]
