import { expect } from 'vitest'
import { MetricInputError, type MetricInputErrorCode } from '../src/core/MetricInputError.js'

/** Runs `action`, expects a MetricInputError with this code (and path, metric when given). */
export function expectMetricError(
  action: () => unknown,
  code: MetricInputErrorCode,
  expected: {
    path?: readonly (string | number)[] | undefined
    metric?: string
    message?: RegExp | string
  } = {},
): MetricInputError {
  let caught: unknown
  try {
    action()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(MetricInputError)
  const error = caught as MetricInputError
  expect(error.code).toBe(code)
  if ('path' in expected) expect(error.path).toEqual(expected.path)
  if (expected.metric !== undefined) expect(error.metric).toBe(expected.metric)
  if (expected.message !== undefined) expect(error.message).toMatch(expected.message)
  return error
}
