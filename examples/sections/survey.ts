import {
  compareNps,
  csat,
  customerEffortScore,
  netPromoterScore,
  npsBySegment,
  npsInterval,
  npsTrend,
} from 'cx-metrics'
import {
  csvIntegerSchema,
  InstantSchema,
  OptionalTextSchema,
  parseRecords,
  SurveyResponseSchema,
} from 'cx-metrics/schemas'
import * as z from 'zod'
import { fixed, heading, percent, range, table } from '../lib/format.js'
import { COMPANY_TIME_ZONE, readSampleCsv } from '../lib/sampleData.js'

/** Support-ticket ratings: CSAT on 1–5 and, when asked, CES 2.0 on 1–7. */
const SupportRatingSchema = z.object({
  ticketId: z.string(),
  segment: OptionalTextSchema,
  ratedAt: InstantSchema,
  csat: csvIntegerSchema(1, 5),
  ces: z.union([z.literal(''), csvIntegerSchema(1, 7)]),
})

/** The survey report of the sample data: NPS overall, by segment and by month, CSAT and CES. */
export function surveyReport(): string {
  const out: string[] = []
  const surveyRows = readSampleCsv('survey-responses.csv')
  const { records: responses, rejected } = parseRecords(SurveyResponseSchema, surveyRows, {
    onInvalid: 'collect',
  })

  out.push(heading('Net Promoter Score'))
  out.push(`${responses.length} responses read, ${rejected.length} rows rejected:`)
  for (const row of rejected) {
    const issue = row.issues[0]
    out.push(
      `  line ${row.index + 2} (${surveyRows[row.index]?.responseId}): ${issue?.path.join('.')} — ${issue?.message}`,
    )
  }

  const scores = responses.map((response) => response.score)
  const overall = netPromoterScore(scores)
  const interval = npsInterval(scores)
  out.push('')
  out.push(
    `NPS ${fixed(overall.score)}  95 % CI ${range(interval.lower, interval.upper)} (adjusted-Wald)  ` +
      `promoters ${percent(overall.promoterShare)}, passives ${percent(overall.passiveShare)}, ` +
      `detractors ${percent(overall.detractorShare)}`,
  )

  out.push('')
  out.push(
    table(
      ['segment', 'n', 'NPS', '95 % CI'],
      npsBySegment(responses).map((row) => [
        row.group ?? '(none)',
        String(row.result.total),
        fixed(row.result.score),
        range(row.result.lower, row.result.upper),
      ]),
    ),
  )

  const months = npsTrend(responses, { period: 'month', timeZone: COMPANY_TIME_ZONE })
  out.push('')
  out.push(
    table(
      ['month', 'n', 'NPS', '95 % CI'],
      months.map((row) => [
        row.period.label,
        String(row.result.total),
        fixed(row.result.score),
        range(row.result.lower, row.result.upper),
      ]),
    ),
  )

  const [previous, latest] = months.slice(-2)
  if (previous !== undefined && latest !== undefined) {
    const inMonth = ({ period }: { period: { start: Date; end: Date } }) =>
      responses
        .filter((r) => r.respondedAt >= period.start && r.respondedAt < period.end)
        .map((r) => r.score)
    const test = compareNps(inMonth(latest), inMonth(previous))
    const significant = test.pValue !== null && test.pValue < 0.05
    out.push('')
    out.push(
      `${latest.period.label} vs ${previous.period.label}: ${fixed(test.difference)} points ` +
        `(95 % CI ${range(test.lower, test.upper)}, p = ${fixed(test.pValue, 3)}) — ` +
        (significant
          ? 'a significant change at the 5 % level.'
          : 'not significant at the 5 % level.'),
    )
    const smb = (from: number, to: number) =>
      responses
        .filter(
          (r) =>
            r.segment === 'SMB' && r.respondedAt.getTime() >= from && r.respondedAt.getTime() < to,
        )
        .map((r) => r.score)
    const cut = previous.start.getTime()
    const smbTest = compareNps(
      smb(cut, Number.POSITIVE_INFINITY),
      smb(Number.NEGATIVE_INFINITY, cut),
    )
    out.push(
      `SMB, last two months against the ten before: ${fixed(smbTest.difference)} points ` +
        `(95 % CI ${range(smbTest.lower, smbTest.upper)}, p = ${fixed(smbTest.pValue, 4)}).`,
    )
  }

  const ratingRows = readSampleCsv('support-ratings.csv')
  const { records: ratings, rejected: badRatings } = parseRecords(SupportRatingSchema, ratingRows, {
    onInvalid: 'collect',
  })
  out.push(heading('Support satisfaction (CSAT, top-2-box on 1–5) and effort (CES 2.0, 1–7)'))
  const csatRows = ['Enterprise', 'Mid-Market', 'SMB', null].map((segment) => {
    const subset = ratings.filter((r) => segment === null || r.segment === segment)
    const result = csat(subset.map((r) => r.csat))
    const effort = subset.flatMap((r) => (r.ces === '' ? [] : [r.ces]))
    return [
      segment ?? 'all',
      String(result.total),
      percent(result.score),
      range(
        result.interval && 100 * result.interval.lower,
        result.interval && 100 * result.interval.upper,
      ),
      fixed(customerEffortScore(effort).score, 2),
      percent(customerEffortScore(effort, { method: 'agree-share' }).score),
    ]
  })
  out.push(table(['segment', 'n', 'CSAT', '95 % CI (%)', 'CES mean', 'CES agree'], csatRows))
  out.push(`${ratings.length} ratings read, ${badRatings.length} rejected.`)
  return out.join('\n')
}
