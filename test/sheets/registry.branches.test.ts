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
