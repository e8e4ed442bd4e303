import { criticalValue } from './criticalValue.js'
import { MetricInputError } from './MetricInputError.js'
import { asMetricInputError, readOptions, requireNonNegative } from './validate.js'

/**
 * Options of {@link wilsonInterval}.
 *
 * @category Core
 */
export interface WilsonIntervalOptions {
  /** Confidence level strictly between 0 and 1; default 0.95. */
  readonly confidence?: number
}

/**
 * Bounds of a confidence interval for a proportion, as fractions in [0, 1].
 *
 * @category Core
 */
export interface WilsonIntervalResult {
  readonly lower: number
  readonly upper: number
}

/**
 * The Wilson score confidence interval for a proportion `successes / trials` — the interval
 * R `prop.test(x, n, correct = FALSE)` reports. Unlike the Wald interval it never leaves
 * [0, 1] and stays informative at 0 % and 100 %.
 *
 * ```text
 * p = x / n,  z = two-sided normal critical value
 * centre = (p + z²/2n) / (1 + z²/n)
 * half   = z · sqrt(p(1 − p)/n + z²/4n²) / (1 + z²/n)
 * [lower, upper] = centre ∓ half
 * ```
 * Counts may be fractional (weighted data); no continuity correction is applied.
 *
 * @param successes - Number of successes (≥ 0, ≤ trials).
 * @param trials - Number of trials (≥ 0).
 * @param options - `confidence`, default 0.95.
 * @returns `{ lower, upper }` as fractions; `null` when `trials` is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE`, `SUCCESSES_EXCEED_TRIALS`,
 *   `INVALID_OPTION` (confidence, options not an object).
 * @example
 * ```ts
 * wilsonInterval(5, 10) // => { lower: 0.2365931, upper: 0.7634069 } (to 7 digits)
 * ```
 * @see E. B. Wilson (1927), JASA 22:209–212; R `prop.test(correct = FALSE)`.
 * @category Core
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  options: WilsonIntervalOptions = {},
): WilsonIntervalResult | null {
  try {
    const metric = 'wilsonInterval'
    requireNonNegative(successes, metric, ['successes'], 'successes')
    requireNonNegative(trials, metric, ['trials'], 'trials')
    const z = criticalValue(readOptions(options, metric).confidence ?? 0.95, metric)
    if (successes > trials) {
      throw new MetricInputError({
        code: 'SUCCESSES_EXCEED_TRIALS',
        metric,
        path: ['successes'],
        message: `${metric}: successes is ${successes} but trials is ${trials}; successes cannot exceed trials`,
      })
    }
    return wilsonBounds(successes, trials, z)
  } catch (error) {
    throw asMetricInputError(error, 'wilsonInterval')
  }
}

/** The Wilson bounds for already-validated counts and critical value. Internal. */
export function wilsonBounds(
  successes: number,
  trials: number,
  z: number,
): WilsonIntervalResult | null {
  if (trials === 0) return null
  // The formula multiplied through by n, so that neither n = 5e−324 (z²/n overflows) nor
  // n = 1e308 (4n² overflows) leaves the range of a double.
  const zSquared = z * z
  const denominator = trials + zSquared
  const centre = (successes + zSquared / 2) / denominator
  const half =
    (z * Math.sqrt(successes * ((trials - successes) / trials) + zSquared / 4)) / denominator
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  }
}
