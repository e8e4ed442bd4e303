/**
 * The account and activity KPIs of issue 14 against hand-written loops on the same data, and
 * in-process DuckDB where the KPI is a plain GROUP BY (its load, through the appender, is
 * reported apart from its query):
 *
 * - activityCounts — 200,000 activities, 500 reps × 12 months × 6 types (+ DuckDB)
 * - dataCompleteness — 200,000 leads, 3 field checks (+ DuckDB count_if)
 * - accountGrowth — 50,000 accounts, ~95,000 monthly revenue rows
 * - pipelineCreated — 200,000 opportunities, 8 sources × 12 months (+ DuckDB)
 * - bookingsMix — 200,000 won deals of 20,000 accounts, by month (a window query in SQL,
 *   not a plain GROUP BY: no DuckDB line)
 *
 * Each hand loop reads the same records, codes groups with a Map, finds the month with
 * `getUTCMonth` (all data in 2026, UTC) and sums integer cents in a Float64Array — exact here
 * because every amount has two decimals and totals stay below 2^53 cents. Before timing,
 * every candidate's figures are checked against the hand loop's.
 * Usage: npx tsx bench/accountKpis.bench.ts (or npm run bench, which runs it with the rest).
 */
import { resolve } from 'node:path'
import { type DuckDBAppender, DuckDBInstance } from '@duckdb/node-api'
import {
  type AccountGrowthSnapshot,
  type Activity,
  accountGrowth,
  activityCounts,
  bookingsMix,
  dataCompleteness,
  type Opportunity,
  pipelineCreated,
} from '../src/index.js'
import { type Measurement, measure } from './harness.js'

const SIZE = 200_000
const ROUNDS = 3
const YEAR_START = Date.UTC(2026, 0, 1)
const YEAR_MILLISECONDS = Date.UTC(2027, 0, 1) - YEAR_START

let state = 20261129
const next = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0
  return state / 4294967296
}
const timed = async (run: () => unknown | Promise<unknown>) => {
  const start = performance.now()
  await run()
  return performance.now() - start
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`bench/accountKpis: ${what} differs from the hand loop`)
}

export async function runAccountKpiBenchmarks(): Promise<Measurement[][]> {
  const instance = await DuckDBInstance.create(':memory:')
  const duck = await instance.connect()
  const query = async (sql: string) => (await duck.runAndReadAll(sql)).getRows()
  const duckTime = async (sql: string): Promise<number> => {
    await query(sql)
    const times: number[] = []
    for (let round = 0; round < 5; round++) times.push(await timed(() => query(sql)))
    return times.sort((a, b) => a - b)[2]!
  }
  const loadTable = async (
    table: string,
    columns: string,
    rows: number,
    appendRow: (appender: DuckDBAppender, index: number) => void,
  ): Promise<number> => {
    await duck.run(`create table ${table} (${columns})`)
    return timed(async () => {
      const appender = await duck.createAppender(table)
      for (let index = 0; index < rows; index++) {
        appendRow(appender, index)
        appender.endRow()
      }
      appender.flushSync()
      appender.closeSync()
    })
  }
  const report = (name: string, load: number, queryTime: number, baseline: number) =>
    console.log(
      `  ${name.padEnd(44)} ${queryTime.toFixed(2).padStart(9)} ms   ${(queryTime / baseline).toFixed(2)}× the baseline (load ${load.toFixed(0)} ms, not counted)`,
    )
  const all: Measurement[][] = []

  // ---- activityCounts: 1 M activities, 500 reps × 12 months × 6 types --------------------
  const TYPES = ['call', 'email', 'meeting', 'visit', 'demo', 'proposal-sent'] as const
  const REPS = 500
  const activities: Activity[] = new Array(SIZE)
  const activityRep = new Uint16Array(SIZE)
  const activityType = new Uint8Array(SIZE)
  const activityTime = new Float64Array(SIZE)
  const activityMinutes = new Uint16Array(SIZE)
  for (let index = 0; index < SIZE; index++) {
    const rep = Math.floor(next() * REPS)
    const type = Math.floor(next() * TYPES.length)
    const time = YEAR_START + Math.floor(next() * YEAR_MILLISECONDS)
    const minutes = 15 + Math.floor(next() * 90)
    activityRep[index] = rep
    activityType[index] = type
    activityTime[index] = time
    activityMinutes[index] = minutes
    activities[index] = {
      id: String(index),
      ownerId: `rep-${rep}`,
      type: TYPES[type]!,
      at: new Date(time),
      durationMinutes: minutes,
    }
  }
  const handActivities = () => {
    const reps = new Map<string, number>()
    const types = new Map<string, number>()
    const counts: number[] = []
    const minutes: number[] = []
    for (let index = 0; index < activities.length; index++) {
      const activity = activities[index]!
      let rep = reps.get(activity.ownerId)
      if (rep === undefined) {
        rep = reps.size
        reps.set(activity.ownerId, rep)
        for (let cell = 0; cell < 12 * 8; cell++) counts.push(0)
        for (let month = 0; month < 12; month++) minutes.push(0)
      }
      let type = types.get(activity.type)
      if (type === undefined) {
        type = types.size
        types.set(activity.type, type)
      }
      const month = activity.at.getUTCMonth()
      counts[(rep * 12 + month) * 8 + type]!++
      if (
        (activity.type === 'meeting' || activity.type === 'visit') &&
        activity.durationMinutes !== undefined
      )
        minutes[rep * 12 + month]! += activity.durationMinutes
    }
    return { reps, types, counts, minutes }
  }
  {
    const hand = handActivities()
    const rows = activityCounts(activities, { period: { unit: 'month' } })
    let total = 0
    let customerMinutes = 0
    for (const row of rows) {
      total += row.result.activities
      customerMinutes += row.result.customerMinutes
    }
    let handMinutes = 0
    for (const value of hand.minutes) handMinutes += value
    check(total === SIZE && customerMinutes === handMinutes, 'activityCounts')
    const first = rows[0]!
    const rep = hand.reps.get(first.group as string)!
    const month = first.period!.start.getUTCMonth()
    check(
      first.result.byType.call === hand.counts[(rep * 12 + month) * 8 + hand.types.get('call')!],
      'activityCounts (calls of the first row)',
    )
  }
  const activityResults = measure(
    `activityCounts — ${SIZE.toLocaleString('en')} activities, ${REPS} reps × 12 months × 6 types`,
    { name: 'hand loop (Map codes, getUTCMonth)', run: handActivities },
    [
      {
        name: 'activityCounts by rep and month',
        run: () => activityCounts(activities, { period: { unit: 'month' } }),
      },
      {
        name: 'activityCounts by rep (no period)',
        run: () => activityCounts(activities),
      },
    ],
    ROUNDS,
  )
  all.push(activityResults)
  let load = await loadTable(
    'activities',
    'rep usmallint, type utinyint, t bigint, minutes usmallint',
    SIZE,
    (appender, index) => {
      appender.appendUSmallInt(activityRep[index]!)
      appender.appendUTinyInt(activityType[index]!)
      appender.appendBigInt(BigInt(activityTime[index]!))
      appender.appendUSmallInt(activityMinutes[index]!)
    },
  )
  report(
    'DuckDB SQL group by rep, month, type',
    load,
    await duckTime(
      `select rep, date_trunc('month', epoch_ms(t)) as m, type, count(*),
         sum(case when type in (2, 3) then minutes else 0 end)
       from activities group by rep, m, type`,
    ),
    activityResults[0]!.medianMilliseconds,
  )

  // ---- dataCompleteness: 1 M leads, 3 checks ---------------------------------------------
  interface LeadRow {
    readonly email: string | null
    readonly ownerId?: string
    readonly amount: number | null
  }
  const leads: LeadRow[] = new Array(SIZE)
  for (let index = 0; index < SIZE; index++) {
    const roll = next()
    leads[index] = {
      email: roll < 0.1 ? null : roll < 0.15 ? '' : `lead${index}@example.com`,
      ...(next() < 0.8 ? { ownerId: `rep-${index % REPS}` } : {}),
      amount: roll > 0.95 ? -1 : roll > 0.9 ? null : Math.round(next() * 1e6) / 100,
    }
  }
  const handCompleteness = () => {
    let email = 0
    let owner = 0
    let amount = 0
    let complete = 0
    for (let index = 0; index < leads.length; index++) {
      const lead = leads[index]!
      const hasEmail = typeof lead.email === 'string' && lead.email !== ''
      const hasOwner = typeof lead.ownerId === 'string' && lead.ownerId !== ''
      const hasAmount = typeof lead.amount === 'number' && lead.amount >= 0
      if (hasEmail) email++
      if (hasOwner) owner++
      if (hasAmount) amount++
      if (hasEmail && hasOwner && hasAmount) complete++
    }
    return [email, owner, amount, complete]
  }
  const completenessOptions = {
    fields: {
      email: 'present' as const,
      ownerId: 'present' as const,
      amount: (value: unknown) => typeof value === 'number' && value >= 0,
    },
  }
  {
    const [email, owner, amount, complete] = handCompleteness()
    const result = dataCompleteness(leads, completenessOptions)
    check(
      result.fields[0]!.valid === email &&
        result.fields[1]!.valid === owner &&
        result.fields[2]!.valid === amount &&
        result.complete === complete,
      'dataCompleteness',
    )
  }
  const completenessResults = measure(
    `dataCompleteness — ${SIZE.toLocaleString('en')} leads, 3 field checks`,
    { name: 'hand loop (typeof checks)', run: handCompleteness },
    [{ name: 'dataCompleteness', run: () => dataCompleteness(leads, completenessOptions) }],
    ROUNDS,
  )
  all.push(completenessResults)
  load = await loadTable('leads', 'email varchar, owner varchar, amount double', SIZE, (a, i) => {
    const lead = leads[i]!
    if (lead.email === null) a.appendNull()
    else a.appendVarchar(lead.email)
    if (lead.ownerId === undefined) a.appendNull()
    else a.appendVarchar(lead.ownerId)
    if (lead.amount === null) a.appendNull()
    else a.appendDouble(lead.amount)
  })
  report(
    'DuckDB SQL count_if',
    load,
    await duckTime(
      `select count_if(email <> ''), count_if(owner <> ''), count_if(amount >= 0),
         count_if(email <> '' and owner <> '' and amount >= 0) from leads`,
    ),
    completenessResults[0]!.medianMilliseconds,
  )

  // ---- accountGrowth: 200,000 accounts, January and June --------------------------------
  const ACCOUNTS = 50_000
  const snapshots: AccountGrowthSnapshot[] = []
  for (let account = 0; account < ACCOUNTS; account++) {
    const roll = next()
    // 5 % new (June only), 5 % churned (January only), the rest in both months.
    if (roll >= 0.05)
      snapshots.push({
        accountId: `acct-${account}`,
        month: '2026-01',
        amount: 100 + Math.floor(next() * 100_000) / 100,
      })
    if (roll < 0.05 || roll >= 0.1)
      snapshots.push({
        accountId: `acct-${account}`,
        month: '2026-06',
        amount: 100 + Math.floor(next() * 100_000) / 100,
      })
  }
  const handGrowth = () => {
    const codes = new Map<string, number>()
    const start: number[] = []
    const end: number[] = []
    for (let index = 0; index < snapshots.length; index++) {
      const row = snapshots[index]!
      let code = codes.get(row.accountId)
      if (code === undefined) {
        code = start.length
        codes.set(row.accountId, code)
        start.push(0)
        end.push(0)
      }
      const cents = Math.round((row.amount as number) * 100)
      if (row.month === '2026-01') start[code]! += cents
      else if (row.month === '2026-06') end[code]! += cents
    }
    let expanded = 0
    let startTotal = 0
    let endOfStarters = 0
    for (let code = 0; code < start.length; code++) {
      const s = start[code]!
      const e = end[code]!
      if (s > 0) {
        startTotal += s
        endOfStarters += e
        if (e > s) expanded++
      }
    }
    return { expanded, retention: endOfStarters / startTotal }
  }
  const growthOptions = { from: '2026-01', to: '2026-06' }
  {
    const hand = handGrowth()
    const result = accountGrowth(snapshots, growthOptions)
    check(
      result.summary.counts.expanded === hand.expanded &&
        Math.abs((result.summary.netRevenueRetention as number) - hand.retention) < 1e-12,
      'accountGrowth',
    )
  }
  all.push(
    measure(
      `accountGrowth — ${ACCOUNTS.toLocaleString('en')} accounts, ${snapshots.length.toLocaleString('en')} rows`,
      { name: 'hand loop (Map codes, float cents)', run: handGrowth },
      [
        {
          name: 'accountGrowth (exact, median growth)',
          run: () => accountGrowth(snapshots, growthOptions),
        },
      ],
      ROUNDS,
    ),
  )

  // ---- pipelineCreated: 1 M opportunities, 8 sources × 12 months ------------------------
  const SOURCES = ['inbound', 'outbound', 'partner', 'event', 'web', 'referral', 'ads', 'other']
  const created: Opportunity[] = new Array(SIZE)
  const createdSource = new Uint8Array(SIZE)
  const createdTime = new Float64Array(SIZE)
  const createdCents = new Float64Array(SIZE)
  for (let index = 0; index < SIZE; index++) {
    const source = Math.floor(next() * SOURCES.length)
    const time = YEAR_START + Math.floor(next() * YEAR_MILLISECONDS)
    const cents = 1 + Math.floor(next() * 10_000_000)
    createdSource[index] = source
    createdTime[index] = time
    createdCents[index] = cents
    created[index] = {
      id: String(index),
      createdAt: new Date(time),
      status: 'open',
      stageHistory: [],
      source: SOURCES[source]!,
      amount: cents / 100,
    }
  }
  const handCreated = () => {
    const codes = new Map<string, number>()
    const counts: number[] = []
    const cents: number[] = []
    for (let index = 0; index < created.length; index++) {
      const deal = created[index]!
      const source = deal.source as string
      let code = codes.get(source)
      if (code === undefined) {
        code = codes.size
        codes.set(source, code)
        for (let month = 0; month < 12; month++) {
          counts.push(0)
          cents.push(0)
        }
      }
      const cell = code * 12 + deal.createdAt.getUTCMonth()
      counts[cell]!++
      cents[cell]! += Math.round((deal.amount as number) * 100)
    }
    return { codes, counts, cents }
  }
  const createdOptions = {
    period: { unit: 'month' as const },
    by: (deal: Opportunity) => deal.source ?? null,
  }
  {
    const hand = handCreated()
    const rows = pipelineCreated(created, createdOptions)
    for (const row of rows) {
      const cell = hand.codes.get(row.group as string)! * 12 + row.period!.start.getUTCMonth()
      check(
        row.result.count === hand.counts[cell] &&
          row.result.amount.toFixed(2) === (hand.cents[cell]! / 100).toFixed(2),
        `pipelineCreated ${row.group} ${row.period?.label}`,
      )
    }
  }
  const createdResults = measure(
    `pipelineCreated — ${SIZE.toLocaleString('en')} opportunities, ${SOURCES.length} sources × 12 months`,
    { name: 'hand loop (Map codes, float cents)', run: handCreated },
    [
      {
        name: 'pipelineCreated (exact decimal)',
        run: () => pipelineCreated(created, createdOptions),
      },
    ],
    ROUNDS,
  )
  all.push(createdResults)
  load = await loadTable(
    'created',
    'source utinyint, t bigint, amount decimal(18, 2)',
    SIZE,
    (appender, index) => {
      appender.appendUTinyInt(createdSource[index]!)
      appender.appendBigInt(BigInt(createdTime[index]!))
      appender.appendDouble(createdCents[index]! / 100)
    },
  )
  report(
    'DuckDB SQL group by source, month',
    load,
    await duckTime(
      `select source, date_trunc('month', epoch_ms(t)) as m, count(*), sum(amount)
       from created group by source, m`,
    ),
    createdResults[0]!.medianMilliseconds,
  )

  // ---- bookingsMix: 1 M won deals, 100,000 accounts, by month -----------------------------
  const BOOKING_ACCOUNTS = 20_000
  const wins: Opportunity[] = new Array(SIZE)
  for (let index = 0; index < SIZE; index++) {
    const time = YEAR_START + Math.floor(next() * YEAR_MILLISECONDS)
    wins[index] = {
      id: String(index),
      accountId: `acct-${Math.floor(next() * BOOKING_ACCOUNTS)}`,
      createdAt: new Date(YEAR_START),
      closedAt: new Date(time),
      status: 'won',
      stageHistory: [],
      amount: (1 + Math.floor(next() * 10_000_000)) / 100,
    }
  }
  const DAY = 86_400_000
  const handMix = () => {
    const codes = new Map<string, number>()
    const firstDay: number[] = []
    const accountOf = new Int32Array(wins.length)
    for (let index = 0; index < wins.length; index++) {
      const deal = wins[index]!
      const day = Math.floor((deal.closedAt as Date).getTime() / DAY)
      let code = codes.get(deal.accountId as string)
      if (code === undefined) {
        code = firstDay.length
        codes.set(deal.accountId as string, code)
        firstDay.push(day)
      } else if (day < firstDay[code]!) firstDay[code] = day
      accountOf[index] = code
    }
    const newLogo = new Float64Array(12)
    const expansion = new Float64Array(12)
    for (let index = 0; index < wins.length; index++) {
      const deal = wins[index]!
      const closed = deal.closedAt as Date
      const cents = Math.round((deal.amount as number) * 100)
      const month = closed.getUTCMonth()
      if (Math.floor(closed.getTime() / DAY) === firstDay[accountOf[index]!])
        newLogo[month]! += cents
      else expansion[month]! += cents
    }
    return { newLogo, expansion }
  }
  const mixOptions = { period: { unit: 'month' as const } }
  {
    const hand = handMix()
    const rows = bookingsMix(wins, mixOptions)
    for (const row of rows) {
      const month = row.period!.start.getUTCMonth()
      check(
        row.result.newLogoAmount.toFixed(2) === (hand.newLogo[month]! / 100).toFixed(2) &&
          row.result.expansionAmount.toFixed(2) === (hand.expansion[month]! / 100).toFixed(2),
        `bookingsMix ${row.period?.label}`,
      )
    }
  }
  all.push(
    measure(
      `bookingsMix — ${SIZE.toLocaleString('en')} won deals, ${BOOKING_ACCOUNTS.toLocaleString('en')} accounts, by month`,
      { name: 'hand loop (Map codes, float cents)', run: handMix },
      [
        { name: 'bookingsMix UTC (exact decimal)', run: () => bookingsMix(wins, mixOptions) },
        {
          name: 'bookingsMix America/New_York',
          run: () => bookingsMix(wins, { ...mixOptions, timeZone: 'America/New_York' }),
        },
      ],
      ROUNDS,
    ),
  )
  duck.closeSync()
  instance.closeSync()
  return all
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename)
  await runAccountKpiBenchmarks()
