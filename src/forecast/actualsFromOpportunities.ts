import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { ForecastActual } from '../records/ForecastSubmission.js'
import { requireClosedAt, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { guardInput, requireArrayLike } from './forecastKernel.js'

/**
 * The closed-won bookings of a list of opportunities, as forecast actuals: each won deal's
 * owner, close instant, amount and currency (when the deal names one, so that
 * `forecastAccuracyByPeriod` can refuse or convert a mix). Open and lost deals are not
 * bookings.
 *
 * ```text
 * actuals = { ownerId, at: closedAt, amount, currency? } for every won opportunity
 * ```
 *
 * @param opportunities - Deals; won ones need `closedAt` and `ownerId`.
 * @returns One actual per won deal, in input order.
 * @throws MetricInputError `MISSING_VALUE` (closedAt or ownerId of a won deal, a record),
 *   `INVALID_DATE`, `END_BEFORE_START`, `VALUE_OUT_OF_RANGE` (status, currency, a list that
 *   is not an array).
 * @example
 * ```ts
 * actualsFromOpportunities([
 *   { id: 'a', createdAt: new Date('2026-01-02'), closedAt: new Date('2026-02-10'), amount: 500, status: 'won', ownerId: 'ana', stageHistory: [] },
 *   { id: 'b', createdAt: new Date('2026-01-02'), amount: 900, status: 'open', ownerId: 'ana', stageHistory: [] },
 * ]) // => [{ ownerId: 'ana', at: new Date('2026-02-10'), amount: 500 }]
 * ```
 * @see forecastAccuracyByPeriod.
 * @category Forecast
 */
export function actualsFromOpportunities(opportunities: readonly Opportunity[]): ForecastActual[] {
  const metric = 'actualsFromOpportunities'
  return guardInput(metric, () => {
    const length = requireArrayLike(opportunities, metric, 'opportunities')
    const actuals: ForecastActual[] = []
    for (let index = 0; index < length; index++) {
      const opportunity = opportunities[index] as Opportunity
      if (typeof opportunity !== 'object' || opportunity === null) {
        throw new MetricInputError({
          code: 'MISSING_VALUE',
          metric,
          path: [index],
          message: `${metric}: the opportunity at index ${index} is ${describeValue(opportunity)}; it must be a record`,
        })
      }
      if (requireStatus(opportunity, index, metric) !== 'won') continue
      requireClosedAt(opportunity, index, metric)
      const { ownerId, currency } = opportunity
      if (typeof ownerId !== 'string' || ownerId === '') {
        throw new MetricInputError({
          code: 'MISSING_VALUE',
          metric,
          path: [index, 'ownerId'],
          message: `${metric}: ownerId at index ${index} is ${describeValue(ownerId)}; a booking must belong to someone`,
        })
      }
      if (currency !== undefined && (typeof currency !== 'string' || currency === '')) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: [index, 'currency'],
          message: `${metric}: currency at index ${index} is ${describeValue(currency)}; it must be an ISO 4217 code such as 'USD'`,
        })
      }
      const { amount } = opportunity
      if (amount === undefined) {
        throw new MetricInputError({
          code: 'MISSING_VALUE',
          metric,
          path: [index, 'amount'],
          message: `${metric}: amount at index ${index} is missing; a won deal books its amount`,
        })
      }
      const at = opportunity.closedAt as Date
      actuals.push(
        currency === undefined ? { ownerId, at, amount } : { ownerId, at, amount, currency },
      )
    }
    return actuals
  })
}
