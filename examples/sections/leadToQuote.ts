import { readFileSync } from 'node:fs'
import {
  type BusinessCalendar,
  leadToCash,
  leadToQuoteSummary,
  networkDays,
  timeToQuoteSurvival,
} from 'cx-metrics'
import { LeadSchema, OpportunitySchema, parseRecords, QuoteSchema } from 'cx-metrics/schemas'
import { fixed, heading, percent, table } from '../lib/format.js'
import { COMPANY_TIME_ZONE, readSampleCsv, sampleDataPath } from '../lib/sampleData.js'
import { AS_OF } from './pipeline.js'

/** The sales team's hours: 09:00–17:00 with a lunch hour, Monday to Friday, US holidays of 2026. */
export const SALES_CALENDAR: BusinessCalendar = {
  timeZone: COMPANY_TIME_ZONE,
  week: Object.fromEntries(
    (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((day) => [
      day,
      [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    ]),
  ),
  holidays: [
    '2026-01-01',
    '2026-01-19',
    '2026-02-16',
    '2026-05-25',
    '2026-07-03',
    '2026-09-07',
    '2026-11-26',
    '2026-12-25',
  ],
}

/** The lead-to-quote report of the sample data, in business hours of the sales calendar. */
export function leadToQuoteReport(): string {
  const out: string[] = []
  const { records: leads } = parseRecords(LeadSchema, readSampleCsv('leads.csv'))
  const { records: quotes } = parseRecords(QuoteSchema, readSampleCsv('quotes.csv'))
  const options = {
    asOf: AS_OF,
    calendar: SALES_CALENDAR,
    unit: 'business-hours' as const,
    target: 24,
  }

  out.push(
    heading(
      'Lead to quote (business hours: Mon–Fri 09:00–17:00 New York, lunch 12–13, US holidays)',
    ),
  )
  out.push(
    `${leads.length} leads, ${quotes.length} quotes; SLA: first quote within 24 business hours (about 3½ working days of 7 hours).`,
  )
  const sources = [...new Set(leads.map((lead) => lead.source ?? '(none)'))].sort()
  out.push(
    table(
      ['source', 'leads', 'quoted', 'waiting', 'median', 'p90', 'mean', 'SLA met'],
      [...sources, null].map((source) => {
        const subset = leads.filter(
          (lead) => source === null || (lead.source ?? '(none)') === source,
        )
        const summary = leadToQuoteSummary(subset, quotes, options)
        return [
          source ?? 'all',
          String(summary.leads),
          String(summary.quoted),
          String(summary.open),
          fixed(summary.median),
          fixed(summary.p90),
          fixed(summary.mean),
          percent(summary.slaAttainment ?? null),
        ]
      }),
    ),
  )

  const curve = timeToQuoteSurvival(leads, quotes, {
    asOf: AS_OF,
    calendar: SALES_CALENDAR,
    unit: 'business-hours',
  })
  const quotedBy = (hours: number) => {
    const step = curve.steps.filter((s) => s.time <= hours).at(-1)
    return percent(step === undefined ? 0 : 1 - step.survival)
  }
  out.push(
    `\nTime-to-quote curve (Kaplan–Meier, waiting leads censored): quoted within 8 h ${quotedBy(8)}, ` +
      `24 h ${quotedBy(24)}, 40 h ${quotedBy(40)}, 80 h ${quotedBy(80)}; ` +
      (curve.median === null
        ? 'the curve stays above 50 %: fewer than half of the leads get a quote.'
        : `median ${fixed(curve.median)} business hours.`),
  )

  const deals = parseRecords(
    OpportunitySchema,
    JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as unknown[],
  ).records
  out.push(heading('Lead to cash (working days per step, median and p90)'))
  out.push(
    table(
      ['step', 'leads', 'median', 'p90'],
      leadToCash(leads, quotes, deals, { unit: 'business-days', calendar: SALES_CALENDAR }).map(
        (step) => [step.step, String(step.count), fixed(step.median, 2), fixed(step.p90, 2)],
      ),
    ),
  )
  out.push(
    `Working days left in 2026 from ${AS_OF.toISOString().slice(0, 10)} (NETWORKDAYS, US holidays): ` +
      `${networkDays('2026-11-27', '2026-12-31', { holidays: SALES_CALENDAR.holidays ?? [] })}.`,
  )
  return out.join('\n')
}
