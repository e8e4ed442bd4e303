import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { parseRecords } from '../../src/schemas/parseRecords.js'
import { SurveyResponseSchema } from '../../src/schemas/SurveyResponseSchema.js'
import { expectMetricError } from '../helpers.js'

const rows = [
  { score: '9', respondedAt: '2026-03-01' },
  { score: '11', respondedAt: '2026-03-02' },
  { score: '7', respondedAt: 'soon' },
  { score: '0', respondedAt: '2026-03-04' },
]

describe('parseRecords', () => {
  it('collect mode accounts for every row: valid ones parsed, invalid ones with index and issues', () => {
    const { records, rejected } = parseRecords(SurveyResponseSchema, rows, { onInvalid: 'collect' })
    expect(records.map((record) => record.score)).toEqual([9, 0])
    expect(rejected.map((row) => row.index)).toEqual([1, 2])
    expect(rejected[0]?.issues).toEqual([
      { path: ['score'], message: 'expected an integer from 0 to 10' },
    ])
    expect(rejected[1]?.issues[0]?.path).toEqual(['respondedAt'])
    expect(records.length + rejected.length).toBe(rows.length)
  })

  it('throw mode (default) stops at the first bad row with INVALID_RECORD and its path', () => {
    expectMetricError(() => parseRecords(SurveyResponseSchema, rows), 'INVALID_RECORD', {
      metric: 'parseRecords',
      path: [1, 'score'],
      message: 'parseRecords: row 1 field score is invalid: expected an integer from 0 to 10',
    })
  })

  it('names the row when the whole row is wrong', () => {
    expectMetricError(() => parseRecords(SurveyResponseSchema, [null]), 'INVALID_RECORD', {
      path: [0],
    })
  })

  it('reads any iterable and keeps numeric paths of nested schemas', () => {
    const schema = z.object({ values: z.array(z.number()) })
    function* generate() {
      yield { values: [1] }
      yield { values: [1, 'x'] }
    }
    const { rejected } = parseRecords(schema, generate(), { onInvalid: 'collect' })
    expect(rejected[0]).toMatchObject({ index: 1, issues: [{ path: ['values', 1] }] })
  })

  it('returns empty lists for no rows and refuses unknown modes', () => {
    expect(parseRecords(SurveyResponseSchema, [])).toEqual({ records: [], rejected: [] })
    expectMetricError(
      () => parseRecords(SurveyResponseSchema, [], { onInvalid: 'skip' as 'throw' }),
      'INVALID_OPTION',
      {
        path: ['onInvalid'],
      },
    )
  })

  it('matches the documented example', () => {
    const { records, rejected } = parseRecords(
      SurveyResponseSchema,
      [
        { score: '9', respondedAt: '2026-03-01' },
        { score: '11', respondedAt: '2026-03-02' },
      ],
      { onInvalid: 'collect' },
    )
    expect(records.length).toBe(1)
    expect(rejected[0]?.index).toBe(1)
    expect(rejected[0]?.issues[0]?.path).toEqual(['score'])
  })
})
