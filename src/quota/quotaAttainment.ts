import type { Decimal } from 'decimal.js'
import type { CurrencyConversionOptions } from '../core/currencyConversion.js'
import type { MoneySum } from '../core/moneySum.js'
import { guardInput } from '../core/validate.js'
import type { Quota } from '../records/Quota.js'
import type { Booking } from './Booking.js'
import { addBookings, attainmentResult, compileQuotaPlan, sumValues } from './quotaPlan.js'

/**
 * Options of {@link quotaAttainment} (and {@link quotaAttainmentAggregator}, which also
 * takes the quotas).
 *
 * @category Quota
 */
export interface QuotaAttainmentOptions extends CurrencyConversionOptions {
  /** IANA zone in which a booking's date and `Date` period bounds are read; default `'UTC'`. */
  readonly timeZone?: string
  /**
   * Team of each owner (`{ ana: 'emea', ben: 'emea' }`): a booking of `ana` also counts in a
   * quota whose `ownerId` is `'emea'`. One level; for a hierarchy list every rep in `members`.
   */
  readonly teamOf?: Readonly<Record<string, string>>
  /**
   * Members of each team (`{ emea: ['ana', 'ben'], overlay: ['ana'] }`): a booking of a member
   * also counts in the team's quota. An owner may sit in several teams; with `teamOf`
   * as well, the owner's teams are the union of both.
   */
  readonly members?: Readonly<Record<string, readonly string[]>>
}

/**
 * One quota with what was booked against it.
 *
 * @category Quota
 */
export interface QuotaAttainmentRow {
  /** The quota's owner: a rep, a team or an account. */
  readonly ownerId: string
  /** As given in the quota. */
  readonly periodStart: Quota['periodStart']
  /** As given in the quota (inclusive). */
  readonly periodEnd: Quota['periodEnd']
  /** The target, in the base currency with `rates`. */
  readonly quota: Decimal
  /** Exact sum of the bookings that count in this quota. */
  readonly booked: Decimal
  /** booked / quota (1 = 100 %); `null` for a zero quota. */
  readonly attainment: number | null
  /** quota − booked: what is left to book; negative when over quota. */
  readonly gap: Decimal
}

/**
 * The attainment distribution across reps.
 *
 * @category Quota
 */
export interface QuotaAttainmentDistribution {
  /** Rows of reps (not team targets) with a non-null attainment. */
  readonly reps: number
  /** Share of those rows at or above quota (booked ≥ quota, exactly); `null` when `reps` is 0. */
  readonly atOrAbove: number | null
  /** Median attainment (R type 7, linear); `null` when `reps` is 0. */
  readonly median: number | null
  /** 10th percentile of attainment (R type 7); `null` when `reps` is 0. */
  readonly p10: number | null
  /** 90th percentile of attainment (R type 7); `null` when `reps` is 0. */
  readonly p90: number | null
}

/**
 * What {@link quotaAttainment} returns.
 *
 * @category Quota
 */
export interface QuotaAttainmentResult {
  /** One row per quota, in the order of the quotas. */
  readonly rows: QuotaAttainmentRow[]
  readonly distribution: QuotaAttainmentDistribution
}

/**
 * Quota attainment — booked revenue against target per owner and period, the figure sales
 * leaders report, with the attainment distribution across reps (share at or above 100 %,
 * median, p10, p90).
 *
 * ```text
 * booked(q)     = Σ amount of bookings b with owner(b) = owner(q) or owner(b) ∈ team owner(q),
 *                 and periodStart(q) ≤ date(b.at in timeZone) ≤ periodEnd(q)
 * attainment(q) = booked(q) / quota(q)          (null when quota(q) = 0)
 * gap(q)        = quota(q) − booked(q)          (negative when over quota)
 * distribution over rep rows (not team targets) with non-null attainment:
 *   atOrAbove = #{ booked ≥ quota } / reps;  median, p10, p90 = R quantile type 7 (linear)
 * ```
 * Money is exact (scaled-integer sums, never a float). Team targets: a quota whose `ownerId`
 * is a team of `teamOf` / `members` also collects its members' bookings (and is left out of
 * the rep distribution). Account-plan attainment is the same call with account ids as owners
 * (see {@link bookingsFromOpportunities} `{ creditTo: 'account' }`). Two quotas of one owner
 * sharing a day are refused. The distribution pools every row given: pass one period's quotas
 * for one period's distribution.
 *
 * @param quotas - Targets; `periodStart`/`periodEnd` calendar dates, both inclusive.
 * @param bookings - Closed-won bookings; those outside every quota are checked, not counted.
 * @param options - `timeZone` (`'UTC'`), `teamOf`, `members`, `rates` + `baseCurrency`.
 * @returns `{ rows, distribution }`, rows in the order of `quotas`.
 * @throws MetricInputError `MISSING_VALUE` (an `ownerId`), `INVALID_DATE`,
 *   `END_BEFORE_START`, `NEGATIVE_VALUE` / `NOT_FINITE` (amounts), `CURRENCY_MISMATCH`,
 *   `MISSING_FX_RATE`, `DUPLICATE_ID` (overlapping quotas of one owner), `INVALID_OPTION`;
 *   paths `['quotas', i, field]`, `['bookings', i, field]`.
 * @example
 * ```ts
 * const quotas = [
 *   { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 100000 },
 *   { ownerId: 'ben', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 80000 },
 * ]
 * const bookings = [
 *   { ownerId: 'ana', at: new Date('2026-02-10T15:00:00Z'), amount: 70000 },
 *   { ownerId: 'ana', at: new Date('2026-03-31T20:00:00Z'), amount: '50000' },
 *   { ownerId: 'ben', at: new Date('2026-01-15T09:00:00Z'), amount: 40000 },
 *   { ownerId: 'ben', at: new Date('2026-04-01T09:00:00Z'), amount: 99000 }, // Q2: not counted
 * ]
 * const { rows, distribution } = quotaAttainment(quotas, bookings)
 * rows.map((row) => row.attainment) // => [1.2, 0.5]
 * rows.map((row) => row.gap.toString()) // => ['-20000', '40000']
 * distribution.atOrAbove // => 0.5
 * distribution.median // => 0.85
 * ```
 * @see Salesforce, "What is quota attainment?" (booked ÷ quota); R `quantile(type = 7)`
 *   (Hyndman & Fan 1996) for the percentiles.
 * @category Quota
 */
export function quotaAttainment(
  quotas: readonly Quota[],
  bookings: readonly Booking[],
  options?: QuotaAttainmentOptions,
): QuotaAttainmentResult {
  const metric = 'quotaAttainment'
  return guardInput(metric, () => {
    const plan = compileQuotaPlan(quotas, options, metric, 'quotas')
    const sums: (MoneySum | undefined)[] = []
    addBookings(plan, plan.converter, sums, bookings, 'bookings')
    return attainmentResult(plan, sumValues(plan, sums))
  })
}
