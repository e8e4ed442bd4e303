import { describe, expect, expectTypeOf, it } from 'vitest'
import { winRate } from '../../src/pipeline/winRate.js'
import {
  OPPORTUNITY_STATUSES,
  type Opportunity,
  type OpportunityStatus,
} from '../../src/records/Opportunity.js'
import { OpportunitySchema } from '../../src/schemas/OpportunitySchema.js'
import { expectMetricError } from '../helpers.js'
import { deal } from '../pipeline/fixtures.js'

describe('Opportunity', () => {
  it('winRate reads each of OPPORTUNITY_STATUSES: open is left out, won and lost are closed', () => {
    const deals: Opportunity[] = [
      deal('won', ['Discovery']),
      deal('lost', ['Discovery']),
      deal('lost', ['Discovery']),
      deal('open', ['Discovery']),
    ]
    expect(new Set(deals.map((d) => d.status))).toEqual(new Set(OPPORTUNITY_STATUSES))
    // By hand: 1 won of 3 closed (the open deal counts nowhere).
    const result = winRate(deals)
    expect([result.won, result.lost, result.rate]).toEqual([1, 2, 1 / 3])
  })

  it('the schema reads exactly the OPPORTUNITY_STATUSES', () => {
    const row = {
      id: 'OPP-1',
      createdAt: '2026-01-05',
      amount: '100',
      stageHistory: [],
    }
    for (const status of OPPORTUNITY_STATUSES) {
      const closedAt = status === 'open' ? {} : { closedAt: '2026-02-01' }
      expect(OpportunitySchema.parse({ ...row, status, ...closedAt }).status).toBe(status)
    }
    expect(OpportunitySchema.safeParse({ ...row, status: 'stalled' }).success).toBe(false)
  })

  it('types (checked by tsc): OpportunityStatus derives from OPPORTUNITY_STATUSES', () => {
    expectTypeOf<OpportunityStatus>().toEqualTypeOf<(typeof OPPORTUNITY_STATUSES)[number]>()
    // 'closed' is not a status: closed deals are won or lost
    expectTypeOf<'closed'>().not.toExtend<OpportunityStatus>()
    const closed = deal('won', [], { status: 'closed' as OpportunityStatus })
    expectMetricError(() => winRate([closed]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'status'],
      metric: 'winRate',
    })
  })
})
