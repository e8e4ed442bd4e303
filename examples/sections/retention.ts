import {
  type AccountRevenue,
  cohortRetention,
  customerChurnRate,
  grossRevenueRetention,
  kaplanMeier,
  netRevenueRetention,
  restrictedMeanSurvivalTime,
  revenueMovements,
} from 'cx-metrics'
import {
  InstantSchema,
  MoneySchema,
  OptionalCurrencySchema,
  parseRecords,
} from 'cx-metrics/schemas'
import * as z from 'zod'
import { fixed, heading, percent, table } from '../lib/format.js'
import { readSampleCsv } from '../lib/sampleData.js'

/** A monthly MRR snapshot row: the account's revenue in the month starting at `month`. */
const MonthlyRevenueSchema = z.object({
  accountId: z.string().min(1),
  month: InstantSchema,
  amount: MoneySchema,
  currency: OptionalCurrencySchema,
})

const money = (value: { toFixed(digits: number): string }) =>
  Number(value.toFixed(0)).toLocaleString('en-US')

/** The retention report of the sample data: MRR movements, GRR/NRR, cohorts, survival. */
export function retentionReport(): string {
  const out: string[] = []
  const { records, rejected } = parseRecords(
    MonthlyRevenueSchema,
    readSampleCsv('account-revenue.csv'),
    {
      onInvalid: 'collect',
    },
  )
  const months = [...new Set(records.map((row) => row.month.getTime()))].sort((a, b) => a - b)
  const byMonth = months.map((month) =>
    records
      .filter((row) => row.month.getTime() === month)
      .map(
        ({ accountId, amount, currency }): AccountRevenue =>
          currency === undefined ? { accountId, amount } : { accountId, amount, currency },
      ),
  )
  const label = (month: number | undefined) => new Date(month ?? 0).toISOString().slice(0, 7)

  out.push(heading('Revenue retention (monthly MRR movements)'))
  out.push(`${records.length} MRR rows over ${months.length} months, ${rejected.length} rejected.`)
  const rows: string[][] = []
  for (let index = 1; index < months.length; index++) {
    const moves = revenueMovements(byMonth[index - 1]!, byMonth[index]!, {
      history: byMonth.slice(0, index - 1).flat(),
    })
    rows.push([
      label(months[index]),
      money(moves.startingRevenue),
      money(moves.newRevenue),
      money(moves.expansion),
      money(moves.contraction),
      money(moves.churn),
      money(moves.reactivation),
      percent(grossRevenueRetention(moves)),
      percent(netRevenueRetention(moves)),
      percent(
        customerChurnRate({
          customersAtStart: moves.counts.startingCustomers,
          churnedCustomers: moves.counts.churn,
        }),
      ),
    ])
  }
  out.push(
    table(
      [
        'month',
        'start MRR',
        'new',
        'expansion',
        'contraction',
        'churn',
        'reactiv.',
        'GRR',
        'NRR',
        'logo churn',
      ],
      rows,
    ),
  )
  const year = revenueMovements(byMonth[0]!, byMonth.at(-1)!)
  out.push(
    `\n${label(months[0])} → ${label(months.at(-1))}: GRR ${percent(grossRevenueRetention(year))}, ` +
      `NRR ${percent(netRevenueRetention(year))} on a starting MRR of ${money(year.startingRevenue)} USD.`,
  )

  const cohorts = cohortRetention(
    records.map((row) => ({ customerId: row.accountId, at: row.month, revenue: row.amount })),
    { period: 'quarter' },
  )
  out.push(heading('Logo retention by signup quarter (cohort × quarters since signup)'))
  out.push(
    table(
      ['cohort', 'size', ...cohorts.pooled.map((cell) => `Q+${cell.age}`)],
      [
        ...cohorts.cohorts.map((row) => [
          row.cohort,
          String(row.size),
          ...row.retention.map((cell) => percent(cell, 0)),
        ]),
        ['pooled', '', ...cohorts.pooled.map((cell) => percent(cell.retention, 0))],
      ],
    ),
  )

  // Customer lifetime: months from the first paid month to the first month without revenue.
  const lastIndex = months.length - 1
  const durations: number[] = []
  const churned: boolean[] = []
  const accounts = [...new Set(records.map((row) => row.accountId))]
  for (const accountId of accounts) {
    const paid = byMonth.map((rows) => rows.some((row) => row.accountId === accountId))
    const first = paid.indexOf(true)
    let end = first
    while (end + 1 <= lastIndex && paid[end + 1]) end++
    durations.push(end - first + 1)
    churned.push(end < lastIndex)
  }
  const curve = kaplanMeier({ durations, events: churned })
  const rmst = restrictedMeanSurvivalTime(curve, 12)
  out.push(heading('Customer survival (Kaplan–Meier, months as a paying customer)'))
  out.push(
    table(
      ['month', 'at risk', 'churned', 'survival', '95 % CI (log)'],
      curve.steps.map((step) => [
        String(step.time),
        String(step.atRisk),
        String(step.events),
        percent(step.survival),
        `[${percent(step.lower)}, ${percent(step.upper)}]`,
      ]),
    ),
  )
  out.push(
    `${accounts.length} customers, ${churned.filter(Boolean).length} churned. Median lifetime: ` +
      (curve.median === null
        ? 'not reached (more than half are still customers)'
        : `${curve.median} months`) +
      `. Expected months as a customer out of the first 12: ${fixed(rmst.estimate, 2)} (± ${fixed(1.96 * rmst.standardError, 2)}).`,
  )
  return out.join('\n')
}
