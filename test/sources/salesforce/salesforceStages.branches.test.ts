/**
 * Error paths of the `stages` option of salesforceOpportunities (src/sources/salesforce/
 * salesforceStages.ts): each malformed stage throws INVALID_OPTION at the path of the field
 * that is wrong, as the option's contract `{ name, closed, won, probability?, aliases? }` says.
 */
import { describe, expect, it } from 'vitest'
import { salesforceOpportunities } from '../../../src/sources/index.js'
import { expectMetricError } from '../../helpers.js'

const metric = 'salesforceOpportunities'
const run = (stages: unknown) => salesforceOpportunities({ opportunities: [] }, { stages } as never)
const ok = { name: 'Open', closed: false, won: false }

describe('salesforceOpportunities stages option (branches)', () => {
  it('rejects a stage that is not an object', () => {
    expectMetricError(() => run([ok, null]), 'INVALID_OPTION', { metric, path: ['stages', 1] })
    expectMetricError(() => run(['Open']), 'INVALID_OPTION', { metric, path: ['stages', 0] })
  })

  it('rejects a missing, blank or non-text name', () => {
    expectMetricError(() => run([{ closed: false, won: false }]), 'INVALID_OPTION', {
      metric,
      path: ['stages', 0, 'name'],
    })
    expectMetricError(() => run([{ ...ok, name: '  ' }]), 'INVALID_OPTION', {
      path: ['stages', 0, 'name'],
    })
    expectMetricError(() => run([ok, { ...ok, name: 7 }]), 'INVALID_OPTION', {
      path: ['stages', 1, 'name'],
    })
  })

  it('rejects closed and won that are not booleans', () => {
    expectMetricError(() => run([{ ...ok, closed: 'true' }]), 'INVALID_OPTION', {
      path: ['stages', 0, 'closed'],
    })
    expectMetricError(() => run([{ ...ok, won: 1 }]), 'INVALID_OPTION', {
      path: ['stages', 0, 'won'],
    })
  })

  it('rejects aliases that are not a list, and alias entries that are not names', () => {
    expectMetricError(() => run([{ ...ok, aliases: 'Old' }]), 'INVALID_OPTION', {
      path: ['stages', 0, 'aliases'],
    })
    expectMetricError(() => run([{ ...ok, aliases: ['Old', ''] }]), 'INVALID_OPTION', {
      path: ['stages', 0, 'aliases'],
    })
    expectMetricError(() => run([{ ...ok, aliases: [42] }]), 'INVALID_OPTION', {
      path: ['stages', 0, 'aliases'],
    })
  })

  it('accepts a valid list with aliases and no probability', () => {
    // With no opportunities nothing is read, but the option must pass its checks.
    const result = run([
      { ...ok, aliases: ['Qualifying'] },
      { name: 'Won', closed: true, won: true },
    ])
    expect(result.records).toEqual([])
    expect(result.rejected).toEqual([])
  })
})

describe('the stage list lookup (each stage text looked up once)', () => {
  it('finds a stage by name or alias in any case and spacing, the same on every row', async () => {
    const { readStageVocabulary } = await import(
      '../../../src/sources/salesforce/salesforceStages.js'
    )
    const stages = readStageVocabulary(
      {
        stages: [
          ok,
          { name: 'Contract Out', closed: false, won: false, aliases: ['Contract Sent'] },
        ],
      },
      metric,
    )
    // The same texts twice: the second answer comes from the per-text memo, and must agree.
    for (let round = 0; round < 2; round++) {
      expect(stages.find('Open')?.name).toBe('Open')
      expect(stages.find('  open ')?.name).toBe('Open')
      expect(stages.find('CONTRACT SENT')?.name).toBe('Contract Out')
      expect(stages.find('Negotiation')).toBeUndefined()
    }
    // Past 10,000 distinct texts the memo starts again; answers do not change.
    for (let index = 0; index < 10_050; index++) expect(stages.find(`x${index}`)).toBeUndefined()
    expect(stages.find('open')?.name).toBe('Open')
  })
})
