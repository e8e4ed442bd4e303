import { FORBIDDEN_KEYS, type SourceRow } from './cells.js'

/**
 * Column mapping with header normalisation: each record field has a list of headers a
 * vendor writes for it (API names and report labels); a header matches when it is equal
 * after removing a byte-order mark, trimming, collapsing inner white space and ignoring
 * case. A caller's `columns` option puts its own header first. Internal.
 */

/** A header compared: BOM removed, trimmed, inner white space collapsed, lower case. */
export function normaliseHeader(header: string): string {
  if (header.length > 1000) return ''
  const text = header.charCodeAt(0) === 0xfeff ? header.slice(1) : header
  return text.trim().replace(/\s+/g, ' ').toLowerCase()
}

/** Finds the key of each field in a row; rows with the keys of the row before reuse its keys. */
export interface ColumnResolver<F extends string> {
  /** The keys of `row` for every field (`undefined` where the row has no such column). */
  keysOf(row: SourceRow): Readonly<Record<F, string | undefined>>
  /** The header shown in a rejection for `field` when the row lacks it: its first candidate. */
  nameOf(field: F): string
}

/**
 * A resolver for `candidates` (field → headers, best first), with `columns` (field → the
 * caller's header) tried before them. Rows of one export share their headers, so a row
 * whose own keys are those of the row before, in the same order, reuses that mapping: one
 * `Object.keys` and a comparison of the keys instead of normalising every header again.
 */
export function columnResolver<F extends string>(
  candidates: Readonly<Record<F, readonly string[]>>,
  columns: Readonly<Partial<Record<F, string>>> = {} as Partial<Record<F, string>>,
): ColumnResolver<F> {
  const fields = Object.keys(candidates) as F[]
  const wanted: (readonly string[])[] = []
  for (const field of fields) {
    const own = columns[field]
    const list = own === undefined ? candidates[field] : [own, ...candidates[field]]
    wanted.push(list.map(normaliseHeader))
  }
  const names = {} as Record<F, string>
  for (const field of fields) names[field] = columns[field] ?? candidates[field][0] ?? field
  let mapping: Record<F, string | undefined> | undefined
  let previousKeys: readonly string[] = []
  return {
    keysOf(row) {
      const keys = Object.keys(row)
      if (mapping !== undefined && keys.length === previousKeys.length) {
        let same = true
        for (let index = 0; index < keys.length; index++) {
          if (keys[index] !== previousKeys[index]) {
            same = false
            break
          }
        }
        if (same) return mapping
      }
      const present = new Map<string, string>()
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as string
        if (FORBIDDEN_KEYS.has(key)) continue
        const normal = normaliseHeader(key)
        if (normal !== '' && !present.has(normal)) present.set(normal, key)
      }
      const next = {} as Record<F, string | undefined>
      for (let index = 0; index < fields.length; index++) {
        let key: string | undefined
        for (const header of wanted[index] as readonly string[]) {
          key = present.get(header)
          if (key !== undefined) break
        }
        next[fields[index] as F] = key
      }
      mapping = next
      previousKeys = keys
      return next
    },
    nameOf(field) {
      return names[field]
    },
  }
}
