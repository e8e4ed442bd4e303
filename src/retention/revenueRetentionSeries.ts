import { guardInput } from '../core/inputGuards.js'
import { monthLabel } from '../core/monthNumbers.js'
import type {
  AccountRevenueSnapshot,
  RevenueRetentionOptions,
  RevenueRetentionRow,
} from './RevenueRetention.js'
import { createChangeSink, monthStart, readSnapshots } from './revenueRetentionKernel.js'

/**
 * Options of {@link revenueRetentionSeries}.
 *
 * @typeParam R - The snapshot row type.
 * @category Retention
 */
export type RevenueRetentionSeriesOptions<
  R extends AccountRevenueSnapshot = AccountRevenueSnapshot,
> = RevenueRetentionOptions<R>

/**
 * The result of {@link revenueRetentionSeries}: one row per group and month.
 *
 * @category Retention
 */
export type RevenueRetentionSeriesResult = RevenueRetentionRow[]

/**
 * The monthly revenue retention series of a subscription business, from per-account MRR
 * snapshots (one row per paying account per month, as a billing export or `stripeMrr` gives
 * them): for every month, the MRR movements against the month before — new, expansion,
 * contraction, churn, reactivation — the starting and ending MRR, GRR, NRR, MRR churn rates
 * and logo retention, per group if asked, in one call.
 *
 * ```text
 * row(m) = revenueMovements(snapshot(m − 1), snapshot(m), history = snapshots before m − 1)
 * GRR(m) = (S − contraction − churn) / S,  NRR(m) = (S + expansion + reactivation − contraction − churn) / S
 * logo retention(m) = (E − N) / S over paying accounts (N = new + reactivated)
 * ```
 * An account without a row in a month paid nothing then (churned, or not yet a customer); a
 * month without any row between the first and the last is refused, as it cannot be told
 * from a gap in the export. The first month is the baseline: rows begin with the second.
 * Movements are netted per account and money is exact (`Decimal`). For a quarter, a year
 * or any other span, use {@link revenueRetentionOverWindow} — retention over a window is
 * measured between its two snapshots, not by chaining monthly rates.
 *
 * @param snapshots - Rows `{ accountId, month, amount, currency? }` (amount ≥ 0).
 * @param options - `by` (group of a row, e.g. `(row) => row.segment`), `timeZone` (for
 *   `Date` months and the period bounds; default `'UTC'`).
 * @returns `groupMetric` rows `{ group, period: { start, end, label: '2026-03' }, result, n }`
 *   in group order of first appearance, then month order; `result` holds the exact totals,
 *   `counts`, `currency` and the rates (`null` when the month began with no revenue); `n`
 *   counts the accounts that paid at the start or the end of the month. `[]` for fewer than
 *   two months.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (not an array; more than 5,000 months),
 *   `INVALID_RECORD` (a row that is not an object, `[i]`; a bad group key, `[i, 'by']`),
 *   `MISSING_VALUE` (an empty `accountId`; a month without rows), `INVALID_DATE`
 *   (`[i, 'month']`), `NEGATIVE_VALUE` / `NOT_FINITE` (`[i, 'amount']`), `CURRENCY_MISMATCH`,
 *   `INVALID_OPTION` (`timeZone`, `by`).
 * @example
 * ```ts
 * const rows = revenueRetentionSeries([
 *   { accountId: 'a', month: '2026-01', amount: 100 }, { accountId: 'b', month: '2026-01', amount: 50 },
 *   { accountId: 'a', month: '2026-02', amount: 120 }, { accountId: 'c', month: '2026-02', amount: 30 },
 *   { accountId: 'a', month: '2026-03', amount: 90 }, { accountId: 'c', month: '2026-03', amount: 30 },
 * ])
 * rows.map((row) => [row.period?.label, row.result.grossRevenueRetention, row.result.netRevenueRetention])
 * // => [['2026-02', 0.6666666666666666, 0.8], ['2026-03', 0.8, 0.8]]
 * ```
 * @see revenueMovements; help.chartmogul.com — MRR movements; docs/metric-definitions.md §2.2.
 * @category Retention
 */
export function revenueRetentionSeries<R extends AccountRevenueSnapshot>(
  snapshots: readonly R[],
  options?: RevenueRetentionSeriesOptions<R>,
): RevenueRetentionSeriesResult {
  const metric = 'revenueRetentionSeries'
  return guardInput(metric, () => {
    const data = readSnapshots(snapshots, options, metric)
    const { order, accountStart, slotMonth, slotPaid, monthCount } = data
    if (monthCount < 2) return []
    const months: Date[] = []
    for (let month = 0; month < monthCount; month++) {
      const number = data.firstMonth + month
      months.push(new Date(Date.UTC(Math.floor(number / 12), number % 12, 15)))
    }
    // Month boundaries in the time zone, computed once per month.
    const starts = new Float64Array(monthCount + 1)
    for (let month = 0; month <= monthCount; month++) {
      starts[month] = monthStart(data.firstMonth + month, data.timeZone).getTime()
    }
    const sink = createChangeSink(
      data,
      options?.by !== undefined,
      monthCount,
      (month) => ({
        start: new Date(starts[month] as number),
        end: new Date(starts[month + 1] as number),
        label: monthLabel(data.firstMonth + month),
      }),
      (month) => months[month] as Date,
    )
    const accounts = accountStart.length - 1
    for (let account = 0; account < accounts; account++) {
      let lastMonth = -1
      let lastSlot = -1
      let lastPaid = false
      let paidBeforeLast = false // paid in some month before lastMonth
      let paidThrough = false // paid in some month up to lastMonth
      const end = accountStart[account + 1] as number
      for (let position = accountStart[account] as number; position < end; position++) {
        const slot = order[position] as number
        const month = slotMonth[slot] as number
        const paid = slotPaid[slot] === 1
        if (lastSlot >= 0 && month > lastMonth + 1) {
          // No row in the month after lastMonth: the account stopped paying then.
          if (lastPaid) sink.emit(lastSlot, -1, paidBeforeLast, lastMonth + 1)
          paidBeforeLast = paidThrough
          lastMonth = month - 1
          lastSlot = -1
          lastPaid = false
        }
        if (month > 0) {
          const adjacent = lastMonth === month - 1
          const startPaid = adjacent && lastPaid
          if (startPaid || paid) {
            sink.emit(
              adjacent ? lastSlot : -1,
              slot,
              adjacent ? paidBeforeLast : paidThrough,
              month,
            )
          }
        }
        paidBeforeLast = paidThrough
        if (paid) paidThrough = true
        lastMonth = month
        lastSlot = slot
        lastPaid = paid
      }
      if (lastPaid && lastMonth + 1 < monthCount) {
        sink.emit(lastSlot, -1, paidBeforeLast, lastMonth + 1)
      }
    }
    return sink.rows()
  })
}
