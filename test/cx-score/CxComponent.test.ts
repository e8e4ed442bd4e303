import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  CX_DIRECTIONS,
  type CxComponent,
  type CxDirection,
} from '../../src/cx-score/CxComponent.js'
import { cxScore } from '../../src/cx-score/cxScore.js'
import { expectMetricError } from '../helpers.js'

const component = (direction?: CxDirection): CxComponent => ({
  name: 'Churn',
  value: 0.25,
  range: [0, 1],
  weight: 1,
  ...(direction === undefined ? {} : { direction }),
})

describe('CxComponent', () => {
  it('each of CX_DIRECTIONS scores its own way; the first (higher-is-better) is the default', () => {
    // 0.25 on [0, 1]: higher is better → 100 · 0.25 = 25; lower is better → 100 · (1 − 0.25) = 75.
    const expected: Record<CxDirection, number> = {
      'higher-is-better': 25,
      'lower-is-better': 75,
    }
    for (const direction of CX_DIRECTIONS) {
      expect(cxScore([component(direction)]).score, direction).toBeCloseTo(expected[direction], 12)
    }
    expect(cxScore([component()]).score).toBeCloseTo(expected[CX_DIRECTIONS[0]], 12)
    expect(CX_DIRECTIONS[0]).toBe('higher-is-better')
  })

  it('a direction outside CX_DIRECTIONS is refused with its path', () => {
    expectMetricError(() => cxScore([component('up' as CxDirection)]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'direction'],
      metric: 'cxScore',
    })
  })

  it('types (checked by tsc): CxDirection derives from CX_DIRECTIONS; a component needs a range', () => {
    expectTypeOf<CxDirection>().toEqualTypeOf<(typeof CX_DIRECTIONS)[number]>()
    expectTypeOf<'up'>().not.toExtend<CxDirection>()
    // @ts-expect-error: range is required
    const rangeless: CxComponent = { name: 'NPS', value: 1, weight: 1 }
    expectMetricError(() => cxScore([rangeless]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'range'],
      metric: 'cxScore',
    })
  })
})
