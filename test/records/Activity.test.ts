import { describe, expect, expectTypeOf, it } from 'vitest'
import { activityCounts } from '../../src/activity/activityCounts.js'
import { ACTIVITY_TYPES, type Activity, type ActivityType } from '../../src/records/Activity.js'

describe('Activity', () => {
  it('names the common types SPEC lists, and each is a count in activityCounts', () => {
    // SPEC.md, "Additions for 0.2": call, email, meeting, visit, demo, proposal-sent.
    expect([...ACTIVITY_TYPES]).toEqual([
      'call',
      'email',
      'meeting',
      'visit',
      'demo',
      'proposal-sent',
    ])
    expectTypeOf<ActivityType>().toEqualTypeOf<(typeof ACTIVITY_TYPES)[number]>()
    const one: Activity = { id: '1', ownerId: 'ana', type: 'demo', at: new Date('2026-03-02') }
    const [row] = activityCounts([one])
    for (const type of ACTIVITY_TYPES)
      expect(row?.result.byType[type]).toBe(type === 'demo' ? 1 : 0)
  })

  it('keeps a type outside the list (an open string)', () => {
    const other: Activity = { id: '2', ownerId: 'ana', type: 'webinar', at: new Date('2026-03-02') }
    expect(activityCounts([other])[0]?.result.byType.webinar).toBe(1)
  })
})
