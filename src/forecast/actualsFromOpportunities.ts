import { MetricInputError } from '../core/MetricInputError.js'
import type { Opportunity } from '../pipeline/Opportunity.js'
import { requireClosedAt, requireStatus } from '../pipeline/pipelineKernel.js'
import type { ForecastActual } from './ForecastSubmission.js'

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
 * @throws MetricInputError `MISSING_VALUE` (closedAt or ownerId of a won deal),
 *   `INVALID_DATE`, `END_BEFORE_START`, `VALUE_OUT_OF_RANGE` (status).
 * @example
 * ```ts
 * actualsFromOpportunities([
 *   { id: 'a', createdAt: new Date('2026-01-02'), closedAt: new Date('2026-02-10'), amount: 500, status: 'won', ownerId: 'ana', stageHistory: [] },
 *   { id: 'b', createdAt: new Date('2026-01-02'), amount: 900, status: 'open', ownerId: 'ana', stageHistory: [] },
 * ]) // => [{ ownerId: 'ana', at: new Date('2026-02-10'), amount: 500 }]
 * ```
 * @see forecastAccuracyByPeriod.
 */
export function actualsFromOpportunities(opportunities: readonly Opportunity[]): ForecastActual[] {
  const metric = 'actualsFromOpportunities'
  const actuals: ForecastActual[] = []
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    if (requireStatus(opportunity, index, metric) !== 'won') continue
    requireClosedAt(opportunity, index, metric)
    if (opportunity.ownerId === undefined || opportunity.ownerId === '') {
      throw new MetricInputError({
        code: 'MISSING_VALUE',
        metric,
        path: [index, 'ownerId'],
        message: `${metric}: ownerId at index ${index} is missing; a booking must belong to someone`,
      })
    }
    actuals.push(
      opportunity.currency === undefined
        ? {
            ownerId: opportunity.ownerId,
            at: opportunity.closedAt as Date,
            amount: opportunity.amount,
          }
        : {
            ownerId: opportunity.ownerId,
            at: opportunity.closedAt as Date,
            amount: opportunity.amount,
            currency: opportunity.currency,
          },
    )
  }
  return actuals
}
