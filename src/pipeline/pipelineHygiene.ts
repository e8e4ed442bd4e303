import type { Decimal } from 'decimal.js'
import type { CalendarDate } from '../core/CalendarDate.js'
import {
  DAY_MILLISECONDS,
  epochDayOfText,
  localDayOf,
  readCalendarDate,
} from '../core/calendarKernel.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { createCurrencyTracker, trackCurrency } from '../core/currency.js'
import { describeValue } from '../core/describeValue.js'
import type { GroupMetricRow } from '../core/groupMetric.js'
import { guardInput, readOptions, requireList, requireRecord } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { MoneyDecimal, type MoneyInput } from '../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumValue,
  toMoneyDecimal,
} from '../core/moneySum.js'
import { requireInstant } from '../core/validate.js'
import type { Activity } from '../records/Activity.js'
import {
  requireCurrency,
  requireRate,
  requireStageEntry,
  requireStageHistory,
  requireStatus,
} from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { collectStageSpells } from './stageSpells.js'
import { requireStallQuantile, stageThresholds } from './stageThresholds.js'

const METRIC = 'pipelineHygiene'

/**
 * The rules of {@link pipelineHygiene}, in the order flags and rule summaries are listed:
 * the checks RevOps teams run on open deals (past-due close dates, missing fields, stale
 * deals, stuck deals, pushed close dates, probabilities off their stage, amount swings).
 *
 * @example
 * ```ts
 * PIPELINE_HYGIENE_RULES.length // => 8
 * ```
 * @category Pipeline
 */
export const PIPELINE_HYGIENE_RULES = [
  'close-date-passed',
  'missing-amount',
  'missing-close-date',
  'no-recent-activity',
  'stuck-in-stage',
  'close-date-pushed',
  'probability-off-stage',
  'amount-changed',
] as const
/**
 * One of {@link PIPELINE_HYGIENE_RULES}.
 *
 * @category Pipeline
 */
export type PipelineHygieneRule = (typeof PIPELINE_HYGIENE_RULES)[number]

/**
 * Which rules {@link pipelineHygiene} runs and their thresholds: `true` (the default) runs
 * a rule with its default thresholds, `false` switches it off, an object runs it with the
 * thresholds given (the others keep their defaults).
 *
 * @category Pipeline
 */
export interface PipelineHygieneRuleSettings {
  /** Close date before `asOf`'s calendar date in `timeZone`. */
  readonly 'close-date-passed'?: boolean
  /** No `amount`. */
  readonly 'missing-amount'?: boolean
  /** No `expectedCloseAt`. */
  readonly 'missing-close-date'?: boolean
  /**
   * No activity on the deal (or its account) in the `withinDays` days up to `asOf`
   * (default 14). Runs only when the `activities` option is given.
   */
  readonly 'no-recent-activity'?: boolean | { readonly withinDays?: number }
  /**
   * Longer in the current stage than the stage's `quantile` (default 0.9) of finished
   * spells, for stages with at least `minimumSpells` (default 5) of them — the
   * {@link stalledOpportunities} rule — or than `stageDays[stage]` where that is given.
   */
  readonly 'stuck-in-stage'?:
    | boolean
    | {
        readonly quantile?: number
        readonly minimumSpells?: number
        readonly stageDays?: Readonly<Record<string, number>>
      }
  /** The close date moved later at least `minimumPushes` times (default 2) in `closeDateHistory`. */
  readonly 'close-date-pushed'?: boolean | { readonly minimumPushes?: number }
  /**
   * `probability` differs from the current stage's default by more than `tolerance`
   * (absolute, on the 0..1 scale; default 0.2 = 20 points). Runs only when the
   * `stageProbabilities` option is given.
   */
  readonly 'probability-off-stage'?: boolean | { readonly tolerance?: number }
  /**
   * |last − first| of `amountHistory` is more than `tolerance` × first (default 0.2 = 20 %).
   */
  readonly 'amount-changed'?: boolean | { readonly tolerance?: number }
}

/**
 * Options of {@link pipelineHygiene}.
 *
 * @category Pipeline
 */
export interface PipelineHygieneOptions {
  /** The instant "now" stands for (the library never reads the clock). */
  readonly asOf: Date
  /** The IANA zone in which `asOf` and close dates given as `Date` are calendar dates; default `'UTC'`. */
  readonly timeZone?: string
  /** Which rules run, with their thresholds; every rule is on by default. */
  readonly rules?: PipelineHygieneRuleSettings
  /** Logged activities, matched to deals by `opportunityId` and `accountId` (rule `no-recent-activity`). */
  readonly activities?: readonly Activity[]
  /** The default probability (0..1) of each stage, e.g. Salesforce `OpportunityStage.DefaultProbability` / 100 (rule `probability-off-stage`). */
  readonly stageProbabilities?: Readonly<Record<string, number>>
}

/**
 * One flag on a deal: the rule it broke and a sentence with the numbers.
 *
 * @category Pipeline
 */
export interface PipelineHygieneFlag {
  readonly rule: PipelineHygieneRule
  /** E.g. `'close date 2026-10-31 is 29 days before 2026-11-29'`. */
  readonly detail: string
}

/**
 * One open deal checked by {@link pipelineHygiene}.
 *
 * @category Pipeline
 */
export interface PipelineHygieneDeal {
  readonly id: string
  readonly ownerId: string | null
  /** The deal's amount; `null` when it has none. */
  readonly amount: Decimal | null
  /** The rules it broke, in {@link PIPELINE_HYGIENE_RULES} order; `[]` for a clean deal. */
  readonly flags: readonly PipelineHygieneFlag[]
}

/**
 * What one rule did in a {@link pipelineHygiene} run.
 *
 * @category Pipeline
 */
export interface PipelineHygieneRuleSummary {
  readonly rule: PipelineHygieneRule
  /** Whether the rule ran. */
  readonly enabled: boolean
  /** Why it did not run (`'switched off'`, `'no activities given'`, …); `null` when it ran. */
  readonly reason: string | null
  /** Open deals it flagged. */
  readonly flagged: number
  /** Their total amount (deals without an amount add nothing). */
  readonly flaggedAmount: Decimal
}

/**
 * The hygiene score of a set of open deals (all of them, or one owner's).
 *
 * @category Pipeline
 */
export interface PipelineHygieneScore {
  /** Share of open amount on deals without a flag, 0..1; `null` when the open amount is 0. */
  readonly score: number | null
  /** Share of open deals without a flag, 0..1 (deals without an amount count here); `null` with no open deals. */
  readonly scoreByCount: number | null
  /** Open deals. */
  readonly open: number
  /** Open deals without a flag. */
  readonly clean: number
  /** Open deals with at least one flag. */
  readonly flagged: number
  /** Open deals without an amount (in `scoreByCount`, not in `score`). */
  readonly withoutAmount: number
  readonly openAmount: Decimal
  readonly cleanAmount: Decimal
  readonly flaggedAmount: Decimal
}

/**
 * The result of {@link pipelineHygiene}.
 *
 * @category Pipeline
 */
export interface PipelineHygieneResult extends PipelineHygieneScore {
  /** Every open deal, in input order, with its flags. */
  readonly deals: readonly PipelineHygieneDeal[]
  /** One summary per rule, in {@link PIPELINE_HYGIENE_RULES} order. */
  readonly rules: readonly PipelineHygieneRuleSummary[]
  /** The score per owner, in order of first appearance (`group` `null` for deals without an owner). */
  readonly byOwner: readonly GroupMetricRow<PipelineHygieneScore, string>[]
  /** The one currency of the open amounts; `null` when no deal names one. */
  readonly currency: string | null
}

/**
 * Pipeline hygiene: every open deal checked against the rules RevOps teams use to tell a
 * real pipeline from a hopeful one, each flag explained with its numbers, and the share of
 * open pipeline amount that is clean — overall and per owner.
 *
 * ```text
 * flags(deal)  = rules the open deal breaks (PIPELINE_HYGIENE_RULES; each switchable)
 * score        = Σ amount(open, no flag) / Σ amount(open)        null when Σ amount(open) = 0
 * scoreByCount = #(open, no flag) / #(open)                        null with no open deals
 * ```
 * Closed deals are never flagged; they only give `stuck-in-stage` its history of finished
 * spells. A deal without an amount is flagged `missing-amount` and counts in `scoreByCount`
 * only. `no-recent-activity` needs `activities`, `probability-off-stage` needs
 * `stageProbabilities`; without them the rule is off and its summary says why. Dates are
 * calendar dates in `timeZone`, so the result never depends on the host's zone.
 *
 * @param opportunities - Deals; only `status: 'open'` ones are checked.
 * @param options - `asOf` (required), `timeZone`, `rules`, `activities`, `stageProbabilities`.
 * @returns Deals with flags, rule summaries, the scores and `byOwner` rows.
 * @throws MetricInputError `INVALID_DATE` (asOf, dates in data), `INVALID_OPTION` (rules,
 *   thresholds, timeZone, stageProbabilities), `CURRENCY_MISMATCH`, `NEGATIVE_VALUE` /
 *   `NOT_FINITE` (amounts), `RATE_OUT_OF_RANGE` (probability), `END_BEFORE_START`
 *   (histories out of time order), `VALUE_OUT_OF_RANGE` (status, not an array),
 *   `INVALID_RECORD` / `MISSING_VALUE` (rows and fields of the wrong type).
 * @example
 * ```ts
 * const deal = { id: 'd1', createdAt: new Date('2026-09-01'), amount: 1000, status: 'open' as const,
 *   stageHistory: [], expectedCloseAt: '2026-10-31' }
 * pipelineHygiene([deal], { asOf: new Date('2026-11-29T12:00:00Z') }).deals[0]?.flags
 * // => [{ rule: 'close-date-passed', detail: 'close date 2026-10-31 is 29 days before 2026-11-29' }]
 * ```
 * @see Salesforce Pipeline Inspection (close-date moves, days in stage, activity) and
 *   `OpportunityStage.DefaultProbability`; Clari Flow "Pushed"; Gong "Pushed out (slipped)";
 *   docs/pipeline-hygiene.md (every rule, its defaults and sources).
 * @category Pipeline
 */
export function pipelineHygiene(
  opportunities: readonly Opportunity[],
  options: PipelineHygieneOptions,
): PipelineHygieneResult {
  return guardInput(METRIC, () => checkPipeline(opportunities, options))
}

/** The rules' settings after checking, `null` for a rule that does not run. */
interface RuleSettings {
  readonly closeDatePassed: boolean
  readonly missingAmount: boolean
  readonly missingCloseDate: boolean
  readonly recentActivity: { readonly withinDays: number } | null
  readonly stuck: {
    readonly quantile: number
    readonly minimumSpells: number
    readonly stageDays: ReadonlyMap<string, number>
  } | null
  readonly pushed: { readonly minimumPushes: number } | null
  readonly probability: { readonly tolerance: number } | null
  readonly amountChanged: { readonly tolerance: number } | null
}

/** A mutable tally of one score (a private object that never escapes a call). */
interface ScoreTally {
  open: number
  clean: number
  withoutAmount: number
  openAmount: MoneySum
  cleanAmount: MoneySum
  flaggedAmount: MoneySum
}

function createTally(): ScoreTally {
  return {
    open: 0,
    clean: 0,
    withoutAmount: 0,
    openAmount: createMoneySum(),
    cleanAmount: createMoneySum(),
    flaggedAmount: createMoneySum(),
  }
}

function checkPipeline(
  list: readonly Opportunity[],
  given: PipelineHygieneOptions,
): PipelineHygieneResult {
  const opportunities = requireList(list, METRIC, 'opportunities')
  const options = readOptions(given, METRIC)
  const asOf = requireInstant(options.asOf, METRIC, ['asOf'], 'option asOf')
  const timeZone = requireTimeZone(options.timeZone ?? 'UTC', METRIC)
  const asOfDay = localDay(asOf, timeZone)
  const asOfText = formatDay(asOfDay)
  const activitiesGiven = options.activities !== undefined
  const probabilitiesGiven = options.stageProbabilities !== undefined
  const { settings, reasons } = readRules(options.rules, activitiesGiven, probabilitiesGiven)
  const lastActivity =
    settings.recentActivity === null ? null : readActivities(options.activities, asOf)
  const stageProbabilities =
    settings.probability === null ? null : readStageProbabilities(options.stageProbabilities)

  // stuck-in-stage: the stalled-deal logic of stalledOpportunities (shared stageSpells and
  // stageThresholds), with explicit per-stage limits taking precedence.
  let current: ReadonlyMap<number, { readonly stage: string; readonly days: number }> | null = null
  let thresholds: ReadonlyMap<string, number> | null = null
  let spellCounts: ReadonlyMap<string, number> | null = null
  if (settings.stuck !== null) {
    const spells = collectStageSpells(opportunities, asOf, METRIC)
    current = spells.current
    thresholds = stageThresholds(
      spells.finished,
      settings.stuck.quantile,
      settings.stuck.minimumSpells,
    )
    const counts = new Map<string, number>()
    for (const [stage, finished] of spells.finished) counts.set(stage, finished.length)
    spellCounts = counts
  }

  const amountContext: MoneyContext = { metric: METRIC, allowNegative: false, field: 'amount' }
  const tracker = createCurrencyTracker(METRIC)
  const total = createTally()
  const owners = new Map<string | null, ScoreTally>()
  const ruleFlagged = new Int32Array(PIPELINE_HYGIENE_RULES.length)
  const ruleAmounts = PIPELINE_HYGIENE_RULES.map(() => createMoneySum())
  const deals: PipelineHygieneDeal[] = []

  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    if (requireStatus(opportunity, index, METRIC) !== 'open') continue
    const id = opportunity.id
    if (typeof id !== 'string') invalidField(index, 'id', id, 'a string')
    const ownerId = opportunity.ownerId ?? null
    if (ownerId !== null && typeof ownerId !== 'string')
      invalidField(index, 'ownerId', ownerId, 'a string or absent')
    // Read once: every sum below adds this value.
    const amountInput = opportunity.amount
    const hasAmount = amountInput !== undefined
    const amount = hasAmount ? toMoneyDecimal(amountInput, amountContext, index) : null
    if (hasAmount) {
      const currency = requireCurrency(opportunity, index, METRIC)
      if (currency !== undefined && currency !== tracker.currency)
        trackCurrency(tracker, currency, () => [index, 'currency'])
    }

    // Rules in PIPELINE_HYGIENE_RULES order, so flags come out in that order.
    const flags: PipelineHygieneFlag[] = []
    const expected = opportunity.expectedCloseAt
    const closeDay =
      expected === undefined
        ? null
        : calendarDay(expected, timeZone, index, 'expectedCloseAt', null)
    if (settings.closeDatePassed && closeDay !== null && closeDay < asOfDay) {
      flags.push({
        rule: 'close-date-passed',
        detail: `close date ${formatDay(closeDay)} is ${plural(asOfDay - closeDay, 'day')} before ${asOfText}`,
      })
    }
    if (settings.missingAmount && !hasAmount)
      flags.push({ rule: 'missing-amount', detail: 'amount is missing' })
    if (settings.missingCloseDate && closeDay === null)
      flags.push({ rule: 'missing-close-date', detail: 'close date is missing' })
    if (settings.recentActivity !== null && lastActivity !== null) {
      const detail = staleDetail(
        opportunity,
        index,
        lastActivity,
        asOf,
        asOfText,
        timeZone,
        settings.recentActivity.withinDays,
      )
      if (detail !== null) flags.push({ rule: 'no-recent-activity', detail })
    }
    if (settings.stuck !== null && current !== null) {
      const spell = current.get(index)
      if (spell !== undefined) {
        const detail = stuckDetail(spell, settings.stuck, thresholds, spellCounts)
        if (detail !== null) flags.push({ rule: 'stuck-in-stage', detail })
      }
    }
    if (settings.pushed !== null && opportunity.closeDateHistory !== undefined) {
      const detail = pushedDetail(opportunity, index, timeZone, settings.pushed.minimumPushes)
      if (detail !== null) flags.push({ rule: 'close-date-pushed', detail })
    }
    if (settings.probability !== null && stageProbabilities !== null) {
      const detail = probabilityDetail(
        opportunity,
        index,
        stageProbabilities,
        settings.probability.tolerance,
      )
      if (detail !== null) flags.push({ rule: 'probability-off-stage', detail })
    }
    if (settings.amountChanged !== null && opportunity.amountHistory !== undefined) {
      const detail = amountChangeDetail(opportunity, index, settings.amountChanged.tolerance)
      if (detail !== null) flags.push({ rule: 'amount-changed', detail })
    }
    for (let position = 0; position < flags.length; position++) {
      const rule = PIPELINE_HYGIENE_RULES.indexOf((flags[position] as PipelineHygieneFlag).rule)
      ruleFlagged[rule] = (ruleFlagged[rule] as number) + 1
      if (hasAmount) addMoney(ruleAmounts[rule] as MoneySum, amountInput, amountContext, index)
    }

    let owner = owners.get(ownerId)
    if (owner === undefined) {
      owner = createTally()
      owners.set(ownerId, owner)
    }
    tallyDeal(total, amountInput, index, flags.length === 0, amountContext)
    tallyDeal(owner, amountInput, index, flags.length === 0, amountContext)
    deals.push({ id, ownerId, amount, flags })
  }

  const rules: PipelineHygieneRuleSummary[] = []
  for (let position = 0; position < PIPELINE_HYGIENE_RULES.length; position++) {
    const rule = PIPELINE_HYGIENE_RULES[position] as PipelineHygieneRule
    const reason = reasons.get(rule) ?? null
    rules.push({
      rule,
      enabled: reason === null,
      reason,
      flagged: ruleFlagged[position] as number,
      flaggedAmount: moneySumValue(ruleAmounts[position] as MoneySum),
    })
  }
  const byOwner: GroupMetricRow<PipelineHygieneScore, string>[] = []
  for (const [group, tally] of owners) {
    byOwner.push({ group, period: null, result: scoreOf(tally), n: tally.open })
  }
  return { ...scoreOf(total), deals, rules, byOwner, currency: tracker.currency }
}

function tallyDeal(
  tally: ScoreTally,
  amount: MoneyInput | undefined,
  index: number,
  clean: boolean,
  context: MoneyContext,
): void {
  tally.open++
  if (clean) tally.clean++
  if (amount === undefined) {
    tally.withoutAmount++
    return
  }
  addMoney(tally.openAmount, amount, context, index)
  addMoney(clean ? tally.cleanAmount : tally.flaggedAmount, amount, context, index)
}

function scoreOf(tally: ScoreTally): PipelineHygieneScore {
  const openAmount = moneySumValue(tally.openAmount)
  const cleanAmount = moneySumValue(tally.cleanAmount)
  const flaggedAmount = moneySumValue(tally.flaggedAmount)
  return {
    score: openAmount.isZero() ? null : cleanAmount.div(openAmount).toNumber(),
    scoreByCount: tally.open === 0 ? null : tally.clean / tally.open,
    open: tally.open,
    clean: tally.clean,
    flagged: tally.open - tally.clean,
    withoutAmount: tally.withoutAmount,
    openAmount,
    cleanAmount,
    flaggedAmount,
  }
}

// ---------------------------------------------------------------------------------------
// Options

const RULE_THRESHOLDS: Readonly<Record<PipelineHygieneRule, readonly string[]>> = {
  'close-date-passed': [],
  'missing-amount': [],
  'missing-close-date': [],
  'no-recent-activity': ['withinDays'],
  'stuck-in-stage': ['quantile', 'minimumSpells', 'stageDays'],
  'close-date-pushed': ['minimumPushes'],
  'probability-off-stage': ['tolerance'],
  'amount-changed': ['tolerance'],
}

function readRules(
  given: PipelineHygieneRuleSettings | undefined,
  activitiesGiven: boolean,
  probabilitiesGiven: boolean,
): { settings: RuleSettings; reasons: Map<PipelineHygieneRule, string> } {
  const rules = given === undefined ? {} : given
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules))
    invalidOption(['rules'], rules, "an object such as { 'missing-amount': false }")
  for (const key of Object.keys(rules)) {
    if (!(PIPELINE_HYGIENE_RULES as readonly string[]).includes(key))
      invalidOption(
        ['rules', key],
        key,
        `the rules are ${PIPELINE_HYGIENE_RULES.map((r) => `'${r}'`).join(', ')}`,
        'is not a rule;',
      )
  }
  const reasons = new Map<PipelineHygieneRule, string>()
  /** The thresholds object of a rule (`{}` for `true` or absent), or `null` when it is off. */
  const setting = (rule: PipelineHygieneRule): Record<string, unknown> | null => {
    const value = (rules as Record<string, unknown>)[rule]
    if (value === undefined || value === true) return {}
    if (value === false) {
      reasons.set(rule, 'switched off')
      return null
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      invalidOption(['rules', rule], value, 'true, false or an object of thresholds')
    const allowed = RULE_THRESHOLDS[rule]
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        invalidOption(
          ['rules', rule, key],
          key,
          allowed.length === 0
            ? 'this rule has none (give true or false)'
            : `its thresholds are ${allowed.join(', ')}`,
          'is not a threshold of this rule;',
        )
    }
    return value as Record<string, unknown>
  }
  const closeDatePassed = setting('close-date-passed') !== null
  const missingAmount = setting('missing-amount') !== null
  const missingCloseDate = setting('missing-close-date') !== null

  const activity = setting('no-recent-activity')
  let recentActivity: RuleSettings['recentActivity'] = null
  if (activity !== null) {
    const withinDays = activity.withinDays ?? 14
    if (!(typeof withinDays === 'number' && Number.isFinite(withinDays) && withinDays >= 0))
      invalidOption(
        ['rules', 'no-recent-activity', 'withinDays'],
        withinDays,
        'a finite number of days ≥ 0',
      )
    if (activitiesGiven) recentActivity = { withinDays }
    else reasons.set('no-recent-activity', 'no activities given')
  }

  const stuckSetting = setting('stuck-in-stage')
  let stuck: RuleSettings['stuck'] = null
  if (stuckSetting !== null) {
    const quantile = requireStallQuantile((stuckSetting.quantile ?? 0.9) as number, METRIC, [
      'rules',
      'stuck-in-stage',
      'quantile',
    ])
    const minimumSpells = stuckSetting.minimumSpells ?? 5
    if (!(Number.isSafeInteger(minimumSpells) && (minimumSpells as number) >= 0))
      invalidOption(
        ['rules', 'stuck-in-stage', 'minimumSpells'],
        minimumSpells,
        'a whole number ≥ 0',
      )
    stuck = {
      quantile,
      minimumSpells: minimumSpells as number,
      stageDays: readStageMap(
        stuckSetting.stageDays,
        ['rules', 'stuck-in-stage', 'stageDays'],
        'a number of days ≥ 0',
        (days) => Number.isFinite(days) && days >= 0,
      ),
    }
  }

  const pushedSetting = setting('close-date-pushed')
  let pushed: RuleSettings['pushed'] = null
  if (pushedSetting !== null) {
    const minimumPushes = pushedSetting.minimumPushes ?? 2
    if (!(Number.isSafeInteger(minimumPushes) && (minimumPushes as number) >= 1))
      invalidOption(
        ['rules', 'close-date-pushed', 'minimumPushes'],
        minimumPushes,
        'a whole number ≥ 1',
      )
    pushed = { minimumPushes: minimumPushes as number }
  }

  const probabilitySetting = setting('probability-off-stage')
  let probability: RuleSettings['probability'] = null
  if (probabilitySetting !== null) {
    const tolerance = readTolerance(probabilitySetting.tolerance, 'probability-off-stage')
    if (probabilitiesGiven) probability = { tolerance }
    else reasons.set('probability-off-stage', 'no stageProbabilities given')
  }

  const amountSetting = setting('amount-changed')
  const amountChanged =
    amountSetting === null
      ? null
      : { tolerance: readTolerance(amountSetting.tolerance, 'amount-changed') }

  return {
    settings: {
      closeDatePassed,
      missingAmount,
      missingCloseDate,
      recentActivity,
      stuck,
      pushed,
      probability,
      amountChanged,
    },
    reasons,
  }
}

function readTolerance(value: unknown, rule: PipelineHygieneRule): number {
  const tolerance = value ?? 0.2
  if (!(typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0))
    invalidOption(['rules', rule, 'tolerance'], tolerance, 'a finite number ≥ 0')
  return tolerance === 0 ? 0 : tolerance
}

/** A `{ [stage]: number }` option as a map, each value checked by `valid`. */
function readStageMap(
  value: unknown,
  path: MetricInputPath,
  expected: string,
  valid: (value: number) => boolean,
): Map<string, number> {
  const map = new Map<string, number>()
  if (value === undefined) return map
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalidOption(path, value, 'an object { [stage]: number }')
  for (const [stage, entry] of Object.entries(value)) {
    if (!(typeof entry === 'number' && valid(entry)))
      invalidOption([...path, stage], entry, expected)
    map.set(stage, entry === 0 ? 0 : entry)
  }
  return map
}

function readStageProbabilities(value: unknown): Map<string, number> {
  return readStageMap(
    value,
    ['stageProbabilities'],
    'a probability from 0 to 1',
    (p) => p >= 0 && p <= 1,
  )
}

/** The latest activity time at or before `asOf`, per opportunity id and per account id. */
interface LastActivity {
  readonly byOpportunity: ReadonlyMap<string, number>
  readonly byAccount: ReadonlyMap<string, number>
}

function readActivities(given: readonly Activity[] | undefined, asOf: number): LastActivity {
  if (!Array.isArray(given)) invalidOption(['activities'], given, 'an array of activities')
  const activities = given as readonly Activity[]
  const byOpportunity = new Map<string, number>()
  const byAccount = new Map<string, number>()
  for (let index = 0; index < activities.length; index++) {
    const activity = requireRecord(
      activities[index] as Activity,
      METRIC,
      ['activities', index],
      `activities[${index}]`,
    )
    const at = requireInstant(
      activity.at,
      METRIC,
      ['activities', index, 'at'],
      `activities[${index}].at`,
    )
    const opportunityId = activity.opportunityId
    const accountId = activity.accountId
    if (opportunityId !== undefined && typeof opportunityId !== 'string')
      invalidRecord(['activities', index, 'opportunityId'], opportunityId, 'a string or absent')
    if (accountId !== undefined && typeof accountId !== 'string')
      invalidRecord(['activities', index, 'accountId'], accountId, 'a string or absent')
    if (at > asOf) continue
    if (
      opportunityId !== undefined &&
      !((byOpportunity.get(opportunityId) ?? Number.NEGATIVE_INFINITY) >= at)
    )
      byOpportunity.set(opportunityId, at)
    if (accountId !== undefined && !((byAccount.get(accountId) ?? Number.NEGATIVE_INFINITY) >= at))
      byAccount.set(accountId, at)
  }
  return { byOpportunity, byAccount }
}

// ---------------------------------------------------------------------------------------
// Rules

function staleDetail(
  opportunity: Opportunity,
  index: number,
  last: LastActivity,
  asOf: number,
  asOfText: string,
  timeZone: string,
  withinDays: number,
): string | null {
  const accountId = opportunity.accountId
  if (accountId !== undefined && typeof accountId !== 'string')
    invalidField(index, 'accountId', accountId, 'a string or absent')
  const onDeal = last.byOpportunity.get(opportunity.id)
  const onAccount = accountId === undefined ? undefined : last.byAccount.get(accountId)
  const latest = Math.max(onDeal ?? Number.NEGATIVE_INFINITY, onAccount ?? Number.NEGATIVE_INFINITY)
  if (latest === Number.NEGATIVE_INFINITY)
    return `no activity logged on the deal${accountId === undefined ? '' : ' or its account'} up to ${asOfText}`
  const elapsedDays = (asOf - latest) / DAY_MILLISECONDS
  if (elapsedDays <= withinDays) return null
  return `no activity in the ${plural(withinDays, 'day')} before ${asOfText}; last activity on ${formatDay(localDay(latest, timeZone))}, ${formatNumber(elapsedDays)} days before`
}

function stuckDetail(
  spell: { readonly stage: string; readonly days: number },
  stuck: NonNullable<RuleSettings['stuck']>,
  thresholds: ReadonlyMap<string, number> | null,
  spellCounts: ReadonlyMap<string, number> | null,
): string | null {
  const explicit = stuck.stageDays.get(spell.stage)
  const limit = explicit ?? thresholds?.get(spell.stage)
  if (limit === undefined || !(spell.days > limit)) return null
  const basis =
    explicit !== undefined
      ? 'the limit set for the stage'
      : `the ${ordinalPercent(stuck.quantile)} percentile of ${plural(spellCounts?.get(spell.stage) ?? 0, 'finished spell')}`
  return `in stage ${spell.stage} for ${formatNumber(spell.days)} days; limit ${formatNumber(limit)} days (${basis})`
}

function pushedDetail(
  opportunity: Opportunity,
  index: number,
  timeZone: string,
  minimumPushes: number,
): string | null {
  const history = requireHistory(opportunity.closeDateHistory, index, 'closeDateHistory')
  let pushes = 0
  let previousDay = Number.NaN
  const chain: number[] = []
  for (let step = 0; step < history.length; step++) {
    const entry = requireHistoryEntry(history, index, 'closeDateHistory', step)
    const day = calendarDay(entry.value, timeZone, index, 'closeDateHistory', step)
    if (day > previousDay) pushes++
    if (day !== previousDay) chain.push(day)
    previousDay = day
  }
  // The first entry is the first close date, not a push (NaN > nothing is false).
  if (pushes < minimumPushes) return null
  return `close date pushed ${plural(pushes, 'time')}: ${chain.map(formatDay).join(' → ')}`
}

function probabilityDetail(
  opportunity: Opportunity,
  index: number,
  stageProbabilities: ReadonlyMap<string, number>,
  tolerance: number,
): string | null {
  const history = requireStageHistory(opportunity, index, METRIC)
  if (history.length === 0 || opportunity.probability === undefined) return null
  const stage = requireStageEntry(
    history[history.length - 1],
    index,
    history.length - 1,
    METRIC,
  ).stage
  const probability = requireRate(
    opportunity.probability,
    METRIC,
    [index, 'probability'],
    `probability at index ${index}`,
  )
  const expected = stageProbabilities.get(stage)
  if (expected === undefined) return null
  const difference = probability - expected
  // A relative slack of 1e-12 keeps exact decimal boundaries (0.6 vs 0.4 ± 0.2) unflagged.
  if (Math.abs(difference) <= tolerance * (1 + 1e-12) + 1e-15) return null
  return `probability ${formatPercent(probability)} % is ${formatPercent(Math.abs(difference))} points ${difference > 0 ? 'above' : 'below'} the ${stage} default of ${formatPercent(expected)} % (tolerance ${formatPercent(tolerance)} points)`
}

function amountChangeDetail(
  opportunity: Opportunity,
  index: number,
  tolerance: number,
): string | null {
  const history = requireHistory(opportunity.amountHistory, index, 'amountHistory')
  if (history.length < 2) {
    if (history.length === 1) requireHistoryEntry(history, index, 'amountHistory', 0)
    return null
  }
  let first: Decimal | null = null
  let last: Decimal | null = null
  for (let step = 0; step < history.length; step++) {
    const entry = requireHistoryEntry(history, index, 'amountHistory', step)
    const value = historyAmount(entry.value, index, step)
    if (step === 0) first = value
    last = value
  }
  const from = first as Decimal
  const to = last as Decimal
  const change = to.minus(from)
  if (from.isZero()) {
    if (change.isZero()) return null
    return `amount changed from 0 to ${to.toString()} (from zero)`
  }
  if (change.abs().lte(from.times(new MoneyDecimal(String(tolerance))))) return null
  const percent = change.div(from).times(100).toDecimalPlaces(2)
  return `amount changed from ${from.toString()} to ${to.toString()} (${percent.isPositive() ? '+' : ''}${percent.toString()} %; tolerance ${formatPercent(tolerance)} %)`
}

function historyAmount(value: unknown, index: number, step: number): Decimal {
  try {
    return toMoneyDecimal(value as never, { metric: METRIC, allowNegative: false }, 0)
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    throw new MetricInputError({
      code: error.code,
      metric: METRIC,
      path: [index, 'amountHistory', step, 'value'],
      message: `${METRIC}: amountHistory[${step}].value at index ${index} is ${describeValue(value)}; amounts must be finite decimal numbers ≥ 0`,
    })
  }
}

function requireHistory(
  history: unknown,
  index: number,
  field: 'closeDateHistory' | 'amountHistory',
): readonly unknown[] {
  if (Array.isArray(history)) return history
  return invalidField(index, field, history, 'an array of { at, value }, oldest first')
}

/** Entry `step` of a field history: an object with a valid `at`, in time order. */
function requireHistoryEntry(
  history: readonly unknown[],
  index: number,
  field: 'closeDateHistory' | 'amountHistory',
  step: number,
): { readonly at: Date; readonly value: unknown } {
  const row = history[step]
  const entry = (
    typeof row === 'object' && row !== null
      ? row
      : requireRecord(row, METRIC, [index, field, step], `${field}[${step}] at index ${index}`)
  ) as { readonly at: Date; readonly value: unknown }
  // Paths and labels are only built when a value is refused.
  const time = entry.at instanceof Date ? entry.at.getTime() : Number.NaN
  const at = Number.isNaN(time)
    ? requireInstant(
        entry.at,
        METRIC,
        [index, field, step, 'at'],
        `${field}[${step}].at at index ${index}`,
      )
    : time
  if (step > 0) {
    const previous = history[step - 1] as { readonly at?: unknown }
    const before = previous.at instanceof Date ? previous.at.getTime() : Number.NaN
    if (at < before) {
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric: METRIC,
        path: [index, field, step, 'at'],
        message: `${METRIC}: ${field} at index ${index} is not in time order at entry ${step}; list it oldest first`,
      })
    }
  }
  return entry
}

// ---------------------------------------------------------------------------------------
// Formatting and errors

function localDay(time: number, timeZone: string): number {
  return timeZone === 'UTC' ? Math.floor(time / DAY_MILLISECONDS) : localDayOf(time, timeZone)
}

/** `'YYYY-MM-DD'` of an epoch day. */
function formatDay(day: number): string {
  // Civil date of an epoch day by arithmetic (H. Hinnant's civil_from_days).
  const shifted = day + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const dayOfMonth = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  // ISO 8601 expanded years outside 0000–9999, as Date#toISOString writes them.
  const yearText =
    year >= 0 && year <= 9_999
      ? String(year).padStart(4, '0')
      : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`
  return `${yearText}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`
}

/**
 * Epoch day of a calendar date in `timeZone` (`readCalendarDate`), with its path only built
 * when the value is refused: field `field` of deal `index`, or entry `step` of that history.
 */
function calendarDay(
  value: unknown,
  timeZone: string,
  index: number,
  field: 'expectedCloseAt' | 'closeDateHistory',
  step: number | null,
): number {
  if (typeof value === 'string') {
    const day = epochDayOfText(value.length === 10 ? value : value.trim())
    if (!Number.isNaN(day)) return day
  } else if (value instanceof Date) {
    const time = value.getTime()
    if (!Number.isNaN(time)) return localDay(time, timeZone)
  }
  return readCalendarDate(
    value as CalendarDate,
    timeZone,
    METRIC,
    step === null ? [index, field] : [index, field, step, 'value'],
  )
}

/** A number of days with at most one decimal (`19`, `3.8`). */
function formatNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10
  return String(rounded === 0 ? 0 : rounded)
}

/** A fraction as percent points without float noise (`0.07` → `7`). */
function formatPercent(fraction: number): string {
  // Rounded to 10 decimals of a percent (0.07 * 100 is 7.000000000000001); toPrecision only
  // where that product would lose digits.
  const percent =
    Math.abs(fraction) < 1_000
      ? Math.round(fraction * 1e12) / 1e10
      : Number((fraction * 100).toPrecision(12))
  return String(percent === 0 ? 0 : percent)
}

/** `0.9` → `90th`. */
function ordinalPercent(fraction: number): string {
  const percent = formatPercent(fraction)
  const whole = Number(percent)
  if (!Number.isInteger(whole)) return `${percent}th`
  const lastTwo = whole % 100
  const suffix =
    lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][whole % 10] ?? 'th')
  return `${percent}${suffix}`
}

function plural(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? '' : 's'}`
}

function invalidOption(
  path: MetricInputPath,
  value: unknown,
  expected: string,
  verb = 'is',
): never {
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric: METRIC,
    path,
    message:
      verb === 'is'
        ? `${METRIC}: option ${path.join('.')} is ${describeValue(value)}; it must be ${expected}`
        : `${METRIC}: option ${path.join('.')} ${verb} ${expected}`,
  })
}

function invalidRecord(path: MetricInputPath, value: unknown, expected: string): never {
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric: METRIC,
    path,
    message: `${METRIC}: ${path.join('.')} is ${describeValue(value)}; it must be ${expected}`,
  })
}

function invalidField(index: number, field: string, value: unknown, expected: string): never {
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric: METRIC,
    path: [index, field],
    message: `${METRIC}: ${field} at index ${index} is ${describeValue(value)}; it must be ${expected}`,
  })
}
