import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hubspotInstant, isEpochText } from '../../../src/sources/hubspot/hubspotRows.js'

/** The pattern the hand check replaces (HubSpot's epoch-millisecond text), as the reference. */
const EPOCH_TEXT = /^\s*\d{12,13}\s*$/

describe('isEpochText (epoch milliseconds written as text)', () => {
  it('accepts 12–13 digits with white space around them only', () => {
    expect(isEpochText('1772445600000')).toBe(true)
    expect(isEpochText(' 1772445600000\t')).toBe(true)
    expect(isEpochText('\u00a0177244560000\u3000')).toBe(true)
    expect(isEpochText('17724456000')).toBe(false)
    expect(isEpochText('17724456000000')).toBe(false)
    expect(isEpochText('2026-03-02T15:00:00Z')).toBe(false)
    expect(isEpochText('1772445600000Z')).toBe(false)
    expect(isEpochText('17724 45600000')).toBe(false)
    expect(isEpochText('١٧٧٢٤٤٥٦٠٠٠٠٠')).toBe(false)
  })

  it('agrees with /^\\s*\\d{12,13}\\s*$/ on any text (property)', () => {
    const piece = fc.constantFrom(
      '0',
      '1',
      '7',
      '9',
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '\u200b',
      '-',
      '/',
      '.',
      'T',
      ':',
      '٣',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('')
        expect(isEpochText(text), JSON.stringify(text)).toBe(EPOCH_TEXT.test(text))
      }),
      { numRuns: 3000 },
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        expect(isEpochText(text)).toBe(EPOCH_TEXT.test(text))
      }),
    )
  })

  it('reads such text as that instant', () => {
    // 1772445600000 ms = 2026-03-02T10:00:00Z (20514 days × 86,400,000 + 36,000,000).
    expect(
      hubspotInstant([], ' 1772445600000 ', 'at', 'at', true, {
        timeZone: 'UTC',
        dateOrder: 'mdy',
      }),
    ).toBe(20_514 * 86_400_000 + 36_000_000)
  })
})
