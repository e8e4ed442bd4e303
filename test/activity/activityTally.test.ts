import { describe, expect, it } from 'vitest'
import {
  addToTally,
  byTypeObject,
  createTally,
  readCustomerTimeTypes,
  tallyResult,
} from '../../src/activity/activityTally.js'
import type { Activity } from '../../src/records/Activity.js'
import { expectMetricError } from '../helpers.js'

const at = new Date('2026-03-02T10:00:00Z')
const activity = (type: string, durationMinutes?: number): Activity => ({
  id: type,
  ownerId: 'ana',
  type,
  at,
  ...(durationMinutes === undefined ? {} : { durationMinutes }),
})

describe('activityTally', () => {
  it('counts by type and adds the minutes of customer-time types only', () => {
    const tally = createTally()
    const customer = readCustomerTimeTypes(undefined, 'm') // meeting and visit (SPEC default)
    addToTally(tally, activity('meeting', 30), 'meeting', customer)
    addToTally(tally, activity('visit'), 'visit', customer)
    addToTally(tally, activity('call', 15), 'call', customer)
    addToTally(tally, activity('webinar', 60), 'webinar', customer)
    // Hand count: 4 activities; meeting + visit are customer time; only the meeting has
    // minutes (30), the visit has none (withoutDuration 1); the call's 15 are not customer time.
    const result = tallyResult(tally, 'm')
    expect(result).toMatchObject({
      activities: 4,
      customerActivities: 2,
      customerMinutes: 30,
      withoutDuration: 1,
    })
    // The six ACTIVITY_TYPES first (SPEC order), 0 when absent, then other types.
    expect(Object.entries(result.byType)).toEqual([
      ['call', 1],
      ['email', 0],
      ['meeting', 1],
      ['visit', 1],
      ['demo', 0],
      ['proposal-sent', 0],
      ['webinar', 1],
    ])
  })

  it('keeps a type named __proto__ as an own count, sorted by code point', () => {
    const counts = new Map([
      ['zoom', 2],
      ['__proto__', 1],
      ['Lunch', 3],
    ])
    const byType = byTypeObject(counts)
    expect(Object.keys(byType).slice(6)).toEqual(['Lunch', '__proto__', 'zoom'])
    expect(Object.hasOwn(byType, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(byType)).toBe(Object.prototype)
  })

  it('refuses a customerTimeTypes option that is not a list of strings, and overflowing minutes', () => {
    expectMetricError(() => readCustomerTimeTypes('meeting', 'm'), 'INVALID_OPTION', {
      path: ['customerTimeTypes'],
    })
    const tally = createTally()
    const customer = readCustomerTimeTypes(['call'], 'm')
    addToTally(tally, activity('call', Number.MAX_VALUE), 'call', customer)
    addToTally(tally, activity('call', Number.MAX_VALUE), 'call', customer)
    expectMetricError(() => tallyResult(tally, 'm'), 'VALUE_OUT_OF_RANGE', { metric: 'm' })
  })
})
