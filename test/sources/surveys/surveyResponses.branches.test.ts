/**
 * Less-used branches of surveyResponses: Qualtrics rows that are not header rows (not an
 * object, no ResponseId), ImportId rows whose RecordedDate cell names no usable zone, blank or
 * unknown NPS groups, Delighted `created_at` given as date text, and Date objects in a table
 * without a zone. Expected values are worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest'
import { surveyResponses } from '../../../src/sources/index.js'

const at = (text: string) => new Date(text)
const answer = (fields: Record<string, unknown> = {}) => ({
  ResponseId: 'R_1',
  RecordedDate: '2026-03-02T10:00:00Z',
  Q1: '9',
  Q1_NPS_GROUP: '3',
  ...fields,
})
const importRow = (recordedDate: string) => ({
  ResponseId: '{"ImportId":"_recordId"}',
  RecordedDate: recordedDate,
  Q1: '{"ImportId":"QID1"}',
  Q1_NPS_GROUP: '{"ImportId":"QID1_NPS_GROUP"}',
})
const paths = (result: ReturnType<typeof surveyResponses>) =>
  result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])

describe('surveyResponses (branches)', () => {
  it('a leading Qualtrics row that is not an object is data, rejected at []', () => {
    const result = surveyResponses([null, answer()] as never, { vendor: 'qualtrics' })
    expect(result.headerRows).toEqual([])
    expect(paths(result)).toEqual([[0, [[]]]])
    // Q1 9 with group 3 (promoter) agrees; the instant has an offset (Z).
    expect(result.records).toEqual([{ score: 9, respondedAt: at('2026-03-02T10:00:00Z') }])
  })

  it('a leading Qualtrics row without ResponseId is data, not a header row', () => {
    const { ResponseId: _none, ...row } = answer()
    const result = surveyResponses([row], { vendor: 'qualtrics' })
    expect(result.headerRows).toEqual([])
    expect(result.records).toEqual([{ score: 9, respondedAt: at('2026-03-02T10:00:00Z') }])
  })

  it.each([
    ['a non-text timeZone', '{"ImportId":"recordedDate","timeZone":5}'],
    ['text that is not valid JSON', '{"ImportId" broken'],
    ['no timeZone', '{"ImportId":"recordedDate"}'],
  ])('an ImportId row with %s gives no zone: offset-less dates are refused', (_, cell) => {
    const result = surveyResponses(
      [importRow(cell), answer({ RecordedDate: '2026-03-02 09:15:00' })],
      { vendor: 'qualtrics' },
    )
    // Row 0 is still a header row; without a zone, row 1's offset-less date is refused.
    expect(result.headerRows).toEqual([0])
    expect(result.records).toEqual([])
    expect(paths(result)).toEqual([[1, [['RecordedDate']]]])
    expect(result.rejected[0]?.issues[0]?.message).toMatch(/no UTC offset/)
  })

  it('a blank NPS group is not checked; an unknown or non-text one is rejected', () => {
    const result = surveyResponses(
      [
        answer({ Q1_NPS_GROUP: '' }),
        answer({ Q1_NPS_GROUP: 'Fan' }),
        answer({ Q1_NPS_GROUP: { group: 3 } }),
        answer({ Q1: '3', Q1_NPS_GROUP: 'Detractor' }),
      ],
      { vendor: 'qualtrics' },
    )
    // Row 0: no group, score 9 kept. Row 3: 3 ≤ 6 is a detractor, as its group says.
    expect(result.records).toEqual([
      { score: 9, respondedAt: at('2026-03-02T10:00:00Z') },
      { score: 3, respondedAt: at('2026-03-02T10:00:00Z') },
    ])
    expect(paths(result)).toEqual([
      [1, [['Q1_NPS_GROUP']]],
      [2, [['Q1_NPS_GROUP']]],
    ])
    expect(result.rejected[0]?.issues[0]?.message).toMatch(/expected an NPS group/)
  })

  it('Delighted created_at as ISO text is read as a date; other text is refused', () => {
    const result = surveyResponses(
      [
        { score: 7, created_at: '2026-03-01T10:00:00Z' },
        { score: 7, created_at: 'yesterday' },
      ],
      { vendor: 'delighted' },
    )
    expect(result.records).toEqual([{ score: 7, respondedAt: at('2026-03-01T10:00:00Z') }])
    expect(paths(result)).toEqual([[1, [['created_at']]]])
  })

  it('a Date object needs no zone: it is the same instant in every zone', () => {
    const result = surveyResponses([{ NPS: 10, 'Answered on': new Date('2026-03-01T08:00:00Z') }], {
      vendor: 'generic',
      columns: { score: 'NPS', respondedAt: 'Answered on' },
    })
    expect(result.records).toEqual([{ score: 10, respondedAt: at('2026-03-01T08:00:00Z') }])
  })
})
