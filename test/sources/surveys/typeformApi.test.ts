/**
 * surveyResponses on Typeform Responses API items (`GET /forms/{form_id}/responses`), the
 * layout of fixtures/typeform-api.json (see the fixture README for the pages it follows):
 * each item's score is the `number` of its one answer to a field of type `nps`.
 * Expected values are read off the fixture by hand.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { surveyResponses } from '../../../src/sources/index.js'
import { netPromoterScore } from '../../../src/survey/netPromoterScore.js'

const api = JSON.parse(
  readFileSync(new URL('./fixtures/typeform-api.json', import.meta.url), 'utf8'),
) as { items: unknown[] }

describe('surveyResponses (Typeform Responses API items)', () => {
  it('reads the nps answer and submitted_at of each item; an item without one is rejected', () => {
    const { records, rejected, headerRows } = surveyResponses(api.items, { vendor: 'typeform' })
    // Items 0, 1, 3 answered the nps field with 10, 6, 9 at their submitted_at (UTC, Z).
    expect(records).toEqual([
      { score: 10, respondedAt: new Date('2026-03-01T10:02:00Z') },
      { score: 6, respondedAt: new Date('2026-03-02T11:05:00Z') },
      { score: 9, respondedAt: new Date('2026-03-04T08:03:30Z') },
    ])
    // Item 2 answered only the long_text question.
    expect(rejected).toEqual([
      {
        index: 2,
        issues: [
          {
            path: ['answers'],
            message: 'no answer to an NPS question (field.type "nps") in this Typeform response',
          },
        ],
      },
    ])
    expect(headerRows).toEqual([])
    // NPS of 10, 6, 9: promoters 2, detractors 1 of 3 → (2 − 1) / 3 × 100 = 33.33…
    expect(netPromoterScore(records.map((record) => record.score)).score).toBeCloseTo(100 / 3, 10)
  })

  it('rejects two nps answers and a score that is not a whole 0–10 number', () => {
    const item = (answers: unknown[]) => ({ submitted_at: '2026-03-01T10:00:00Z', answers })
    const nps = (number: unknown) => ({ field: { id: 'a', type: 'nps' }, type: 'number', number })
    const { records, rejected } = surveyResponses(
      [item([nps(9), nps(7)]), item([nps(11)]), item([nps(null)]), item([nps('8')])],
      { vendor: 'typeform' },
    )
    // '8' as text reads as 8, as an export cell would.
    expect(records).toEqual([{ score: 8, respondedAt: new Date('2026-03-01T10:00:00Z') }])
    expect(rejected.map((row) => [row.index, row.issues[0]?.path, row.issues[0]?.message])).toEqual(
      [
        [
          0,
          ['answers'],
          '2 answers to NPS questions (field.type "nps") in this Typeform response; export one',
        ],
        [1, ['answers'], 'expected a whole score from 0 to 10 in the NPS answer, got 11'],
        [2, ['answers'], 'the NPS answer has no number'],
      ],
    )
  })
})
