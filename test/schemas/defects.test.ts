import { describe, expect, it } from 'vitest'
import { BusinessCalendarSchema } from '../../src/schemas/BusinessCalendarSchema.js'
import { CsvNumberSchema, csvIntegerSchema, InstantSchema } from '../../src/schemas/fields.js'
import { MoneySchema } from '../../src/schemas/money.js'
import { OpportunitySchema, OpportunityStatusSchema } from '../../src/schemas/OpportunitySchema.js'
import { parseRecords } from '../../src/schemas/parseRecords.js'
import { SurveyResponseSchema } from '../../src/schemas/SurveyResponseSchema.js'
import { runWithHangGuard } from '../hangGuard.js'
import { expectMetricError } from '../helpers.js'

/** Regression tests for the schema defects of issue 12; each failed before its fix. */

describe('schema defects of issue 12', () => {
  it("reads years 0000–9999 as written: '0050-06-15' is year 50, not 1950", () => {
    // Python: (datetime(50, 6, 15) - datetime(1970, 1, 1)).total_seconds() * 1000
    expect(InstantSchema.parse('0050-06-15').getTime()).toBe(-60_575_040_000_000)
    // Python: (datetime(1, 1, 1) - datetime(1970, 1, 1)).total_seconds() * 1000
    expect(InstantSchema.parse('0001-01-01T00:00:00Z').getTime()).toBe(-62_135_596_800_000)
    const response = SurveyResponseSchema.parse({ score: 9, respondedAt: '0050-06-15' })
    expect(response.respondedAt.getUTCFullYear()).toBe(50)
    // 0004 is a leap year (divisible by 4), 0100 is not (divisible by 100, not by 400).
    expect(InstantSchema.safeParse('0004-02-29').success).toBe(true)
    expect(InstantSchema.safeParse('0100-02-29').success).toBe(false)
  })

  it('refuses offsets beyond ±14:00 or with minutes over 59', () => {
    for (const bad of ['+99:99', '+14:01', '-15:00', '+05:60', '+2400'])
      expect(InstantSchema.safeParse(`2026-03-01T00:00:00${bad}`).success).toBe(false)
    // 00:00 at +14:00 is 10:00 UTC the day before (Kiribati, UTC+14).
    expect(InstantSchema.parse('2026-03-01T00:00:00+14:00').toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    )
    expect(InstantSchema.parse('2026-03-01T00:00:00-12:00').toISOString()).toBe(
      '2026-03-01T12:00:00.000Z',
    )
  })

  it("refuses status words that are Object.prototype keys ('constructor', 'toString', '__proto__')", () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect(OpportunityStatusSchema.safeParse(word).success).toBe(false)
    const deal = {
      id: 'O',
      createdAt: '2026-01-01',
      amount: '1',
      status: 'constructor',
      stageHistory: [],
    }
    expect(OpportunitySchema.safeParse(deal).success).toBe(false)
  })

  it("rejects a row whose getter throws and parses the rest in 'collect' mode", () => {
    const hostile = {
      respondedAt: '2026-03-01',
      get score(): number {
        throw new Error('boom')
      },
    }
    const rows = [
      { score: 9, respondedAt: '2026-03-01' },
      hostile,
      { score: 7, respondedAt: '2026-03-02' },
    ]
    const { records, rejected } = parseRecords(SurveyResponseSchema, rows, { onInvalid: 'collect' })
    expect(records.map((record) => record.score)).toEqual([9, 7])
    expect(rejected.map((row) => row.index)).toEqual([1])
    expect(rejected[0]?.issues[0]?.message).toMatch(/could not be read/)
    expectMetricError(() => parseRecords(SurveyResponseSchema, rows), 'INVALID_RECORD', {
      path: [1],
      metric: 'parseRecords',
    })
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
        ownKeys() {
          throw new Error('trap')
        },
      },
    )
    const result = parseRecords(SurveyResponseSchema, [proxy, rows[0]], { onInvalid: 'collect' })
    expect(result.records.length).toBe(1)
    expect(result.rejected.map((row) => row.index)).toEqual([0])
  })

  it('shortens a 10 MB cell in the messages it builds', () => {
    const huge = 'x'.repeat(10_000_000)
    for (const schema of [CsvNumberSchema, InstantSchema, OpportunityStatusSchema, MoneySchema]) {
      const parsed = schema.safeParse(huge)
      expect(parsed.success).toBe(false)
      for (const issue of parsed.error?.issues ?? []) expect(issue.message.length).toBeLessThan(300)
    }
    const { rejected } = parseRecords(SurveyResponseSchema, [{ score: huge, respondedAt: huge }], {
      onInvalid: 'collect',
    })
    expect(JSON.stringify(rejected).length).toBeLessThan(1000)
  })

  it('reads number text in linear time (a 100,000-character score string)', () => {
    // A backtracking pattern is quadratic on these: the hang guard is the regression check.
    // Measured (notes/timing.md, BENCHMARKS): < 1 ms each now; the pattern before the fix
    // (commit 81c27dc) took ~4.9 s on one 100,000-character string — under the 10 s guard —
    // and ran past it at 400,000 characters (sixteen times the quadratic cost).
    for (const text of [
      `${'1'.repeat(50_000)}x`,
      `${'1'.repeat(100_000)}.x`,
      `${'1'.repeat(100_000)}e`,
      `${'1'.repeat(400_000)}.x`,
    ]) {
      const parsed = runWithHangGuard(
        () => CsvNumberSchema.safeParse(text),
        `CsvNumberSchema on ${text.length} characters`,
      )
      expect(parsed.success).toBe(false)
    }
    const result = runWithHangGuard(
      () =>
        parseRecords(csvIntegerSchema(0, 10), [`${'9'.repeat(100_000)}!`], {
          onInvalid: 'collect',
        }),
      'csvIntegerSchema on 100,001 characters',
    )
    expect(result.rejected.length).toBe(1)
  })

  it("refuses a money amount that overflows ('1e9000000000000001' was Infinity)", () => {
    expect(MoneySchema.safeParse('1e9000000000000001').success).toBe(false)
    expect(MoneySchema.safeParse(`1${'0'.repeat(100_000)}`).success).toBe(false)
  })

  it('refuses rows that are not iterable with VALUE_OUT_OF_RANGE at path rows', () => {
    for (const bad of [null, undefined, 5, {}])
      expectMetricError(
        () => parseRecords(SurveyResponseSchema, bad as unknown as unknown[]),
        'VALUE_OUT_OF_RANGE',
        { path: ['rows'], metric: 'parseRecords' },
      )
    expectMetricError(() => parseRecords(null as never, []), 'INVALID_OPTION', {
      path: ['schema'],
      metric: 'parseRecords',
    })
    expectMetricError(
      () => parseRecords(SurveyResponseSchema, [], null as never),
      'INVALID_OPTION',
      { path: [], metric: 'parseRecords' },
    )
  })

  it('lets no input key reach a prototype and carries no own __proto__ / constructor / prototype', () => {
    const row = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "prototype": 1, "score": "9", "respondedAt": "2026-03-01"}',
    )
    const { records } = parseRecords(SurveyResponseSchema, [row])
    const record = records[0] as object
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(Object.hasOwn(record, key)).toBe(false)
    const calendar = JSON.parse(
      '{"timeZone": "UTC", "week": {"__proto__": [{"start": "09:00", "end": "17:00"}]}}',
    )
    expect(BusinessCalendarSchema.safeParse(calendar).success).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('found by the sweep: -0 is read as 0', () => {
    expect(Object.is(CsvNumberSchema.parse(-0), 0)).toBe(true)
    expect(Object.is(CsvNumberSchema.parse('-0'), 0)).toBe(true)
    expect(Object.is(CsvNumberSchema.parse('-0.0e5'), 0)).toBe(true)
  })

  it('found by the sweep: keys given as undefined are absent from a parsed calendar', () => {
    const calendar = BusinessCalendarSchema.parse({
      timeZone: 'UTC',
      week: { monday: undefined, tuesday: [{ start: '09:00', end: '17:00' }] },
      holidays: undefined,
    })
    expect(Object.hasOwn(calendar, 'holidays')).toBe(false)
    expect(Object.hasOwn(calendar.week, 'monday')).toBe(false)
  })

  it('found by the sweep: a hostile schema, options or Proxy row never escapes parseRecords', () => {
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
        getPrototypeOf() {
          throw new Error('trap')
        },
      },
    )
    expectMetricError(() => parseRecords(trap as never, []), 'INVALID_OPTION', {
      path: ['schema'],
      metric: 'parseRecords',
    })
    expectMetricError(
      () => parseRecords(SurveyResponseSchema, [], trap as never),
      'INVALID_OPTION',
      {
        path: ['onInvalid'],
        metric: 'parseRecords',
      },
    )
    // zod builds the issue message lazily from the input: reading it must not escape either.
    const { rejected } = parseRecords(OpportunityStatusSchema, [trap], { onInvalid: 'collect' })
    expect(rejected.map((row) => row.index)).toEqual([0])
    function* failing() {
      yield { score: 9, respondedAt: '2026-03-01' }
      throw new Error('source failed')
    }
    expectMetricError(() => parseRecords(SurveyResponseSchema, failing()), 'INVALID_OPTION', {
      path: ['rows'],
      metric: 'parseRecords',
      message: /row 1/,
    })
  })

  it('found by the sweep: a million-element list is refused at once, not element by element', () => {
    // Measured (notes/timing.md, BENCHMARKS): 8 ms and 4 ms now; before (commit 81c27dc)
    // 1.1 s element by element, and the calendar overflowed the stack. The hang guard is the
    // regression check for a hang; the per-element walk is slow, not a hang.
    const deal = {
      id: 'O',
      createdAt: '2026-01-01',
      amount: '1',
      status: 'open',
      stageHistory: new Array(1_000_000),
    }
    const parsedDeal = runWithHangGuard(
      () => OpportunitySchema.safeParse(deal),
      'OpportunitySchema with 1,000,000 stage changes',
    )
    expect(parsedDeal.success).toBe(false)
    const calendar = { timeZone: 'UTC', week: { monday: new Array(1_000_000) } }
    const parsedCalendar = runWithHangGuard(
      () => BusinessCalendarSchema.safeParse(calendar),
      'BusinessCalendarSchema with 1,000,000 Monday windows',
    )
    expect(parsedCalendar.success).toBe(false)
  })
})
