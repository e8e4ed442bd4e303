import { describe, expect, it } from 'vitest'
import { leadContactRate } from '../../src/pipeline/leadContactRate.js'
import { leadConversionRate } from '../../src/pipeline/leadConversionRate.js'
import { pipelineCoverage } from '../../src/pipeline/pipelineCoverage.js'
import { rankOpportunities } from '../../src/pipeline/rankOpportunities.js'
import { requiredPipelineCoverage } from '../../src/pipeline/requiredPipelineCoverage.js'
import { salesVelocity } from '../../src/pipeline/salesVelocity.js'
import { stageConversion } from '../../src/pipeline/stageConversion.js'
import { stalledOpportunities } from '../../src/pipeline/stalledOpportunities.js'
import { timeInStage } from '../../src/pipeline/timeInStage.js'
import { weightedPipeline } from '../../src/pipeline/weightedPipeline.js'
import { weightedPipelineAggregator } from '../../src/pipeline/weightedPipelineAggregator.js'
import { winRate } from '../../src/pipeline/winRate.js'
import { winRateAggregator } from '../../src/pipeline/winRateAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { runWithHangGuard } from '../hangGuard.js'
import { expectMetricError } from '../helpers.js'
import { day, deal } from './fixtures.js'

const hostile = <T>(value: unknown) => value as T

describe('pipeline inputs that used to throw bare TypeErrors (issue 12)', () => {
  it('winRate(null) is refused with a MetricInputError', () => {
    expectMetricError(() => winRate(hostile(null)), 'VALUE_OUT_OF_RANGE', {
      path: [],
      metric: 'winRate',
    })
  })

  it('a null among opportunities is refused at its index', () => {
    const deals = [deal('won', []), deal('lost', []), deal('open', [], { probability: 0.5 }), null]
    expectMetricError(() => winRate(hostile(deals)), 'INVALID_RECORD', {
      path: [3],
      metric: 'winRate',
    })
    expectMetricError(() => weightedPipeline(hostile(deals)), 'INVALID_RECORD', { path: [3] })
  })

  it('salesVelocity refuses a boolean win rate instead of reading true as 1', () => {
    expectMetricError(
      () =>
        salesVelocity(
          hostile({ opportunities: 5, averageDealSize: 10, winRate: true, salesCycleDays: 5 }),
        ),
      'RATE_OUT_OF_RANGE',
      { path: ['winRate'], metric: 'salesVelocity' },
    )
  })

  it('a row whose getter throws is refused with a MetricInputError, not the getter error', () => {
    const row = {
      ...deal('won', []),
      get status(): 'won' {
        throw new TypeError('boom')
      },
    }
    expectMetricError(() => winRate([row]), 'INVALID_RECORD', { metric: 'winRate' })
  })
})

describe('pipeline ratios and sums never give Infinity (issue 12)', () => {
  it('pipelineCoverage over a quota of 5e-324 is out of range, not Infinity', () => {
    // 1 / 5e-324 ≈ 2e323, above Number.MAX_VALUE (1.8e308): no finite number holds it.
    expectMetricError(
      () => pipelineCoverage({ openPipeline: 1, remainingQuota: 5e-324 }),
      'VALUE_OUT_OF_RANGE',
      { metric: 'pipelineCoverage' },
    )
  })

  it('an amount of 1e9000000000000001 is refused, not summed to Infinity', () => {
    const open = { ...deal('open', []), amount: '1e9000000000000001', probability: 0.5 }
    expectMetricError(() => weightedPipeline([open]), 'VALUE_OUT_OF_RANGE')
  })
})

describe('pipeline option values (issue 12)', () => {
  it('lead rates refuse bad option values with INVALID_OPTION', () => {
    const leads = [{ id: '1', createdAt: day(1) }]
    expectMetricError(
      () => leadConversionRate(leads, { withinDays: -1, asOf: day(3) }),
      'INVALID_OPTION',
      { path: ['withinDays'], metric: 'leadConversionRate' },
    )
    expectMetricError(
      () => leadContactRate(leads, { withinDays: Number.NaN, asOf: day(3) }),
      'INVALID_OPTION',
      { path: ['withinDays'] },
    )
    expectMetricError(() => leadConversionRate(leads, hostile(null)), 'INVALID_OPTION', {
      path: [],
    })
  })

  it('a confidence just below 1 gives finite Wilson bounds instead of NaN', () => {
    // z = −Φ⁻¹((1 − c)/2) with 1 − c = 1.11e-16 is 8.2924 (Python statistics.NormalDist, finite); one won deal of one:
    // the Wilson interval is then [1/(1 + z²), 1] ≈ [0.0143, 1] — finite, inside 0..1.
    const interval = winRate([deal('won', [])], { confidence: 0.9999999999999999 }).interval
    expect(interval?.lower).toBeCloseTo(1 / (1 + 8.2924 ** 2), 3)
    expect(interval?.upper).toBe(1)
  })

  it('stalledOpportunities refuses a bad quantile or minimumSpells with INVALID_OPTION', () => {
    expectMetricError(
      () => stalledOpportunities([], { asOf: day(1), quantile: 2 }),
      'INVALID_OPTION',
      { path: ['quantile'] },
    )
    expectMetricError(
      () => stalledOpportunities([], { asOf: day(1), minimumSpells: Number.NaN }),
      'INVALID_OPTION',
      { path: ['minimumSpells'] },
    )
  })

  it('rankOpportunities refuses stages that are not a list of strings', () => {
    expectMetricError(
      () => rankOpportunities([], hostile({ asOf: day(1), stages: 'AB' })),
      'INVALID_OPTION',
      { path: ['stages'] },
    )
  })
})

describe('pipeline aggregators refuse tampered and foreign states (issue 12)', () => {
  const byCount = winRateAggregator()
  const byAmount = winRateAggregator({ by: 'amount' })
  const weighted = weightedPipelineAggregator()

  it('winRateAggregator refuses fractional, negative, foreign and incomplete states', () => {
    expectMetricError(
      () => byCount.merge({ won: 1.5, lost: 0, currency: null }, byCount.initial()),
      'INVALID_STATE',
      { path: ['a', 'won'], metric: 'winRateAggregator' },
    )
    expectMetricError(
      () => byCount.result({ won: 1, lost: -1, currency: null }),
      'NEGATIVE_VALUE',
      { path: ['lost'] },
    )
    expectMetricError(() => byCount.result(hostile({ won: 1 })), 'INVALID_STATE', {
      path: ['lost'],
    })
    // Another aggregator's state is refused by shape.
    expectMetricError(() => byCount.result(hostile(weighted.initial())), 'INVALID_STATE')
    expectMetricError(() => byAmount.result(hostile(byCount.initial())), 'INVALID_STATE', {
      path: ['won'],
    })
    expectMetricError(
      () => byAmount.merge(byAmount.initial(), { won: '-5', lost: '0', currency: null }),
      'NEGATIVE_VALUE',
      { path: ['b', 'won'] },
    )
    expectMetricError(() => byCount.merge(hostile(null), byCount.initial()), 'INVALID_STATE', {
      path: ['a'],
    })
  })

  it('amount states must be exact: 37 significant digits would be rounded, so they are refused', () => {
    expectMetricError(
      () =>
        byAmount.result({
          won: '1.000000000000000000000000000000000001',
          lost: '0',
          currency: null,
        }),
      'VALUE_OUT_OF_RANGE',
      { path: ['won'], metric: 'winRateAggregator' },
    )
    expectMetricError(
      () => weighted.merge(weighted.initial(), { total: '1e9000000000000001', currency: null }),
      'VALUE_OUT_OF_RANGE',
      { path: ['b', 'total'] },
    )
  })

  it('weightedPipelineAggregator refuses negative, non-decimal and foreign states', () => {
    expectMetricError(() => weighted.result({ total: '-1', currency: null }), 'NEGATIVE_VALUE', {
      path: ['total'],
      metric: 'weightedPipelineAggregator',
    })
    expectMetricError(() => weighted.result({ total: '0x10', currency: null }), 'NOT_FINITE', {
      path: ['total'],
    })
    expectMetricError(
      () => weighted.merge(weighted.initial(), hostile(byCount.initial())),
      'INVALID_STATE',
    )
    expectMetricError(
      () => weighted.merge(weighted.initial(), { total: '1', currency: hostile(3) }),
      'INVALID_STATE',
      { path: ['b', 'currency'] },
    )
  })

  it('weightedPipelineAggregator names itself, not weightedPipeline, for a bad deal', () => {
    expectMetricError(
      () => weighted.add(weighted.initial(), { ...deal('open', []), probability: 2 }),
      'RATE_OUT_OF_RANGE',
      { metric: 'weightedPipelineAggregator', path: [0, 'probability'] },
    )
  })

  it('aggregator add refuses a row that is not an opportunity', () => {
    expectMetricError(() => byCount.add(byCount.initial(), hostile(null)), 'INVALID_RECORD')
    expectMetricError(() => weighted.add(weighted.initial(), hostile(5)), 'INVALID_RECORD')
  })
})

describe('rankOpportunities cost does not grow with stages × deals', () => {
  it('ranks 5,000 closed deals over 100,000 stages without a hang', () => {
    const stages = Array.from({ length: 100_000 }, (_, index) => `s${index}`)
    const last = stages[stages.length - 1] as string
    const deals: Opportunity[] = Array.from({ length: 5_000 }, (_, index) =>
      deal(index % 2 === 0 ? 'won' : 'lost', [last], { id: String(index) }),
    )
    // One open deal at the last stage, so the stage win rates are really computed.
    deals.push(deal('open', [last], { id: 'open' }))
    // stages × deals is 5 × 10^8 steps. BENCHMARKS.md, "Issue 12 fixes": 1.9 s before,
    // < 0.2 s after (40 ms here, notes/timing.md). The hang guard catches a hang.
    const ranked = runWithHangGuard(
      () => rankOpportunities(deals, { asOf: day(30), stages }),
      'rankOpportunities on 5,000 deals over 100,000 stages',
    )
    // Hand count: all 5,000 closed deals reached the last stage and the even-numbered 2,500
    // were won, so p = 2,500 / 5,000 = 0.5 and the open deal's expected value 1,000 × 0.5 = 500.
    expect(
      ranked.map((row) => [row.id, row.probabilitySource, row.expectedValue?.toString()]),
    ).toEqual([['open', 'stage-history', '500']])
  })
})

describe('more pipeline edges found by the hostile sweep (issue 12)', () => {
  it('requiredPipelineCoverage refuses true and a win rate whose inverse overflows', () => {
    expectMetricError(() => requiredPipelineCoverage(hostile(true)), 'RATE_OUT_OF_RANGE', {
      path: ['winRate'],
    })
    // 1 / 5e-324 ≈ 2e323 > Number.MAX_VALUE.
    expectMetricError(() => requiredPipelineCoverage(5e-324), 'VALUE_OUT_OF_RANGE', {
      metric: 'requiredPipelineCoverage',
    })
  })

  it('a stageHistory that is not an array, or an entry that is null, is refused with its path', () => {
    const stages = { stages: ['A'] }
    expectMetricError(
      () => stageConversion([{ ...deal('open', []), stageHistory: hostile(null) }], stages),
      'MISSING_VALUE',
      { path: [0, 'stageHistory'], metric: 'stageConversion' },
    )
    expectMetricError(
      () => timeInStage([{ ...deal('open', []), stageHistory: hostile([null]) }]),
      'INVALID_RECORD',
      { path: [0, 'stageHistory', 0], metric: 'timeInStage' },
    )
    expectMetricError(() => timeInStage([], hostile({ stages: 'AB' })), 'INVALID_OPTION', {
      path: ['stages'],
    })
  })

  it('a currency that is not a string and rates that are not an object are refused', () => {
    expectMetricError(
      () => winRate([deal('won', [], { currency: hostile(5) })], { by: 'amount' }),
      'INVALID_RECORD',
      { path: [0, 'currency'] },
    )
    expectMetricError(
      () => weightedPipeline([], hostile({ rates: null, baseCurrency: 'USD' })),
      'INVALID_OPTION',
      { path: ['rates'] },
    )
  })

  it('a group key that is not a string is refused instead of breaking the group sort', () => {
    const leads = [
      { id: '1', createdAt: day(1), source: hostile<string>(Symbol('s')) },
      { id: '2', createdAt: day(1), source: 'web' },
    ]
    expectMetricError(() => leadConversionRate(leads, { groupBy: 'source' }), 'INVALID_RECORD', {
      path: [0, 'source'],
    })
  })
})
