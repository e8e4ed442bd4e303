import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Lead } from '../../src/records/Lead.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import {
  REP_OUTCOME_RATE_NAMES,
  type RepOutcomeRate,
  repOutcomeRates,
} from '../../src/scorecards/repOutcomeRates.js'
import { expectMetricError } from '../helpers.js'
import { ACTIVITIES, activity, DEALS, day, deal, LEADS, lead } from './smallTeam.js'

const relative = (actual: number | null | undefined, expected: number) =>
  Math.abs((actual as number) - expected) / Math.abs(expected)

describe('repOutcomeRates', () => {
  it('matches the documented example', () => {
    const deal = (id: string, ownerId: string, status: 'won' | 'lost') => ({
      id,
      ownerId,
      status,
      createdAt: new Date('2026-01-05'),
      closedAt: new Date('2026-02-10'),
      stageHistory: [],
    })
    const opportunities = [
      deal('a1', 'ana', 'won'),
      deal('a2', 'ana', 'won'),
      deal('b1', 'ben', 'won'),
      deal('b2', 'ben', 'lost'),
      deal('b3', 'ben', 'lost'),
    ]
    const activities = [
      {
        id: 'p1',
        ownerId: 'ben',
        type: 'proposal-sent',
        at: new Date('2026-01-20'),
        opportunityId: 'b1',
      },
    ]
    const { rows, team } = repOutcomeRates({ opportunities, activities })
    // ana 2 of 2, ben 1 of 3; only b1 has a proposal; team 3 of 5.
    expect(
      rows.map((row) => [row.group, row.result.winRate?.rate, row.result.proposalsToWin?.trials]),
    ).toEqual([
      ['ana', 1, 0],
      ['ben', 0.3333333333333333, 1],
    ])
    expect(team.winRate?.pooledRate).toBe(0.6)
    expect(rows[0]?.result.leadConversionRate).toBeNull()
    expect(REP_OUTCOME_RATE_NAMES).toEqual([
      'leadConversionRate',
      'leadContactRate',
      'winRate',
      'proposalsToWin',
    ])
  })

  it('counts every rate of the small team worked by hand', () => {
    const { rows, team } = repOutcomeRates({
      leads: LEADS,
      opportunities: DEALS,
      activities: ACTIVITIES,
    })
    expect(rows.map((row) => row.group)).toEqual(['ana', 'ben', 'cy'])
    const counts = (name: (typeof REP_OUTCOME_RATE_NAMES)[number]) =>
      rows.map((row) => [row.result[name]?.successes, row.result[name]?.trials])
    expect(counts('leadConversionRate')).toEqual([
      [3, 4],
      [1, 4],
      [0, 2],
    ])
    expect(counts('leadContactRate')).toEqual([
      [4, 4],
      [2, 4],
      [1, 2],
    ])
    expect(counts('winRate')).toEqual([
      [8, 10],
      [3, 10],
      [2, 2],
    ])
    expect(counts('proposalsToWin')).toEqual([
      [3, 4],
      [1, 2],
      [0, 0],
    ])
    // n = leads + decided deals: ana 4 + 10, ben 4 + 10, cy 2 + 2.
    expect(rows.map((row) => row.n)).toEqual([14, 14, 4])
    expect(rows.every((row) => row.period === null)).toBe(true)
    // Team: pooled counts (the unowned lead and deal are nobody's).
    expect(team.winRate).toMatchObject({ successes: 13, trials: 22 })
    expect(team.winRate?.pooledRate).toBe(13 / 22)
  })

  it('shrinks lead conversion by the moment fit worked by hand', () => {
    // 3/4, 1/4, 0/2: N = 10, p̂ = 0.4, S = Σ sᵢ²/nᵢ − N p̂² = 2.25 + 0.25 + 0 − 1.6 = 0.9;
    // p̂(1 − p̂) = 0.24, S / 0.24 = 3.75; Σnᵢ²/N = (16 + 16 + 4)/10 = 3.6;
    // ρ = (3.75 − 2) / (10 − 3.6 − 2) = 1.75 / 4.4 = 35/88; α + β = 88/35 − 1 = 53/35;
    // α = 0.4 · 53/35 = 106/175, β = 159/175.
    // shrunk: ana (3 + 106/175)/(4 + 53/35) = 631/965; ben 281/965; cy (106/175)/(2 + 53/35) = 106/615.
    const { rows, team } = repOutcomeRates({ leads: LEADS })
    const rates = rows.map((row) => row.result.leadConversionRate as RepOutcomeRate)
    expect(relative(team.leadConversionRate?.prior?.alpha, 106 / 175)).toBeLessThan(1e-12)
    expect(relative(team.leadConversionRate?.prior?.beta, 159 / 175)).toBeLessThan(1e-12)
    expect(relative(rates[0]?.shrunk, 631 / 965)).toBeLessThan(1e-12)
    expect(relative(rates[1]?.shrunk, 281 / 965)).toBeLessThan(1e-12)
    expect(relative(rates[2]?.shrunk, 106 / 615)).toBeLessThan(1e-12)
    // Posterior Beta intervals from scipy.stats.beta.ppf (test/reference/rep_outcome_rates.py).
    expect(relative(rates[0]?.lower, 0.2569653679464104)).toBeLessThan(1e-9)
    expect(relative(rates[0]?.upper, 0.9482009031833026)).toBeLessThan(1e-9)
    expect(relative(rates[2]?.lower, 0.0006926578689897979)).toBeLessThan(1e-9)
    expect(rates.map((rate) => rate.rank)).toEqual([1, 2, 3])
    // Team: 4 of 10 with scipy's Wilson interval.
    expect(team.leadConversionRate?.pooledRate).toBe(0.4)
    expect(relative(team.leadConversionRate?.lower, 0.16818032970623614)).toBeLessThan(1e-12)
    expect(relative(team.leadConversionRate?.upper, 0.6873262302663417)).toBeLessThan(1e-12)
    // Without opportunities, the deal rates are null (not given), for the team too.
    expect(rows[0]?.result.winRate).toBeNull()
    expect(team.proposalsToWin).toBeNull()
  })

  it('ranks 1 of 2 above 2 of 4 in contact rate: the smaller sample sits nearer the team rate', () => {
    // 4/4, 2/4, 1/2: p̂ = 0.7, S = 4 + 1 + 0.5 − 4.9 = 0.6, S/0.21 = 2.857143;
    // ρ = (2.857143 − 2)/4.4 = 15/77; α + β = 62/15; α = 217/75, β = 31/25.
    // ben (2 + 217/75)/(4 + 62/15) = 367/610 = 0.6016; cy (1 + 217/75)/(2 + 62/15) = 73/115 = 0.6348.
    const { rows } = repOutcomeRates({ leads: LEADS })
    const rates = rows.map((row) => row.result.leadContactRate as RepOutcomeRate)
    expect(relative(rates[1]?.shrunk, 367 / 610)).toBeLessThan(1e-12)
    expect(relative(rates[2]?.shrunk, 73 / 115)).toBeLessThan(1e-12)
    expect(rates.map((rate) => rate.rank)).toEqual([1, 3, 2])
  })

  it('shrinks win rate and falls back to the pooled rate for proposals-to-win (no spread)', () => {
    const { rows, team } = repOutcomeRates({ opportunities: DEALS, activities: ACTIVITIES })
    // Win rate 8/10, 3/10, 2/2: p̂ = 13/22, ρ = 15103/34515 (rep_outcome_rates.py, exact);
    // α = 126178/166133, β = 87354/166133.
    expect(relative(team.winRate?.prior?.alpha, 126178 / 166133)).toBeLessThan(1e-12)
    const win = rows.map((row) => row.result.winRate as RepOutcomeRate)
    expect(relative(win[0]?.shrunk, 727621 / 937431)).toBeLessThan(1e-12)
    expect(relative(win[1]?.shrunk, 624577 / 1874862)).toBeLessThan(1e-12)
    expect(relative(win[2]?.shrunk, 229222 / 272899)).toBeLessThan(1e-12)
    // Proposals 3/4, 1/2, 0/0: p̂ = 4/6, S = 9/4 + 1/2 − 6·4/9 = 1/12, S/(2/9) = 3/8 < k − 1 = 1
    // so ρ < 0: no prior, every shrunk is 2/3 with the pooled Wilson interval of 4 of 6.
    const proposals = rows.map((row) => row.result.proposalsToWin as RepOutcomeRate)
    expect(team.proposalsToWin?.prior).toBeNull()
    expect(proposals.map((rate) => rate.shrunk)).toEqual([4 / 6, 4 / 6, 4 / 6])
    expect(relative(proposals[0]?.lower, 0.299993315138392)).toBeLessThan(1e-9)
    expect(relative(proposals[0]?.upper, 0.9032285888942195)).toBeLessThan(1e-9)
    // Equal shrunk rates share rank 1; cy has no proposals, so no rank and no raw rate.
    expect(proposals.map((rate) => rate.rank)).toEqual([1, 1, null])
    expect(proposals[2]?.rate).toBeNull()
  })

  it('does not rank 2 of 2 above 40 of 60 (the issue-14 team)', () => {
    // The team of test/core/shrunkRates.test.ts (shrunk values verified there and in
    // test/reference/shrunk_rates.py): 2/2, 40/60, 10/40, 20/40, 8/20; shrunk(2/2) = 0.61506,
    // shrunk(40/60) = 0.65012.
    const team: [string, number, number][] = [
      ['r1', 2, 2],
      ['r2', 40, 60],
      ['r3', 10, 40],
      ['r4', 20, 40],
      ['r5', 8, 20],
    ]
    const opportunities: Opportunity[] = []
    for (const [owner, won, trials] of team) {
      for (let index = 0; index < trials; index++) {
        opportunities.push(deal(`${owner}-${index}`, owner, index < won ? 'won' : 'lost'))
      }
    }
    const { rows } = repOutcomeRates({ opportunities })
    const win = rows.map((row) => row.result.winRate as RepOutcomeRate)
    expect(win[0]?.rate).toBe(1)
    expect(win[0]?.shrunk).toBeCloseTo(0.61506, 5)
    expect(win[1]?.shrunk).toBeCloseTo(0.65012, 5)
    expect(win[1]?.rank).toBe(1)
    expect(win[0]?.rank).toBe(2)
  })

  it('judges as of asOf and within the from/to window', () => {
    const leads = [
      lead('x1', 'ana', true, true, day(1, 5)),
      // Converted on Jan 10, after asOf Jan 8: not yet converted.
      lead('x2', 'ana', true, true, day(1, 6)),
      // Created in March: outside the January–February window.
      lead('x3', 'ana', false, false, day(3, 1)),
    ]
    const opportunities = [
      deal('d1', 'ana', 'won', day(1, 7)),
      deal('d2', 'ana', 'won', day(1, 20)), // closed after asOf: undecided then
      deal('d3', 'ana', 'lost', day(3, 2)), // closed in March: outside the window
    ]
    const activities = [
      activity('p1', 'ana', 'proposal-sent', 'd1', day(1, 6)),
      activity('p2', 'ana', 'proposal-sent', 'd2', day(1, 9)),
    ]
    const { rows } = repOutcomeRates(
      { leads, opportunities, activities },
      { asOf: day(1, 8), from: '2026-01', to: '2026-02' },
    )
    const result = rows[0]?.result
    // x1 and x2 were contacted on Jan 6 (≤ asOf) but converted on Jan 10, after asOf: 0 of 2
    // converted, 2 of 2 contacted; x3 is outside the window. d1 won on Jan 7 with a proposal.
    expect([result?.leadConversionRate?.successes, result?.leadConversionRate?.trials]).toEqual([
      0, 2,
    ])
    expect([result?.leadContactRate?.successes, result?.leadContactRate?.trials]).toEqual([2, 2])
    expect([result?.winRate?.successes, result?.winRate?.trials]).toEqual([1, 1])
    expect([result?.proposalsToWin?.successes, result?.proposalsToWin?.trials]).toEqual([1, 1])
    // Without asOf, d2 is decided; the window still leaves out d3 and x3.
    const later = repOutcomeRates(
      { leads, opportunities, activities },
      { from: '2026-01', to: '2026-02' },
    ).rows[0]?.result
    expect([later?.winRate?.successes, later?.winRate?.trials]).toEqual([2, 2])
    expect([later?.proposalsToWin?.successes, later?.proposalsToWin?.trials]).toEqual([2, 2])
    expect(later?.leadConversionRate?.trials).toBe(2)
  })

  it('reads the window months in timeZone', () => {
    // Closed 2026-03-01T03:00Z = 2026-02-28 19:00 in Los Angeles: in February there.
    const opportunities = [deal('d1', 'ana', 'won', new Date(Date.UTC(2026, 2, 1, 3)))]
    const inUtc = repOutcomeRates({ opportunities }, { from: '2026-02', to: '2026-02' })
    const inLosAngeles = repOutcomeRates(
      { opportunities },
      { from: '2026-02', to: '2026-02', timeZone: 'America/Los_Angeles' },
    )
    expect(inUtc.rows[0]?.result.winRate?.trials).toBe(0)
    expect(inLosAngeles.rows[0]?.result.winRate?.trials).toBe(1)
  })

  it('passes withinDays to the lead rates', () => {
    // l5 of ben: contacted the day after creation (within 1 day); converted after 5 days.
    const { rows } = repOutcomeRates(
      { leads: LEADS },
      { withinDays: 1, asOf: day(3, 1), reps: ['ben'] },
    )
    expect(rows[0]?.result.leadContactRate?.successes).toBe(2)
    expect(rows[0]?.result.leadConversionRate?.successes).toBe(0)
  })

  it('reports the reps of the reps option, with zero trials, and leaves the others out', () => {
    const { rows, team } = repOutcomeRates({ opportunities: DEALS }, { reps: ['cy', 'dee', 'ana'] })
    expect(rows.map((row) => row.group)).toEqual(['cy', 'dee', 'ana'])
    // Team of cy and ana only: 2/2 and 8/10 → 10 of 12.
    expect(team.winRate).toMatchObject({ successes: 10, trials: 12 })
    const dee = rows[1]?.result.winRate
    expect(dee).toMatchObject({ successes: 0, trials: 0, rate: null, rank: null })
    expect(rows[1]?.n).toBe(0)
    // dee has no trials: the prior's mean (or the pooled rate without a prior), never null.
    expect(dee?.shrunk).not.toBeNull()
  })

  it('returns no rows for empty input, and null rates for lists not given', () => {
    expect(repOutcomeRates({})).toEqual({
      rows: [],
      team: {
        leadConversionRate: null,
        leadContactRate: null,
        winRate: null,
        proposalsToWin: null,
      },
      confidence: 0.95,
    })
    const empty = repOutcomeRates({ leads: [], opportunities: [], activities: [] })
    expect(empty.rows).toEqual([])
    expect(empty.team.winRate).toEqual({
      successes: 0,
      trials: 0,
      pooledRate: null,
      prior: null,
      lower: null,
      upper: null,
      confidence: 0.95,
    })
  })

  it('gives one rep its own counts, unshrunk (no team to fit)', () => {
    // One rep: k = 1 < 2, the prior is null and shrunk is the pooled rate = the rep's 3/5.
    const opportunities = [
      deal('1', 'ana', 'won'),
      deal('2', 'ana', 'won'),
      deal('3', 'ana', 'won'),
      deal('4', 'ana', 'lost'),
      deal('5', 'ana', 'lost'),
    ]
    const win = repOutcomeRates({ opportunities }).rows[0]?.result.winRate
    expect(win).toMatchObject({ successes: 3, trials: 5, rate: 0.6, shrunk: 0.6, rank: 1 })
  })

  it('includes reps with only activities, with zero trials', () => {
    const { rows } = repOutcomeRates({
      opportunities: [deal('1', 'ana', 'won')],
      activities: [activity('k', 'ben', 'call')],
    })
    expect(rows.map((row) => [row.group, row.result.winRate?.trials])).toEqual([
      ['ana', 1],
      ['ben', 0],
    ])
  })

  it('uses the confidence option for every interval', () => {
    const { rows, team, confidence } = repOutcomeRates(
      { opportunities: DEALS },
      { confidence: 0.9 },
    )
    expect(confidence).toBe(0.9)
    expect(rows[0]?.result.winRate?.confidence).toBe(0.9)
    // 13 of 22 at 90 %: scipy.stats.binomtest(13, 22).proportion_ci(confidence_level=0.9,
    // method='wilson') = (0.41794441786350656, 0.7439625649734536).
    expect(relative(team.winRate?.lower, 0.41794441786350656)).toBeLessThan(1e-12)
    expect(relative(team.winRate?.upper, 0.7439625649734536)).toBeLessThan(1e-12)
  })

  it('refuses bad options with INVALID_OPTION', () => {
    const input = { opportunities: DEALS }
    const metric = 'repOutcomeRates'
    expectMetricError(() => repOutcomeRates(input, { confidence: 1 }), 'INVALID_OPTION', {
      path: ['confidence'],
      metric,
    })
    expectMetricError(() => repOutcomeRates(input, { from: '2026-13' }), 'INVALID_OPTION', {
      path: ['from'],
      metric,
    })
    expectMetricError(
      () => repOutcomeRates(input, { from: '2026-03', to: '2026-02' }),
      'INVALID_OPTION',
      { path: ['to'], metric },
    )
    expectMetricError(() => repOutcomeRates(input, { timeZone: 'Mars/Base' }), 'INVALID_OPTION', {
      path: ['timeZone'],
      metric,
    })
    expectMetricError(() => repOutcomeRates(input, { withinDays: -1 }), 'INVALID_OPTION', {
      path: ['withinDays'],
      metric,
    })
    expectMetricError(() => repOutcomeRates(input, { withinDays: 3 }), 'INVALID_OPTION', {
      path: ['asOf'],
      metric,
    })
    expectMetricError(() => repOutcomeRates(input, { reps: ['ana', 'ana'] }), 'INVALID_OPTION', {
      path: ['reps', 1],
      metric,
    })
    expectMetricError(
      () => repOutcomeRates(input, { reps: 'ana' as unknown as string[] }),
      'INVALID_OPTION',
      { path: ['reps'], metric },
    )
    expectMetricError(
      () => repOutcomeRates(input, null as unknown as undefined),
      'INVALID_OPTION',
      { path: [], metric },
    )
    expectMetricError(
      () => repOutcomeRates(input, { asOf: new Date(Number.NaN) }),
      'INVALID_DATE',
      { path: ['asOf'], metric },
    )
  })

  it('refuses bad records with a path into the input, naming repOutcomeRates', () => {
    const metric = 'repOutcomeRates'
    expectMetricError(() => repOutcomeRates(null as never), 'INVALID_RECORD', {
      path: [],
      metric,
    })
    expectMetricError(
      () => repOutcomeRates({ leads: 'x' as unknown as Lead[] }),
      'VALUE_OUT_OF_RANGE',
      { path: ['leads'], metric },
    )
    expectMetricError(
      () =>
        repOutcomeRates({ leads: [LEADS[0] as Lead, { ...LEADS[1], createdAt: 'x' } as never] }),
      'INVALID_DATE',
      { path: ['leads', 1, 'createdAt'], metric },
    )
    expectMetricError(
      () =>
        repOutcomeRates({
          leads: [{ ...(LEADS[0] as Lead), convertedAt: day(1, 1) }],
        }),
      'END_BEFORE_START',
      { path: ['leads', 0, 'convertedAt'], metric },
    )
    expectMetricError(
      () => repOutcomeRates({ leads: [{ ...(LEADS[0] as Lead), ownerId: 7 as never }] }),
      'INVALID_RECORD',
      { path: ['leads', 0, 'ownerId'], metric },
    )
    expectMetricError(
      () =>
        repOutcomeRates({
          opportunities: [
            deal('1', 'ana', 'won'),
            { ...deal('2', 'ana', 'won'), status: 'maybe' as never },
          ],
        }),
      'VALUE_OUT_OF_RANGE',
      { path: ['opportunities', 1, 'status'], metric },
    )
    const noClose = { ...deal('2', 'ana', 'lost') } as { closedAt?: Date }
    delete noClose.closedAt
    expectMetricError(
      () => repOutcomeRates({ opportunities: [noClose as Opportunity] }),
      'MISSING_VALUE',
      { path: ['opportunities', 0, 'closedAt'], metric },
    )
    expectMetricError(
      () => repOutcomeRates({ opportunities: [deal('1', 'ana', 'won'), deal('1', 'ben', 'won')] }),
      'DUPLICATE_ID',
      { path: ['opportunities', 1, 'id'], metric },
    )
    expectMetricError(
      () => repOutcomeRates({ activities: [activity('k', 'ana', 'call'), 5 as never] }),
      'INVALID_RECORD',
      { path: ['activities', 1], metric },
    )
    expectMetricError(
      () =>
        repOutcomeRates({
          activities: [{ ...activity('k', 'ana', 'call'), at: new Date(Number.NaN) }],
        }),
      'INVALID_DATE',
      { path: ['activities', 0, 'at'], metric },
    )
    expectMetricError(
      () =>
        repOutcomeRates({
          activities: [{ ...activity('k', 'ana', 'call'), opportunityId: 3 as never }],
        }),
      'INVALID_RECORD',
      { path: ['activities', 0, 'opportunityId'], metric },
    )
  })

  it('does not depend on the host time zone', () => {
    // The same call under TZ=America/Los_Angeles (npm test runs the suite twice) must give
    // the UTC months; here the host zone is whatever the run uses, and the window is UTC.
    const opportunities = [deal('d1', 'ana', 'won', new Date(Date.UTC(2026, 2, 1, 3)))]
    expect(
      repOutcomeRates({ opportunities }, { from: '2026-03', to: '2026-03' }).rows[0]?.result.winRate
        ?.trials,
    ).toBe(1)
  })

  it('does not mutate its input', () => {
    const leads = structuredClone(LEADS)
    const deals = structuredClone(DEALS)
    const activities = structuredClone(ACTIVITIES)
    repOutcomeRates({ leads, opportunities: deals, activities })
    expect(leads).toEqual(LEADS)
    expect(deals).toEqual(DEALS)
    expect(activities).toEqual(ACTIVITIES)
  })

  it('keeps rates in [0, 1], lower ≤ shrunk ≤ upper for log-concave posteriors, and ignores record order (property)', () => {
    const owners = ['ana', 'ben', 'cy', 'dee']
    const dealArbitrary = fc.record({
      owner: fc.constantFrom(...owners),
      status: fc.constantFrom('won' as const, 'lost' as const, 'open' as const),
      proposal: fc.boolean(),
    })
    fc.assert(
      fc.property(
        fc.array(dealArbitrary, { maxLength: 60 }),
        fc.array(
          fc.record({
            owner: fc.constantFrom(...owners),
            contacted: fc.boolean(),
            converted: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        fc.integer(),
        (specs, leadSpecs, seed) => {
          const opportunities = specs.map((spec, index) =>
            deal(`d${index}`, spec.owner, spec.status),
          )
          const activities = specs.flatMap((spec, index) =>
            spec.proposal ? [activity(`p${index}`, spec.owner, 'proposal-sent', `d${index}`)] : [],
          )
          const leads = leadSpecs.map((spec, index) =>
            lead(`l${index}`, spec.owner, spec.contacted, spec.converted),
          )
          const result = repOutcomeRates({ leads, opportunities, activities })
          for (const row of result.rows) {
            for (const name of REP_OUTCOME_RATE_NAMES) {
              const rate = row.result[name]
              if (rate === null || rate.shrunk === null) continue
              for (const value of [rate.rate, rate.shrunk, rate.lower, rate.upper]) {
                if (value === null) continue
                expect(value).toBeGreaterThanOrEqual(0)
                expect(value).toBeLessThanOrEqual(1)
              }
              // A rep without trials has no interval when the fit pools nothing (ρ ≥ 1).
              if (rate.lower === null || rate.upper === null) {
                expect(rate.trials).toBe(0)
                continue
              }
              expect(rate.lower).toBeLessThanOrEqual(rate.upper)
              // shrunk is the posterior mean; the interval is equal-tailed. The mean lies inside
              // it whenever the posterior Beta(s + α, n − s + β) is log-concave (both shapes
              // ≥ 1: a log-concave law puts at least 1/e of its mass on each side of its mean,
              // the one-dimensional Grünbaum bound), and always for the Wilson fallbacks (no prior, or α = 0). With
              // a near-degenerate prior it need not: Beta(1.0015, 0.0020) has mean 0.99802 and
              // a 2.5 % quantile of 0.999997 (scipy.stats.beta.ppf), so no such check there.
              const prior = result.team[name]?.prior ?? null
              const logConcave =
                prior === null ||
                prior.alpha === 0 ||
                (rate.successes + prior.alpha >= 1 &&
                  rate.trials - rate.successes + prior.beta >= 1)
              if (logConcave) {
                expect(rate.lower).toBeLessThanOrEqual(rate.shrunk + 1e-12)
                expect(rate.shrunk).toBeLessThanOrEqual(rate.upper + 1e-12)
              }
            }
          }
          // Reversed and rotated lists give the same rows (reps sorted by id).
          const rotate = <T>(list: T[]) => {
            const cut = list.length === 0 ? 0 : Math.abs(seed) % list.length
            return [...list.slice(cut), ...list.slice(0, cut)].reverse()
          }
          const shuffled = repOutcomeRates({
            leads: rotate(leads),
            opportunities: rotate(opportunities),
            activities: rotate(activities),
          })
          expect(shuffled.rows.map((row) => row.group)).toEqual(result.rows.map((row) => row.group))
          for (let index = 0; index < result.rows.length; index++) {
            for (const name of REP_OUTCOME_RATE_NAMES) {
              const a = result.rows[index]?.result[name]
              const b = shuffled.rows[index]?.result[name]
              expect([b?.successes, b?.trials, b?.rank]).toEqual([a?.successes, a?.trials, a?.rank])
              if (a?.shrunk != null) expect(b?.shrunk).toBeCloseTo(a.shrunk, 12)
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
