/**
 * JSON text in a cell (a list exported as text, an API payload): parsed only when it is at
 * most `longest` characters and nests at most `deepest` levels, so a hostile cell is
 * refused with a reason instead of exhausting memory or the stack. Internal.
 */
export interface JsonReading {
  readonly longest: number
  readonly deepest: number
}

/** The default bounds: 1 MB of text, 32 levels of nesting. */
export const JSON_BOUNDS: JsonReading = { longest: 1_000_000, deepest: 32 }

/** The parsed value, or the reason it was refused. */
export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string }

/** Parses `text` within `bounds` (depth is counted on the text, before parsing). */
export function readJson(text: string, bounds: JsonReading = JSON_BOUNDS): JsonResult {
  if (typeof text !== 'string') return { ok: false, reason: 'expected JSON text' }
  if (text.length > bounds.longest)
    return {
      ok: false,
      reason: `JSON text of ${text.length} characters is longer than ${bounds.longest}`,
    }
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 92) index++
      else if (code === 34) inString = false
    } else if (code === 34) {
      inString = true
    } else if (code === 91 || code === 123) {
      depth++
      if (depth > bounds.deepest)
        return { ok: false, reason: `JSON nested deeper than ${bounds.deepest} levels` }
    } else if (code === 93 || code === 125) {
      depth--
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, reason: 'expected valid JSON text' }
  }
}

/** True when `value` (already parsed) nests at most `deepest` levels; iterative, bounded work. */
export function nestsWithin(value: unknown, deepest: number, mostNodes = 1_000_000): boolean {
  const pending: [unknown, number][] = [[value, 0]]
  let nodes = 0
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next
    if (typeof node !== 'object' || node === null) continue
    if (depth >= deepest || ++nodes > mostNodes) return false
    const children = Array.isArray(node) ? node : Object.values(node)
    for (const child of children) pending.push([child, depth + 1])
  }
  return true
}
