import { describe, expect, it } from 'vitest'
import { collectStageSpells } from '../../src/pipeline/stageSpells.js'
import { expectMetricError } from '../helpers.js'
import { day, deal } from './fixtures.js'

describe('stageSpells', () => {
  it('collects finished spells and the current spell of open deals at asOf', () => {
    const { finished, current } = collectStageSpells(
      [deal('open', ['A', 'B']), deal('lost', ['A'])],
      day(10).getTime(),
      'm',
    )
    expect(finished.get('A')).toEqual([1, 1])
    expect(current.get(0)).toEqual({ stage: 'B', days: 8 })
  })

  it('has no current spells without asOf, and refuses histories out of order', () => {
    expect(collectStageSpells([deal('open', ['A'])], null, 'm').current.size).toBe(0)
    const backwards = deal('lost', [], {
      stageHistory: [
        { stage: 'A', enteredAt: day(5) },
        { stage: 'B', enteredAt: day(3) },
      ],
    })
    expectMetricError(() => collectStageSpells([backwards], null, 'm'), 'END_BEFORE_START', {
      path: [0, 'stageHistory', 1, 'enteredAt'],
    })
  })
})
