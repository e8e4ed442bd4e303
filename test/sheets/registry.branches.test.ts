import { describe, expect, it } from 'vitest'
import { SHEET_FUNCTIONS } from '../../src/sheets/registry.js'
import type { SheetRange } from '../../src/sheets/sheetValues.js'
import { call, col, expectSheetError } from './sheetCalls.js'

const entry = (name: string) => {
  const found = SHEET_FUNCTIONS.find((candidate) => candidate.name === name)
  if (found === undefined) throw new Error(`no ${name}`)
  return found
}
const rangeOf = (...values: number[]): SheetRange => ({ cells: values.map((value) => [value]) })

describe('registry argument checks (called directly, without the host adapter)', () => {
  it('refuses more arguments than parameters', () => {
    // CES takes two parameters (ratings, max); three arguments are one too many.
    expectSheetError(
      () => entry('CES').compute([rangeOf(7), 7, 1]),
      'VALUE',
      'CES: takes at most 2 arguments, got 3',
    )
  })

  it('refuses a missing required range', () => {
    expectSheetError(() => entry('CES').compute([undefined]), 'VALUE', 'CES: ratings is missing')
  })

  it('refuses a single value where a range is required', () => {
    expectSheetError(() => entry('CES').compute([5]), 'VALUE', 'CES: ratings must be a range')
  })

  it('refuses a range where a single value is required', () => {
    expectSheetError(
      () => entry('CHURN_RATE').compute([rangeOf(1), 1]),
      'VALUE',
      'CHURN_RATE: start_customers must be a single value',
    )
  })

  it('computes with a range for a range and numbers for the rest', () => {
    // CES: mean of 7 and 5 = 6 (max omitted → 7); with max 10 the mean is still 6.
    expect(entry('CES').compute([rangeOf(7, 5)])).toBe(6)
    expect(entry('CES').compute([rangeOf(7, 5), 10])).toBe(6)
  })
})

describe('MASE seasonality errors from the core', () => {
  it.each([0, 1.5])('refuses seasonality %s with #VALUE!, naming the option', (seasonality) => {
    // The contract: seasonality is a whole number ≥ 1. The core's path is ['seasonality'],
    // which names no actual/forecast/training cell, so the message keeps the option's name.
    expectSheetError(
      () => call('MASE', col(1, 2), col(1, 3), col(1, 2, 3), seasonality),
      'VALUE',
      new RegExp(`^MASE: option seasonality is ${seasonality}; it must be an integer from 1`),
    )
  })
})

describe('core errors named at their cell', () => {
  it('ACCOUNT_GROWTH names a bad from or to month, and reads month serials in the 1904 system', () => {
    // There is no 13th month: the core refuses option from.
    expectSheetError(
      () => call('ACCOUNT_GROWTH', col('a'), col('2026-01'), col(100), '2026-13', '2026-06'),
      'VALUE',
      /^ACCOUNT_GROWTH: from is the text "2026-13"; /,
    )
    // to must be a month after from.
    expectSheetError(
      () => call('ACCOUNT_GROWTH', col('a'), col('2026-01'), col(100), '2026-06', '2026-01'),
      'VALUE',
      /^ACCOUNT_GROWTH: to is the text "2026-01"; /,
    )
    // In the 1904 system serial 0 is 1904-01-01, so the row is January 1904. Account a has 100
    // then and nothing in February: churned → share expanding 0, median growth −1, NRR 0 / 100.
    expect(call('ACCOUNT_GROWTH', col('a'), col(0), col(100), '1904-01', '1904-02', 1904)).toEqual([
      [0, -1, 0],
    ])
    expectSheetError(
      () => call('ACCOUNT_GROWTH', col('a'), col('2026-01'), col(100), '2026-01', '2026-06', 1901),
      'VALUE',
      'ACCOUNT_GROWTH: date_system must be 1900 or 1904',
    )
  })

  it('CX_SCORE names the weights cell of a bad weight and the worst cell of an empty range', () => {
    // Weights must be > 0 (#NUM!, a value out of range), found in row 1 of weights.
    expectSheetError(
      () => call('CX_SCORE', col(5), col(0), col(10), col(-1)),
      'NUM',
      /^CX_SCORE: row 1 of weights is -1; /,
    )
    expectSheetError(
      () => call('CX_SCORE', col(5), col(0), col(10), col(0)),
      'NUM',
      /^CX_SCORE: row 1 of weights is 0; /,
    )
    // worst = best leaves no range to place the value in; the range is named at worst.
    expectSheetError(
      () => call('CX_SCORE', col(5), col(5), col(5), col(1)),
      'NUM',
      /^CX_SCORE: row 1 of worst is 5; /,
    )
  })

  it('SHRUNK_RATE names the successes or trials cell the core refuses', () => {
    // 5 successes of 3 trials is impossible: named at successes.
    expectSheetError(
      () => call('SHRUNK_RATE', col(5, 1), col(3, 2)),
      'VALUE',
      /^SHRUNK_RATE: row 1 of successes is 5; /,
    )
    // A negative trial count is a value out of range (#NUM!), named at trials.
    expectSheetError(
      () => call('SHRUNK_RATE', col(1, 1), col(-3, 2)),
      'NUM',
      /^SHRUNK_RATE: row 1 of trials is -3; /,
    )
  })

  it('QUOTA_PACING names booked, quota and period_end, and nothing for an overflow', () => {
    // 46023 = 2026-01-01 and 46112 = 2026-03-31 (1900 serials; 45658 = 2025-01-01, + 365, + 89).
    expectSheetError(
      () => call('QUOTA_PACING', -1, 100, 46023, 46112, 46050),
      'NUM',
      /^QUOTA_PACING: booked is -1; /,
    )
    expectSheetError(
      () => call('QUOTA_PACING', 10, -100, 46023, 46112, 46050),
      'NUM',
      /^QUOTA_PACING: quota is -100; /,
    )
    // The period ends before it starts: named at period_end.
    expectSheetError(
      () => call('QUOTA_PACING', 10, 100, 46112, 46023, 46050),
      'VALUE',
      /^QUOTA_PACING: period_end is 46023; /,
    )
    // 1e308 booked against a quota of 1e-308 overflows the ratio: #NUM!, and no input cell is
    // named (the error is about the result, not one argument).
    expectSheetError(
      () => call('QUOTA_PACING', 1e308, 1e-308, 46023, 46112, 46050),
      'NUM',
      /^QUOTA_PACING: (?!booked is|quota is|period_start is|period_end is)/,
    )
  })
})
