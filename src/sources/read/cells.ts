import { describeValue } from '../../core/describeValue.js'

/**
 * Reading one cell of an untrusted row (a CSV line as an object, a JSON record from an API).
 * Every reader here returns the value, `undefined` for a blank cell, or `null` for a cell it
 * cannot read; the caller turns `null` into a rejection with the column and a reason. No
 * reader throws, coerces a non-string, or allocates more than its result. Internal.
 */

/** Keys never read from a row nor copied into a record (prototype pollution). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
])

/** The longest cell text read at all: longer text is refused with its length, not scanned. */
export const LONGEST_CELL = 10_000

/** The longest id or stage text kept (Salesforce ids are 15 or 18 characters, picklists 255). */
export const LONGEST_NAME = 255

/** A row: a plain object (not null, not an array) whose own keys are column names. */
export type SourceRow = Readonly<Record<string, unknown>>

/** True for a value that can be a row: a non-null object that is not an array. */
export function isRow(value: unknown): value is SourceRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The own value of `key` in `row` (never an inherited one, never a forbidden key). */
export function cellOf(row: SourceRow, key: string | undefined): unknown {
  if (key === undefined || FORBIDDEN_KEYS.has(key)) return undefined
  return Object.hasOwn(row, key) ? row[key] : undefined
}

/** True for an absent, `null` or whitespace-only cell. */
export function isBlankCell(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value !== 'string') return false
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    // Space, tab, CR, LF, NBSP, BOM: anything else is content.
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10 && code !== 160 && code !== 0xfeff)
      return false
    if (index > LONGEST_CELL) return false
  }
  return true
}

/**
 * Trimmed text of a cell of at most `longest` characters: `undefined` when blank, `null` when
 * it is not a string (a number is accepted and written in decimal) or too long.
 */
export function readText(
  value: unknown,
  longest: number = LONGEST_NAME,
): string | undefined | null {
  if (isBlankCell(value)) return undefined
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  if (typeof value !== 'string' || value.length > LONGEST_CELL) return null
  const text = value.trim()
  return text.length > longest ? null : text
}

/** Why `readText` refused `value`: for the rejection message. */
export function textProblem(value: unknown, longest: number = LONGEST_NAME): string {
  if (typeof value === 'string')
    return `expected text of at most ${longest} characters, got ${value.length} characters`
  return `expected text, got ${describeValue(value)}`
}
