import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  NUMBER_LOCALES,
  readDecimalText,
  readFraction,
  readLocaleNumber,
  shiftPoint,
} from '../../../src/sources/read/numbers.js'

describe('readDecimalText', () => {
  // Expected values: the digits as written, separators removed by hand.
  it('reads each locale with its own separators', () => {
    expect(readDecimalText('48,000.00', 'en')).toBe('48000.00')
    expect(readDecimalText('48.000,00', 'de')).toBe('48000.00')
    expect(readDecimalText('48 000,00', 'fr')).toBe('48000.00')
    expect(readDecimalText('48\u00a0000,00', 'fr')).toBe('48000.00')
    expect(readDecimalText('48\u202f000,00', 'fr')).toBe('48000.00')
    expect(readDecimalText("48'000.00", 'ch')).toBe('48000.00')
    expect(readDecimalText('1,234,567.5', 'en')).toBe('1234567.5')
    expect(readDecimalText(' -12.5 ', 'en')).toBe('-12.5')
    expect(readDecimalText('+7', 'en')).toBe('7')
    expect(readDecimalText('.5', 'en')).toBe('0.5')
    expect(readDecimalText('-0.00', 'en')).toBe('0.00')
  })

  it('never guesses the locale: the same text reads by the stated one', () => {
    // '48.000,00' is German for 48000; in 'en' the comma after three decimals is no number.
    expect(readDecimalText('48.000,00', 'en')).toBeNull()
    expect(readDecimalText('48,000.00', 'de')).toBeNull()
    // '1,234' is 1234 in 'en' and 1.234 in 'de'.
    expect(readDecimalText('1,234', 'en')).toBe('1234')
    expect(readDecimalText('1,234', 'de')).toBe('1.234')
  })

  it('refuses misplaced separators, exponents, symbols and junk', () => {
    for (const text of [
      '1,23',
      '12,34,567',
      '1234,567',
      ',123',
      '1,',
      '12.3.4',
      '1e5',
      '$100',
      '(5)',
      '0x10',
      'NaN',
      '.',
      '-',
      '5%',
    ])
      expect(readDecimalText(text, 'en'), text).toBeNull()
  })

  it('reads blanks as absent and refuses non-strings other than finite numbers', () => {
    expect(readDecimalText('', 'en')).toBeUndefined()
    expect(readDecimalText('  ', 'en')).toBeUndefined()
    expect(readDecimalText(null, 'en')).toBeUndefined()
    expect(readDecimalText(undefined, 'en')).toBeUndefined()
    expect(readDecimalText(42, 'en')).toBe('42')
    expect(readDecimalText(-0, 'en')).toBe('0')
    expect(readDecimalText(Number.NaN, 'en')).toBeNull()
    expect(readDecimalText(Number.POSITIVE_INFINITY, 'en')).toBeNull()
    expect(readDecimalText(true, 'en')).toBeNull()
    expect(readDecimalText({}, 'en')).toBeNull()
  })

  it('refuses a huge string without scanning it', () => {
    expect(readDecimalText('1'.repeat(5_000_000), 'en')).toBeNull()
  })

  it('reads back any integer written with thousands separators in every locale (property)', () => {
    const separators = { en: ',', de: '.', fr: ' ', ch: "'" } as const
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(...NUMBER_LOCALES),
        (n, locale) => {
          const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separators[locale])
          expect(readLocaleNumber(grouped, locale)).toBe(n)
        },
      ),
    )
  })
})

describe('readFraction', () => {
  it('reads percentages with a sign, or bare numbers when percent is stated', () => {
    // 35 % = 35 / 100 = 0.35; 12.5 % = 0.125; 33.3 % = 0.333.
    expect(readFraction('35%', { percent: false, locale: 'en' })).toBe(0.35)
    expect(readFraction('35', { percent: true, locale: 'en' })).toBe(0.35)
    expect(readFraction(35, { percent: true, locale: 'en' })).toBe(0.35)
    expect(readFraction('12,5 %', { percent: false, locale: 'de' })).toBe(0.125)
    expect(readFraction('33.3%', { percent: false, locale: 'en' })).toBe(0.333)
    expect(readFraction('0.35', { percent: false, locale: 'en' })).toBe(0.35)
    expect(readFraction('', { percent: true, locale: 'en' })).toBeUndefined()
    expect(readFraction('%', { percent: true, locale: 'en' })).toBeNull()
    expect(readFraction('abc%', { percent: true, locale: 'en' })).toBeNull()
  })

  it('does not read a number in exponent form as a whole percent (it is unreadable, as any exponent)', () => {
    // '1e-7' is not a whole number of percent: the whole-percent shortcut must not take it
    // (Number('1e-7') / 100 would give 9.999999999999999e-10); the adapters' number
    // grammar has no exponents, so it is unreadable (null), as '1E2' is.
    expect(readFraction('1e-7', { percent: true, locale: 'en' })).toBeNull()
    // A JSON number cell so small that JavaScript writes it with an exponent: the same.
    expect(readFraction(1e-7, { percent: true, locale: 'en' })).toBeNull()
    expect(readFraction(3e-7, { percent: true, locale: 'en' })).toBeNull()
    expect(readFraction('1E2', { percent: true, locale: 'en' })).toBeNull()
    // A sign still reads: +35 % = 0.35, −5 % = −0.05.
    expect(readFraction('+35', { percent: true, locale: 'en' })).toBe(0.35)
    expect(readFraction('-5', { percent: true, locale: 'en' })).toBe(-0.05)
  })

  it('moves the decimal point in the text, so p% is exactly the double of p/100 written out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (tenths) => {
        const text = `${Math.floor(tenths / 10)}.${tenths % 10}`
        const written = `0${shiftPoint(text, -2).replace(/^0/, '')}`
        expect(readFraction(`${text}%`, { percent: false, locale: 'en' })).toBe(Number(written))
      }),
    )
  })
})

describe('shiftPoint', () => {
  it('shifts left and right, padding with zeros', () => {
    expect(shiftPoint('35', -2)).toBe('0.35')
    expect(shiftPoint('5', -2)).toBe('0.05')
    expect(shiftPoint('-1.5', -2)).toBe('-0.015')
    expect(shiftPoint('1.5', 2)).toBe('150')
    expect(shiftPoint('100', -2)).toBe('1.00')
  })
})

describe('readDecimalText and readFraction fast paths', () => {
  it('reads grouped amounts as Intl writes them, separators removed (property)', () => {
    // Reference: Intl.NumberFormat writes the grouped text; the plain text is the same
    // number written without grouping (useGrouping: false) by the same formatter.
    const formats = [
      ['en', 'en-US'],
      ['de', 'de-DE'],
      ['ch', 'de-CH'],
      ['fr', 'fr-FR'],
    ] as const
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...formats),
        (cents, places, [locale, tag]) => {
          const value = cents / 10 ** places
          const options = { minimumFractionDigits: places, maximumFractionDigits: places }
          const grouped = value.toLocaleString(tag, options)
          const plain = value.toLocaleString('en-US', { ...options, useGrouping: false })
          const expected = /^-0(?:\.0*)?$/.test(plain) ? plain.slice(1) : plain
          expect(readDecimalText(grouped, locale), grouped).toBe(expected)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('reads a whole percentage as the same number as the shifted text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }), (whole) => {
        const text = String(whole)
        // shiftPoint moves the decimal point in the text: '35' → '0.35'.
        const expected = Number(shiftPoint(text, -2))
        expect(readFraction(text, { percent: true, locale: 'en' })).toBe(
          expected === 0 ? 0 : expected,
        )
      }),
      { numRuns: 2000 },
    )
    // Hand-worked: 35 % is 0.35, 100 % is 1, 0 % is 0 (never -0).
    expect(readFraction('35', { percent: true, locale: 'en' })).toBe(0.35)
    expect(readFraction('100', { percent: true, locale: 'en' })).toBe(1)
    expect(Object.is(readFraction('-0', { percent: true, locale: 'en' }), 0)).toBe(true)
  })
})
