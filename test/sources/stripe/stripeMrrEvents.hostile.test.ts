import { describe, expect, it } from 'vitest'
import { stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'
import { copy, fixture } from './fixtures.js'

const months = ['2026-01', '2026-02']
/** $49.00 a month from 2026-01-10 (fixtures/monthly.json). */
const monthly = fixture('monthly')[0] as Record<string, unknown>

function event(id: string, created: number, object: unknown, previous?: unknown) {
  const data: Record<string, unknown> = { object }
  if (previous !== undefined) data.previous_attributes = previous
  return { id, object: 'event', type: 'customer.subscription.updated', created, data }
}

/** 2026-01-20T00:00Z in seconds. */
const JAN_20 = 1768867200

const trap = new Proxy(
  {},
  {
    get() {
      throw new Error('boom')
    },
    has() {
      throw new Error('boom')
    },
    getOwnPropertyDescriptor() {
      throw new Error('boom')
    },
    ownKeys() {
      throw new Error('boom')
    },
  },
)

describe('stripeMrr events on hostile input: a rejection, never a crash', () => {
  it('rejects an event whose getters throw, and one whose data.object throws', () => {
    const events = [trap, event('evt_1', JAN_20, trap)]
    const { records, rejected, rejectedEvents } = stripeMrr([copy(monthly)], { months, events })
    // Nothing used: the current object counts, $49 at both month ends.
    expect(records.map((record) => record.amount.toString())).toEqual(['49', '49'])
    expect(rejected).toEqual([])
    expect(rejectedEvents).toEqual([
      {
        index: 0,
        issues: [{ path: [], message: expect.stringMatching(/event could not be read.*boom/) }],
      },
      {
        index: 1,
        issues: [{ path: [], message: expect.stringMatching(/event could not be read.*boom/) }],
      },
    ])
  })

  it('rejects previous_attributes that throw, or that nest in a cycle, with the subscription', () => {
    for (const previous of [
      trap,
      (() => {
        const cycle: Record<string, unknown> = {}
        cycle.items = cycle
        return cycle
      })(),
    ]) {
      const current = copy(monthly) as Record<string, unknown>
      // The object nests the same cycle, so writing back would recurse forever without a limit.
      const now = { ...copy(monthly), items: previous }
      const { records, rejected, rejectedEvents } = stripeMrr([current], {
        months,
        events: [event('evt_1', JAN_20, now, previous)],
      })
      expect(records).toEqual([])
      expect(rejected[0]?.index).toBe(0)
      expect(rejectedEvents?.[0]?.index).toBe(0)
    }
  })

  it('never coerces: a created written as text, or NaN, is rejected', () => {
    for (const created of ['1768867200', Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5]) {
      const { rejectedEvents } = stripeMrr([copy(monthly)], {
        months,
        events: [event('evt_1', created as number, copy(monthly))],
      })
      expect(rejectedEvents?.[0]?.issues[0]?.path).toEqual(['created'])
    }
  })

  it('quotes only the start of a 10 MB event id', () => {
    const { rejectedEvents } = stripeMrr([copy(monthly)], {
      months,
      events: [event('e'.repeat(10_000_000), JAN_20, copy(monthly))],
    })
    const issue = rejectedEvents?.[0]?.issues[0]
    expect(issue?.path).toEqual(['id'])
    expect(issue?.message.length).toBeLessThan(300)
  })

  it('reads 20,000 events of 5,000 subscriptions in one call', () => {
    const subscriptions = Array.from({ length: 5_000 }, (_, n) => ({
      ...copy(monthly),
      id: `sub_${n}`,
      customer: `cus_${n}`,
    }))
    const events: unknown[] = []
    for (let n = 0; n < 5_000; n++)
      for (let k = 0; k < 4; k++)
        events.push(event(`evt_${n}_${k}`, JAN_20 + k * 86_400, subscriptions[n]))
    const { records, rejected, rejectedEvents } = stripeMrr(subscriptions, { months, events })
    expect(rejected).toEqual([])
    expect(rejectedEvents).toEqual([])
    // 5,000 customers × 2 month ends, $49 each.
    expect(records).toHaveLength(10_000)
  }, 30_000)
})
