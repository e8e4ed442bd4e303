import { normalQuantile } from './normalQuantile.js'
import { requireConfidence } from './validate.js'

/**
 * The two-sided standard normal critical value for a confidence level:
 * `z = Φ⁻¹(1 − (1 − confidence)/2)`, 1.959964 for 0.95 (not the one-sided 1.645). Checks
 * the option on behalf of `metric`. Internal.
 */
export function criticalValue(confidence: number, metric: string): number {
  requireConfidence(confidence, metric)
  return normalQuantile(1 - (1 - confidence) / 2)
}
