/**
 * Less-used branches of hubspotDeals: API objects with an unreadable id or company
 * association, duplicate ids without an hs_object_id property, a stage label shared by two
 * pipelines, a close time earlier on the creation day (in UTC and in a zone), stages without
 * probability, owner/source/segment columns, and equal entry times ordered by stage order.
 * Expected values are worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest'
import { hubspotDeals } from '../../../src/sources/index.js'

const STAGES = [
  { id: 'open', label: 'Open' },
  { id: 'review', label: 'Review', metadata: { probability: '0.5' } },
  { id: 'won', label: 'Won', metadata: { isClosed: 'true', probability: '1' } },
]
const api = (id: unknown, properties: Record<string, unknown>, extra = {}) => ({
  id,
  properties: { dealstage: 'open', ...properties },
  createdAt: '2026-01-05T09:00:00Z',
  ...extra,
})
const paths = (result: ReturnType<typeof hubspotDeals>) =>
  result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])

describe('hubspotDeals (branches)', () => {
  it('rejects an API object whose id is not text, at id', () => {
    const result = hubspotDeals({ stages: STAGES, deals: [api({ n: 1 }, {})] })
    expect(result.records).toEqual([])
    expect(result.rejected.map((row) => row.index)).toEqual([0])
    expect(result.rejected[0]?.issues[0]?.path).toEqual(['id'])
    expect(result.rejected[0]?.issues[0]?.message).toMatch(/^expected an id/)
  })

  it('rejects a second API object with the same id at id (no hs_object_id property)', () => {
    const result = hubspotDeals({ stages: STAGES, deals: [api('7', {}), api('7', {})] })
    expect(result.records.map((deal) => deal.id)).toEqual(['7'])
    expect(paths(result)).toEqual([[1, [['id']]]])
    expect(result.rejected[0]?.issues[0]?.message).toBe('deal 7 is also row 0')
  })

  it('rejects unreadable company associations, at associations or at the export column', () => {
    const result = hubspotDeals({
      stages: STAGES,
      deals: [
        api('1', {}, { associations: { companies: { results: 'none' } } }),
        {
          'Record ID': '2',
          'Create Date': '2026-01-05T09:00:00Z',
          'Deal Stage': 'Open',
          'Associated Company IDs': { id: 3 },
        },
      ],
    })
    expect(paths(result)).toEqual([
      [0, [['associations']]],
      [1, [['Associated Company IDs']]],
    ])
  })

  it('asks for the pipeline when a stage label is in two pipelines', () => {
    const pipelines = [
      { id: 'p1', label: 'New', stages: [{ id: 'a1', label: 'Demo' }] },
      { id: 'p2', label: 'Renewal', stages: [{ id: 'b1', label: 'Demo' }] },
    ]
    const result = hubspotDeals({ stages: pipelines, deals: [api('1', { dealstage: 'Demo' })] })
    expect(paths(result)).toEqual([[0, [['dealstage']]]])
    expect(result.rejected[0]?.issues[0]?.message).toMatch(
      /is in 2 pipelines; the row needs its pipeline/,
    )
    // With the pipeline given, the one stage of that pipeline is found.
    const given = hubspotDeals({
      stages: pipelines,
      deals: [api('1', { dealstage: 'Demo', pipeline: 'p2' })],
    })
    expect(given.records[0]?.stageHistory).toEqual([
      { stage: 'Demo', enteredAt: new Date('2026-01-05T09:00:00Z') },
    ])
  })

  it('a close time earlier on the creation day is moved to the creation time', () => {
    // Created 09:00Z, closed 08:00Z the same UTC day → closedAt = createdAt.
    const utc = hubspotDeals({
      stages: STAGES,
      deals: [api('1', { dealstage: 'won', closedate: '2026-01-05T08:00:00Z' })],
    })
    expect(utc.records[0]?.closedAt).toEqual(new Date('2026-01-05T09:00:00Z'))
    expect(utc.records[0]?.status).toBe('won')
    // In Tokyo (UTC+9) 09:00Z is 18:00 and 08:00Z is 17:00 on 5 January: same local day.
    const tokyo = hubspotDeals(
      {
        stages: STAGES,
        deals: [api('1', { dealstage: 'won', closedate: '2026-01-05T08:00:00Z' })],
      },
      { timeZone: 'Asia/Tokyo' },
    )
    expect(tokyo.records[0]?.closedAt).toEqual(new Date('2026-01-05T09:00:00Z'))
    // In Tokyo, 14:00Z on 4 January is 23:00 on 4 January: the day before → rejected.
    const before = hubspotDeals(
      {
        stages: STAGES,
        deals: [api('1', { dealstage: 'won', closedate: '2026-01-04T14:00:00Z' })],
      },
      { timeZone: 'Asia/Tokyo' },
    )
    expect(paths(before)).toEqual([[0, [['closedate']]]])
  })

  it('copies owner, source and a mapped segment; no probability for a stage without one', () => {
    const result = hubspotDeals(
      {
        stages: STAGES,
        deals: [
          api('1', {
            hubspot_owner_id: '512',
            hs_analytics_source: 'ORGANIC_SEARCH',
            tier: 'Enterprise',
          }),
        ],
      },
      { columns: { segment: 'tier' } },
    )
    expect(result.records[0]).toEqual({
      id: '1',
      createdAt: new Date('2026-01-05T09:00:00Z'),
      status: 'open',
      stageHistory: [{ stage: 'Open', enteredAt: new Date('2026-01-05T09:00:00Z') }],
      ownerId: '512',
      segment: 'Enterprise',
      source: 'ORGANIC_SEARCH',
    })
  })

  it('orders stages entered at the same time by their display order', () => {
    // Both entered at 10:00Z; Open (order 0) before Review (order 1); current stage Review.
    const result = hubspotDeals({
      stages: STAGES,
      deals: [
        api('1', {
          dealstage: 'review',
          hs_date_entered_review: '2026-01-06T10:00:00Z',
          hs_date_entered_open: '2026-01-06T10:00:00Z',
        }),
      ],
    })
    expect(result.records[0]?.stageHistory).toEqual([
      { stage: 'Open', enteredAt: new Date('2026-01-06T10:00:00Z') },
      { stage: 'Review', enteredAt: new Date('2026-01-06T10:00:00Z') },
    ])
    expect(result.records[0]?.probability).toBe(0.5)
  })

  it('ignores header keys longer than 600 characters when looking for stage-date columns', () => {
    // Trimmed, this key would read as hs_date_entered_open; at 620 characters it is skipped,
    // so the deal enters Open at creation, not on 6 January.
    const key = `hs_date_entered_open${' '.repeat(600)}`
    const result = hubspotDeals({
      stages: STAGES,
      deals: [api('1', { [key]: '2026-01-06T10:00:00Z' })],
    })
    expect(result.records[0]?.stageHistory).toEqual([
      { stage: 'Open', enteredAt: new Date('2026-01-05T09:00:00Z') },
    ])
  })

  it('orders entry columns written in any order by time, then display order, in every row', () => {
    // Columns in reverse display order; row 1: Won 10 Jan, Review and Open both 6 Jan →
    // Open (order 0) before Review (order 1) at the tie, then Won. Row 2 (same layout):
    // Open 7 Jan, Review 5 Jan → Review first, then Open; the deal is open at Open, which it
    // entered last, so no re-entry is added.
    const columns = (won: string, review: string, open: string) => ({
      hs_date_entered_won: won,
      hs_date_entered_review: review,
      hs_date_entered_open: open,
    })
    const result = hubspotDeals({
      stages: STAGES,
      deals: [
        api('1', {
          dealstage: 'won',
          closedate: '2026-01-10T12:00:00Z',
          ...columns('2026-01-10T12:00:00Z', '2026-01-06T08:00:00Z', '2026-01-06T08:00:00Z'),
        }),
        api('2', {
          dealstage: 'open',
          ...columns('', '2026-01-05T10:00:00Z', '2026-01-07T08:00:00Z'),
        }),
      ],
    })
    expect(result.rejected).toEqual([])
    expect(result.records.map((deal) => deal.stageHistory)).toEqual([
      [
        { stage: 'Open', enteredAt: new Date('2026-01-06T08:00:00Z') },
        { stage: 'Review', enteredAt: new Date('2026-01-06T08:00:00Z') },
        { stage: 'Won', enteredAt: new Date('2026-01-10T12:00:00Z') },
      ],
      [
        { stage: 'Review', enteredAt: new Date('2026-01-05T10:00:00Z') },
        { stage: 'Open', enteredAt: new Date('2026-01-07T08:00:00Z') },
      ],
    ])
  })
})
