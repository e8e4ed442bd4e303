import { describe, expect, it } from 'vitest'
import { monthLabel, readMonth, readMonthOption } from '../../src/core/monthNumbers.js'
import { expectMetricError } from '../helpers.js'

describe('monthNumbers', () => {
  it('numbers months as year × 12 + month index and labels them back', () => {
    // March 2026 = 2026 × 12 + 2 = 24314 (hand arithmetic).
    expect(readMonthOption('2026-03', 'from', 'm')).toBe(24314)
    expect(monthLabel(24314)).toBe('2026-03')
    expect(monthLabel(1000 * 12)).toBe('1000-01')
  })

  it('reads a row month as text, a date or a Date in the time zone', () => {
    const text = new Map<string, number>()
    expect(readMonth('2026-03', 0, 'UTC', 'm', text)).toBe(24314)
    expect(readMonth('2024-02-29', 0, 'UTC', 'm', text)).toBe(2024 * 12 + 1)
    // 2026-03-31T23:30Z is already April in Berlin (UTC+2 in summer time).
    expect(readMonth(new Date('2026-03-31T23:30:00Z'), 0, 'Europe/Berlin', 'm', text)).toBe(24315)
    expect(readMonth(new Date('2026-03-31T23:30:00Z'), 0, 'UTC', 'm', text)).toBe(24314)
  })

  it('refuses impossible months with their codes and paths', () => {
    const text = new Map<string, number>()
    expectMetricError(() => readMonth('2026-02-29', 3, 'UTC', 'm', text), 'INVALID_DATE', {
      path: [3, 'month'],
    })
    expectMetricError(() => readMonth(new Date(Number.NaN), 1, 'UTC', 'm', text), 'INVALID_DATE', {
      path: [1, 'month'],
    })
    expectMetricError(() => readMonthOption('2026-13', 'to', 'm'), 'INVALID_OPTION', {
      path: ['to'],
    })
    expectMetricError(() => readMonthOption('0999-01', 'from', 'm'), 'INVALID_OPTION', {
      path: ['from'],
    })
  })
})
