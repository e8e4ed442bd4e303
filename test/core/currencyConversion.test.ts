import { describe, expect, it } from 'vitest'
import {
  conversionFactor,
  readCurrencyOptions,
  resultCurrency,
} from '../../src/core/currencyConversion.js'
import { expectMetricError } from '../helpers.js'

describe('currencyConversion', () => {
  it('without rates: factor 1 and one shared currency', () => {
    const converter = readCurrencyOptions({}, 'm')
    expect(conversionFactor(converter, 'EUR', 0)).toBe(1)
    expect(resultCurrency(converter)).toBe('EUR')
    expectMetricError(() => conversionFactor(converter, 'USD', 1), 'CURRENCY_MISMATCH', {
      path: [1, 'currency'],
    })
  })

  it('with rates: the exact rate, 1 for the base or no currency, MISSING_FX_RATE otherwise', () => {
    const converter = readCurrencyOptions({ rates: { EUR: '1.08' }, baseCurrency: 'USD' }, 'm')
    expect(conversionFactor(converter, 'EUR', 0).toString()).toBe('1.08')
    expect(conversionFactor(converter, 'USD', 0)).toBe(1)
    expect(conversionFactor(converter, undefined, 0)).toBe(1)
    expect(resultCurrency(converter)).toBe('USD')
    expectMetricError(() => conversionFactor(converter, 'JPY', 3), 'MISSING_FX_RATE', {
      path: [3, 'currency'],
      message: 'm: no exchange rate from JPY to USD for 3.currency; add it to rates',
    })
  })

  it('refuses zero or negative rates and a missing base', () => {
    expectMetricError(
      () => readCurrencyOptions({ rates: { EUR: 0 }, baseCurrency: 'USD' }, 'm'),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['rates', 'EUR'],
      },
    )
    expectMetricError(
      () => readCurrencyOptions({ rates: { EUR: -1 }, baseCurrency: 'USD' }, 'm'),
      'NEGATIVE_VALUE',
      {
        path: ['rates', 'EUR'],
      },
    )
    expectMetricError(() => readCurrencyOptions({ rates: {} }, 'm'), 'INVALID_OPTION', {
      path: ['baseCurrency'],
    })
  })
})
