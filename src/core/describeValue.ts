/**
 * Renders a value for an error message: strings quoted, numbers as JavaScript prints them
 * (`NaN`, `Infinity`), anything else by its type. Internal.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value)
  }
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  return `a value of type ${typeof value}`
}
