import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../../src/core/MetricInputError.js'
import { salesforceActivities, salesforceLeads, sourceChunks } from '../../../src/sources/index.js'

async function collect<T>(chunks: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const chunk of chunks) all.push(chunk)
  return all
}

const lead = (id: number, createdAt = '2026-01-05T09:00:00Z') => ({
  Id: `00Q${id}`,
  CreatedDate: createdAt,
})

describe('sourceChunks', () => {
  it('matches the documented example', async () => {
    async function* stream() {
      yield { Id: '00Q1', CreatedDate: '2026-01-05T09:00:00Z' }
      yield { Id: '00Q2', CreatedDate: 'not a date' }
      yield { Id: '00Q3', CreatedDate: '2026-01-07T09:00:00Z' }
    }
    const chunks = await collect(sourceChunks(salesforceLeads, stream(), { chunkSize: 2 }))
    expect(chunks.map((chunk) => chunk.records.length)).toEqual([1, 1])
    expect(chunks[0]?.rejected[0]?.index).toBe(1)
  })

  it('gives the one-shot result, rejections indexed in the whole stream, for any chunk size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        async (good, chunkSize) => {
          const rows = good.map((ok, index) => lead(index, ok ? '2026-01-05T09:00:00Z' : 'bad'))
          const whole = salesforceLeads(rows)
          const chunks = await collect(sourceChunks(salesforceLeads, rows, { chunkSize }))
          expect(chunks.flatMap((chunk) => chunk.records)).toEqual(whole.records)
          expect(chunks.flatMap((chunk) => chunk.rejected)).toEqual(whole.rejected)
          expect(chunks.length).toBe(Math.ceil(rows.length / chunkSize))
        },
      ),
    )
  })

  it('holds one chunk at a time: the adapter never sees more than chunkSize rows, rows are pulled lazily', async () => {
    let pulled = 0
    function* stream() {
      for (let index = 0; index < 10; index++) {
        pulled++
        yield lead(index)
      }
    }
    const sizes: number[] = []
    const adapter = (rows: unknown[]) => {
      sizes.push(rows.length)
      return salesforceLeads(rows)
    }
    const iterator = sourceChunks(adapter, stream(), { chunkSize: 4 })
    await iterator.next()
    expect(pulled).toBe(4)
    await collect(iterator)
    expect(sizes).toEqual([4, 4, 2])
  })

  it('wraps a two-list adapter, and throws the first bad row with its stream index', async () => {
    const tasks = [
      { Id: '1', OwnerId: 'u', CreatedDate: '2026-01-05T09:00:00Z' },
      { Id: '2', OwnerId: 'u', CreatedDate: '2026-01-05T09:00:00Z' },
      { Id: '3', CreatedDate: '2026-01-05T09:00:00Z' },
    ]
    const taskRows = (rows: unknown[], options?: { onInvalid?: 'collect' | 'throw' }) =>
      salesforceActivities({ tasks: rows }, options)
    const chunks = await collect(sourceChunks(taskRows, tasks, { chunkSize: 2 }))
    expect(chunks[1]?.rejected).toEqual([
      { index: 2, issues: [{ path: ['OwnerId'], message: 'no column OwnerId' }] },
    ])
    const error = await collect(
      sourceChunks(salesforceLeads, [lead(1), lead(2, 'x')], { chunkSize: 1, onInvalid: 'throw' }),
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MetricInputError)
    expect((error as MetricInputError).code).toBe('INVALID_RECORD')
    expect((error as MetricInputError).path).toEqual([1, 'CreatedDate'])
    expect((error as MetricInputError).metric).toBe('salesforceLeads')
  })

  it('refuses a bad chunk size and rows that are not iterable', async () => {
    for (const chunkSize of [0, 1.5, -1, 2_000_000, '10']) {
      const error = await collect(
        sourceChunks(salesforceLeads, [], { chunkSize: chunkSize as number }),
      ).catch((caught: unknown) => caught)
      expect((error as MetricInputError).code, String(chunkSize)).toBe('INVALID_OPTION')
      expect((error as MetricInputError).path).toEqual(['chunkSize'])
    }
    const notRows = await collect(sourceChunks(salesforceLeads, 5 as never)).catch(
      (caught: unknown) => caught,
    )
    expect((notRows as MetricInputError).code).toBe('VALUE_OUT_OF_RANGE')
    function* broken() {
      yield lead(1)
      throw new Error('disk')
    }
    const failing = await collect(sourceChunks(salesforceLeads, broken())).catch(
      (caught: unknown) => caught,
    )
    expect((failing as MetricInputError).message).toMatch(/could not be read at row 1: "disk"/)
  })
})
