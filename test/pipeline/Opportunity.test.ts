import { describe, expect, it } from 'vitest'
import { OPPORTUNITY_STATUSES } from '../../src/pipeline/Opportunity.js'

describe('Opportunity', () => {
  it('lists the three statuses', () => {
    expect(OPPORTUNITY_STATUSES).toEqual(['open', 'won', 'lost'])
  })
})
