import { isBlankCell } from './cells.js'

/**
 * A boolean as vendors write it: `true`/`false` (JSON), `'true'`/`'false'`, `'1'`/`'0'`,
 * `'yes'`/`'no'`, `'y'`/`'n'` in any case; `1`/`0` as numbers. `undefined` when blank,
 * `null` for anything else (`'2'`, `'maybe'`). Internal.
 */
export function readBoolean(value: unknown): boolean | undefined | null {
  if (typeof value === 'boolean') return value
  if (isBlankCell(value)) return undefined
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null
  if (typeof value !== 'string' || value.length > 20) return null
  switch (value.trim().toLowerCase()) {
    case 'true':
    case '1':
    case 'yes':
    case 'y':
      return true
    case 'false':
    case '0':
    case 'no':
    case 'n':
      return false
    default:
      return null
  }
}
