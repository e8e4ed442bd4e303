/**
 * `pipelineHygiene` beside `stalledOpportunities` (which runs only the stage-spell part) on
 * the same deals. Not additive, so there is no aggregator and no hand loop to compare with;
 * the ratio to `stalledOpportunities` is the steadier figure on a loaded machine.
 * 100,000 deals (75,000 open), every rule on with all data present (stage history, 3-entry
 * close-date and 2-entry amount histories, probabilities, one activity per deal); `flagEvery`
 * controls how many deals break rules (1 in `flagEvery`), `worst` makes every open deal break
 * ~5 rules. Mean of 5 runs after 2 warm-ups. Figures in BENCHMARKS.md.
 * Usage: npx tsx bench/pipelineHygiene.ts (or npm run bench, which runs it with the rest).
 */
import { resolve } from 'node:path'
import {
  type Activity,
  type Opportunity,
  pipelineHygiene,
  stalledOpportunities,
} from '../src/index.js'

const N = 100_000
const DAY = 86_400_000
const asOf = new Date('2026-11-29T12:00:00Z')

function make(flagEvery: number, worst: boolean): { deals: Opportunity[]; activities: Activity[] } {
  const deals: Opportunity[] = []
  const activities: Activity[] = []
  for (let i = 0; i < N; i++) {
    const open = i % 4 !== 0
    const bad = worst || i % flagEvery === 1
    deals.push({
      id: `d${i}`,
      ownerId: `o${i % 50}`,
      createdAt: new Date('2026-01-01'),
      amount: (i % 1000) * 10 + 0.5,
      status: open ? 'open' : 'won',
      ...(open ? {} : { closedAt: asOf }),
      expectedCloseAt: bad ? '2026-10-15' : '2026-12-15',
      probability: bad ? 0.9 : 0.5,
      stageHistory: [
        {
          stage: ['A', 'B', 'C'][i % 3] as string,
          enteredAt: new Date(asOf.getTime() - (i % 5) * DAY),
        },
      ],
      closeDateHistory: [
        { at: new Date('2026-01-01'), value: '2026-09-15' },
        { at: new Date('2026-02-01'), value: bad ? '2026-10-01' : '2026-09-15' },
        { at: new Date('2026-03-01'), value: bad ? '2026-10-15' : '2026-09-15' },
      ],
      amountHistory: [
        { at: new Date('2026-01-01'), value: 1000 },
        { at: new Date('2026-02-01'), value: bad ? 1500 : 1000 },
      ],
    })
    activities.push({
      id: `a${i}`,
      ownerId: 'x',
      type: 'call',
      at: new Date(asOf.getTime() - (bad ? 30 : 2) * DAY),
      opportunityId: `d${i}`,
    })
  }
  return { deals, activities }
}

function milliseconds(run: () => unknown): string {
  for (let r = 0; r < 2; r++) run()
  const start = performance.now()
  for (let r = 0; r < 5; r++) run()
  return ((performance.now() - start) / 5).toFixed(0)
}

/** Prints one line per case: open deals, flagged deals, flags and the two mean times. */
export function runPipelineHygieneBenchmarks(): void {
  console.log('\npipelineHygiene — 100,000 deals (75,000 open), every rule on')
  for (const [flagEvery, worst] of [
    [1_000_000, false],
    [10, false],
    [1, true],
  ] as const) {
    const { deals, activities } = make(flagEvery, worst)
    const options = { asOf, activities, stageProbabilities: { A: 0.5, B: 0.5, C: 0.5 } }
    const result = pipelineHygiene(deals, options)
    let flags = 0
    for (const deal of result.deals) flags += deal.flags.length
    console.log({
      open: result.open,
      flaggedDeals: result.flagged,
      flags,
      pipelineHygieneMs: milliseconds(() => pipelineHygiene(deals, options)),
      stalledOpportunitiesMs: milliseconds(() => stalledOpportunities(deals, { asOf })),
    })
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename)
  runPipelineHygieneBenchmarks()
