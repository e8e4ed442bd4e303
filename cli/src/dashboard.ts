import {
  type AccountRevenue,
  actualsFromOpportunities,
  type BusinessCalendar,
  bookingsFromOpportunities,
  type CxComponent,
  cesComponent,
  cohortRetention,
  compareNps,
  csat,
  csatComponent,
  customerEffortScore,
  cxScore,
  type ForecastSubmission,
  forecastAccuracyByPeriod,
  grossRevenueRetention,
  healthScorecard,
  kaplanMeier,
  type Lead,
  leadToQuoteSummary,
  leadToQuoteTimes,
  MetricInputError,
  netPromoterScore,
  netRevenueRetention,
  npsBySegment,
  npsComponent,
  npsInterval,
  npsTrend,
  type Opportunity,
  type Quota,
  type Quote,
  quotaAttainment,
  quotaPacing,
  retentionComponent,
  revenueMovements,
  type SurveyResponse,
  stageConversion,
  timeToQuoteSurvival,
  winRate,
  winRateComponent,
} from 'cx-metrics'
import type { Config } from './config.js'
import type { DataSet, FileNote, RejectedRow } from './read.js'

/** Rounding of every number in the report (the JSON and every page show these values). */
const round = (value: number | null | undefined, digits: number): number | null => {
  if (value === null || value === undefined || !Number.isFinite(value)) return null
  const rounded = Number(value.toFixed(digits))
  return rounded === 0 ? 0 : rounded
}
/** A score on −100…100 or 0…100, to 0.01. */
const score = (value: number | null | undefined) => round(value, 2)
/** A fraction (rate, share, probability), to 0.0001 (0.01 percentage points). */
const rate = (value: number | null | undefined) => round(value, 4)
/** Money, to the cent. */
const money = (value: { toFixed(digits: number): string } | number | null | undefined) =>
  value === null || value === undefined ? null : round(Number(value.toFixed(2)), 2)

/** The interpretation of the report's clock and calendar. */
export interface ReportSettings {
  readonly asOf: Date
  readonly timeZone: string
  readonly config: Config
}

/** Section names, in report order. */
export const SECTIONS = [
  'cxScore',
  'nps',
  'satisfaction',
  'revenue',
  'cohorts',
  'survival',
  'funnel',
  'winRate',
  'forecast',
  'leadToQuote',
  'quota',
  'accountHealth',
] as const
export type SectionName = (typeof SECTIONS)[number]

const DEFAULT_WEIGHTS = {
  nps: 3,
  csat: 2,
  ces: 1,
  grossRevenueRetention: 2,
  winRate: 1,
  quoteSla: 1,
} as const

const DEFAULT_SLA_HOURS = 24
const STAGE_ORDER_LIMIT = 20
const DAY = 86_400_000

/** Builds the whole dashboard as one JSON-safe object: every output format renders this. */
export function buildDashboard(data: DataSet, settings: ReportSettings) {
  const omitted: { section: SectionName; reason: string }[] = []
  const { asOf } = settings
  // "As of" means as known then: records dated after it are left out (a lead created after
  // "now" cannot be measured; a response after it is not in the report).
  const until = <T>(list: T[], date: (record: T) => Date | undefined): T[] =>
    list.filter((record) => {
      const at = date(record)
      return at === undefined || at.getTime() <= asOf.getTime()
    })
  const surveyAll = (data.byKind.survey?.records ?? []) as SurveyResponse[]
  const surveyRawAll = data.byKind.survey?.raw ?? []
  const surveyKept: number[] = []
  for (let index = 0; index < surveyAll.length; index++)
    if (surveyAll[index]!.respondedAt.getTime() <= asOf.getTime()) surveyKept.push(index)
  const survey = surveyKept.map((index) => surveyAll[index]!)
  const surveyRaw = surveyKept.map((index) => surveyRawAll[index] ?? {})
  const ratings = until(
    (data.byKind.ratings?.records ?? []) as {
      accountId?: string
      segment?: string
      ratedAt: Date
      csat: number
      ces?: number | ''
    }[],
    (r) => r.ratedAt,
  )
  const revenueRows = until(
    (data.byKind.revenue?.records ?? []) as {
      accountId: string
      month: Date
      amount: AccountRevenue['amount']
      currency?: string
    }[],
    (r) => r.month,
  )
  const deals = until(
    (data.byKind.opportunities?.records ?? []) as Opportunity[],
    (d) => d.createdAt,
  )
  const leads = until((data.byKind.leads?.records ?? []) as Lead[], (l) => l.createdAt)
  const quotes = until((data.byKind.quotes?.records ?? []) as Quote[], (q) => q.createdAt)
  const calls = until(
    (data.byKind.forecasts?.records ?? []) as ForecastSubmission[],
    (c) => c.submittedAt,
  )
  const quotas = (data.byKind.quotas?.records ?? []) as Quota[]
  const accountSegments = new Map(
    ((data.byKind.accounts?.records ?? []) as { id: string; segment?: string }[]).map((a) => [
      a.id,
      a.segment ?? null,
    ]),
  )
  const { timeZone, config } = settings
  const calendar = salesCalendar(settings)
  const slaTarget = config.slaTargetHours ?? DEFAULT_SLA_HOURS
  const recentFrom = new Date(asOf.getTime() - 90 * DAY)

  const skip = (section: SectionName, reason: string) => {
    omitted.push({ section, reason })
    return null
  }
  /** A section whose data the library refuses is left out with the library's reason. */
  const guard = <T>(section: SectionName, compute: () => T): T | null => {
    try {
      return compute()
    } catch (error) {
      if (error instanceof MetricInputError)
        return skip(section, `${error.message} (${error.code})`)
      throw error
    }
  }

  // --- Survey: NPS -------------------------------------------------------------------------
  const nps =
    survey.length === 0
      ? skip('nps', 'no survey responses (a file with score and respondedAt columns)')
      : guard('nps', () => npsSection(survey, timeZone))

  // --- Support ratings: CSAT and CES ----------------------------------------------------------
  const satisfaction =
    ratings.length === 0
      ? skip('satisfaction', 'no support ratings (a file with ratedAt and csat columns)')
      : guard('satisfaction', () => satisfactionSection(ratings))

  // --- Revenue --------------------------------------------------------------------------------
  const months = [...new Set(revenueRows.map((row) => row.month.getTime()))].sort((a, b) => a - b)
  const byMonth = months.map((month) =>
    revenueRows
      .filter((row) => row.month.getTime() === month)
      .map(
        ({ accountId, amount, currency }): AccountRevenue =>
          currency === undefined ? { accountId, amount } : { accountId, amount, currency },
      ),
  )
  const revenue =
    months.length < 2
      ? skip('revenue', 'fewer than two months of account revenue (accountId, month, amount)')
      : guard('revenue', () => revenueSection(months, byMonth))
  const cohorts =
    revenueRows.length === 0
      ? skip('cohorts', 'no account revenue')
      : guard('cohorts', () => cohortSection(revenueRows, timeZone))
  const survival =
    months.length < 2
      ? skip('survival', 'fewer than two months of account revenue')
      : guard('survival', () => survivalSection(months, byMonth))

  // --- Pipeline -------------------------------------------------------------------------------
  const funnel =
    deals.length === 0
      ? skip('funnel', 'no opportunities (an opportunities JSON or CSV export)')
      : guard('funnel', () => funnelSection(deals))
  const wins =
    deals.length === 0
      ? skip('winRate', 'no opportunities')
      : guard('winRate', () => winRateSection(deals))
  const forecast =
    calls.length === 0
      ? skip('forecast', 'no forecast submissions')
      : deals.length === 0
        ? skip('forecast', 'forecast submissions but no opportunities to take bookings from')
        : guard('forecast', () => forecastSection(calls, deals, timeZone))
  const leadToQuote =
    leads.length === 0
      ? skip('leadToQuote', 'no leads')
      : guard('leadToQuote', () => leadToQuoteSection(leads, quotes, asOf, calendar, slaTarget))
  const quota =
    quotas.length === 0
      ? skip('quota', 'no quotas')
      : deals.length === 0
        ? skip('quota', 'quotas but no opportunities to take bookings from')
        : guard('quota', () => quotaSection(quotas, deals, settings, calendar))

  // --- Composite ------------------------------------------------------------------------------
  const cx = guard('cxScore', () => {
    const given = config.cxWeights ?? {}
    const weights = {
      nps: given.nps ?? DEFAULT_WEIGHTS.nps,
      csat: given.csat ?? DEFAULT_WEIGHTS.csat,
      ces: given.ces ?? DEFAULT_WEIGHTS.ces,
      grossRevenueRetention: given.grossRevenueRetention ?? DEFAULT_WEIGHTS.grossRevenueRetention,
      winRate: given.winRate ?? DEFAULT_WEIGHTS.winRate,
      quoteSla: given.quoteSla ?? DEFAULT_WEIGHTS.quoteSla,
    }
    const components: CxComponent[] = []
    const recentScores = survey.filter((r) => r.respondedAt >= recentFrom).map((r) => r.score)
    if (recentScores.length > 0 && weights.nps > 0)
      components.push(
        npsComponent(npsInterval(recentScores), {
          name: 'NPS (last 90 days)',
          weight: weights.nps,
        }),
      )
    const recentRatings = ratings.filter((r) => r.ratedAt >= recentFrom)
    if (recentRatings.length > 0 && weights.csat > 0)
      components.push(
        csatComponent(csat(recentRatings.map((r) => r.csat)), {
          name: 'CSAT (last 90 days)',
          weight: weights.csat,
        }),
      )
    const recentEffort = recentRatings.flatMap((r) => (typeof r.ces === 'number' ? [r.ces] : []))
    if (recentEffort.length > 1 && weights.ces > 0)
      components.push(
        cesComponent(customerEffortScore(recentEffort), {
          name: 'CES (last 90 days)',
          weight: weights.ces,
        }),
      )
    if (revenue !== null && weights.grossRevenueRetention > 0)
      components.push(
        // GRR covers every account (a census, not a sample): its standard error is 0.
        retentionComponent(revenue.overall.grossRevenueRetention, {
          name: `Gross revenue retention (${revenue.overall.from} → ${revenue.overall.to})`,
          weight: weights.grossRevenueRetention,
          range: [0.5, 1],
          standardError: 0,
        }),
      )
    if (deals.length > 0 && weights.winRate > 0)
      components.push(
        winRateComponent(winRate(deals), { name: 'Win rate', weight: weights.winRate }),
      )
    if (leadToQuote !== null && leadToQuote.slaAttainment !== null && weights.quoteSla > 0) {
      const sla = leadToQuote.slaAttainment
      components.push(
        retentionComponent(sla, {
          name: `Quotes within ${slaTarget} business hours`,
          weight: weights.quoteSla,
          standardError:
            leadToQuote.judged === 0 ? null : Math.sqrt((sla * (1 - sla)) / leadToQuote.judged),
        }),
      )
    }
    return components.length === 0
      ? skip('cxScore', 'none of its components has data')
      : cxSection(components)
  })

  const health =
    revenueRows.length === 0
      ? skip('accountHealth', 'no account revenue to list accounts from')
      : guard('accountHealth', () =>
          accountHealthSection(survey, surveyRaw, ratings, months, byMonth, asOf, accountSegments),
        )

  return {
    report: 'cx-metrics',
    asOf: asOf.toISOString(),
    timeZone,
    files: data.files.map(fileSummary),
    rejectedRows: data.rejected.map((row: RejectedRow) => ({ ...row })),
    omitted,
    sections: {
      cxScore: cx,
      nps,
      satisfaction,
      revenue,
      cohorts,
      survival,
      funnel,
      winRate: wins,
      forecast,
      leadToQuote,
      quota,
      accountHealth: health,
    },
  }
}

/** The dashboard object every format renders. */
export type Dashboard = ReturnType<typeof buildDashboard>

function fileSummary(file: FileNote) {
  return { ...file }
}

/** The working week: Monday–Friday in the report's time zone, config working hours and holidays. */
function salesCalendar(settings: ReportSettings): BusinessCalendar {
  const hours = settings.config.workingHours ?? { start: '09:00', end: '17:00' }
  const day = [{ start: hours.start, end: hours.end }]
  return {
    timeZone: settings.timeZone,
    week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
    holidays: settings.config.holidays ?? [],
  }
}

function npsSection(responses: SurveyResponse[], timeZone: string) {
  const scores = responses.map((r) => r.score)
  const overall = netPromoterScore(scores)
  const interval = npsInterval(scores)
  const months = npsTrend(responses, { period: 'month', timeZone })
  let change = null
  const [previous, latest] = months.slice(-2)
  if (previous !== undefined && latest !== undefined) {
    const inPeriod = (period: { start: Date; end: Date }) =>
      responses
        .filter((r) => r.respondedAt >= period.start && r.respondedAt < period.end)
        .map((r) => r.score)
    const a = inPeriod(latest.period)
    const b = inPeriod(previous.period)
    if (a.length > 0 && b.length > 0) {
      const test = compareNps(a, b)
      change = {
        from: previous.period.label,
        to: latest.period.label,
        difference: score(test.difference),
        lower: score(test.lower),
        upper: score(test.upper),
        pValue: round(test.pValue, 4),
        significant: test.pValue !== null && test.pValue < 0.05,
      }
    }
  }
  return {
    responses: overall.total,
    score: score(overall.score),
    lower: score(interval.lower),
    upper: score(interval.upper),
    confidence: interval.confidence,
    method: interval.method,
    promoterShare: rate(overall.promoterShare),
    passiveShare: rate(overall.passiveShare),
    detractorShare: rate(overall.detractorShare),
    trend: months.map((row) => ({
      period: row.period.label,
      responses: row.n,
      score: score(row.result.score),
      lower: score(row.result.lower),
      upper: score(row.result.upper),
    })),
    change,
    bySegment: npsBySegment(responses).map((row) => ({
      segment: row.group ?? '(none)',
      responses: row.n,
      score: score(row.result.score),
      lower: score(row.result.lower),
      upper: score(row.result.upper),
    })),
  }
}

function satisfactionSection(ratings: { segment?: string; csat: number; ces?: number | '' }[]) {
  const segments = [...new Set(ratings.map((r) => r.segment ?? '(none)'))].sort()
  const row = (segment: string | null) => {
    const subset = ratings.filter((r) => segment === null || (r.segment ?? '(none)') === segment)
    const result = csat(subset.map((r) => r.csat))
    const effort = subset.flatMap((r) => (typeof r.ces === 'number' ? [r.ces] : []))
    const mean = effort.length === 0 ? null : customerEffortScore(effort)
    const agree =
      effort.length === 0 ? null : customerEffortScore(effort, { method: 'agree-share' })
    return {
      segment: segment ?? 'all',
      ratings: result.total,
      csat: rate(result.score),
      csatLower: rate(result.lower ?? result.interval?.lower),
      csatUpper: rate(result.upper ?? result.interval?.upper),
      effortRatings: effort.length,
      cesMean: round(mean?.score, 2),
      cesAgreeShare: rate(agree?.score),
    }
  }
  return { overall: row(null), bySegment: segments.map(row) }
}

function revenueSection(months: number[], byMonth: AccountRevenue[][]) {
  const label = (month: number) => new Date(month).toISOString().slice(0, 7)
  const rows = []
  for (let index = 1; index < months.length; index++) {
    const moves = revenueMovements(byMonth[index - 1]!, byMonth[index]!, {
      history: byMonth.slice(0, index - 1).flat(),
    })
    rows.push({
      month: label(months[index]!),
      startingRevenue: money(moves.startingRevenue),
      newRevenue: money(moves.newRevenue),
      expansion: money(moves.expansion),
      contraction: money(moves.contraction),
      churn: money(moves.churn),
      reactivation: money(moves.reactivation),
      grossRevenueRetention: rate(grossRevenueRetention(moves)),
      netRevenueRetention: rate(netRevenueRetention(moves)),
    })
  }
  const whole = revenueMovements(byMonth[0]!, byMonth.at(-1)!)
  return {
    months: rows,
    overall: {
      from: label(months[0]!),
      to: label(months.at(-1)!),
      startingRevenue: money(whole.startingRevenue),
      grossRevenueRetention: rate(grossRevenueRetention(whole)),
      netRevenueRetention: rate(netRevenueRetention(whole)),
    },
  }
}

function cohortSection(
  rows: { accountId: string; month: Date; amount: AccountRevenue['amount'] }[],
  timeZone: string,
) {
  const result = cohortRetention(
    rows.map((row) => ({ customerId: row.accountId, at: row.month, revenue: row.amount })),
    { period: 'quarter', timeZone },
  )
  return {
    period: 'quarter',
    cohorts: result.cohorts.map((row) => ({
      cohort: row.cohort,
      size: row.size,
      retention: row.retention.map(rate),
    })),
    pooled: result.pooled.map((cell) => ({ age: cell.age, retention: rate(cell.retention) })),
  }
}

function survivalSection(months: number[], byMonth: AccountRevenue[][]) {
  // Months from the first paid month to the first month without revenue; still paying = censored.
  const lastIndex = months.length - 1
  const paidIn = byMonth.map((rows) => new Set(rows.map((row) => row.accountId)))
  const accounts = [...new Set(byMonth.flat().map((row) => row.accountId))]
  const durations: number[] = []
  const churned: boolean[] = []
  for (const accountId of accounts) {
    let first = 0
    while (!paidIn[first]!.has(accountId)) first++
    let end = first
    while (end + 1 <= lastIndex && paidIn[end + 1]!.has(accountId)) end++
    durations.push(end - first + 1)
    churned.push(end < lastIndex)
  }
  const curve = kaplanMeier({ durations, events: churned })
  return {
    unit: 'months',
    customers: accounts.length,
    churned: churned.filter(Boolean).length,
    medianMonths: curve.median,
    steps: curve.steps.map((step) => ({
      time: step.time,
      atRisk: step.atRisk,
      events: step.events,
      survival: rate(step.survival),
      lower: rate(step.lower),
      upper: rate(step.upper),
    })),
  }
}

/** The stage order: stages sorted by the median position at which deals enter them. */
function stageOrder(deals: readonly Opportunity[]): string[] {
  const positions = new Map<string, number[]>()
  for (const deal of deals) {
    const history = deal.stageHistory ?? []
    for (let index = 0; index < history.length; index++) {
      const stage = history[index]!.stage
      const list = positions.get(stage) ?? []
      list.push(index)
      positions.set(stage, list)
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!
  return [...positions.entries()]
    .sort(
      (a, b) =>
        median(a[1]) - median(b[1]) || b[1].length - a[1].length || a[0].localeCompare(b[0]),
    )
    .slice(0, STAGE_ORDER_LIMIT)
    .map(([stage]) => stage)
}

function funnelSection(deals: Opportunity[]) {
  const stages = stageOrder(deals)
  if (stages.length === 0) return { stages: [] }
  const nextStep = stageConversion(deals, { stages })
  const cumulative = stageConversion(deals, { stages, mode: 'cumulative' })
  return {
    stages: nextStep.map((row, index) => ({
      stage: row.stage,
      reached: row.reached,
      advanced: row.advanced,
      open: row.open,
      rate: rate(row.rate),
      lower: rate(row.lower),
      upper: rate(row.upper),
      fromFirst: rate(cumulative[index]?.rate),
    })),
  }
}

function winRateSection(deals: Opportunity[]) {
  const segments = [...new Set(deals.map((deal) => deal.segment ?? '(none)'))].sort()
  const row = (segment: string | null) => {
    const subset = deals.filter((d) => segment === null || (d.segment ?? '(none)') === segment)
    const result = winRate(subset)
    return {
      segment: segment ?? 'all',
      won: result.won,
      lost: result.lost,
      rate: rate(result.rate),
      lower: rate(result.lower),
      upper: rate(result.upper),
    }
  }
  return { overall: row(null), bySegment: segments.map(row) }
}

function forecastSection(calls: ForecastSubmission[], deals: Opportunity[], timeZone: string) {
  const actuals = actualsFromOpportunities(deals)
  const options = { category: 'commit' as const, leadTimeDays: 14, timeZone }
  const byRep = forecastAccuracyByPeriod(calls, actuals, options)
  const company = forecastAccuracyByPeriod(calls, actuals, { ...options, groupBy: 'none' })
  const overall = company.groups[0]
  return {
    category: 'commit',
    leadTimeDays: 14,
    byRep: byRep.groups.map((group) => ({
      owner: group.group ?? '(none)',
      periods: group.periods,
      accuracy: rate(group.accuracy),
      bias: rate(group.bias),
      hitRate: rate(group.hitRate),
    })),
    overall: {
      periods: overall?.periods ?? 0,
      accuracy: rate(overall?.accuracy),
      bias: rate(overall?.bias),
      hitRate: rate(overall?.hitRate),
    },
  }
}

function leadToQuoteSection(
  leads: Lead[],
  quotes: Quote[],
  asOf: Date,
  calendar: BusinessCalendar,
  target: number,
) {
  const options = { asOf, calendar, unit: 'business-hours' as const }
  const summary = leadToQuoteSummary(leads, quotes, { ...options, target })
  const times = leadToQuoteTimes(leads, quotes, options)
  const judged = times.filter((row) => !row.censored || row.duration > target).length
  const curve = timeToQuoteSurvival(leads, quotes, options)
  // Distribution of quoted leads' times in 8-hour (one working day) bins.
  const bins = new Map<number, number>()
  for (const row of times) {
    if (row.censored) continue
    const bin = Math.floor(row.duration / 8) * 8
    bins.set(bin, (bins.get(bin) ?? 0) + 1)
  }
  return {
    unit: 'business hours',
    targetHours: target,
    leads: summary.leads,
    quoted: summary.quoted,
    waiting: summary.open,
    judged,
    median: round(summary.median, 2),
    p90: round(summary.p90, 2),
    mean: round(summary.mean, 2),
    slaAttainment: rate(summary.slaAttainment ?? null),
    distribution: [...bins.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([from, leadsInBin]) => ({ fromHours: from, toHours: from + 8, leads: leadsInBin })),
    survival: curve.steps.map((step) => ({
      time: round(step.time, 2),
      quotedShare: rate(1 - step.survival),
      survival: rate(step.survival),
      lower: rate(step.lower),
      upper: rate(step.upper),
    })),
    medianFromCurve: round(curve.median, 2),
  }
}

function quotaSection(
  quotas: Quota[],
  deals: Opportunity[],
  settings: ReportSettings,
  calendar: BusinessCalendar,
) {
  const bookings = bookingsFromOpportunities(deals)
  const { rows, distribution } = quotaAttainment(quotas, bookings, {
    timeZone: settings.timeZone,
  })
  const asOfDay = settings.asOf.toISOString().slice(0, 10)
  const pacing = []
  for (const row of rows) {
    const start = String(row.periodStart)
    const end = String(row.periodEnd)
    if (!(start <= asOfDay && asOfDay <= end)) continue
    const quota = quotas.find((q) => q.ownerId === row.ownerId && String(q.periodStart) === start)
    if (quota === undefined) continue
    const pace = quotaPacing(quota, row.booked, {
      asOf: settings.asOf,
      timeZone: settings.timeZone,
      dayCount: 'business-days',
      calendar,
    })
    pacing.push({
      owner: row.ownerId,
      period: `${start}…${end}`,
      quota: money(pace.quota),
      booked: money(pace.booked),
      expectedToDate: money(pace.expectedToDate),
      paceRatio: round(pace.paceRatio, 4),
      projectedAttainment: rate(pace.projectedAttainment),
    })
  }
  return {
    attainment: rows.map((row) => ({
      owner: row.ownerId,
      periodStart: String(row.periodStart),
      periodEnd: String(row.periodEnd),
      quota: money(row.quota),
      booked: money(row.booked),
      attainment: rate(row.attainment),
    })),
    distribution: {
      reps: distribution.reps,
      atOrAbove: rate(distribution.atOrAbove),
      median: rate(distribution.median),
      p10: rate(distribution.p10),
      p90: rate(distribution.p90),
    },
    pacing,
  }
}

function cxSection(components: CxComponent[]) {
  const result = cxScore(components)
  return {
    score: score(result.score),
    lower: score(result.lower),
    upper: score(result.upper),
    coverage: rate(result.coverage),
    components: result.contributions.map((c) => ({
      name: c.name,
      value: round(c.value, 4),
      normalized: rate(c.normalized),
      weight: c.weight,
      effectiveWeight: rate(c.effectiveWeight),
      points: score(c.points),
    })),
  }
}

/**
 * Account health over the last six months: NPS and CSAT of the account's responses and
 * ratings, and its MRR now against six months earlier (clipped to 0.5…1.5).
 */
function accountHealthSection(
  survey: SurveyResponse[],
  surveyRaw: Record<string, unknown>[],
  ratings: { accountId?: string; ratedAt: Date; csat: number }[],
  months: number[],
  byMonth: AccountRevenue[][],
  asOf: Date,
  segments: ReadonlyMap<string, string | null>,
) {
  const from = new Date(asOf.getTime() - 182 * DAY)
  const scores = new Map<string, number[]>()
  const satisfaction = new Map<string, number[]>()
  const push = (map: Map<string, number[]>, key: string, value: number) => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [value])
    else list.push(value)
  }
  for (let index = 0; index < survey.length; index++) {
    const response = survey[index]!
    const accountId = surveyRaw[index]?.accountId
    if (typeof accountId !== 'string' || accountId === '') continue
    if (response.respondedAt >= from && response.respondedAt <= asOf)
      push(scores, accountId, response.score)
  }
  for (const rating of ratings)
    if (rating.accountId !== undefined && rating.ratedAt >= from && rating.ratedAt <= asOf)
      push(satisfaction, rating.accountId, rating.csat)
  const mrr = (index: number) =>
    new Map((byMonth[index] ?? []).map((row) => [row.accountId, Number(String(row.amount))]))
  const last = months.length - 1
  const now = mrr(last)
  const before = mrr(Math.max(0, last - 6))
  const accountIds = [...now.keys()].sort()
  const health = healthScorecard({
    components: [
      { name: 'NPS', range: [-100, 100], weight: 2 },
      { name: 'CSAT', range: [0, 1], weight: 1 },
      { name: 'MRR trend', range: [0.5, 1.5], weight: 2 },
    ],
  })(
    accountIds.map((id) => {
      const a = now.get(id)
      const b = before.get(id)
      const s = scores.get(id)
      const c = satisfaction.get(id)
      return {
        id,
        values: {
          NPS: s === undefined ? null : netPromoterScore(s).score,
          CSAT: c === undefined ? null : csat(c).score,
          'MRR trend':
            a === undefined || b === undefined || b === 0
              ? null
              : Math.min(1.5, Math.max(0.5, a / b)),
        },
      }
    }),
  )
  return {
    accounts: accountIds.length,
    counts: {
      green: health.counts.green ?? 0,
      yellow: health.counts.yellow ?? 0,
      red: health.counts.red ?? 0,
      unscored: health.counts.unscored ?? 0,
    },
    mostAtRisk: health.accounts
      .filter((account) => account.score !== null)
      .sort((a, b) => (a.score as number) - (b.score as number) || a.id.localeCompare(b.id))
      .slice(0, 10)
      .map((account) => ({
        id: account.id,
        segment: segments.get(account.id) ?? null,
        score: score(account.score),
        band: account.band,
      })),
  }
}
