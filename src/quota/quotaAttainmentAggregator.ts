import type { Decimal } from 'decimal.js'
import type { Aggregator } from '../core/Aggregator.js'
import { mergeCurrencies, trackCurrency } from '../core/currency.js'
import type { CurrencyConverter } from '../core/currencyConversion.js'
import { describeValue } from '../core/describeValue.js'
import { finiteMoney, guardInput, readOptions, readStateMoney } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import type { MoneySum } from '../core/moneySum.js'
import { moneySumOrZero } from '../core/moneySum.js'
import type { Quota } from '../records/Quota.js'
import type { Booking } from './Booking.js'
import type { QuotaAttainmentOptions, QuotaAttainmentResult } from './quotaAttainment.js'
import { addBookings, attainmentResult, compileQuotaPlan } from './quotaPlan.js'

/**
 * Options of {@link quotaAttainmentAggregator}: the quotas and {@link quotaAttainment}'s options.
 *
 * @category Quota
 */
export interface QuotaAttainmentAggregatorOptions extends QuotaAttainmentOptions {
  /** The targets the bookings are counted against; without them every result has no rows. */
  readonly quotas?: readonly Quota[]
}

/**
 * The JSON-serialisable state of {@link quotaAttainmentAggregator}.
 *
 * @category Quota
 */
export interface QuotaAttainmentAggregatorState {
  /** Exact booked total per quota (in the order of `quotas`), as decimal strings. */
  readonly booked: readonly string[]
  /** The one currency of quotas and bookings (`null` while none is named). */
  readonly currency: string | null
}

/**
 * The quota-attainment aggregator, with `addAll` for adding a batch of bookings in one pass.
 *
 * @category Quota
 */
export interface QuotaAttainmentAggregator
  extends Aggregator<QuotaAttainmentAggregatorState, Booking, QuotaAttainmentResult> {
  /**
   * A new state with every booking of `bookings` added: the same state as folding `add`
   * over them, and the same error for the first bad booking (path `[index, …]`).
   */
  addAll(
    state: QuotaAttainmentAggregatorState,
    bookings: readonly Booking[],
  ): QuotaAttainmentAggregatorState
}

function invalidState(metric: string, path: MetricInputPath, message: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_STATE',
    metric,
    path,
    message: `${metric}: ${message}`,
  })
}

/**
 * A mergeable quota attainment: booked money per quota is additive, so bookings split across
 * workers are summed per quota, the states merged in any order, and the result is exactly
 * `quotaAttainment(quotas, all bookings, options)`.
 *
 * ```text
 * state = { booked: [Σ per quota as decimal strings], currency }
 * add = booked[q] + amount for each quota q the booking counts in;  merge = booked_a + booked_b
 * ```
 * The quotas are compiled once, in the factory. `add` copies the state's list (one entry per
 * quota); for many bookings use `addAll`, one pass per batch. `merge` and `result` check a
 * state before using it: a foreign, incomplete or tampered state is refused.
 *
 * @param options - `quotas` and `quotaAttainment`'s `timeZone`, `teamOf`,
 *   `members`, `rates`, `baseCurrency`.
 * @returns `{ initial, add, addAll, merge, result }`; `result` is a `QuotaAttainmentResult`.
 * @throws MetricInputError as `quotaAttainment` (quota paths `['quotas', i, …]`, booking
 *   paths `[index, …]`); `INVALID_OPTION` (options not an object, `['quotas']` not a list); `INVALID_STATE`,
 *   `NEGATIVE_VALUE`, `NOT_FINITE`, `VALUE_OUT_OF_RANGE` for a state it did not make;
 *   `CURRENCY_MISMATCH` when parts of different currencies meet.
 * @example
 * ```ts
 * const attainment = quotaAttainmentAggregator({
 *   quotas: [{ ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 }],
 * })
 * const left = attainment.add(attainment.initial(), { ownerId: 'ana', at: new Date('2026-01-10'), amount: 300.25 })
 * const right = attainment.addAll(attainment.initial(), [{ ownerId: 'ana', at: new Date('2026-03-10'), amount: 500 }])
 * attainment.result(attainment.merge(left, right)).rows[0]?.booked.toString() // => '800.25'
 * ```
 * @see quotaAttainment.
 * @category Quota
 */
export function quotaAttainmentAggregator(
  options?: QuotaAttainmentAggregatorOptions,
): QuotaAttainmentAggregator {
  const metric = 'quotaAttainmentAggregator'
  const plan = guardInput(metric, () => {
    const checked = readOptions(options, metric)
    const quotas = checked.quotas ?? []
    if (!Array.isArray(quotas))
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['quotas'],
        message: `${metric}: option quotas is ${describeValue(quotas)}; it must be a list of quotas`,
      })
    return compileQuotaPlan(quotas, checked, metric, 'quotas')
  })
  const base = plan.converter.base
  const quotaCurrency = plan.converter.tracker.currency
  const count = plan.owners.length

  /** A checked state: its totals (parsed only where `parse`) and currency. */
  const read = (state: unknown, at: MetricInputPath) => {
    if (typeof state !== 'object' || state === null || Array.isArray(state))
      throw invalidState(
        metric,
        at,
        `state is ${describeValue(state)}; it must be a state made by this aggregator`,
      )
    const keys = Object.keys(state)
    const { booked, currency } = state as Partial<QuotaAttainmentAggregatorState>
    if (keys.length !== 2 || !Array.isArray(booked) || !('currency' in state))
      throw invalidState(metric, at, 'state must have exactly the fields booked and currency')
    if (booked.length !== count)
      throw invalidState(
        metric,
        [...at, 'booked'],
        `state has ${booked.length} totals for ${count} quotas; it was made for other quotas`,
      )
    if (currency !== null && typeof currency !== 'string')
      throw invalidState(
        metric,
        [...at, 'currency'],
        `state currency is ${describeValue(currency)}; it must be a string or null`,
      )
    return { booked: booked as readonly unknown[], currency }
  }
  const total = (value: unknown, at: MetricInputPath, index: number): Decimal => {
    if (typeof value !== 'string')
      throw invalidState(
        metric,
        [...at, 'booked', index],
        `state total ${index} is ${describeValue(value)}; it must be a decimal string`,
      )
    return readStateMoney(value, metric, [...at, 'booked'], String(index))
  }
  const totals = (
    state: unknown,
    at: MetricInputPath,
  ): { values: Decimal[]; currency: string | null } => {
    const clean = read(state, at)
    const values: Decimal[] = []
    for (let index = 0; index < count; index++) values.push(total(clean.booked[index], at, index))
    return { values, currency: combine(clean.currency, null, at) }
  }
  /** The one currency of the quotas and both parts (`CURRENCY_MISMATCH` otherwise). */
  const combine = (a: string | null, b: string | null, at: MetricInputPath): string | null => {
    if (base !== null) return base
    const merged = mergeCurrencies(metric, a, b)
    const tracker = { metric, currency: quotaCurrency, firstPath: ['quotas'] as MetricInputPath }
    trackCurrency(tracker, merged ?? undefined, () => [...at, 'currency'])
    return tracker.currency
  }
  /** Adds a batch to a state: only the quotas the batch touches are re-summed. */
  const addBatch = (
    state: QuotaAttainmentAggregatorState,
    bookings: readonly Booking[],
    list: string | undefined,
  ) => {
    const clean = read(state, ['state'])
    const current = combine(clean.currency, null, ['state'])
    const converter: CurrencyConverter = {
      tracker: { metric, currency: current, firstPath: ['state', 'currency'] },
      base,
      rates: plan.converter.rates,
    }
    const sums: (MoneySum | undefined)[] = []
    addBookings(plan, converter, sums, bookings, list)
    const booked = clean.booked.slice() as string[]
    for (let index = 0; index < sums.length; index++) {
      const sum = sums[index]
      if (sum === undefined) continue
      const before = total(clean.booked[index], ['state'], index)
      booked[index] = finiteMoney(
        before.plus(moneySumOrZero(sum)),
        metric,
        'a booked total',
      ).toString()
    }
    return { booked, currency: base ?? converter.tracker.currency }
  }
  return {
    initial: () => ({
      booked: new Array<string>(count).fill('0'),
      currency: base ?? quotaCurrency,
    }),
    add: (state, booking) => guardInput(metric, () => addBatch(state, [booking], undefined)),
    addAll: (state, bookings) => guardInput(metric, () => addBatch(state, bookings, undefined)),
    merge: (a, b) =>
      guardInput(metric, () => {
        const left = totals(a, ['a'])
        const right = totals(b, ['b'])
        const booked: string[] = []
        for (let index = 0; index < count; index++)
          booked.push(
            finiteMoney(
              (left.values[index] as Decimal).plus(right.values[index] as Decimal),
              metric,
              'a booked total',
            ).toString(),
          )
        return { booked, currency: combine(left.currency, right.currency, ['b']) }
      }),
    result: (state) => guardInput(metric, () => attainmentResult(plan, totals(state, []).values)),
  }
}
