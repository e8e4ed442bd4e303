import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { averageDealSize } from '../../src/pipeline/averageDealSize.js'
import { OpportunityStatusSchema } from '../../src/schemas/OpportunitySchema.js'
import { CORE_FUNCTIONS } from '../../src/sheets/coreFunctions.js'
import { runSheetFunction, sheetFunction } from '../../src/sheets/hostAdapter.js'
import { LOST_LABELS, SHEET_FUNCTIONS, WON_LABELS } from '../../src/sheets/registry.js'
import type { SheetCell } from '../../src/sheets/sheetValues.js'
import { runWithHangGuard } from '../hangGuard.js'
import { call, callAt, col, expectSheetError } from './sheetCalls.js'

const names = [
  'NPS',
  'NPS_CI',
  'NPS_BREAKDOWN',
  'CSAT',
  'CES',
  'RETENTION_RATE',
  'CHURN_RATE',
  'GRR',
  'NRR',
  'WIN_RATE',
  'STAGE_CONVERSION',
  'SALES_VELOCITY',
  'PIPELINE_COVERAGE',
  'MAPE',
  'WAPE',
  'SMAPE',
  'MASE',
  'FORECAST_BIAS',
  'FORECAST_ACCURACY',
  'BUSINESS_HOURS',
  'LEAD_TO_QUOTE_DAYS',
  'LEAD_TO_QUOTE_MEDIAN',
  'CX_SCORE',
  'QUOTA_ATTAINMENT',
  'SHRUNK_RATE',
  'AVG_DEAL_SIZE',
  'QUOTA_PACING',
  'ACCOUNT_GROWTH',
]

afterEach(() => {
  vi.restoreAllMocks()
})

describe('spreadsheet registry', () => {
  it("lists every name of SPEC's list, valid in both hosts", () => {
    expect(SHEET_FUNCTIONS.map((entry) => entry.name)).toEqual(names)
    for (const name of names) {
      expect(name).toMatch(/^[A-Z][A-Z_]+[A-Z]$/)
      expect(name.length).toBeGreaterThanOrEqual(3)
      expect(name).not.toMatch(/^[A-Z]{1,3}\d+$/)
    }
  })

  it('computes each KPI like the core functions (values worked by hand)', () => {
    // CSAT: 2 of the 3 ratings are ≥ 4.
    expect(call('CSAT', col(5, 4, 3, null))).toBeCloseTo(2 / 3, 15)
    // CES: mean of 7 and 5.
    expect(call('CES', col(7, 5))).toBe(6)
    // (210 − 30) / 200; 12 / 200; (10000 − 300 − 700) / 10000; (10000 + 1500 − 300 − 700) / 10000.
    expect(call('RETENTION_RATE', 200, 210, 30)).toBe(0.9)
    expect(call('CHURN_RATE', 200, 12)).toBe(0.06)
    expect(call('GRR', 10000, 300, 700)).toBe(0.9)
    expect(call('NRR', 10000, 1500, 300, 700)).toBe(1.05)
    // Won, won of Won, lost, won (Open skipped): 2 / 3.
    expect(call('WIN_RATE', col('Won', 'lost', 'Open', 'won', null))).toBeCloseTo(2 / 3, 15)
    expect(call('WIN_RATE', col('Y', 'N'), 'Y', 'N')).toBe(0.5)
    // 50 × 20000 × 0.25 / 50 = 5000; 900000 / 300000 = 3.
    expect(call('SALES_VELOCITY', 50, 20000, 0.25, 50)).toBe(5000)
    expect(call('PIPELINE_COVERAGE', 900000, 300000)).toBe(3)
    // MAPE: mean of 10/100 and 5/50 (the zero actual left out) = 0.1.
    expect(call('MAPE', col(100, 0, 50), col(110, 5, 45))).toBe(0.1)
    // SMAPE (M4): mean of 2·50/150 and 0 (0/0 counts as 0) = 1/3.
    expect(call('SMAPE', col(100, 0), col(50, 0))).toBeCloseTo(1 / 3, 15)
    // MASE: MAE 1 over the naive in-sample MAE of 10,12,14,16 (2) = 0.5; without training the
    // scale is the naive MAE of 10,12,16 (3) and the MAE is 1: 1/3.
    expect(call('MASE', col(18, 20), col(17, 21), col(10, 12, 14, 16))).toBe(0.5)
    expect(call('MASE', col(10, 12, 16), col(11, 13, 15), undefined, 1)).toBeCloseTo(1 / 3, 15)
    // Bias: (20 + 10) / 300 = 0.1.
    expect(call('FORECAST_BIAS', col(100, 200), col(120, 210))).toBe(0.1)
    // Lead 1 → quote 2 (1 day), lead 2 → quote 5 (3 days), lead 3 open: median of 1 and 3.
    expect(call('LEAD_TO_QUOTE_MEDIAN', col(1, 2, 3), col(2, 5, null))).toBe(2)
    // Monday 2 March 2026 00:00 is serial 46083 (1900 system) and 44621 (1904 system); to Wednesday 00:00: 16 h.
    expect(call('BUSINESS_HOURS', 46083, 46085)).toBe(16)
    expect(call('BUSINESS_HOURS', 44621, 44623, undefined, undefined, col(44622), 1904)).toBe(8)
    // CX_SCORE: NPS 40 on −100..100 (w 2), churn 0.1 with worst 0.5 best 0 (w 1) → (2·0.7 + 0.8)/3
    expect(call('CX_SCORE', col(40, 0.1), col(-100, 0.5), col(100, 0), col(2, 1))).toBeCloseTo(
      (100 * 2.2) / 3,
      12,
    )
  })

  it('refuses impossible spreadsheet inputs with a spreadsheet error', () => {
    expectSheetError(() => call('WIN_RATE', col('Open')), 'DIV0')
    expectSheetError(() => call('STAGE_CONVERSION', col(5)), 'VALUE')
    expectSheetError(() => call('RETENTION_RATE', null, 1, 1), 'VALUE')
    expectSheetError(() => call('WIN_RATE', col('Won'), 5), 'VALUE')
    expectSheetError(() => call('LEAD_TO_QUOTE_DAYS', col(1, 2), col(3)), 'VALUE')
    expectSheetError(
      () => call('LEAD_TO_QUOTE_DAYS', col('x'), col(3)),
      'VALUE',
      'row 1 of lead_dates',
    )
    expectSheetError(() => call('LEAD_TO_QUOTE_MEDIAN', col(1), col(null)), 'DIV0')
    expectSheetError(() => call('LEAD_TO_QUOTE_MEDIAN', col(1), col(2, 3)), 'VALUE')
    expectSheetError(() => call('BUSINESS_HOURS', null, 1), 'VALUE')
    expectSheetError(() => call('BUSINESS_HOURS', 1, 2, null, null, null, 2000), 'VALUE')
    expectSheetError(() => call('CX_SCORE', col(1), col(0, 1), col(2), col(1)), 'VALUE')
    expectSheetError(() => call('CX_SCORE', col('x'), col(0), col(2), col(1)), 'VALUE')
    expectSheetError(() => call('CX_SCORE', col(null), col(0), col(2), col(1)), 'DIV0')
    expectSheetError(() => call('SALES_VELOCITY', 1, 1, 0.5, 0), 'DIV0')
  })
})

describe('every entry calls its declared library function', () => {
  // One valid call per entry; a new entry without a sample fails the first test.
  const samples: Record<string, unknown[]> = {
    NPS: [col(10, 9, 0)],
    NPS_CI: [col(10, 9, 0)],
    NPS_BREAKDOWN: [col(10, 9, 0)],
    CSAT: [col(5, 4, 1)],
    CES: [col(5, 6)],
    RETENTION_RATE: [100, 95, 5],
    CHURN_RATE: [100, 5],
    GRR: [100, 5, 5],
    NRR: [100, 10, 5, 5],
    WIN_RATE: [col('Won', 'Lost')],
    STAGE_CONVERSION: [col(10, 5, 2)],
    SALES_VELOCITY: [10, 100, 0.5, 10],
    PIPELINE_COVERAGE: [300, 100],
    MAPE: [col(100, 50), col(90, 60)],
    WAPE: [col(100, 50), col(90, 60)],
    SMAPE: [col(100, 50), col(90, 60)],
    MASE: [col(100, 50, 70), col(90, 60, 70)],
    FORECAST_BIAS: [col(100, 50), col(90, 60)],
    FORECAST_ACCURACY: [col(100, 50), col(90, 60)],
    BUSINESS_HOURS: [46083, 46085],
    LEAD_TO_QUOTE_DAYS: [col(46083), col(46084)],
    LEAD_TO_QUOTE_MEDIAN: [col(46083), col(46084)],
    CX_SCORE: [col(40), col(-100), col(100), col(1)],
    QUOTA_ATTAINMENT: [col('ana'), col(100), col('ana'), col(50)],
    SHRUNK_RATE: [col(2, 40), col(2, 60)],
    AVG_DEAL_SIZE: [col(100, 300)],
    // 2026-01-01 = 46023, 2026-03-31 = 46112, 2026-02-10 = 46063 (1900 serials).
    QUOTA_PACING: [300000, 1000000, 46023, 46112, 46063],
    ACCOUNT_GROWTH: [col('a', 'a'), col('2026-01', '2026-06'), col(100, 150), '2026-01', '2026-06'],
  }

  it('has a sample call for every entry, and each declared function is a library export', async () => {
    expect(Object.keys(samples).sort()).toEqual([...names].sort())
    const library = (await import('../../src/index.js')) as Record<string, unknown>
    for (const entry of SHEET_FUNCTIONS) {
      expect(library[entry.calls]).toBe(CORE_FUNCTIONS[entry.calls])
    }
  })

  it.each(names)('%s calls its core function (a spy on it is called)', (name) => {
    const entry = SHEET_FUNCTIONS.find((item) => item.name === name)!
    const spy = vi.spyOn(CORE_FUNCTIONS, entry.calls)
    call(name, ...(samples[name] as unknown[]))
    expect(spy).toHaveBeenCalled()
  })

  // What each core function is made to return, and what the cell must then show: the cell
  // is the core's answer, not a value the entry worked out on its own.
  const replaced: Record<string, [unknown, unknown]> = {
    NPS: [{ score: 12.5 }, 12.5],
    NPS_CI: [{ score: 1, lower: 0.5, upper: 2 }, [[1, 0.5, 2]]],
    NPS_BREAKDOWN: [
      { promoterShare: 0.1, passiveShare: 0.2, detractorShare: 0.7, total: 10 },
      [[0.1, 0.2, 0.7, 10]],
    ],
    CSAT: [{ score: 0.42 }, 0.42],
    CES: [{ score: 4.2 }, 4.2],
    RETENTION_RATE: [0.42, 0.42],
    CHURN_RATE: [0.42, 0.42],
    GRR: [0.42, 0.42],
    NRR: [0.42, 0.42],
    WIN_RATE: [{ rate: 0.42 }, 0.42],
    STAGE_CONVERSION: [
      [{ rate: 0.42 }, { rate: 0.1 }, { rate: null }],
      [[0.42], [0.1]],
    ],
    SALES_VELOCITY: [new Decimal(42), 42],
    PIPELINE_COVERAGE: [0.42, 0.42],
    MAPE: [0.42, 0.42],
    WAPE: [0.42, 0.42],
    SMAPE: [0.42, 0.42],
    MASE: [0.42, 0.42],
    FORECAST_BIAS: [0.42, 0.42],
    FORECAST_ACCURACY: [0.42, 0.42],
    BUSINESS_HOURS: [42, 42],
    LEAD_TO_QUOTE_DAYS: [[{ censored: false, duration: 4.2 }], [[4.2]]],
    LEAD_TO_QUOTE_MEDIAN: [{ median: 4.2 }, 4.2],
    CX_SCORE: [{ score: 42 }, 42],
    QUOTA_ATTAINMENT: [{ rows: [{ attainment: 0.42 }] }, [[0.42]]],
    SHRUNK_RATE: [{ rows: [{ shrunk: 0.42 }, { shrunk: 0.1 }] }, [[0.42], [0.1]]],
    AVG_DEAL_SIZE: [
      { initial: () => ({}), addAll: () => ({}), result: () => ({ mean: new Decimal(42) }) },
      42,
    ],
    QUOTA_PACING: [{ paceRatio: 0.42 }, 0.42],
    ACCOUNT_GROWTH: [
      { summary: { shareExpanding: 0.1, medianGrowth: 0.2, netRevenueRetention: 1.05 } },
      [[0.1, 0.2, 1.05]],
    ],
  }

  it.each(names)('%s shows what its core function returns', (name) => {
    const entry = SHEET_FUNCTIONS.find((item) => item.name === name)!
    const [result, cell] = replaced[name]!
    vi.spyOn(CORE_FUNCTIONS, entry.calls).mockReturnValue(result as never)
    expect(call(name, ...(samples[name] as unknown[]))).toEqual(cell)
  })
})

describe('WIN_RATE reads the labels OpportunitySchema reads', () => {
  it('counts Closed Lost as lost: Won, Closed Lost, Closed Lost, Lost is 1 / 4 (was 0.5)', () => {
    expect(call('WIN_RATE', col('Won', 'Closed Lost', 'Closed Lost', 'Lost'))).toBe(0.25)
  })

  it('works with Salesforce labels only, any case (was #DIV/0!)', () => {
    // 2 Closed Won, 1 closed lost, Prospecting is an open stage: 2 / 3.
    expect(
      call('WIN_RATE', col('Closed Won', 'closed lost', 'CLOSED WON', 'Prospecting', null)),
    ).toBeCloseTo(2 / 3, 15)
    expect(call('WIN_RATE', col('closed-won', 'closed-lost'))).toBe(0.5)
  })

  it('maps each default label as OpportunitySchema does', () => {
    for (const label of WON_LABELS) expect(OpportunityStatusSchema.parse(label)).toBe('won')
    for (const label of LOST_LABELS) expect(OpportunityStatusSchema.parse(label)).toBe('lost')
    for (const text of ['Won', 'Closed Won', 'closed-won', 'LOST', 'Closed Lost', 'closed-lost']) {
      const status = OpportunityStatusSchema.parse(text)
      // One won or one lost outcome gives a win rate of 1 or 0.
      expect(call('WIN_RATE', col(text))).toBe(status === 'won' ? 1 : 0)
    }
  })

  it('answers #VALUE! naming the cell for a value that is not text', () => {
    expectSheetError(
      () => call('WIN_RATE', col('Won', null, 1)),
      'VALUE',
      'WIN_RATE: row 3 of outcomes is 1; expected an outcome as text',
    )
    expectSheetError(() => call('WIN_RATE', col(true)), 'VALUE', 'the logical value TRUE')
    expectSheetError(
      () => callAt('WIN_RATE', [{ row: 4, column: 2 }], col('Won', false)),
      'VALUE',
      'C6',
    )
    expectSheetError(() => call('WIN_RATE', col('Won'), 'Y', 'y'), 'VALUE', 'the same')
  })
})

describe('STAGE_CONVERSION', () => {
  it('gives reached(k+1) / reached(k): 100, 90, 70 → 0.9, 7/9, and a hole for 0/0', () => {
    expect(call('STAGE_CONVERSION', col(100, 90, 70))).toEqual([[0.9], [70 / 90]])
    expect(call('STAGE_CONVERSION', col(100, 0, 0))).toEqual([[0], [null]])
  })

  it('refuses a count above the stage before it (10 then 20 gave 2) with #NUM! naming the cell', () => {
    expectSheetError(
      () => call('STAGE_CONVERSION', col(10, 20)),
      'NUM',
      /STAGE_CONVERSION: row 2 of stage_counts is 20, more than the 10 deals/,
    )
  })

  it('refuses a negative or fractional count (10 then −5 gave −0.5)', () => {
    expectSheetError(
      () => call('STAGE_CONVERSION', col(10, -5)),
      'NUM',
      'row 2 of stage_counts is -5',
    )
    expectSheetError(() => call('STAGE_CONVERSION', col(10, 2.5)), 'NUM', 'whole number')
    expectSheetError(() => call('STAGE_CONVERSION', col(2e7, 1)), 'NUM', 'at most')
  })

  it('handles a large funnel without a hang', () => {
    // Stage counts of 1,000,000 then 250,000 (work that grew with the counts would blow up).
    // Hand: 250,000 / 1,000,000 = 0.25. Measured: ~60 ms (notes/timing.md,
    // BENCHMARKS); the hang guard is the regression check.
    expect(
      runWithHangGuard(
        () => call('STAGE_CONVERSION', col(1_000_000, 250_000)),
        'STAGE_CONVERSION of counts 1,000,000 → 250,000',
      ),
    ).toEqual([[0.25]])
  })
})

describe('LEAD_TO_QUOTE_DAYS and LEAD_TO_QUOTE_MEDIAN give what leadToQuoteTimes gives', () => {
  it('leaves a quote before its lead out, as the library does (gave −3 and −1)', () => {
    // leadToQuoteTimes ignores a quote earlier than its lead: the lead is not quoted.
    expect(call('LEAD_TO_QUOTE_DAYS', col(5), col(2))).toEqual([[null]])
    expectSheetError(() => call('LEAD_TO_QUOTE_MEDIAN', col(5), col(2)), 'DIV0')
    // With a good row beside it: lead 1 → quote 3 is 2 days; the median is over that row only.
    expect(call('LEAD_TO_QUOTE_DAYS', col(5, 1), col(2, 3))).toEqual([[null], [2]])
    expect(call('LEAD_TO_QUOTE_MEDIAN', col(5, 1), col(2, 3))).toBe(2)
  })

  it('keeps the column as tall as the input, with holes for blank leads or quotes', () => {
    // 2000-01-01 is serial 36526; 2000-01-03 12:00 is 36528.5: 2.5 days.
    expect(call('LEAD_TO_QUOTE_DAYS', col(36526, null, 36527), col(36528.5, 36530, null))).toEqual([
      [2.5],
      [null],
      [null],
    ])
    expect(call('LEAD_TO_QUOTE_DAYS', col(null), col(null))).toEqual([[null]])
  })
})

describe('messages name the cell as the sheet user sees it', () => {
  it('#NUM! NPS: A4 is 11 when the host gives the address, else row 4 of scores', () => {
    expectSheetError(
      () => callAt('NPS', [{ row: 0, column: 0 }], col(10, 9, null, 11)),
      'NUM',
      /^NPS: A4 is 11; scores must be integers from 0 to 10/,
    )
    expectSheetError(() => call('NPS', col(10, 9, null, 11)), 'NUM', /^NPS: row 4 of scores is 11;/)
    expectSheetError(() => call('NPS', [[10, null, 11]]), 'NUM', /^NPS: column 3 of scores is 11;/)
    expectSheetError(
      () =>
        call('NPS', [
          [10, null],
          [9, 11],
        ]),
      'NUM',
      /^NPS: row 2, column 2 of scores is 11;/,
    )
    expectSheetError(
      () => callAt('CSAT', [{ row: 9, column: 27 }], col(5, null, 9)),
      'NUM',
      /^CSAT: AB12 is 9;/,
    )
  })

  it('names the cell of a pair, a CX component and a scalar argument', () => {
    expectSheetError(
      () => call('WAPE', col(1, null, 'x'), col(1, 2, 3)),
      'VALUE',
      'WAPE: row 3 of actuals is the text "x"',
    )
    expectSheetError(
      () => call('CX_SCORE', col(40, 500), col(-100, -100), col(100, 100), col(1, 1)),
      'NUM',
      /^CX_SCORE: row 2 of values is 500;/,
    )
    expectSheetError(
      () => call('CX_SCORE', col(40, 5), col(-100, 0), col(100, 10), col(1, null)),
      'VALUE',
      'CX_SCORE: row 2 of weights is blank',
    )
    expectSheetError(() => call('CHURN_RATE', 100, -5), 'NUM', /^CHURN_RATE: lost_customers is -5/)
    expectSheetError(
      () => call('CX_SCORE', col(null, 40), col(null, -100), col(null, 100), col(null, 0)),
      'NUM',
      /^CX_SCORE: row 2 of weights is 0;/,
    )
    expectSheetError(
      () =>
        callAt('MASE', [undefined, undefined, { row: 1, column: 4 }], col(1), col(2), col(3, 'x')),
      'VALUE',
      'MASE: E3 is the text "x"',
    )
  })
})

describe('BUSINESS_HOURS reads day start and end as a sheet holds them', () => {
  it('accepts "9:00", "09:00", "9:00:00" and a time-formatted cell (0.375 of a day)', () => {
    // Monday 2 March 2026 00:00 (46083) to Wednesday 00:00: two days of 09:00–17:00 = 16 h.
    expect(call('BUSINESS_HOURS', 46083, 46085, '9:00', '17:00')).toBe(16)
    expect(call('BUSINESS_HOURS', 46083, 46085, '9:00:00', '17:00:00')).toBe(16)
    expect(call('BUSINESS_HOURS', 46083, 46085, 0.375, 17 / 24)).toBe(16)
    // 8:30–17:00 is 8.5 h a day: 17 h.
    expect(call('BUSINESS_HOURS', 46083, 46085, '8:30', 17 / 24)).toBe(17)
  })

  it('refuses dates before 1900-03-01, where Excel and Sheets number days differently', () => {
    // Excel's serial 60 is the 29 February 1900 that never was; Sheets' serial 60 is 28 February.
    expectSheetError(() => call('BUSINESS_HOURS', 60, 70), 'NUM', 'start is 60, before 1900-03-01')
    expectSheetError(
      () => call('BUSINESS_HOURS', 61, 70, null, null, col(10)),
      'NUM',
      'row 1 of holidays is 10, before 1900-03-01',
    )
    expectSheetError(
      () => call('BUSINESS_HOURS', -1, 1, null, null, null, 1904),
      'NUM',
      '1904-01-01',
    )
    // 1900-03-01 (serial 61) was a Thursday: 61 → 63 (Saturday 00:00) holds Thursday and Friday, 16 h.
    expect(call('BUSINESS_HOURS', 61, 63)).toBe(16)
  })

  it('refuses other times with #VALUE!', () => {
    expectSheetError(() => call('BUSINESS_HOURS', 46083, 46085, '9am'), 'VALUE', 'day_start')
    expectSheetError(() => call('BUSINESS_HOURS', 46083, 46085, 1.5), 'VALUE', 'day_start')
    expectSheetError(() => call('BUSINESS_HOURS', 46083, 46085, '9:00:30'), 'VALUE', 'day_start')
    expectSheetError(() => call('BUSINESS_HOURS', 46083, 46085, true), 'VALUE', 'day_start')
  })
})

describe('numbers typed as text', () => {
  it('reads "9" in a score range as 9', () => {
    // 9 and 10 promoters, 0 a detractor: (2 − 1) / 3 × 100.
    expect(call('NPS', col('9', '10', '0'))).toBeCloseTo(100 / 3, 12)
    expect(call('CHURN_RATE', '200', '12')).toBe(0.06)
  })

  it('does not read "0x10", "", " ", " 12 ", "1e400" or booleans as numbers', () => {
    for (const cell of ['0x10', '', ' ', ' 12 ', '1e400', true, false]) {
      expectSheetError(() => call('NPS', col(cell)), 'VALUE', 'expected a number')
    }
  })
})

describe('cells never receive Infinity, NaN or -0', () => {
  it('answers #NUM! where the value is not finite', () => {
    // 1 / 5e-324 overflows to Infinity.
    expectSheetError(() => call('PIPELINE_COVERAGE', 1, 5e-324), 'NUM')
    expectSheetError(() => call('SALES_VELOCITY', 1e308, 1e308, 1, 1), 'NUM')
  })

  it('writes 0 for -0', () => {
    expect(Object.is(call('CHURN_RATE', 200, -0), 0)).toBe(true)
    expect(Object.is(call('PIPELINE_COVERAGE', -0, 5), 0)).toBe(true)
  })

  it('never returns a non-finite number or -0, nor changes its input, for any cells (property)', () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.double(),
      fc.constantFrom(-0, 0, 1, 5e-324, 1e308, -1e308, 200, 46083),
      fc.integer({ min: -3, max: 12 }),
      fc.constantFrom('9', 'Won', 'Lost', 'Closed Lost', '', '9:00', '1e400'),
      fc.boolean(),
      fc.constant({ sheetError: '#N/A' }),
    )
    const argument = fc.oneof(
      cell,
      fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
    )
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(argument, { maxLength: 6 }), (name, args) => {
        const before = JSON.stringify(args)
        const outcome = runSheetFunction(sheetFunction(name), args, (value) => value as SheetCell)
        if (JSON.stringify(args) !== before) return false
        if (!outcome.ok) return ['DIV0', 'VALUE', 'NUM', 'NA'].includes(outcome.error.code)
        const numbers = typeof outcome.value === 'number' ? [outcome.value] : outcome.value.flat()
        return numbers.every(
          (value) => value === null || (Number.isFinite(value) && !Object.is(value, -0)),
        )
      }),
      { numRuns: 2000 },
    )
  })
})

describe('CX_SCORE treats a blank spacer row the same in every range', () => {
  it('skips a row blank in all four ranges (was misaligned)', () => {
    // As in the worked example above: (2·0.7 + 0.8)/3 × 100, the spacer row left out.
    expect(
      call(
        'CX_SCORE',
        col(40, null, 0.1),
        col(-100, null, 0.5),
        col(100, null, 0),
        col(2, null, 1),
      ),
    ).toBeCloseTo((100 * 2.2) / 3, 12)
  })

  it('leaves out a blank value whose row has a scale and weight (renormalized)', () => {
    // Only NPS 40 on −100..100 is present: 70.
    expect(call('CX_SCORE', col(40, null), col(-100, 0), col(100, 1), col(1, 1))).toBeCloseTo(
      70,
      12,
    )
  })
})

describe('SHRUNK_RATE and AVG_DEAL_SIZE', () => {
  it('SHRUNK_RATE spills the shrunk rates of shrunkRates, blank where a row has a blank', () => {
    // The issue-14 team of test/reference/shrunk_rates.py (TEAM): 2/2 → 0.61506, 40/60 → 0.65012.
    const column = call(
      'SHRUNK_RATE',
      col(2, 40, null, 10, 20, 8),
      col(2, 60, null, 40, 40, 20),
    ) as (number | null)[][]
    expect(column).toHaveLength(6)
    expect(column[0]?.[0]).toBeCloseTo(0.6150562351990052, 12)
    expect(column[1]?.[0]).toBeCloseTo(0.6501235204575957, 12)
    expect(column[2]?.[0]).toBeNull()
    expect(column[3]?.[0]).toBeCloseTo(0.2834076886562061, 12)
  })

  it('SHRUNK_RATE names the cell of a refused count', () => {
    expectSheetError(
      () => call('SHRUNK_RATE', col(3, 1), col(2, 5)),
      'VALUE',
      'SHRUNK_RATE: row 1 of successes is 3; successes cannot exceed trials',
    )
    expectSheetError(() => call('SHRUNK_RATE', col(1, 2), col(3)), 'VALUE')
  })

  it('AVG_DEAL_SIZE averages won amounts: (1000 + 3000) / 2 = 2000, the lost and open ones left out', () => {
    expect(
      call('AVG_DEAL_SIZE', col(1000, 500, 3000, 700), col('Won', 'Lost', 'closed won', 'Open')),
    ).toBe(2000)
    // Without outcomes every amount is a won deal: (100 + 300 + 200) / 3 = 200; blanks skipped.
    expect(call('AVG_DEAL_SIZE', col(100, null, 300, 200))).toBe(200)
    // The same number as the library's averageDealSize on the same deals.
    const amounts = [1200.5, 4500, 800.25, 15000, 3000]
    const deals = amounts.map((amount, index) => ({
      id: String(index),
      createdAt: new Date('2026-01-01'),
      closedAt: new Date('2026-01-02'),
      amount,
      status: 'won' as const,
      stageHistory: [],
    }))
    expect(call('AVG_DEAL_SIZE', col(...amounts))).toBe(averageDealSize(deals).mean?.toNumber())
  })

  it('AVG_DEAL_SIZE refuses a negative amount and shows #DIV/0! without a won deal', () => {
    expectSheetError(
      () => call('AVG_DEAL_SIZE', col(100, -5)),
      'NUM',
      'AVG_DEAL_SIZE: row 2 of amounts is -5; amounts must not be negative',
    )
    expectSheetError(() => call('AVG_DEAL_SIZE', col(100), col('Lost')), 'DIV0')
    expectSheetError(() => call('AVG_DEAL_SIZE', col(100, 200), col('Won')), 'VALUE')
  })
})
