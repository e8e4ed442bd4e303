import { describe, expect, it } from 'vitest'
import {
  CsvNonNegativeNumberSchema,
  CsvNumberSchema,
  csvIntegerSchema,
  InstantSchema,
  OptionalInstantSchema,
  OptionalNonNegativeNumberSchema,
  OptionalTextSchema,
  parseIsoInstant,
  withoutUndefined,
} from '../../src/schemas/fields.js'

describe('fields', () => {
  it('reads numbers and plain decimal strings, nothing else', () => {
    expect(CsvNumberSchema.parse(' 9 ')).toBe(9)
    expect(CsvNumberSchema.parse('-1.5e2')).toBe(-150)
    expect(CsvNumberSchema.parse('.5')).toBe(0.5)
    expect(CsvNumberSchema.parse(3)).toBe(3)
    for (const bad of [
      '',
      '  ',
      'NaN',
      '0x10',
      '1,5',
      'Infinity',
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
    ]) {
      expect(CsvNumberSchema.safeParse(bad).success).toBe(false)
    }
    expect(CsvNonNegativeNumberSchema.safeParse('-1').success).toBe(false)
  })

  it('reads integers within a range', () => {
    const score = csvIntegerSchema(0, 10)
    expect(score.parse('10')).toBe(10)
    expect(score.safeParse('11').success).toBe(false)
    expect(score.safeParse('9.5').success).toBe(false)
  })

  it('reads ISO dates as UTC unless they carry an offset', () => {
    expect(InstantSchema.parse('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z')
    expect(InstantSchema.parse('2026-03-01T10:20').toISOString()).toBe('2026-03-01T10:20:00.000Z')
    expect(InstantSchema.parse('2026-03-01 10:20:30.5').toISOString()).toBe(
      '2026-03-01T10:20:30.500Z',
    )
    expect(InstantSchema.parse('2026-03-01T10:20:30+02:00').toISOString()).toBe(
      '2026-03-01T08:20:30.000Z',
    )
    expect(InstantSchema.parse('2026-03-01T10:20:30-0530').toISOString()).toBe(
      '2026-03-01T15:50:30.000Z',
    )
    expect(InstantSchema.parse('2026-03-01T10:20:30+01').toISOString()).toBe(
      '2026-03-01T09:20:30.000Z',
    )
    expect(InstantSchema.parse('2026-03-01T10:20:30.123456789z').toISOString()).toBe(
      '2026-03-01T10:20:30.123Z',
    )
    expect(InstantSchema.parse(new Date(5)).getTime()).toBe(5)
  })

  it('refuses impossible and non-ISO dates', () => {
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-01-01T24:00',
      '01/03/2026',
      'yesterday',
      '',
      new Date(Number.NaN),
    ]) {
      expect(InstantSchema.safeParse(bad).success).toBe(false)
    }
    expect(parseIsoInstant('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
  })

  it('turns blank optional cells into absent fields', () => {
    expect(OptionalTextSchema.parse('  ')).toBeUndefined()
    expect(OptionalTextSchema.parse(null)).toBeUndefined()
    expect(OptionalTextSchema.parse(' SMB ')).toBe('SMB')
    expect(OptionalNonNegativeNumberSchema.parse('')).toBeUndefined()
    expect(OptionalNonNegativeNumberSchema.parse('1.5')).toBe(1.5)
    expect(OptionalNonNegativeNumberSchema.safeParse('-2').success).toBe(false)
    expect(OptionalInstantSchema.parse('')).toBeUndefined()
    expect(OptionalInstantSchema.parse('2026-01-01')?.toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    )
    expect(withoutUndefined({ a: 1, b: undefined })).toEqual({ a: 1 })
    expect('b' in withoutUndefined({ a: 1, b: undefined })).toBe(false)
  })
})
