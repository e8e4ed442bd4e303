/**
 * Generates the sample data set of a fictional B2B software company, "Northwind Cloud":
 * a modest, realistic CRM export that every example and `npm run demo` reads. Deterministic
 * (a seeded PRNG, fixed dates), so the committed files are reproducible byte for byte:
 *
 *   npm run data        # rewrites examples/data/*.csv and opportunities.json
 *
 * Twelve months, December 2025 to November 2026, company time zone America/New_York.
 * A few rows are deliberately broken (a score of 11, an impossible date) the way real
 * exports are, so the examples show how cx-metrics reports them instead of dropping them.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toCsv } from '../lib/csv.js'

const here = dirname(fileURLToPath(import.meta.url))
const DAY = 86_400_000
const START = Date.UTC(2025, 11, 1, 5) // 1 December 2025, 00:00 in New York
const END = Date.UTC(2026, 10, 26, 5)
const MONTHS = 12

/** mulberry32: a tiny, well-known 32-bit PRNG; good enough for sample data. */
function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    integer: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    /** Index drawn with the given relative weights. */
    weighted: (weights: readonly number[]) => {
      const total = weights.reduce((sum, weight) => sum + weight, 0)
      let target = next() * total
      for (let index = 0; index < weights.length; index++) {
        target -= weights[index] as number
        if (target < 0) return index
      }
      return weights.length - 1
    },
  }
}

const random = createRandom(20261127)
const iso = (time: number) =>
  new Date(Math.round(time / 1000) * 1000).toISOString().replace('.000Z', 'Z')
const day = (time: number) => new Date(time).toISOString().slice(0, 10)
const monthStart = (month: number) => Date.UTC(2025, 11 + month, 1)

const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB'] as const
const REGIONS = ['North America', 'EMEA', 'APAC'] as const
const OWNERS = ['rep-ana', 'rep-ben', 'rep-chloe', 'rep-dev', 'rep-emma', 'rep-farid'] as const
const SOURCES = ['inbound', 'outbound', 'partner', 'event', 'referral'] as const
const STAGES = ['Discovery', 'Qualification', 'Proposal', 'Negotiation'] as const

type Segment = (typeof SEGMENTS)[number]
interface Account {
  id: string
  segment: Segment
  region: string
  ownerId: string
  startMonth: number
  churnMonth: number | null
  mrr: number
}

// ---- accounts and monthly revenue ---------------------------------------------------------
const accounts: Account[] = []
for (let index = 1; index <= 140; index++) {
  const segment = SEGMENTS[random.weighted([20, 35, 45])] as Segment
  const base = segment === 'Enterprise' ? 9000 : segment === 'Mid-Market' ? 2500 : 450
  const startMonth = index <= 100 ? 0 : random.integer(1, MONTHS - 1)
  const churnRisk = segment === 'SMB' ? 0.035 : segment === 'Mid-Market' ? 0.018 : 0.008
  let churnMonth: number | null = null
  for (let month = startMonth + 1; month < MONTHS && churnMonth === null; month++) {
    if (random.chance(churnRisk)) churnMonth = month
  }
  accounts.push({
    id: `ACC-${String(index).padStart(4, '0')}`,
    segment,
    region: random.pick(REGIONS),
    ownerId: random.pick(OWNERS),
    startMonth,
    churnMonth,
    mrr: Math.round(base * (0.5 + random.next()) * 100) / 100,
  })
}
const revenueRows: Record<string, unknown>[] = []
for (const account of accounts) {
  let mrr = account.mrr
  for (let month = account.startMonth; month < MONTHS; month++) {
    if (account.churnMonth !== null && month >= account.churnMonth) {
      // A few churned accounts come back two or three months later (reactivation).
      if (!(account.id.endsWith('7') && month >= account.churnMonth + 3)) continue
    }
    if (month > account.startMonth) {
      const move = random.next()
      if (move < 0.1)
        mrr *= 1 + 0.1 + random.next() * 0.3 // expansion
      else if (move < 0.15) mrr *= 0.7 + random.next() * 0.2 // contraction
      mrr = Math.round(mrr * 100) / 100
    }
    revenueRows.push({
      accountId: account.id,
      month: day(monthStart(month)),
      amount: mrr.toFixed(2),
      currency: 'USD',
    })
  }
}

// ---- NPS survey responses ---------------------------------------------------------------
// Score distributions per segment: weights for 0..10. SMB sours in the last two months.
const NPS_WEIGHTS: Record<Segment, number[]> = {
  Enterprise: [1, 1, 1, 2, 2, 3, 4, 8, 14, 22, 20],
  'Mid-Market': [1, 1, 2, 2, 3, 4, 6, 10, 14, 18, 14],
  SMB: [2, 2, 3, 3, 4, 6, 8, 12, 14, 14, 10],
}
const SMB_LATE_WEIGHTS = [3, 3, 4, 4, 5, 7, 9, 12, 13, 12, 8]
const surveyRows: Record<string, unknown>[] = []
let responseNumber = 0
for (let month = 0; month < MONTHS; month++) {
  const live = accounts.filter(
    (a) => a.startMonth <= month && (a.churnMonth === null || a.churnMonth > month),
  )
  const responses = random.integer(110, 150)
  for (let k = 0; k < responses; k++) {
    const account = random.pick(live)
    const weights =
      account.segment === 'SMB' && month >= MONTHS - 2
        ? SMB_LATE_WEIGHTS
        : NPS_WEIGHTS[account.segment]
    const at = Math.min(END - DAY, monthStart(month) + 5 * 3_600_000 + random.next() * 30 * DAY)
    responseNumber++
    surveyRows.push({
      responseId: `R-${String(responseNumber).padStart(5, '0')}`,
      accountId: account.id,
      respondedAt: iso(at),
      segment: account.segment,
      region: account.region,
      score: random.weighted(weights),
    })
  }
}
// Real exports are messy: an out-of-scale score, a date that does not exist, a blank score.
surveyRows.splice(37, 0, {
  responseId: 'R-BAD-1',
  accountId: 'ACC-0003',
  respondedAt: '2025-12-09T14:02:00Z',
  segment: 'SMB',
  region: 'EMEA',
  score: '11',
})
surveyRows.splice(611, 0, {
  responseId: 'R-BAD-2',
  accountId: 'ACC-0042',
  respondedAt: '2026-04-31T09:00:00Z',
  segment: 'Enterprise',
  region: 'APAC',
  score: '9',
})
surveyRows.splice(1203, 0, {
  responseId: 'R-BAD-3',
  accountId: 'ACC-0077',
  respondedAt: '2026-09-15T16:45:00Z',
  segment: 'Mid-Market',
  region: 'North America',
  score: '',
})

// ---- support ratings: CSAT (1–5) and CES 2.0 (1–7) ------------------------------------------
const supportRows: Record<string, unknown>[] = []
for (let ticket = 1; ticket <= 1400; ticket++) {
  const account = random.pick(accounts)
  const at = START + random.next() * (END - START)
  const csat =
    1 + random.weighted(account.segment === 'SMB' ? [6, 8, 14, 36, 36] : [3, 5, 12, 38, 42])
  const ces = random.chance(0.8) ? 1 + random.weighted([3, 4, 6, 10, 20, 30, 27]) : ''
  supportRows.push({
    ticketId: `T-${String(ticket).padStart(5, '0')}`,
    accountId: account.id,
    segment: account.segment,
    ratedAt: iso(at),
    csat,
    ces,
  })
}

// ---- leads, quotes and opportunities ------------------------------------------------------
const leadRows: Record<string, unknown>[] = []
const quoteRows: Record<string, unknown>[] = []
const opportunities: Record<string, unknown>[] = []
let opportunityNumber = 0
for (let index = 1; index <= 900; index++) {
  const id = `L-${String(index).padStart(5, '0')}`
  const createdAt = START + random.next() * (END - START)
  const source = SOURCES[random.weighted([40, 20, 15, 10, 15])] as string
  const ownerId = random.pick(OWNERS)
  const lead: Record<string, unknown> = {
    id,
    createdAt: iso(createdAt),
    contactedAt: '',
    convertedAt: '',
    opportunityId: '',
    ownerId,
    source,
  }
  const contactedAt = createdAt + (0.1 + random.next() * (source === 'inbound' ? 1.5 : 4)) * DAY
  if (contactedAt < END && random.chance(0.85)) {
    lead.contactedAt = iso(contactedAt)
    const quotedAt = contactedAt + (0.5 + random.next() * random.next() * 9) * DAY
    if (quotedAt < END && random.chance(0.55)) {
      quoteRows.push({
        id: `Q-${String(quoteRows.length + 1).padStart(5, '0')}`,
        leadId: id,
        createdAt: iso(quotedAt),
      })
      if (random.chance(0.25)) {
        const revised = quotedAt + (1 + random.next() * 6) * DAY
        if (revised < END)
          quoteRows.push({
            id: `Q-${String(quoteRows.length + 1).padStart(5, '0')}`,
            leadId: id,
            createdAt: iso(revised),
          })
      }
      if (random.chance(0.7)) {
        opportunityNumber++
        const opportunityId = `OPP-${String(opportunityNumber).padStart(4, '0')}`
        lead.convertedAt = iso(quotedAt)
        lead.opportunityId = opportunityId
        const segment = SEGMENTS[random.weighted([15, 35, 50])] as Segment
        const amount =
          (segment === 'Enterprise' ? 60000 : segment === 'Mid-Market' ? 18000 : 4000) *
          (0.4 + random.next() * 1.4)
        const stageHistory: { stage: string; enteredAt: string }[] = []
        let at = quotedAt
        let reached = 0
        for (const stage of STAGES) {
          if (at >= END) break
          if (!(reached === 1 && random.chance(0.12)))
            stageHistory.push({ stage, enteredAt: iso(at) }) // some skip Qualification
          reached++
          at += (2 + random.next() * 20) * DAY
          if (!random.chance(segment === 'Enterprise' ? 0.78 : 0.7)) break
        }
        const closeAt = at + random.next() * 10 * DAY
        const advancedAll = reached === STAGES.length
        const closed = closeAt < END
        const status = !closed
          ? 'open'
          : advancedAll && random.chance(0.62)
            ? 'won'
            : random.chance(0.9)
              ? 'lost'
              : 'open'
        const lastStage =
          stageHistory.length > 0
            ? STAGES.indexOf(
                stageHistory[stageHistory.length - 1]!.stage as (typeof STAGES)[number],
              )
            : 0
        opportunities.push({
          id: opportunityId,
          accountId: random.pick(accounts).id,
          createdAt: iso(quotedAt),
          amount: amount.toFixed(2),
          currency: 'USD',
          status,
          ...(status === 'open' ? {} : { closedAt: iso(Math.min(closeAt, END - DAY)) }),
          stageHistory,
          ...(status === 'open' ? { probability: [0.1, 0.25, 0.5, 0.75][lastStage] } : {}),
          ownerId,
          segment,
        })
      }
    }
  }
  leadRows.push(lead)
}

// ---- forecast submissions -----------------------------------------------------------------
// Commit calls track each owner's real bookings of the quarter, with noise that shrinks as the
// quarter end nears and a personal bias: one owner sandbags, one has "happy ears".
const OWNER_BIAS: Record<string, number> = { 'rep-ben': -0.15, 'rep-emma': 0.3 }
const forecastRows: Record<string, unknown>[] = []
for (let quarter = 0; quarter < 4; quarter++) {
  const periodStart = Date.UTC(2026, quarter * 3, 1)
  const periodEnd = Date.UTC(2026, quarter * 3 + 3, 1) - DAY
  for (const ownerId of OWNERS) {
    let booked = 0
    for (const deal of opportunities) {
      const closedAt =
        deal.closedAt === undefined ? Number.NaN : Date.parse(deal.closedAt as string)
      if (
        deal.status === 'won' &&
        deal.ownerId === ownerId &&
        closedAt >= periodStart &&
        closedAt < periodEnd + DAY
      ) {
        booked += Number(deal.amount)
      }
    }
    const base = booked > 0 ? booked : 8000 + random.next() * 12000
    for (const weeksBefore of [10, 6, 2]) {
      const submittedAt = periodEnd - weeksBefore * 7 * DAY + 17 * 3_600_000
      if (submittedAt > END) continue
      const drift = 1 + (OWNER_BIAS[ownerId] ?? 0) + (random.next() - 0.5) * (weeksBefore / 12)
      for (const [category, share] of [
        ['commit', 1.0],
        ['best-case', 1.3],
        ['pipeline', 2.0],
      ] as const) {
        forecastRows.push({
          ownerId,
          periodStart: day(periodStart),
          periodEnd: day(periodEnd),
          category,
          amount: (base * share * drift).toFixed(2),
          submittedAt: iso(submittedAt),
        })
      }
    }
  }
}

// ---- CRM field history, activities and quotas (issue 14) ---------------------------------
// A second generator, so that adding these left every file above byte for byte as it was.
const extra = createRandom(20261129)
const AS_OF_TIME = Date.UTC(2026, 10, 27)
const leadOfOpportunity = new Map<string, Record<string, unknown>>()
for (const lead of leadRows) {
  if (lead.opportunityId !== '') leadOfOpportunity.set(lead.opportunityId as string, lead)
}
for (const deal of opportunities) {
  const lead = leadOfOpportunity.get(deal.id as string)
  deal.source = lead?.source
  const createdAt = Date.parse(deal.createdAt as string)
  const endAt = deal.closedAt === undefined ? END : Date.parse(deal.closedAt as string)
  // Planned close date: 30–90 days after creation; a third of the deals slip 1–3 times.
  let planned = createdAt + extra.integer(30, 90) * DAY
  const closeDates: { at: string; value: string }[] = [{ at: iso(createdAt), value: day(planned) }]
  const pushes = extra.chance(0.35) ? extra.integer(1, 3) : 0
  for (let push = 1; push <= pushes; push++) {
    const at = createdAt + ((endAt - createdAt) * push) / (pushes + 1)
    planned = Math.max(planned, at) + extra.integer(14, 45) * DAY
    closeDates.push({ at: iso(at), value: day(planned) })
  }
  // Open deals: a quarter of them still carry a close date that has already passed.
  if (deal.status === 'open' && extra.chance(0.25)) {
    const at = Math.min(END - DAY, createdAt + DAY)
    planned = Math.max(AS_OF_TIME - extra.integer(3, 40) * DAY, createdAt + 7 * DAY)
    if (Date.parse(closeDates.at(-1)!.at) < at)
      closeDates.push({ at: iso(at), value: day(planned) })
    else closeDates[closeDates.length - 1]!.value = day(planned)
  }
  deal.closeDateHistory = closeDates
  if (deal.status === 'open') deal.expectedCloseAt = closeDates.at(-1)!.value
  // Amount history: three deals in ten were first entered at a different amount.
  const amountHistory: { at: string; value: string }[] = []
  if (extra.chance(0.3)) {
    const first = Number(deal.amount) * (0.6 + extra.next() * 0.8)
    amountHistory.push({ at: iso(createdAt), value: first.toFixed(2) })
    amountHistory.push({
      at: iso(createdAt + (endAt - createdAt) / 2),
      value: deal.amount as string,
    })
  } else {
    amountHistory.push({ at: iso(createdAt), value: deal.amount as string })
  }
  deal.amountHistory = amountHistory
}

// Activities: the first touch of each contacted lead, then the calls, emails, meetings,
// visits and demos of each deal, and a proposal sent when a deal reaches Proposal.
const activityRows: Record<string, unknown>[] = []
const addActivity = (row: Record<string, unknown>) =>
  activityRows.push({ id: `A-${String(activityRows.length + 1).padStart(5, '0')}`, ...row })
const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'visit', 'demo'] as const
for (const lead of leadRows) {
  if (lead.contactedAt === '') continue
  addActivity({
    ownerId: lead.ownerId,
    type: extra.chance(0.6) ? 'call' : 'email',
    at: lead.contactedAt,
    durationMinutes: '',
    accountId: '',
    leadId: lead.id,
    opportunityId: '',
  })
}
for (const deal of opportunities) {
  const createdAt = Date.parse(deal.createdAt as string)
  const endAt = deal.closedAt === undefined ? END - DAY : Date.parse(deal.closedAt as string)
  // Some open deals go quiet: their touches stop early.
  const quiet = deal.status === 'open' && extra.chance(0.3)
  const lastTouch = quiet ? createdAt + (endAt - createdAt) * 0.3 : endAt
  const touches = extra.integer(2, 8)
  for (let k = 0; k < touches; k++) {
    const type = ACTIVITY_KINDS[extra.weighted([30, 30, 20, 5, 15])] as string
    const face = type === 'meeting' || type === 'visit' || type === 'demo'
    addActivity({
      ownerId: deal.ownerId,
      type,
      at: iso(createdAt + extra.next() * (lastTouch - createdAt)),
      durationMinutes: face && extra.chance(0.9) ? extra.pick([30, 45, 60, 90]) : '',
      accountId: deal.accountId,
      leadId: '',
      opportunityId: deal.id,
    })
  }
  const proposal = (deal.stageHistory as { stage: string; enteredAt: string }[]).find(
    (entry) => entry.stage === 'Proposal',
  )
  if (proposal !== undefined) {
    addActivity({
      ownerId: deal.ownerId,
      type: 'proposal-sent',
      at: iso(Math.min(END - DAY, Date.parse(proposal.enteredAt) + extra.next() * 2 * DAY)),
      durationMinutes: '',
      accountId: deal.accountId,
      leadId: '',
      opportunityId: deal.id,
    })
  }
}
activityRows.sort((a, b) => String(a.at).localeCompare(String(b.at)))
activityRows.forEach((row, index) => {
  row.id = `A-${String(index + 1).padStart(5, '0')}`
})
// A broken row, the way exports have them: a negative duration.
activityRows.splice(500, 0, {
  id: 'A-BAD-1',
  ownerId: 'rep-dev',
  type: 'meeting',
  at: '2026-05-12T15:00:00Z',
  durationMinutes: '-30',
  accountId: 'ACC-0012',
  leadId: '',
  opportunityId: '',
})

// Quotas: each rep's 2026 quarters, set from that rep's average quarter of won bookings
// with a stretch of 0–40 %, rounded to thousands.
const quotaRows: Record<string, unknown>[] = []
for (const ownerId of OWNERS) {
  let won = 0
  for (const deal of opportunities) {
    if (deal.status === 'won' && deal.ownerId === ownerId) won += Number(deal.amount)
  }
  for (let quarter = 0; quarter < 4; quarter++) {
    const amount = Math.round(((won / 4) * (1 + extra.next() * 0.4)) / 1000) * 1000
    quotaRows.push({
      ownerId,
      periodStart: day(Date.UTC(2026, quarter * 3, 1)),
      periodEnd: day(Date.UTC(2026, quarter * 3 + 3, 1) - DAY),
      amount: amount.toFixed(2),
      currency: 'USD',
    })
  }
}

// ---- write --------------------------------------------------------------------------------
const write = (name: string, text: string) => writeFileSync(join(here, name), text)
write(
  'accounts.csv',
  toCsv(['id', 'segment', 'region', 'ownerId'], accounts as unknown as Record<string, unknown>[]),
)
write('account-revenue.csv', toCsv(['accountId', 'month', 'amount', 'currency'], revenueRows))
write(
  'survey-responses.csv',
  toCsv(['responseId', 'accountId', 'respondedAt', 'segment', 'region', 'score'], surveyRows),
)
write(
  'support-ratings.csv',
  toCsv(['ticketId', 'accountId', 'segment', 'ratedAt', 'csat', 'ces'], supportRows),
)
write(
  'leads.csv',
  toCsv(
    ['id', 'createdAt', 'contactedAt', 'convertedAt', 'opportunityId', 'ownerId', 'source'],
    leadRows,
  ),
)
write('quotes.csv', toCsv(['id', 'leadId', 'createdAt'], quoteRows))
write(
  'forecast-submissions.csv',
  toCsv(['ownerId', 'periodStart', 'periodEnd', 'category', 'amount', 'submittedAt'], forecastRows),
)
write(
  'activities.csv',
  toCsv(
    ['id', 'ownerId', 'type', 'at', 'durationMinutes', 'accountId', 'leadId', 'opportunityId'],
    activityRows,
  ),
)
write('quotas.csv', toCsv(['ownerId', 'periodStart', 'periodEnd', 'amount', 'currency'], quotaRows))
write('opportunities.json', `${JSON.stringify(opportunities, null, 1)}\n`)
console.log(
  `wrote ${accounts.length} accounts, ${revenueRows.length} revenue rows, ${surveyRows.length} survey responses, ` +
    `${supportRows.length} support ratings, ${leadRows.length} leads, ${quoteRows.length} quotes, ` +
    `${opportunities.length} opportunities, ${forecastRows.length} forecast submissions, ` +
    `${activityRows.length} activities, ${quotaRows.length} quotas`,
)
