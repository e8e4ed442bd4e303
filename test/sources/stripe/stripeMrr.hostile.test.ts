import { describe, expect, it } from 'vitest'
import { stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'
import { expectMetricError } from '../../helpers.js'
import { copy, fixture } from './fixtures.js'

const january = { months: ['2026-01'] }
const monthly = fixture('monthly')[0] as Record<string, unknown>

describe('stripeMrr on hostile input: a rejection, never a crash', () => {
  it('never copies __proto__, constructor or prototype keys into records', () => {
    // JSON.parse makes "__proto__" an own key, as a JSON body from the network would.
    const polluted = JSON.parse(
      JSON.stringify(monthly).replace(
        '{"id":"sub_monthly"',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":1,"id":"sub_monthly"',
      ),
    ) as unknown
    expect(Object.hasOwn(polluted as object, '__proto__')).toBe(true)
    const { records, rejected } = stripeMrr([polluted], { months: ['2026-02'] })
    expect(rejected).toEqual([])
    const [record] = records
    // $49.00 as in the clean fixture.
    expect(record?.amount.toString()).toBe('49')
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(Object.hasOwn(record as object, key)).toBe(false)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
  })

  it('keeps customers named like prototype keys apart', () => {
    const names = ['__proto__', 'constructor', 'hasOwnProperty']
    const subscriptions = names.map((name, n) => ({
      ...copy(monthly),
      id: `sub_${n}`,
      customer: name,
    }))
    const { records } = stripeMrr(subscriptions, { months: ['2026-02'] })
    expect(records.map((record) => record.accountId)).toEqual([...names].sort())
  })

  it('rejects a subscription whose getter throws, and reads the others', () => {
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
      },
    )
    const { records, rejected } = stripeMrr([trap, copy(monthly)], { months: ['2026-02'] })
    expect(records).toHaveLength(1)
    expect(rejected).toEqual([
      {
        index: 0,
        issues: [{ path: [], message: expect.stringMatching(/could not be read.*boom/) }],
      },
    ])
  })

  it('rejects deeply nested JSON where a field is expected, without recursing into it', () => {
    let deep: Record<string, unknown> = {}
    for (let level = 0; level < 100_000; level++) deep = { next: deep }
    const nested = copy(monthly) as { items: { data: { price: Record<string, unknown> }[] } }
    ;(nested.items.data[0] as { price: Record<string, unknown> }).price.recurring = {
      interval: deep,
    }
    ;(nested as Record<string, unknown>).metadata = deep
    const { rejected } = stripeMrr([nested], january)
    expect(rejected[0]?.issues).toEqual([
      {
        path: ['items', 'data', 0, 'price', 'recurring', 'interval'],
        message: expect.stringMatching(/interval is a value of type object/),
      },
    ])
  })

  it('rejects a huge item list and a huge discount list with a reason', () => {
    const many = copy(monthly) as { items: { data: unknown[] } }
    const itemOne = many.items.data[0]
    many.items.data = new Array(1_000_000).fill(itemOne)
    expect(stripeMrr([many], january).rejected[0]?.issues[0]?.message).toMatch(
      /1000000 items; at most 100/,
    )
    const discounts = { ...copy(monthly), discounts: new Array(200_000).fill('di_1') }
    expect(stripeMrr([discounts], january).rejected[0]?.issues[0]?.message).toMatch(
      /200000 entries; at most 100/,
    )
  })

  it('rejects a 10 MB id, quoting only its start', () => {
    const huge = { ...copy(monthly), customer: 'c'.repeat(10_000_000) }
    const issue = stripeMrr([huge], january).rejected[0]?.issues[0]
    expect(issue?.path).toEqual(['customer'])
    expect(issue?.message.length).toBeLessThan(300)
  })

  it('reads 20,000 subscriptions in one call', () => {
    const subscriptions = Array.from({ length: 20_000 }, (_, n) => ({
      ...copy(monthly),
      id: `sub_${n}`,
      customer: `cus_${n % 5000}`,
    }))
    const { records, rejected } = stripeMrr(subscriptions, { months: ['2026-02'] })
    expect(rejected).toEqual([])
    // 5000 customers × 4 subscriptions × $49 = $196 each.
    expect(records).toHaveLength(5000)
    expect(records[0]?.amount.toString()).toBe('196')
  })

  it('never coerces: numbers as strings, NaN and Infinity are rejected', () => {
    const text = copy(monthly) as { items: { data: { price: Record<string, unknown> }[] } }
    const price = (text.items.data[0] as { price: Record<string, unknown> }).price
    price.unit_amount = '4900'
    price.unit_amount_decimal = null
    expect(stripeMrr([text], january).rejected[0]?.issues[0]?.path).toEqual([
      'items',
      'data',
      0,
      'price',
      'unit_amount',
    ])
    for (const start of [Number.NaN, Number.POSITIVE_INFINITY, '1767225600', 1.5, -1]) {
      const bad = { ...copy(monthly), start_date: start }
      expect(stripeMrr([bad], january).rejected[0]?.issues[0]?.path).toEqual(['start_date'])
    }
  })

  it('rejects values that are not subscriptions at all', () => {
    const values = [null, undefined, 42, 'sub_1', [], new Date(0), { object: 'invoice' }]
    const { records, rejected } = stripeMrr(values, january)
    expect(records).toEqual([])
    expect(rejected.map((entry) => entry.index)).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('turns an iterable that throws into INVALID_OPTION at subscriptions', () => {
    const throwing = {
      [Symbol.iterator]() {
        return {
          next() {
            throw new Error('disk gone')
          },
        }
      },
    }
    expectMetricError(() => stripeMrr(throwing, january), 'INVALID_OPTION', {
      path: ['subscriptions'],
      metric: 'stripeMrr',
    })
  })
})
