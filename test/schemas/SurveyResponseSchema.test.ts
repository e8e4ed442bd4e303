import { describe, expect, it } from 'vitest'
import { SurveyResponseSchema } from '../../src/schemas/SurveyResponseSchema.js'

describe('SurveyResponseSchema', () => {
  it('reads a CSV row of strings into a SurveyResponse', () => {
    expect(
      SurveyResponseSchema.parse({
        score: '9',
        respondedAt: '2026-03-01T12:00:00Z',
        segment: 'Enterprise',
        weight: '1.5',
        accountId: 'A-1',
      }),
    ).toEqual({
      score: 9,
      respondedAt: new Date('2026-03-01T12:00:00Z'),
      segment: 'Enterprise',
      weight: 1.5,
    })
  })

  it('takes typed JSON records as they are', () => {
    const record = { score: 0, respondedAt: new Date('2026-03-01T00:00:00Z') }
    expect(SurveyResponseSchema.parse(record)).toEqual(record)
  })

  it('refuses scores outside 0–10, blanks and bad dates, naming the field', () => {
    const scoreIssue = SurveyResponseSchema.safeParse({ score: '11', respondedAt: '2026-03-01' })
    expect(scoreIssue.success).toBe(false)
    expect(scoreIssue.error?.issues[0]?.path).toEqual(['score'])
    expect(SurveyResponseSchema.safeParse({ score: '', respondedAt: '2026-03-01' }).success).toBe(
      false,
    )
    const dateIssue = SurveyResponseSchema.safeParse({ score: 9, respondedAt: '2026-02-30' })
    expect(dateIssue.error?.issues[0]?.path).toEqual(['respondedAt'])
    expect(SurveyResponseSchema.safeParse({ score: 9 }).success).toBe(false)
  })

  it('matches the documented example', () => {
    const parsed = SurveyResponseSchema.parse({
      score: '9',
      respondedAt: '2026-03-01',
      segment: '',
    })
    expect(parsed).toEqual({ score: 9, respondedAt: new Date('2026-03-01T00:00:00Z') })
    expect('segment' in parsed).toBe(false)
  })
})
