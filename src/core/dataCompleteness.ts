import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'
import { guardInput, readOptions, requireList } from './validate.js'

/**
 * How {@link dataCompleteness} judges one field: `'present'` (an own property that is not
 * `undefined`, `null`, `NaN`, an invalid `Date` or a blank string), or a check called on
 * present values that returns `true` when the value is also valid.
 *
 * @typeParam R - The record type.
 * @category Core
 */
export type CompletenessCheck<R> = 'present' | ((value: unknown, record: R) => boolean)

/**
 * Options of {@link dataCompleteness}.
 *
 * @typeParam R - The record type.
 * @category Core
 */
export interface DataCompletenessOptions<R> {
  /** The fields to judge, each with `'present'` or a check; at least one. */
  readonly fields: Readonly<Record<string, CompletenessCheck<R>>>
}

/**
 * The completeness of one field.
 *
 * @category Core
 */
export interface FieldCompleteness {
  /** The field name, as given in `fields`. */
  readonly field: string
  /** Rows where the field is present and valid. */
  readonly valid: number
  /** `valid / n`, in [0, 1]; `null` for no rows. */
  readonly share: number | null
}

/**
 * The result of {@link dataCompleteness}.
 *
 * @category Core
 */
export interface DataCompletenessResult {
  /** Rows read. */
  readonly n: number
  /** One entry per field, in the order of `fields`. */
  readonly fields: FieldCompleteness[]
  /** Rows present and valid on every field. */
  readonly complete: number
  /** `complete / n`, in [0, 1]; `null` for no rows. */
  readonly completeShare: number | null
}

const METRIC = 'dataCompleteness'

/**
 * The "quality of customer and sales data" KPI: for each named field, the share of rows
 * where it is present and valid, and the share of rows complete on all of them.
 *
 * ```text
 * share(f)      = #{ rows with f present and check_f(value, row) } / n
 * completeShare = #{ rows with every field present and valid } / n
 * present       = own property, not undefined / null / NaN / invalid Date / blank string
 * ```
 * Only own properties count (`Object.hasOwn`): a field inherited from a prototype is
 * missing. A check is called only for present values and must return a boolean.
 *
 * @param records - The rows (objects) to judge; not changed.
 * @param options - `fields`: `{ [field]: 'present' | (value, record) => boolean }`.
 * @returns Counts and shares in [0, 1]; shares `null` for no rows.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (records not an array), `INVALID_RECORD`
 *   (a row that is not an object, `[i]`; reading a field or a check threw, `[i, field]`
 *   with the error as `cause`), `INVALID_OPTION` (`['fields']` missing or empty,
 *   `['fields', field]` not `'present'` or a function, or a check returning a non-boolean).
 * @example
 * ```ts
 * const result = dataCompleteness(
 *   [{ email: 'a@x.com', amount: 10 }, { email: '', amount: 5 }, { email: 'c@x.com', amount: -1 }],
 *   { fields: { email: 'present', amount: (value) => typeof value === 'number' && value >= 0 } },
 * )
 * [result.fields.map((entry) => entry.valid), result.complete, result.completeShare]
 * // => [[2, 2], 1, 1 / 3]
 * ```
 * @see DAMA International, "DAMA-DMBOK" (2nd ed., 2017), ch. 13: completeness as a data
 *   quality dimension.
 * @category Core
 */
export function dataCompleteness<R extends object>(
  records: readonly R[],
  options: DataCompletenessOptions<R>,
): DataCompletenessResult {
  return guardInput(METRIC, () => computeCompleteness(records, options))
}

function computeCompleteness<R extends object>(
  list: readonly R[],
  given: DataCompletenessOptions<R>,
): DataCompletenessResult {
  const records = requireList(list, METRIC, [], 'records', true) as readonly R[]
  const options = readOptions(given, METRIC)
  const fieldsOption: unknown = options.fields
  if (typeof fieldsOption !== 'object' || fieldsOption === null || Array.isArray(fieldsOption)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['fields'],
      message: `${METRIC}: option fields is ${describeValue(fieldsOption)}; it must be an object { [field]: 'present' | (value, record) => boolean }`,
    })
  }
  const names = Object.keys(fieldsOption)
  if (names.length === 0) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['fields'],
      message: `${METRIC}: option fields names no field; give at least one`,
    })
  }
  const checks: (((value: unknown, record: R) => boolean) | null)[] = new Array(names.length)
  for (let field = 0; field < names.length; field++) {
    const name = names[field] as string
    const check: unknown = (fieldsOption as Record<string, unknown>)[name]
    if (check !== 'present' && typeof check !== 'function') {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric: METRIC,
        path: ['fields', name],
        message: `${METRIC}: option fields.${name} is ${describeValue(check)}; it must be 'present' or a function (value, record) => boolean`,
      })
    }
    checks[field] = check === 'present' ? null : (check as (value: unknown, record: R) => boolean)
  }

  const length = records.length
  const valid = new Float64Array(names.length)
  let complete = 0
  for (let index = 0; index < length; index++) {
    const record = records[index] as R
    if (typeof record !== 'object' || record === null) {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric: METRIC,
        path: [index],
        message: `${METRIC}: the row at index ${index} is ${describeValue(record)}; it must be an object`,
      })
    }
    let all = true
    for (let field = 0; field < names.length; field++) {
      if (judge(record, index, names[field] as string, checks[field] ?? null)) {
        valid[field] = (valid[field] as number) + 1
      } else {
        all = false
      }
    }
    if (all) complete++
  }
  const fields: FieldCompleteness[] = new Array(names.length)
  for (let field = 0; field < names.length; field++) {
    const count = valid[field] as number
    fields[field] = {
      field: names[field] as string,
      valid: count,
      share: length === 0 ? null : count / length,
    }
  }
  return { n: length, fields, complete, completeShare: length === 0 ? null : complete / length }
}

/** Whether `record[name]` is present and passes `check`; a throw becomes `INVALID_RECORD`. */
function judge<R extends object>(
  record: R,
  index: number,
  name: string,
  check: ((value: unknown, record: R) => boolean) | null,
): boolean {
  let verdict: unknown
  try {
    if (!Object.hasOwn(record, name)) return false
    const value: unknown = (record as Record<string, unknown>)[name]
    if (!isPresent(value)) return false
    if (check === null) return true
    verdict = check(value, record)
  } catch (error) {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric: METRIC,
      path: [index, name],
      message: `${METRIC}: reading or checking field ${describeValue(name)} of the row at index ${index} threw`,
      cause: error,
    })
  }
  if (typeof verdict !== 'boolean') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['fields', name],
      message: `${METRIC}: the check of field ${describeValue(name)} returned ${describeValue(verdict)} for the row at index ${index}; it must return true or false`,
    })
  }
  return verdict
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'number') return !Number.isNaN(value)
  if (typeof value === 'string') return value.trim().length > 0
  if (value instanceof Date) return !Number.isNaN(value.getTime())
  return true
}
