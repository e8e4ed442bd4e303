import { TZDate } from '@date-fns/tz'
import { checkActivity } from '../activity/activityTally.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import type { GroupMetricRow } from '../core/groupMetric.js'
import {
  guardInput,
  readCriticalValue,
  readOptions,
  requireNonNegativeOption,
  requireRecord,
  requireRow,
} from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { readMonthOption } from '../core/monthNumbers.js'
import { type ShrunkRatesPrior, shrunkRates } from '../core/shrunkRates.js'
import { requireInstant, requireList } from '../core/validate.js'
import { wilsonBounds } from '../core/wilsonInterval.js'
import { leadContactRate } from '../pipeline/leadContactRate.js'
import { leadConversionRate } from '../pipeline/leadConversionRate.js'
import type { LeadRateResult } from '../pipeline/leadRate.js'
import type { Activity } from '../records/Activity.js'
import { requireClosedAt, requireStatus } from '../records/fieldChecks.js'
import type { Lead } from '../records/Lead.js'
import type { Opportunity } from '../records/Opportunity.js'

/**
 * The outcome rates {@link repOutcomeRates} reports per rep, in the order of its result:
 * lead conversion, lead contact, win rate (by count) and proposals-to-win.
 *
 * @example
 * ```ts
 * REP_OUTCOME_RATE_NAMES // => ['leadConversionRate', 'leadContactRate', 'winRate', 'proposalsToWin']
 * ```
 * @category Scorecards
 */
export const REP_OUTCOME_RATE_NAMES = [
  'leadConversionRate',
  'leadContactRate',
  'winRate',
  'proposalsToWin',
] as const
/**
 * One of {@link REP_OUTCOME_RATE_NAMES}.
 *
 * @category Scorecards
 */
export type RepOutcomeRateName = (typeof REP_OUTCOME_RATE_NAMES)[number]

/**
 * The records {@link repOutcomeRates} reads; each list is optional, and the rates that need
 * a missing list are `null`.
 *
 * @category Scorecards
 */
export interface RepOutcomeRatesInput {
  /** Leads (per `ownerId`): lead conversion and contact rates. */
  readonly leads?: readonly Lead[]
  /** Deals (per `ownerId`): win rate; with `activities`, proposals-to-win. */
  readonly opportunities?: readonly Opportunity[]
  /** Activities: a `'proposal-sent'` one with an `opportunityId` marks that deal as proposed. */
  readonly activities?: readonly Activity[]
}

/**
 * Options of {@link repOutcomeRates}.
 *
 * @category Scorecards
 */
export interface RepOutcomeRatesOptions {
  /** Judge as of this instant: later conversions, contacts, closes and activities are not yet known. */
  readonly asOf?: Date
  /** First month of the window, `'YYYY-MM'` (inclusive): leads created and deals closed from its start. */
  readonly from?: string
  /** Last month of the window, `'YYYY-MM'` (inclusive). */
  readonly to?: string
  /** IANA zone in which the months of `from` / `to` begin; default `'UTC'`. */
  readonly timeZone?: string
  /** Lead rates: count a conversion or contact only within this many days of creation; needs `asOf`. */
  readonly withinDays?: number
  /** Confidence of every interval, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number
  /**
   * The reps to report, in this order (reps without records get rows with 0 trials); records
   * of other owners are left out, of the rows and of the team's fit. Default: every owner
   * named by a lead, deal or activity, in code-unit order.
   */
  readonly reps?: readonly string[]
}

/**
 * One rep's rate: raw, shrunk toward the team, its interval and its rank.
 *
 * @category Scorecards
 */
export interface RepOutcomeRate {
  readonly successes: number
  readonly trials: number
  /** successes / trials; `null` with 0 trials. */
  readonly rate: number | null
  /** The empirical-Bayes rate of {@link shrunkRates}; `null` when the whole team has 0 trials. */
  readonly shrunk: number | null
  /**
   * Lower bound of the posterior interval (see {@link shrunkRates}); `null` when `shrunk` is,
   * and for a rep without trials when the fit pools nothing (ρ ≥ 1).
   */
  readonly lower: number | null
  /** Upper bound of the same interval. */
  readonly upper: number | null
  readonly confidence: number
  /** 1 for the highest `shrunk` among reps with trials (ties share the lower rank); `null` with 0 trials. */
  readonly rank: number | null
}

/**
 * The rates of one rep; a rate whose records were not given is `null`.
 *
 * @category Scorecards
 */
export type RepOutcomes = { readonly [name in RepOutcomeRateName]: RepOutcomeRate | null }

/**
 * One rep's row, in `groupMetric`'s shape: `group` is the rep's `ownerId`, `period` is
 * `null`, `n` counts the rep's leads (in the window) and decided deals (in the window).
 *
 * @category Scorecards
 */
export type RepOutcomeRatesRow = GroupMetricRow<RepOutcomes, string>

/**
 * The team's pooled rate and the fitted prior behind the shrinkage.
 *
 * @category Scorecards
 */
export interface RepOutcomeTeamRate {
  /** Σ successes over the reps. */
  readonly successes: number
  /** Σ trials over the reps. */
  readonly trials: number
  /** successes / trials; `null` with 0 trials. */
  readonly pooledRate: number | null
  /** The Beta prior of {@link shrunkRates}; `null` when the reps show no spread beyond chance. */
  readonly prior: ShrunkRatesPrior | null
  /** Wilson interval of the pooled rate; `null` with 0 trials. */
  readonly lower: number | null
  readonly upper: number | null
  readonly confidence: number
}

/**
 * The result of {@link repOutcomeRates}.
 *
 * @category Scorecards
 */
export interface RepOutcomeRatesResult {
  /** One row per rep (the `reps` option's order, else by `ownerId`). */
  readonly rows: RepOutcomeRatesRow[]
  /** The team per rate; `null` for a rate whose records were not given. */
  readonly team: { readonly [name in RepOutcomeRateName]: RepOutcomeTeamRate | null }
  readonly confidence: number
}

const METRIC = 'repOutcomeRates'

/** The lead fields the lead rates read, each at or after `createdAt`. */
const LEAD_STEPS = ['contactedAt', 'convertedAt'] as const

/**
 * Outcome rates per rep — lead conversion, lead contact, win rate and proposals-to-win —
 * each raw, shrunk toward the team's rate (empirical Bayes, so a rep with 2 wins of 2 does
 * not outrank one with 40 of 60), with an interval and a rank by the shrunk rate.
 *
 * ```text
 * leadConversionRate = converted / judged leads  (leadConversionRate's rules: asOf, withinDays)
 * leadContactRate    = contacted / judged leads  (leadContactRate's rules)
 * winRate            = won / (won + lost)        (decided deals: closedAt in the window, ≤ asOf)
 * proposalsToWin     = won / decided, over decided deals with ≥ 1 'proposal-sent' activity
 *                      naming the deal (opportunityId; activities after asOf ignored)
 * per rate: shrunkRates over the reps' { successes, trials }; rank 1 = highest shrunk
 * ```
 * A rep's deals and leads are those whose `ownerId` is the rep (a proposal counts for the
 * deal's owner, whoever sent it); records without an `ownerId` are nobody's and left out.
 * A rate is `null` when its list was not given (`proposalsToWin` needs deals and activities).
 * Reps with 0 trials get the team's prior mean as `shrunk` but no rank.
 *
 * @param input - `{ leads?, opportunities?, activities? }`.
 * @param options - `asOf`, `from` / `to` (months, `timeZone`), `withinDays`, `confidence`
 *   (0.95), `reps`.
 * @returns `{ rows, team, confidence }`; every rate, bound and share in [0, 1].
 * @throws MetricInputError `INVALID_RECORD` (input or a record not an object; an `ownerId`,
 *   `id`, `opportunityId` or `type` that is not a string), `INVALID_DATE`,
 *   `END_BEFORE_START`, `MISSING_VALUE` (closedAt), `VALUE_OUT_OF_RANGE` (status; a list
 *   that is not an array), `DUPLICATE_ID` (opportunity ids), `NEGATIVE_VALUE` / `NOT_FINITE`
 *   (activity durations) — paths `['leads' | 'opportunities' | 'activities', i, field]` —
 *   and `INVALID_OPTION` (asOf is `INVALID_DATE`; `from`, `to`, `timeZone`, `withinDays`,
 *   `confidence`, `reps`, options).
 * @example
 * ```ts
 * const deal = (id: string, ownerId: string, status: 'won' | 'lost') => ({ id, ownerId, status,
 *   createdAt: new Date('2026-01-05'), closedAt: new Date('2026-02-10'), stageHistory: [] })
 * const opportunities = [
 *   deal('a1', 'ana', 'won'), deal('a2', 'ana', 'won'),
 *   deal('b1', 'ben', 'won'), deal('b2', 'ben', 'lost'), deal('b3', 'ben', 'lost'),
 * ]
 * const activities = [{ id: 'p1', ownerId: 'ben', type: 'proposal-sent', at: new Date('2026-01-20'), opportunityId: 'b1' }]
 * const { rows, team } = repOutcomeRates({ opportunities, activities })
 * rows.map((row) => [row.group, row.result.winRate?.rate, row.result.proposalsToWin?.trials])
 * // => [['ana', 1, 0], ['ben', 0.3333333333333333, 1]]
 * team.winRate?.pooledRate // => 0.6
 * rows[0]?.result.leadConversionRate // => null
 * ```
 * @see Kleinman (1973), JASA 68:46–54 (the moment fit, via shrunkRates); Salesforce, "State
 *   of Sales" (rep performance KPIs); D. Robinson, "Introduction to Empirical Bayes" (2017).
 * @category Scorecards
 */
export function repOutcomeRates(
  input: RepOutcomeRatesInput,
  options?: RepOutcomeRatesOptions,
): RepOutcomeRatesResult {
  return guardInput(METRIC, () => computeRepOutcomeRates(input, options))
}

function computeRepOutcomeRates(
  input: RepOutcomeRatesInput,
  given: RepOutcomeRatesOptions | undefined,
): RepOutcomeRatesResult {
  requireRecord(input, METRIC, [], 'input')
  const leads = readList(input.leads, 'leads')
  const opportunities = readList(input.opportunities, 'opportunities')
  const activities = readList(input.activities, 'activities')
  const options = readOptions(given, METRIC)
  const confidence = options.confidence ?? 0.95
  readCriticalValue(options.confidence, METRIC)
  const asOf =
    options.asOf === undefined
      ? null
      : requireInstant(options.asOf, METRIC, ['asOf'], 'option asOf')
  if (options.withinDays !== undefined) {
    requireNonNegativeOption(options.withinDays, METRIC, 'withinDays')
    if (asOf === null) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric: METRIC,
        path: ['asOf'],
        message: `${METRIC}: option withinDays needs asOf, to know which leads are old enough to judge`,
      })
    }
  }
  const { start, end } = readWindow(options)
  const fixedReps = readReps(options.reps)

  // Pass 1: check every record once; collect the owners (unless `reps` fixes them).
  const owners = new Set<string>(fixedReps ?? [])
  const collect = fixedReps === null
  const leadTimes = leads === null ? null : checkLeads(leads, collect ? owners : null)
  const closedTimes =
    opportunities === null
      ? null
      : asReps(
          () => checkOpportunities(opportunities, collect ? owners : null),
          'opportunities',
          null,
        )
  const proposed =
    activities === null
      ? null
      : asReps(() => proposedDeals(activities, asOf, collect ? owners : null), 'activities', null)
  const reps = fixedReps ?? [...owners].sort()
  const repIndex = new Map<string, number>()
  for (let rep = 0; rep < reps.length; rep++) repIndex.set(reps[rep] as string, rep)
  const repCount = reps.length
  const records = new Float64Array(repCount)

  // Leads: the ones of the reps in the window, through the pipeline family's lead rates.
  let conversion: Counts | null = null
  let contact: Counts | null = null
  if (leads !== null && leadTimes !== null) {
    const kept: Lead[] = []
    const positions: number[] = []
    for (let index = 0; index < leads.length; index++) {
      const lead = leads[index] as Lead
      const rep = lead.ownerId === undefined ? undefined : repIndex.get(lead.ownerId)
      const created = leadTimes[index] as number
      if (rep === undefined || created < start || created >= end) continue
      kept.push(lead)
      positions.push(index)
      records[rep] = (records[rep] as number) + 1
    }
    const leadOptions = {
      groupBy: 'owner' as const,
      confidence,
      ...(asOf === null ? {} : { asOf: new Date(asOf) }),
      ...(options.withinDays === undefined ? {} : { withinDays: options.withinDays }),
    }
    conversion = leadCounts(
      asReps(() => leadConversionRate(kept, leadOptions), 'leads', positions),
      repIndex,
    )
    contact = leadCounts(
      asReps(() => leadContactRate(kept, leadOptions), 'leads', positions),
      repIndex,
    )
  }

  // Deals: decided by asOf, closed in the window; won among them, and among the proposed ones.
  let wins: Counts | null = null
  let proposalWins: Counts | null = null
  if (opportunities !== null && closedTimes !== null) {
    wins = emptyCounts(repCount)
    proposalWins = proposed === null ? null : emptyCounts(repCount)
    for (let index = 0; index < opportunities.length; index++) {
      const closed = closedTimes[index] as number
      if (Number.isNaN(closed) || closed < start || closed >= end) continue
      if (asOf !== null && closed > asOf) continue
      const opportunity = opportunities[index] as Opportunity
      const rep = opportunity.ownerId === undefined ? undefined : repIndex.get(opportunity.ownerId)
      if (rep === undefined) continue
      const won = opportunity.status === 'won' ? 1 : 0
      records[rep] = (records[rep] as number) + 1
      addTrial(wins, rep, won)
      if (proposalWins !== null && proposed?.has(opportunity.id) === true) {
        addTrial(proposalWins, rep, won)
      }
    }
  }

  const team = {
    leadConversionRate: shrink(conversion, confidence),
    leadContactRate: shrink(contact, confidence),
    winRate: shrink(wins, confidence),
    proposalsToWin: shrink(proposalWins, confidence),
  }
  const rows: RepOutcomeRatesRow[] = new Array(repCount)
  for (let rep = 0; rep < repCount; rep++) {
    rows[rep] = {
      group: reps[rep] as string,
      period: null,
      result: {
        leadConversionRate: team.leadConversionRate?.rows[rep] ?? null,
        leadContactRate: team.leadContactRate?.rows[rep] ?? null,
        winRate: team.winRate?.rows[rep] ?? null,
        proposalsToWin: team.proposalsToWin?.rows[rep] ?? null,
      },
      n: records[rep] as number,
    }
  }
  return {
    rows,
    team: {
      leadConversionRate: team.leadConversionRate?.team ?? null,
      leadContactRate: team.leadContactRate?.team ?? null,
      winRate: team.winRate?.team ?? null,
      proposalsToWin: team.proposalsToWin?.team ?? null,
    },
    confidence,
  }
}

/** Successes and trials per rep, in two flat arrays. */
interface Counts {
  readonly successes: Float64Array
  readonly trials: Float64Array
}

function emptyCounts(reps: number): Counts {
  return { successes: new Float64Array(reps), trials: new Float64Array(reps) }
}

function addTrial(counts: Counts, rep: number, success: number): void {
  counts.trials[rep] = (counts.trials[rep] as number) + 1
  counts.successes[rep] = (counts.successes[rep] as number) + success
}

/** A list input: `null` when not given, else it must be an array (`VALUE_OUT_OF_RANGE`). */
function readList<T>(list: readonly T[] | undefined, name: string): readonly T[] | null {
  if (list === undefined) return null
  return requireList(list, METRIC, [name], name, true) as readonly T[]
}

/** The window [start, end) in epoch ms from the months `from` and `to` in `timeZone`. */
function readWindow(options: RepOutcomeRatesOptions): { start: number; end: number } {
  const timeZone = requireTimeZone(options.timeZone ?? 'UTC', METRIC)
  const from = options.from === undefined ? null : readMonthOption(options.from, 'from', METRIC)
  const to = options.to === undefined ? null : readMonthOption(options.to, 'to', METRIC)
  if (from !== null && to !== null && to < from) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['to'],
      message: `${METRIC}: option to (${options.to}) is before from (${options.from})`,
    })
  }
  const monthStart = (month: number) =>
    new TZDate(Math.floor(month / 12), month % 12, 1, timeZone).getTime()
  return {
    start: from === null ? Number.NEGATIVE_INFINITY : monthStart(from),
    end: to === null ? Number.POSITIVE_INFINITY : monthStart(to + 1),
  }
}

/** Option `reps`: `null` when absent, else a list of distinct strings (`INVALID_OPTION`). */
function readReps(reps: readonly string[] | undefined): readonly string[] | null {
  if (reps === undefined) return null
  if (!Array.isArray(reps)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['reps'],
      message: `${METRIC}: option reps is ${describeValue(reps)}; it must be a list of owner ids or be left out`,
    })
  }
  const seen = new Set<string>()
  for (let index = 0; index < reps.length; index++) {
    const rep: unknown = reps[index]
    if (typeof rep !== 'string' || seen.has(rep)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric: METRIC,
        path: ['reps', index],
        message: `${METRIC}: reps[${index}] is ${describeValue(rep)}; each rep must be a distinct string`,
      })
    }
    seen.add(rep)
  }
  return [...reps]
}

/** Throws `INVALID_RECORD` unless `ownerId` is a string or absent; adds it to `owners`. */
function readOwner(
  ownerId: unknown,
  path: MetricInputPath,
  owners: Set<string> | null,
  required: boolean,
): void {
  if (typeof ownerId === 'string') {
    owners?.add(ownerId)
    return
  }
  if (ownerId === undefined && !required) return
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric: METRIC,
    path,
    message: `${METRIC}: ${path.join('.')} is ${describeValue(ownerId)}; it must be a string${required ? '' : ' or be left out'}`,
  })
}

/** Checks each lead as the lead rates will read it; returns the `createdAt` instants. */
function checkLeads(leads: readonly Lead[], owners: Set<string> | null): Float64Array {
  const times = new Float64Array(leads.length)
  for (let index = 0; index < leads.length; index++) {
    const lead = requireRow(leads[index] as Lead, METRIC, index, 'lead', 'leads')
    const ownerId: unknown = lead.ownerId
    if (typeof ownerId === 'string') owners?.add(ownerId)
    else if (ownerId !== undefined) readOwner(ownerId, ['leads', index, 'ownerId'], null, false)
    const created = instantOf(lead.createdAt, index, 'createdAt')
    for (let step = 0; step < LEAD_STEPS.length; step++) {
      const field = LEAD_STEPS[step] as (typeof LEAD_STEPS)[number]
      const value = lead[field]
      if (value === undefined) continue
      if (instantOf(value, index, field) < created) {
        throw new MetricInputError({
          code: 'END_BEFORE_START',
          metric: METRIC,
          path: ['leads', index, field],
          message: `${METRIC}: leads[${index}].${field} (${value.toISOString()}) is before its createdAt`,
        })
      }
    }
    times[index] = created
  }
  return times
}

/** The epoch ms of a lead's date field; `INVALID_DATE` (built only on failure) otherwise. */
function instantOf(value: Date, index: number, field: string): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN
  if (!Number.isNaN(time)) return time
  return requireInstant(value, METRIC, ['leads', index, field], `leads[${index}].${field}`)
}

/** Checks each deal; returns its close instant, `NaN` for an open deal. */
function checkOpportunities(
  opportunities: readonly Opportunity[],
  owners: Set<string> | null,
): Float64Array {
  const closed = new Float64Array(opportunities.length)
  const ids = new Set<string>()
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    // Record checks report [index, field]; the caller's asReps makes it ['opportunities', …].
    const status = requireStatus(opportunity, index, METRIC)
    readOwner(opportunity.ownerId, ['opportunities', index, 'ownerId'], owners, false)
    const id: unknown = opportunity.id
    if (typeof id !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric: METRIC,
        path: ['opportunities', index, 'id'],
        message: `${METRIC}: opportunities[${index}].id is ${describeValue(id)}; it must be a string`,
      })
    }
    if (ids.has(id)) {
      throw new MetricInputError({
        code: 'DUPLICATE_ID',
        metric: METRIC,
        path: ['opportunities', index, 'id'],
        message: `${METRIC}: opportunities[${index}].id ${describeValue(id)} appeared before; each deal must be counted once`,
      })
    }
    ids.add(id)
    closed[index] = status === 'open' ? Number.NaN : requireClosedAt(opportunity, index, METRIC)
  }
  return closed
}

/** The ids of deals with a `'proposal-sent'` activity (at or before `asOf`). */
function proposedDeals(
  activities: readonly Activity[],
  asOf: number | null,
  owners: Set<string> | null,
): Set<string> {
  const proposed = new Set<string>()
  for (let index = 0; index < activities.length; index++) {
    const activity = activities[index] as Activity
    const type = checkActivity(activity, index, METRIC)
    readOwner(activity.ownerId, ['activities', index, 'ownerId'], owners, true)
    const opportunityId: unknown = activity.opportunityId
    if (opportunityId !== undefined && typeof opportunityId !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric: METRIC,
        path: ['activities', index, 'opportunityId'],
        message: `${METRIC}: activities[${index}].opportunityId is ${describeValue(opportunityId)}; it must be a string or be left out`,
      })
    }
    if (type !== 'proposal-sent' || opportunityId === undefined) continue
    if (asOf !== null && activity.at.getTime() > asOf) continue
    proposed.add(opportunityId)
  }
  return proposed
}

/**
 * Runs a check or a family function on behalf of `repOutcomeRates`: a `MetricInputError`
 * it throws names this function, and a record path `[i, …]` becomes `[list, position, …]`
 * (`positions` maps a filtered list back to the caller's; `null` when it is the caller's).
 */
function asReps<T>(compute: () => T, list: string, positions: readonly number[] | null): T {
  try {
    return compute()
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    const path = error.path
    const isRecordPath = path !== undefined && typeof path[0] === 'number'
    // This function's own errors, with their paths already into the input, pass unchanged.
    if (error.metric === METRIC && !isRecordPath) throw error
    let mapped = path
    if (path !== undefined && typeof path[0] === 'number') {
      const index = positions === null ? path[0] : (positions[path[0]] ?? path[0])
      mapped = [list, index, ...path.slice(1)]
    }
    throw new MetricInputError({
      code: error.code,
      metric: METRIC,
      ...(mapped === undefined ? {} : { path: mapped }),
      message: `${METRIC}: ${mapped === undefined ? '' : `at ${mapped.join('.')}: `}${error.message.replace(/^[^:]*: /, '')}`,
    })
  }
}

/** Successes and judged leads per rep from a lead rate's owner rows. */
function leadCounts(result: LeadRateResult, repIndex: ReadonlyMap<string, number>): Counts {
  const counts = emptyCounts(repIndex.size)
  for (const row of result.rows) {
    const rep = row.group === null ? undefined : repIndex.get(row.group)
    if (rep === undefined) continue
    counts.successes[rep] = row.successes
    counts.trials[rep] = row.judged
  }
  return counts
}

/** The shrunk rates, ranks and team summary of one rate; `null` when its records were not given. */
function shrink(
  counts: Counts | null,
  confidence: number,
): { rows: RepOutcomeRate[]; team: RepOutcomeTeamRate } | null {
  if (counts === null) return null
  const reps = counts.trials.length
  const input: { successes: number; trials: number }[] = new Array(reps)
  let successes = 0
  let trials = 0
  for (let rep = 0; rep < reps; rep++) {
    const s = counts.successes[rep] as number
    const n = counts.trials[rep] as number
    input[rep] = { successes: s, trials: n }
    successes += s
    trials += n
  }
  const fitted = shrunkRates(input, { confidence })
  // Rank 1 = highest shrunk among reps with trials; equal values share the lower rank.
  const ranked: number[] = []
  for (let rep = 0; rep < reps; rep++) if ((counts.trials[rep] as number) > 0) ranked.push(rep)
  const shrunkOf = (rep: number) => fitted.rows[rep]?.shrunk ?? 0
  ranked.sort((a, b) => shrunkOf(b) - shrunkOf(a) || a - b)
  const rank = new Array<number | null>(reps).fill(null)
  for (let position = 0; position < ranked.length; position++) {
    const rep = ranked[position] as number
    const previous = position === 0 ? -1 : (ranked[position - 1] as number)
    rank[rep] =
      position > 0 && shrunkOf(previous) === shrunkOf(rep)
        ? (rank[previous] as number)
        : position + 1
  }
  const rows: RepOutcomeRate[] = new Array(reps)
  for (let rep = 0; rep < reps; rep++) {
    const row = fitted.rows[rep] as (typeof fitted.rows)[number]
    rows[rep] = {
      successes: row.successes,
      trials: row.trials,
      rate: row.rate,
      shrunk: row.shrunk,
      lower: row.lower,
      upper: row.upper,
      confidence,
      rank: rank[rep] ?? null,
    }
  }
  const interval = wilsonBounds(successes, trials, readCriticalValue(confidence, METRIC))
  return {
    rows,
    team: {
      successes,
      trials,
      pooledRate: fitted.pooledRate,
      prior: fitted.prior,
      lower: interval?.lower ?? null,
      upper: interval?.upper ?? null,
      confidence,
    },
  }
}
