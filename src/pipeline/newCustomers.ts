import { describeValue } from '../core/describeValue.js'
import type { GroupKey, GroupMetricRow } from '../core/groupMetric.js'
import { guardInput, readOptions, requireList, requireRow } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import { toMoneyDecimal } from '../core/moneySum.js'
import { requireInstant } from '../core/validate.js'
import { requireClosedAt, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { type RecordPeriodOptions, recordCells, wantsFill } from './recordCells.js'

/**
 * A dated revenue row for {@link newCustomers}: revenue recognised from an account at an
 * instant (an invoice, a payment, a month of MRR dated by its month).
 *
 * @category Pipeline
 */
export interface CustomerRevenue {
  readonly accountId: string
  /** When the revenue was recognised. */
  readonly at: Date
  /** Amount ≥ 0; rows of 0 are not revenue (a free trial) and are ignored. */
  readonly amount: MoneyInput
}

/**
 * Options of {@link newCustomers}.
 *
 * @typeParam R - `Opportunity` or `CustomerRevenue`.
 * @category Pipeline
 */
export interface NewCustomersOptions<R> {
  /** Calendar periods of the first won deal's `closedAt` or the first revenue's `at` (or of `date`); required. */
  readonly period: RecordPeriodOptions<R>
  /** The group of a new customer, read from its first won deal or first revenue row. */
  readonly by?: (record: R, index: number) => GroupKey | undefined
}

/**
 * New customers in one group and period.
 *
 * @category Pipeline
 */
export interface NewCustomersResult {
  /** Accounts whose first won deal (or first revenue) falls in the period. */
  readonly count: number
  /** Their ids, in input order of each account's first won deal (or first revenue row). */
  readonly accountIds: string[]
}

/**
 * A row of {@link newCustomers}, in `groupMetric`'s shape (`n` = new customers).
 *
 * @category Pipeline
 */
export type NewCustomersRow = GroupMetricRow<NewCustomersResult>

const METRIC = 'newCustomers'

/**
 * New customers per period: accounts that became customers — HubSpot's "became a
 * customer" date, set by an account's first closed-won deal — counted in the calendar
 * period of that first win; or, from revenue rows, of the account's first revenue above 0
 * (Stripe's "new customers": first payment). Later wins of the same account are expansion,
 * not new customers.
 *
 * ```text
 * first(a) = min closedAt over won deals of account a   (or min at over revenue > 0)
 * newCustomers(g, p) = #{ accounts a : first(a) ∈ p, by(first record of a) = g }
 * ```
 * Pitfall: "first" means first in the data given — pass the whole history, or accounts
 * won before its start are counted as new in its first period. Ties in time go to the
 * record earlier in the input.
 *
 * @param records - Opportunities (won ones need `closedAt` and `accountId`) or
 *   `CustomerRevenue` rows `{ accountId, at, amount }` (told apart by `status` on the first row).
 * @param options - `period` (required: `{ unit, timeZone, date, fiscalYearStartMonth,
 *   weekStartsOn, fill }`), `by`.
 * @returns Rows `{ group, period, result: { count, accountIds }, n }`.
 * @throws MetricInputError `INVALID_OPTION` (period missing or bad, by, options),
 *   `MISSING_VALUE` (`[i, 'accountId']` of a won deal, `[i, 'closedAt']`), `INVALID_RECORD`
 *   (an accountId that is not a string; a row that is not an object), `INVALID_DATE`,
 *   `END_BEFORE_START`, `VALUE_OUT_OF_RANGE` (status; not an array), `NEGATIVE_VALUE` /
 *   `NOT_FINITE` (amount).
 * @example
 * ```ts
 * const win = (accountId: string, day: string) => ({ id: accountId + day, accountId,
 *   createdAt: new Date('2026-01-01'), closedAt: new Date(day), amount: 100, status: 'won' as const, stageHistory: [] })
 * const rows = newCustomers([win('acme', '2026-01-10'), win('acme', '2026-02-03'), win('globex', '2026-02-20')],
 *   { period: { unit: 'month' } })
 * rows.map((row) => [row.period?.label, row.result.accountIds])
 * // => [['2026-01', ['acme']], ['2026-02', ['globex']]]
 * ```
 * @see HubSpot Knowledge Base, "Lifecycle stage: Became a customer date"; Stripe Billing
 *   analytics, "New customers".
 * @category Pipeline
 */
export function newCustomers<R extends Opportunity | CustomerRevenue>(
  records: readonly R[],
  options: NewCustomersOptions<R>,
): NewCustomersRow[] {
  return guardInput(METRIC, () => computeNewCustomers(records, options))
}

function computeNewCustomers<R extends Opportunity | CustomerRevenue>(
  list: readonly R[],
  given: NewCustomersOptions<R>,
): NewCustomersRow[] {
  const records = requireList(list, METRIC, 'records')
  const options = readOptions(given, METRIC)
  if (options.period === undefined) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['period'],
      message: `${METRIC}: option period is missing; give the calendar periods, e.g. { unit: 'month', timeZone: 'UTC' }`,
    })
  }
  const first = records.length === 0 ? undefined : requireRow(records[0] as R, METRIC, 0, 'record')
  const fromDeals = first !== undefined && 'status' in first
  // The first record (index) and its instant per account.
  const firstOf = new Map<string, number>()
  const timeOf = new Map<string, number>()
  const accountOf: string[] = new Array(records.length)
  for (let index = 0; index < records.length; index++) {
    const record = requireRow(records[index] as R, METRIC, index, 'record')
    let time: number
    if (fromDeals) {
      const deal = record as Opportunity
      if (requireStatus(deal, index, METRIC) !== 'won') continue
      time = requireClosedAt(deal, index, METRIC)
    } else {
      const revenue = record as CustomerRevenue
      time = requireInstant(revenue.at, METRIC, [index, 'at'], `at at index ${index}`)
      const amount = toMoneyDecimal(
        revenue.amount,
        { metric: METRIC, allowNegative: false, field: 'amount' },
        index,
      )
      if (amount.isZero()) continue
    }
    const account = requireAccountId((record as { accountId?: unknown }).accountId, index)
    accountOf[index] = account
    const known = timeOf.get(account)
    if (known === undefined || time < known) {
      timeOf.set(account, time)
      firstOf.set(account, index)
    }
  }
  // The accounts in the order of their first record in the input (a typed sort, no comparator).
  const positions = Array.from(Float64Array.from(firstOf.values()).sort())
  const cells = recordCells(
    records,
    positions,
    METRIC,
    options.by,
    options.period,
    (_, index) => new Date(timeOf.get(accountOf[index] as string) as number),
    false,
  )
  const keepEmpty = wantsFill(options.period)
  const rows: NewCustomersRow[] = []
  for (let cell = 0; cell < cells.length; cell++) {
    const { group, period, members } = cells[cell] as (typeof cells)[number]
    if (members.length === 0 && !keepEmpty) continue
    const accountIds: string[] = new Array(members.length)
    for (let member = 0; member < members.length; member++) {
      accountIds[member] = accountOf[members[member] as number] as string
    }
    rows.push({ group, period, result: { count: members.length, accountIds }, n: members.length })
  }
  return rows
}

function requireAccountId(accountId: unknown, index: number): string {
  if (typeof accountId === 'string') return accountId
  if (accountId === undefined) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric: METRIC,
      path: [index, 'accountId'],
      message: `${METRIC}: accountId at index ${index} is missing; a new customer is counted per account`,
    })
  }
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric: METRIC,
    path: [index, 'accountId'],
    message: `${METRIC}: accountId at index ${index} is ${describeValue(accountId)}; it must be a string`,
  })
}
