/** Strings longer than this are shortened in messages, so a 10 MB cell is not copied whole. */
const LONGEST_QUOTED_STRING = 60

/**
 * Renders a value for an error message: strings quoted (long ones shortened, with their
 * length), numbers as JavaScript prints them (`NaN`, `Infinity`, `-0`), dates as ISO text,
 * anything else by its type. Never throws, even for a Proxy or an object whose getters
 * throw. Internal.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shortened = value.length > LONGEST_QUOTED_STRING
    return `${JSON.stringify(value.slice(0, LONGEST_QUOTED_STRING))}${shortened ? `… (${value.length} characters)` : ''}`
  }
  if (typeof value === 'object' && value !== null) {
    try {
      if (value instanceof Date) {
        const time = Date.prototype.getTime.call(value)
        return Number.isNaN(time) ? 'Invalid Date' : new Date(time).toISOString()
      }
    } catch {
      // A revoked Proxy or a hostile prototype: described by its type.
    }
  } else if (typeof value !== 'function' && typeof value !== 'symbol') {
    // Numbers, bigints, booleans, null and undefined print as JavaScript writes them.
    return Object.is(value, -0) ? '-0' : String(value)
  }
  return `a value of type ${typeof value}`
}
