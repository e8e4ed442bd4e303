import { MetricInputError, type MetricInputPath } from './MetricInputError.js'

/**
 * One currency per call: the first record that names a currency fixes it, a later record
 * naming another throws `CURRENCY_MISMATCH`, and a record without a currency conflicts with
 * none. Internal; the tracker is a private mutable object that never escapes a call.
 */
export interface CurrencyTracker {
  readonly metric: string
  currency: string | null
  firstPath: MetricInputPath | null
}

export function createCurrencyTracker(metric: string): CurrencyTracker {
  return { metric, currency: null, firstPath: null }
}

/** Records `currency` (if any) found at `pathOf()`; the path is only built when needed. */
export function trackCurrency(
  tracker: CurrencyTracker,
  currency: string | undefined,
  pathOf: () => MetricInputPath,
): void {
  if (currency === undefined || currency === tracker.currency) return
  if (tracker.currency === null) {
    tracker.currency = currency
    tracker.firstPath = pathOf()
    return
  }
  const path = pathOf()
  throw new MetricInputError({
    code: 'CURRENCY_MISMATCH',
    metric: tracker.metric,
    path,
    message: `${tracker.metric}: currency at ${path.join('.')} is ${JSON.stringify(currency)} but ${tracker.firstPath?.join('.')} is ${JSON.stringify(tracker.currency)}; convert amounts to one currency first`,
  })
}

/** The one currency of two merged aggregator states (`null` when neither has one). */
export function mergeCurrencies(metric: string, a: string | null, b: string | null): string | null {
  const tracker = createCurrencyTracker(metric)
  trackCurrency(tracker, a ?? undefined, () => ['a', 'currency'])
  trackCurrency(tracker, b ?? undefined, () => ['b', 'currency'])
  return tracker.currency
}
