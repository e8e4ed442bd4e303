import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  PIPELINE_HYGIENE_RULES,
  type PipelineHygieneRule,
  pipelineHygiene,
} from '../../src/index.js'
import type {
  PipelineHygieneOptions,
  PipelineHygieneRuleSettings,
} from '../../src/pipeline/pipelineHygiene.js'
import type { Activity } from '../../src/records/Activity.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const at = (iso: string) => new Date(iso)
const ASOF = at('2026-11-29T12:00:00Z')

/**
 * An open deal in Discovery since 2026-11-20 (amount 1000, close date 2026-12-15); a field
 * given as `undefined` in `extra` is left out.
 */
function open(
  id: string,
  ownerId: string,
  extra: { [K in keyof Opportunity]?: Opportunity[K] | undefined } = {},
): Opportunity {
  const deal: Record<string, unknown> = {
    id,
    ownerId,
    createdAt: at('2026-09-01T00:00:00Z'),
    amount: 1000,
    status: 'open',
    expectedCloseAt: '2026-12-15',
    stageHistory: [{ stage: 'Discovery', enteredAt: at('2026-11-20T00:00:00Z') }],
    ...extra,
  }
  for (const key of Object.keys(deal)) if (deal[key] === undefined) delete deal[key]
  return deal as unknown as Opportunity
}

/** A won deal that spent `days` days in Legal (a finished spell for stuck-in-stage). */
const wonAfterLegal = (id: string, days: number): Opportunity => ({
  id,
  ownerId: 'C',
  createdAt: at('2026-06-01T00:00:00Z'),
  amount: 99,
  status: 'won',
  closedAt: new Date(Date.UTC(2026, 5, 1 + days)),
  // Closed deals are never flagged: a past close date and no activity do not matter.
  expectedCloseAt: '2026-06-01',
  stageHistory: [{ stage: 'Legal', enteredAt: at('2026-06-01T00:00:00Z') }],
})

const activity = (id: string, when: string, link: Partial<Activity>): Activity => ({
  id,
  ownerId: 'A',
  type: 'call',
  at: at(when),
  ...link,
})

/*
 * The hand-worked pipeline (asOf 2026-11-29 12:00 UTC). Finished Legal spells 2, 4, 6 days
 * (three won deals): p90 by R type 7 = 4 + 0.8 × (6 − 4) = 5.6 days (minimumSpells: 3).
 * Stage defaults: Discovery 0.2.
 *
 * deal owner amount  what it has                                    flags (by hand)
 * o1   A      1000    activity on its account 'acme' 2 days ago      —
 * o2   A      2000    close 2026-10-31 (29 days before); 1 push      close-date-passed
 * o3   B      —       no amount                                      missing-amount
 * o4   B      4000    no close date                                  missing-close-date
 * o5   A      5000    last activity 2026-10-31 12:00 (29 days)       no-recent-activity
 * o6   B      6000    in Legal since 2026-11-10 12:00 (19 > 5.6)     stuck-in-stage
 * o7   A      7000    close dates 09-30 → 10-31 → 11-30 → 12-31      close-date-pushed (3)
 * o8   B      8000    p 0.4 vs 0.2 (= 20 points); amount 10000→8000  — (both exactly at tolerance)
 * o9   A      3000    amount 5000 → 3000 (−40 %)                     amount-changed
 * o10  B      1000    close 2026-11-28; no activity at all           close-date-passed, no-recent-activity
 * o11  B      2000    p 0.9 vs 0.2 (70 points)                       probability-off-stage
 * lost, 3 won: closed, ignored (they only give Legal its spells)
 *
 * Open amount 1000+2000+4000+5000+6000+7000+8000+3000+1000+2000 = 39000; clean o1 + o8 =
 * 9000; score 9000/39000 = 3/13; by count 2/11.
 * A: o1, o2, o5, o7, o9: open 18000, clean 1000 → 1/18; count 1/5.
 * B: o3, o4, o6, o8, o10, o11: open 21000 (o3 has none), clean 8000 → 8/21; count 1/6.
 */
function handWorked(): { deals: Opportunity[]; options: PipelineHygieneOptions } {
  const deals: Opportunity[] = [
    wonAfterLegal('w1', 2),
    open('o1', 'A', { accountId: 'acme' }),
    open('o2', 'A', {
      amount: 2000,
      expectedCloseAt: '2026-10-31',
      closeDateHistory: [
        { at: at('2026-09-01T00:00:00Z'), value: '2026-09-30' },
        { at: at('2026-10-01T00:00:00Z'), value: '2026-10-31' },
      ],
    }),
    open('o3', 'B', { amount: undefined }),
    open('o4', 'B', { amount: 4000, expectedCloseAt: undefined }),
    open('o5', 'A', { amount: 5000 }),
    wonAfterLegal('w2', 4),
    open('o6', 'B', {
      amount: 6000,
      stageHistory: [
        { stage: 'Discovery', enteredAt: at('2026-10-01T00:00:00Z') },
        { stage: 'Legal', enteredAt: at('2026-11-10T12:00:00Z') },
      ],
    }),
    open('o7', 'A', {
      amount: 7000,
      expectedCloseAt: '2026-12-31',
      closeDateHistory: [
        { at: at('2026-09-01T00:00:00Z'), value: '2026-09-30' },
        { at: at('2026-09-25T00:00:00Z'), value: '2026-10-31' },
        { at: at('2026-10-28T00:00:00Z'), value: '2026-11-30' },
        { at: at('2026-11-27T00:00:00Z'), value: '2026-12-31' },
      ],
    }),
    open('o8', 'B', {
      amount: 8000,
      probability: 0.4,
      amountHistory: [
        { at: at('2026-09-01T00:00:00Z'), value: 10000 },
        { at: at('2026-10-01T00:00:00Z'), value: '8000.00' },
      ],
    }),
    open('o9', 'A', {
      amount: 3000,
      amountHistory: [
        { at: at('2026-09-01T00:00:00Z'), value: 5000 },
        { at: at('2026-10-01T00:00:00Z'), value: 4000 },
        { at: at('2026-11-01T00:00:00Z'), value: 3000 },
      ],
    }),
    open('o10', 'B', { expectedCloseAt: '2026-11-28' }),
    open('o11', 'B', { amount: 2000, probability: 0.9 }),
    wonAfterLegal('w3', 6),
    {
      ...open('lost', 'A', { expectedCloseAt: '2026-01-01', amount: undefined }),
      status: 'lost',
      closedAt: at('2026-11-25T00:00:00Z'),
    },
  ]
  const recent = '2026-11-25T09:00:00Z'
  const activities: Activity[] = [
    activity('a1', '2026-11-27T12:00:00Z', { accountId: 'acme' }),
    ...['o2', 'o3', 'o4', 'o6', 'o7', 'o8', 'o9', 'o11'].map((id) =>
      activity(`act-${id}`, recent, { opportunityId: id }),
    ),
    activity('a5', '2026-10-31T12:00:00Z', { opportunityId: 'o5' }),
    // After asOf: does not count as recent.
    activity('a5-future', '2026-12-01T12:00:00Z', { opportunityId: 'o5' }),
  ]
  return {
    deals,
    options: {
      asOf: ASOF,
      activities,
      stageProbabilities: { Discovery: 0.2, Legal: 0.6 },
      rules: { 'stuck-in-stage': { minimumSpells: 3 } },
    },
  }
}

const flagsById = (result: ReturnType<typeof pipelineHygiene>) =>
  Object.fromEntries(result.deals.map((deal) => [deal.id, deal.flags.map((flag) => flag.rule)]))

describe('pipelineHygiene', () => {
  it('matches the documented example', () => {
    const deal = {
      id: 'd1',
      createdAt: new Date('2026-09-01'),
      amount: 1000,
      status: 'open' as const,
      stageHistory: [],
      expectedCloseAt: '2026-10-31',
    }
    // 2026-10-31 to 2026-11-29: 1 day left in October + 28 in November = 29 days.
    expect(
      pipelineHygiene([deal], { asOf: new Date('2026-11-29T12:00:00Z') }).deals[0]?.flags,
    ).toEqual([
      { rule: 'close-date-passed', detail: 'close date 2026-10-31 is 29 days before 2026-11-29' },
    ])
  })

  it('names the rules exactly as SPEC "Additions for 0.2" fixes them (documented example)', () => {
    // SPEC: close-date-passed, missing-amount, missing-close-date, no-recent-activity,
    // stuck-in-stage, close-date-pushed, probability-off-stage, amount-changed.
    expect(PIPELINE_HYGIENE_RULES.length).toBe(8)
    expect([...PIPELINE_HYGIENE_RULES]).toEqual([
      'close-date-passed',
      'missing-amount',
      'missing-close-date',
      'no-recent-activity',
      'stuck-in-stage',
      'close-date-pushed',
      'probability-off-stage',
      'amount-changed',
    ])
  })

  it('flags the hand-worked pipeline exactly where the hand count says', () => {
    const { deals, options } = handWorked()
    const result = pipelineHygiene(deals, options)
    expect(flagsById(result)).toEqual({
      o1: [],
      o2: ['close-date-passed'],
      o3: ['missing-amount'],
      o4: ['missing-close-date'],
      o5: ['no-recent-activity'],
      o6: ['stuck-in-stage'],
      o7: ['close-date-pushed'],
      o8: [],
      o9: ['amount-changed'],
      o10: ['close-date-passed', 'no-recent-activity'],
      o11: ['probability-off-stage'],
    })
    // Open deals only, in input order, with their owner and amount.
    expect(result.deals.map((deal) => deal.id)).toEqual([
      'o1',
      'o2',
      'o3',
      'o4',
      'o5',
      'o6',
      'o7',
      'o8',
      'o9',
      'o10',
      'o11',
    ])
    expect(result.deals[2]?.amount).toBeNull()
    expect(result.deals[7]?.amount?.toString()).toBe('8000')
    expect(result.deals[7]?.ownerId).toBe('B')
  })

  it('explains every flag with its numbers', () => {
    const { deals, options } = handWorked()
    const details = Object.fromEntries(
      pipelineHygiene(deals, options).deals.flatMap((deal) =>
        deal.flags.map((flag) => [`${deal.id} ${flag.rule}`, flag.detail]),
      ),
    )
    expect(details).toEqual({
      'o2 close-date-passed': 'close date 2026-10-31 is 29 days before 2026-11-29',
      'o3 missing-amount': 'amount is missing',
      'o4 missing-close-date': 'close date is missing',
      // 2026-10-31 12:00 → 2026-11-29 12:00 = 29 days.
      'o5 no-recent-activity':
        'no activity in the 14 days before 2026-11-29; last activity on 2026-10-31, 29 days before',
      // 2026-11-10 12:00 → 2026-11-29 12:00 = 19 days; spells 2, 4, 6 → p90 5.6.
      'o6 stuck-in-stage':
        'in stage Legal for 19 days; limit 5.6 days (the 90th percentile of 3 finished spells)',
      'o7 close-date-pushed':
        'close date pushed 3 times: 2026-09-30 → 2026-10-31 → 2026-11-30 → 2026-12-31',
      // (3000 − 5000) / 5000 = −40 %.
      'o9 amount-changed': 'amount changed from 5000 to 3000 (-40 %; tolerance 20 %)',
      'o10 close-date-passed': 'close date 2026-11-28 is 1 day before 2026-11-29',
      'o10 no-recent-activity': 'no activity logged on the deal up to 2026-11-29',
      // 0.9 − 0.2 = 0.7.
      'o11 probability-off-stage':
        'probability 90 % is 70 points above the Discovery default of 20 % (tolerance 20 points)',
    })
  })

  it('scores the share of open amount without a flag, overall and per owner', () => {
    const { deals, options } = handWorked()
    const result = pipelineHygiene(deals, options)
    // See the table above: 9000 / 39000 = 3/13 by amount, 2/11 by count.
    expect(result.score).toBeCloseTo(3 / 13, 14)
    expect(result.scoreByCount).toBeCloseTo(2 / 11, 14)
    expect([result.open, result.clean, result.flagged, result.withoutAmount]).toEqual([11, 2, 9, 1])
    expect(result.openAmount.toString()).toBe('39000')
    expect(result.cleanAmount.toString()).toBe('9000')
    expect(result.flaggedAmount.toString()).toBe('30000')
    expect(result.currency).toBeNull()
    expect(result.byOwner.map((row) => [row.group, row.period, row.n])).toEqual([
      ['A', null, 5],
      ['B', null, 6],
    ])
    const [a, b] = result.byOwner
    expect(a?.result.score).toBeCloseTo(1 / 18, 14)
    expect(a?.result.scoreByCount).toBeCloseTo(1 / 5, 14)
    expect(a?.result.openAmount.toString()).toBe('18000')
    expect(b?.result.score).toBeCloseTo(8 / 21, 14)
    expect(b?.result.scoreByCount).toBeCloseTo(1 / 6, 14)
    expect(b?.result.withoutAmount).toBe(1)
    expect(b?.result.flaggedAmount.toString()).toBe('13000') // 4000 + 6000 + 1000 + 2000
  })

  it('sums each rule’s flags and amounts, and says which rules ran', () => {
    const { deals, options } = handWorked()
    const summary = pipelineHygiene(deals, options).rules.map((rule) => [
      rule.rule,
      rule.enabled,
      rule.flagged,
      rule.flaggedAmount.toString(),
    ])
    expect(summary).toEqual([
      ['close-date-passed', true, 2, '3000'], // o2 2000 + o10 1000
      ['missing-amount', true, 1, '0'], // o3 has no amount
      ['missing-close-date', true, 1, '4000'],
      ['no-recent-activity', true, 2, '6000'], // o5 5000 + o10 1000
      ['stuck-in-stage', true, 1, '6000'],
      ['close-date-pushed', true, 1, '7000'],
      ['probability-off-stage', true, 1, '2000'],
      ['amount-changed', true, 1, '3000'],
    ])
  })

  it('turns off no-recent-activity and probability-off-stage without their data, and says so', () => {
    const { deals, options } = handWorked()
    const { activities: _a, stageProbabilities: _s, ...rest } = options
    const result = pipelineHygiene(deals, rest)
    const off = result.rules.filter((rule) => !rule.enabled)
    expect(off.map((rule) => [rule.rule, rule.reason, rule.flagged])).toEqual([
      ['no-recent-activity', 'no activities given', 0],
      ['probability-off-stage', 'no stageProbabilities given', 0],
    ])
    expect(flagsById(result).o5).toEqual([])
    expect(flagsById(result).o10).toEqual(['close-date-passed'])
    expect(flagsById(result).o11).toEqual([])
  })

  it('switches each rule off on its own and leaves the others', () => {
    const { deals, options } = handWorked()
    const all = flagsById(pipelineHygiene(deals, options))
    for (const rule of PIPELINE_HYGIENE_RULES) {
      const rules = { ...options.rules, [rule]: false } as PipelineHygieneRuleSettings
      const result = pipelineHygiene(deals, { ...options, rules })
      const expected = Object.fromEntries(
        Object.entries(all).map(([id, flags]) => [id, flags.filter((flag) => flag !== rule)]),
      )
      expect(flagsById(result), rule).toEqual(expected)
      const summary = result.rules.find((entry) => entry.rule === rule)
      expect([summary?.enabled, summary?.reason, summary?.flagged], rule).toEqual([
        false,
        'switched off',
        0,
      ])
    }
  })

  it('reads the thresholds of each rule', () => {
    const { deals, options } = handWorked()
    const flagsWith = (rules: PipelineHygieneRuleSettings) =>
      flagsById(pipelineHygiene(deals, { ...options, rules: { ...options.rules, ...rules } }))
    // o5's last activity is 29 days old: within 30 days it is recent.
    expect(flagsWith({ 'no-recent-activity': { withinDays: 30 } }).o5).toEqual([])
    // Activities 4 days old (2026-11-25 09:00 → 11-29 12:00 = 4.125 days) are stale within 4 days.
    expect(flagsWith({ 'no-recent-activity': { withinDays: 4 } }).o2).toEqual([
      'close-date-passed',
      'no-recent-activity',
    ])
    // o2 has one push, o7 three: with minimumPushes 1 both are flagged, with 4 neither.
    expect(flagsWith({ 'close-date-pushed': { minimumPushes: 1 } }).o2).toContain(
      'close-date-pushed',
    )
    expect(flagsWith({ 'close-date-pushed': { minimumPushes: 4 } }).o7).toEqual([])
    // o9 changed 40 %: not flagged with tolerance 0.4 (boundary) but with 0.39.
    expect(flagsWith({ 'amount-changed': { tolerance: 0.4 } }).o9).toEqual([])
    expect(flagsWith({ 'amount-changed': { tolerance: 0.39 } }).o9).toEqual(['amount-changed'])
    // o8 changed 20 % (10000 → 8000): flagged with tolerance 0.1.
    expect(flagsWith({ 'amount-changed': { tolerance: 0.1 } }).o8).toEqual(['amount-changed'])
    // o8's probability is 20 points off: flagged with tolerance 0.19, o11 (70 points) not with 0.7.
    expect(flagsWith({ 'probability-off-stage': { tolerance: 0.19 } }).o8).toEqual([
      'probability-off-stage',
    ])
    expect(flagsWith({ 'probability-off-stage': { tolerance: 0.7 } }).o11).toEqual([])
    // Spells 2, 4, 6: the median (type 7) is 4; an explicit Legal limit of 20 days wins.
    expect(
      flagsWith({ 'stuck-in-stage': { minimumSpells: 3, stageDays: { Legal: 20 } } }).o6,
    ).toEqual([])
    expect(flagsWith({ 'stuck-in-stage': { minimumSpells: 4 } }).o6).toEqual([]) // only 3 spells
    // Discovery has no finished spell; a limit of 8 days flags every deal there 9+ days (since 11-20).
    const discovery = flagsWith({
      'stuck-in-stage': { minimumSpells: 3, stageDays: { Discovery: 8 } },
    })
    expect(discovery.o1).toEqual(['stuck-in-stage'])
  })

  it('names the quantile and the explicit limit in the stuck-in-stage detail', () => {
    const { deals, options } = handWorked()
    const detail = (stuck: NonNullable<PipelineHygieneRuleSettings['stuck-in-stage']>) =>
      pipelineHygiene(deals, { ...options, rules: { 'stuck-in-stage': stuck } }).deals.find(
        (deal) => deal.id === 'o6',
      )?.flags[0]?.detail
    expect(detail({ minimumSpells: 3, quantile: 0.5 })).toBe(
      'in stage Legal for 19 days; limit 4 days (the 50th percentile of 3 finished spells)',
    )
    expect(detail({ stageDays: { Legal: 10.5 } })).toBe(
      'in stage Legal for 19 days; limit 10.5 days (the limit set for the stage)',
    )
  })

  it('counts only moves to a later date as pushes', () => {
    const history = (...dates: string[]) =>
      dates.map((value, k) => ({ at: new Date(Date.UTC(2026, 0, 1 + k)), value }))
    const deal = (...dates: string[]) => open('x', 'A', { closeDateHistory: history(...dates) })
    const pushes = (...dates: string[]) =>
      pipelineHygiene([deal(...dates)], {
        asOf: ASOF,
        rules: { 'close-date-pushed': { minimumPushes: 1 } },
      }).deals[0]?.flags.find((flag) => flag.rule === 'close-date-pushed')?.detail ?? null
    // Pulled in (12-31 → 12-01) then pushed twice: 2 pushes; an unchanged entry is no move.
    expect(pushes('2026-12-31', '2026-12-01', '2026-12-01', '2026-12-15', '2027-01-15')).toBe(
      'close date pushed 2 times: 2026-12-31 → 2026-12-01 → 2026-12-15 → 2027-01-15',
    )
    expect(pushes('2026-12-31')).toBeNull()
    expect(pushes()).toBeNull()
    expect(pushes('2026-12-31', '2026-12-01')).toBeNull()
  })

  it('matches activities by opportunity id or account, at or before asOf', () => {
    const deals = [open('d', 'A', { accountId: 'acct' })]
    const run = (activities: Activity[]) =>
      pipelineHygiene(deals, { asOf: ASOF, activities }).deals[0]?.flags.map((flag) => flag.rule)
    // Exactly 14 days before asOf is still within the window.
    expect(run([activity('x', '2026-11-15T12:00:00Z', { opportunityId: 'd' })])).toEqual([])
    expect(run([activity('x', '2026-11-15T11:59:59Z', { opportunityId: 'd' })])).toEqual([
      'no-recent-activity',
    ])
    expect(run([activity('x', '2026-11-28T00:00:00Z', { accountId: 'acct' })])).toEqual([])
    expect(run([activity('x', '2026-11-28T00:00:00Z', { accountId: 'other' })])).toEqual([
      'no-recent-activity',
    ])
    expect(run([activity('x', '2026-11-30T00:00:00Z', { opportunityId: 'd' })])).toEqual([
      'no-recent-activity',
    ])
    expect(run([])).toEqual(['no-recent-activity'])
  })

  it('treats a change from a zero amount as a change and two zeros as none', () => {
    const deal = (...values: number[]) =>
      open('z', 'A', {
        amountHistory: values.map((value, k) => ({
          at: new Date(Date.UTC(2026, 0, 1 + k)),
          value,
        })),
      })
    const details = (deal: Opportunity) =>
      pipelineHygiene([deal], { asOf: ASOF }).deals[0]?.flags.map((flag) => flag.detail)
    expect(details(deal(0, 500))).toEqual(['amount changed from 0 to 500 (from zero)'])
    expect(details(deal(0, 0))).toEqual([])
    // (1250 − 1000) / 1000 = +25 %.
    expect(details(deal(1000, 1250))).toEqual([
      'amount changed from 1000 to 1250 (+25 %; tolerance 20 %)',
    ])
    expect(details(deal(1000))).toEqual([])
  })

  it('returns empty results for no deals and for closed deals only', () => {
    for (const deals of [[], [wonAfterLegal('w', 3)]]) {
      const result = pipelineHygiene(deals, { asOf: ASOF })
      expect(result.deals).toEqual([])
      expect([result.score, result.scoreByCount, result.open]).toEqual([null, null, 0])
      expect(result.openAmount.toString()).toBe('0')
      expect(result.byOwner).toEqual([])
      expect(result.rules.map((rule) => rule.flagged)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    }
  })

  it('scores one clean deal 1, and by count only when no deal has an amount', () => {
    const clean = pipelineHygiene([open('a', 'A')], { asOf: ASOF })
    expect([clean.score, clean.scoreByCount]).toEqual([1, 1])
    expect(clean.byOwner[0]?.result.score).toBe(1)
    const noAmount = pipelineHygiene([open('a', 'A', { amount: undefined })], {
      asOf: ASOF,
      rules: { 'missing-amount': false },
    })
    // No open amount: score null; the one deal is clean by count.
    expect([noAmount.score, noAmount.scoreByCount]).toEqual([null, 1])
    const zero = pipelineHygiene([open('a', 'A', { amount: 0 })], { asOf: ASOF })
    expect([zero.score, zero.scoreByCount]).toEqual([null, 1])
  })

  it('groups deals without an owner under null', () => {
    const { ownerId: _o, ...ownerless } = open('a', 'A')
    const result = pipelineHygiene([ownerless, open('b', 'B')], { asOf: ASOF })
    expect(result.deals[0]?.ownerId).toBeNull()
    expect(result.byOwner.map((row) => row.group)).toEqual([null, 'B'])
  })

  it('reads close dates as calendar dates in timeZone, whatever the host zone', () => {
    const passed = (deal: Opportunity, asOf: Date, timeZone?: string) =>
      pipelineHygiene([deal], {
        asOf,
        ...(timeZone === undefined ? {} : { timeZone }),
      }).deals[0]?.flags.map((flag) => flag.detail)
    // A Date close date: 2026-11-29 07:30 UTC is 2026-11-28 23:30 in Los Angeles (UTC−8);
    // asOf 2026-11-29 09:00 UTC is 2026-11-29 01:00 there. Passed in LA, not in UTC.
    const dateClose = open('d', 'A', { expectedCloseAt: at('2026-11-29T07:30:00Z') })
    expect(passed(dateClose, at('2026-11-29T09:00:00Z'), 'America/Los_Angeles')).toEqual([
      'close date 2026-11-28 is 1 day before 2026-11-29',
    ])
    expect(passed(dateClose, at('2026-11-29T09:00:00Z'))).toEqual([])
    // A text close date 2026-11-28 and asOf 2026-11-29 05:00 UTC (= 11-28 21:00 in LA).
    const textClose = open('t', 'A', { expectedCloseAt: '2026-11-28' })
    expect(passed(textClose, at('2026-11-29T05:00:00Z'))).toEqual([
      'close date 2026-11-28 is 1 day before 2026-11-29',
    ])
    expect(passed(textClose, at('2026-11-29T05:00:00Z'), 'America/Los_Angeles')).toEqual([])
    // DST: Los Angeles leaves daylight time on 2026-11-01. asOf 2026-11-02 07:30 UTC is
    // 2026-11-01 23:30 PST, so a close date of 2026-11-01 has not passed there yet.
    const dst = open('s', 'A', { expectedCloseAt: '2026-11-01' })
    expect(passed(dst, at('2026-11-02T07:30:00Z'), 'America/Los_Angeles')).toEqual([])
    expect(passed(dst, at('2026-11-02T08:00:00Z'), 'America/Los_Angeles')).toEqual([
      'close date 2026-11-01 is 1 day before 2026-11-02',
    ])
    expect(passed(dst, at('2026-11-02T07:30:00Z'))).toEqual([
      'close date 2026-11-01 is 1 day before 2026-11-02',
    ])
  })

  it('keeps money exact and refuses mixed currencies', () => {
    const deals = [
      open('a', 'A', { amount: 0.1, currency: 'EUR' }),
      open('b', 'A', { amount: '0.2', currency: 'EUR', expectedCloseAt: '2026-01-01' }),
      open('c', 'A', { amount: 0.3 }),
    ]
    const result = pipelineHygiene(deals, { asOf: ASOF })
    // 0.1 + 0.2 + 0.3 = 0.6 exactly; clean 0.1 + 0.3 = 0.4; score 0.4 / 0.6 = 2/3.
    expect(result.openAmount.toString()).toBe('0.6')
    expect(result.cleanAmount.toString()).toBe('0.4')
    expect(result.score).toBeCloseTo(2 / 3, 15)
    expect(result.currency).toBe('EUR')
    expectMetricError(
      () => pipelineHygiene([...deals, open('d', 'A', { currency: 'USD' })], { asOf: ASOF }),
      'CURRENCY_MISMATCH',
      { path: [3, 'currency'], metric: 'pipelineHygiene' },
    )
    // A closed deal in another currency is not summed and conflicts with nothing.
    const closed = { ...wonAfterLegal('w', 2), currency: 'USD' }
    expect(pipelineHygiene([...deals, closed], { asOf: ASOF }).currency).toBe('EUR')
  })

  it('refuses bad options with INVALID_OPTION at the option', () => {
    const deals = [open('a', 'A')]
    const cases: [unknown, (string | number)[]][] = [
      [null, []],
      [{ asOf: ASOF, timeZone: 'Mars/Base' }, ['timeZone']],
      [{ asOf: ASOF, rules: [] }, ['rules']],
      [{ asOf: ASOF, rules: { 'no-such-rule': true } }, ['rules', 'no-such-rule']],
      [{ asOf: ASOF, rules: { 'missing-amount': 'yes' } }, ['rules', 'missing-amount']],
      [
        { asOf: ASOF, rules: { 'missing-amount': { tolerance: 1 } } },
        ['rules', 'missing-amount', 'tolerance'],
      ],
      [
        { asOf: ASOF, rules: { 'amount-changed': { tolerance: -0.1 } } },
        ['rules', 'amount-changed', 'tolerance'],
      ],
      [
        { asOf: ASOF, rules: { 'amount-changed': { tolerance: '0.2' } } },
        ['rules', 'amount-changed', 'tolerance'],
      ],
      [
        { asOf: ASOF, rules: { 'probability-off-stage': { tolerance: Number.NaN } } },
        ['rules', 'probability-off-stage', 'tolerance'],
      ],
      [
        { asOf: ASOF, rules: { 'close-date-pushed': { minimumPushes: 0 } } },
        ['rules', 'close-date-pushed', 'minimumPushes'],
      ],
      [
        { asOf: ASOF, rules: { 'close-date-pushed': { minimumPushes: 1.5 } } },
        ['rules', 'close-date-pushed', 'minimumPushes'],
      ],
      [
        { asOf: ASOF, rules: { 'no-recent-activity': { withinDays: -1 } } },
        ['rules', 'no-recent-activity', 'withinDays'],
      ],
      [
        { asOf: ASOF, rules: { 'stuck-in-stage': { quantile: 90 } } },
        ['rules', 'stuck-in-stage', 'quantile'],
      ],
      [
        { asOf: ASOF, rules: { 'stuck-in-stage': { minimumSpells: -1 } } },
        ['rules', 'stuck-in-stage', 'minimumSpells'],
      ],
      [
        { asOf: ASOF, rules: { 'stuck-in-stage': { stageDays: { Legal: -2 } } } },
        ['rules', 'stuck-in-stage', 'stageDays', 'Legal'],
      ],
      [{ asOf: ASOF, stageProbabilities: { Discovery: 20 } }, ['stageProbabilities', 'Discovery']],
      [{ asOf: ASOF, stageProbabilities: 'x' }, ['stageProbabilities']],
      [{ asOf: ASOF, activities: {} }, ['activities']],
    ]
    for (const [options, path] of cases) {
      expectMetricError(
        () => pipelineHygiene(deals, options as PipelineHygieneOptions),
        'INVALID_OPTION',
        { path, metric: 'pipelineHygiene' },
      )
    }
    expectMetricError(() => pipelineHygiene(deals, { asOf: new Date('x') }), 'INVALID_DATE', {
      path: ['asOf'],
      metric: 'pipelineHygiene',
    })
  })

  it('refuses bad data with a path into it', () => {
    const run =
      (deal: Opportunity, options: Partial<PipelineHygieneOptions> = {}) =>
      () =>
        pipelineHygiene([open('ok', 'A'), deal], { asOf: ASOF, ...options })
    expectMetricError(run(open('x', 'A', { expectedCloseAt: '2026-02-30' })), 'INVALID_DATE', {
      path: [1, 'expectedCloseAt'],
    })
    expectMetricError(run(open('x', 'A', { amount: -5 })), 'NEGATIVE_VALUE', {
      path: [1, 'amount'],
    })
    expectMetricError(
      run({ ...open('x', 'A'), status: 'pending' as never }),
      'VALUE_OUT_OF_RANGE',
      {
        path: [1, 'status'],
      },
    )
    expectMetricError(run(open('x', 'A', { ownerId: 7 as never })), 'INVALID_RECORD', {
      path: [1, 'ownerId'],
    })
    expectMetricError(
      run(
        open('x', 'A', {
          closeDateHistory: [
            { at: at('2026-01-02'), value: '2026-03-01' },
            { at: at('2026-01-01'), value: '2026-04-01' },
          ],
        }),
      ),
      'END_BEFORE_START',
      { path: [1, 'closeDateHistory', 1, 'at'] },
    )
    expectMetricError(
      run(open('x', 'A', { closeDateHistory: [{ at: at('2026-01-02'), value: 'soon' }] })),
      'INVALID_DATE',
      { path: [1, 'closeDateHistory', 0, 'value'] },
    )
    expectMetricError(
      run(
        open('x', 'A', {
          amountHistory: [
            { at: at('2026-01-01'), value: 5 },
            { at: at('2026-01-02'), value: -1 },
          ],
        }),
      ),
      'NEGATIVE_VALUE',
      { path: [1, 'amountHistory', 1, 'value'] },
    )
    expectMetricError(run(open('x', 'A', { amountHistory: 'x' as never })), 'INVALID_RECORD', {
      path: [1, 'amountHistory'],
    })
    expectMetricError(
      run(open('x', 'A', { probability: 40 }), { stageProbabilities: { Discovery: 0.2 } }),
      'RATE_OUT_OF_RANGE',
      { path: [1, 'probability'] },
    )
    expectMetricError(
      run(open('x', 'A'), { activities: [activity('a', 'not a date', { opportunityId: 'x' })] }),
      'INVALID_DATE',
      { path: ['activities', 0, 'at'] },
    )
    expectMetricError(
      run(open('x', 'A'), {
        activities: [{ ...activity('a', '2026-11-01', {}), opportunityId: 5 as never }],
      }),
      'INVALID_RECORD',
      { path: ['activities', 0, 'opportunityId'] },
    )
    expectMetricError(
      () => pipelineHygiene('deals' as never, { asOf: ASOF }),
      'VALUE_OUT_OF_RANGE',
      {
        path: [],
      },
    )
  })

  it('does not change its input', () => {
    const { deals, options } = handWorked()
    const before = JSON.stringify([deals, options])
    pipelineHygiene(deals, options)
    expect(JSON.stringify([deals, options])).toBe(before)
  })
})

describe('pipelineHygiene properties', () => {
  const stages = ['Discovery', 'Legal'] as const
  const dayText = (offset: number) =>
    new Date(Date.UTC(2026, 10, 1) + offset * 86_400_000).toISOString().slice(0, 10)
  const dealArbitrary = fc.record({
    status: fc.constantFrom('open', 'open', 'open', 'won', 'lost'),
    owner: fc.constantFrom('A', 'B', 'C'),
    amount: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    close: fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined }),
    pushes: fc.array(fc.integer({ min: -60, max: 60 }), { maxLength: 4 }),
    amounts: fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 3 }),
    stage: fc.constantFrom(...stages),
    enteredDaysAgo: fc.integer({ min: 0, max: 40 }),
    probability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    activityDaysAgo: fc.option(fc.integer({ min: -5, max: 40 }), { nil: undefined }),
  })
  const ASOF_P = at('2026-11-29T12:00:00Z')
  type Row = typeof dealArbitrary extends fc.Arbitrary<infer T> ? T : never
  function build(rows: Row[]): {
    deals: Opportunity[]
    activities: Activity[]
  } {
    const deals: Opportunity[] = []
    const activities: Activity[] = []
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k] as Row
      const entered = new Date(ASOF_P.getTime() - row.enteredDaysAgo * 86_400_000)
      const id = `d${k}`
      deals.push({
        id,
        ownerId: row.owner,
        createdAt: at('2026-01-01T00:00:00Z'),
        status: row.status,
        ...(row.status === 'open' ? {} : { closedAt: ASOF_P }),
        ...(row.amount === undefined ? {} : { amount: row.amount }),
        ...(row.close === undefined ? {} : { expectedCloseAt: dayText(row.close) }),
        closeDateHistory: row.pushes.map((offset, step) => ({
          at: new Date(Date.UTC(2026, 0, 1 + step)),
          value: dayText(offset),
        })),
        amountHistory: row.amounts.map((value, step) => ({
          at: new Date(Date.UTC(2026, 0, 1 + step)),
          value,
        })),
        ...(row.probability === undefined ? {} : { probability: row.probability / 100 }),
        stageHistory: [{ stage: row.stage, enteredAt: entered }],
      })
      if (row.activityDaysAgo !== undefined)
        activities.push({
          id: `a${k}`,
          ownerId: row.owner,
          type: 'call',
          at: new Date(ASOF_P.getTime() - row.activityDaysAgo * 86_400_000),
          opportunityId: id,
        })
    }
    return { deals, activities }
  }
  const optionsFor = (activities: Activity[], rules?: PipelineHygieneRuleSettings) => ({
    asOf: ASOF_P,
    activities,
    stageProbabilities: { Discovery: 0.2, Legal: 0.6 },
    rules: { 'stuck-in-stage': { minimumSpells: 1 }, ...rules },
  })
  const flagSet = (result: ReturnType<typeof pipelineHygiene>) =>
    new Map(result.deals.map((deal) => [deal.id, deal.flags.map((flag) => flag.rule).join(',')]))

  it('does not depend on the order of deals or activities', () => {
    fc.assert(
      fc.property(
        fc.array(dealArbitrary, { maxLength: 25 }),
        fc.infiniteStream(fc.nat()),
        (rows, stream) => {
          const { deals, activities } = build(rows)
          const order = deals
            .map((_, k) => [stream.next().value, k] as const)
            .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          const shuffled = order.map(([, k]) => deals[k] as Opportunity)
          const one = pipelineHygiene(deals, optionsFor(activities))
          const two = pipelineHygiene(shuffled, optionsFor([...activities].reverse()))
          expect(flagSet(two)).toEqual(flagSet(one))
          expect(two.score).toBe(one.score)
          expect(two.scoreByCount).toBe(one.scoreByCount)
          expect(two.openAmount.toString()).toBe(one.openAmount.toString())
          expect(two.rules).toEqual(one.rules)
          const byGroup = (result: typeof one) =>
            new Map(result.byOwner.map((row) => [row.group, row.result.score]))
          expect(byGroup(two)).toEqual(byGroup(one))
        },
      ),
    )
  })

  it('keeps every score in [0, 1] and the counts consistent', () => {
    fc.assert(
      fc.property(fc.array(dealArbitrary, { maxLength: 25 }), (rows) => {
        const { deals, activities } = build(rows)
        const result = pipelineHygiene(deals, optionsFor(activities))
        for (const score of [result, ...result.byOwner.map((row) => row.result)]) {
          for (const value of [score.score, score.scoreByCount]) {
            if (value !== null) {
              expect(value).toBeGreaterThanOrEqual(0)
              expect(value).toBeLessThanOrEqual(1)
            }
          }
          expect(score.clean + score.flagged).toBe(score.open)
          expect(score.cleanAmount.plus(score.flaggedAmount).eq(score.openAmount)).toBe(true)
        }
        expect(result.open).toBe(rows.filter((row) => row.status === 'open').length)
      }),
    )
  })

  it('writes the dates in a detail as the calendar has them, in any year', () => {
    // Reference: Date#toISOString (the engine's proleptic Gregorian calendar), not the library.
    const DAY = 86_400_000
    const lastDay = 8.64e15 / DAY // 275760-09-13, the last day a Date holds
    const asOf = new Date(8.64e15)
    fc.assert(
      fc.property(fc.integer({ min: -lastDay, max: lastDay - 1 }), fc.boolean(), (day, asText) => {
        const text = new Date(day * DAY).toISOString().slice(0, -14)
        // Text close dates exist for years 0000–9999 only; otherwise give a Date at 01:00 UTC.
        const textual = asText && /^\d{4}-/.test(text)
        const deal = open('x', 'A', {
          expectedCloseAt: textual ? text : new Date(day * DAY + 3_600_000),
        })
        const detail = pipelineHygiene([deal], { asOf }).deals[0]?.flags[0]?.detail
        const days = lastDay - day
        expect(detail).toBe(
          `close date ${text} is ${days} day${days === 1 ? '' : 's'} before +275760-09-13`,
        )
      }),
    )
  })

  it('never adds a flag when a rule is turned off', () => {
    fc.assert(
      fc.property(
        fc.array(dealArbitrary, { maxLength: 25 }),
        fc.subarray([...PIPELINE_HYGIENE_RULES]),
        (rows, off) => {
          const { deals, activities } = build(rows)
          const all = pipelineHygiene(deals, optionsFor(activities))
          const rules: Record<string, unknown> = {}
          for (const rule of off) rules[rule] = false
          const fewer = pipelineHygiene(
            deals,
            optionsFor(activities, rules as PipelineHygieneRuleSettings),
          )
          const allFlags = new Map(all.deals.map((deal) => [deal.id, deal.flags]))
          for (const deal of fewer.deals) {
            const before = allFlags.get(deal.id) ?? []
            // Exactly the flags of the rules left on, with the same details.
            expect(deal.flags).toEqual(
              before.filter((flag) => !off.includes(flag.rule as PipelineHygieneRule)),
            )
          }
          expect(fewer.score === null || all.score === null || fewer.score >= all.score).toBe(true)
        },
      ),
    )
  })
})
