/**
 * Branches of readStageIndex (src/sources/hubspot/hubspotPipelines.ts), the checker of the
 * `stages` input of hubspotDeals: malformed pipelines and stages throw INVALID_RECORD at the
 * path of the bad field; alternative id fields (pipelineId, stageId), numeric ids, absent
 * metadata and aliases are accepted as its doc comment says.
 */
import { describe, expect, it } from 'vitest'
import { readStageIndex } from '../../../src/sources/hubspot/hubspotPipelines.js'
import { expectMetricError } from '../../helpers.js'

const metric = 'hubspotDeals'
const read = (input: unknown) => readStageIndex(input, metric)
const stage = (fields: Record<string, unknown> = {}) => ({ id: 's1', label: 'Open', ...fields })
const bad = (input: unknown, path: (string | number)[]) =>
  expectMetricError(() => read(input), 'INVALID_RECORD', { metric, path })

describe('readStageIndex (branches)', () => {
  it('rejects a pipeline entry that is not an object', () => {
    bad([{ id: 'p1', label: 'P1', stages: [] }, 5], ['stages', 1])
  })

  it('rejects a stage entry that is not an object', () => {
    bad([stage(), 'x'], ['stages', 1])
    bad([{ id: 'p1', label: 'P1', stages: [null] }], ['stages', 0, 'stages', 0])
  })

  it('rejects a displayOrder that is not a finite number', () => {
    bad([stage({ displayOrder: 'first' })], ['stages', 0, 'displayOrder'])
  })

  it('rejects metadata that is not an object', () => {
    bad([stage({ metadata: 'closed' })], ['stages', 0, 'metadata'])
  })

  it('rejects an isClosed that is neither true nor false', () => {
    bad([stage({ metadata: { isClosed: 'yes' } })], ['stages', 0, 'metadata', 'isClosed'])
  })

  it('rejects probabilities outside 0–1 or not numeric', () => {
    bad([stage({ metadata: { probability: 'high' } })], ['stages', 0, 'metadata', 'probability'])
    bad([stage({ metadata: { probability: 1.5 } })], ['stages', 0, 'metadata', 'probability'])
    bad([stage({ metadata: { probability: '-0.2' } })], ['stages', 0, 'metadata', 'probability'])
  })

  it('rejects aliases that are not a list, and alias entries that are not labels', () => {
    bad([stage({ aliases: 'Old' })], ['stages', 0, 'aliases'])
    bad([stage({ aliases: ['Old', ' '] })], ['stages', 0, 'aliases'])
    bad([stage({ aliases: [3] })], ['stages', 0, 'aliases'])
  })

  it('rejects a missing id and a non-finite numeric id', () => {
    bad([{ label: 'Open' }], ['stages', 0, 'id'])
    bad([stage({ id: Number.NaN })], ['stages', 0, 'id'])
    bad([{ label: 'P', stages: [] }], ['stages', 0, 'id'])
  })

  it('reads pipelineId / stageId, numeric ids, and stages without metadata', () => {
    const index = read([
      {
        pipelineId: 'p9',
        label: 'Enterprise',
        stages: [
          { stageId: 12, label: 'Discovery' },
          { id: 'won', label: 'Won', metadata: { isClosed: true, probability: 1 } },
          { id: 'maybe', label: 'Maybe', metadata: { isClosed: 'false', probability: '' } },
        ],
      },
    ])
    // stageId 12 (a finite number) becomes the text '12'; no metadata → open, not won, and
    // no probability key at all; displayOrder defaults to the index (0) in pipeline 0.
    expect(index.find('12')).toEqual([
      {
        id: '12',
        label: 'Discovery',
        pipelineId: 'p9',
        pipelineLabel: 'Enterprise',
        order: 0,
        closed: false,
        won: false,
      },
    ])
    // isClosed true and probability 1 (a number) → closed won, order 0 * 1e6 + 1.
    expect(index.find('Won', 'Enterprise')).toEqual([
      expect.objectContaining({ id: 'won', closed: true, won: true, probability: 1, order: 1 }),
    ])
    expect(index.find('won', 'p9')).toHaveLength(1)
    // probability '' reads as absent: the open stage has no probability key.
    expect(index.find('maybe')[0]).not.toHaveProperty('probability')
    expect(index.find('won', 'other pipeline')).toEqual([])
    expect(index.findLabelled('discovery (enterprise)')).toEqual([
      expect.objectContaining({ id: '12' }),
    ])
    expect(index.findLabelled('Nowhere (Enterprise)')).toEqual([])
  })

  it('a closed stage with a blank probability is rejected (closed needs 0 or 1)', () => {
    // probability '' reads as undefined, and a closed stage must have probability 0 or 1.
    bad(
      [stage({ metadata: { isClosed: 'true', probability: null } })],
      ['stages', 0, 'metadata', 'probability'],
    )
  })

  it('files a stage once under a name its id and label share, and twice-used labels both', () => {
    const index = read([
      { id: 'Open', label: 'open' },
      { id: 'o2', label: 'Open', aliases: ['OPEN'] },
    ])
    // 'open' keys: stage 0 by id and (again, not duplicated) by label; stage 1 by label and
    // its alias (again, not duplicated) → two stages, each once.
    expect(index.find('open').map((found) => found.id)).toEqual(['Open', 'o2'])
    // flat list → one pipeline 'default' labelled 'Sales Pipeline'.
    expect(index.findLabelled('open (sales pipeline)')).toHaveLength(2)
  })
})
