import { describe, expect, it } from 'vitest'
import { timeInStage } from '../../src/pipeline/timeInStage.js'
import { expectMetricError } from '../helpers.js'
import { day, deal } from './fixtures.js'

describe('timeInStage', () => {
  it('measures finished spells per stage, counting a re-entered stage twice', () => {
    const deals = [
      // D: day 1 → 3 (2 days), P: 3 → 4 (1), D again: 4 → 10 (6), closed day 10
      deal('lost', ['Demo', 'Proposal', 'Demo'], {
        stageHistory: [
          { stage: 'Demo', enteredAt: day(1) },
          { stage: 'Proposal', enteredAt: day(3) },
          { stage: 'Demo', enteredAt: day(4) },
        ],
        closedAt: day(10),
      }),
      // D: 1 → 5 (4), P from day 5, still open
      deal('open', ['Demo', 'Proposal'], {
        stageHistory: [
          { stage: 'Demo', enteredAt: day(1) },
          { stage: 'Proposal', enteredAt: day(5) },
        ],
      }),
    ]
    const rows = timeInStage(deals, { asOf: day(20) })
    expect(rows).toEqual([
      { stage: 'Demo', spells: 3, meanDays: 4, medianDays: 4, p90Days: 5.6, inStageNow: 0 },
      { stage: 'Proposal', spells: 1, meanDays: 1, medianDays: 1, p90Days: 1, inStageNow: 1 },
    ])
  })

  it('reports chosen stages in order, with nulls where nothing finished', () => {
    const rows = timeInStage([deal('open', ['Demo'])], { stages: ['Demo', 'Legal'] })
    expect(rows).toEqual([
      { stage: 'Demo', spells: 0, meanDays: null, medianDays: null, p90Days: null, inStageNow: 0 },
      { stage: 'Legal', spells: 0, meanDays: null, medianDays: null, p90Days: null, inStageNow: 0 },
    ])
    expect(timeInStage([])).toEqual([])
  })

  it('refuses a history out of order, or one that runs past closedAt', () => {
    const late = deal('won', ['Demo'], {
      stageHistory: [{ stage: 'Demo', enteredAt: day(9) }],
      closedAt: day(3),
    })
    expectMetricError(() => timeInStage([late]), 'END_BEFORE_START', {
      path: [0, 'stageHistory', 0, 'enteredAt'],
    })
    expectMetricError(() => timeInStage([], { asOf: new Date('x') }), 'INVALID_DATE', {
      path: ['asOf'],
    })
  })

  it('matches the documented example', () => {
    const rows = timeInStage([
      {
        id: '1',
        createdAt: day(1),
        amount: 1,
        status: 'won',
        closedAt: day(11),
        stageHistory: [
          { stage: 'Demo', enteredAt: day(1) },
          { stage: 'Proposal', enteredAt: day(5) },
        ],
      },
    ])
    expect(rows.map((row) => [row.stage, row.meanDays])).toEqual([
      ['Demo', 4],
      ['Proposal', 6],
    ])
  })
})
