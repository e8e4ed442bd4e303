import { describe, expect, it } from 'vitest'
import { WEEKDAYS } from '../../src/time/BusinessCalendar.js'

describe('BusinessCalendar', () => {
  it('names the weekdays Monday first', () => {
    expect(WEEKDAYS).toEqual([
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
      'saturday',
      'sunday',
    ])
  })
})
