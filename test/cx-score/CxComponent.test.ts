import { describe, expect, it } from 'vitest'
import { CX_DIRECTIONS } from '../../src/cx-score/CxComponent.js'

describe('CxComponent', () => {
  it('names both directions, higher-is-better first (the default)', () => {
    expect(CX_DIRECTIONS).toEqual(['higher-is-better', 'lower-is-better'])
  })
})
