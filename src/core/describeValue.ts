/** Strings longer than this are shortened in messages, so a 10 MB cell is not copied whole. */
const LONGEST_QUOTED_STRING = 60

/**
 * Renders a value for an error message: strings quoted (long ones shortened, with their
 * length), numbers as JavaScript prints them (`NaN`, `Infinity`, `-0`), anything else by
 * its type. Never throws, even for a Proxy or an object whose getters throw. Internal.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= LONGEST_QUOTED_STRING) return JSON.stringify(value)
    return `${JSON.stringify(value.slice(0, LONGEST_QUOTED_STRING))}… (${value.length} characters)`
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  try {
    if (value instanceof Date) {
      const time = Date.prototype.getTime.call(value)
      return Number.isNaN(time) ? 'Invalid Date' : new Date(time).toISOString()
    }
  } catch {
    // A revoked Proxy or a hostile prototype: fall through to the type.
  }
  return `a value of type ${typeof value}`
}
