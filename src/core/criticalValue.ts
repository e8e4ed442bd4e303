import { quantileOfProbability } from './normalQuantile.js'
import { requireConfidence } from './validate.js'

/**
 * The two-sided standard normal critical value for a confidence level:
 * `z = −Φ⁻¹((1 − confidence)/2)`, 1.959964 for 0.95 (not the one-sided 1.645). Checks
 * the option on behalf of `metric`. Internal.
 */
export function criticalValue(confidence: number, metric: string): number {
  requireConfidence(confidence, metric)
  // −Φ⁻¹(α/2) rather than Φ⁻¹(1 − α/2): 1 − α/2 rounds to 1 (z = Infinity) once α < 2.2e−16,
  // while α/2 itself keeps its digits, so every confidence below 1 gives a finite z.
  const alpha = 1 - confidence
  return -quantileOfProbability(alpha / 2)
}
