import { describe, expect, it } from 'vitest'
import { LeadSchema } from '../../src/schemas/LeadSchema.js'

describe('LeadSchema', () => {
  it('reads a CSV lead row, and refuses contact or conversion before creation', () => {
    const lead = LeadSchema.parse({
      id: 'L-1',
      createdAt: '2026-03-02',
      convertedAt: '2026-03-05',
      ownerId: 'rep-ben',
    })
    expect(lead.convertedAt?.toISOString()).toBe('2026-03-05T00:00:00.000Z')
    expect(
      LeadSchema.safeParse({ id: 'L-1', createdAt: '2026-03-02', contactedAt: '2026-03-01' }).error
        ?.issues[0]?.path,
    ).toEqual(['contactedAt'])
    expect(LeadSchema.safeParse({ id: '', createdAt: '2026-03-02' }).success).toBe(false)
  })

  it('matches the documented example', () => {
    expect(
      LeadSchema.parse({
        id: 'L-1',
        createdAt: '2026-03-02T09:15:00Z',
        contactedAt: '',
        source: 'inbound',
      }),
    ).toEqual({
      id: 'L-1',
      createdAt: new Date('2026-03-02T09:15:00Z'),
      source: 'inbound',
    })
  })
})
