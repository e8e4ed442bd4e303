/**
 * Less-used branches of salesforceOpportunities: history rows without an id or for no
 * exported deal (reported in `unmatched`), field-history rows with blank or unreadable
 * values, the earliest change giving the value at creation, field history for a rejected
 * deal, a closed deal with no CloseDate column, and LastStageChangeDate. Expected values are
 * worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest'
import { salesforceOpportunities } from '../../../src/sources/index.js'

const deal = (fields: Record<string, unknown> = {}) => ({
  Id: '0061',
  CreatedDate: '2026-01-05T09:00:00.000Z',
  StageName: 'Prospecting',
  CloseDate: '2026-03-31',
  Amount: '1000',
  ...fields,
})
const created = new Date('2026-01-05T09:00:00.000Z')
const change = (fields: Record<string, unknown>) => ({
  OpportunityId: '0061',
  CreatedDate: '2026-01-10T10:00:00.000Z',
  ...fields,
})

describe('salesforceOpportunities (branches)', () => {
  it('reports history rows with no OpportunityId or an unknown one as unmatched', () => {
    const result = salesforceOpportunities({
      opportunities: [deal()],
      history: [
        { CreatedDate: '2026-01-10T10:00:00Z', StageName: 'Qualification' },
        { OpportunityId: '9999', CreatedDate: '2026-01-10T10:00:00Z', StageName: 'Qualification' },
      ],
      fieldHistory: [
        { CreatedDate: '2026-01-10T10:00:00Z', Field: 'StageName', NewValue: 'Qualification' },
        { OpportunityId: '9999', CreatedDate: '2026-01-10T10:00:00Z', Field: 'Amount' },
      ],
    })
    // Neither history row touches deal 0061: it keeps its one stage from creation.
    expect(result.records[0]?.stageHistory).toEqual([{ stage: 'Prospecting', enteredAt: created }])
    const report = (rows: typeof result.unmatched.history) =>
      rows.map((row) => [row.index, row.issues.map((issue) => issue.path)])
    expect(report(result.unmatched.history)).toEqual([
      [0, [['OpportunityId']]],
      [1, [['OpportunityId']]],
    ])
    expect(report(result.unmatched.fieldHistory)).toEqual([
      [0, [['OpportunityId']]],
      [1, [['OpportunityId']]],
    ])
    expect(result.unmatched.history[1]?.issues[0]?.message).toMatch(
      /no opportunity row has Id 9999/,
    )
  })

  it('a history row without StageName changes only the close date, not the stage', () => {
    const { records } = salesforceOpportunities({
      opportunities: [deal()],
      history: [change({ CloseDate: '2026-04-30' })],
    })
    // The only event has no stage → stage history falls back to the current stage at creation.
    expect(records[0]?.stageHistory).toEqual([{ stage: 'Prospecting', enteredAt: created }])
    expect(records[0]?.closeDateHistory).toEqual([
      { at: new Date('2026-01-10T10:00:00.000Z'), value: '2026-04-30' },
    ])
  })

  it('uses LastStageChangeDate as the entry time when no event names a stage', () => {
    const { records } = salesforceOpportunities({
      opportunities: [deal({ LastStageChangeDate: '2026-01-08T12:00:00.000Z' })],
      fieldHistory: [change({ Field: 'Amount', OldValue: '', NewValue: '1000' })],
    })
    // Amount events only (OldValue blank → no value at creation): the stage entered at
    // LastStageChangeDate.
    expect(records[0]?.stageHistory).toEqual([
      { stage: 'Prospecting', enteredAt: new Date('2026-01-08T12:00:00.000Z') },
    ])
    expect(records[0]?.amountHistory).toEqual([
      { at: new Date('2026-01-10T10:00:00.000Z'), value: '1000' },
    ])
  })

  it('field-history rows with blank values add nothing for that side, unknown stages stay raw', () => {
    const { records } = salesforceOpportunities({
      opportunities: [deal({ StageName: 'Custom Review', IsClosed: 'false', IsWon: 'false' })],
      fieldHistory: [
        // StageName change with no old value: only the new (unknown, kept as written) stage.
        change({ Field: 'StageName', OldValue: '', NewValue: 'Custom Review' }),
        // CloseDate change with no new value: only the old value, at creation.
        change({ Field: 'CloseDate', OldValue: '2026-03-31', NewValue: '' }),
      ],
    })
    expect(records[0]?.stageHistory).toEqual([
      { stage: 'Custom Review', enteredAt: new Date('2026-01-10T10:00:00.000Z') },
    ])
    expect(records[0]?.closeDateHistory).toEqual([{ at: created, value: '2026-03-31' }])
  })

  it('the earliest change of a field gives its value at creation, whatever the row order', () => {
    const { records } = salesforceOpportunities({
      opportunities: [deal({ Amount: '3000' })],
      fieldHistory: [
        // Rows 0 and 1 at the same time: row 0 (lower index) is first → old value 1000.
        change({
          Field: 'Amount',
          CreatedDate: '2026-01-20T00:00:00Z',
          OldValue: '1000',
          NewValue: '2000',
        }),
        change({
          Field: 'Amount',
          CreatedDate: '2026-01-20T00:00:00Z',
          OldValue: '1500',
          NewValue: '2000',
        }),
        // Row 2 later: not the first change.
        change({
          Field: 'Amount',
          CreatedDate: '2026-02-01T00:00:00Z',
          OldValue: '2000',
          NewValue: '3000',
        }),
        // Row 3 earlier than all: its old value 500 is the value at creation.
        change({
          Field: 'Amount',
          CreatedDate: '2026-01-15T00:00:00Z',
          OldValue: '500',
          NewValue: '1000',
        }),
      ],
    })
    // Events sorted: creation 500; Jan 15 1000; Jan 20 2000 (twice, deduplicated); Feb 1 3000.
    expect(records[0]?.amountHistory).toEqual([
      { at: created, value: '500' },
      { at: new Date('2026-01-15T00:00:00Z'), value: '1000' },
      { at: new Date('2026-01-20T00:00:00Z'), value: '2000' },
      { at: new Date('2026-02-01T00:00:00Z'), value: '3000' },
    ])
  })

  it('an unreadable field-history row rejects its deal at the fieldHistory path', () => {
    const { records, rejected } = salesforceOpportunities({
      opportunities: [deal()],
      fieldHistory: [change({ Field: 'Amount', CreatedDate: 'not a date', NewValue: '5' })],
    })
    expect(records).toEqual([])
    expect(rejected.map((row) => row.issues.map((issue) => issue.path))).toEqual([
      [['fieldHistory', 0, 'CreatedDate']],
    ])
  })

  it('a field-history row with no Field rejects its deal at the Field path', () => {
    const { rejected } = salesforceOpportunities({
      opportunities: [deal()],
      fieldHistory: [change({ NewValue: '5' })],
    })
    expect(rejected[0]?.issues.map((issue) => issue.path)).toEqual([['fieldHistory', 0, 'Field']])
  })

  it('field history of a deal rejected for its own row is joined but adds no record', () => {
    const { records, rejected, unmatched } = salesforceOpportunities({
      opportunities: [deal({ CreatedDate: 'never' })],
      fieldHistory: [change({ Field: 'Amount', OldValue: '1', NewValue: '2' })],
    })
    // The row's Id still matches the history row, so it is not unmatched.
    expect(records).toEqual([])
    expect(unmatched.fieldHistory).toEqual([])
    expect(rejected.map((row) => row.issues.map((issue) => issue.path))).toEqual([
      [['CreatedDate']],
    ])
  })

  it('a closed deal without a CloseDate column is rejected at CloseDate', () => {
    const { CloseDate: _omitted, ...noCloseDate } = deal({ StageName: 'Closed Won' })
    const { rejected } = salesforceOpportunities({ opportunities: [noCloseDate] })
    expect(rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])).toEqual([
      [0, [['CloseDate']]],
    ])
    expect(rejected[0]?.issues[0]?.message).toMatch(/closed deal needs its CloseDate/)
  })

  it('a closed deal with no CloseDate column and another bad cell reports both', () => {
    const { CloseDate: _omitted, ...noCloseDate } = deal({
      StageName: 'Closed Lost',
      Amount: 'abc',
    })
    const { rejected } = salesforceOpportunities({ opportunities: [noCloseDate] })
    // The Amount issue is there already; the missing CloseDate is still added once.
    expect(rejected.map((row) => row.issues.map((issue) => issue.path))).toEqual([
      [['Amount'], ['CloseDate']],
    ])
  })
})
