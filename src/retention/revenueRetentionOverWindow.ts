import { guardInput, readOptions } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { monthLabel, readMonthOption } from '../core/monthNumbers.js'
import type {
  AccountRevenueSnapshot,
  RevenueRetentionOptions,
  RevenueRetentionRow,
} from './RevenueRetention.js'
import { createChangeSink, readSnapshots, windowPeriod } from './revenueRetentionKernel.js'

/**
 * Options of {@link revenueRetentionOverWindow}.
 *
 * @typeParam R - The snapshot row type.
 * @category Retention
 */
export interface RevenueRetentionOverWindowOptions<
  R extends AccountRevenueSnapshot = AccountRevenueSnapshot,
> extends RevenueRetentionOptions<R> {
  /** First month of the window, `'YYYY-MM'`; default the month after the first snapshot. */
  readonly from?: string
  /** Last month of the window, `'YYYY-MM'`; default the last snapshot's month. */
  readonly to?: string
}

/**
 * The result of {@link revenueRetentionOverWindow}: one row per group.
 *
 * @category Retention
 */
export type RevenueRetentionOverWindowResult = RevenueRetentionRow[]

/**
 * Revenue retention over any window of months — a quarter, a year, trailing twelve months —
 * measured between the window's two snapshots: the MRR at the end of the month before
 * `from` against the MRR at the end of `to`, per account, as the standard (B2B) GRR and
 * NRR definitions take "change between start and end of period". Accounts that joined
 * during the window are new revenue, not retention, however they moved inside it.
 *
 * ```text
 * S = snapshot(from − 1),  E = snapshot(to),  history = snapshots before from − 1
 * result = revenueMovements(S, E, { history }) with GRR, NRR, MRR churn and logo retention
 * GRR = (S − contraction − churn) / S,  NRR = (S + expansion + reactivation − contraction − churn) / S
 * ```
 * Not the product of the monthly rates: an account that left in February and came back in
 * March is retained over the quarter, and a new account of February is new over the
 * quarter. A one-month window (`from` = `to`) is exactly that month's row of
 * {@link revenueRetentionSeries}.
 *
 * @param snapshots - Rows `{ accountId, month, amount, currency? }`, as for `revenueRetentionSeries`.
 * @param options - `from`, `to` (`'YYYY-MM'`), `by`, `timeZone`.
 * @returns One `groupMetric` row per group, `period: { start, end, label: '2026-01/2026-03' }`
 *   (`'2026-03'` for one month); `[]` without rows, or with one month and no `from`/`to`.
 * @throws MetricInputError as `revenueRetentionSeries`; `INVALID_OPTION` for a `from` / `to`
 *   that is not `'YYYY-MM'`, `to` before `from`, or a window without a snapshot before it or
 *   past the last snapshot (path `['from']`, `['to']`).
 * @example
 * ```ts
 * const rows = revenueRetentionOverWindow(
 *   [
 *     { accountId: 'a', month: '2025-12', amount: 100 }, { accountId: 'b', month: '2025-12', amount: 50 },
 *     { accountId: 'a', month: '2026-01', amount: 120 }, { accountId: 'a', month: '2026-02', amount: 120 },
 *     { accountId: 'a', month: '2026-03', amount: 90 }, { accountId: 'b', month: '2026-03', amount: 50 },
 *   ],
 *   { from: '2026-01', to: '2026-03' },
 * )
 * rows.map((row) => [row.period?.label, row.result.grossRevenueRetention]) // => [['2026-01/2026-03', 0.9333333333333333]]
 * ```
 * @see revenueMovements; help.chartmogul.com — churn rate formulas (Standard: change between
 *   start and end of period); docs/metric-definitions.md §2.1–2.2.
 * @category Retention
 */
export function revenueRetentionOverWindow<R extends AccountRevenueSnapshot>(
  snapshots: readonly R[],
  options?: RevenueRetentionOverWindowOptions<R>,
): RevenueRetentionOverWindowResult {
  const metric = 'revenueRetentionOverWindow'
  return guardInput(metric, () => {
    const checked = readOptions(options, metric)
    const fromOption =
      checked.from === undefined ? null : readMonthOption(checked.from, 'from', metric)
    const toOption = checked.to === undefined ? null : readMonthOption(checked.to, 'to', metric)
    const data = readSnapshots(snapshots, options, metric)
    const { order, accountStart, slotMonth, slotPaid, monthCount, firstMonth } = data
    if (monthCount === 0 || (monthCount === 1 && fromOption === null && toOption === null)) {
      return []
    }
    const from = fromOption === null ? 1 : fromOption - firstMonth
    const to = toOption === null ? monthCount - 1 : toOption - firstMonth
    if (from < 1 || from > monthCount - 1) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['from'],
        message: `${metric}: option from is ${monthLabel(firstMonth + from)}; the window needs the snapshot of the month before it, so from must lie between ${monthLabel(firstMonth + 1)} and ${monthLabel(firstMonth + monthCount - 1)}`,
      })
    }
    if (to < from || to > monthCount - 1) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['to'],
        message: `${metric}: option to is ${monthLabel(firstMonth + to)}; it must lie between from (${monthLabel(firstMonth + from)}) and the last snapshot (${monthLabel(firstMonth + monthCount - 1)})`,
      })
    }
    const sink = createChangeSink(
      data,
      checked.by !== undefined,
      1,
      () => windowPeriod(firstMonth + from, firstMonth + to, data.timeZone),
      null,
    )
    const accounts = accountStart.length - 1
    for (let account = 0; account < accounts; account++) {
      let startSlot = -1
      let endSlot = -1
      let paidBefore = false
      const end = accountStart[account + 1] as number
      for (let position = accountStart[account] as number; position < end; position++) {
        const slot = order[position] as number
        const month = slotMonth[slot] as number
        if (month < from - 1) {
          if (slotPaid[slot] === 1) paidBefore = true
        } else if (month === from - 1) {
          startSlot = slot
        } else if (month === to) {
          endSlot = slot
        }
      }
      const startPaid = startSlot >= 0 && slotPaid[startSlot] === 1
      const endPaid = endSlot >= 0 && slotPaid[endSlot] === 1
      if (startPaid || endPaid) sink.emit(startSlot, endSlot, paidBefore, 0)
    }
    return sink.rows()
  })
}
