/**
 * surveyResponses on the fixture exports of test/sources/surveys/fixtures (see its README for
 * the vendor pages each layout follows). The CSV rows are what Python's csv module reads from
 * the files (test/reference/survey_csv_rows.py writes rows.json); delighted.json is in the
 * shape of Delighted's "List survey responses" API. Every expected record, rejection and
 * NPS below is worked by hand from the file text; the comments show the steps.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ParseRecordsResult } from '../../../src/schemas/parseRecords.js'
import { SurveyResponseSchema } from '../../../src/schemas/SurveyResponseSchema.js'
import {
  SURVEY_RESPONSE_COLUMNS,
  SURVEY_VENDORS,
  surveyResponses,
} from '../../../src/sources/index.js'
import { netPromoterScore } from '../../../src/survey/netPromoterScore.js'
import { expectMetricError } from '../../helpers.js'

const FOLDER = new URL('./fixtures/', import.meta.url)
const rows = JSON.parse(readFileSync(new URL('rows.json', FOLDER), 'utf8')) as Record<
  'qualtrics' | 'surveymonkey' | 'typeform' | 'generic',
  Record<string, string>[]
>
const delighted = JSON.parse(readFileSync(new URL('delighted.json', FOLDER), 'utf8')) as Record<
  string,
  unknown
>[]
const at = (text: string) => new Date(text)
const paths = (result: ParseRecordsResult<unknown>) =>
  result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])
const npsOf = (records: readonly { score: number }[]) =>
  netPromoterScore(records.map((record) => record.score)).score

const SM_QUESTION = 'How likely is it that you would recommend Acme to a friend or colleague?'
const TF_QUESTION = 'On a scale from 0 to 10, how likely are you to recommend Acme to a friend?'

describe('surveyResponses', () => {
  it('matches the documented example', () => {
    const { records, rejected } = surveyResponses(
      [
        { id: '1', score: 9, created_at: 1772359200 },
        { id: '2', score: 11, created_at: 1772362800 },
      ],
      { vendor: 'delighted' },
    )
    // 1772359200 s = 2026-03-01T10:00:00Z (Python datetime, see test/reference/survey_csv_rows.py).
    expect(records[0]).toEqual({ score: 9, respondedAt: new Date('2026-03-01T10:00:00.000Z') })
    expect(rejected[0]?.issues[0]?.path).toEqual(['score'])
  })

  it('documents its constants', () => {
    expect(SURVEY_VENDORS).toEqual([
      'delighted',
      'qualtrics',
      'surveymonkey',
      'typeform',
      'generic',
    ])
    expect(SURVEY_RESPONSE_COLUMNS.qualtrics.respondedAt).toEqual([
      'RecordedDate',
      'EndDate',
      'Recorded Date',
      'End Date',
    ])
  })

  it('reads a Qualtrics export: skips its two extra header rows, checks the NPS group', () => {
    const result = surveyResponses(rows.qualtrics, {
      vendor: 'qualtrics',
      timeZone: 'America/Denver',
      columns: { segment: 'Region' },
    })
    // Rows 0 and 1 are the question-text row (ResponseId "Response ID") and the ImportId row.
    expect(result.headerRows).toEqual([0, 1])
    expect(result.records).toEqual([
      // 2026-03-02 09:15 in Denver is MST (UTC−7, before the 8 March switch): 16:15Z.
      { score: 10, respondedAt: at('2026-03-02T16:15:00.000Z'), segment: 'West' },
      // 2026-03-09 14:00 is MDT (UTC−6): 20:00Z.
      { score: 7, respondedAt: at('2026-03-09T20:00:00.000Z'), segment: 'East' },
      { score: 3, respondedAt: at('2026-03-10T14:30:00.000Z'), segment: 'West' },
      // 23:45 MDT on the 15th is 05:45Z on the 16th; the quoted comma stays in the segment.
      { score: 9, respondedAt: at('2026-03-16T05:45:00.000Z'), segment: 'West, Coast' },
    ])
    expect(result.rejected).toEqual([
      {
        index: 5,
        issues: [
          { path: ['Q1'], message: 'the score is blank: an unanswered question is not a response' },
        ],
      },
      {
        index: 6,
        issues: [
          {
            path: ['Q1_NPS_GROUP'],
            message: 'the NPS group says passive but the score 9 makes a promoter',
          },
        ],
      },
      {
        index: 7,
        issues: [
          {
            path: ['Q1'],
            message: 'the score 12 is outside the 0–10 scale of a recommend question',
          },
        ],
      },
    ])
    // NPS of 10, 7, 3, 9: 2 promoters, 1 detractor of 4 → (2 − 1) / 4 × 100 = 25.
    expect(npsOf(result.records)).toBe(25)
    for (const record of result.records)
      expect(SurveyResponseSchema.safeParse(record).success).toBe(true)
  })

  it('reads the zone from the ImportId row when no timeZone is given', () => {
    // The ImportId row of RecordedDate says "timeZone":"America/Denver": the same instants
    // as with the option (09:15 MST on 2 March = 16:15Z).
    const result = surveyResponses(rows.qualtrics, { vendor: 'qualtrics' })
    expect(result.records[0]).toEqual({ score: 10, respondedAt: at('2026-03-02T16:15:00.000Z') })
    // The option wins over the file: 09:15 in UTC.
    const utc = surveyResponses(rows.qualtrics, { vendor: 'qualtrics', timeZone: 'UTC' })
    expect(utc.records[0]?.respondedAt).toEqual(at('2026-03-02T09:15:00.000Z'))
  })

  it('refuses offset-less dates when no timeZone is given, naming the option', () => {
    // Without the ImportId row (a file saved with one header row), no zone is known.
    const withoutImportId = rows.qualtrics.filter((_, index) => index !== 1)
    const result = surveyResponses(withoutImportId, { vendor: 'qualtrics' })
    expect(result.records).toEqual([])
    expect(result.rejected[0]?.issues).toEqual([
      {
        path: ['RecordedDate'],
        message:
          '"2026-03-02 09:15:00" has no UTC offset; pass the timeZone option (the zone the export was written in)',
      },
    ])
    expect(result.headerRows.length + result.rejected.length).toBe(withoutImportId.length)
  })

  it('reads a SurveyMonkey export: skips the answer-choice row, finds the recommend question', () => {
    const result = surveyResponses(rows.surveymonkey, {
      vendor: 'surveymonkey',
      timeZone: 'America/New_York',
    })
    expect(result.headerRows).toEqual([0])
    expect(result.records).toEqual([
      // End Date 03/02/2026 10:15:30 AM EST (UTC−5) → 15:15:30Z.
      { score: 10, respondedAt: at('2026-03-02T15:15:30.000Z') },
      // 03:05 on 8 March is just after the switch to EDT (UTC−4) → 07:05Z.
      { score: 9, respondedAt: at('2026-03-08T07:05:00.000Z') },
      { score: 6, respondedAt: at('2026-03-09T20:02:00.000Z') },
      { score: 0, respondedAt: at('2026-03-11T16:03:00.000Z') },
      { score: 8, respondedAt: at('2026-03-12T13:01:00.000Z') },
    ])
    expect(paths(result)).toEqual([
      [4, [[SM_QUESTION]]], // blank answer
      [7, [['End Date']]], // 13/12/2026 is no date in m/d/y order
    ])
    // 10, 9, 6, 0, 8: 2 promoters, 2 detractors of 5 → 0.
    expect(npsOf(result.records)).toBe(0)
  })

  it('reads a Typeform export with its UTC submit date and no timeZone option', () => {
    const result = surveyResponses(rows.typeform, { vendor: 'typeform' })
    expect(result.headerRows).toEqual([])
    expect(result.records).toEqual([
      { score: 10, respondedAt: at('2026-03-01T10:02:00.000Z') },
      { score: 9, respondedAt: at('2026-03-02T11:05:00.000Z') },
      { score: 4, respondedAt: at('2026-03-03T12:01:00.000Z') },
      { score: 8, respondedAt: at('2026-03-05T12:03:00.000Z') },
    ])
    expect(paths(result)).toEqual([[3, [[TF_QUESTION]]]])
    // 10, 9, 4, 8: 2 promoters, 1 detractor of 4 → 25.
    expect(npsOf(result.records)).toBe(25)
  })

  it('reads Typeform "Submitted At" too', () => {
    const { records } = surveyResponses(
      [{ '#': 'x', [TF_QUESTION]: '7', 'Submitted At': '2026-03-01T10:00:00Z' }],
      { vendor: 'typeform' },
    )
    expect(records).toEqual([{ score: 7, respondedAt: at('2026-03-01T10:00:00.000Z') }])
  })

  it('reads the Delighted API objects: Unix seconds, blank scores and bad times rejected', () => {
    const result = surveyResponses(delighted, { vendor: 'delighted' })
    // created_at 1772359200 + k·86400 = 2026-03-0(k+1)T10:00Z (Python datetime).
    expect(result.records).toEqual([
      { score: 10, respondedAt: at('2026-03-01T10:00:00.000Z') },
      { score: 9, respondedAt: at('2026-03-02T10:00:00.000Z') },
      { score: 2, respondedAt: at('2026-03-03T10:00:00.000Z') },
      { score: 8, respondedAt: at('2026-03-04T10:00:00.000Z') }, // "1772618400" as text
    ])
    expect(paths(result)).toEqual([
      [4, [['score']]], // score null
      [5, [['created_at']]], // −5 seconds
    ])
    expect(npsOf(result.records)).toBe(25)
  })

  it('reads a generic table with a column mapping and date-only values in a zone', () => {
    const columns = { score: 'NPS', respondedAt: 'Answered on', segment: 'Plan' }
    const result = surveyResponses(rows.generic, {
      vendor: 'generic',
      columns,
      timeZone: 'Europe/Berlin',
    })
    expect(result.records).toEqual([
      // Midnight of 1 March in Berlin (CET, UTC+1) is 23:00Z on 28 February.
      { score: 10, respondedAt: at('2026-02-28T23:00:00.000Z'), segment: 'Pro' },
      { score: 6, respondedAt: at('2026-02-28T23:00:00.000Z'), segment: 'Free' },
      { score: 9, respondedAt: at('2026-03-01T23:00:00.000Z'), segment: 'Pro' },
    ])
    expect(paths(result)).toEqual([
      [3, [['NPS']]], // −1
      [4, [['Answered on']]], // 31/03/2026 in m/d/y order
    ])
    // 10, 6, 9: 2 promoters, 1 detractor of 3 → 100/3.
    expect(npsOf(result.records)).toBeCloseTo(100 / 3, 12)
    // Without a zone, a date alone is refused rather than read as UTC.
    const unzoned = surveyResponses(rows.generic, { vendor: 'generic', columns })
    expect(unzoned.records).toEqual([])
    expect(unzoned.rejected[0]?.issues[0]?.message).toMatch(/pass the timeZone option/)
  })

  it('rejects scores that are not whole numbers on 0–10, with the value', () => {
    const rowsOf = (score: unknown) => [{ score, date: '2026-03-01T00:00:00Z' }]
    for (const score of ['7.5', 7.5, 'ten', '', '  ', null, true, 11, '1e1', '0x9', ' 12 ']) {
      const result = surveyResponses(rowsOf(score), { vendor: 'generic' })
      expect([result.records.length, result.rejected.length], String(score)).toEqual([0, 1])
    }
    expect(surveyResponses(rowsOf('7.5'), { vendor: 'generic' }).rejected[0]?.issues).toEqual([
      { path: ['score'], message: 'expected a whole score from 0 to 10, got "7.5"' },
    ])
    expect(
      surveyResponses(rowsOf('  '), { vendor: 'generic' }).rejected[0]?.issues[0]?.message,
    ).toBe('the score is blank: an unanswered question is not a response')
    expect(surveyResponses(rowsOf(true), { vendor: 'generic' }).rejected.length).toBe(1)
    // A choice-text export writes the label after the number.
    expect(
      surveyResponses(rowsOf('10 - Extremely likely'), { vendor: 'generic' }).records[0]?.score,
    ).toBe(10)
    expect(
      Object.is(surveyResponses(rowsOf('-0'), { vendor: 'generic' }).records[0]?.score, 0),
    ).toBe(true)
  })

  it('says where the score column is missing', () => {
    const result = surveyResponses([{ '#': 'a', 'Submitted At': '2026-03-01T10:00:00Z' }], {
      vendor: 'typeform',
    })
    expect(result.rejected[0]?.issues[0]?.path).toEqual(['score'])
    expect(result.rejected[0]?.issues[0]?.message).toMatch(/columns: \{ score/)
  })

  it('refuses bad options with INVALID_OPTION', () => {
    expectMetricError(() => surveyResponses([], undefined as never), 'INVALID_OPTION', {
      path: [],
      metric: 'surveyResponses',
    })
    expectMetricError(() => surveyResponses([], {} as never), 'INVALID_OPTION', {
      path: ['vendor'],
      metric: 'surveyResponses',
    })
    expectMetricError(
      () => surveyResponses([], { vendor: 'medallia' as never }),
      'INVALID_OPTION',
      { path: ['vendor'] },
    )
    expectMetricError(
      () => surveyResponses([], { vendor: 'generic', columns: { weight: 'W' } as never }),
      'INVALID_OPTION',
      { path: ['columns', 'weight'] },
    )
    expectMetricError(
      () => surveyResponses([], { vendor: 'generic', timeZone: 'Mars/Base' }),
      'INVALID_OPTION',
      { path: ['timeZone'] },
    )
    expectMetricError(
      () => surveyResponses(42 as never, { vendor: 'generic' }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['rows'],
      },
    )
  })

  it('throws INVALID_RECORD at the first bad row with onInvalid: throw', () => {
    expectMetricError(
      () => surveyResponses(rows.generic, { vendor: 'generic', onInvalid: 'throw' }),
      'INVALID_RECORD',
      { path: [0, 'score'], metric: 'surveyResponses' },
    )
  })

  it('turns hostile rows into rejections and copies no polluting key', () => {
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('proxy that throws')
        },
      },
    )
    const polluted = JSON.parse(
      '{"score": "9", "date": "2026-03-01T00:00:00Z", "segment": "x", "__proto__": {"polluted": 1}}',
    )
    const result = surveyResponses(
      [null, 7, 'row', [], throwing, polluted, { score: 'x'.repeat(100_000), date: '' }],
      { vendor: 'generic' },
    )
    expect(result.rejected.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 6])
    expect(result.records).toEqual([
      { score: 9, respondedAt: at('2026-03-01T00:00:00.000Z'), segment: 'x' },
    ])
    expect(Object.hasOwn(result.records[0] ?? {}, '__proto__')).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('accounts for every row exactly once, whatever the order (property)', () => {
    const row = fc.oneof(
      fc.record({
        score: fc.constantFrom('0', '6', '7', '9', '10', '11', '', 'x', 8),
        date: fc.constantFrom('2026-03-01T10:00:00Z', '2026-03-02', 'bad', ''),
        segment: fc.constantFrom('A', 'B', ''),
      }),
      fc.constantFrom(null, 3, 'text'),
    )
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.infiniteStream(fc.nat()), (list, stream) => {
        const result = surveyResponses(list, { vendor: 'generic', timeZone: 'Asia/Tokyo' })
        const seen = [...result.rejected.map((rejection) => rejection.index), ...result.headerRows]
        expect(result.records.length + seen.length).toBe(list.length)
        expect(new Set(seen).size).toBe(seen.length)
        // Shuffle: the same records (as a multiset) and the same number of rejections.
        const keys = [...stream.take(list.length)]
        const shuffled = list
          .map((value, index) => ({ value, key: keys[index] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map((entry) => entry.value)
        const again = surveyResponses(shuffled, { vendor: 'generic', timeZone: 'Asia/Tokyo' })
        const sortKey = (record: { score: number; respondedAt: Date; segment?: string }) =>
          `${record.score}|${record.respondedAt.toISOString()}|${record.segment ?? ''}`
        expect(again.records.map(sortKey).sort()).toEqual(result.records.map(sortKey).sort())
        expect(again.rejected.length).toBe(result.rejected.length)
      }),
      { numRuns: 200 },
    )
  })
})
