import { LONGEST_NUMBER_TEXT } from '../../schemas/fields.js'
import { isBlankCell } from './cells.js'

/** A whole number of percent of at most 15 digits (no point, no exponent): read exactly by `Number`. */
const WHOLE_PERCENT = /^-?\d{1,15}$/

/**
 * Numbers as exports write them, in one stated locale for the whole export — never guessed
 * per row (`'1,234'` is 1234 in `'en'` and 1.234 in `'de'`):
 *
 * | locale | thousands | decimal | example |
 * | --- | --- | --- | --- |
 * | `'en'` | `,` | `.` | `48,000.00` |
 * | `'de'` | `.` | `,` | `48.000,00` |
 * | `'fr'` | space, no-break space or narrow no-break space | `,` | `48 000,00` |
 * | `'ch'` | `'` or `’` | `.` | `48'000.00` |
 *
 * Thousands separators are optional but, when present, must group every three digits left
 * of the decimal mark. A leading `+` or `-` is allowed; exponents, currency symbols and
 * parentheses are not. Internal.
 */
/**
 * The number formats of the `locale` option of the sources: `'en'` `48,000.00`, `'de'`
 * `48.000,00`, `'fr'` `48 000,00`, `'ch'` `48'000.00` — one per export, never guessed per row.
 *
 * @example
 * ```ts
 * NUMBER_LOCALES // => ['en', 'de', 'fr', 'ch']
 * ```
 * @category Sources
 */
export const NUMBER_LOCALES = ['en', 'de', 'fr', 'ch'] as const
/**
 * One of {@link NUMBER_LOCALES}.
 *
 * @category Sources
 */
export type NumberLocale = (typeof NUMBER_LOCALES)[number]

const PLAIN_POINT = /^-?\d+(?:\.\d+)?$/
const PLAIN_INTEGER = /^-?\d+$/
const NEGATIVE_ZERO = /^-0+(?:\.0*)?$/
const DECIMAL_MARK: Readonly<Record<NumberLocale, number>> = { en: 46, de: 44, fr: 44, ch: 46 }

function isGroupSeparator(locale: NumberLocale, code: number): boolean {
  switch (locale) {
    case 'en':
      return code === 44
    case 'de':
      return code === 46
    case 'fr':
      return code === 32 || code === 160 || code === 0x202f
    case 'ch':
      return code === 39 || code === 0x2019
  }
}

/**
 * The plain decimal text (`'-48000.00'`) of a number cell in `locale`: `undefined` when
 * blank, `null` when it is not such a number. A JavaScript number is accepted when finite
 * (written as `String(value)`).
 */
export function readDecimalText(value: unknown, locale: NumberLocale): string | undefined | null {
  if (isBlankCell(value)) return undefined
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value === 0 ? 0 : value) : null
  if (typeof value !== 'string' || value.length > LONGEST_NUMBER_TEXT * 4) return null
  const text = value.trim()
  if (text.length === 0 || text.length > LONGEST_NUMBER_TEXT) return null
  const decimalMark = DECIMAL_MARK[locale]
  // Fast path: digits with an optional point (in a locale whose decimal mark is the point).
  if ((decimalMark === 46 ? PLAIN_POINT : PLAIN_INTEGER).test(text))
    return NEGATIVE_ZERO.test(text) ? text.slice(1) : text
  let digits = ''
  let start = 0
  const first = text.charCodeAt(0)
  if (first === 43 || first === 45) {
    if (first === 45) digits = '-'
    start = 1
  }
  // Integer part: digits, with separators every three digits when any is present.
  let integerDigits = 0
  let groupLength = 0
  let grouped = false
  let index = start
  // Digits are copied a run at a time (between separators), not a character at a time.
  let run = start
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code >= 48 && code <= 57) {
      integerDigits++
      groupLength++
    } else if (isGroupSeparator(locale, code)) {
      if (integerDigits === 0 || (grouped ? groupLength !== 3 : groupLength > 3)) return null
      digits += text.slice(run, index)
      run = index + 1
      grouped = true
      groupLength = 0
    } else {
      break
    }
  }
  digits += text.slice(run, index)
  if (integerDigits === 0 && index < text.length && text.charCodeAt(index) !== decimalMark)
    return null
  if (grouped && groupLength !== 3) return null
  if (index < text.length) {
    if (text.charCodeAt(index) !== decimalMark) return null
    index++
    const fractionStart = index
    for (; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code < 48 || code > 57) return null
    }
    const fractionDigits = index - fractionStart
    const fraction = text.slice(fractionStart)
    if (fractionDigits === 0 && integerDigits === 0) return null
    if (integerDigits === 0) digits += '0'
    if (fractionDigits > 0) digits += `.${fraction}`
  } else if (integerDigits === 0) {
    return null
  }
  return digits.charCodeAt(0) === 45 && MINUS_ZERO.test(digits) ? digits.slice(1) : digits
}

const MINUS_ZERO = /^-0(?:\.0*)?$/

/** The number a cell holds in `locale` (see {@link readDecimalText}); `NaN` when unreadable. */
export function readLocaleNumber(value: unknown, locale: NumberLocale): number | undefined | null {
  const text = readDecimalText(value, locale)
  if (text === undefined || text === null) return text
  const number = Number(text)
  if (!Number.isFinite(number)) return null
  return number === 0 ? 0 : number
}

/**
 * Options of {@link readFraction}: `percent: true` reads a bare number as a percentage
 * (`35` → 0.35), as Salesforce's `Probability` is written; a `%` sign always means percent.
 */
export interface FractionReading {
  readonly percent: boolean
  readonly locale: NumberLocale
}

/**
 * A share as a fraction: `'35%'` → 0.35 always; `'35'` or `35` → 0.35 with `percent`, else
 * 35. The decimal point is moved in the text, so `'33.3%'` is exactly `Number('0.333')`.
 * `undefined` when blank, `null` when unreadable.
 */
export function readFraction(value: unknown, reading: FractionReading): number | undefined | null {
  let cell = value
  let percent = reading.percent
  if (typeof value === 'string') {
    const text = value.trim()
    if (text.endsWith('%')) {
      cell = text.slice(0, -1)
      percent = true
      if (isBlankCell(cell)) return null
    }
  }
  const text = readDecimalText(cell, reading.locale)
  if (text === undefined || text === null) return text
  if (!percent) return readLocaleNumber(text, 'en')
  if (WHOLE_PERCENT.test(text)) {
    // A whole number of percent: n / 100 is the double nearest to the exact quotient, as is
    // Number of the shifted text ('35' → '0.35'), so the two are the same number.
    const fraction = Number(text) / 100
    return fraction === 0 ? 0 : fraction
  }
  return readLocaleNumber(shiftPoint(text, -2), 'en')
}

/** Decimal `text` times 10^`places`, written as plain text (no exponent). */
export function shiftPoint(text: string, places: number): string {
  if (/e/i.test(text)) return String(Number(text) * 10 ** places)
  const negative = text.startsWith('-')
  const unsigned = negative ? text.slice(1) : text
  const point = unsigned.indexOf('.')
  const whole = point === -1 ? unsigned : unsigned.slice(0, point)
  const fraction = point === -1 ? '' : unsigned.slice(point + 1)
  let digits = whole + fraction
  let position = whole.length + places
  if (position <= 0) {
    digits = '0'.repeat(1 - position) + digits
    position = 1
  } else if (position > digits.length) {
    digits = digits + '0'.repeat(position - digits.length)
  }
  const shifted = `${digits.slice(0, position)}.${digits.slice(position)}`
  return `${negative ? '-' : ''}${shifted.endsWith('.') ? shifted.slice(0, -1) : shifted}`
}
