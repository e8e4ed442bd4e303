/**
 * Less-used branches of hubspotContacts and the shared HubSpot row helpers (hubspotRows.ts):
 * unreadable object ids and deal associations (v3, legacy, export cell), blank association
 * entries, epoch numbers out of range, contacts without a lifecycle stage, and a mapped
 * contactedAt column (kept, or rejected when before creation). Expected values are worked by
 * hand in the comments.
 */
import { describe, expect, it } from 'vitest'
import { hubspotContacts } from '../../../src/sources/index.js'

const created = '2026-01-05T09:00:00Z'
const contact = (fields: Record<string, unknown> = {}) => ({
  hs_object_id: '51',
  createdate: created,
  ...fields,
})
const apiContact = (id: unknown, associations?: unknown) => ({
  id,
  properties: { createdate: created },
  createdAt: created,
  ...(associations === undefined ? {} : { associations }),
})
const paths = (result: ReturnType<typeof hubspotContacts>) =>
  result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])

describe('hubspotContacts (branches)', () => {
  it('rejects an API object whose id is not text, at id', () => {
    const result = hubspotContacts([apiContact(['51'])])
    expect(result.records).toEqual([])
    expect(result.rejected[0]?.issues[0]?.path).toEqual(['id'])
    expect(result.rejected[0]?.issues[0]?.message).toMatch(/^expected an id/)
  })

  it('rejects unreadable deal associations at associations or at the export column', () => {
    const result = hubspotContacts([
      apiContact('1', { deals: { results: [7] } }), // v3 result not an object
      apiContact('2', { dealIds: 'x' }), // legacy ids not a list
      apiContact('3', { dealIds: [''] }), // legacy id blank
      contact({ 'Associated Deal IDs': { id: 1 } }), // export cell not text
    ])
    expect(paths(result)).toEqual([
      [0, [['associations']]],
      [1, [['associations']]],
      [2, [['associations']]],
      [3, [['Associated Deal IDs']]],
    ])
  })

  it('reads no deal from a blank association cell or a list starting with ";"', () => {
    const result = hubspotContacts([
      contact({ 'Associated Deal IDs': '' }),
      contact({ hs_object_id: '52', 'Associated Deal IDs': ';9001' }),
      apiContact('53', { dealIds: ['9002'] }),
    ])
    // Only the legacy list gives a first deal id; the others have none.
    expect(result.records.map((lead) => [lead.id, lead.opportunityId])).toEqual([
      ['51', undefined],
      ['52', undefined],
      ['53', '9002'],
    ])
  })

  it('rejects a createdate epoch number that is not whole milliseconds', () => {
    const result = hubspotContacts([contact({ createdate: -5 }), contact({ createdate: 1.5 })])
    expect(paths(result)).toEqual([
      [0, [['createdate']]],
      [1, [['createdate']]],
    ])
  })

  it('a contact with no lifecycle stage is simply not converted', () => {
    const result = hubspotContacts([contact()])
    expect(result.records).toEqual([{ id: '51', createdAt: new Date(created) }])
  })

  it('keeps a mapped contactedAt and rejects one before creation', () => {
    const result = hubspotContacts(
      [
        contact({ first_touch: '2026-01-06T10:00:00Z' }),
        contact({ hs_object_id: '52', first_touch: '2026-01-04T10:00:00Z' }),
      ],
      { columns: { contactedAt: 'first_touch' } },
    )
    expect(result.records).toEqual([
      { id: '51', createdAt: new Date(created), contactedAt: new Date('2026-01-06T10:00:00Z') },
    ])
    expect(paths(result)).toEqual([[1, [['first_touch']]]])
    expect(result.rejected[0]?.issues[0]?.message).toBe(
      'the contact was contacted before it was created',
    )
  })
})
