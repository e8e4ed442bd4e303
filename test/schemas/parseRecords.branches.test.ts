import { describe, it } from 'vitest'
import { parseRecords } from '../../src/schemas/parseRecords.js'
import { SurveyResponseSchema } from '../../src/schemas/SurveyResponseSchema.js'
import { expectMetricError } from '../helpers.js'

describe('parseRecords (rows that are not a proper iterable)', () => {
  it('refuses an iterable whose iterator has no next method with VALUE_OUT_OF_RANGE at ["rows"]', () => {
    const rows = { [Symbol.iterator]: () => ({}) } as unknown as Iterable<unknown>
    expectMetricError(() => parseRecords(SurveyResponseSchema, rows), 'VALUE_OUT_OF_RANGE', {
      path: ['rows'],
      metric: 'parseRecords',
    })
  })

  it('refuses an iterable whose iterator method throws with INVALID_OPTION at ["rows"]', () => {
    const rows = {
      [Symbol.iterator]: () => {
        throw new Error('closed')
      },
    } as unknown as Iterable<unknown>
    expectMetricError(() => parseRecords(SurveyResponseSchema, rows), 'INVALID_OPTION', {
      path: ['rows'],
      metric: 'parseRecords',
      message: /closed/,
    })
  })
})
